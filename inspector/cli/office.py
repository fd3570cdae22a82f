"""The office's commands: its key, enrolment, projects and templates,
assignments, ingest of bundles and status."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

import click

from inspector.i18n import t
from inspector.i18n.said import os_error, say
from inspector.settings import Settings

from .base import EXIT_BAD_INPUT, UserError, _input_error, cause, cli, confirmed
from .columns import table


def _take_office_db(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    """--office-db given after a subcommand: this command (and those under it) use it."""
    if value is not None:
        settings, _ = ctx.obj
        ctx.obj = (settings, value)


ENV_OFFICE_USER = "INSPECTOR_OFFICE_USER"
_ACTING = "inspector.office_user"  # in ctx.meta, which every nested context shares


def _take_office_user(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """--as given anywhere on the command line: the last one written wins."""
    if value is not None:
        ctx.meta[_ACTING] = value


class OfficeGroup(click.Group):
    """A group whose every command and subgroup takes --office-db and --as as
    well, so `office checklists list --office-db X --as liming` works like
    `office --office-db X --as liming checklists list` (the last one written
    wins). Subgroups are OfficeGroups too."""

    group_class = type

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any(param.name == "office_db" for param in cmd.params):
            cmd.params.append(click.Option(
                ["--office-db"], type=click.Path(dir_okay=False, path_type=Path), expose_value=False,
                callback=_take_office_db))
        if not any("--as" in getattr(param, "opts", ()) for param in cmd.params):
            cmd.params.append(click.Option(["--as", "acting_as"], expose_value=False, callback=_take_office_user,
                                           metavar="ID"))
        super().add_command(cmd, name)


@cli.group(cls=OfficeGroup, invoke_without_command=True)
@click.option("--office-db", type=click.Path(dir_okay=False, path_type=Path), envvar="INSPECTOR_OFFICE_DB")
@click.option("--as", "acting_as", envvar=ENV_OFFICE_USER, metavar="ID")
@click.pass_context
def office(ctx: click.Context, office_db: Path | None, acting_as: str | None) -> None:
    """The central office (专班办公室): its key, inspectors, projects, checklists, assignments and
    what inspectors sent. Every command acts as a named member of staff (--as). With no command:
    the office interface (round dashboard, review queue, records in full)."""
    settings: Settings = ctx.obj
    ctx.obj = (settings, office_db or settings.data_dir / "office.db")
    if acting_as:
        ctx.meta[_ACTING] = acting_as
    if ctx.invoked_subcommand is None:
        _run_office_interface(settings, ctx.obj[1])


def _run_office_interface(settings: Settings, office_db: Path) -> None:
    """The office interface, for a registered member of staff on an existing
    office database (the same checks as every office command, before the screen opens)."""
    from inspector.tui.factory import make_app

    from .base import run_interface

    _office_db(settings, office_db).close()
    run_interface(make_app(settings, start="office", office_db=office_db, office_user=acting_id()))


_CHECKED = "inspector.office_user_checked"


def _staff_refusal(settings: Settings, exc) -> UserError:
    return UserError(t("cli.error", settings.lang, message=t(f"staff.{exc.code}", settings.lang, **exc.params)))


def _check_acting(settings: Settings, db) -> None:
    """Every office command acts as a registered, active member of staff
    (--as or INSPECTOR_OFFICE_USER); refused otherwise, before it does anything."""
    from inspector.office.staff import StaffRefused, acting

    meta = click.get_current_context().meta
    try:
        meta[_CHECKED] = acting(db, meta.get(_ACTING))
    except StaffRefused as exc:
        raise _staff_refusal(settings, exc) from None


def acting_id() -> str:
    """The id of the member of staff this command acts as (checked on opening the database)."""
    return click.get_current_context().meta[_CHECKED].id


@office.command("init")
@click.option("--id", "office_id", default="zhuanban", show_default=True)
@click.option("--name", default="未来社区专班办公室", show_default=True)
@click.option("--plain-bundles", is_flag=True)
@click.pass_obj
def office_init(context, office_id: str, name: str, plain_bundles: bool) -> None:
    """Create the office database and the office's key pair (beside the database)."""
    from inspector.identity import IdentityError, create_identity
    from inspector.office.keys import find_office_key, office_key_folder
    from inspector.store.connection import database_kind_at

    settings, office_db = context
    lang = settings.lang
    if database_kind_at(office_db) == "laptop":
        raise UserError(t("cli.error", lang, message=t("office.db_is_laptop", lang, path=office_db)))
    try:
        found = find_office_key(office_db, settings.data_dir)
    except IdentityError as exc:
        raise UserError(t("cli.error", lang, message=say(exc, lang))) from None
    if found is not None:  # a second key would make every laptop refuse the office's assignments
        raise UserError(t("cli.error", lang, message=t(
            "office.key_exists", lang, key=found.folder, fingerprint=found.identity.fingerprint, path=office_db)))
    folder = office_key_folder(office_db)
    try:
        made = create_identity(folder, office_id, name)
    except IdentityError as exc:
        raise UserError(t("cli.error", lang, message=say(exc, lang))) from None
    except OSError as exc:
        raise UserError(t("cli.error", lang, message=t(
            "office.key_not_written", lang, key=folder, error=os_error(exc, lang)))) from None
    from inspector.identity.sealing import SealError
    from inspector.office.sealed import allow_plain, recipient

    try:
        sealing_key = recipient(folder)
    except (SealError, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t(
            "office.key_not_written", lang, key=folder, error=say(exc, lang)))) from None
    db = _office_db(settings, office_db, staff=False, new=True)
    try:
        if plain_bundles:
            allow_plain(db, True, by=office_id)
    finally:
        db.close()
    click.echo(t("office.created", lang, name=made.name, path=office_db, key=folder, fingerprint=made.fingerprint))
    click.echo(t("office.plain.status_allowed" if plain_bundles else "office.plain.status_refused", lang,
                 recipient=sealing_key))
    click.echo(t("staff.first_hint", lang))


