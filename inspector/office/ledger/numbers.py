"""Ledger numbers: 2026-2-HZ-007 (round, city, sequence in that round and city).

A number is given once, when the problem is confirmed, and never changes or
repeats (the ledger row is never deleted, its number never updated: o010's
triggers). The round is the one the problem was found in: the inspector's
assignment covering its project, issued before the problem was written."""

from __future__ import annotations

import re
import sqlite3

# Two letters a city is known by in the office's files (project codes use the same).
CITY_LETTERS = {
    "hangzhou": "HZ", "ningbo": "NB", "wenzhou": "WZ", "jiaxing": "JX", "huzhou": "HU", "shaoxing": "SX",
    "jinhua": "JH", "quzhou": "QZ", "zhoushan": "ZS", "taizhou": "TZ", "lishui": "LS",
}


def city_from_code(project_code: str) -> str:
    """A project the catalogue does not hold (yet): its code's letters say
    the city (HZ-GL-001), else the number says "unknown"."""
    letters = project_code.split("-", 1)[0].upper()
    return next((city for city, own in CITY_LETTERS.items() if own == letters), "unknown")


def round_label(round_id: str) -> str:
    """R2026-2 -> 2026-2: the letters before the year add nothing to a number people read out."""
    return re.sub(r"^[A-Za-z]+(?=\d)", "", round_id)


def format_number(round_id: str, city: str, seq: int) -> str:
    return f"{round_label(round_id)}-{CITY_LETTERS.get(city, city.upper()[:2])}-{seq:03d}"


def round_of(conn: sqlite3.Connection, problem_id: str) -> str:
    """The round a problem was found in: the latest assignment of its author
    covering its project issued before it was written; else the latest round
    that covered the project; else the year it was written."""
    row = conn.execute(
        "SELECT r.project_code, r.author, json_extract(r.data, '$.created_at') FROM records r "
        "WHERE r.kind = 'problem' AND r.id = ? ORDER BY r.rev LIMIT 1", (problem_id,)).fetchone()
    if row is None:
        raise KeyError(problem_id)
    project, author, created = row
    for sql, params in (
        ("SELECT a.round_id FROM assignments a JOIN assignment_projects p ON p.assignment_id = a.id "
         "WHERE p.project_code = ? AND a.inspector_id = ? AND a.issued_at <= ? ORDER BY a.issued_at DESC LIMIT 1",
         (project, author, created)),
        ("SELECT a.round_id FROM assignments a JOIN assignment_projects p ON p.assignment_id = a.id "
         "WHERE p.project_code = ? ORDER BY a.issued_at DESC LIMIT 1", (project,)),
    ):
        found = conn.execute(sql, params).fetchone()
        if found is not None:
            return found[0]
    return (created or "0000")[:4]


def next_seq(conn: sqlite3.Connection, round_id: str, city: str) -> int:
    row = conn.execute("SELECT max(seq) FROM ledger WHERE round_id = ? AND city = ?", (round_id, city)).fetchone()
    return (row[0] or 0) + 1
