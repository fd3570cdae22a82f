"""The office's register: which projects it holds, which assignments it
issued (who has which projects in which round), and withdrawing one issued
by mistake.

Withdrawing never loses what inspectors sent or will send. It is refused
while the office holds records of that inspector on a project only this
assignment gave them (those records would belong to no live assignment),
and while a bundle of theirs waits held (what it holds is checked only when
it is applied). Otherwise the assignment is marked withdrawn, not deleted:
its id is never issued again with other content, and its projects stop
counting as the inspector's. Work they did there and have not sent yet is
still accepted when it comes (assigning.reported_projects): their laptop
cannot drop it, and refusing it would refuse their whole bundle.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database

from . import audit
from inspector.store.transaction import immediate


@dataclass(frozen=True)
class ProjectLine:
    code: str
    name: str
    city: str
    district: str
    creation_type: str


def list_projects(conn: sqlite3.Connection, city: str | None = None) -> list[ProjectLine]:
    rows = conn.execute(
        "SELECT code, name, city, data FROM projects WHERE ? IS NULL OR city = ? ORDER BY city, code",
        (city, city),
    ).fetchall()
    out = []
    for code, name, city_code, data in rows:
        project = json.loads(data)
        out.append(ProjectLine(code, name, city_code, project.get("district", ""), project.get("creation_type", "")))
    return out


@dataclass(frozen=True)
class AssignmentLine:
    id: str
    round_id: str
    round_name: str | None
    inspector_id: str
    inspector_name: str
    issued_at: str
    projects: list[str]
    withdrawn_at: str | None


def list_assignments(conn: sqlite3.Connection, *, round_id: str | None = None,
                     inspector_id: str | None = None) -> list[AssignmentLine]:
    rows = conn.execute(
        "SELECT a.id, a.round_id, a.round_name, a.inspector_id, coalesce(i.name, ''), a.issued_at, a.withdrawn_at, "
        "(SELECT json_group_array(project_code) FROM (SELECT project_code FROM assignment_projects "
        " WHERE assignment_id = a.id ORDER BY project_code)) "
        "FROM assignments a LEFT JOIN inspectors i ON i.id = a.inspector_id "
        "WHERE (? IS NULL OR a.round_id = ?) AND (? IS NULL OR a.inspector_id = ?) "
        "ORDER BY a.round_id, a.inspector_id, a.issued_at",
        (round_id, round_id, inspector_id, inspector_id),
    ).fetchall()
    return [AssignmentLine(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[7]), r[6]) for r in rows]


class WithdrawRefused(Exception):
    """Nothing was changed. `code` names the i18n text "withdraw.<code>"."""

    def __init__(self, code: str, **params: object):
        self.code, self.params = code, params
        super().__init__(f"{code}: {params}")


def check_withdrawal(conn: sqlite3.Connection, assignment_id: str) -> AssignmentLine:
    """The assignment, if it may be withdrawn; else WithdrawRefused saying why."""
    found = [a for a in list_assignments(conn) if a.id == assignment_id]
    if not found:
        raise WithdrawRefused("unknown", id=assignment_id)
    assignment = found[0]
    if assignment.withdrawn_at:
        raise WithdrawRefused("already", id=assignment_id, when=assignment.withdrawn_at[:10])
    # Projects that only this assignment gives the inspector.
    others = {code for (code,) in conn.execute(
        "SELECT p.project_code FROM assignment_projects p JOIN assignments a ON a.id = p.assignment_id "
        "WHERE a.inspector_id = ? AND a.id != ? AND a.withdrawn_at IS NULL", (assignment.inspector_id, assignment_id))}
    only_here = [code for code in assignment.projects if code not in others]
    held = conn.execute("SELECT group_concat(sequence, ', ') FROM bundles WHERE inspector_id = ? AND status = 'held'",
                        (assignment.inspector_id,)).fetchone()[0]
    if held:
        raise WithdrawRefused("held", id=assignment_id, inspector=assignment.inspector_id, sequences=held)
    received = conn.execute(
        "SELECT project_code, count(*) FROM records WHERE author = ? AND project_code IN "
        "(SELECT value FROM json_each(?)) GROUP BY project_code ORDER BY project_code",
        (assignment.inspector_id, json.dumps(only_here)),
    ).fetchall()
    if received:
        raise WithdrawRefused("has_records", id=assignment_id, inspector=assignment.inspector_id,
                              records=sum(n for _, n in received),
                              projects=", ".join(f"{code} ({n})" for code, n in received))
    return assignment


def withdraw(db: Database, assignment_id: str, *, by: str, reason: str,
             now: datetime | None = None) -> AssignmentLine:
    """Mark the assignment withdrawn (checked again inside the transaction),
    saying who and why in the audit log."""
    reason = " ".join(reason.split())
    if not reason:
        raise WithdrawRefused("reason")
    with immediate(db):
        assignment = check_withdrawal(db.conn, assignment_id)
        at = (now or datetime.now(timezone.utc)).isoformat()
        db.conn.execute("UPDATE assignments SET withdrawn_at = ? WHERE id = ?", (at, assignment_id))
        audit.record(db, by, "assignment.withdraw", assignment_id, reason=reason,
                     detail={"inspector": assignment.inspector_id, "round": assignment.round_id})
    return assignment
