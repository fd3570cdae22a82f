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
    import sqlite3

    from inspector.bundle.receipts import ReceiptError, accept_receipt
    from inspector.store import open_db

    lang = settings.lang
    try:
        db = open_db(settings.db_path)
        try:
            accepted = accept_receipt(db, text)
        finally:
            db.close()
    except ReceiptError as exc:
        raise UserError(t("cli.error", lang, message=f"{file}: {exc}")) from None
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=exc))) from None
    key = "receipt.already" if accepted.already else "receipt.loaded"
    return t(key, lang, file=file, sequence=accepted.sequence, acknowledged=accepted.acknowledged)


def _load_one(settings: Settings, file: Path) -> str:
    from inspector.assignment import read_signed_assignment
    from inspector.assignment.errors import InputFileError
    from inspector.assignment.trust import ForeignSigner, accept_assignment
    from inspector.store import StoreError, open_db

    lang = settings.lang
    try:
        signed = read_signed_assignment(file)
    except InputFileError as exc:
        raise UserError(t("cli.error", lang, message=_input_error(exc, lang))) from None
    import sqlite3

    try:
        db = open_db(settings.db_path)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=exc))) from None
    try:
        loaded = accept_assignment(db, signed)
    except ForeignSigner as exc:
        raise UserError(t("cli.error", lang, message=_foreign_signer(exc, lang))) from None
    except StoreError as exc:
        error = InputFileError(str(file), exc.message, record=exc.record, field=exc.field)
        raise UserError(t("cli.error", lang, message=str(error))) from None
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=exc))) from None
    finally:
        db.close()
    outcome = loaded.outcome
    key = {"loaded": "cli.loaded", "updated": "cli.updated", "unchanged": "cli.unchanged"}[outcome.status]
    message = t(
        key, lang, assignment=outcome.assignment_id, round=outcome.round_name,
        inspector=outcome.inspector_name, projects=outcome.projects,
        templates=outcome.templates, problems=outcome.problems,
    )
    if loaded.pinned is not None:
        message = _pinned(loaded.pinned, lang) + "\n" + message
    return message


def _input_error(exc, lang: str) -> str:
    """An InputFileError in the user's language where it names its refusal."""
    if exc.code:
        return t(f"load.{exc.code}", lang, file=exc.file, **exc.params)
    return str(exc)


def _office_name(office, lang: str) -> str:
    return office.name or t("trust.unnamed", lang)


def _pinned(office, lang: str) -> str:
    from inspector.assignment.trust import is_demo_key, key_fingerprint

    key = "load.pinned_demo" if is_demo_key(office.public_key) else "load.pinned"
    return t(key, lang, name=_office_name(office, lang), fingerprint=key_fingerprint(office.public_key))


def _foreign_signer(exc, lang: str) -> str:
    from inspector.assignment.trust import is_demo_key, key_fingerprint

    key = "load.foreign_demo" if is_demo_key(exc.trusted.public_key) else "load.foreign"
    return t(key, lang, file=exc.file, signer=exc.signer.name,
             signer_fingerprint=key_fingerprint(exc.signer.public_key),
             trusted=_office_name(exc.trusted, lang), trusted_fingerprint=key_fingerprint(exc.trusted.public_key))


@cli.command()
@click.option("--office-key", help="The office's public key (base64), as the office gives it.")
@click.option("--office-key-file", type=click.Path(dir_okay=False, path_type=Path),
              help="The office's public identity.json (from its office-identity folder).")
@click.option("--name", help="The office's name, to show in messages.")
@click.option("--replace", is_flag=True, help="Replace the office trusted now (the office changed its key).")
@click.pass_obj
def trust(settings: Settings, office_key: str | None, office_key_file: Path | None, name: str | None,
          replace: bool) -> None:
    """Show or set the office whose signed assignments this laptop loads.

    Without options: show it. A laptop that trusts no office yet trusts the
    signer of the first assignment loaded, and prints its fingerprint.
    """
    lang = settings.lang
    if office_key is None and office_key_file is None:
        if name is not None or replace:
            raise UserError(t("cli.error", lang, message=t("trust.no_key", lang)))
        click.echo(_show_trust(settings))
        return
    if office_key is not None and office_key_file is not None:
        raise UserError(t("cli.error", lang, message=t("trust.both", lang)))
    from inspector.assignment.trust import TrustRefused, key_fingerprint, set_office
    from inspector.store.trust import TrustedOffice

    import sqlite3

    offered = _offered_office(settings, office_key, office_key_file, name)
    db = _open_laptop_db(settings)
    try:
        status, before, after = set_office(db, offered, replace=replace)
    except TrustRefused as exc:
        raise UserError(t("cli.error", lang, message=t(
            "trust.other", lang, name=_office_name(exc.trusted, lang),
            fingerprint=key_fingerprint(exc.trusted.public_key), new_fingerprint=key_fingerprint(offered.public_key),
        ))) from None
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=exc))) from None
    finally:
        db.close()
    fields = dict(name=_office_name(after, lang), fingerprint=key_fingerprint(after.public_key))
    if status == "replaced":
        assert isinstance(before, TrustedOffice)
        fields.update(old=_office_name(before, lang), old_fingerprint=key_fingerprint(before.public_key))
    click.echo(t(f"trust.{status}", lang, **fields))


