"""Issuing an assignment (任务包): one inspector, one round, the projects and
checklist versions chosen from the office's catalogue, and the problems still
waiting to be re-checked there, signed with the office key.

The office records what it issued (assignments, assignment_projects): an
inspector's bundle may only speak of the projects they were given.

Every record of the inspector's the office has sent back (退回) on these
projects travels too, with the office's current revision, its comment, who
and when (_sent_back): the laptop shows it and the answer comes back in a
bundle (models/sentback.py).

A problem the inspector judged differently from the office's current
revision (their revision kept as a conflict, not yet resolved) is left out:
the office's revision has the same id and number as theirs, which their
laptop refuses, and with it the whole assignment.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError
from sqlite_utils import Database

from inspector.assignment.errors import InputFileError
from inspector.assignment.reader import decode_text, parse_assignment, read_bounded
from inspector.files import write_whole
from inspector.i18n import t
from inspector.i18n.said import Explained, Said
from inspector.identity import Identity, sign_document
from inspector.identity.sealing import SealError
from inspector.models import Assignment, ChecklistTemplate, Problem, Project
from inspector.models.sentback import SENT_BACK_MODELS
from inspector.store.projects import RECHECK_STATUSES

from . import audit
from .rotation import handovers
from .sealed import recipient
from .vocabularies.store import for_assignment
from inspector.store.transaction import immediate

CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MAX_SHOWN = 5  # unknown codes listed in a refusal; the rest are counted


class AssignRefused(Said, Exception):
    """Nothing was written or recorded. `code` names the i18n text "assign.<code>"."""

    def __init__(self, code: str, **params: object):
        self.code, self.key, self.params = code, f"assign.{code}", params
        super().__init__(self.say("en"))


@dataclass(frozen=True)
class LeftOut:
    """A problem to re-check left out of the assignment: the inspector's own
    revision `rev` of it awaits review as a conflict."""

    problem: str
    project: str
    rev: int


@dataclass(frozen=True)
class Issued:
    assignment: Assignment
    path: Path
    left_out: list[LeftOut]


def assign(
    db: Database, office: Identity, *, inspector_id: str, round_id: str, round_name: str,
    projects: list[str], cities: list[str], templates: list[str], by: str, output: Path | None = None,
    now: datetime | None = None,
) -> Issued:
    """Write the signed assignment to `output` (default
    assignment-<inspector>-<round>.json in the current folder) and record it."""
    conn = db.conn
    inspector = conn.execute("SELECT id, name FROM inspectors WHERE id = ?", (inspector_id,)).fetchone()
    if inspector is None:
        raise AssignRefused("unknown_inspector", inspector=inspector_id)
    if not CODE.fullmatch(round_id):
        raise AssignRefused("bad_round", round=round_id)
    chosen = _projects(db, projects, cities)
    checklists = _templates(db, templates)
    problems, left_out = _open_problems(db, [p.code for p in chosen], inspector_id)
    sent_back = _sent_back(db, [p.code for p in chosen], inspector_id)
    included = _with_problem_templates(
        db, checklists, problems + [SENT_BACK_MODELS[s["kind"]].model_validate(s["record"]) for s in sent_back
                               if s["kind"] in ("problem", "innovation")])

    base = f"{round_id}-{inspector_id}"
    if not CODE.fullmatch(base):
        raise AssignRefused("bad_id", id=base)
    assignment_id = _next_id(db, base)
    issued_at = (now or datetime.now()).astimezone()
    try:
        bundle_recipient = recipient(office.folder)
    except (SealError, OSError) as exc:
        raise AssignRefused("no_sealing_key", reason=exc) from None
    try:
        assignment = Assignment(
            id=assignment_id,
            round={"id": round_id, "name": round_name},
            issued_by=office.name,
            issued_at=issued_at,
            inspector={"id": inspector[0], "name": inspector[1]},
            projects=chosen,
            templates=included,
            checklists=[template.ref for template in checklists],
            open_problems=problems,
            sent_back=sent_back,
            vocabularies=for_assignment(db, {p.city for p in chosen}),
            bundle_recipient=bundle_recipient,
            key_handovers=handovers(db),
        )
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        raise AssignRefused("invalid", reason=Explained(error)) from None
    payload = assignment.model_dump_json(indent=2, exclude_none=True) + "\n"
    target = Path(output) if output is not None else Path.cwd() / f"assignment-{inspector_id}-{round_id}.json"
    # The laptop will run exactly these checks; better the office hears of a problem than the inspector.
    try:
        parse_assignment(payload, str(target))
    except InputFileError as exc:
        raise AssignRefused("invalid", reason=exc) from None
    envelope = sign_document(office, "assignment", payload)

    with immediate(db):
        conn.execute(
            "INSERT INTO assignments (id, inspector_id, round_id, round_name, issued_at, sha256) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (assignment_id, inspector_id, round_id, round_name, issued_at.isoformat(),
             hashlib.sha256(payload.encode("utf-8")).hexdigest()),
        )
        conn.executemany(
            "INSERT INTO assignment_projects (assignment_id, inspector_id, project_code) VALUES (?, ?, ?)",
            [(assignment_id, inspector_id, project.code) for project in chosen],
        )
        audit.record(db, by, "assignment.issue", assignment_id,
                     detail={"inspector": inspector_id, "round": round_id, "projects": [p.code for p in chosen],
                             "checklists": [f"{c.id}:{c.version}" for c in checklists],
                             "problems": len(problems), "sent_back": len(sent_back), "file": target.name})
        # Inside the transaction: a file that could not be written leaves no record of it.
        write_whole(target, envelope)
    return Issued(assignment, target, left_out)


def assigned_projects(conn, inspector_id: str) -> set[str]:
    """The projects an inspector may report on: those of their assignments
    the office has not withdrawn."""
    return {code for (code,) in conn.execute(
        "SELECT DISTINCT p.project_code FROM assignment_projects p JOIN assignments a ON a.id = p.assignment_id "
        "WHERE p.inspector_id = ? AND a.withdrawn_at IS NULL", (inspector_id,))}


def reported_projects(conn, inspector_id: str) -> set[str]:
    """The projects an inspector's bundles may speak of: those of every
    assignment issued to them, withdrawn ones included.

    A withdrawal reaches the laptop only when the inspector removes the
    assignment there, which it allows only once the office has acknowledged
    every record on its projects; until then the inspector may go on working
    there in good faith, and the laptop resends that work in every bundle. A
    cut-off by time (the records' created_at, the laptop's own word) would
    strand such work, and a refused record refuses the whole bundle, with the
    inspector's other rounds. So the office takes it all: it never loses site
    work, and a withdrawn project still is not the inspector's (assigned_projects)."""
    return {code for (code,) in conn.execute(
        "SELECT DISTINCT project_code FROM assignment_projects WHERE inspector_id = ?", (inspector_id,))}


