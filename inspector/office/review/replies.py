"""What ingest tells review: the inspector answered a record the office sent
back (a reply record from their bundle).

The answer reopens review as a new revision would (review/intake.py): the
record goes back to received (待审核) and its history gains an "answered"
event with the inspector's words, so whoever looks next reads them beside
the office's question. Called inside ingest's transaction.
"""

from __future__ import annotations

import json
import sqlite3

from inspector.models import Reply

from . import REVIEWED_KINDS


def replied(conn: sqlite3.Connection, reply: Reply, *, at: str, by: str | None,
            bundle_id: str | None = None) -> None:
    kind, record_id = reply.target_kind, str(reply.target_id)
    if kind not in REVIEWED_KINDS:
        return
    row = conn.execute("SELECT rev FROM reviews WHERE kind = ? AND id = ?", (kind, record_id)).fetchone()
    if row is None:  # claims checked it was sent back, so it has a review; a damaged history is no reason to lose words
        return
    conn.execute(
        "UPDATE reviews SET state = 'received', at = ?, by = ?, comment = NULL, duplicate_of = NULL, "
        "version = version + 1 WHERE kind = ? AND id = ?", (at, by, kind, record_id))
    detail = {"reply": str(reply.id), "reply_rev": reply.rev, "answering_rev": reply.target_rev}
    if bundle_id is not None:
        detail["bundle"] = bundle_id
    conn.execute(
        "INSERT INTO review_events (kind, id, rev, action, state, at, by, comment, detail) "
        "VALUES (?, ?, ?, 'answered', 'received', ?, ?, ?, ?)",
        (kind, record_id, row[0], at, by, reply.text, json.dumps(detail, sort_keys=True)))
