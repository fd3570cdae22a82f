"""The laptop's commands: loading assignments and receipts, the trusted office,
the interface, exporting bundles, and the inspector's identity."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from inspector.i18n import t
from inspector.i18n.said import os_error, say
from inspector.settings import Settings

from .base import EXIT_BAD_INPUT, FIXTURES, UserError, _input_error, cause, cli, confirmed, run_interface


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
        raise UserError(t("cli.error", lang, message=t("system.os.at", lang, file=file, error=say(exc, lang)))) from None
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=cause(exc, lang, settings.db_path)))) from None
    key = "receipt.already" if accepted.already else "receipt.loaded"
    return t(key, lang, file=file, sequence=accepted.sequence, acknowledged=accepted.acknowledged)


def _laptop_identity(settings: Settings):
    """This laptop's identity, None before `identity init`; a damaged one is refused."""
    from inspector.identity import IdentityError, load_identity
    from inspector.identity.keys import PUBLIC_FILE

    folder = settings.data_dir / "identity"
    if not (folder / PUBLIC_FILE).exists():
        return None
    try:
        return load_identity(folder)
    except IdentityError as exc:
        raise UserError(t("cli.error", settings.lang, message=say(exc, settings.lang))) from None


def _foreign_assignment(file: Path, inspector: str, laptop: str, because: str, lang: str) -> UserError:
    return UserError(t("cli.error", lang, message=t(
        f"owner.foreign_{because}", lang, file=file, inspector=inspector, laptop=laptop)))


def _load_one(settings: Settings, file: Path) -> str:
    from inspector.assignment import read_signed_assignment
    from inspector.assignment.errors import InputFileError
    from inspector.assignment.trust import ForeignSigner, HandoverRefused, accept_assignment
    from inspector.store import StoreError, open_db
    from inspector.store.ownership import ForeignAssignment

    lang = settings.lang
    try:
        signed = read_signed_assignment(file)
    except InputFileError as exc:
        raise UserError(t("cli.error", lang, message=_input_error(exc, lang))) from None
    me = _laptop_identity(settings)
    whose = signed.assignment.inspector
    if me is not None and whose.id != me.id:  # refused before the database is even opened
        raise _foreign_assignment(file, whose.id, me.id, "identity", lang)
    import sqlite3

    try:
        db = open_db(settings.db_path)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=cause(exc, lang, settings.db_path)))) from None
    try:
        loaded = accept_assignment(db, signed, identity_id=None if me is None else me.id)
    except ForeignSigner as exc:
        raise UserError(t("cli.error", lang, message=_foreign_signer(exc, lang))) from None
    except HandoverRefused as exc:
        raise UserError(t("cli.error", lang, message=exc.say(lang))) from None
    except ForeignAssignment as exc:
        raise _foreign_assignment(file, exc.assignment_inspector, exc.laptop, exc.because, lang) from None
    except StoreError as exc:  # the file, record and field in the user's language, then what is wrong
        from inspector.i18n.said import say
        from inspector.i18n.where import where

        at = where(InputFileError(str(file), exc.message, record=exc.record, field=exc.field), lang)
        raise UserError(t("cli.error", lang, message=t("store.at", lang, where=at, error=say(exc, lang)))) from None
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=cause(exc, lang, settings.db_path)))) from None
    finally:
        db.close()
    outcome = loaded.outcome
    key = {"loaded": "cli.loaded", "updated": "cli.updated", "unchanged": "cli.unchanged"}[outcome.status]
    message = t(
        key, lang, assignment=outcome.assignment_id, round=outcome.round_name,
        inspector=outcome.inspector_name, projects=outcome.projects,
        templates=outcome.templates, problems=outcome.problems,
    )
    if outcome.sent_back and outcome.status != "unchanged":
        message += "\n" + t("sentback.loaded", lang, count=outcome.sent_back)
        if outcome.kept_local:
            message += "\n" + t("sentback.loaded_kept", lang, count=outcome.kept_local)
    if loaded.pinned is not None:
        message = _pinned(loaded.pinned, lang) + "\n" + message
    if loaded.moved_from is not None:
        from inspector.assignment.trust import key_fingerprint

        message = t("load.key_moved", lang, old=key_fingerprint(loaded.moved_from.public_key),
                    new=key_fingerprint(signed.signer.public_key)) + "\n" + message
    if me is None:  # the identity made later must be this inspector's
        message += "\n" + t("owner.whose", lang, inspector=whose.id, name=whose.name)
    return message


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
@click.option("--office-key")
@click.option("--office-key-file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name")
@click.option("--replace", is_flag=True)
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
            "app.db_error", lang, path=settings.db_path, error=cause(exc, lang, settings.db_path)))) from None
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
                "trust.bad_file", lang, file=office_key_file, error=cause(exc, lang)))) from None
    assert office_key is not None
    try:
        key = parse_office_key(office_key)
    except ValueError as exc:
        raise UserError(t("cli.error", lang, message=t("trust.bad_key", lang, error=cause(exc, lang)))) from None
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
            "app.db_error", lang, path=settings.db_path, error=cause(exc, lang, settings.db_path)))) from None
    if office is None:
        return t("trust.none", lang)
    key = "trust.shown_demo" if is_demo_key(office.public_key) else "trust.shown"
    return t(key, lang, name=_office_name(office, lang), key=office.public_key,
             fingerprint=key_fingerprint(office.public_key))


