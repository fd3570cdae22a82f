"""What ingest tells review: a revision became the office's current one.

A new revision of a record puts it (back) in the queue, whatever it was: the
inspector answered what the office sent back, or corrected something already
confirmed, and someone has to look again. Called inside ingest's transaction.
"""

from __future__ import annotations

import sqlite3

from . import REVIEWED_KINDS


def received(conn: sqlite3.Connection, kind: str, record_id: str, rev: int, *, at: str, by: str | None,
             bundle_id: str | None = None) -> None:
    if kind not in REVIEWED_KINDS:
        return
    before = conn.execute("SELECT state FROM reviews WHERE kind = ? AND id = ?", (kind, record_id)).fetchone()
    conn.execute(
        "INSERT INTO reviews (kind, id, state, rev, at, by, comment) VALUES (?, ?, 'received', ?, ?, ?, NULL) "
        "ON CONFLICT(kind, id) DO UPDATE SET state = 'received', rev = excluded.rev, at = excluded.at, "
        "by = excluded.by, comment = NULL, duplicate_of = NULL, version = reviews.version + 1",
        (kind, record_id, rev, at, by))
    action = "answered" if before is not None and before[0] == "sent_back" else (
        "revised" if before is not None else "received")
    conn.execute(
        "INSERT INTO review_events (kind, id, rev, action, state, at, by, detail) "
        "VALUES (?, ?, ?, ?, 'received', ?, ?, ?)",
        (kind, record_id, rev, action, at, by, None if bundle_id is None else f'{{"bundle": "{bundle_id}"}}'))
