"""Command line: thin wrappers over the core. Heavy imports wait for the command that needs them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from inspector.i18n import t
from inspector.settings import ENV_DB, ENV_LANG, LANGUAGES, Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXIT_BAD_INPUT = 2


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
    ctx.obj = Settings.resolve(db=db, lang=lang)
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def load(settings: Settings, files: tuple[Path, ...]) -> None:
    """Load assignment files (.json, or a .zip holding one) into the database.

    Each file is loaded whole or not at all; a refused file changes nothing.
    """
    failed = False
    for file in files:
        try:
            receipt = _receipt_text(file)
            message = _load_receipt(settings, file, receipt) if receipt else _load_one(settings, file)
        except UserError as exc:
            failed = True
            exc.show()
            continue
        click.echo(message)
    if failed:
        raise SystemExit(EXIT_BAD_INPUT)


RECEIPT_MAX_BYTES = 1 << 20


def _receipt_text(file: Path) -> str | None:
    """The text of `file` if it is a signed receipt (small, and says so)."""
    import json

    try:
        if file.stat().st_size > RECEIPT_MAX_BYTES:
            return None
        text = file.read_bytes().decode("utf-8")
        head = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None  # whatever it is, the assignment reader says what is wrong
    if isinstance(head, dict) and head.get("format") == "inspector-signed" and head.get("kind") == "receipt":
        return text
    return None


def _load_receipt(settings: Settings, file: Path, text: str) -> str:
    from inspector.bundle.receipts import ReceiptError, accept_receipt
    from inspector.store import open_db

    lang = settings.lang
    db = open_db(settings.db_path)
    try:
        accepted = accept_receipt(db, text)
    except ReceiptError as exc:
        raise UserError(t("cli.error", lang, message=f"{file}: {exc}")) from None
    finally:
        db.close()
    key = "receipt.already" if accepted.already else "receipt.loaded"
    return t(key, lang, file=file, sequence=accepted.sequence, acknowledged=accepted.acknowledged)


def _load_one(settings: Settings, file: Path) -> str:
    from inspector.assignment import read_assignment
    from inspector.assignment.errors import InputFileError
    from inspector.store import StoreError, open_db
    from inspector.store.assignments import save_assignment

    lang = settings.lang
    try:
        assignment = read_assignment(file)
    except InputFileError as exc:
        raise UserError(t("cli.error", lang, message=str(exc))) from None
    import sqlite3

    try:
        db = open_db(settings.db_path)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=exc))) from None
    try:
        outcome = save_assignment(db, assignment)
    except StoreError as exc:
        error = InputFileError(str(file), exc.message, record=exc.record, field=exc.field)
        raise UserError(t("cli.error", lang, message=str(error))) from None
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=exc))) from None
    finally:
        db.close()
    key = {"loaded": "cli.loaded", "updated": "cli.updated", "unchanged": "cli.unchanged"}[outcome.status]
    return t(
        key, lang, assignment=outcome.assignment_id, round=outcome.round_name,
        inspector=outcome.inspector_name, projects=outcome.projects,
        templates=outcome.templates, problems=outcome.problems,
    )


@cli.command()
@click.pass_obj
def tui(settings: Settings) -> None:
    """Open the terminal interface on the database."""
    _check_database(settings)
    _run_app(settings)


def _run_app(settings: Settings) -> None:
    from inspector.tui.factory import make_app

    app = make_app(settings)
    try:
        app.run()
    finally:
        app.close_writer()  # whatever was queued reaches the disk before we exit


def _check_database(settings: Settings) -> None:
    """Create and migrate the database before the UI starts; refuse one that is not ours."""
    import sqlite3

    from inspector.store import open_db

    try:
        open_db(settings.db_path).close()
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", settings.lang, message=t(
            "app.db_error", settings.lang, path=settings.db_path, error=exc))) from None


@cli.command()
@click.pass_obj
def demo(settings: Settings) -> None:
    """Open the interface on the bundled sample assignment, in a throwaway database."""
    import shutil
    import tempfile

    assignment = FIXTURES / "assignment.json"
    if not assignment.is_file():
        raise UserError(t("cli.no_fixtures", settings.lang, path=FIXTURES))
    folder = Path(tempfile.mkdtemp(prefix="inspector-demo-"))
    try:
        demo_settings = Settings(db_path=folder / "demo.db", lang=settings.lang, data_dir=folder)
        _load_one(demo_settings, assignment)
        _run_app(demo_settings)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@cli.command("export")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the bundle in (default: bundles in the data folder).")
@click.option("--all", "full", is_flag=True, help="Everything recorded here, even what the office acknowledged.")
@click.pass_obj
def export(settings: Settings, out_dir: Path | None, full: bool) -> None:
    """Write a sync bundle for the office: what it has not acknowledged yet."""
    from inspector.bundle.writing import ExportError, NothingToExport, export_bundle
    from inspector.identity import IdentityError, load_identity

    lang = settings.lang
    _check_database(settings)
    try:
        me = load_identity(settings.data_dir / "identity")
    except IdentityError as exc:
        raise UserError(t("cli.error", lang, message=str(exc))) from None
    out_dir = out_dir or settings.data_dir / "bundles"
    bar = None
    if sys.stderr.isatty():
        bar = click.progressbar(length=100, label=t("export.progress", lang), file=sys.stderr)
        bar.__enter__()

    def progress(done: int, total: int) -> None:
        if bar is not None:
            bar.update(int(100 * done / total) - bar.pos)

    try:
        made = export_bundle(settings.db_path, settings.data_dir / "photos", me, out_dir, full=full,
                             progress=progress)
    except NothingToExport as nothing:
        click.echo(t("export.nothing", lang, acknowledged=nothing.acknowledged))
        return
    except (ExportError, IdentityError) as exc:
        raise UserError(t("cli.error", lang, message=str(exc))) from None
    except OSError as exc:
        raise UserError(t("cli.error", lang, message=f"{out_dir}: {exc.strerror or exc}")) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(made.summary(lang))


@cli.group()
def identity() -> None:
    """This inspector's identity: the key pair bundles are signed with."""


