"""Opening a ledger entry when the office confirms a problem."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import CONTINUING, DEFAULT_DAYS
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
    conn.execute("INSERT INTO audit_log (at, user_id, action, subject, detail) VALUES (?, ?, 'ledger.open', ?, ?)",
                 (at, by, number, json.dumps({"problem": problem_id, "rectification": rectification,
                                              "deadline": deadline}, ensure_ascii=False, sort_keys=True)))
    return number


# -- reading the ledger --------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerEntry:
    """One line of the ledger as people read it."""

    number: str
    problem_id: str
    project_code: str
    project_name: str
    city: str
    severity: str
    description: str
    unit_id: str | None
    unit_name: str | None
    unit_role: str | None
    rectification: str
    deadline: str | None
    status: str
    days_overdue: int  # 0 when not overdue (or closed)
    light: str | None  # red | yellow | green; None once closed
    opened_at: str
    opened_by: str
    closed_at: str | None
    closed_by: str | None
    requested_by: str | None
    version: int


@dataclass(frozen=True)
class Event:
    seq: int
    action: str  # open, set_terms, start, reply, approve, return, extend, verdict
    status: str | None
    at: str
    by: str
    reason: str | None
    detail: dict | None


def _today(today: date | None) -> date:
    return today or datetime.now().astimezone().date()


_ENTRY_SQL = (
    "SELECT l.number, l.problem_id, l.project_code, coalesce(p.name, l.project_code), l.city, "
    "json_extract(r.data, '$.severity'), json_extract(r.data, '$.description'), l.unit_id, u.name, u.role, "
    "l.rectification, l.deadline, l.status, l.opened_at, l.opened_by, l.closed_at, l.closed_by, l.requested_by, "
    "l.version FROM ledger l "
    "LEFT JOIN current c ON c.kind = 'problem' AND c.id = l.problem_id "
    "LEFT JOIN records r ON r.kind = 'problem' AND r.id = c.id AND r.rev = c.rev "
    "LEFT JOIN projects p ON p.code = l.project_code "
    "LEFT JOIN units u ON u.id = l.unit_id WHERE 1")


def _entry(row: tuple, today: date) -> LedgerEntry:
    from .steps import light

    (number, problem_id, code, name, city, severity, description, unit_id, unit_name, unit_role, rectification,
     deadline, status, opened_at, opened_by, closed_at, closed_by, requested_by, version) = row
    overdue = 0
    if status not in ("closed", CONTINUING) and deadline:  # 持续整改: agreed to take longer, not late
        overdue = max(0, (today - date.fromisoformat(deadline[:10])).days)
    return LedgerEntry(number, problem_id, code, name, city, severity or "", description or "", unit_id, unit_name,
                       unit_role, rectification, deadline, status, overdue, light(status, deadline, today),
                       opened_at, opened_by, closed_at, closed_by, requested_by, version)


def entries(db, *, city: str | None = None, status: str | None = None, today: date | None = None,
            overdue: bool = False) -> list[LedgerEntry]:
    """The ledger in number order (round, city, sequence), filtered."""
    sql, params = _ENTRY_SQL, []
    if city:
        sql, params = sql + " AND l.city = ?", [*params, city]
    if status:
        sql, params = sql + " AND l.status = ?", [*params, status]
    day = _today(today)
    found = [_entry(row, day) for row in db.conn.execute(sql + " ORDER BY l.round_id, l.city, l.seq", params)]
    return [e for e in found if e.days_overdue > 0] if overdue else found


def entry(db, number: str, *, today: date | None = None) -> LedgerEntry | None:
    """One entry by its number (or by its problem's id)."""
    row = db.conn.execute(_ENTRY_SQL + " AND (l.number = ? OR l.problem_id = ?)",
                          (number.strip().upper(), number.strip())).fetchone()
    return None if row is None else _entry(row, _today(today))


def history(db, problem_id: str) -> list[Event]:
    """Every step of an entry, oldest first."""
    return [Event(seq, action, status, at, by, reason, None if detail is None else json.loads(detail))
            for seq, action, status, at, by, reason, detail in db.conn.execute(
                "SELECT seq, action, status, at, by, reason, detail FROM ledger_events WHERE problem_id = ? "
                "ORDER BY seq", (problem_id,))]


def replies(db, problem_id: str) -> list[tuple[str, str, str, str, list[tuple[str, str, int, str]]]]:
    """The unit's replies: (measures, replied on, recorded by, recorded at, [(name, kind, size, sha256)])."""
    out = []
    for reply_id, measures, replied_on, by, at in db.conn.execute(
            "SELECT id, measures, replied_on, recorded_by, recorded_at FROM ledger_replies WHERE problem_id = ? "
            "ORDER BY recorded_at", (problem_id,)):
        files = [tuple(r) for r in db.conn.execute(
            "SELECT name, kind, size, sha256 FROM ledger_evidence WHERE reply_id = ? ORDER BY name", (reply_id,))]
        out.append((measures, replied_on, by, at, files))
    return out
