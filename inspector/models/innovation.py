"""Innovations (创新清单) worth copying elsewhere."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import Field, StringConstraints

from .base import Record
from .checklist import LongText
from .problem import ItemRef
from .project import Code
from .vocabulary import VocabularyCode
from .vocab import (
    InnovationCategoryCode,
    ScenarioCode,
)


class Innovation(Record):
    project_code: Code
    visit_id: UUID
    item: ItemRef | None = None
    category: InnovationCategoryCode
    scenario: ScenarioCode
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    description: LongText = ""
    replicable: bool = Field(description="可复制推广")
    evidence: list[VocabularyCode] = Field(default_factory=list)