def _office_key(settings: Settings, office_db: Path):
    """The office's key for signing, or a refusal saying where it was looked
    for; a key still in the old place is used, and the user told where it belongs."""
    from inspector.identity import IdentityError
    from inspector.office.keys import find_office_key, office_key_folder

    lang = settings.lang
    try:
        found = find_office_key(office_db, settings.data_dir)
    except IdentityError as exc:
        raise UserError(t("cli.error", lang, message=t("office.no_key", lang, error=cause(exc, lang)))) from None
    if found is None:
        raise UserError(t("cli.error", lang, message=t("office.no_identity", lang, path=office_key_folder(office_db))))
    if found.legacy:
        click.echo(t("office.key_legacy", lang, key=found.folder, belongs=found.belongs), err=True)
    return found.identity


@office.command("enrol")
@click.option("--id", "inspector_id", required=True)
@click.option("--name", required=True)
@click.option("--public-key", required=True)
@click.option("--replace", is_flag=True)
@click.option("--home-city", metavar="CITY")
@click.pass_obj
def office_enrol(context, inspector_id: str, name: str, public_key: str, replace: bool,
                 home_city: str | None) -> None:
    """Register an inspector's public key; say the fingerprint back to them to confirm."""
    from inspector.identity import IdentityError
    from inspector.office.enrolment import enrol
    from inspector.office.planning import PlanRefused

    settings, office_db = context
    db = _office_db(settings, office_db)
    try:
        done = enrol(db, inspector_id, name, public_key, by=acting_id(), replace=replace, home_city=home_city)
    except IdentityError as exc:
        raise UserError(t("cli.error", settings.lang, message=say(exc, settings.lang))) from None
    except PlanRefused as exc:
        raise UserError(t("cli.error", settings.lang, message=t(
            f"planning.{exc.code}", settings.lang, **exc.params))) from None
    finally:
        db.close()
    click.echo(t("office.enrolled", settings.lang, id=done.id, name=done.name, fingerprint=done.fingerprint))
    if home_city is not None:
        from inspector.i18n import label
        from inspector.office.planning import city_code

        click.echo(t("planning.home_city_set", settings.lang, inspector=done.id,
                     city=label("City", city_code(home_city), settings.lang)))


