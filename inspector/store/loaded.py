"""What is loaded on this laptop, assignment by assignment, and removing an
assignment that is no longer wanted (a wrong one, a finished round).

Removing never touches what was recorded on site. It is refused while any
record made here on the assignment's projects is not acknowledged by the
office, or a visit on them is not finished (what is saved on it later could
never be sent: a bundle carries records only on its signer's assigned
projects), and then deletes only what the assignment alone brought: the
assignment (with the earlier issues of the same round it replaced), its
projects, checklist versions and carried-over problems, each only when no
other assignment holds it and nothing recorded here refers to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import NamedTuple

from .errors import StoreError
from .identity import device_id
from .ownership import RECORD_TABLES, project_of
from .projects import _conn
from .sync import acknowledged


class LoadedAssignment(NamedTuple):
    id: str
    round_id: str
    round_name: str
    inspector_id: str
    inspector_name: str
    issued_at: str
    projects: int
    unexported: int  # records made here on its projects the office has not acknowledged


class UnknownAssignment(StoreError):
    def __init__(self, assignment_id: str):
        super().__init__(f"no assignment {assignment_id} is loaded here", record=assignment_id, field="id",
                         code="unknown_assignment", assignment=assignment_id)
        self.assignment_id = assignment_id


class UnexportedWork(StoreError):
    """Removing would hide records the office has not acknowledged."""

    def __init__(self, assignment: LoadedAssignment):
        super().__init__(
            f"{assignment.unexported} records made on its projects are not acknowledged by the office",
            record=assignment.id, field="id", code="unexported_work",
            assignment=assignment.id, count=assignment.unexported,
        )
        self.assignment = assignment


class VisitOpen(StoreError):
    """Removing would strand a visit still open on the assignment's projects."""

    def __init__(self, assignment: LoadedAssignment, project: str, on: str):
        super().__init__(
            f"the visit to {project} on {on} is not finished", record=assignment.id, field="id",
            code="visit_open", assignment=assignment.id, project=project, date=on,
        )
        self.assignment, self.project, self.date = assignment, project, on


@dataclass(frozen=True)
class Removed:
    assignments: list[str]  # the one named and the earlier issues it replaced
    projects: int
    templates: int
    problems: int


def _chain(conn, assignment_id: str) -> list[str]:
    """The assignment and every issue of the same round for the same inspector."""
    return [row[0] for row in conn.execute(
        "SELECT b.id FROM assignments a JOIN assignments b "
        "ON b.round_id = a.round_id AND b.inspector_id = a.inspector_id WHERE a.id = ? ORDER BY b.issued_at",
        (assignment_id,),
    )]


def _unexported(conn, chain: list[str]) -> int:
    """Records made on this device, on the chain's projects, that the office
    has not acknowledged (exported or not: a bundle may be lost)."""
    params = {"chain": json.dumps(chain), "device": device_id(conn), "since": acknowledged(conn)}
    total = 0
    for table in RECORD_TABLES:
        total += conn.execute(
            f"SELECT count(*) FROM {table} WHERE device = :device "
            "AND (exported_in IS NULL OR exported_in > :since) "
            f"AND {project_of(table)} IN (SELECT project_code FROM assignment_projects "
            "WHERE assignment_id IN (SELECT value FROM json_each(:chain)))",
            params,
        ).fetchone()[0]
    return total


def loaded_assignments(db) -> list[LoadedAssignment]:
    """The assignments in force here (not replaced by a newer issue), newest first."""
    conn = _conn(db)
    rows = conn.execute(
        "SELECT a.id, a.round_id, a.round_name, a.inspector_id, a.inspector_name, a.issued_at, "
        "(SELECT count(*) FROM assignment_projects ap WHERE ap.assignment_id = a.id) "
        "FROM assignments a WHERE a.superseded_by IS NULL ORDER BY a.issued_at DESC, a.id"
    ).fetchall()
    return [LoadedAssignment(*row, _unexported(conn, _chain(conn, row[0]))) for row in rows]


def find_assignment(db, assignment_id: str) -> LoadedAssignment:
    """The assignment in force that `assignment_id` is (or is an earlier issue of)."""
    conn = _conn(db)
    chain = _chain(conn, assignment_id)
    for loaded in loaded_assignments(conn):
        if loaded.id in chain:
            return loaded
    raise UnknownAssignment(assignment_id)


