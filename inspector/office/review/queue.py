"""The review queue: every received record with what a reviewer filters and
sorts by, read in one query and filtered in memory, so a keystroke costs a
pass over a list and no database work.

`load` reads the rows (visits, problems, innovations, re-check verdicts)
with their review state; `QueueFilter.apply` narrows them by words typed
(project code or name, city, inspector, pinyin initials, description,
ledger number) and by city, inspector, scenario, category, severity, kind
and review state; `sort` orders them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from sqlite_utils import Database

from inspector.i18n import LANGS
from inspector.pinyin import initials

SORTS = ("date", "project", "city", "inspector", "severity", "kind", "state")
SEVERITY_ORDER = {"severe": 0, "major": 1, "minor": 2}


@dataclass(frozen=True)
class QueueRow:
    kind: str
    id: str
    rev: int
    state: str
    version: int  # the review version: what a change names as seen
    reviewed_at: str
    reviewed_by: str | None
    comment: str | None
    project_code: str
    project_name: str
    city: str
    inspector: str  # who wrote the record's first revision
    inspector_name: str
    date: str  # ISO date the record speaks of (visit date, or when it was written)
    scenario: str | None
    category: str | None
    severity: str | None
    summary: str  # description, title, verdict and note, or the visit's note
    number: str | None  # ledger number, problems once confirmed
    search: str = field(repr=False, compare=False)
    conflict: bool = False  # a revision of it is kept as an open conflict, awaiting resolution


_SQL = """
SELECT v.kind, v.id, v.rev, v.state, v.version, v.at, v.by, v.comment,
       r.project_code, coalesce(p.name, r.project_code), coalesce(p.city, ''),
       (SELECT f.author FROM records f WHERE f.kind = v.kind AND f.id = v.id ORDER BY f.rev LIMIT 1),
       CASE v.kind WHEN 'visit' THEN json_extract(r.data, '$.date')
            ELSE coalesce((SELECT json_extract(w.data, '$.date') FROM current cw JOIN records w
                           ON w.kind = 'visit' AND w.id = cw.id AND w.rev = cw.rev
                           WHERE cw.kind = 'visit' AND cw.id = r.visit_id),
                          substr(json_extract(r.data, '$.created_at'), 1, 10)) END,
       json_extract(r.data, '$.scenario'), json_extract(r.data, '$.category'),
       json_extract(r.data, '$.severity'),
       CASE v.kind WHEN 'problem' THEN json_extract(r.data, '$.description')
                   WHEN 'innovation' THEN json_extract(r.data, '$.title')
                   WHEN 'follow_up' THEN json_extract(r.data, '$.verdict') || ' ' || json_extract(r.data, '$.note')
                   ELSE json_extract(r.data, '$.note') END,
       l.number
FROM reviews v
JOIN current cur ON cur.kind = v.kind AND cur.id = v.id
JOIN records r ON r.kind = cur.kind AND r.id = cur.id AND r.rev = cur.rev
LEFT JOIN projects p ON p.code = r.project_code
LEFT JOIN ledger l ON v.kind = 'problem' AND l.problem_id = v.id
{where}
"""


def load(db: Database, *, states: tuple[str, ...] | None = None) -> list[QueueRow]:
    """Every reviewed-kind record (or those in `states`), unsorted."""
    where, params = "", []
    if states:
        where, params = "WHERE v.state IN (SELECT value FROM json_each(?))", [json.dumps(list(states))]
    names = dict(db.conn.execute("SELECT id, name FROM inspectors").fetchall())
    names.update({f"office:{uid}": name for uid, name in db.conn.execute("SELECT id, name FROM office_users")})
    conflicted = set(db.conn.execute("SELECT DISTINCT kind, id FROM conflicts WHERE resolved_at IS NULL").fetchall())
    rows = []
    for (kind, rid, rev, state, version, at, by, comment, code, project, city, author, day, scenario, category,
         severity, summary, number) in db.conn.execute(_SQL.format(where=where), params):
        author = author or ""
        inspector_name = names.get(author, author)
        summary = summary or ""
        rows.append(QueueRow(
            kind, rid, rev, state, version, at, by, comment, code or "", project, city, author, inspector_name,
            day or "", scenario, category, severity, summary, number,
            search="\x1f".join((_place_words(code or "", project, city), _person_words(author, inspector_name),
                                summary, number or "")).lower(),
            conflict=(kind, rid) in conflicted))
    return rows


@lru_cache(maxsize=65536)
def _place_words(code: str, project: str, city: str) -> str:
    city_words = " ".join(table.LABELS["City"].get(city, "") for table in LANGS.values())
    return "\x1f".join((code, project, initials(project), city, city_words, initials(LANGS["zh"].LABELS["City"]
                                                                                     .get(city, ""))))


@lru_cache(maxsize=4096)
def _person_words(author: str, name: str) -> str:
    return "\x1f".join((author, name, initials(name)))


@dataclass(frozen=True)
class QueueFilter:
    text: str = ""
    kinds: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    cities: frozenset[str] = frozenset()
    inspectors: frozenset[str] = frozenset()
    scenarios: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    severities: frozenset[str] = frozenset()
    conflicted: bool = False  # only records with an open conflict

    def apply(self, rows: list[QueueRow]) -> list[QueueRow]:
        """The rows that pass every part of the filter, in their order. Each
        word typed must appear somewhere (AND); an empty set passes all."""
        terms = self.text.lower().split()
        checks = [(attr, wanted) for attr, wanted in (
            ("kind", self.kinds), ("state", self.states), ("city", self.cities), ("inspector", self.inspectors),
            ("scenario", self.scenarios), ("category", self.categories), ("severity", self.severities),
        ) if wanted]
        out = []
        for row in rows:
            if any(getattr(row, attr) not in wanted for attr, wanted in checks):
                continue
            if self.conflicted and not row.conflict:
                continue
            if terms and not all(term in row.search for term in terms):
                continue
            out.append(row)
        return out


def sort(rows: list[QueueRow], by: str = "date", *, descending: bool = False) -> list[QueueRow]:
    if by not in SORTS:
        raise ValueError(by)
    keys = {
        "date": lambda r: (r.date, r.project_code),
        "project": lambda r: (r.project_code, r.date),
        "city": lambda r: (r.city, r.project_code, r.date),
        "inspector": lambda r: (r.inspector, r.date),
        "severity": lambda r: (SEVERITY_ORDER.get(r.severity or "", 3), r.date),
        "kind": lambda r: (r.kind, r.date),
        "state": lambda r: (r.state, r.date),
    }
    return sorted(rows, key=keys[by], reverse=descending)