@identity.command("init")
@click.option("--id", "identity_id", required=True, help="Inspector id, as the office knows it (e.g. zhangwei).")
@click.option("--name", required=True, help="Full name (e.g. 张伟).")
@click.option("--replace", is_flag=True, help="Make a new key pair even though one exists (the office must enrol it again).")
@click.pass_obj
def identity_init(settings: Settings, identity_id: str, name: str, replace: bool) -> None:
    """Create the identity and its Ed25519 key pair in the data folder."""
    from inspector.identity import IdentityError, create_identity

    try:
        made = create_identity(settings.data_dir / "identity", identity_id, name, replace=replace)
    except IdentityError as exc:
        raise UserError(t("cli.error", settings.lang, message=str(exc))) from None
    click.echo(t("identity.created", settings.lang, id=made.id, name=made.name, fingerprint=made.fingerprint))


@identity.command("show")
@click.pass_obj
def identity_show(settings: Settings) -> None:
    """Print the public key and its fingerprint, to hand to the office."""
    from inspector.identity import IdentityError, load_identity

    try:
        found = load_identity(settings.data_dir / "identity")
    except IdentityError as exc:
        raise UserError(t("cli.error", settings.lang, message=str(exc))) from None
    click.echo(t("identity.shown", settings.lang, id=found.id, name=found.name, key=found.public_key_text,
                 fingerprint=found.fingerprint))


@cli.group()
@click.option("--office-db", type=click.Path(dir_okay=False, path_type=Path), envvar="INSPECTOR_OFFICE_DB",
              help="Office database (default: office.db in the data folder).")
@click.pass_context
def office(ctx: click.Context, office_db: Path | None) -> None:
    """The central office (专班办公室): its key and the inspectors it knows."""
    settings: Settings = ctx.obj
    ctx.obj = (settings, office_db or settings.data_dir / "office.db")


