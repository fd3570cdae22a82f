"""Recording a visit: every function takes the database first, makes the
record with identity and timestamps, and saves it in one short transaction.
The TUI calls these through the store's Writer thread."""

from __future__ import annotations

import uuid
from datetime import date

from sqlite_utils import Database

from inspector.models import Answer, FollowUp, Innovation, ItemRef, Problem, StatusChange, TemplateRef, Visit
from inspector.store import records
from inspector.store.errors import StoreError
from inspector.store.identity import Identity, current_identity
from inspector.store.positions import last_position, position, save_position  # noqa: F401 (part of this API)

from .answers import normalize
from .dates import InvalidDate, check_deadline
from inspector.store.transaction import immediate

# What a follow-up verdict does to the problem's status. "rectified" is what a
# responsible unit claims; an inspector who sees it fixed on site verifies it.
STATUS_AFTER = {
    "rectified": "verified",
    "partly_rectified": "rectifying",
    "not_rectified": "open",
    "not_applicable": "closed",
}


class VisitClosed(StoreError):
    """The visit is finished: reopen it before changing anything."""


class ForeignVisit(StoreError):
    """The visit was recorded by another inspector than the one writing here
    (a laptop an older version let hold two inspectors' work). Nothing on it
    may change here: a change would be stamped with this laptop's inspector,
    misattributing the visit, and a record added to it could never be sent
    (the office takes records only on the signer's own visits)."""

    def __init__(self, visit_id, author: str, me: str):
        super().__init__(f"this visit was recorded by {author}, and this laptop belongs to {me}",
                         record=f"visit {visit_id}", code="foreign_visit", author=author, me=me)


def identity(db: Database) -> Identity:
    found = current_identity(db)
    if found is None:
        raise StoreError("no assignment loaded: who is inspecting is unknown", field="inspector", code="no_identity")
    return found


def _stamp(who: Identity) -> dict:
    moment = records.now()
    return {"author": who.inspector_id, "device": who.device_id, "created_at": moment, "updated_at": moment,
            "rev": 1}


def templates_for(db: Database, project_code: str) -> list[TemplateRef]:
    """The checklist versions the newest assignment that holds the project asks for."""
    rows = db.conn.execute(
        """SELECT ac.template_id, ac.template_version FROM assignment_checklists ac
           JOIN assignments a ON a.id = ac.assignment_id
           JOIN assignment_projects ap ON ap.assignment_id = a.id AND ap.project_code = ?
           WHERE a.superseded_by IS NULL ORDER BY a.issued_at DESC, ac.template_id""",
        (project_code,),
    ).fetchall()
    seen: dict[str, TemplateRef] = {}
    for tid, version in rows:
        seen.setdefault(tid, TemplateRef(id=tid, version=version))
    return list(seen.values())


def start_visit(db: Database, project_code: str, on: date, inspectors: list[str], note: str = "") -> Visit:
    who = identity(db)
    records.require_project(db, project_code, "visit")
    if in_progress(db, project_code) is not None:
        raise StoreError("a visit to this project is already in progress", record=f"project {project_code}",
                         code="visit_in_progress")
    templates = templates_for(db, project_code)
    if not templates:
        raise StoreError("no checklist is assigned for this project", record=f"project {project_code}",
                         code="no_checklist")
    visit = Visit(id=uuid.uuid4(), **_stamp(who), project_code=project_code, date=on,
                  inspectors=inspectors, note=note, templates=templates)
    return records.save(db, visit)


def in_progress(db, project_code: str) -> Visit | None:
    conn = getattr(db, "conn", db)
    row = conn.execute(
        "SELECT data FROM visits_current WHERE project_code = ? AND status = 'in_progress' "
        "ORDER BY created_at DESC LIMIT 1",
        (project_code,),
    ).fetchone()
    return None if row is None else Visit.model_validate_json(row[0])


