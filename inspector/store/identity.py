"""Who is writing, on which device: stamped on every record made here."""

from __future__ import annotations

from dataclasses import dataclass

from .projects import _conn


@dataclass(frozen=True)
class Identity:
    inspector_id: str
    inspector_name: str
    device_id: str


def current_identity(db) -> Identity | None:
    """The inspector of the newest assignment loaded here, and this device's id.
    None until an assignment has been loaded."""
    conn = _conn(db)
    row = conn.execute(
        "SELECT inspector_id, inspector_name FROM assignments WHERE superseded_by IS NULL "
        "ORDER BY loaded_at DESC, issued_at DESC LIMIT 1"
    ).fetchone()
    device = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    if row is None or device is None:
        return None
    return Identity(row[0], row[1], f"device-{device[0]}")
