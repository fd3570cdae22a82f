"""Checklist editing at the office: the editor and the `office checklists` commands."""

from __future__ import annotations

from pathlib import Path

import click

from inspector.i18n import t
from inspector.i18n.said import os_error
from inspector.settings import Settings

from .base import UserError, cli, run_interface
from .office import ENV_OFFICE_USER, _office_db, acting_id, office



def _lang() -> str:
    """The user's language while click checks an argument (before the command runs)."""
    context = click.get_current_context(silent=True)
    settings = context.find_object(Settings) if context is not None else None
    return settings.lang if settings is not None else "zh"


def _checklist_refusal(settings: Settings, exc: Exception) -> UserError:
    """A refused checklist operation as the lines a person reads: one a problem."""
    from inspector.checklists.errors import ChecklistInvalid
    from inspector.i18n.said import say

    lang = settings.lang
    lines = [say(exc, lang)]
    if isinstance(exc, ChecklistInvalid):
        lines += [_problem_line(p, lang) for p in exc.problems]
    return UserError("\n".join(t("cli.error", lang, message=line) for line in lines))


def _problem_line(problem, lang: str) -> str:
    """A problem of a draft: the item (or section), the field by the editor's name for it, what is wrong."""
    from inspector.checklists.wording import field_label, part_label, problem_message

    return t("checklists.problem_line", lang, where=part_label(problem.where, lang),
             field=field_label(problem.field, lang) if problem.field else "—", message=problem_message(problem, lang))


def _run_editor(settings: Settings, office_db: Path) -> None:
    from inspector.tui.factory import make_app

    _office_db(settings, office_db).close()  # a registered member of staff, before the screen opens
    run_interface(make_app(settings, start="checklists", office_db=office_db, office_user=acting_id()))


@cli.command("checklists")
@click.option("--office-db", type=click.Path(dir_okay=False, path_type=Path), envvar="INSPECTOR_OFFICE_DB")
@click.option("--as", "acting_as", envvar=ENV_OFFICE_USER, metavar="ID")
@click.pass_obj
def checklists_editor(settings: Settings, office_db: Path | None, acting_as: str | None) -> None:
    """Open the checklist editor on the office database (same as: office checklists edit)."""
    from .office import _ACTING

    if acting_as:
        click.get_current_context().meta[_ACTING] = acting_as
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
    db = _office_db(settings, office_db)
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
        raise UserError(t("cli.error", _lang(), message=t("checklists.bad_version_of", _lang(), version=version))) \
            from None


@office_checklists.command("export")
@click.argument("template")
@click.option("-o", "--out", "out", required=True, type=click.Path(path_type=Path))
@click.pass_obj
def office_checklists_export(context, template: str, out: Path) -> None:
    """Write a published version (ID or ID:VERSION; the newest by default) as an XLSForm workbook."""
    from inspector.checklists.errors import ChecklistError
    from inspector.checklists.versions import published
    from inspector.checklists.xlsform import write_xlsform

    settings, office_db = context
    template_id, version = _template_and_version(template)
    db = _office_db(settings, office_db)
    try:
        found = published(db, template_id, version)
    except ChecklistError as exc:
        raise _checklist_refusal(settings, exc) from None
    finally:
        db.close()
    try:
        write_xlsform(found, out)
    except OSError as exc:
        raise UserError(t("cli.error", settings.lang, message=t("system.os.at", settings.lang, file=out,
                                                                error=os_error(exc, settings.lang)))) from None
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
                raise UserError(t("cli.error", lang, message=t("checklists.json_too_big", lang, file=file,
                                                               limit=CHECKLIST_JSON_MAX_BYTES >> 20)))
            data = file.read_bytes().decode("utf-8")
            template = ChecklistTemplate.model_validate_json(data)
        except OSError as exc:
            raise UserError(t("cli.error", lang, message=t("system.os.at", lang, file=file,
                                                           error=os_error(exc, lang)))) from None
        except UnicodeDecodeError:
            raise UserError(t("cli.error", lang, message=t("checklists.json_not_utf8", lang, file=file))) from None
        except ValidationError as exc:
            problems = _json_problems(data)
            if problems:  # each named by its item (or section) and field, as publishing names them
                raise UserError("\n".join(
                    t("cli.error", lang, message=t("checklists.in_file", lang, file=file,
                                                   problem=_problem_line(p, lang)))
                    for p in problems)) from None
            # not even a JSON object: said by its kind (i18n/validation.py)
            from inspector.i18n.validation import explain

            raise UserError(t("cli.error", lang, message=t("checklists.in_file", lang, file=file, problem=explain(
                exc.errors(include_url=False)[0], lang)))) from None
        if template_id:
            template = template.model_copy(update={"id": template_id})
        return template, []
    try:
        imported = read_xlsform(file, template_id=template_id)
    except SpreadsheetRefused as exc:
        raise UserError("\n".join(t("cli.error", lang, message=line) for line in exc.lines(lang))) from None
    return imported.template, imported.warnings


