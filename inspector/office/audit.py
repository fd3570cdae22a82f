"""The office's audit log: one row per action, appended, never rewritten.

Callers record inside the transaction of the change itself, so an action and
its log entry are stored together or not at all. The database refuses UPDATE
and DELETE on the log (o008's triggers), whoever tries.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    user: str
    action: str
    subject: str
    reason: str | None
    detail: dict | None


def record(db: Database | sqlite3.Connection, user: str, action: str, subject: str = "", *, reason: str | None = None,
           detail: dict | None = None, at: str | None = None) -> int:
    """Append one entry; returns its number. `action` is a dotted code
    ("user.add", "bundle.ingest"), named for people by i18n "audit.<action>"."""
    at = at or datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn = getattr(db, "conn", db)  # a sqlite-utils Database or a plain connection
    cursor = conn.execute(
        "INSERT INTO audit_log (at, user_id, action, subject, reason, detail) VALUES (?, ?, ?, ?, ?, ?)",
        (at, user, action, subject, reason,
         None if detail is None else json.dumps(detail, ensure_ascii=False, sort_keys=True)))
    return cursor.lastrowid


def entries(db: Database, *, since: str | None = None, user: str | None = None) -> list[Entry]:
    """The log in the order it was written; `since` is an ISO date or time (UTC)."""
    sql, params = "SELECT seq, at, user_id, action, subject, reason, detail FROM audit_log WHERE 1", []
    if since:
        sql, params = sql + " AND at >= ?", [*params, since]
    if user:
        sql, params = sql + " AND user_id = ?", [*params, user]
    return [Entry(seq, at, who, action, subject, reason, None if detail is None else json.loads(detail))
            for seq, at, who, action, subject, reason, detail in db.conn.execute(sql + " ORDER BY seq", params)]
