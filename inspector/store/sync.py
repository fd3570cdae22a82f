"""Where this laptop stands with the office: what it exported, what the office
acknowledged, and how many revisions recorded here the office does not hold
yet (so the inspector knows whether an export is due)."""

from __future__ import annotations

from typing import NamedTuple

from .identity import current_identity
from .ownership import RECORD_TABLES
from .projects import _conn


class SyncState(NamedTuple):
    exported: int  # sequence of the last bundle written (0: none)
    acknowledged: int  # last sequence the office acknowledged (0: none)
    unacknowledged: int  # revisions recorded here the office has not acknowledged


def acknowledged(db) -> int:
    """The highest bundle sequence the office has acknowledged (0: none yet)."""
    return _conn(db).execute("SELECT coalesce(max(acknowledged), 0) FROM receipts").fetchone()[0]


def sync_state(db) -> SyncState:
    conn = _conn(db)
    who = current_identity(conn)
    exported = conn.execute("SELECT coalesce(max(sequence), 0) FROM bundles WHERE status = 'written'").fetchone()[0]
    since = acknowledged(conn)
    if who is None:
        return SyncState(exported, since, 0)
    waiting = sum(
        conn.execute(
            f"SELECT count(*) FROM {table} WHERE author = ? AND device = ? "
            "AND (exported_in IS NULL OR exported_in > ?)",
            (who.inspector_id, who.device_id, since),
        ).fetchone()[0]
        for table in RECORD_TABLES
    )
    return SyncState(exported, since, waiting)
