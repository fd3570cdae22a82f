"""Reading projects, their carried-over problems and visits.

Functions take a sqlite-utils Database or a plain sqlite3 connection."""

from __future__ import annotations

import sqlite3
from typing import Any, NamedTuple


class ProjectRow(NamedTuple):
    """One line of the project list. A plain tuple, not a model: it is built
    10,000 times on every start-up."""

    code: str
    name: str
    city: str
    district: str
    creation_type: str
    orientation: str | None
    batch: str
    rural: int
    search: str
    sort_name: str
    visit_state: str  # none | in_progress | finished
    open_problems: int  # problems to re-check (待复查): see _TO_RECHECK


# Problems still waiting for someone to confirm they were fixed.
RECHECK_STATUSES = ("open", "rectifying", "rectified")
_RECHECK = "('open', 'rectifying', 'rectified')"

# To re-check (待复查) means from earlier rounds: a problem the office carried
# over to this laptop in an assignment still in force, not yet verified or
# closed. A problem raised on a visit here is that visit's problem, not one to
# re-check, even after the visit is finished. Defined once, here: the project
# list counts it (list_project_rows), the project screen and the checklist
# header read it through problems_to_recheck.
_TO_RECHECK = f"""
    SELECT * FROM problems_current
    WHERE status IN {_RECHECK}
      AND id IN (SELECT ap.problem_id FROM assignment_problems ap
                 JOIN assignments a ON a.id = ap.assignment_id WHERE a.superseded_by IS NULL)
"""


def _conn(db: Any) -> sqlite3.Connection:
    return getattr(db, "conn", db)


def list_project_rows(db) -> list[ProjectRow]:
    """Every project the inspector is assigned or has visited, by code."""
    cursor = _conn(db).execute(
        f"""
        WITH recheck AS (
            SELECT project_code, count(*) AS n FROM ({_TO_RECHECK}) GROUP BY project_code
        ),
        visited AS (
            SELECT project_code,
                   CASE WHEN max(status = 'in_progress') THEN 'in_progress' ELSE 'finished' END AS state
            FROM visits_current GROUP BY project_code
        )
        SELECT p.code, p.name, p.city, p.district, p.creation_type, p.orientation, p.batch, p.rural,
               p.search, p.sort_name, coalesce(v.state, 'none'), coalesce(r.n, 0)
        FROM projects p
        LEFT JOIN recheck r ON r.project_code = p.code
        LEFT JOIN visited v ON v.project_code = p.code
        WHERE p.code IN (
                SELECT ap.project_code FROM assignment_projects ap
                JOIN assignments a ON a.id = ap.assignment_id WHERE a.superseded_by IS NULL)
           OR p.code IN (SELECT project_code FROM visits)
        ORDER BY p.sort_name, p.name
        """
    )
    return list(map(ProjectRow._make, cursor))


class AssignmentSummary(NamedTuple):
    id: str
    round_name: str
    inspector_name: str
    issued_at: str


def current_assignments(db) -> list[AssignmentSummary]:
    rows = _conn(db).execute(
        "SELECT id, round_name, inspector_name, issued_at FROM assignments "
        "WHERE superseded_by IS NULL ORDER BY issued_at DESC"
    )
    return list(map(AssignmentSummary._make, rows))


def read_project_list(db) -> tuple[list[ProjectRow], list[AssignmentSummary], "SyncState"]:
    """What the project list shows: its rows, where they come from, and
    whether the office holds what was recorded here."""
    from .sync import sync_state

    return list_project_rows(db), current_assignments(db), sync_state(db)


def count_projects(db) -> int:
    return _conn(db).execute("SELECT count(*) FROM projects").fetchone()[0]


def get_project(db, code: str):
    from inspector.models import Project

    row = _conn(db).execute("SELECT data FROM projects WHERE code = ?", (code,)).fetchone()
    return None if row is None else Project.model_validate_json(row[0])


def problems_to_recheck(db, code: str):
    """Current revision of each problem carried over to the project and still
    awaiting re-check (see _TO_RECHECK)."""
    from inspector.models import Problem

    rows = _conn(db).execute(
        f"SELECT data FROM ({_TO_RECHECK}) WHERE project_code = ? ORDER BY created_at, id", (code,),
    )
    return [Problem.model_validate_json(data) for (data,) in rows]


def visits_of(db, code: str):
    from inspector.models import Visit

    rows = _conn(db).execute(
        "SELECT data FROM visits_current WHERE project_code = ? ORDER BY date DESC, created_at DESC",
        (code,),
    )
    return [Visit.model_validate_json(data) for (data,) in rows]


def search_key(name: str, place: str) -> str:
    """What filter-as-you-type matches: the name, its pinyin initials, and the place words."""
    from inspector.pinyin import initials

    return f"{name}\x1f{initials(name)}\x1f{place}".lower()


def place_key(city_label: str, city_code: str, district: str) -> str:
    from inspector.pinyin import initials

    return "\x1f".join((city_label, city_code, district, initials(city_label), initials(district)))
