"""Who is writing, on which device: stamped on every record made here."""

from __future__ import annotations

from dataclasses import dataclass

from .projects import _conn


@dataclass(frozen=True)
class Identity:
    inspector_id: str
    inspector_name: str
    device_id: str


def device_id(db) -> str | None:
    """This database's device id, as records made here are stamped with it
    (written when the database is made; None only in a damaged one)."""
    row = _conn(db).execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    return None if row is None else f"device-{row[0]}"


def current_identity(db) -> Identity | None:
    """This laptop's inspector (see store.ownership), named as the newest
    assignment for them names them, and this device's id. Before the laptop
    has recorded its inspector: the inspector of the newest assignment loaded.
    None until an assignment has been loaded."""
    conn = _conn(db)
    owner = conn.execute("SELECT value FROM meta WHERE key = 'inspector'").fetchone()
    device = device_id(conn)
    if owner is not None:
        # The laptop's own inspector, never whoever's assignment is loaded too
        # (an older version let a laptop hold two inspectors' assignments):
        # not even once the owner's own are all removed. Their name, then, is
        # no longer known here; their id stands for it.
        row = conn.execute(
            "SELECT inspector_id, inspector_name FROM assignments WHERE inspector_id = ? "
            "ORDER BY superseded_by IS NOT NULL, loaded_at DESC, issued_at DESC LIMIT 1", (owner[0],)
        ).fetchone() or (owner[0], owner[0])
    else:
        row = conn.execute(
            "SELECT inspector_id, inspector_name FROM assignments WHERE superseded_by IS NULL "
            "ORDER BY loaded_at DESC, issued_at DESC LIMIT 1"
        ).fetchone()
    if row is None or device is None:
        return None
    return Identity(row[0], row[1], device)
