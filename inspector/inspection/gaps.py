"""What stops a visit from being finished."""

from __future__ import annotations

from dataclasses import dataclass

from inspector.models import Problem

from .answers import is_answered, is_finding
from .checklist import Entry
from .snapshot import VisitSnapshot


@dataclass(frozen=True)
class Gap:
    kind: str  # required | finding_without_problem | no_verdict
    entry: Entry | None = None
    problem: Problem | None = None


class Incomplete(Exception):
    def __init__(self, gaps: list[Gap]) -> None:
        super().__init__(f"{len(gaps)} things are missing")
        self.gaps = gaps


def find_gaps(snapshot: VisitSnapshot) -> list[Gap]:
    gaps: list[Gap] = []
    for entry in snapshot.entries:
        if not entry.applies:
            continue
        answer = snapshot.answers.get(entry.key)
        value = answer.value if answer else None
        if entry.item.required and not is_answered(value):
            gaps.append(Gap("required", entry=entry))
        elif (
            entry.template.kind == "problem"
            and is_finding(entry.item, value)
            and not snapshot.problems_for(entry)
            and not (answer and answer.no_problem_reason)
        ):
            gaps.append(Gap("finding_without_problem", entry=entry))
    for problem in snapshot.carried:
        if str(problem.id) not in snapshot.follow_ups:
            gaps.append(Gap("no_verdict", problem=problem))
    return gaps
