"""`inspector office status`: inspectors, the last bundle of each laptop,
missing sequences, held bundles and open conflicts."""

from __future__ import annotations

import sqlite3

import click

from inspector.i18n import t

from .base import UserError, cause
from .columns import table
from .office import _local_time, _office_db, office


@office.command("status")
@click.option("--conflicts", "show_conflicts", is_flag=True)
@click.pass_obj
def office_status_command(context, show_conflicts: bool) -> None:
    """Inspectors, the last bundle of each, gaps, held bundles and conflicts."""
    from inspector.office.status import office_status, open_conflicts

    settings, office_db = context
    lang = settings.lang
    db = _office_db(settings, office_db)
    try:
        people = office_status(db.conn)
        conflicts = open_conflicts(db.conn) if show_conflicts else []
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t("app.db_error", lang, path=office_db, error=cause(exc, lang, office_db)))) from None
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
        if p.revoked_after is not None:
            device += " " + t("office.status.revoked", lang, after=p.revoked_after)
        rows.append([
            p.id, p.name, p.fingerprint, device, str(p.last_sequence) if p.last_sequence else none,
            _local_time(p.last_applied_at) if p.last_applied_at else "",
            _ranges(p.missing) or none,
            ", ".join(t("office.status.held", lang, sequence=h.sequence, since=h.since) for h in p.held) or none,
            str(p.open_conflicts),
        ])
    for line in table(rows):
        click.echo(line)
    if show_conflicts:
        click.echo("")
        if not conflicts:
            click.echo(t("office.status.no_conflicts", lang))
        for c in conflicts:
            click.echo(t("office.status.conflict", lang, inspector=c.inspector, sequence=c.sequence, kind=c.kind,
                         id=c.id, rev=c.rev, base=c.base_rev if c.base_rev is not None else none,
                         office=c.office_rev if c.office_rev is not None else none, kept=_local_time(c.kept_at)))


def _ranges(numbers: list[int]) -> str:
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(parts)
