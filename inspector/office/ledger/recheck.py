"""A re-check verdict from the field (复查) moves the ledger entry of the
problem it judges, as ingest applies it: not rectified sends it back
(退回整改), partly rectified keeps it being rectified (整改中, or 持续整改 if
the office has decided it takes longer), rectified
makes it ready to close (申请销号) in the inspector's name, so any member of
office staff may approve it, and the verdict counts as evidence.

Runs inside ingest's transaction; only an open entry moves (a closed one
stays closed: reopening it is a decision for the office)."""

from __future__ import annotations

import json
import sqlite3

from inspector.office import audit

from . import CONTINUING, OPEN_STATUSES

MOVES = {"not_rectified": "returned", "partly_rectified": "rectifying", "rectified": "close_requested"}


def verdict_received(conn: sqlite3.Connection, kind: str, data_json: str, *, by: str, at: str) -> str | None:
    """The entry's new status, or None when the record moves no entry."""
    if kind != "follow_up":
        return None
    data = json.loads(data_json)
    verdict, problem_id = data.get("verdict"), data.get("problem_id")
    if verdict not in MOVES or not problem_id:
        return None
    entry = conn.execute("SELECT number, status FROM ledger WHERE problem_id = ?", (str(problem_id),)).fetchone()
    if entry is None or entry[1] not in OPEN_STATUSES:
        return None
    number, status = entry
    target = MOVES[verdict]
    if target == "rectifying" and status == CONTINUING:
        target = CONTINUING  # progress, as the office expected: still 持续整改
    author = f"inspector:{data.get('author', '')}"
    if target == "close_requested":
        conn.execute("UPDATE ledger SET status = ?, requested_at = ?, requested_by = ?, version = version + 1 "
                     "WHERE problem_id = ?", (target, at, author, str(problem_id)))
    elif target == "returned":
        conn.execute("UPDATE ledger SET status = ?, requested_at = NULL, requested_by = NULL, version = version + 1 "
                     "WHERE problem_id = ?", (target, str(problem_id)))
    else:
        conn.execute("UPDATE ledger SET status = ?, version = version + 1 WHERE problem_id = ?",
                     (target, str(problem_id)))
    detail = {"verdict": verdict, "follow_up": str(data.get("id")), "rev": data.get("rev"), "inspector": author,
              "from": status}
    conn.execute("INSERT INTO ledger_events (problem_id, action, status, at, by, detail) VALUES (?, 'verdict', ?, ?, ?, ?)",
                 (str(problem_id), target, at, author, json.dumps(detail, ensure_ascii=False, sort_keys=True)))
    audit.record(conn, by, "ledger.verdict", number, detail={"problem": str(problem_id), **detail}, at=at)
    return target