@office.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--receipts", type=click.Path(file_okay=False, path_type=Path))
@click.pass_obj
def office_ingest(context, files: tuple[Path, ...], receipts: Path | None) -> None:
    """Check sync bundles from inspectors and apply them; one line per bundle.

    Everything is checked before anything is trusted; a refused bundle changes
    nothing (exit code 2). Each applied bundle gets a signed receipt to take
    back to the laptop (inspector load RECEIPT).
    """
    from inspector.store.turns import one_at_a_time

    settings, office_db = context
    lang = settings.lang
    _refuse_laptop_db(settings, office_db)
    office_key = _office_key(settings, office_db)
    _office_db(settings, office_db).close()  # who is ingesting, before any file is read
    # A second ingest waits for the first (an ingest holds the database's
    # write lock while it applies a bundle; waiting for that lock would give
    # up after seconds with "database is locked").
    with one_at_a_time(Path(office_db).with_name(Path(office_db).name + ".ingest-lock"), wait=None,
                       on_wait=lambda: click.echo(t("office.ingest.waiting", lang), err=True)):
        _ingest_files(settings, office_db, office_key, receipts, files)


def _ingest_files(settings: Settings, office_db: Path, office_key, receipts, files) -> None:
    import sqlite3

    from inspector.office.ingest import open_ingester
    from inspector.store.errors import WrongDatabase

    lang = settings.lang
    try:
        ingester = open_ingester(office_db, office_key, receipts, by=acting_id())
    except WrongDatabase:
        raise UserError(t("cli.error", lang, message=t("office.db_is_laptop", lang, path=office_db))) from None
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t("app.db_error", lang, path=office_db, error=cause(exc, lang, office_db)))) from None
    failed = False
    try:
        for file in files:
            for outcome in ingester.ingest(file):
                if outcome.failure:  # the office's side failed, not the bundle; the next files go on
                    failed = True
                    click.echo(t("office.ingest.failed", lang, file=outcome.file,
                                 error=cause(outcome.cause, lang) if outcome.cause else outcome.failure), err=True)
                elif outcome.status == "refused":
                    failed = True
                    said = _input_error(outcome.refusal, lang) if outcome.refusal is not None else outcome.message
                    click.echo(t("office.ingest.refused", lang, message=said), err=True)
                else:
                    click.echo(_ingest_line(outcome, lang))
                if outcome.receipt_error:
                    failed = True
                    click.echo(t("office.ingest.no_receipt", lang, error=say(outcome.cause, lang) if outcome.cause
                                                            else outcome.receipt_error), err=True)
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t("app.db_error", lang, path=office_db, error=cause(exc, lang, office_db)))) from None
    finally:
        ingester.db.close()
    if failed:
        raise SystemExit(EXIT_BAD_INPUT)


def _refuse_laptop_db(settings: Settings, path: Path) -> None:
    from inspector.store.connection import database_kind_at

    if database_kind_at(path) == "laptop":
        raise UserError(t("cli.error", settings.lang, message=t("office.db_is_laptop", settings.lang, path=path)))


def fail(lang: str, message: str) -> UserError:
    return UserError(t("cli.error", lang, message=message))


@contextmanager
def refusing_session(settings: Settings, office_db: Path, refused: type[Exception], words):
    """The office database for one command whose core refuses with `refused`
    (ReviewRefused, LedgerRefused …): a refusal, said by `words(exc, lang)`,
    and a database error each become one line; the database is closed."""
    db = _office_db(settings, office_db)
    try:
        yield db
    except refused as exc:
        raise fail(settings.lang, words(exc, settings.lang)) from None
    except sqlite3.Error as exc:
        raise fail(settings.lang, t("app.db_error", settings.lang, path=office_db, error=cause(exc, settings.lang, office_db))) from None
    finally:
        db.close()