def read_codes_file(path: Path | str) -> list[str]:
    """Project codes, one a line (blank lines and # comments skipped). The first
    field of a CSV line counts, so a project spreadsheet saved as CSV works too
    (its header row 'code,...' is skipped)."""
    path = Path(path)
    name = str(path)
    text = decode_text(read_bounded(path, name), name)
    codes = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        code = re.split(r"[,\t;\s]", line, maxsplit=1)[0].strip().strip('"')
        if number == 1 and code == "code":
            continue
        if not CODE.fullmatch(code):
            raise InputFileError(name, f"'{code}' is not a project code", record=f"line {number}")
        codes.append(code)
    return codes


def _projects(db: Database, codes: list[str], cities: list[str]) -> list[Project]:
    conn = db.conn
    wanted = list(dict.fromkeys(codes))
    found = dict(conn.execute(
        "SELECT code, data FROM projects WHERE code IN (SELECT value FROM json_each(?))", (json.dumps(wanted),)
    ).fetchall())
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise AssignRefused("unknown_projects", count=len(unknown), codes=_shown(unknown))
    rows = [(code, found[code]) for code in wanted]
    for city in dict.fromkeys(cities):
        in_city = conn.execute("SELECT code, data FROM projects WHERE city = ? ORDER BY code", (city,)).fetchall()
        if not in_city:
            raise AssignRefused("empty_city", city=city)
        rows += [row for row in in_city if row[0] not in found]
        found.update(in_city)
    if not rows:
        raise AssignRefused("no_projects")
    return [Project.model_validate_json(data) for _, data in rows]


def _templates(db: Database, wanted: list[str]) -> list[ChecklistTemplate]:
    """`id` (the newest version) or `id:version`, each once."""
    if not wanted:
        raise AssignRefused("no_templates")
    out: dict[tuple[str, int], ChecklistTemplate] = {}
    for text in wanted:
        template_id, _, version = text.strip().partition(":")
        if version:
            if not version.isdigit():
                raise AssignRefused("bad_template", template=text)
            row = db.conn.execute(
                "SELECT data FROM templates WHERE id = ? AND version = ?", (template_id, int(version))
            ).fetchone()
        else:
            row = db.conn.execute(
                "SELECT data FROM templates WHERE id = ? ORDER BY version DESC LIMIT 1", (template_id,)
            ).fetchone()
        if row is None:
            raise AssignRefused("unknown_template", template=text)
        template = ChecklistTemplate.model_validate_json(row[0])
        out.setdefault((template.id, template.version), template)
    return list(out.values())


