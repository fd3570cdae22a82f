"""A record the office sent back to its inspector (退回), carried in their
next assignment, and the inspector's reply to it, carried in a bundle.

The assignment holds the office's current revision of the record whole,
so the laptop can base a correction on it: the inspector's own revision, or
one the office wrote (author "office:<user>"). A reply is the inspector's
answer in words; it is a record of its own (its own id and revisions), not a
field on the record answered, so a reply never changes what was found on
site, a correction never loses the reply, and both travel whatever happens
to the other (a correction kept as a conflict still brings its reply).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Union
from uuid import UUID

from pydantic import Field, StringConstraints, field_validator, model_validator

from .base import MAX_INT, Model, Record, _aware, refusal
from .innovation import Innovation
from .problem import Problem
from .project import Code, Text
from .visit import FollowUp, Visit

SentBackKind = Literal["visit", "problem", "innovation", "follow_up"]
SENT_BACK_MODELS: dict[str, type[Record]] = {
    "visit": Visit, "problem": Problem, "innovation": Innovation, "follow_up": FollowUp,
}
Comment = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class OfficeUser(Model):
    """A member of office staff, as the inspector reads them."""

    id: Code
    name: Text


class _SentBack(Model):
    id: UUID = Field(description="The record's id")
    rev: int = Field(ge=1, le=MAX_INT, description="The office's current revision, the one sent back")
    project_code: Code = Field(description="The record's project (one of the assignment's)")
    comment: Comment = Field(description="What the office asks")
    by: OfficeUser = Field(description="Who sent it back")
    at: datetime = Field(description="When it was sent back")

    _aware_at = field_validator("at")(_aware)

    @model_validator(mode="after")
    def _names_its_record(self):
        record = self.record  # type: ignore[attr-defined]
        if record.id != self.id or record.rev != self.rev:
            raise refusal("sent_back_other_record", "record is {record} rev {record_rev}, not {id} rev {rev}",
                          record=str(record.id), record_rev=record.rev, id=str(self.id), rev=self.rev)
        code = getattr(record, "project_code", None)
        if code is not None and code != self.project_code:
            raise refusal("sent_back_other_project", "record is on project {code}, not {project}", code=code,
                          project=self.project_code)
        return self


class SentBackVisit(_SentBack):
    kind: Literal["visit"]
    record: Visit


class SentBackProblem(_SentBack):
    kind: Literal["problem"]
    record: Problem


class SentBackInnovation(_SentBack):
    kind: Literal["innovation"]
    record: Innovation


class SentBackFollowUp(_SentBack):
    kind: Literal["follow_up"]
    record: FollowUp


SentBack = Annotated[
    Union[SentBackVisit, SentBackProblem, SentBackInnovation, SentBackFollowUp], Field(discriminator="kind")
]


class Reply(Record):
    """The inspector's answer to a record the office sent back (答复)."""

    project_code: Code
    target_kind: SentBackKind
    target_id: UUID
    target_rev: int = Field(ge=1, le=MAX_INT, description="The revision the office sent back")
    text: Comment
