"""The command group, and what every command shares: refusals worded for a
person, with the bad-input exit code."""

from __future__ import annotations

from pathlib import Path

import click

from inspector.i18n import t
from inspector.cli.words import WordedGroup
from inspector.settings import ENV_DB, ENV_LANG, LANGUAGES, Settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
EXIT_BAD_INPUT = 2
# Commands that do not open the laptop database named by --db (the office's own
# file, the demo's throwaway one): the rest refuse an office database there.
NOT_ON_LAPTOP_DB = frozenset({"office", "checklists", "demo"})


class UserError(click.ClickException):
    """A refusal worded for a person; exits with the bad-input code, no traceback."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file=None) -> None:
        click.echo(self.message, err=True)


@click.group(cls=WordedGroup, invoke_without_command=True)
@click.option("--db", type=click.Path(dir_okay=False), envvar=ENV_DB)
@click.option("--lang", type=click.Choice(LANGUAGES), envvar=ENV_LANG)
@click.version_option(package_name="inspector")
@click.pass_context
def cli(ctx: click.Context, db: str | None, lang: str | None) -> None:
    """未来社区督导 — offline inspection of future-community projects."""
    ctx.obj = settings = Settings.resolve(db=db, lang=lang)
    if ctx.invoked_subcommand not in NOT_ON_LAPTOP_DB:
        _refuse_office_db(settings)
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.get_command(ctx, "tui"))  # no command: open the interface


def _refuse_office_db(settings: Settings) -> None:
    """An office database given as a laptop's: say what it is and which command
    opens it, before anything tries to migrate it as a laptop's."""
    from inspector.store.connection import database_kind_at

    if database_kind_at(settings.db_path) == "office":
        raise UserError(t("cli.error", settings.lang, message=t(
            "office.db_is_office", settings.lang, path=settings.db_path)))


def run_interface(app) -> None:
    """Run a terminal interface made by tui.factory.make_app to its end."""
    try:
        app.run()
    finally:
        app.close_writer()  # whatever was queued reaches the disk before we exit
    if app.return_code:  # it ended on an error, already said in one line
        raise SystemExit(app.return_code)


def confirmed(question: str) -> bool:
    """Ask yes/no (no by default). No answer at all (end of input, Ctrl+C)
    is a no, not click's English "Aborted!"."""
    try:
        return click.confirm(question, default=False, err=True)
    except click.Abort:
        click.echo("", err=True)
        return False


def cause(exc: BaseException, lang: str, path=None) -> str:
    """What went wrong, in the user's language, for a message that names the
    file or database itself (an OSError by its errno, without its file).
    SQLite says "disk I/O error" when a full disk leaves no room even for the
    file it reads a database through: with the database's `path`, a full
    disk is said as such."""
    import sqlite3

    from inspector.i18n import t
    from inspector.i18n.said import os_error, say

    if isinstance(exc, OSError):
        return os_error(exc, lang)
    if path is not None and isinstance(exc, sqlite3.Error):
        import os
        import shutil
        from pathlib import Path

        text, folder = str(exc).lower(), Path(path).parent
        try:
            if "disk i/o error" in text and shutil.disk_usage(folder).free < 1024 * 1024:
                return t("system.db.disk_full", lang)
            # a database in WAL mode needs to write beside itself even to be read
            if ("unable to open" in text or "readonly" in text or "disk i/o error" in text) \
                    and folder.is_dir() and not os.access(folder, os.W_OK):
                return t("system.db.folder_read_only", lang, folder=folder)
        except OSError:
            pass
    return say(exc, lang)


def _input_error(exc, lang: str) -> str:
    """An InputFileError in the user's language (i18n/where.py says how)."""
    from inspector.i18n.where import input_error

    return input_error(exc, lang)