def _open_laptop_db(settings: Settings):
    """The laptop's database to write (made or migrated if need be)."""
    from inspector.store import open_db

    return _opened(settings, open_db)


def _reader(settings: Settings):
    """The laptop's database to read only."""
    from inspector.store import open_reader

    return _opened(settings, open_reader)


def _opened(settings: Settings, opener):
    """`opener(db_path)`, a failure said in one line."""
    import sqlite3

    try:
        return opener(settings.db_path)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", settings.lang, message=t(
            "app.db_error", settings.lang, path=settings.db_path, error=cause(exc, settings.lang, settings.db_path)))) from None


@cli.command()
@click.pass_obj
def tui(settings: Settings) -> None:
    """Open the terminal interface on the database."""
    _check_database(settings)
    me = _laptop_identity(settings)
    if me is not None:  # what is recorded now is stamped with the laptop's own inspector
        _record_owner(settings, me.id)
    _run_app(settings)


def _run_app(settings: Settings) -> None:
    from inspector.tui.factory import make_app

    run_interface(make_app(settings))


def _check_database(settings: Settings) -> None:
    """Create and migrate the database before the UI starts; refuse one that is not ours."""
    import sqlite3

    from inspector.store import open_db

    try:
        open_db(settings.db_path).close()
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", settings.lang, message=t(
            "app.db_error", settings.lang, path=settings.db_path, error=cause(exc, settings.lang, settings.db_path)))) from None


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
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--all", "full", is_flag=True)
@click.pass_obj
def export(settings: Settings, out_dir: Path | None, full: bool) -> None:
    """Write a sync bundle for the office: what it has not acknowledged yet."""
    import sqlite3

    from inspector.bundle.writing import ExportError, NothingToExport, NotThisLaptops, export_bundle, left_behind_lines
    from inspector.identity import IdentityError, load_identity

    lang = settings.lang
    _check_database(settings)
    try:
        me = load_identity(settings.data_dir / "identity")
    except IdentityError as exc:
        raise UserError(t("cli.error", lang, message=say(exc, lang))) from None
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
        for line in left_behind_lines(nothing.left_behind, me.id, lang):
            click.echo(line)
        return
    except NotThisLaptops as exc:
        raise UserError(t("cli.error", lang, message=t(
            "owner.export_other", lang, identity=exc.identity_id, inspectors=", ".join(exc.inspectors)))) from None
    except (ExportError, IdentityError) as exc:
        raise UserError(t("cli.error", lang, message=say(exc, lang))) from None
    except OSError as exc:
        raise UserError(t("cli.error", lang, message=t(
            "system.os.at", lang, file=exc.filename or out_dir, error=os_error(exc, lang)))) from None
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=cause(exc, lang, settings.db_path)))) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(made.summary(lang))  # with a line for each inspector whose records stay here


@cli.group()
def identity() -> None:
    """This inspector's identity: the key pair bundles are signed with."""


@identity.command("init")
@click.option("--id", "identity_id", required=True)
@click.option("--name", required=True)
@click.option("--replace", is_flag=True)
@click.pass_obj
def identity_init(settings: Settings, identity_id: str, name: str, replace: bool) -> None:
    """Create the identity and its Ed25519 key pair in the data folder.

    The id must be that of the inspector whose assignments are loaded here."""
    from inspector.identity import IdentityError, create_identity

    _check_identity_id(settings, identity_id)
    try:
        made = create_identity(settings.data_dir / "identity", identity_id, name, replace=replace)
    except IdentityError as exc:
        raise UserError(t("cli.error", settings.lang, message=say(exc, settings.lang))) from None
    if settings.db_path.exists():
        _record_owner(settings, made.id)
    click.echo(t("identity.created", settings.lang, id=made.id, name=made.name, fingerprint=made.fingerprint))


@identity.command("show")
@click.pass_obj
def identity_show(settings: Settings) -> None:
    """Print the public key and its fingerprint, to hand to the office."""
    from inspector.identity import IdentityError, load_identity

    try:
        found = load_identity(settings.data_dir / "identity")
    except IdentityError as exc:
        raise UserError(t("cli.error", settings.lang, message=say(exc, settings.lang))) from None
    click.echo(t("identity.shown", settings.lang, id=found.id, name=found.name, key=found.public_key_text,
                 fingerprint=found.fingerprint))


