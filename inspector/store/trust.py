"""Which office this laptop trusts: its public key, set explicitly or pinned
on the first signed assignment loaded (meta 'office_key', 'office_name')."""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database

from .projects import _conn
from .transaction import immediate


class TrustedOffice(NamedTuple):
    id: str
    name: str
    public_key: str  # base64 of the raw 32 bytes


def trusted_office(db) -> TrustedOffice | None:
    conn = _conn(db)
    rows = dict(conn.execute(
        "SELECT key, value FROM meta WHERE key IN ('office_id', 'office_name', 'office_key')"
    ).fetchall())
    if "office_key" not in rows:
        return None
    return TrustedOffice(rows.get("office_id", ""), rows.get("office_name", ""), rows["office_key"])


def trust_office(db: Database, office: TrustedOffice, *, moved_from: TrustedOffice | None = None) -> None:
    """Record `office` as the one this laptop trusts (replacing any other:
    the caller decides whether that is allowed). `moved_from`: the key it
    replaces through the office's signed handover, remembered so receipts
    signed with it stay valid (meta 'office_previous_keys', a JSON list)."""
    import json

    rows = [("office_id", office.id), ("office_name", office.name), ("office_key", office.public_key)]
    with immediate(db):
        if moved_from is not None:
            earlier = previous_office_keys(db)
            if moved_from.public_key not in earlier:
                rows.append(("office_previous_keys", json.dumps([*earlier, moved_from.public_key])))
        db.conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", rows)


def previous_office_keys(db) -> list[str]:
    """Keys the trusted office handed over from, oldest first."""
    import json

    row = _conn(db).execute("SELECT value FROM meta WHERE key = 'office_previous_keys'").fetchone()
    return json.loads(row[0]) if row else []
