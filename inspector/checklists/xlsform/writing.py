"""A template as an XLSForm workbook."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from inspector.files import write_whole
from inspector.models import ChecklistItem, ChecklistTemplate

from ..expressions import write_constraint, write_relevant
from .layout import (
    CHOICES_COLUMNS,
    BUILT_IN_LISTS,
    PASS_FAIL_LABELS,
    PASS_FAIL_LIST,
    PASS_FAIL_VALUES,
    PROJECT_GROUP,
    SETTINGS_COLUMNS,
    SURVEY_COLUMNS,
    project_choices,
    project_fields,
    project_question,
)


def _number_cell(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else float(value)


def _option_lists(template: ChecklistTemplate) -> tuple[dict[str, str], list[tuple[str, list]]]:
    """Which list each single-choice item uses. Items with identical options
    share one list, as XLSForm authors write them (the innovation checklist's
    22 choice items use a handful of scales). A list is named after its first
    item, never with a built-in list's name."""
    by_content: dict[str, str] = {}
    used = set(BUILT_IN_LISTS)
    item_list: dict[str, str] = {}
    lists: list[tuple[str, list]] = []
    for item in template.items():
        if item.answer.type != "single_choice":
            continue
        key = json.dumps([o.model_dump(mode="json") for o in item.answer.options], ensure_ascii=False)
        name = by_content.get(key)
        if name is None:
            name = item.id
            suffix = 2
            while name in used:
                name = f"{item.id}-{suffix}"
                suffix += 1
            used.add(name)
            by_content[key] = name
            lists.append((name, item.answer.options))
        item_list[item.id] = name
    return item_list, lists


def _survey_row(item: ChecklistItem, list_name: str | None) -> dict[str, Any]:
    answer = item.answer
    row: dict[str, Any] = {
        "name": item.id, "label::zh": item.prompt, "label::en": item.prompt_en,
        "hint::zh": item.guidance or None, "hint::en": item.guidance_en,
        "required": "yes" if item.required else None,
        "scenario": item.scenario, "evidence": " ".join(item.evidence) or None,
        "max_score": _number_cell(item.max_score), "veto": "yes" if item.veto else None,
        "problem_category": item.problem_category, "innovation_category": item.innovation_category,
        "tags": " ".join(item.tags) or None,
    }
    if answer.type == "pass_fail":
        row["type"] = f"select_one {PASS_FAIL_LIST}"
    elif answer.type == "single_choice":
        row["type"] = f"select_one {list_name}"
    elif answer.type == "number":
        row["type"] = "integer" if answer.integer else "decimal"
        row["unit"] = answer.unit
        row["constraint"] = write_constraint(answer.min, answer.max) or None
    elif answer.type == "score":
        row["type"] = "decimal"
        row["answer"] = "score"
        row["constraint"] = write_constraint(answer.min, answer.max)
        row["step"] = _number_cell(answer.step)
    elif answer.type == "text":
        row["type"] = "text"
        row["appearance"] = "multiline" if answer.multiline else None
    else:
        row["type"] = answer.type
    relevant = write_relevant(item.applies)
    if relevant is None:
        row["applies"] = item.applies.model_dump_json()
    else:
        row["relevant"] = relevant or None
    return row


def workbook_bytes(template: ChecklistTemplate) -> bytes:
    """The template as an XLSX workbook in the XLSForm layout."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    survey = book.active
    survey.title = "survey"
    choices = book.create_sheet("choices")
    settings = book.create_sheet("settings")

    def put(sheet, row_number: int, columns: tuple[str, ...], values: dict[str, Any]) -> None:
        for index, name in enumerate(columns, start=1):
            value = values.get(name)
            if value is None or value == "":
                continue
            cell = sheet.cell(row_number, index, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, even when it looks like a formula
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")

    def header(sheet, columns: tuple[str, ...], widths: dict[str, int]) -> None:
        for index, name in enumerate(columns, start=1):
            sheet.cell(1, index, name).font = Font(bold=True)
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = widths.get(name, 14)
        sheet.freeze_panes = "A2"

    header(survey, SURVEY_COLUMNS, {"type": 24, "name": 22, "label::zh": 48, "label::en": 40, "hint::zh": 48,
                                    "hint::en": 30, "relevant": 36, "constraint": 20, "evidence": 28,
                                    "tags": 40})
    header(choices, CHOICES_COLUMNS, {"list_name": 22, "name": 16, "label::zh": 30, "label::en": 30})
    header(settings, SETTINGS_COLUMNS, {"form_title": 40, "title_en": 40, "description": 60})

    item_list, lists = _option_lists(template)
    row_number = 2
    rows = [_survey_row(item, item_list.get(item.id)) for item in template.items()]
    asked = project_fields(rows)
    if asked:
        put(survey, row_number, SURVEY_COLUMNS, {"type": "begin_group", "name": PROJECT_GROUP,
                                                 "label::zh": "项目情况（试填用，导入时不读）",
                                                 "label::en": "The project (to try the form out; not imported)"})
        row_number += 1
        for name in asked:
            list_name, zh, en = project_question(name)
            put(survey, row_number, SURVEY_COLUMNS, {"type": f"select_one {list_name}", "name": name,
                                                     "label::zh": zh, "label::en": en})
            row_number += 1
        put(survey, row_number, SURVEY_COLUMNS, {"type": "end_group"})
        row_number += 1
    rows_by_item = {row["name"]: row for row in rows}
    for section in template.sections:
        put(survey, row_number, SURVEY_COLUMNS, {"type": "begin_group", "name": section.id,
                                                 "label::zh": section.title, "label::en": section.title_en})
        row_number += 1
        for item in section.items:
            put(survey, row_number, SURVEY_COLUMNS, rows_by_item[item.id])
            row_number += 1
        put(survey, row_number, SURVEY_COLUMNS, {"type": "end_group"})
        row_number += 1

    row_number = 2
    if any(item.answer.type == "pass_fail" for item in template.items()):
        for value in PASS_FAIL_VALUES:
            zh, en = PASS_FAIL_LABELS[value]
            put(choices, row_number, CHOICES_COLUMNS,
                {"list_name": PASS_FAIL_LIST, "name": value, "label::zh": zh, "label::en": en})
            row_number += 1
    for list_name in dict.fromkeys(project_question(name)[0] for name in asked):
        for value, zh, en in project_choices(list_name):
            put(choices, row_number, CHOICES_COLUMNS,
                {"list_name": list_name, "name": value, "label::zh": zh, "label::en": en})
            row_number += 1
    for name, options in lists:
        for option in options:
            put(choices, row_number, CHOICES_COLUMNS, {
                "list_name": name, "name": option.value, "label::zh": option.label, "label::en": option.label_en,
                "score": _number_cell(option.score), "flag": "yes" if option.flag else None,
            })
            row_number += 1

    put(settings, 2, SETTINGS_COLUMNS, {
        "form_id": template.id, "form_title": template.title, "version": template.version,
        "default_language": "zh", "title_en": template.title_en, "kind": template.kind,
        "description": template.description or None,
    })
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_xlsform(template: ChecklistTemplate, path: Path) -> None:
    """Write the workbook whole or not at all."""
    write_whole(Path(path), workbook_bytes(template))