def _open_problems(db: Database, codes: list[str], inspector_id: str) -> tuple[list[Problem], list[LeftOut]]:
    """The office's current revision of every problem on these projects that
    still awaits re-checking (an open ledger entry; else the same statuses a
    laptop shows for re-check: a verified or closed one needs no visit), and
    those left out because the
    inspector's own revision of them awaits review as a conflict."""
    rows = db.conn.execute(
        "SELECT r.data, (SELECT min(k.rev) FROM conflicts k WHERE k.kind = 'problem' AND k.id = c.id "
        "AND k.author = ? AND k.resolved_at IS NULL), v.state, l.status "
        "FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
        "LEFT JOIN reviews v ON v.kind = 'problem' AND v.id = c.id "
        "LEFT JOIN ledger l ON l.problem_id = c.id "
        "WHERE c.kind = 'problem' AND r.project_code IN (SELECT value FROM json_each(?)) "
        "ORDER BY r.project_code, r.id",
        (inspector_id, json.dumps(codes)),
    ).fetchall()
    problems, left_out = [], []
    for data, conflicting, review_state, ledger_status in rows:
        problem = Problem.model_validate_json(data)
        # The office's word decides once it has one: a problem it rejected or
        # merged into another is not one to re-check, a closed (销号) ledger
        # entry needs no visit, an open one does whatever the record says.
        if review_state in ("rejected", "duplicate") or ledger_status == "closed":
            continue
        if ledger_status is None and problem.status not in RECHECK_STATUSES:
            continue
        if conflicting is not None:
            left_out.append(LeftOut(str(problem.id), problem.project_code, conflicting))
        else:
            problems.append(problem)
    return problems, left_out


def _sent_back(db: Database, codes: list[str], inspector_id: str) -> list[dict]:
    """Every record of the inspector's (the author of its first revision) on
    these projects that the office has sent back and not looked at again,
    whatever round it came in: the office's current revision of it, with the
    comment, who and when. Dicts, validated with the assignment."""
    rows = db.conn.execute(
        "SELECT v.kind, v.id, c.rev, r.project_code, r.data, v.comment, v.by, coalesce(u.name, v.by), v.at "
        "FROM reviews v JOIN current c ON c.kind = v.kind AND c.id = v.id "
        "JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
        "LEFT JOIN office_users u ON u.id = v.by "
        "WHERE v.state = 'sent_back' AND r.project_code IN (SELECT value FROM json_each(?)) "
        "AND (SELECT f.author FROM records f WHERE f.kind = v.kind AND f.id = v.id ORDER BY f.rev LIMIT 1) = ? "
        "ORDER BY r.project_code, v.kind, v.id",
        (json.dumps(codes), inspector_id)).fetchall()
    return [{"kind": kind, "id": rid, "rev": rev, "project_code": code, "record": json.loads(data),
             "comment": comment or "", "by": {"id": by or "office", "name": name or by or "office"}, "at": at}
            for kind, rid, rev, code, data, comment, by, name, at in rows]


def _with_problem_templates(db: Database, checklists: list[ChecklistTemplate],
                            problems: list) -> list[ChecklistTemplate]:
    """The checklists, plus any older version a problem (or an innovation
    sent back) was raised on: a new laptop must be able to show the item a
    problem points at."""
    out = {(template.id, template.version): template for template in checklists}
    for problem in problems:
        if problem.item is None:
            continue
        key = (problem.item.template, problem.item.version)
        if key in out:
            continue
        row = db.conn.execute("SELECT data FROM templates WHERE id = ? AND version = ?", key).fetchone()
        if row is None:
            raise AssignRefused("problem_template", problem=str(problem.id), project=problem.project_code,
                                template=f"{key[0]} v{key[1]}")
        out[key] = ChecklistTemplate.model_validate_json(row[0])
    return list(out.values())


def _next_id(db: Database, base: str) -> str:
    """`<round>-<inspector>`, then -2, -3 … for re-issues: a laptop refuses a
    known id with new content, and takes a newer id for the same round as an update."""
    taken = {row[0] for row in db.conn.execute(
        "SELECT id FROM assignments WHERE substr(id, 1, ?) = ?", (len(base), base))}
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    candidate = f"{base}-{number}"
    if not CODE.fullmatch(candidate):
        raise AssignRefused("bad_id", id=candidate)
    return candidate


def _shown(codes: list[str]) -> str:
    shown = ", ".join(codes[:MAX_SHOWN])
    return shown + (f" … (+{len(codes) - MAX_SHOWN})" if len(codes) > MAX_SHOWN else "")
