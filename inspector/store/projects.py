"""Reading projects, their carried-over problems and visits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

# The project list is drawn from plain rows, not models: it is on the path of
# every start-up and holds up to 10,000 projects.


@dataclass(frozen=True, slots=True)
class ProjectRow:
    code: str
    name: str
    city: str
    district: str
    creation_type: str
    orientation: str | None
    batch: str
    rural: bool
    search: str
    visit_state: str  # none | in_progress | finished
    open_problems: int


_ASSIGNED = """
    SELECT ap.project_code FROM assignment_projects ap
    JOIN assignments a ON a.id = ap.assignment_id
    WHERE a.superseded_by IS NULL
"""

# Problems still waiting for someone to confirm they were fixed.
RECHECK_STATUSES = ("open", "rectifying", "rectified")


def list_project_rows(db: Database) -> list[ProjectRow]:
    """Every project the inspector is assigned or has visited, by code."""
    conn = db.conn
    problems = dict(
        conn.execute(
            "SELECT project_code, count(*) FROM problems_current "
            f"WHERE status IN ({','.join('?' * len(RECHECK_STATUSES))}) GROUP BY project_code",
            RECHECK_STATUSES,
        ).fetchall()
    )
    visit_state: dict[str, str] = {}
    for code, in_progress in conn.execute(
        "SELECT project_code, max(status = 'in_progress') FROM visits_current GROUP BY project_code"
    ):
        visit_state[code] = "in_progress" if in_progress else "finished"
    rows = conn.execute(
        "SELECT code, name, city, district, creation_type, orientation, batch, rural, search "
        f"FROM projects WHERE code IN ({_ASSIGNED}) OR code IN (SELECT project_code FROM visits) "
        "ORDER BY code"
    )
    return [
        ProjectRow(
            code, name, city, district, ctype, orientation, batch, bool(rural), search,
            visit_state.get(code, "none"), problems.get(code, 0),
        )
        for code, name, city, district, ctype, orientation, batch, rural, search in rows
    ]


def count_projects(db: Database) -> int:
    return db.conn.execute("SELECT count(*) FROM projects").fetchone()[0]


def get_project(db: Database, code: str):
    from inspector.models import Project

    row = db.conn.execute("SELECT data FROM projects WHERE code = ?", (code,)).fetchone()
    return None if row is None else Project.model_validate_json(row[0])


def problems_to_recheck(db: Database, code: str):
    """Current revision of each problem of the project still awaiting re-check."""
    from inspector.models import Problem

    rows = db.conn.execute(
        f"SELECT data FROM problems_current WHERE project_code = ? "
        f"AND status IN ({','.join('?' * len(RECHECK_STATUSES))}) ORDER BY created_at, id",
        (code, *RECHECK_STATUSES),
    )
    return [Problem.model_validate_json(data) for (data,) in rows]


def visits_of(db: Database, code: str):
    from inspector.models import Visit

    rows = db.conn.execute(
        "SELECT data FROM visits_current WHERE project_code = ? ORDER BY date DESC, created_at DESC",
        (code,),
    )
    return [Visit.model_validate_json(data) for (data,) in rows]


def search_key(name: str, city_label: str, city_code: str, district: str, code: str) -> str:
    """What filter-as-you-type matches: the words and their pinyin initials."""
    from inspector.pinyin import initials

    parts = [name, city_label, city_code, district, code, initials(name), initials(city_label), initials(district)]
    return "\x1f".join(parts).lower()
