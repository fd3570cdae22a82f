"""Issuing a plan: one signed assignment per inspector in it, each by
office/assigning.assign (which adds the project's open ledger problems).

Everything that can be known before writing is checked first (the plan file
by planfile.read_plan; here the round id, the checklist templates and each
assignment's id), so a wrong plan issues nothing. What can still fail midway
(a disk, a file in the way) stops the issue there; PlanIssueStopped says
exactly which assignments were issued and which inspectors were not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from inspector.identity import Identity
from inspector.office import audit
from inspector.office.assigning import CODE, AssignRefused, Issued, _templates, assign

from .planfile import PlanFile
from inspector.store.transaction import immediate


class PlanIssueStopped(Exception):
    """Issuing stopped at `failed`: `issued` were issued and recorded;
    `not_issued` (failed first) were not. `cause` is what stopped it."""

    def __init__(self, issued: list[Issued], failed: str, not_issued: list[str], cause: Exception) -> None:
        super().__init__(failed, cause)
        self.issued, self.failed, self.not_issued, self.cause = issued, failed, not_issued, cause


@dataclass(frozen=True)
class Target:
    inspector: str
    projects: list[str]
    path: Path


def targets(plan: PlanFile, folder: Path | None) -> list[Target]:
    where = Path(folder) if folder is not None else Path.cwd()
    return [Target(who, codes, where / f"assignment-{who}-{plan.round_id}.json")
            for who, codes in plan.by_inspector().items()]


def check(db: Database, plan: PlanFile, templates: list[str]) -> None:
    """What assign would refuse for any inspector of the plan, refused before
    the first is issued (AssignRefused, as assign words it)."""
    if not CODE.fullmatch(plan.round_id):
        raise AssignRefused("bad_round", round=plan.round_id)
    _templates(db, templates)
    for who in plan.by_inspector():
        if not CODE.fullmatch(f"{plan.round_id}-{who}"):
            raise AssignRefused("bad_id", id=f"{plan.round_id}-{who}")


def issue_plan(db: Database, office: Identity, plan: PlanFile, *, round_name: str, templates: list[str], by: str,
               folder: Path | None = None) -> list[Issued]:
    """Issue every inspector's assignment of a checked plan, in the plan's order."""
    check(db, plan, templates)
    todo = targets(plan, folder)
    issued: list[Issued] = []
    for n, target in enumerate(todo):
        try:
            issued.append(assign(db, office, inspector_id=target.inspector, round_id=plan.round_id,
                                 round_name=round_name, projects=target.projects, cities=[], templates=templates,
                                 by=by, output=target.path))
        except (AssignRefused, OSError) as exc:
            _log(db, by, plan, issued, failed=target.inspector)
            raise PlanIssueStopped(issued, target.inspector, [t.inspector for t in todo[n:]], exc) from exc
    _log(db, by, plan, issued)
    return issued


def _log(db: Database, by: str, plan: PlanFile, issued: list[Issued], failed: str | None = None) -> None:
    with immediate(db):
        audit.record(db, by, "plan.issue", plan.round_id, detail={
            "assignments": [i.assignment.id for i in issued], "stopped_at": failed,
            "unassigned": plan.unassigned})
