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


def trust_office(db: Database, office: TrustedOffice) -> None:
    """Record `office` as the one this laptop trusts (replacing any other:
    the caller decides whether that is allowed)."""
    with immediate(db):
        db.conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [("office_id", office.id), ("office_name", office.name), ("office_key", office.public_key)],
        )