@office.command("init")
@click.option("--id", "office_id", default="zhuanban", show_default=True, help="The office's id.")
@click.option("--name", default="未来社区专班办公室", show_default=True, help="The office's name.")
@click.pass_obj
def office_init(context, office_id: str, name: str) -> None:
    """Create the office database and the office's key pair."""
    from inspector.identity import IdentityError, create_identity
    from inspector.office.db import open_office_db

    settings, office_db = context
    try:
        made = create_identity(settings.data_dir / "office-identity", office_id, name)
    except IdentityError as exc:
        raise UserError(t("cli.error", settings.lang, message=str(exc))) from None
    open_office_db(office_db).close()
    click.echo(t("office.created", settings.lang, name=made.name, path=office_db, fingerprint=made.fingerprint))


@office.command("enrol")
@click.option("--id", "inspector_id", required=True, help="The inspector's id.")
@click.option("--name", required=True, help="The inspector's name.")
@click.option("--public-key", required=True, help="As printed by: inspector identity show.")
@click.option("--replace", is_flag=True, help="Replace the key on record (a reset laptop).")
@click.pass_obj
def office_enrol(context, inspector_id: str, name: str, public_key: str, replace: bool) -> None:
    """Register an inspector's public key; say the fingerprint back to them to confirm."""
    from inspector.identity import IdentityError
    from inspector.office.db import open_office_db
    from inspector.office.enrolment import enrol

    settings, office_db = context
    db = open_office_db(office_db)
    try:
        done = enrol(db, inspector_id, name, public_key, replace=replace)
    except IdentityError as exc:
        raise UserError(t("cli.error", settings.lang, message=str(exc))) from None
    finally:
        db.close()
    click.echo(t("office.enrolled", settings.lang, id=done.id, name=done.name, fingerprint=done.fingerprint))


# ------------------------------------------------------------ checklist editing
def _open_office(settings: Settings, office_db: Path):
    """The office database, migrated; a file that is not one is refused in one line."""
    import sqlite3

    from inspector.office.db import open_office_db

    try:
        return open_office_db(office_db)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", settings.lang, message=t(
            "app.db_error", settings.lang, path=office_db, error=exc))) from None


def _checklist_refusal(settings: Settings, exc: Exception) -> UserError:
    """A refused checklist operation as the lines a person reads: one a problem."""
    from inspector.checklists.errors import ChecklistInvalid, checklist_refusal

    lang = settings.lang
    lines = [checklist_refusal(exc, lang)]
    if isinstance(exc, ChecklistInvalid):
        lines += [t("checklists.problem_line", lang, where=p.where, field=p.field or "—", message=p.message)
                  for p in exc.problems]
    return UserError("\n".join(t("cli.error", lang, message=line) for line in lines))


def _run_editor(settings: Settings, office_db: Path) -> None:
    from inspector.tui.factory import make_app

    _open_office(settings, office_db).close()
    app = make_app(settings, start="checklists", office_db=office_db)
    try:
        app.run()
    finally:
        app.close_writer()


@cli.command("checklists")
@click.option("--office-db", type=click.Path(dir_okay=False, path_type=Path), envvar="INSPECTOR_OFFICE_DB",
              help="Office database (default: office.db in the data folder).")
@click.pass_obj
def checklists_editor(settings: Settings, office_db: Path | None) -> None:
    """Open the checklist editor on the office database (same as: office checklists edit)."""
    _run_editor(settings, office_db or settings.data_dir / "office.db")


@office.group("checklists")
def office_checklists() -> None:
    """Checklist templates: versions, drafts, publishing, and the XLSForm spreadsheet round trip."""


@office_checklists.command("edit")
@click.pass_obj
def office_checklists_edit(context) -> None:
    """Open the checklist editor (a terminal interface) on the office database."""
    settings, office_db = context
    _run_editor(settings, office_db)