def _offered_office(settings: Settings, office_key: str | None, office_key_file: Path | None, name: str | None):
    import json

    from inspector.assignment.trust import parse_office_key
    from inspector.store.trust import TrustedOffice

    lang = settings.lang
    office_id = ""
    if office_key_file is not None:
        try:
            record = json.loads(office_key_file.read_text(encoding="utf-8"))
            office_key = str(record["public_key"])
            office_id, name = str(record.get("id", "")), name or str(record.get("name", ""))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise UserError(t("cli.error", lang, message=t(
                "trust.bad_file", lang, file=office_key_file, error=exc))) from None
    assert office_key is not None
    try:
        key = parse_office_key(office_key)
    except ValueError as exc:
        raise UserError(t("cli.error", lang, message=t("trust.bad_key", lang, error=exc))) from None
    return TrustedOffice(office_id, (name or "").strip(), key)


def _show_trust(settings: Settings) -> str:
    import sqlite3

    from inspector.assignment.trust import is_demo_key, key_fingerprint
    from inspector.store import open_reader
    from inspector.store.trust import trusted_office

    lang = settings.lang
    if not settings.db_path.exists():
        return t("trust.none", lang)
    try:
        conn = open_reader(settings.db_path)
        try:
            office = trusted_office(conn)
        finally:
            conn.close()
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=exc))) from None
    if office is None:
        return t("trust.none", lang)
    key = "trust.shown_demo" if is_demo_key(office.public_key) else "trust.shown"
    return t(key, lang, name=_office_name(office, lang), key=office.public_key,
             fingerprint=key_fingerprint(office.public_key))


def _open_laptop_db(settings: Settings):
    import sqlite3

    from inspector.store import open_db

    try:
        return open_db(settings.db_path)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", settings.lang, message=t(
            "app.db_error", settings.lang, path=settings.db_path, error=exc))) from None


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
        _demo_identity(demo_settings)
        _run_app(demo_settings)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _demo_identity(settings: Settings) -> None:
    """A throwaway key pair for the sample inspector, so exporting works in the demo too."""
    from inspector.identity import create_identity
    from inspector.store import open_reader
    from inspector.store.identity import current_identity

    conn = open_reader(settings.db_path)
    try:
        who = current_identity(conn)
    finally:
        conn.close()
    if who is not None:
        create_identity(settings.data_dir / "identity", who.inspector_id, who.inspector_name)


@cli.command("export")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the bundle in (default: bundles in the data folder).")
@click.option("--all", "full", is_flag=True, help="Everything recorded here, even what the office acknowledged.")
@click.pass_obj
def export(settings: Settings, out_dir: Path | None, full: bool) -> None:
    """Write a sync bundle for the office: what it has not acknowledged yet."""
    import sqlite3

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
        click.echo(t("export.nothing" if nothing.acknowledged else "export.nothing_yet", lang,
                     acknowledged=nothing.acknowledged))
        return
    except (ExportError, IdentityError) as exc:
        raise UserError(t("cli.error", lang, message=str(exc))) from None
    except OSError as exc:
        raise UserError(t("cli.error", lang, message=f"{exc.filename or out_dir}: {exc.strerror or exc}")) from None
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=exc))) from None
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
    """The central office (专班办公室): its key, inspectors, projects, checklists, assignments and
    what inspectors sent."""
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


