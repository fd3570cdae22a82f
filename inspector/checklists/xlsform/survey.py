"""The survey sheet: groups into sections, questions into items."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from inspector.models import Applicability
from inspector.models.tags import is_known as is_known_tag
from inspector.models.tags import parse as parse_tags

from ..expressions import ExpressionError, parse_constraint, parse_relevant
from .findings import ModelProblem, Place
from .layout import (
    DEFAULT_SCENARIO,
    EVIDENCE,
    INNOVATION_CATEGORIES,
    METADATA_TYPES,
    NO_UNIT,
    PASS_FAIL_LIST,
    PROBLEM_CATEGORIES,
    PROJECT_FIELDS,
    PROJECT_GROUP,
    QUESTION_TYPES,
    SCENARIOS,
    UNSUPPORTED_TYPES,
    is_project_field,
)
from .sheets import ChoiceList, Row, Sheet

if TYPE_CHECKING:
    from .reading import Reading


_ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def _question_type(text: str) -> tuple[str, str | None]:
    """('select_one', 'yes_no') from 'select_one yes_no'; spaces and case as XLSForm allows."""
    words = text.strip().lower().split()
    if len(words) >= 2 and words[0] in ("begin", "end") and words[1] in ("group", "repeat"):
        return f"{words[0]}_{words[1]}", None
    if len(words) >= 2 and words[0] == "select" and words[1] in ("one", "multiple"):
        words = [f"select_{words[1]}"] + words[2:]
    kind = words[0] if words else ""
    if kind in ("select_one", "select_multiple"):
        if len(words) == 2:
            return kind, text.strip().split()[-1]
        if len(words) == 3 and words[2] == "or_other":
            return f"{kind} or_other", None
        return kind, None
    if kind == "int":
        kind = "integer"
    return (kind if len(words) == 1 else " ".join(words)), None


class Survey:
    """The survey sheet: groups into sections, questions into items."""

    def __init__(self, reading: "Reading", sheet: Sheet, lists: dict[str, ChoiceList], default_language: str,
                 have_choices: bool) -> None:
        self.reading = reading
        self.sheet = sheet
        self.lists = lists
        self.have_choices = have_choices
        self.labels = reading.languages(sheet, default_language)
        # model location -> place, filled while reading
        self.section_places: list[dict[str, Place]] = []
        self.item_places: list[list[dict[str, Any]]] = []

    def col(self, base: str, language: str) -> str:
        return self.labels[base].get(language, f"{base}::{language}")

    def locate(self, loc: tuple, settings_places: dict[str, Place]) -> Place:
        """Where in the workbook a model error points."""
        survey = self.sheet
        if not loc or loc[0] != "sections":
            return settings_places.get(str(loc[0]) if loc else "", Place("settings"))
        if len(loc) < 2 or not isinstance(loc[1], int) or loc[1] >= len(self.section_places):
            return Place(survey.title)
        s = loc[1]
        places = self.section_places[s]
        if len(loc) < 4 or loc[2] != "items" or not isinstance(loc[3], int):
            return places.get(str(loc[2]) if len(loc) > 2 else "id", places["id"])
        items = self.item_places[s]
        if loc[3] >= len(items):
            return places["id"]
        item = items[loc[3]]
        rest = loc[4:]
        if rest and rest[0] == "answer":
            rest = rest[1:]
            if rest and rest[0] in ("pass_fail", "single_choice", "score", "number", "text", "date"):
                rest = rest[1:]
            if len(rest) >= 2 and rest[0] == "options" and isinstance(rest[1], int) \
                    and rest[1] < len(item["options"]):
                option = item["options"][rest[1]]
                return option.get(str(rest[2]) if len(rest) > 2 else "value", option["value"])
            return item.get(f"answer.{rest[0]}" if rest else "answer", item["answer"])
        if not rest:
            return item["max_score"]  # the item's own check: a score above its max_score
        return item.get(str(rest[0]), item["id"])

    def read(self) -> list[dict]:
        reading, sheet = self.reading, self.sheet
        for required in ("type", "name"):
            if required not in sheet.columns:
                reading.error(Place(sheet.title, 1, header=required), "survey_no_column", column=required)
        if "zh" not in self.labels["label"]:
            reading.error(Place(sheet.title, 1, header="label::zh"), "survey_no_label")
        if reading.errors:
            return []
        mapped = {"type", "name", "required", "relevant", "constraint", "appearance", "answer", "unit", "step",
                  "scenario", "evidence", "max_score", "veto", "problem_category", "innovation_category", "applies",
                  "tags", *self.labels["label"].values(), *self.labels["hint"].values()}
        reading.unmapped_columns(sheet, mapped)
        self.mapped = mapped

        sections: list[dict] = []
        project: int | None = None  # row of the open project group (see the module's docstring)
        group: dict | None = None  # the open begin_group
        loose: dict | None = None  # questions outside any group gather in a section of their own
        notes: list[tuple[int, str | None, str | None]] = []
        section_ids: dict[str, int] = {}
        item_ids: dict[str, int] = {}

        def flush_notes() -> None:  # no question follows these notes in their group
            for number, _, _ in notes:
                reading.warn(sheet.place(number, self.col("label", "zh")), "note_alone")
            notes.clear()

        def close(section: dict | None, row_number: int | None = None) -> None:
            if section is None:
                return
            if not section["items"]:
                reading.error(section["_place"], "group_empty", group=section["id"])
            section.pop("_place")

        for row in sheet.rows:
            type_text = reading.text(sheet, row, "type")
            if type_text is None:
                reading.error(sheet.place(row.number, "type"), "row_no_type")
                continue
            kind, list_name = _question_type(type_text)
            name = (reading.text(sheet, row, "name") or "").strip()

            if project is not None:
                # The project's attributes, asked only to try the form out.
                if kind == "end_group":
                    project = None
                elif kind == "select_one" and is_project_field(name):
                    if list_name in self.lists:
                        self.lists[list_name].used = True
                else:
                    reading.error(sheet.place(row.number, "name"), "project_group_only", group=PROJECT_GROUP,
                                  row=project, fields=(*PROJECT_FIELDS, "scenario_…"))
                continue
            if kind == "begin_group" and name == PROJECT_GROUP and group is None:
                flush_notes()
                close(loose)
                loose = None
                project = row.number
                continue

            if kind == "begin_group":
                flush_notes()
                if group is not None:
                    reading.error(sheet.place(row.number, "type"), "group_nested", group=group["id"])
                    continue
                close(loose)
                loose = None
                if not _ITEM_ID.match(name):
                    reading.error(sheet.place(row.number, "name"), "bad_name" if name else "no_name", what="group",
                                  name=name)
                elif name in section_ids:
                    reading.error(sheet.place(row.number, "name"), "name_twice", what="group", name=name,
                                  row=section_ids[name])
                else:
                    section_ids[name] = row.number
                title = reading.text(sheet, row, self.col("label", "zh"))
                if title is None:
                    title = name
                    reading.warn(sheet.place(row.number, self.col("label", "zh")), "group_no_label", name=name)
                for key in ("relevant", "required", "constraint", "applies"):
                    if key in row.values:
                        reading.error(sheet.place(row.number, key), "group_column", column=key)
                self.not_used(row, {"type", "name", self.col("label", "zh"), self.col("label", "en"), "scenario",
                                    "relevant", "required", "constraint", "applies"},
                              "on_group")
                scenario = reading.code(sheet, row, "scenario", SCENARIOS, "scenario", "Scenario")
                group = {"id": name, "title": title, "title_en": reading.text(sheet, row, self.col("label", "en")),
                         "items": [], "_place": sheet.place(row.number, "name"), "_scenario": scenario}
                sections.append(group)
                self.section_places.append({"id": sheet.place(row.number, "name"),
                                            "title": sheet.place(row.number, self.col("label", "zh")),
                                            "title_en": sheet.place(row.number, self.col("label", "en")),
                                            "items": sheet.place(row.number, "name")})
                self.item_places.append([])
                continue
            if kind == "end_group":
                self.not_used(row, {"type", "name"}, "on_end_group")
                flush_notes()
                if group is None:
                    reading.error(sheet.place(row.number, "type"), "end_group_alone")
                    continue
                group.pop("_scenario")
                close(group)
                group = None
                continue
            if kind == "note":
                self.not_used(row, {"type", "name", self.col("label", "zh"), self.col("label", "en")},
                              "on_note")
                notes.append((row.number, reading.text(sheet, row, self.col("label", "zh")),
                              reading.text(sheet, row, self.col("label", "en"))))
                continue
            if kind in METADATA_TYPES:
                reading.warn(sheet.place(row.number, "type"), "metadata", type=kind)
                continue
            if kind not in QUESTION_TYPES and kind != "select_one":
                if kind in UNSUPPORTED_TYPES or kind.split()[0] in UNSUPPORTED_TYPES or kind.endswith("or_other"):
                    reading.error(sheet.place(row.number, "type"), "type_unsupported", type=type_text.strip())
                else:
                    reading.error(sheet.place(row.number, "type"), "type_unknown", type=type_text.strip())
                continue

            # a question
            if group is None and loose is None:
                loose_id = "section"
                suffix = 1
                while loose_id in section_ids:
                    suffix += 1
                    loose_id = f"section-{suffix}"
                section_ids[loose_id] = row.number
                reading.warn(sheet.place(row.number, "type"), "loose_questions", section=loose_id)
                loose = {"id": loose_id, "title": loose_id, "title_en": None, "items": [],
                         "_place": sheet.place(row.number, "type"), "_scenario": None}
                sections.append(loose)
                here = sheet.place(row.number, "type")
                self.section_places.append({"id": here, "title": here, "title_en": here, "items": here})
                self.item_places.append([])
            section = group if group is not None else loose
            if not _ITEM_ID.match(name):
                reading.error(sheet.place(row.number, "name"), "bad_name" if name else "no_name", what="question",
                                  name=name)
            elif name in item_ids:
                reading.error(sheet.place(row.number, "name"), "name_twice", what="question", name=name,
                              row=item_ids[name])
            else:
                item_ids[name] = row.number
            item, places = self.item(row, kind, list_name, name, section["_scenario"], notes)
            notes.clear()
            section["items"].append(item)
            self.item_places[-1].append(places)

        flush_notes()
        if project is not None:
            reading.error(sheet.place(project, "name"), "group_open", group=PROJECT_GROUP)
        if group is not None:
            reading.error(group["_place"], "group_open", group=group["id"])
            group.pop("_place", None)
        if loose is not None:
            close(loose)
        for section in sections:
            section.pop("_scenario", None)
            section.pop("_place", None)
        if not sections and not reading.errors:
            reading.error(Place(sheet.title, 2), "survey_empty")
        return sections

    def not_used(self, row: Row, used: set[str], where: str) -> None:  # where: on_group, on_note …
        """A warning for each value on the row that its kind of row has no use
        for (values in columns that mean nothing anywhere are warned about
        already, column by column)."""
        for key in row.values:
            if key not in used and key in self.mapped:
                self.reading.warn(self.sheet.place(row.number, key), f"not_used_{where}")

    def item(self, row: Row, kind: str, list_name: str | None, name: str, group_scenario: str | None,
             notes: list) -> tuple[dict, dict[str, Any]]:
        reading, sheet = self.reading, self.sheet
        zh_label, en_label = self.col("label", "zh"), self.col("label", "en")
        zh_hint, en_hint = self.col("hint", "zh"), self.col("hint", "en")

        def at(key: str) -> Place:
            return sheet.place(row.number, key)

        places: dict[str, Any] = {
            "id": at("name"), "prompt": at(zh_label), "prompt_en": at(en_label), "guidance": at(zh_hint),
            "guidance_en": at(en_hint), "scenario": at("scenario"), "evidence": at("evidence"),
            "required": at("required"), "applies": at("relevant"), "max_score": at("max_score"), "veto": at("veto"),
            "problem_category": at("problem_category"), "innovation_category": at("innovation_category"),
            "answer": at("type"), "answer.options": at("type"), "answer.min": at("constraint"),
            "answer.max": at("constraint"), "answer.unit": at("unit"), "answer.step": at("step"),
            "answer.integer": at("type"), "answer.multiline": at("appearance"), "tags": at("tags"), "options": [],
        }
        prompt = reading.text(sheet, row, zh_label)
        if prompt is None:
            reading.error(at(zh_label), "question_no_label", name=name)
        guidance = [text for _, text, _ in notes if text] + [reading.text(sheet, row, zh_hint) or ""]
        guidance_en = [text for _, _, text in notes if text] + [reading.text(sheet, row, en_hint) or ""]
        for number, _, _ in notes:
            reading.warn(sheet.place(number, zh_label), "note_as_guidance", name=name)

        scenario = reading.code(sheet, row, "scenario", SCENARIOS, "scenario", "Scenario")
        if scenario is None and "scenario" not in row.values:
            scenario = group_scenario
            if scenario is None:
                scenario = DEFAULT_SCENARIO
                reading.warn(at("scenario"), "no_scenario", scenario=DEFAULT_SCENARIO)
        evidence = []
        for code in (reading.text(sheet, row, "evidence") or "").replace(",", " ").split():
            if code not in EVIDENCE:
                reading.error(at("evidence"), "unknown_code", what="evidence", value=code, known=tuple(EVIDENCE),
                              vocabulary="EvidenceType")
            elif code not in evidence:
                evidence.append(code)

        tags = parse_tags(reading.text(sheet, row, "tags") or "")
        for tag in tags:
            if not is_known_tag(tag):
                reading.error(at("tags"), "unknown_tag", tag=tag)

        applies: Any = {}
        relevant = reading.text(sheet, row, "relevant")
        applies_json = reading.text(sheet, row, "applies")
        if relevant is not None and applies_json is not None:
            reading.error(at("applies"), "relevant_and_applies")
        elif relevant is not None:
            try:
                applies = parse_relevant(relevant).model_dump()
            except ExpressionError as exc:
                reading.error(at("relevant"), "relevant_bad", expression=relevant, error=exc)
        elif applies_json is not None:
            places["applies"] = at("applies")
            try:
                applies = Applicability.model_validate_json(applies_json).model_dump()
            except ValidationError as exc:
                reading.error(at("applies"), "applies_bad", problem=ModelProblem(exc.errors(include_url=False)[0]))

        answer = self.answer(row, kind, list_name, name, places)
        item = {
            "id": name, "prompt": prompt or "", "prompt_en": reading.text(sheet, row, en_label),
            "guidance": "\n".join(part for part in guidance if part),
            "guidance_en": "\n".join(part for part in guidance_en if part) or None,
            "scenario": scenario or DEFAULT_SCENARIO, "evidence": evidence, "answer": answer,
            "required": reading.yes(sheet, row, "required"), "applies": applies,
            "max_score": reading.number(sheet, row, "max_score"), "veto": reading.yes(sheet, row, "veto"),
            "problem_category": reading.code(sheet, row, "problem_category", PROBLEM_CATEGORIES, "problem_category",
                                             "ProblemCategory"),
            "innovation_category": reading.code(sheet, row, "innovation_category", INNOVATION_CATEGORIES,
                                                "innovation_category", "InnovationCategory"),
            "tags": tags,
        }
        return item, places

    def answer(self, row: Row, kind: str, list_name: str | None, name: str, places: dict) -> dict:
        reading, sheet = self.reading, self.sheet

        def at(key: str) -> Place:
            return sheet.place(row.number, key)

        declared = (reading.text(sheet, row, "answer") or "").strip().lower() or None
        fits = {"select_one": ("pass_fail", "single_choice"), "integer": ("number", "score"),
                "decimal": ("number", "score"), "text": ("text",), "date": ("date",)}[kind]
        if declared is not None and declared not in fits:
            reading.error(at("answer"), "answer_not_fit", answer=declared, type=kind, fits=tuple(fits))
            declared = None
        unused = {"select_one": ("constraint", "unit", "step", "appearance"), "text": ("constraint", "unit", "step"),
                  "date": ("constraint", "unit", "step", "appearance")}.get(kind, ("appearance",))
        if kind in ("integer", "decimal") and declared == "score":
            unused = ("unit", "appearance")
        elif kind in ("integer", "decimal"):
            unused = ("step", "appearance")
        for key in unused:
            if key in row.values:
                reading.warn(at(key), "not_used_by", type=declared or kind)

        if kind == "select_one":
            if list_name is None:
                reading.error(at("type"), "select_no_list")
                return {"type": "single_choice", "options": []}
            if not self.have_choices:
                reading.error(Place("choices"), "no_choices_sheet", row=row.number, sheet=sheet.title, list=list_name)
                return {"type": "single_choice", "options": []}
            choice_list = self.lists.get(list_name)
            if choice_list is None:
                reading.error(at("type"), "list_missing", list=list_name)
                return {"type": "single_choice", "options": []}
            choice_list.used = True
            if declared == "pass_fail" or (declared is None and list_name == PASS_FAIL_LIST
                                           and choice_list.is_pass_fail()):
                if not choice_list.is_pass_fail():
                    reading.error(at("answer"), "pass_fail_list", list=list_name)
                return {"type": "pass_fail"}
            if len(choice_list.options) < 2:
                reading.error(at("type"), "list_too_short", list=list_name, count=len(choice_list.options))
            places["options"] = choice_list.places
            return {"type": "single_choice", "options": [dict(option) for option in choice_list.options]}
        if kind in ("integer", "decimal"):
            low = high = None
            constraint = reading.text(sheet, row, "constraint")
            if constraint is not None:
                try:
                    low, high = parse_constraint(constraint)
                except ExpressionError as exc:
                    reading.error(at("constraint"), "constraint_bad", expression=constraint, error=exc)
            if declared == "score":
                if high is None:
                    reading.error(at("constraint"), "score_no_max")
                step = reading.number(sheet, row, "step")
                if step is None and kind == "integer":
                    step = 1.0  # an integer score moves in whole points
                return {"type": "score", "min": 0.0 if low is None else low, "max": high, "step": step}
            unit = reading.text(sheet, row, "unit")
            if unit is None:
                unit = NO_UNIT
                reading.warn(at("unit"), "no_unit", unit=NO_UNIT)
            return {"type": "number", "unit": unit.strip(), "min": low, "max": high, "integer": kind == "integer"}
        if kind == "text":
            appearance = (reading.text(sheet, row, "appearance") or "").strip().lower()
            if appearance and appearance != "multiline":
                reading.warn(at("appearance"), "appearance_unknown", appearance=appearance)
            return {"type": "text", "multiline": appearance == "multiline"}
        return {"type": "date"}