@office_checklists.command("list")
@click.pass_obj
def office_checklists_list(context) -> None:
    """Every checklist template: newest version, how many, and whether a draft is being edited."""
    from inspector.checklists.versions import list_templates, list_versions
    from inspector.i18n import label

    settings, office_db = context
    lang = settings.lang
    db = _open_office(settings, office_db)
    try:
        found = list_templates(db)
        if not found:
            click.echo(t("checklists.none", lang))
            return
        for summary in found:
            if summary.has_draft:
                draft = t("checklists.draft_based_on", lang, version=summary.draft_based_on) \
                    if summary.draft_based_on else t("checklists.draft_new", lang)
            else:
                draft = ""
            latest = f"v{summary.latest}" if summary.latest else "—"
            kind = label("ChecklistKind", summary.kind, lang) if summary.kind else "—"
            click.echo(t("checklists.list_line", lang, id=summary.id, kind=kind, latest=latest,
                         versions=summary.versions, title=summary.title, draft=draft).rstrip())
            for version in list_versions(db, summary.id):
                click.echo(t("checklists.version_line", lang, version=version.version,
                             published=(version.published_at or "—")[:10], summary=version.summary or "—"))
    finally:
        db.close()


def _template_and_version(text: str) -> tuple[str, int | None]:
    name, _, version = text.partition(":")
    if not version:
        return name, None
    try:
        return name, int(version.lstrip("vV"))
    except ValueError:
        raise click.BadParameter(f"'{version}' is not a version number (ID:VERSION, e.g. zj-problem:2)") from None


@office_checklists.command("export")
@click.argument("template")
@click.option("-o", "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The .xlsx workbook to write.")
@click.pass_obj
def office_checklists_export(context, template: str, out: Path) -> None:
    """Write a published version (ID or ID:VERSION; the newest by default) as an XLSForm workbook."""
    from inspector.checklists.errors import ChecklistError
    from inspector.checklists.versions import published
    from inspector.checklists.xlsform import write_xlsform

    settings, office_db = context
    template_id, version = _template_and_version(template)
    db = _open_office(settings, office_db)
    try:
        found = published(db, template_id, version)
    except ChecklistError as exc:
        raise _checklist_refusal(settings, exc) from None
    finally:
        db.close()
    try:
        write_xlsform(found, out)
    except OSError as exc:
        raise UserError(t("cli.error", settings.lang, message=f"{out}: {exc.strerror or exc}")) from None
    click.echo(t("checklists.exported", settings.lang, id=found.id, version=found.version, path=out,
                 items=sum(1 for _ in found.items())))


CHECKLIST_JSON_MAX_BYTES = 8 << 20


def _read_checklist_file(settings: Settings, file: Path, template_id: str | None):
    """(template, warnings) from an XLSForm workbook or a template's JSON."""
    from pydantic import ValidationError

    from inspector.checklists.xlsform import SpreadsheetRefused, read_xlsform
    from inspector.models import ChecklistTemplate

    lang = settings.lang
    if file.suffix.lower() == ".json":
        try:
            if file.stat().st_size > CHECKLIST_JSON_MAX_BYTES:
                raise UserError(t("cli.error", lang, message=f"{file}: too large for a checklist"))
            data = file.read_bytes().decode("utf-8")
            template = ChecklistTemplate.model_validate_json(data)
        except OSError as exc:
            raise UserError(t("cli.error", lang, message=f"{file}: {exc.strerror or exc}")) from None
        except UnicodeDecodeError:
            raise UserError(t("cli.error", lang, message=f"{file}: not UTF-8 text")) from None
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in error["loc"]) or "—"
            raise UserError(t("cli.error", lang, message=f"{file}: field {where}: {error['msg']}")) from None
        if template_id:
            template = template.model_copy(update={"id": template_id})
        return template, []
    try:
        imported = read_xlsform(file, template_id=template_id)
    except SpreadsheetRefused as exc:
        raise UserError("\n".join(t("cli.error", lang, message=line) for line in exc.lines())) from None
    return imported.template, imported.warnings


