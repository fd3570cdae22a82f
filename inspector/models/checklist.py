"""Checklist templates: what an inspector is asked at a site, and when it applies."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import BeforeValidator, Field, StringConstraints, field_validator, model_validator

from .base import MAX_INT, Model, Number, refusal
from .project import Code, Project
from .tags import TagCode
from .vocab import (
    ChecklistKindCode,
    CreationTypeCode,
    EvidenceTypeCode,
    InnovationCategoryCode,
    OrientationCode,
    ProblemCategoryCode,
    ScenarioCode,
    ScenarioRoleCode,
)

ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
LongText = Annotated[str, StringConstraints(max_length=4000)]

# Checklist text has one canonical form, so that what is stored is what comes
# back from anywhere it travels (a spreadsheet, the editor, JSON): one kind of
# line break, and no blank that differs from "nothing" only by its spaces.
# Characters no spreadsheet (or XML) can hold are refused, with the field.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def plain_text(value: object) -> object:
    """Line breaks as \\n (\\r\\n, \\r, and the vertical tab and form feed Word
    pastes for a line or page break); other control characters refused."""
    if not isinstance(value, str):
        return value
    if "\r" in value or "\x0b" in value or "\x0c" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    bad = _NOT_TEXT.search(value)
    if bad:
        raise refusal("control_character", "holds the control character {character}, which no spreadsheet can "
                      "hold (pasted from another program?); delete it", character=f"U+{ord(bad.group()):04X}")
    return value


def _blank_is_empty(value: object) -> object:
    value = plain_text(value)
    return "" if isinstance(value, str) and not value.strip() else value


def _blank_is_none(value: object) -> object:
    value = plain_text(value)
    return None if isinstance(value, str) and not value.strip() else value


# (The BeforeValidator comes after the constraints: placed before them,
# pydantic checks the length before stripping, and "  " passes as "".)
Prompt = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
                   BeforeValidator(plain_text)]
# Guidance and descriptions keep their spaces (indented lines mean something);
# only a text of nothing but spaces is no text.
Guidance = Annotated[str, StringConstraints(max_length=4000), BeforeValidator(_blank_is_empty)]
OptionalGuidance = Annotated[Union[Annotated[str, StringConstraints(max_length=4000)], None],
                             BeforeValidator(_blank_is_none)]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20),
                 BeforeValidator(plain_text)]


class PassFailAnswer(Model):
    type: Literal["pass_fail"] = "pass_fail"


class ChoiceOption(Model):
    value: ItemId
    label: Prompt
    label_en: Prompt | None = None
    score: Number | None = None
    flag: bool = Field(default=False, description="Choosing this option marks a finding (e.g. raises a problem)")


class SingleChoiceAnswer(Model):
    type: Literal["single_choice"] = "single_choice"
    options: list[ChoiceOption] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_values(self) -> "SingleChoiceAnswer":
        values = [o.value for o in self.options]
        dupes = sorted({v for v in values if values.count(v) > 1})
        if dupes:
            raise refusal("option_twice", "option value '{value}' used twice", value=dupes[0])
        return self


class ScoreAnswer(Model):
    type: Literal["score"] = "score"
    min: Number = 0
    max: Number
    step: Number | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _range(self) -> "ScoreAnswer":
        if self.max <= self.min:
            raise refusal("score_range_empty", "score range is empty (min {min}, max {max})", min=self.min,
                          max=self.max)
        return self


class NumberAnswer(Model):
    type: Literal["number"] = "number"
    unit: Unit
    min: Number | None = None
    max: Number | None = None
    integer: bool = False


class TextAnswer(Model):
    type: Literal["text"] = "text"
    multiline: bool = True


class DateAnswer(Model):
    type: Literal["date"] = "date"


AnswerSpec = Annotated[
    Union[PassFailAnswer, SingleChoiceAnswer, ScoreAnswer, NumberAnswer, TextAnswer, DateAnswer],
    Field(discriminator="type"),
]


class Applicability(Model):
    """When an item applies. Empty lists mean "any"; every condition given must hold."""

    creation_types: list[CreationTypeCode] = Field(default_factory=list)
    orientations: list[OrientationCode] = Field(default_factory=list)
    setting: Literal["any", "urban", "rural"] = "any"
    declared_scenario: ScenarioCode | None = Field(
        default=None, description="Applies only where the project declared this scenario"
    )
    scenario_roles: list[ScenarioRoleCode] = Field(
        default_factory=lambda: ["standard", "optional"],
        description="With declared_scenario: which declarations count (标配, 选配)",
    )

    def reasons_not_applicable(self, project: Project) -> list[str]:
        """Why this item does not apply to the project, as stable reason codes
        (empty when it applies). Codes are turned into words by inspector.i18n."""
        reasons: list[str] = []
        if self.creation_types and project.creation_type not in self.creation_types:
            reasons.append("creation_type")
        if self.orientations and project.orientation not in self.orientations:
            reasons.append("orientation")
        if self.setting == "urban" and project.rural:
            reasons.append("rural")
        if self.setting == "rural" and not project.rural:
            reasons.append("urban")
        if self.declared_scenario is not None:
            role = project.declared_role(self.declared_scenario)
            if role is None:
                reasons.append("scenario_not_declared")
            elif role not in self.scenario_roles:
                reasons.append("scenario_role")
        return reasons


class ChecklistItem(Model):
    id: ItemId = Field(description="Stable across versions of the template")
    prompt: Prompt = Field(description="The question, in Chinese")
    prompt_en: Prompt | None = None
    guidance: Guidance = ""
    guidance_en: OptionalGuidance = None
    scenario: ScenarioCode
    evidence: list[EvidenceTypeCode] = Field(default_factory=list)
    answer: AnswerSpec
    required: bool = False
    applies: Applicability = Field(default_factory=Applicability)
    max_score: Number | None = Field(default=None, ge=0)
    veto: bool = Field(default=False, description="Negative-list (负面清单) item: one hit caps the rating")
    problem_category: ProblemCategoryCode | None = Field(
        default=None, description="Pre-fills a problem raised from this item"
    )
    innovation_category: InnovationCategoryCode | None = Field(
        default=None, description="Pre-fills an innovation recorded from this item"
    )
    tags: list[TagCode] = Field(default_factory=list, max_length=40,
                                description="What the item serves, for reports: indicator, acceptance dimension, 三化")

    @field_validator("tags")
    @classmethod
    def _tags_once(cls, value: list[str]) -> list[str]:
        seen = set()
        for tag in value:
            if tag in seen:
                raise refusal("tag_twice", "tag '{tag}' given twice", tag=tag)
            seen.add(tag)
        return value

    @model_validator(mode="after")
    def _score_fits(self) -> "ChecklistItem":
        if isinstance(self.answer, ScoreAnswer) and self.max_score is not None:
            if self.answer.max > self.max_score:
                raise refusal("score_above_max", "answer range max {top} exceeds max_score {max_score}",
                              top=self.answer.max, max_score=self.max_score)
        return self


class ChecklistSection(Model):
    id: ItemId
    title: Prompt
    title_en: Prompt | None = None
    items: list[ChecklistItem] = Field(min_length=1)


class TemplateRef(Model):
    id: Code
    version: int = Field(ge=1, le=MAX_INT)

    def __str__(self) -> str:
        return f"{self.id} v{self.version}"


class ChecklistTemplate(Model):
    id: Code
    version: int = Field(ge=1, le=MAX_INT)
    kind: ChecklistKindCode
    title: Prompt
    title_en: Prompt | None = None
    description: Guidance = ""
    sections: list[ChecklistSection] = Field(min_length=1)

    @field_validator("sections")
    @classmethod
    def _ids_unique(cls, value: list[ChecklistSection]) -> list[ChecklistSection]:
        sections: set[str] = set()
        items: set[str] = set()
        for section in value:
            if section.id in sections:
                raise refusal("section_twice", "section id '{section}' used twice", section=section.id)
            sections.add(section.id)
            for item in section.items:
                if item.id in items:
                    raise refusal("item_twice", "item id '{item}' used twice (section '{section}')", item=item.id,
                                  section=section.id)
                items.add(item.id)
        return value

    @property
    def ref(self) -> TemplateRef:
        return TemplateRef(id=self.id, version=self.version)

    def items(self):
        for section in self.sections:
            yield from section.items

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((i for i in self.items() if i.id == item_id), None)