def _check_own(db: Database, visit_id) -> None:
    """Refuse (ForeignVisit) a visit another inspector recorded: who recorded
    it is the author of its first revision, as the office knows it."""
    first = db.conn.execute("SELECT author FROM visits WHERE id = ? ORDER BY rev LIMIT 1",
                            (str(visit_id),)).fetchone()
    me = identity(db).inspector_id
    if first is not None and first[0] != me:
        raise ForeignVisit(visit_id, first[0], me)


def _open_visit(db: Database, visit_id) -> Visit:
    visit = records.latest(db, Visit, visit_id)
    if visit is None:
        raise StoreError("no such visit", record=f"visit {visit_id}", code="no_visit")
    _check_own(db, visit_id)
    if visit.status != "in_progress":
        raise VisitClosed("the visit is finished; reopen it to change anything", record=f"visit {visit_id}",
                          code="visit_closed")
    return visit


def update_visit(db: Database, visit_id, *, inspectors: list[str] | None = None, note: str | None = None,
                 on: date | None = None) -> Visit:
    """Correct the visit's header: what is left out keeps its value. A change
    is saved like any other (a new revision once the old one is sealed)."""
    visit = _open_visit(db, visit_id)
    who = identity(db)
    changes = {"updated_at": records.now(), "author": who.inspector_id, "device": who.device_id}
    if inspectors is not None:
        if not [name for name in inspectors if name.strip()]:
            raise StoreError("name at least one inspector present", record=f"visit {visit_id}",
                             field="inspectors", code="no_inspectors")
        changes["inspectors"] = inspectors
    if note is not None:
        changes["note"] = note
    if on is not None:
        # Deadlines set on this visit must still fall on or after it.
        for (data,) in db.conn.execute("SELECT data FROM problems_current WHERE visit_id = ?", (str(visit.id),)):
            problem = Problem.model_validate_json(data)
            if problem.status != "closed":
                _check_deadline(problem.deadline, on, f"problem {problem.id}")
        changes["date"] = on
    if all(changes.get(k, getattr(visit, k)) == getattr(visit, k) for k in ("inspectors", "note", "date")):
        return visit  # nothing changed: no revision for it
    return records.save(db, visit.model_copy(update=changes))


def _check_deadline(deadline: date | None, visit_date: date, record_name: str) -> None:
    try:
        check_deadline(deadline, visit_date)
    except InvalidDate as exc:
        raise StoreError(str(exc), record=record_name, field="deadline", code=exc.code, **exc.params) from None


def save_answer(db: Database, visit_id, ref: ItemRef, *, value: object = ..., note: str | None = None,
                evidence_used: list[str] | None = None, no_problem_reason: str | None = ...) -> Answer:
    """Set what changed of the answer to one item; fields left out keep their value."""
    from .snapshot import find_item

    visit = _open_visit(db, visit_id)
    item = find_item(db, ref)
    existing = answer_for(db, visit_id, ref)
    who = identity(db)
    base = existing.model_dump() if existing else {
        "id": uuid.uuid4(), **_stamp(who), "visit_id": visit.id, "item": ref, "value": None,
    }
    if value is not ...:
        base["value"] = normalize(item, value)
    if note is not None:
        base["note"] = note
    if evidence_used is not None:
        base["evidence_used"] = evidence_used
    if no_problem_reason is not ...:
        base["no_problem_reason"] = no_problem_reason or None
    base.update(author=who.inspector_id, device=who.device_id, updated_at=records.now())
    return records.save(db, Answer.model_validate(base))


def answer_for(db, visit_id, ref: ItemRef) -> Answer | None:
    conn = getattr(db, "conn", db)
    row = conn.execute(
        "SELECT data FROM answers_current WHERE visit_id = ? AND template = ? AND version = ? AND item = ?",
        (str(visit_id), ref.template, ref.version, ref.item),
    ).fetchone()
    return None if row is None else Answer.model_validate_json(row[0])