def _office_db(settings: Settings, path: Path, *, staff: bool = True, new: bool = False):
    """The office database, opened for a registered member of staff (`staff`:
    only `office init` and registering the first one go without). Only
    `office init` makes a new one (`new`): a mistyped --office-db must not
    leave an empty office behind that the next command takes for the real one."""
    import sqlite3

    from inspector.office.db import open_office_db
    from inspector.store.errors import WrongDatabase

    if not new and not Path(path).is_file():
        raise UserError(t("cli.error", settings.lang, message=t("office.no_database", settings.lang, path=path)))
    try:
        db = open_office_db(path)
    except WrongDatabase:
        raise UserError(t("cli.error", settings.lang, message=t(
            "office.db_is_laptop", settings.lang, path=path))) from None
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", settings.lang, message=t(
            "app.db_error", settings.lang, path=path, error=cause(exc, settings.lang, path)))) from None
    if staff:
        try:
            _check_acting(settings, db)
        except BaseException:
            db.close()
            raise
    return db


def _import_each(context, files: tuple[Path, ...], importer, message_key: str) -> None:
    """Each file whole or not at all; a refused file is named and the rest go on."""
    from inspector.assignment.errors import InputFileError

    settings, office_db = context
    failed = False
    db = _office_db(settings, office_db)
    try:
        for file in files:
            try:
                done = importer(db, file, by=acting_id())
            except InputFileError as exc:
                failed = True
                for problem in getattr(exc, "problems", None) or [exc]:  # every bad cell, one line each
                    click.echo(t("cli.error", settings.lang, message=_input_error(problem, settings.lang)), err=True)
                continue
            click.echo(t(message_key, settings.lang, file=done.file, new=done.new, updated=done.updated,
                         unchanged=done.unchanged))
    finally:
        db.close()
    if failed:
        raise SystemExit(EXIT_BAD_INPUT)


def _ingest_line(outcome, lang: str) -> str:
    fields = dict(
        file=outcome.file, inspector=outcome.inspector, sequence=outcome.sequence, records=outcome.records,
        conflicts=outcome.conflicts, photos=outcome.photos, identical=outcome.identical,
        waiting=outcome.waiting_for, receipt=outcome.receipt or "-",
    )
    if outcome.status == "applied":
        return t("office.ingest.released" if outcome.released else "office.ingest.applied", lang, **fields)
    return t(f"office.ingest.{outcome.status}", lang, **fields)


def _local_time(text: str) -> str:
    from datetime import datetime

    return datetime.fromisoformat(text).astimezone().strftime("%Y-%m-%d %H:%M")


@office.group("projects")
def office_projects() -> None:
    """The projects the office assigns."""


@office_projects.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def office_projects_import(context, files: tuple[Path, ...]) -> None:
    """Add or update projects from JSON or CSV files.

    JSON: a list of projects, or {"projects": [...]}. CSV (UTF-8): a header row
    of column names, as codes (code,name,city,...) or in Chinese (项目编号,项目名称,
    城市,...), see fixtures/projects.csv; scenarios as 未来健康:标配;未来教育:选配
    or health:standard;education:optional; an empty cell is absent. Names (杭州,
    整合提升类, Hangzhou) are taken wherever a code goes. A refused file lists
    every bad cell and changes nothing.
    """
    from inspector.office.catalogue import import_projects

    _import_each(context, files, import_projects, "office.projects_imported")


