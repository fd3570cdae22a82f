"""The round at a glance: per city and in total, how far the visits are, what
came in, what awaits review, and how the problem ledger's deadlines stand.

Everything is counted by SQLite in a handful of grouped queries: a province
holds 15,000 problems and 150,000 answers, and opening the dashboard must cost
no more than opening the laptop's project list. No row is looked at in Python.

What belongs to a round. A visit belongs to the round of the newest
assignment of its inspector covering its project issued before the visit was
written (else the newest round that covered the project: the rule ledger
numbers use, office/ledger/numbers.round_of). Problems, innovations and
re-check verdicts belong to their visit's round. Deadlines and conflicts are
counted whatever round they came from: an overdue problem of the last round is
still owed, and a conflict still waits; that is what a city's light says.
Bundles are a laptop's, not a city's: they are counted in the total only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from .ledger.numbers import CITY_LETTERS

DUE_SOON_DAYS = 7
# Statuses whose deadline the office chases. A unit that asked for closure has
# answered: the next step is the office's, not the unit's.
CHASED = ("pending", "rectifying", "returned")
LIGHTS = ("red", "yellow", "green")


@dataclass
class CityCounts:
    city: str  # a City code; "" for the total
    assigned: int = 0  # projects assigned in the round
    visited: int = 0  # of those, with a visit received
    finished: int = 0  # with a finished visit received
    problems: int = 0  # found in the round's visits (duplicates merged away not counted)
    by_severity: dict[str, int] = field(default_factory=dict)
    by_review: dict[str, int] = field(default_factory=dict)  # problems by review state
    by_ledger: dict[str, int] = field(default_factory=dict)  # problems by ledger status
    innovations: int = 0
    follow_ups: int = 0
    to_review: int = 0  # records of any kind in state received
    open_conflicts: int = 0
    due_soon: int = 0  # open ledger deadlines within DUE_SOON_DAYS (any round)
    overdue: int = 0  # open ledger deadlines passed (any round)

    @property
    def light(self) -> str:
        """red: something is overdue; yellow: something falls due within a week; green otherwise."""
        return "red" if self.overdue else "yellow" if self.due_soon else "green"

    def add(self, other: "CityCounts") -> None:
        for name in ("assigned", "visited", "finished", "problems", "innovations", "follow_ups", "to_review",
                     "open_conflicts", "due_soon", "overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("by_severity", "by_review", "by_ledger"):
            mine = getattr(self, name)
            for key, count in getattr(other, name).items():
                mine[key] = mine.get(key, 0) + count


@dataclass
class Dashboard:
    round_id: str | None  # None: no round issued yet
    rounds: list[str]  # every round, oldest first
    today: date
    cities: list[CityCounts]
    total: CityCounts
    bundles_applied: int = 0
    bundles_held: int = 0
    missing_sequences: int = 0  # sequences awaited before a held bundle can be applied
    laptops_waiting: int = 0  # laptops with a held bundle


def _city_sql(project_column: str, city_column: str) -> str:
    """A project's city: the catalogue's, else the letters its code starts with."""
    letters = f"upper(substr({project_column}, 1, instr({project_column} || '-', '-') - 1))"
    cases = " ".join(f"WHEN '{own}' THEN '{city}'" for city, own in CITY_LETTERS.items())
    return f"coalesce({city_column}, CASE {letters} {cases} ELSE 'unknown' END)"


def rounds(db: Database) -> list[str]:
    """Every round an assignment was issued for, oldest first."""
    return [r for (r,) in db.conn.execute(
        "SELECT round_id FROM assignments GROUP BY round_id ORDER BY max(issued_at), round_id")]


# The round of every visit, by the rule in the module's docstring.
_ROUND_VISITS = f"""
WITH dv AS MATERIALIZED (SELECT id, city, project, finished FROM (
  SELECT c.id AS id, {_city_sql('r.project_code', 'p.city')} AS city, r.project_code AS project,
         json_extract(r.data, '$.status') = 'finished' AS finished,
         coalesce(
           (SELECT a.round_id FROM assignment_projects ap JOIN assignments a ON a.id = ap.assignment_id
            WHERE ap.inspector_id = (SELECT f.author FROM records f WHERE f.kind = 'visit' AND f.id = c.id
                                     ORDER BY f.rev LIMIT 1)
              AND ap.project_code = r.project_code AND a.issued_at <= json_extract(r.data, '$.created_at')
            ORDER BY a.issued_at DESC LIMIT 1),
           (SELECT a.round_id FROM assignment_projects ap JOIN assignments a ON a.id = ap.assignment_id
            WHERE ap.project_code = r.project_code ORDER BY a.issued_at DESC LIMIT 1)) AS round_id
  FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev
  LEFT JOIN projects p ON p.code = r.project_code
  WHERE c.kind = 'visit')
WHERE round_id IS ?)
"""


def round_dashboard(db: Database, round_id: str | None = None, today: date | None = None) -> Dashboard:
    """The dashboard of `round_id` (default: the newest round) as of `today`."""
    from .status import office_status

    conn = db.conn
    today = today or date.today()
    every = rounds(db)
    if round_id is None and every:
        round_id = every[-1]
    cities: dict[str, CityCounts] = {}

    def city(code: str) -> CityCounts:
        return cities.setdefault(code, CityCounts(code))

    for code, count in conn.execute(
            f"SELECT {_city_sql('ap.project_code', 'p.city')}, count(DISTINCT ap.project_code) "
            "FROM assignments a JOIN assignment_projects ap ON ap.assignment_id = a.id "
            "LEFT JOIN projects p ON p.code = ap.project_code "
            "WHERE a.round_id IS ? AND a.withdrawn_at IS NULL GROUP BY 1", (round_id,)):
        city(code).assigned = count

    for code, visited, finished in conn.execute(
            _ROUND_VISITS + "SELECT city, count(DISTINCT project), "
            "count(DISTINCT CASE WHEN finished THEN project END) FROM dv GROUP BY city", (round_id,)):
        city(code).visited, city(code).finished = visited, finished

    # The round's problems, innovations and verdicts, grouped as the dashboard shows them.
    for code, kind, severity, state, status, count in conn.execute(
            _ROUND_VISITS + "SELECT dv.city, c.kind, CASE c.kind WHEN 'problem' THEN json_extract(r.data, '$.severity') END, "
            "v.state, l.status, count(*) "
            "FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
            "JOIN dv ON dv.id = r.visit_id "
            "LEFT JOIN reviews v ON v.kind = c.kind AND v.id = c.id "
            "LEFT JOIN ledger l ON c.kind = 'problem' AND l.problem_id = c.id "
            "WHERE c.kind IN ('problem', 'innovation', 'follow_up') "
            "GROUP BY 1, 2, 3, 4, 5", (round_id,)):
        row = city(code)
        if state == "received":
            row.to_review += count
        if kind == "innovation":
            row.innovations += count if state != "duplicate" else 0
            continue
        if kind == "follow_up":
            row.follow_ups += count
            continue
        if state is not None:
            row.by_review[state] = row.by_review.get(state, 0) + count
        if state == "duplicate":
            continue
        row.problems += count
        row.by_severity[severity] = row.by_severity.get(severity, 0) + count
        if status is not None:
            row.by_ledger[status] = row.by_ledger.get(status, 0) + count
    for code, count in conn.execute(
            _ROUND_VISITS + "SELECT dv.city, count(*) FROM dv JOIN reviews v ON v.kind = 'visit' AND v.id = dv.id "
            "WHERE v.state = 'received' GROUP BY 1", (round_id,)):
        city(code).to_review += count

    soon = (today + timedelta(days=DUE_SOON_DAYS)).isoformat()
    chased = ", ".join(f"'{s}'" for s in CHASED)
    for code, overdue, due_soon in conn.execute(
            f"SELECT city, sum(deadline < ?), sum(deadline >= ? AND deadline <= ?) FROM ledger "
            f"WHERE status IN ({chased}) AND deadline IS NOT NULL GROUP BY city",
            (today.isoformat(), today.isoformat(), soon)):
        if overdue or due_soon:
            city(code).overdue, city(code).due_soon = overdue, due_soon
    for code, count in conn.execute(
            f"SELECT {_city_sql('x.project_code', 'p.city')}, count(*) FROM ("
            "  SELECT (SELECT r.project_code FROM records r WHERE r.kind = c.kind AND r.id = c.id LIMIT 1) "
            "         AS project_code FROM conflicts c WHERE c.resolved_at IS NULL) x "
            "LEFT JOIN projects p ON p.code = x.project_code GROUP BY 1"):
        city(code).open_conflicts = count

    total = CityCounts("")
    ordered = [cities[c] for c in _city_order(cities)]
    for row in ordered:
        total.add(row)
    board = Dashboard(round_id, every, today, ordered, total)
    board.bundles_applied = conn.execute("SELECT count(*) FROM bundles WHERE status = 'applied'").fetchone()[0]
    _count_waiting(board, office_status(conn))
    return board


def _city_order(cities: dict[str, CityCounts]) -> list[str]:
    """The province's order (CITY_LETTERS lists the cities as official documents do), then the rest."""
    known = [c for c in CITY_LETTERS if c in cities]
    return known + sorted(c for c in cities if c not in CITY_LETTERS)


def _count_waiting(board: Dashboard, laptops) -> None:
    """Held and awaited bundles, from office/status (one row per laptop)."""
    for laptop in laptops:
        board.bundles_held += len(laptop.held)
        board.missing_sequences += len(laptop.missing)
        board.laptops_waiting += bool(laptop.held)
