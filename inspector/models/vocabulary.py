"""Vocabularies the office owns (问题类别, 佐证方式, 整改类型, 责任单位 and the
tag lists): a kind, a version, and entries of a stable code and names that may
change. An entry is retired, never removed: an old record's code keeps its
name. The office publishes versions; each assignment carries the ones in force,
so a laptop offers exactly its assignment's words."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .base import MAX_INT, Model, refusal
from .vocab import CityCode

# problem_category, evidence_type, rectification: what a problem record names;
# unit: the directory of responsible units; indicator, dimension, sanhua: the
# tag lists checklist items carry (models/tags.py).
VOCABULARY_KINDS = ("problem_category", "evidence_type", "rectification", "unit", "indicator", "dimension", "sanhua")
VocabularyKind = Literal["problem_category", "evidence_type", "rectification", "unit", "indicator", "dimension", "sanhua"]

# Stable ASCII, as every code of the house: lower case so two spellings of one
# code cannot both exist; dots for the indicators' `edu.childcare`.
VOCABULARY_CODE_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
VocabularyCode = Annotated[str, StringConstraints(pattern=VOCABULARY_CODE_PATTERN)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class VocabularyEntry(Model):
    code: VocabularyCode
    zh: Name = Field(description="中文名称")
    en: Name | None = Field(default=None, description="English name; the Chinese one stands in when absent")
    retired: bool = Field(default=False, description="Not offered for new records; old records still show its name")
    city: CityCode | None = Field(default=None, description="Units only: the city it serves (none: province-wide)")


class Vocabulary(Model):
    kind: VocabularyKind
    version: int = Field(ge=1, le=MAX_INT)
    entries: list[VocabularyEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _codes_unique(self) -> "Vocabulary":
        seen: set[str] = set()
        for entry in self.entries:
            if entry.code in seen:
                raise refusal("vocabulary_code_twice", "code '{code}' appears twice", code=entry.code)
            seen.add(entry.code)
        return self

    def entry(self, code: str) -> VocabularyEntry | None:
        return next((e for e in self.entries if e.code == code), None)

    def offered(self) -> list[VocabularyEntry]:
        """What a form offers for a new record: every entry not retired."""
        return [e for e in self.entries if not e.retired]
