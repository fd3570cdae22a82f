"""Setting review states: one record or a whole filtered set, in one short
transaction, each change in the record's history and the audit log.

Every change names the review version its user saw (`Seen`). When another
member of staff, or ingest, changed the record since, the whole change is
refused (`stale`) and nothing is written: the screen reloads and shows the
newer state, and the user decides again on what is really there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database

from . import NEEDS_COMMENT, STATES, ReviewRefused
from inspector.store.transaction import immediate


@dataclass(frozen=True)
class Seen:
    """A record as its user last saw it: kind, id and review version."""

    kind: str
    id: str
    version: int


@dataclass(frozen=True)
class Changed:
    changed: int  # records whose state changed
    unchanged: int  # already in that state
    numbered: list[str]  # ledger numbers given to problems confirmed now


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def set_state(db: Database, seen: list[Seen], state: str, *, by: str, comment: str | None = None,
              at: str | None = None) -> Changed:
    """Move every record in `seen` to `state`. query, sent_back and rejected
    need a comment (the inspector reads it). Confirming a problem gives it
    its ledger number. Records already in `state` are left as they are."""
    from inspector.office.ledger.entries import open_entry

    if state not in STATES or state == "duplicate":
        raise ReviewRefused("bad_state", state=state)
    comment = (comment or "").strip() or None
    if state in NEEDS_COMMENT and comment is None:
        raise ReviewRefused("comment_needed", state=state)
    if not seen:
        raise ReviewRefused("nothing")
    at = at or now()
    conn = db.conn
    with immediate(db):
        wanted = json.dumps([[s.kind, s.id, s.version] for s in seen])
        rows = conn.execute(
            "SELECT json_extract(w.value, '$[0]') AS k, json_extract(w.value, '$[1]') AS i, "
            "json_extract(w.value, '$[2]'), r.version, r.state, r.rev "
            "FROM json_each(?) w LEFT JOIN reviews r ON r.kind = k AND r.id = i",
            (wanted,)).fetchall()
        moving = []
        for kind, record_id, saw, version, current, rev in rows:
            if version is None:
                raise ReviewRefused("unknown", kind=kind, id=record_id)
            if version != saw:
                raise ReviewRefused("stale", kind=kind, id=record_id)
            if current != state:
                moving.append((kind, record_id, rev))
        conn.executemany(
            "UPDATE reviews SET state = ?, at = ?, by = ?, comment = ?, duplicate_of = NULL, version = version + 1 "
            "WHERE kind = ? AND id = ?",
            [(state, at, by, comment, kind, record_id) for kind, record_id, _ in moving])
        conn.executemany(
            "INSERT INTO review_events (kind, id, rev, action, state, at, by, comment) "
            "VALUES (?, ?, ?, 'state', ?, ?, ?, ?)",
            [(kind, record_id, rev, state, at, by, comment) for kind, record_id, rev in moving])
        conn.executemany(
            "INSERT INTO audit_log (at, user_id, action, subject, reason, detail) VALUES (?, ?, ?, ?, ?, ?)",
            [(at, by, f"review.{state}", f"{kind}:{record_id}", comment, json.dumps({"rev": rev}))
             for kind, record_id, rev in moving])
        numbered = []
        if state == "confirmed":
            for kind, record_id, _ in moving:
                if kind == "problem":
                    number = open_entry(conn, record_id, by=by, at=at)
                    if number is not None:
                        numbered.append(number)
    return Changed(len(moving), len(seen) - len(moving), numbered)


def comment(db: Database, seen: Seen, text: str, *, by: str, at: str | None = None) -> None:
    """A note on a record's history that changes no state (the version does
    grow: whoever looks next sees the note)."""
    text = text.strip()
    if not text:
        raise ReviewRefused("comment_needed", state="comment")
    at = at or now()
    conn = db.conn
    with immediate(db):
        row = conn.execute("SELECT version, rev FROM reviews WHERE kind = ? AND id = ?",
                           (seen.kind, seen.id)).fetchone()
        if row is None:
            raise ReviewRefused("unknown", kind=seen.kind, id=seen.id)
        if row[0] != seen.version:
            raise ReviewRefused("stale", kind=seen.kind, id=seen.id)
        conn.execute("UPDATE reviews SET version = version + 1 WHERE kind = ? AND id = ?", (seen.kind, seen.id))
        conn.execute("INSERT INTO review_events (kind, id, rev, action, at, by, comment) "
                     "VALUES (?, ?, ?, 'comment', ?, ?, ?)", (seen.kind, seen.id, row[1], at, by, text))
        conn.execute("INSERT INTO audit_log (at, user_id, action, subject, reason) VALUES (?, ?, ?, ?, ?)",
                     (at, by, "review.comment", f"{seen.kind}:{seen.id}", text))
