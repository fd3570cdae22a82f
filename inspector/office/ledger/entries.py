"""Opening a ledger entry when the office confirms a problem."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta

from . import DEFAULT_DAYS
from .numbers import city_from_code, format_number, next_seq, round_of


def default_rectification(severity: str) -> str:
    """限期整改 unless someone decides otherwise: the common case in the office's ledgers."""
    return "deadline"


def default_deadline(rectification: str, opened: date) -> date:
    return opened + timedelta(days=DEFAULT_DAYS[rectification])


def open_entry(conn: sqlite3.Connection, problem_id: str, *, by: str, at: str) -> str | None:
    """Give a confirmed problem its ledger number (inside the caller's
    transaction); the number, or None when it has one already."""
    if conn.execute("SELECT 1 FROM ledger WHERE problem_id = ?", (problem_id,)).fetchone():
        return None
    row = conn.execute(
        "SELECT r.data, p.city FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
        "LEFT JOIN projects p ON p.code = r.project_code WHERE c.kind = 'problem' AND c.id = ?",
        (problem_id,)).fetchone()
    if row is None:
        raise KeyError(problem_id)
    data = json.loads(row[0])
    city = row[1] or city_from_code(data["project_code"])
    round_id = round_of(conn, problem_id)
    seq = next_seq(conn, round_id, city)
    number = format_number(round_id, city, seq)
    rectification = default_rectification(data.get("severity", ""))
    opened = datetime.fromisoformat(at).astimezone().date()
    deadline = data.get("deadline") or default_deadline(rectification, opened).isoformat()
    conn.execute(
        "INSERT INTO ledger (problem_id, number, round_id, city, seq, project_code, rectification, deadline, "
        "status, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
        (problem_id, number, round_id, city, seq, data["project_code"], rectification, deadline, at, by))
    conn.execute(
        "INSERT INTO ledger_events (problem_id, action, status, at, by, detail) VALUES (?, 'open', 'pending', ?, ?, ?)",
        (problem_id, at, by, json.dumps({"number": number, "rectification": rectification, "deadline": deadline},
                                        ensure_ascii=False)))
    return number