@office.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--receipts", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the signed receipts (default: receipts/ beside the office database).")
@click.pass_obj
def office_ingest(context, files: tuple[Path, ...], receipts: Path | None) -> None:
    """Check sync bundles from inspectors and apply them; one line per bundle.

    Everything is checked before anything is trusted; a refused bundle changes
    nothing (exit code 2). Each applied bundle gets a signed receipt to take
    back to the laptop (inspector load RECEIPT).
    """
    import sqlite3

    from inspector.identity import IdentityError, load_identity
    from inspector.office.ingest import open_ingester

    settings, office_db = context
    lang = settings.lang
    try:
        office_key = load_identity(settings.data_dir / "office-identity")
    except IdentityError as exc:
        raise UserError(t("cli.error", lang, message=t("office.no_key", lang, error=exc))) from None
    try:
        ingester = open_ingester(office_db, office_key, receipts)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t("app.db_error", lang, path=office_db, error=exc))) from None
    failed = False
    try:
        for file in files:
            for outcome in ingester.ingest(file):
                if outcome.failure:  # the office's side failed, not the bundle; the next files go on
                    failed = True
                    click.echo(t("office.ingest.failed", lang, file=outcome.file, error=outcome.failure), err=True)
                elif outcome.status == "refused":
                    failed = True
                    click.echo(t("office.ingest.refused", lang, message=outcome.message), err=True)
                else:
                    click.echo(_ingest_line(outcome, lang))
                if outcome.receipt_error:
                    failed = True
                    click.echo(t("office.ingest.no_receipt", lang, error=outcome.receipt_error), err=True)
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t("app.db_error", lang, path=office_db, error=exc))) from None
    finally:
        ingester.db.close()
    if failed:
        raise SystemExit(EXIT_BAD_INPUT)


def _office_db(settings: Settings, path: Path):
    import sqlite3

    from inspector.office.db import open_office_db

    try:
        return open_office_db(path)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", settings.lang, message=t(
            "app.db_error", settings.lang, path=path, error=exc))) from None


def _import_each(context, files: tuple[Path, ...], importer, message_key: str) -> None:
    """Each file whole or not at all; a refused file is named and the rest go on."""
    from inspector.assignment.errors import InputFileError

    settings, office_db = context
    failed = False
    db = _office_db(settings, office_db)
    try:
        for file in files:
            try:
                done = importer(db, file)
            except InputFileError as exc:
                failed = True
                click.echo(t("cli.error", settings.lang, message=_input_error(exc, settings.lang)), err=True)
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


@office.command("status")
@click.option("--conflicts", "show_conflicts", is_flag=True, help="List every open conflict too.")
@click.pass_obj
def office_status_command(context, show_conflicts: bool) -> None:
    """Inspectors, the last bundle of each, gaps, held bundles and conflicts."""
    import sqlite3

    from inspector.office.db import open_office_db
    from inspector.office.status import office_status, open_conflicts

    settings, office_db = context
    lang = settings.lang
    try:
        db = open_office_db(office_db)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t("app.db_error", lang, path=office_db, error=exc))) from None
    try:
        people = office_status(db.conn)
        conflicts = open_conflicts(db.conn) if show_conflicts else []
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t("app.db_error", lang, path=office_db, error=exc))) from None
    finally:
        db.close()
    if not people:
        click.echo(t("office.status.nobody", lang))
        return
    none = t("office.status.none", lang)
    rows = [[t(f"office.status.col.{c}", lang) for c in
             ("id", "name", "fingerprint", "device", "last", "when", "missing", "held", "conflicts")]]
    for p in people:
        device = p.device or (t("office.status.unknown_device", lang) if p.sent else none)
        rows.append([
            p.id, p.name, p.fingerprint, device, str(p.last_sequence) if p.last_sequence else none,
            _local_time(p.last_applied_at) if p.last_applied_at else "",
            _ranges(p.missing) or none,
            ", ".join(t("office.status.held", lang, sequence=h.sequence, since=h.since) for h in p.held) or none,
            str(p.open_conflicts),
        ])
    for line in _table(rows):
        click.echo(line)
    if show_conflicts:
        click.echo("")
        if not conflicts:
            click.echo(t("office.status.no_conflicts", lang))
        for c in conflicts:
            click.echo(t("office.status.conflict", lang, inspector=c.inspector, sequence=c.sequence, kind=c.kind,
                         id=c.id, rev=c.rev, base=c.base_rev if c.base_rev is not None else none,
                         office=c.office_rev if c.office_rev is not None else none, kept=_local_time(c.kept_at)))


def _local_time(text: str) -> str:
    from datetime import datetime

    return datetime.fromisoformat(text).astimezone().strftime("%Y-%m-%d %H:%M")


