"""The assignment (任务包) the office hands an inspector before a round."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from .base import Model, _aware, refusal
from .checklist import ChecklistTemplate, TemplateRef
from .problem import Problem
from .project import Code, Project, Text
from .sentback import SentBack
from .signed import AgeRecipient
from .vocabulary import Vocabulary

ASSIGNMENT_FORMAT = "inspector-assignment"


class Inspector(Model):
    id: Code
    name: Text
    unit: Text | None = None


class Round(Model):
    id: Code
    name: Text


class Assignment(Model):
    format: Literal["inspector-assignment"] = ASSIGNMENT_FORMAT
    schema_version: Literal[1] = 1
    id: Code
    round: Round
    issued_by: Text = Field(description="Issuing office, e.g. 省未来社区专班办公室")
    issued_at: datetime
    inspector: Inspector
    projects: list[Project] = Field(min_length=1)
    templates: list[ChecklistTemplate] = Field(min_length=1)
    checklists: list[TemplateRef] = Field(
        min_length=1, description="Template versions to use on this round's visits"
    )
    open_problems: list[Problem] = Field(
        default_factory=list, description="Problems from earlier rounds to re-check"
    )
    sent_back: list[SentBack] = Field(
        default_factory=list,
        description="The inspector's records the office sent back (退回), with what it asks: answer or correct them",
    )

    vocabularies: list[Vocabulary] = Field(
        default_factory=list,
        description="The office's vocabularies in force when issued (problem categories, evidence types, "
                    "rectification types, the units of the projects' cities, tag lists): the laptop offers "
                    "exactly these; a kind left out (older files) is the built-in one",
    )

    bundle_recipient: AgeRecipient | None = Field(
        default=None,
        description="The office's encryption key (an age X25519 recipient, age1…): the laptop encrypts its bundles "
                    "to it. Carried here, inside the signed assignment, so it is never taken from an unsigned "
                    "source; absent in older files (the laptop then exports plain bundles)",
    )

    key_handovers: list[Annotated[str, StringConstraints(max_length=8192)]] = Field(
        default_factory=list, max_length=100,
        description="The office's key handovers, oldest first: each a signed envelope (kind handover, a "
                    "KeyHandover) signed with the key it hands over from. A laptop that trusts an earlier key "
                    "follows the chain to the key that signed this assignment; one link not signed by the key "
                    "before it is refused",
    )

    @model_validator(mode="after")
    def _one_vocabulary_per_kind(self) -> "Assignment":
        kinds = [v.kind for v in self.vocabularies]
        for kind in kinds:
            if kinds.count(kind) > 1:
                raise refusal("vocabulary_twice", "vocabulary '{kind}' is given twice", kind=kind)
        return self

    _aware_issued = field_validator("issued_at")(_aware)
