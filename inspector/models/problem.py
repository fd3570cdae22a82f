"""Problems (问题清单) and the trail of their status over time."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import Field, StringConstraints, field_validator, model_validator

from .base import MAX_INT, Model, Record, _aware, refusal
from .checklist import ItemId, LongText
from .project import Code, Text
from .vocabulary import VocabularyCode
from .vocab import (
    ProblemStatusCode,
    ScenarioCode,
    SeverityCode,
    VerdictCode,
)


class ItemRef(Model):
    """Points at one item of one template version."""

    template: Code
    version: int = Field(ge=1, le=MAX_INT)
    item: ItemId


class StatusChange(Model):
    status: ProblemStatusCode
    at: datetime
    by: Annotated[str, StringConstraints(min_length=1)]
    verdict: VerdictCode | None = Field(default=None, description="Set when the change came from a follow-up")
    note: LongText = ""

    _aware_at = field_validator("at")(_aware)


class Problem(Record):
    project_code: Code
    visit_id: UUID | None = Field(default=None, description="Visit it was found on, if on this side")
    item: ItemRef | None = Field(default=None, description="Checklist item it was raised from")
    scenario: ScenarioCode
    category: VocabularyCode = Field(
        description="A problem_category code of the vocabulary in force where it was recorded (the assignment's)")
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
    severity: SeverityCode
    responsible_unit: Text | None = None
    deadline: date | None = Field(default=None, description="Rectification deadline")
    status: ProblemStatusCode = "open"
    history: list[StatusChange] = Field(min_length=1)

    @model_validator(mode="after")
    def _status_is_latest(self) -> "Problem":
        if self.history[-1].status != self.status:
            raise refusal("status_not_latest", "status '{status}' differs from the last history entry '{last}'",
                          status=self.status, last=self.history[-1].status)
        return self