def save_problem(db: Database, visit_id, *, problem_id=None, item: ItemRef | None = None, scenario: str,
                 category: str, description: str, severity: str, responsible_unit: str | None,
                 deadline: date | None) -> Problem:
    """Raise a new problem on this visit, or edit one raised on it."""
    visit = _open_visit(db, visit_id)
    _check_deadline(deadline, visit.date, f"problem {problem_id or 'new'}")
    who = identity(db)
    moment = records.now()
    if problem_id is not None:
        current = records.latest(db, Problem, problem_id)
        if current is None or current.visit_id != visit.id:
            raise StoreError("not a problem raised on this visit", record=f"problem {problem_id}", code="not_here")
        if category != current.category:  # a record keeps the code it holds, even retired
            _check_offered(db, "problem_category", category, visit.project_code, f"problem {problem_id}")
        problem = current.model_copy(update={
            "scenario": scenario, "category": category, "description": description, "severity": severity,
            "responsible_unit": responsible_unit, "deadline": deadline, "item": item or current.item,
            "author": who.inspector_id, "device": who.device_id, "updated_at": moment,
        })
    else:
        _check_offered(db, "problem_category", category, visit.project_code, "problem new")
        problem = Problem(
            id=uuid.uuid4(), **_stamp(who), project_code=visit.project_code, visit_id=visit.id, item=item,
            scenario=scenario, category=category, description=description, severity=severity,
            responsible_unit=responsible_unit, deadline=deadline, status="open",
            history=[StatusChange(status="open", at=moment, by=who.inspector_id, note="")],
        )
    return records.save(db, Problem.model_validate(problem.model_dump()))


def _check_offered(db: Database, kind: str, code: str, project_code: str, record: str) -> None:
    """A new code must be one the project's assignment offers (the office's
    vocabulary in force when it was issued), not retired."""
    from inspector.store.vocabularies import in_force
    from inspector.vocabularies import allows

    if not allows(in_force(db, kind, project_code), kind, code):
        raise StoreError(f"{kind} '{code}' is not offered by this project's assignment", record=record,
                         field="category", code="not_offered", value=code)


def withdraw_problem(db: Database, visit_id, problem_id, reason: str) -> Problem:
    """A problem raised by mistake is closed with a reason, never deleted."""
    visit = _open_visit(db, visit_id)
    current = records.latest(db, Problem, problem_id)
    if current is None or current.visit_id != visit.id:
        raise StoreError("not a problem raised on this visit", record=f"problem {problem_id}", code="not_here")
    if current.status == "closed":
        return current
    who = identity(db)
    moment = records.now()
    history = [*current.history, StatusChange(status="closed", at=moment, by=who.inspector_id,
                                              note=reason or "withdrawn")]
    return records.save(db, current.model_copy(update={
        "status": "closed", "history": history, "author": who.inspector_id, "device": who.device_id,
        "updated_at": moment,
    }))


def save_innovation(db: Database, visit_id, *, innovation_id=None, item: ItemRef | None = None, category: str,
                    scenario: str, title: str, description: str, replicable: bool,
                    evidence: list[str]) -> Innovation:
    visit = _open_visit(db, visit_id)
    who = identity(db)
    fields = dict(category=category, scenario=scenario, title=title, description=description,
                  replicable=replicable, evidence=evidence)
    if innovation_id is not None:
        current = records.latest(db, Innovation, innovation_id)
        if current is None or current.visit_id != visit.id:
            raise StoreError("not an innovation recorded on this visit", record=f"innovation {innovation_id}",
                             code="not_here")
        innovation = current.model_copy(update={**fields, "item": item or current.item,
                                                "author": who.inspector_id, "device": who.device_id,
                                                "updated_at": records.now()})
    else:
        innovation = Innovation(id=uuid.uuid4(), **_stamp(who), project_code=visit.project_code,
                                visit_id=visit.id, item=item, **fields)
    return records.save(db, Innovation.model_validate(innovation.model_dump()))


