"""Backups, restores and checks of the office from the command line:
`office backup`, `office restore`, `office check`. Thin: office/backup
decides; a refusal is one line in the user's language and changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from inspector.i18n import t

from .base import EXIT_BAD_INPUT, UserError, cause
from .office import _office_db, _office_key, acting_id, fail, office


@office.command("backup")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path))
@click.option("--with-keys", is_flag=True)
@click.pass_obj
def office_backup(context, output: Path, with_keys: bool) -> None:
    """A consistent backup of the office into a new folder, while it keeps working."""
    from inspector.office.backup import BackupRefused
    from inspector.office.backup.making import make_backup

    settings, office_db = context
    lang = settings.lang
    _office_db(settings, office_db).close()  # who is backing up, and that there is an office
    key_folder = _office_key(settings, office_db).folder if with_keys else None
    try:
        manifest = make_backup(office_db, output, by=acting_id(), key_folder=key_folder)
    except BackupRefused as exc:
        raise fail(lang, exc.say(lang)) from None
    except OSError as exc:
        raise fail(lang, t("office.write_failed", lang, path=output, error=cause(exc, lang))) from None
    except sqlite3.Error as exc:
        raise fail(lang, t("app.db_error", lang, path=office_db, error=cause(exc, lang, office_db))) from None
    size = sum(f.size for f in manifest.files) + 0.0
    click.echo(t("backup.done", lang, folder=output, files=len(manifest.files), mb=size / 1e6,
                 keys=t("backup.with_keys", lang) if with_keys else ""))


@office.command("restore")
@click.argument("backup", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True)
@click.pass_obj
def office_restore(context, backup: Path, replace: bool) -> None:
    """Restore the office from a backup, checked whole first."""
    from inspector.office.backup import BackupRefused
    from inspector.office.backup.restoring import restore
    from inspector.office.keys import office_key_folder

    settings, office_db = context
    lang = settings.lang
    if Path(office_db).exists():  # replacing an office is a member of staff's act, attributed
        _office_db(settings, office_db).close()
    try:
        done = restore(backup, office_db, office_key_folder(office_db), replace=replace)
    except BackupRefused as exc:
        raise UserError(t("cli.error", lang, message=exc.say(lang))) from None
    except OSError as exc:
        raise fail(lang, t("office.write_failed", lang, path=office_db, error=cause(exc, lang))) from None
    click.echo(t("backup.restored", lang, db=done.db, files=done.files,
                 keys=t("backup.restored_keys", lang) if done.with_keys else ""))
    if done.kept_aside is not None:
        click.echo(t("backup.kept_aside", lang, folder=done.kept_aside))


@office.command("check")
@click.pass_obj
def office_check(context) -> None:
    """Verify the live office, changing nothing; exit code 2 when something does not match."""
    from inspector.office.backup.checking import check_office

    settings, office_db = context
    lang = settings.lang
    db = _office_db(settings, office_db)
    try:
        records = db.conn.execute("SELECT count(*) FROM records").fetchone()[0]
        photos = db.conn.execute("SELECT count(*) FROM photo_files").fetchone()[0]
    finally:
        db.close()
    key = _office_key(settings, office_db)
    try:
        found = check_office(office_db, office_key=key.public_key_text)
    except (sqlite3.Error, OSError) as exc:
        raise fail(lang, t("app.db_error", lang, path=office_db, error=cause(exc, lang, office_db))) from None
    if not found:
        receipts = len(list((Path(office_db).parent / "receipts").glob("receipt-*.json")))
        click.echo(t("check.clean", lang, records=records, photos=photos, receipts=receipts))
        return
    click.echo(t("check.found", lang, count=len(found)))
    for finding in found:
        click.echo("  " + finding.say(lang))
    raise SystemExit(EXIT_BAD_INPUT)