def check_removable(db, target: LoadedAssignment) -> None:
    """Refuse (UnexportedWork, VisitOpen) removing `target` while it holds
    work: records the office has not acknowledged, or a visit not finished."""
    if target.unexported:
        raise UnexportedWork(target)
    conn = _conn(db)
    open_visit = conn.execute(
        "SELECT project_code, date FROM visits_current WHERE status != 'finished' AND project_code IN ("
        "SELECT project_code FROM assignment_projects WHERE assignment_id IN (SELECT value FROM json_each(?))) "
        "ORDER BY date, project_code LIMIT 1",
        (json.dumps(_chain(conn, target.id)),),
    ).fetchone()
    if open_visit is not None:
        raise VisitOpen(target, *open_visit)


def remove_assignment(db, assignment_id: str) -> Removed:
    """Remove the assignment (see the module's doc). Raises UnknownAssignment,
    UnexportedWork, VisitOpen; either way nothing is changed."""
    conn = _conn(db)
    conn.execute("BEGIN IMMEDIATE")  # what is counted is what is removed: no save slips in between
    try:
        target = find_assignment(conn, assignment_id)
        check_removable(conn, target)
        removed = _remove(conn, _chain(conn, target.id))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return removed


def _remove(conn, chain: list[str]) -> Removed:
    ids = json.dumps(chain)
    projects = [r[0] for r in conn.execute(
        "SELECT DISTINCT project_code FROM assignment_projects WHERE assignment_id IN (SELECT value FROM json_each(?))",
        (ids,))]
    templates = conn.execute(
        "SELECT DISTINCT template_id, template_version FROM assignment_checklists "
        "WHERE assignment_id IN (SELECT value FROM json_each(?))", (ids,)).fetchall()
    problems = [r[0] for r in conn.execute(
        "SELECT DISTINCT problem_id FROM assignment_problems WHERE assignment_id IN (SELECT value FROM json_each(?))",
        (ids,))]
    for table in ("assignment_projects", "assignment_checklists", "assignment_problems", "sent_back"):
        conn.execute(f"DELETE FROM {table} WHERE assignment_id IN (SELECT value FROM json_each(?))", (ids,))
    conn.execute("UPDATE assignments SET superseded_by = NULL WHERE id IN (SELECT value FROM json_each(?))", (ids,))
    conn.execute("DELETE FROM assignments WHERE id IN (SELECT value FROM json_each(?))", (ids,))

    device = device_id(conn)
    gone_problems = 0
    for problem_id in problems:
        # Only the office's copy of a problem nobody here has touched: not
        # carried by another assignment, never judged, exported or revised here.
        kept = conn.execute(
            "SELECT 1 FROM assignment_problems WHERE problem_id = :p "
            "UNION ALL SELECT 1 FROM follow_ups WHERE problem_id = :p "
            "UNION ALL SELECT 1 FROM problems WHERE id = :p AND (device = :device OR exported_in IS NOT NULL "
            "OR origin != 'office') LIMIT 1",
            {"p": problem_id, "device": device},
        ).fetchone()
        if kept is None:
            conn.execute("DELETE FROM problems WHERE id = ?", (problem_id,))
            gone_problems += 1

    gone_templates = 0
    for template_id, version in templates:
        used = conn.execute(
            "SELECT 1 FROM assignment_checklists WHERE template_id = :t AND template_version = :v "
            "UNION ALL SELECT 1 FROM answers WHERE template = :t AND version = :v "
            "UNION ALL SELECT 1 FROM visits, json_each(visits.data, '$.templates') r "
            "WHERE json_extract(r.value, '$.id') = :t AND json_extract(r.value, '$.version') = :v "
            "UNION ALL SELECT 1 FROM problems WHERE json_extract(data, '$.item.template') = :t "
            "AND json_extract(data, '$.item.version') = :v LIMIT 1",
            {"t": template_id, "v": version},
        ).fetchone()
        if used is None:
            conn.execute("DELETE FROM templates WHERE id = ? AND version = ?", (template_id, version))
            gone_templates += 1

    gone_projects = 0
    for code in projects:
        used = conn.execute(
            "SELECT 1 FROM assignment_projects WHERE project_code = :c "
            "UNION ALL SELECT 1 FROM visits WHERE project_code = :c "
            "UNION ALL SELECT 1 FROM problems WHERE project_code = :c "
            "UNION ALL SELECT 1 FROM innovations WHERE project_code = :c LIMIT 1",
            {"c": code},
        ).fetchone()
        if used is None:
            conn.execute("DELETE FROM projects WHERE code = ?", (code,))
            gone_projects += 1
    return Removed(chain, gone_projects, gone_templates, gone_problems)