def give_verdict(db: Database, visit_id, problem_id, *, verdict: str, note: str = "",
                 evidence: list[str] | None = None) -> tuple[FollowUp, Problem]:
    """The verdict on an earlier problem: a follow-up record, and the problem's
    status history gains an entry saying who decided what, when."""
    visit = _open_visit(db, visit_id)
    problem = records.latest(db, Problem, problem_id)
    if problem is None or problem.project_code != visit.project_code or problem.visit_id == visit.id:
        raise StoreError("not a problem carried over to this project", record=f"problem {problem_id}", code="not_here")
    who = identity(db)
    moment = records.now()
    existing = follow_up_for(db, visit.id, problem.id)
    follow_up = FollowUp(
        id=existing.id if existing else uuid.uuid4(), **_stamp(who), visit_id=visit.id,
        problem_id=problem.id, verdict=verdict, note=note, evidence=evidence or [],
    )
    with immediate(db):
        follow_up = records.save(db, follow_up)
        change = StatusChange(status=STATUS_AFTER[verdict], at=moment, by=who.inspector_id, verdict=verdict,
                              note=note)
        history = list(problem.history)
        # A changed verdict on the same visit replaces the entry this visit wrote,
        # as long as nobody else has seen it; otherwise it is added after it.
        if existing is not None and _latest_is_unsealed(db, problem.id) and history and \
                history[-1].verdict is not None and history[-1].by == who.inspector_id:
            history[-1] = change
        else:
            history.append(change)
        problem = records.save(db, problem.model_copy(update={
            "status": change.status, "history": history, "author": who.inspector_id,
            "device": who.device_id, "updated_at": moment,
        }))
    return follow_up, problem


def _latest_is_unsealed(db: Database, problem_id) -> bool:
    row = db.conn.execute(
        "SELECT sealed FROM problems WHERE id = ? ORDER BY rev DESC LIMIT 1", (str(problem_id),)
    ).fetchone()
    return row is not None and not row[0]


def follow_up_for(db, visit_id, problem_id) -> FollowUp | None:
    conn = getattr(db, "conn", db)
    row = conn.execute(
        "SELECT data FROM follow_ups_current WHERE visit_id = ? AND problem_id = ?",
        (str(visit_id), str(problem_id)),
    ).fetchone()
    return None if row is None else FollowUp.model_validate_json(row[0])


def finish_visit(db: Database, visit_id) -> Visit:
    """Finish and seal the visit. Raises Incomplete listing what is missing."""
    from .gaps import Incomplete, find_gaps
    from .snapshot import load_visit

    _open_visit(db, visit_id)
    snapshot = load_visit(db, visit_id)
    missing = find_gaps(snapshot)
    if missing:
        raise Incomplete(missing)
    who = identity(db)
    moment = records.now()
    with immediate(db):
        visit = records.save(db, snapshot.visit.model_copy(update={
            "status": "finished", "finished_at": moment, "author": who.inspector_id,
            "device": who.device_id, "updated_at": moment,
        }))
        records.seal_visit(db, str(visit.id))
    return visit


def reopen_visit(db: Database, visit_id, reason: str) -> Visit:
    """Reopen a finished visit. Its sealed revisions stay; every change from
    now on is a new revision based on them."""
    if not reason.strip():
        raise StoreError("say why the visit is reopened", record=f"visit {visit_id}", field="reopen_reason",
                         code="no_reason")
    visit = records.latest(db, Visit, visit_id)
    if visit is None:
        raise StoreError("no such visit", record=f"visit {visit_id}", code="no_visit")
    _check_own(db, visit_id)
    if visit.status == "in_progress":
        return visit
    if in_progress(db, visit.project_code) is not None:
        raise StoreError("another visit to this project is in progress", record=f"visit {visit_id}",
                         code="visit_in_progress")
    who = identity(db)
    return records.save(db, visit.model_copy(update={
        "status": "in_progress", "finished_at": None, "reopen_reason": reason.strip(),
        "author": who.inspector_id, "device": who.device_id, "updated_at": records.now(),
    }))


def parse_day(text: str) -> date:
    from .dates import parse_date

    return parse_date(text)