def _check_identity_id(settings: Settings, identity_id: str) -> None:
    """Refuse an identity for another inspector than the assignments loaded here."""
    import sqlite3

    from inspector.store import open_reader
    from inspector.store.ownership import ForeignIdentity, check_identity

    if not settings.db_path.exists():
        return
    lang = settings.lang
    try:
        conn = open_reader(settings.db_path)
        try:
            check_identity(conn, identity_id)
        finally:
            conn.close()
    except ForeignIdentity as exc:
        raise UserError(t("cli.error", lang, message=t(
            "owner.identity_refused", lang, loaded=", ".join(exc.loaded), id=identity_id, first=exc.loaded[0],
        ))) from None
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", lang, message=t(
            "app.db_error", lang, path=settings.db_path, error=cause(exc, lang, settings.db_path)))) from None


def _record_owner(settings: Settings, identity_id: str) -> None:
    """Record the identity as the inspector this laptop's records are stamped
    with (store.ownership), when it holds that inspector's assignments."""
    import sqlite3

    from inspector.store import open_reader
    from inspector.store.ownership import loaded_inspectors, record_inspector

    try:
        conn = open_reader(settings.db_path)
        try:
            if identity_id in loaded_inspectors(conn):
                record_inspector(conn, identity_id)
        finally:
            conn.close()
    except (sqlite3.Error, OSError) as exc:
        raise UserError(t("cli.error", settings.lang, message=t(
            "app.db_error", settings.lang, path=settings.db_path, error=cause(exc, settings.lang, settings.db_path)))) from None


@cli.group(invoke_without_command=True)
@click.pass_context
def assignments(ctx: click.Context) -> None:
    """List the assignments loaded here: round, inspector, projects, and the
    records on them the office has not acknowledged."""
    if ctx.invoked_subcommand is not None:
        return
    from inspector.store.loaded import loaded_assignments

    from .columns import table

    settings: Settings = ctx.obj
    lang = settings.lang
    _check_database(settings)
    conn = _reader(settings)
    try:
        loaded = loaded_assignments(conn)
    finally:
        conn.close()
    if not loaded:
        click.echo(t("assignments.none", lang))
        return
    header = [t(f"assignments.column_{name}", lang)
              for name in ("id", "round", "inspector", "projects", "unexported")]
    rows = [[a.id, a.round_name, f"{a.inspector_name} {a.inspector_id}", str(a.projects), str(a.unexported)]
            for a in loaded]
    for line in table([header, *rows], right=frozenset({3, 4})):
        click.echo(line)


@assignments.command("remove")
@click.argument("assignment_id", metavar="ID")
@click.option("--yes", is_flag=True)
@click.pass_obj
def assignments_remove(settings: Settings, assignment_id: str, yes: bool) -> None:
    """Remove an assignment whose work the office has acknowledged.

    Records made on site are never removed; its projects, checklists and
    problems go only where no other assignment holds them and nothing was
    recorded on them here."""
    import sqlite3

    from inspector.store.identity import current_identity
    from inspector.store.loaded import (
        UnexportedWork, UnknownAssignment, VisitOpen, check_removable, find_assignment, remove_assignment,
    )

    lang = settings.lang
    _check_database(settings)
    db = _open_laptop_db(settings)
    try:
        try:
            found = find_assignment(db, assignment_id)
            check_removable(db, found)
            if not yes and not confirmed(t("assignments.confirm", lang, assignment=found.id,
                                           round=found.round_name, inspector=found.inspector_name,
                                           projects=found.projects)):
                click.echo(t("assignments.kept", lang))
                return
            # Checked again inside: recorded between the question and the answer.
            removed = remove_assignment(db, found.id)
        except UnknownAssignment:
            raise UserError(t("cli.error", lang, message=t("assignments.unknown", lang, assignment=assignment_id))) \
                from None
        except UnexportedWork as exc:
            who = current_identity(db)
            me = who.inspector_id if who else ""
            key = "assignments.unexported" if exc.assignment.inspector_id == me else "assignments.unexported_other"
            raise UserError(t("cli.error", lang, message=t(
                key, lang, assignment=exc.assignment.id, records=exc.assignment.unexported,
                inspector=exc.assignment.inspector_id, me=me))) from None
        except VisitOpen as exc:
            raise UserError(t("cli.error", lang, message=t(
                "assignments.visit_open", lang, assignment=exc.assignment.id, project=exc.project,
                date=exc.date))) from None
        except sqlite3.Error as exc:
            raise UserError(t("cli.error", lang, message=t(
                "app.db_error", lang, path=settings.db_path, error=cause(exc, lang, settings.db_path)))) from None
    finally:
        db.close()
    click.echo(t("assignments.removed", lang, assignment=found.id, projects=removed.projects,
                 templates=removed.templates, problems=removed.problems))