def _is_template_id(text: str) -> bool:
    from pydantic import TypeAdapter, ValidationError

    from inspector.models.project import Code

    try:
        TypeAdapter(Code).validate_python(text)
    except ValidationError:
        return False
    return True


def _json_problems(text: str) -> list:
    """What is wrong with a template's JSON, item by item; [] when it is not
    even a JSON object (the model's own message says that better)."""
    import json

    from inspector.checklists.validation import check

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    return check(data) if isinstance(data, dict) else []


@office_checklists.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "template_id")
@click.option("--replace", is_flag=True)
@click.pass_obj
def office_checklists_import(context, file: Path, template_id: str | None, replace: bool) -> None:
    """Import an XLSForm workbook (.xlsx) or a template's JSON as a draft; publish it to make a version.

    A refused file changes nothing; every problem is named by sheet, row and column."""
    from inspector.checklists.errors import ChecklistError
    from inspector.checklists.versions import import_draft
    from inspector.checklists.xlsform import grouped_lines

    settings, office_db = context
    lang = settings.lang
    if template_id is not None and not _is_template_id(template_id):
        # Checked before anything is read: a JSON template takes the id as it is.
        raise UserError(t("cli.error", lang, message=t("checklists.bad_as", lang, id=template_id)))
    template, warnings = _read_checklist_file(settings, file, template_id)
    db = _office_db(settings, office_db)
    try:
        draft = import_draft(db, template, by=acting_id(), source=file.name, replace=replace)
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
        for line in grouped_lines(warnings, file, lang):
            click.echo(f"  {line}")


@office_checklists.command("publish")
@click.argument("template_id")
@click.option("--summary", default="")
@click.pass_obj
def office_checklists_publish(context, template_id: str, summary: str) -> None:
    """Publish a template's draft as its next version; refused while the draft has problems."""
    from inspector.checklists.errors import ChecklistError
    from inspector.checklists.versions import publish

    settings, office_db = context
    db = _office_db(settings, office_db)
    try:
        done = publish(db, template_id, summary, by=acting_id(), lang=settings.lang)
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
    db = _office_db(settings, office_db)
    try:
        gone = discard_draft(db, template_id, by=acting_id())
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
        raise UserError(t("cli.error", _lang(), message=t("checklists.bad_version", _lang(), version=text))) from None


@office_checklists.command("diff")
@click.argument("template_id")
@click.argument("old")
@click.argument("new")
@click.pass_obj
def office_checklists_diff(context, template_id: str, old: str, new: str) -> None:
    """What changed between two versions (a number, or 'draft'): items added, removed, changed field by field."""
    from inspector.checklists.diff import diff_templates
    from inspector.checklists.diff_words import diff_lines, section_titles
    from inspector.checklists.errors import ChecklistError
    from inspector.checklists.versions import draft_template, published

    settings, office_db = context
    versions = [_version_arg(old), _version_arg(new)]
    db = _office_db(settings, office_db)
    try:
        pair = [draft_template(db, template_id) if v == "draft" else published(db, template_id, v)
                for v in versions]
    except ChecklistError as exc:
        raise _checklist_refusal(settings, exc) from None
    finally:
        db.close()
    names = [t("checklists.draft_label", settings.lang) if v == "draft" else f"v{v}" for v in versions]
    for line in diff_lines(diff_templates(*pair), settings.lang, titles=section_titles(*pair),
                           old_label=names[0], new_label=names[1]):
        click.echo(line)
