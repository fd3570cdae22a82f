"""A visit to a site, the answers given there, and verdicts on earlier problems."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, StringConstraints, field_validator

from .base import Number, Record, _aware
from .checklist import LongText, TemplateRef
from .problem import ItemRef
from .project import Code
from .vocabulary import VocabularyCode
from .vocab import (
    VerdictCode,
)

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class Visit(Record):
    project_code: Code
    date: date
    inspectors: list[Name] = Field(min_length=1, description="Everyone present")
    note: LongText = ""
    templates: list[TemplateRef] = Field(description="Template versions the visit started with")
    status: Literal["in_progress", "finished"] = "in_progress"
    finished_at: datetime | None = None
    reopen_reason: LongText | None = None

    @field_validator("finished_at")
    @classmethod
    def _aware_finished(cls, value: datetime | None) -> datetime | None:
        return None if value is None else _aware(value)


AnswerValue = bool | Number | Annotated[str, StringConstraints(max_length=4000)] | None


class Answer(Record):
    visit_id: UUID
    item: ItemRef
    value: AnswerValue = Field(
        description="pass/fail/na, an option value, a number, text, or an ISO date, as the item's answer type asks"
    )
    note: LongText = ""
    evidence_used: list[VocabularyCode] = Field(default_factory=list)
    no_problem_reason: LongText | None = Field(
        default=None, description="Why a failed item raised no problem"
    )


class FollowUp(Record):
    """The verdict on an earlier problem at a later visit (复查)."""

    visit_id: UUID
    problem_id: UUID
    verdict: VerdictCode
    note: LongText = ""
    evidence: list[VocabularyCode] = Field(default_factory=list)