@office_projects.command("list")
@click.option("--city")
@click.pass_obj
def office_projects_list(context, city: str | None) -> None:
    """The projects in the office database: code, name, city, district, type."""
    from inspector.i18n import label
    from inspector.office.names import choices, vocabulary_code
    from inspector.office.register import list_projects

    settings, office_db = context
    lang = settings.lang
    city_code = None
    if city is not None:
        city_code = vocabulary_code("City", city)
        if city_code is None:
            raise UserError(t("cli.error", lang, message=t(
                "office.projects.bad_city", lang, city=city, choices=choices("City", lang))))
    db = _office_db(settings, office_db)
    try:
        found = list_projects(db.conn, city_code)
    finally:
        db.close()
    if not found:
        click.echo(t("office.projects.none_in_city" if city_code else "office.projects.none", lang,
                     city=label("City", city_code, lang)))
        return
    rows = [[t(f"office.projects.col.{c}", lang) for c in ("code", "name", "city", "district", "type")]]
    for p in found:
        rows.append([p.code, p.name, _label("City", p.city, lang), p.district,
                     _label("CreationType", p.creation_type, lang)])
    for line in table(rows):
        click.echo(line)


def _label(vocabulary: str, code: str, lang: str) -> str:
    from inspector.i18n import labels

    return labels(vocabulary, lang).get(code, code)


@office.group("assignments")
def office_assignments() -> None:
    """The assignments the office issued: who has which projects in which round."""


@office_assignments.command("list")
@click.option("--round", "round_id")
@click.option("--inspector", "inspector_id")
@click.pass_obj
def office_assignments_list(context, round_id: str | None, inspector_id: str | None) -> None:
    """Every assignment issued: round, inspector, projects, when, and whether it was withdrawn."""
    from inspector.office.register import list_assignments

    settings, office_db = context
    lang = settings.lang
    db = _office_db(settings, office_db)
    try:
        found = list_assignments(db.conn, round_id=round_id, inspector_id=inspector_id)
    finally:
        db.close()
    if not found:
        click.echo(t("office.assignments.none", lang))
        return
    rows = [[t(f"office.assignments.col.{c}", lang) for c in
             ("id", "round", "inspector", "issued", "state", "projects")]]
    for a in found:
        state = t("office.assignments.withdrawn", lang, when=_local_time(a.withdrawn_at)) if a.withdrawn_at \
            else t("office.assignments.active", lang)
        rows.append([a.id, a.round_id, f"{a.inspector_name}/{a.inspector_id}" if a.inspector_name else a.inspector_id,
                     _local_time(a.issued_at), state, f"{len(a.projects)}: {', '.join(a.projects)}"])
    for line in table(rows):
        click.echo(line)


@office_assignments.command("withdraw")
@click.argument("assignment_id")
@click.option("--reason", required=True)
@click.option("--yes", is_flag=True)
@click.pass_obj
def office_assignments_withdraw(context, assignment_id: str, reason: str, yes: bool) -> None:
    """Withdraw an assignment issued by mistake: its projects stop being the inspector's.

    Refused while the office holds records the inspector sent on a project only
    this assignment gave them, or a bundle of theirs waits held: nothing they
    sent is ever lost. Work they did there and have not sent yet is still
    accepted. The assignment stays listed as withdrawn."""
    from inspector.office.register import WithdrawRefused, check_withdrawal, withdraw

    settings, office_db = context
    lang = settings.lang
    db = _office_db(settings, office_db)
    try:
        try:
            found = check_withdrawal(db.conn, assignment_id)
            if not yes and not confirmed(t("office.withdraw.confirm", lang, id=found.id, round=found.round_id,
                                           inspector=found.inspector_id, projects=len(found.projects))):
                click.echo(t("office.withdraw.kept", lang, id=found.id), err=True)
                raise SystemExit(1)
            done = withdraw(db, assignment_id, by=acting_id(), reason=reason)
        except WithdrawRefused as exc:
            raise UserError(t("cli.error", lang, message=t(f"withdraw.{exc.code}", lang, **exc.params))) from None
    finally:
        db.close()
    click.echo(t("office.withdrawn", lang, id=done.id, inspector=done.inspector_id, round=done.round_id))


@office.group("templates")
def office_templates() -> None:
    """The checklist templates (and their versions) the office hands out."""


