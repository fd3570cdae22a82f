"""The command group, and what every command shares: refusals worded for a
person, with the bad-input exit code."""

from __future__ import annotations

import re
from pathlib import Path

import click

from inspector.i18n import t
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


@click.group(invoke_without_command=True)
@click.option("--db", type=click.Path(dir_okay=False), envvar=ENV_DB, help="Database file (default: in the user data folder).")
@click.option("--lang", type=click.Choice(LANGUAGES), envvar=ENV_LANG, help="Language of the interface (zh default, en).")
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


def _input_error(exc, lang: str) -> str:
    """An InputFileError in the user's language where it names its refusal.
    Texts that start with {where} get the file, row or record, and column or
    field in that language too (params named *_record likewise)."""
    if exc.code:
        params = {key: _record(value, lang) if key.endswith("_record") else value
                  for key, value in exc.params.items()}
        return t(f"load.{exc.code}", lang, file=exc.file, where=_where(exc, lang), **params)
    error = getattr(exc, "error", None)
    if error is not None:
        from inspector.i18n.validation import explain, more

        what = t(f"validation.what.{exc.what}", lang) if exc.what else ""
        return t("validation.invalid", lang, where=_where(exc, lang), problem=explain(error, lang, what=what),
                 more=more(exc.more, lang))
    return str(exc)


_ROW = re.compile(r"(row|line) (\d+)(?: \((.+)\))?")


def _record(record: str, lang: str) -> str:
    """`row 3 (HZ-GL-001)`, `line 4` as the user's language says them; a JSON
    record (projects[0]) is a path, the same in every language."""
    found = _ROW.fullmatch(record)
    if found is None:
        return record
    kind, row, code = found.groups()
    if code:
        return t("load.where_row_code", lang, row=row, code=code)
    return t(f"load.where_{kind}", lang, row=row)


def _where(exc, lang: str) -> str:
    parts = [exc.file]
    if exc.record:
        parts.append(_record(exc.record, lang))
    if exc.field:
        in_a_row = exc.record is not None and _ROW.fullmatch(exc.record) is not None  # a CSV column
        field = exc.field
        if not in_a_row:  # a JSON field by the name people know (城市); a CSV column by the file's own header
            from inspector.i18n.validation import field_name

            field = field_name(exc.field, lang)
        parts.append(t("load.where_column" if in_a_row else "load.where_field", lang, field=field))
    return t("load.where_sep", lang).join(parts)