def _ranges(numbers: list[int]) -> str:
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(parts)


def _table(rows: list[list[str]]) -> list[str]:
    """Columns padded by display width (a Chinese character takes two cells)."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell + " " * (w - width(cell)) for cell, w in zip(row, widths)).rstrip() for row in rows]


@office.group("projects")
def office_projects() -> None:
    """The projects the office assigns."""


@office_projects.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def office_projects_import(context, files: tuple[Path, ...]) -> None:
    """Add or update projects from JSON or CSV files.

    JSON: a list of projects, or {"projects": [...]}. CSV (UTF-8): a header row
    of project field names; scenarios as health:standard;education:optional;
    contact_name, contact_phone, address, lat, lon for the nested fields; an
    empty cell is absent.
    """
    from inspector.office.catalogue import import_projects

    _import_each(context, files, import_projects, "office.projects_imported")


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
@click.option("--inspector", "inspector_id", required=True, help="An enrolled inspector's id.")
@click.option("--round", "round_id", required=True, help="Round id, e.g. R2026-2.")
@click.option("--round-name", required=True, help="Round name, e.g. 2026年第二轮未来社区督导.")
@click.option("--project", "projects", multiple=True, help="A project code (repeat, or separate with commas).")
@click.option("--projects-file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file of project codes, one a line (or a CSV whose first column is the code).")
@click.option("--city", "cities", multiple=True, help="Every project of a city (code, e.g. hangzhou; repeat).")
@click.option("--template", "templates", multiple=True, required=True,
              help="Checklist template ID or ID:VERSION (default: the newest version); repeat.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write it (default: assignment-<inspector>-<round>.json here).")
@click.pass_obj
def office_assign(context, inspector_id: str, round_id: str, round_name: str, projects: tuple[str, ...],
                  projects_file: Path | None, cities: tuple[str, ...], templates: tuple[str, ...],
                  output: Path | None) -> None:
    """Write a signed assignment for one inspector and round, and record it."""
    import sqlite3

    from inspector.assignment.errors import InputFileError
    from inspector.identity import IdentityError, load_identity
    from inspector.office.assigning import AssignRefused, assign, read_codes_file

    settings, office_db = context
    lang = settings.lang
    codes = [code.strip() for given in projects for code in given.split(",") if code.strip()]
    if projects_file is not None:
        try:
            codes += read_codes_file(projects_file)
        except InputFileError as exc:
            raise UserError(t("cli.error", lang, message=_input_error(exc, lang))) from None
    try:
        office_identity = load_identity(settings.data_dir / "office-identity")
    except IdentityError:
        raise UserError(t("cli.error", lang, message=t(
            "office.no_identity", lang, path=settings.data_dir / "office-identity"))) from None
    db = _office_db(settings, office_db)
    try:
        issued = assign(db, office_identity, inspector_id=inspector_id, round_id=round_id, round_name=round_name,
                        projects=codes, cities=list(cities), templates=list(templates), output=output)
    except AssignRefused as exc:
        raise UserError(t("cli.error", lang, message=t(f"assign.{exc.code}", lang, **exc.params))) from None
    except IdentityError as exc:
        raise UserError(t("cli.error", lang, message=str(exc))) from None
    except OSError as exc:
        target = output or f"assignment-{inspector_id}-{round_id}.json"
        raise UserError(t("cli.error", lang, message=t(
            "office.write_failed", lang, path=target, error=exc.strerror or exc))) from None
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t("app.db_error", lang, path=office_db, error=exc))) from None
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


# ------------------------------------------------------------ checklist editing

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

    _office_db(settings, office_db).close()
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
            problems = _json_problems(data)
            if problems:  # each named by its item (or section) and field, as publishing names them
                raise UserError("\n".join(
                    t("cli.error", lang, message=f"{file}: " + t("checklists.problem_line", lang, where=p.where,
                                                                field=p.field or "—", message=p.message))
                    for p in problems)) from None
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
    if template_id is not None and not _is_template_id(template_id):
        # Checked before anything is read: a JSON template takes the id as it is.
        raise UserError(t("cli.error", lang, message=t("checklists.bad_as", lang, id=template_id)))
    template, warnings = _read_checklist_file(settings, file, template_id)
    db = _office_db(settings, office_db)
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
    db = _office_db(settings, office_db)
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
    db = _office_db(settings, office_db)
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
    db = _office_db(settings, office_db)
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
