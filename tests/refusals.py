"""A pytest plugin that records, for the whole session, every message a
refusal puts in front of a user, with the t() calls that built it, so that
tests/test_zz_refusals.py can check each in both languages at the end.

Where a user sees words: a command's stderr (click.echo with err=True, which
UserError.show, the last-line "internal error" and the per-file lines of
`office ingest` all use; click's own usage errors through click.exceptions'
echo), the interface's error and warning notifications (App.notify, where
every Screen.notify goes) and a dialog's refusals (Dialog.refuse, refuse_at).
A refusal that knows its words (say(), input_error()) is kept as the object,
to be said in both languages at the end.

Recording is cheap on purpose: the observer appends a tuple; the per-test
buffer is emptied when each test starts; the checking waits for the end.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import pytest

from inspector import i18n
from script_check import SAID

WALK = "test_zz_refusals.py::test_every_refusal_in_its_users_script"


@dataclass
class Seen:
    """One message a user saw (`text`, in `lang`), or a refusal object
    (`said`) to say in both languages."""

    test: str
    where: str
    lang: str
    text: str = ""
    chain: list = field(default_factory=list)
    said: object = None


class _State:
    test = ""
    lang: str | None = None  # the language of the command running now (None: no command)
    depth = 0  # inside say()/input_error(): only the outermost is kept
    in_show = False


state = _State()
calls: list = []  # t() calls since the last message was recorded (this test only)
seen: list[Seen] = []
originals: dict = {}  # say and input_error unwrapped, to say a kept refusal again


def _observe(key, lang, fields, output) -> None:
    calls.append((key, lang, fields, output))


def record(where: str, text: str, lang: str | None) -> None:
    if not text or not text.strip():
        return
    chain = calls[:]
    calls.clear()
    if lang is None:  # no command told us: the language of the outermost words
        lang = chain[-1][1] if chain else i18n.DEFAULT_LANG
    seen.append(Seen(state.test, where, lang, str(text), chain))


def _command_lang(args) -> str:
    args = list(sys.argv[1:] if args is None else args)
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return (os.environ.get("INSPECTOR_LANG") or i18n.DEFAULT_LANG).lower()


def _known(lang: str) -> str:
    """A language the tables do not hold (--lang fr) is answered in the default one."""
    return lang if lang in i18n.LANGS else i18n.DEFAULT_LANG


def _wrap_cli() -> None:
    import click
    import click.exceptions

    from inspector.cli.base import UserError, cli

    group_main = cli.main

    def main(args=None, *rest, **options):
        before, state.lang = state.lang, _known(_command_lang(args))
        try:
            return group_main(args, *rest, **options)
        finally:
            state.lang = before

    cli.main = main  # the instance's, so CliRunner and inspector.cli.main both pass here

    echo = click.echo

    def echo_err(message=None, file=None, nl=True, err=False, color=None):
        if err and not state.in_show and message is not None:
            record("stderr", str(message), state.lang)
        return echo(message, file=file, nl=nl, err=err, color=color)

    click.echo = echo_err

    usage_echo = click.exceptions.echo

    def echo_usage(message=None, file=None, nl=True, err=False, color=None):
        if message:  # click's own refusals (usage errors, "Aborted!")
            record("click", str(message), state.lang)
        return usage_echo(message, file=file, nl=nl, err=err, color=color)

    click.exceptions.echo = echo_usage

    show = UserError.show

    def show_refusal(self, file=None):
        record("refusal", self.format_message(), state.lang)
        state.in_show = True
        try:
            return show(self, file)
        finally:
            state.in_show = False

    UserError.show = show_refusal


def _wrap_interface() -> None:
    from textual.app import App

    from inspector.tui.dialogs.base import Dialog

    notify = App.notify

    def notify_seen(self, message, *args, **options):
        if options.get("severity") in ("error", "warning"):
            record(f"notify:{options['severity']}", str(message), getattr(self, "lang", None))
        return notify(self, message, *args, **options)

    App.notify = notify_seen
    refuse, refuse_at = Dialog.refuse, Dialog.refuse_at

    def refuse_seen(self, message):
        record("dialog", str(message), getattr(self, "lang", None))
        return refuse(self, message)

    def refuse_at_seen(self, widget, message):
        record("dialog", str(message), getattr(self, "lang", None))
        return refuse_at(self, widget, message)

    Dialog.refuse, Dialog.refuse_at = refuse_seen, refuse_at_seen


def _keep_said(module, name: str) -> None:
    """Keep each refusal object said by module.name (the outermost call only)."""
    inner = originals[name] = getattr(module, name)

    def said(exc, lang, *args, **options):
        state.depth += 1
        try:
            output = inner(exc, lang, *args, **options)
        finally:
            state.depth -= 1
        if state.depth == 0:
            seen.append(Seen(state.test, name, lang, said=exc))
            # The message around it is said again with this said whole.
            calls.append((SAID, lang, {"again": lambda there: inner(exc, there, *args, **options)}, output))
        return output

    setattr(module, name, said)


def _wrap_said() -> None:
    # Before any test module imports say by name: conftest loads this first.
    from inspector.i18n import said, where

    _keep_said(said, "say")
    _keep_said(where, "input_error")


def pytest_configure(config) -> None:
    _wrap_said()
    _wrap_cli()
    _wrap_interface()
    i18n.observers.append(_observe)


def pytest_unconfigure(config) -> None:
    if _observe in i18n.observers:
        i18n.observers.remove(_observe)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items) -> None:
    """The walk goes last: it checks what every test before it recorded."""
    walks = [item for item in items if item.nodeid.endswith(WALK)]
    if walks:
        items[:] = [item for item in items if item not in walks] + walks


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item) -> None:
    state.test, state.lang = item.nodeid, None
    calls.clear()