@office_checklists.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--as", "template_id", help="Template id to import as (default: form_id in the settings sheet).")
@click.option("--replace", is_flag=True, help="Replace the template's current draft.")
@click.pass_obj
def office_checklists_import(context, file: Path, template_id: str | None, replace: bool) -> None:
    """Import an XLSForm workbook (.xlsx) or a template's JSON as a draft; publish it to make a version.

    A refused file changes nothing; every problem is named by sheet, row and column."""
    from inspector.checklists.errors import ChecklistError
    from inspector.checklists.versions import import_draft
    from inspector.checklists.xlsform import grouped_lines

    settings, office_db = context
    lang = settings.lang
    template, warnings = _read_checklist_file(settings, file, template_id)
    db = _open_office(settings, office_db)
    try:
        draft = import_draft(db, template, replace=replace)
    except ChecklistError as exc:
        raise _checklist_refusal(settings, exc) from None
    finally:
        db.close()
    items = sum(len(s.items) for s in template.sections)
    if draft.based_on:
        click.echo(t("checklists.imported", lang, file=file, id=template.id, version=draft.based_on,
                     sections=len(template.sections), items=items))
    else:
        click.echo(t("checklists.imported_new", lang, file=file, id=template.id,
                     sections=len(template.sections), items=items))
    if warnings:
        click.echo(t("checklists.warnings", lang, count=len(warnings)))
        for line in grouped_lines(warnings, file):
            click.echo(f"  {line}")


@office_checklists.command("publish")
@click.argument("template_id")
@click.option("--summary", default="", help="What changed, for the record (default: written from the changes).")
@click.pass_obj
def office_checklists_publish(context, template_id: str, summary: str) -> None:
    """Publish a template's draft as its next version; refused while the draft has problems."""
    from inspector.checklists.errors import ChecklistError
    from inspector.checklists.versions import publish

    settings, office_db = context
    db = _open_office(settings, office_db)
    try:
        done = publish(db, template_id, summary, lang=settings.lang)
    except ChecklistError as exc:
        raise _checklist_refusal(settings, exc) from None
    finally:
        db.close()
    click.echo(t("checklists.published", settings.lang, id=done.template.id, version=done.template.version,
                 summary=done.summary))


@office_checklists.command("discard")
@click.argument("template_id")
@click.pass_obj
def office_checklists_discard(context, template_id: str) -> None:
    """Throw a template's draft away (published versions are never touched)."""
    from inspector.checklists.versions import discard_draft

    settings, office_db = context
    db = _open_office(settings, office_db)
    try:
        gone = discard_draft(db, template_id)
    finally:
        db.close()
    click.echo(t("checklists.discarded" if gone else "checklists.no_draft_to_discard", settings.lang,
                 id=template_id))


def _version_arg(text: str) -> int | str:
    if text.lower() == "draft":
        return "draft"
    try:
        return int(text.lstrip("vV"))
    except ValueError:
        raise click.BadParameter(f"'{text}' is not a version number or 'draft'") from None


@office_checklists.command("diff")
@click.argument("template_id")
@click.argument("old")
@click.argument("new")
@click.pass_obj
def office_checklists_diff(context, template_id: str, old: str, new: str) -> None:
    """What changed between two versions (a number, or 'draft'): items added, removed, changed field by field."""
    from inspector.checklists.diff import diff_lines, diff_templates
    from inspector.checklists.errors import ChecklistError
    from inspector.checklists.versions import draft_template, published

    settings, office_db = context
    versions = [_version_arg(old), _version_arg(new)]
    db = _open_office(settings, office_db)
    try:
        pair = [draft_template(db, template_id) if v == "draft" else published(db, template_id, v)
                for v in versions]
    except ChecklistError as exc:
        raise _checklist_refusal(settings, exc) from None
    finally:
        db.close()
    names = [t("checklists.draft_label", settings.lang) if v == "draft" else f"v{v}" for v in versions]
    for line in diff_lines(diff_templates(*pair), settings.lang, old_label=names[0], new_label=names[1]):
        click.echo(line)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="inspector", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except Exception as exc:  # last line of defence: no traceback reaches a user
        if os.environ.get("INSPECTOR_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (set INSPECTOR_DEBUG=1 for details)", err=True)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main(sys.argv[1:])