@office_templates.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def office_templates_import(context, files: tuple[Path, ...]) -> None:
    """Add checklist template versions from JSON files (one template a file).

    A published version never changes: the same id and version with other
    content is refused; issue the edit as a new version.
    """
    from inspector.office.catalogue import import_templates

    _import_each(context, files, import_templates, "office.templates_imported")


@office.command("assign")
@click.option("--inspector", "inspector_id")
@click.option("--round", "round_id")
@click.option("--round-name", required=True)
@click.option("--project", "projects", multiple=True)
@click.option("--projects-file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--city", "cities", multiple=True)
@click.option("--template", "templates", multiple=True, required=True)
@click.option("--plan", "plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--allow-own-city", is_flag=True)
@click.option("-o", "--output", type=click.Path(path_type=Path))
@click.pass_obj
def office_assign(context, inspector_id: str | None, round_id: str | None, round_name: str,
                  projects: tuple[str, ...], projects_file: Path | None, cities: tuple[str, ...],
                  templates: tuple[str, ...], plan_file: Path | None, allow_own_city: bool,
                  output: Path | None) -> None:
    """Write a signed assignment for one inspector and round, and record it; or,
    with --plan, one for each inspector of a round plan (office round plan)."""
    import sqlite3

    from inspector.assignment.errors import InputFileError
    from inspector.identity import IdentityError
    from inspector.office.assigning import AssignRefused, assign, read_codes_file

    settings, office_db = context
    lang = settings.lang
    if plan_file is not None:
        from .planning import assign_plan

        if inspector_id or projects or projects_file or cities:
            raise UserError(t("cli.error", lang, message=t("planning.plan_alone", lang)))
        assign_plan(settings, office_db, plan_file, round_id=round_id, round_name=round_name,
                    templates=list(templates), allow_own_city=allow_own_city, folder=output)
        return
    if not inspector_id or not round_id:
        raise UserError(t("cli.error", lang, message=t("planning.inspector_and_round", lang)))
    codes = [code.strip() for given in projects for code in given.split(",") if code.strip()]
    from inspector.office.names import vocabulary_code

    cities = tuple(vocabulary_code("City", city) or city for city in cities)  # 杭州 as well as hangzhou
    if projects_file is not None:
        try:
            codes += read_codes_file(projects_file)
        except InputFileError as exc:
            raise UserError(t("cli.error", lang, message=_input_error(exc, lang))) from None
    _refuse_laptop_db(settings, office_db)
    office_identity = _office_key(settings, office_db)
    db = _office_db(settings, office_db)
    try:
        issued = assign(db, office_identity, inspector_id=inspector_id, round_id=round_id, round_name=round_name,
                        projects=codes, cities=list(cities), templates=list(templates), output=output,
                        by=acting_id())
    except AssignRefused as exc:
        raise UserError(t("cli.error", lang, message=say(exc, lang))) from None
    except IdentityError as exc:
        raise UserError(t("cli.error", lang, message=say(exc, lang))) from None
    except OSError as exc:
        target = output or f"assignment-{inspector_id}-{round_id}.json"
        raise UserError(t("cli.error", lang, message=t(
            "office.write_failed", lang, path=target, error=os_error(exc, lang)))) from None
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t("app.db_error", lang, path=office_db, error=cause(exc, lang, office_db)))) from None
    finally:
        db.close()
    a = issued.assignment
    for left in issued.left_out:
        click.echo(t("office.assign.left_out", lang, problem=left.problem, project=left.project, rev=left.rev,
                     inspector=a.inspector.id))
    click.echo(t("office.assigned", lang, assignment=a.id, round=a.round.name, inspector=a.inspector.id,
                 name=a.inspector.name, projects=len(a.projects), templates=len(a.checklists),
                 problems=len(a.open_problems), path=issued.path, fingerprint=office_identity.fingerprint))
    if issued.left_out:
        click.echo(t("office.assign.left_out_count", lang, count=len(issued.left_out)))
    if a.sent_back:
        click.echo(t("sentback.assigned", lang, count=len(a.sent_back)))
