"""Checklists as XLSForm workbooks, out and back in.

The people who draft checklists work in Excel, often in XLSForm tools; the
office edits what comes back. The workbook has the three XLSForm sheets:

survey    one row a question, `begin_group`/`end_group` around each section.
          XLSForm columns: type, name, label::zh, label::en, hint::zh,
          hint::en, required, relevant, constraint, appearance.
          Ours, for what XLSForm lacks: answer (`score`: a score rather than
          a plain number), unit, step, scenario, evidence (codes separated by
          spaces), max_score, veto, problem_category, innovation_category,
          and applies (JSON; only for the rare rule `relevant` cannot say).
          A `scenario` on a begin_group row is the default of its questions.
choices   list_name, name, label::zh, label::en; ours: score, flag.
settings  form_id (the template id), form_title, version, default_language;
          ours: title_en, kind (problem / innovation), description.

Answer types map as: pass/fail <-> `select_one pass_fail` (the list holding
pass, fail, na); single choice <-> `select_one <list>`; number <-> integer or
decimal with its bounds in `constraint` and its `unit`; score <-> decimal with
`answer` = score and its bounds in `constraint`; text <-> text (`appearance`
multiline); date <-> date. `relevant` is the project-based rule described in
expressions.py.

`relevant` names project attributes, and an XLSForm tool only accepts names
of questions; so the export starts with a group `project` asking for the
attributes its expressions use (creation_type, orientation, setting,
scenario_<code>). A drafter can try the form out in ODK or KoBo, answering
them to see which questions apply; import skips that group (and refuses
anything else put in it).

A plain XLSForm (no columns of ours) imports too: what it does not say gets a
default, and every default is listed as a warning by sheet, row and column.
`note` rows become guidance of the next question in their group. Anything
that cannot be mapped is listed, never dropped silently; anything wrong
refuses the whole file with every problem's sheet, row and column.

The workbook is hostile until checked: its size and its unpacked size are
bounded before openpyxl reads it, and openpyxl parses with defusedxml.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from inspector.files import write_whole
from inspector.models import Applicability, ChecklistItem, ChecklistTemplate
from inspector.models.base import MAX_INT
from inspector.models.vocab import ChecklistKind, EvidenceType, InnovationCategory, ProblemCategory, Scenario

from .expressions import (
    ExpressionError,
    number_text,
    parse_constraint,
    parse_relevant,
    write_constraint,
    write_relevant,
)

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 200

PASS_FAIL_LIST = "pass_fail"
PASS_FAIL_VALUES = ("pass", "fail", "na")
PASS_FAIL_LABELS = {"pass": ("通过", "Pass"), "fail": ("不通过", "Fail"), "na": ("不适用", "Not applicable")}
NO_UNIT = "—"  # a plain XLSForm number has no unit; NumberAnswer needs one
DEFAULT_SCENARIO = "general"

SURVEY_COLUMNS = (
    "type", "name", "label::zh", "label::en", "hint::zh", "hint::en", "required", "relevant", "constraint",
    "appearance", "answer", "unit", "step", "scenario", "evidence", "max_score", "veto", "problem_category",
    "innovation_category", "applies",
)
CHOICES_COLUMNS = ("list_name", "name", "label::zh", "label::en", "score", "flag")
SETTINGS_COLUMNS = ("form_id", "form_title", "version", "default_language", "title_en", "kind", "description")
LANGUAGE_COLUMNS = ("label", "hint")

SCENARIOS = tuple(s.value for s in Scenario)
EVIDENCE = tuple(e.value for e in EvidenceType)
KINDS = tuple(k.value for k in ChecklistKind)
PROBLEM_CATEGORIES = tuple(c.value for c in ProblemCategory)
INNOVATION_CATEGORIES = tuple(c.value for c in InnovationCategory)

QUESTION_TYPES = ("text", "integer", "decimal", "date")
# XLSForm types that record something about the form-filling itself; a
# checklist has no use for them, and they hold no question to lose.
METADATA_TYPES = ("start", "end", "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid",
                  "email", "audit", "start-geopoint", "background-audio")
# Real XLSForm types we cannot represent: refused, since dropping one would
# leave a question out of the checklist.
UNSUPPORTED_TYPES = ("select_multiple", "select_one_from_file", "select_multiple_from_file", "rank", "geopoint",
                     "geotrace", "geoshape", "image", "audio", "video", "file", "barcode", "calculate",
                     "acknowledge", "time", "datetime", "range", "hidden", "begin_repeat", "end_repeat",
                     "xml-external", "csv-external", "trigger")


# --------------------------------------------------------------- findings
@dataclass(frozen=True)
class Place:
    """Where in the workbook: a sheet, and when known a row and a column."""

    sheet: str
    row: int | None = None
    column: str | None = None  # the letter, as the spreadsheet shows it
    header: str | None = None  # the column's title

    def __str__(self) -> str:
        parts = [f"sheet {self.sheet}"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}" + (f" ({self.header})" if self.header else ""))
        elif self.header is not None:
            parts.append(f"column {self.header}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Finding:
    """An error or a warning. `place` None: the file as a whole."""

    place: Place | None
    message: str

    def line(self, file: str | Path) -> str:
        text = " ".join(self.message.split())
        return f"{file}: {self.place}: {text}" if self.place else f"{file}: {text}"


class SpreadsheetRefused(Exception):
    """The workbook was refused; `errors` lists every problem found."""

    def __init__(self, file: str | Path, errors: list[Finding]) -> None:
        self.file = str(file)
        self.errors = errors
        super().__init__(self.lines()[0] if errors else self.file)

    def lines(self) -> list[str]:
        return [error.line(self.file) for error in self.errors]


@dataclass(frozen=True)
class Imported:
    template: ChecklistTemplate
    warnings: list[Finding]


# ----------------------------------------------------------------- export
def _number_cell(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else float(value)


def _option_lists(template: ChecklistTemplate) -> tuple[dict[str, str], list[tuple[str, list]]]:
    """Which list each single-choice item uses. Items with identical options
    share one list, as XLSForm authors write them (the innovation checklist's
    22 choice items use a handful of scales)."""
    by_content: dict[str, str] = {}
    used = {PASS_FAIL_LIST}
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


PROJECT_GROUP = "project"
PROJECT_FIELDS = ("creation_type", "orientation", "setting")


def _project_fields(rows: list[dict]) -> list[str]:
    """The project attributes the relevant expressions use, in a stable order."""
    used = {name for row in rows for name in re.findall(r"\$\{\s*([^}\s]+)\s*\}", row.get("relevant") or "")}
    scenarios = [f"scenario_{s}" for s in SCENARIOS if f"scenario_{s}" in used]
    return [name for name in PROJECT_FIELDS if name in used] + scenarios


def is_project_field(name: str) -> bool:
    return name in PROJECT_FIELDS or (name.startswith("scenario_") and name.removeprefix("scenario_") in SCENARIOS)


def _project_question(name: str) -> tuple[str, str, str]:
    """(choice list, Chinese label, English label) of a project attribute's question."""
    from inspector.i18n import label

    if name.startswith("scenario_"):
        scenario = name.removeprefix("scenario_")
        return ("scenario_role", f"{label('Scenario', scenario, 'zh')}：申报方式",
                f"{label('Scenario', scenario, 'en')}: declared as")
    return {"creation_type": ("creation_type", "创建类型", "Creation type"),
            "orientation": ("orientation", "引领型/普惠型", "Leading or broad-benefit"),
            "setting": ("setting", "城乡", "Urban or rural")}[name]


def _project_choices(list_name: str) -> list[tuple[str, str, str]]:
    from inspector.i18n import labels

    vocabulary = {"creation_type": "CreationType", "orientation": "Orientation", "scenario_role": "ScenarioRole",
                  "setting": "Setting"}[list_name]
    if list_name == "setting":  # the project is one or the other; "any" is a rule's word, not a project's
        from inspector.i18n import t

        return [(code, t(f"list.{code}", "zh"), t(f"list.{code}", "en")) for code in ("urban", "rural")]
    zh, en = labels(vocabulary, "zh"), labels(vocabulary, "en")
    return [(code, zh[code], en[code]) for code in zh]


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
                                    "hint::en": 30, "relevant": 36, "constraint": 20, "evidence": 28})
    header(choices, CHOICES_COLUMNS, {"list_name": 22, "name": 16, "label::zh": 30, "label::en": 30})
    header(settings, SETTINGS_COLUMNS, {"form_title": 40, "title_en": 40, "description": 60})

    item_list, lists = _option_lists(template)
    row_number = 2
    rows = [_survey_row(item, item_list.get(item.id)) for item in template.items()]
    asked = _project_fields(rows)
    if asked:
        put(survey, row_number, SURVEY_COLUMNS, {"type": "begin_group", "name": PROJECT_GROUP,
                                                 "label::zh": "项目情况（试填用，导入时不读）",
                                                 "label::en": "The project (to try the form out; not imported)"})
        row_number += 1
        for name in asked:
            list_name, zh, en = _project_question(name)
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
    for list_name in dict.fromkeys(_project_question(name)[0] for name in asked):
        for value, zh, en in _project_choices(list_name):
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


# ----------------------------------------------------------------- import
_LANGUAGE_NAMES = {"zh": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh", "zh-cn": "zh", "zh_cn": "zh",
                   "zh-hans": "zh", "en": "en", "english": "en", "英文": "en", "英语": "en"}


def _language(text: str) -> str:
    text = text.strip().lower()
    code = re.search(r"\(([^()]+)\)\s*$", text)
    if code:
        text = code.group(1).strip()
    return _LANGUAGE_NAMES.get(text, text)


def _column_key(header: str) -> str:
    """'Label::Chinese (zh)' -> 'label::zh'; 'list name' -> 'list_name'."""
    base, _, language = header.partition("::")
    base = "_".join(base.strip().lower().split())
    return f"{base}::{_language(language)}" if language.strip() else base


@dataclass
class Row:
    number: int
    values: dict[str, Any]


@dataclass
class Sheet:
    title: str  # as written in the workbook
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (letter, header as written)
    rows: list[Row] = field(default_factory=list)

    def place(self, row: int | None = None, key: str | None = None) -> Place:
        if key is None:
            return Place(self.title, row)
        letter, header = self.columns.get(key, (None, key))
        return Place(self.title, row, letter, header)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Reading:
    """One pass over a workbook, collecting errors and warnings as it goes."""

    def __init__(self, path: Path, template_id: str | None) -> None:
        self.path = path
        self.template_id = template_id
        self.errors: list[Finding] = []
        self.warnings: list[Finding] = []

    # ------------------------------------------------------------ helpers
    def error(self, place: Place | None, message: str) -> None:
        self.errors.append(Finding(place, message))

    def warn(self, place: Place | None, message: str) -> None:
        self.warnings.append(Finding(place, message))

    def refuse(self) -> SpreadsheetRefused:
        return SpreadsheetRefused(self.path, self.errors)

    # --------------------------------------------------------- the file
    def open(self):
        from openpyxl import load_workbook

        path = self.path
        try:
            size = path.stat().st_size
        except OSError as exc:
            self.error(None, f"cannot read the file ({exc.strerror or exc})")
            raise self.refuse() from None
        if size > MAX_FILE_BYTES:
            self.error(None, f"the file is {size // (1024 * 1024)} MB; a checklist workbook is far smaller "
                             f"(limit {MAX_FILE_BYTES // (1024 * 1024)} MB)")
            raise self.refuse()
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError):
            self.error(None, "not an XLSX workbook (save it from Excel or WPS as .xlsx)")
            raise self.refuse() from None
        if unpacked > MAX_UNPACKED_BYTES:
            self.error(None, "the workbook unpacks to more than "
                             f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB; refused")
            raise self.refuse()
        try:
            # Not read-only: a read-only workbook keeps the file open until
            # closed, and Windows then cannot move or delete it.
            return load_workbook(path, data_only=False)
        except Exception as exc:  # noqa: BLE001 - whatever openpyxl chokes on, the file is what is wrong
            self.error(None, f"not a readable XLSX workbook ({type(exc).__name__}: {exc})")
            raise self.refuse() from None

    def sheet(self, worksheet) -> Sheet:
        from openpyxl.utils import get_column_letter

        sheet = Sheet(worksheet.title)
        if worksheet.max_row > MAX_ROWS or worksheet.max_column > MAX_COLUMNS:
            self.error(sheet.place(), f"{worksheet.max_row} rows and {worksheet.max_column} columns: more than "
                                      f"a checklist can hold ({MAX_ROWS} rows, {MAX_COLUMNS} columns)")
            return sheet
        rows = worksheet.iter_rows()
        first = next(rows, None)
        untitled: dict[int, str] = {}
        if first is not None:
            for index, cell in enumerate(first, start=1):
                letter = get_column_letter(index)
                if _blank(cell.value):
                    untitled[index] = letter
                    continue
                header = str(cell.value).strip()
                key = _column_key(header)
                if key in sheet.columns:
                    self.error(Place(sheet.title, 1, letter, header),
                               f"column title repeats column {sheet.columns[key][0]} ({sheet.columns[key][1]})")
                    continue
                sheet.columns[key] = (letter, header)
        letters = {letter: key for key, (letter, _) in sheet.columns.items()}
        for row_cells in rows:
            number = row_cells[0].row if row_cells else 0
            values: dict[str, Any] = {}
            for index, cell in enumerate(row_cells, start=1):
                letter = get_column_letter(index)
                value = self.value(sheet, number, letter, cell)
                if _blank(value):
                    continue
                key = letters.get(letter)
                if key is None:
                    if index in untitled or index > len(first or ()):
                        self.warn(Place(sheet.title, number, letter), "a value under no column title; not imported")
                    continue
                values[key] = value
            if values:
                sheet.rows.append(Row(number, values))
        return sheet

    def value(self, sheet: Sheet, row: int, letter: str, cell) -> Any:
        value = cell.value
        if cell.data_type == "f" or (value is not None and type(value).__name__ in ("ArrayFormula",
                                                                                    "DataTableFormula")):
            header = next((h for k, (l, h) in sheet.columns.items() if l == letter), None)
            self.error(Place(sheet.title, row, letter, header),
                       f"a spreadsheet formula ({str(getattr(value, 'text', value))[:40]}); type the value itself")
            return None
        if cell.data_type == "e":
            header = next((h for k, (l, h) in sheet.columns.items() if l == letter), None)
            self.error(Place(sheet.title, row, letter, header), f"an error value ({value}) in the cell")
            return None
        if isinstance(value, (datetime, date, time)):
            return value.isoformat()
        return value

    # -------------------------------------------------------- cell values
    def text(self, sheet: Sheet, row: Row, key: str) -> str | None:
        value = row.values.get(key)
        if _blank(value):
            return None
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, (int, float)):
            return number_text(value)
        return str(value)

    def code(self, sheet: Sheet, row: Row, key: str, known: tuple[str, ...], what: str) -> str | None:
        text = self.text(sheet, row, key)
        if text is None:
            return None
        text = text.strip()
        if text not in known:
            self.error(sheet.place(row.number, key), f"unknown {what} '{text}' (known: {', '.join(known)})")
            return None
        return text

    def yes(self, sheet: Sheet, row: Row, key: str) -> bool:
        value = row.values.get(key)
        if _blank(value):
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        text = str(value).strip().lower()
        if text in ("yes", "true", "true()", "1", "y", "是"):
            return True
        if text in ("no", "false", "false()", "0", "n", "否"):
            return False
        self.error(sheet.place(row.number, key), f"'{value}' is not yes or no (conditions are not supported here)")
        return False

    def number(self, sheet: Sheet, row: Row, key: str) -> float | None:
        value = row.values.get(key)
        if _blank(value):
            return None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, (int, float)):
            number = float(value)
        else:
            try:
                number = float(str(value).strip())
            except ValueError:
                number = None
        if number is None or not math.isfinite(number):
            self.error(sheet.place(row.number, key), f"'{value}' is not a number")
            return None
        return number

    # ------------------------------------------------------- the sheets
    def languages(self, sheet: Sheet, default_language: str) -> dict[str, dict[str, str]]:
        """For label and hint: which column holds Chinese and which English.
        A column without a language (`label`) is in the default language."""
        found: dict[str, dict[str, str]] = {base: {} for base in LANGUAGE_COLUMNS}
        for key in sheet.columns:
            base, _, language = key.partition("::")
            if base not in found:
                continue
            language = language or default_language
            if language not in ("zh", "en"):
                continue  # reported as a column not imported
            if language in found[base]:
                self.error(sheet.place(1, key), f"a second {base} column in the same language "
                                                f"({sheet.columns[found[base][language]][1]} has it already)")
                continue
            found[base][language] = key
        return found

    def unmapped_columns(self, sheet: Sheet, mapped: set[str]) -> None:
        for key, (letter, header) in sheet.columns.items():
            if key in mapped:
                continue
            rows = [row.number for row in sheet.rows if key in row.values]
            for number in rows:
                self.warn(Place(sheet.title, number, letter, header), "this column is not part of a checklist; "
                                                                      "the value is not imported")

    def settings(self, sheets: dict[str, Sheet]) -> tuple[dict, dict[str, Place], str]:
        """Template fields from the settings sheet, where each came from, and
        the default language."""
        default_id = self.template_id or _id_from(self.path.stem)
        sheet = sheets.get("settings")
        if sheet is None:
            self.warn(Place("settings"), f"no settings sheet: id '{default_id}', a problem checklist, "
                                         "titled by its id")
            return {"id": default_id, "kind": "problem", "title": default_id, "version": 1}, {}, "zh"
        if not sheet.rows:
            self.warn(Place(sheet.title, 2), "the settings sheet is empty: defaults used")
            row = Row(2, {})
        else:
            row = sheet.rows[0]
            for extra in sheet.rows[1:]:
                self.warn(sheet.place(extra.number), "only the first row of settings counts; this row is not "
                                                     "imported")
        language = self.text(sheet, row, "default_language")
        default_language = _language(language) if language else "zh"
        if default_language not in ("zh", "en"):
            self.warn(sheet.place(row.number, "default_language"),
                      f"default language '{language}' is neither Chinese nor English: unlabelled columns are read "
                      "as Chinese")
            default_language = "zh"
        title_key = "form_title"
        title_en_key = "title_en"
        if "form_title::en" in sheet.columns and "title_en" not in sheet.columns:
            title_en_key = "form_title::en"
        if "form_title::zh" in sheet.columns and "form_title" not in sheet.columns:
            title_key = "form_title::zh"
        mapped = {"form_id", title_key, title_en_key, "version", "default_language", "kind", "description",
                  "form_title", "title_en"}
        self.unmapped_columns(Sheet(sheet.title, sheet.columns, [row]), mapped)
        places = {"id": sheet.place(row.number, "form_id"), "title": sheet.place(row.number, title_key),
                  "title_en": sheet.place(row.number, title_en_key), "kind": sheet.place(row.number, "kind"),
                  "description": sheet.place(row.number, "description"),
                  "version": sheet.place(row.number, "version")}
        data: dict[str, Any] = {}
        data["id"] = self.template_id or (self.text(sheet, row, "form_id") or "").strip()
        if not data["id"]:
            data["id"] = default_id
            self.warn(places["id"], f"no form_id: the checklist's id is '{default_id}' (from the file name)")
        data["kind"] = self.code(sheet, row, "kind", KINDS, "kind")
        if data["kind"] is None:
            data["kind"] = "problem"
            if "kind" not in row.values:
                self.warn(places["kind"], "no kind: taken as a problem checklist (问题清单)")
        data["title"] = self.text(sheet, row, title_key)
        if data["title"] is None:
            data["title"] = data["id"]
            self.warn(places["title"], f"no form_title: the checklist is titled '{data['id']}'")
        data["title_en"] = self.text(sheet, row, title_en_key)
        data["description"] = self.text(sheet, row, "description") or ""
        version = row.values.get("version")
        data["version"] = 1
        if not _blank(version):
            number = _whole(version)
            if number is None or not 1 <= number <= MAX_INT:
                self.warn(places["version"], f"version '{version}' is not a whole number; taken as 1 (publishing "
                                             "numbers versions anyway)")
            else:
                data["version"] = number
        return data, places, default_language

    def choices(self, sheet: Sheet | None, default_language: str) -> dict[str, "_ChoiceList"]:
        lists: dict[str, _ChoiceList] = {}
        if sheet is None or not sheet.rows:
            return lists
        labels = self.languages(sheet, default_language)
        for required in ("list_name", "name"):
            if required not in sheet.columns:
                self.error(Place(sheet.title, 1, header=required), f"the choices sheet has no {required} column")
        if "zh" not in labels["label"]:
            self.error(Place(sheet.title, 1, header="label::zh"), "the choices sheet has no (Chinese) label column")
        if self.errors:
            return lists
        mapped = {"list_name", "name", "score", "flag", *labels["label"].values()}
        self.unmapped_columns(sheet, mapped)
        zh, en = labels["label"].get("zh"), labels["label"].get("en")
        for row in sheet.rows:
            list_name = self.text(sheet, row, "list_name")
            name = self.text(sheet, row, "name")
            if list_name is None:
                self.error(sheet.place(row.number, "list_name"), "a choice without a list_name")
                continue
            list_name = list_name.strip()
            choice_list = lists.setdefault(list_name, _ChoiceList(list_name, row.number))
            if name is None:
                self.error(sheet.place(row.number, "name"), f"a choice of list '{list_name}' without a name")
                continue
            name = name.strip()
            if name in choice_list.names:
                self.error(sheet.place(row.number, "name"), f"choice '{name}' appears twice in list '{list_name}' "
                                                            f"(also row {choice_list.names[name]})")
                continue
            choice_list.names[name] = row.number
            label = self.text(sheet, row, zh) if zh else None
            if label is None:
                self.error(sheet.place(row.number, zh), f"choice '{name}' of list '{list_name}' has no label")
            option = {"value": name, "label": label or "", "label_en": self.text(sheet, row, en) if en else None,
                      "score": self.number(sheet, row, "score"), "flag": self.yes(sheet, row, "flag")}
            choice_list.options.append(option)
            choice_list.places.append({"value": sheet.place(row.number, "name"),
                                       "label": sheet.place(row.number, zh),
                                       "label_en": sheet.place(row.number, en or "label::en"),
                                       "score": sheet.place(row.number, "score"),
                                       "flag": sheet.place(row.number, "flag")})
        return lists

    def run(self) -> Imported:
        book = self.open()
        try:
            sheets: dict[str, Sheet] = {}
            for worksheet in book.worksheets:
                key = worksheet.title.strip().lower()
                if key not in ("survey", "choices", "settings"):
                    if worksheet.max_row > 1 or worksheet.max_column > 1 or worksheet.cell(1, 1).value is not None:
                        self.warn(Place(worksheet.title), "not an XLSForm sheet (survey, choices, settings); not "
                                                          "imported")
                    continue
                sheets[key] = self.sheet(worksheet)
        finally:
            book.close()
        if "survey" not in sheets:
            self.error(Place("survey"), "the workbook has no survey sheet (the questions)")
        if self.errors:
            raise self.refuse()
        settings, settings_places, default_language = self.settings(sheets)
        lists = self.choices(sheets.get("choices"), default_language)
        if self.errors:
            raise self.refuse()
        survey = _Survey(self, sheets["survey"], lists, default_language, sheets.get("choices") is not None)
        sections = survey.read()
        if not self.errors:
            for name, choice_list in lists.items():
                if not choice_list.used:
                    self.warn(Place(sheets["choices"].title, choice_list.first_row,
                                    *sheets["choices"].columns.get("list_name", (None, None))),
                              f"list '{name}' is used by no question; not imported")
        if self.errors:
            raise self.refuse()
        data = dict(settings, sections=sections)
        try:
            template = ChecklistTemplate.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                self.error(survey.locate(tuple(error["loc"]), settings_places),
                           _model_message(error))
            raise self.refuse() from None
        return Imported(template, self.warnings)


@dataclass
class _ChoiceList:
    name: str
    first_row: int
    options: list[dict] = field(default_factory=list)
    places: list[dict[str, Place]] = field(default_factory=list)
    names: dict[str, int] = field(default_factory=dict)
    used: bool = False

    def is_pass_fail(self) -> bool:
        return (sorted(o["value"] for o in self.options) == sorted(PASS_FAIL_VALUES)
                and all(o["score"] is None and not o["flag"] for o in self.options))


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _id_from(stem: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")[:64]
    return cleaned or "checklist"


def _model_message(error: dict) -> str:
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and error["type"] != "missing":
        return f"{message} (found '{value}')"
    return message


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


class _Survey:
    """The survey sheet: groups into sections, questions into items."""

    def __init__(self, reading: _Reading, sheet: Sheet, lists: dict[str, _ChoiceList], default_language: str,
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
                reading.error(Place(sheet.title, 1, header=required), f"the survey sheet has no {required} column")
        if "zh" not in self.labels["label"]:
            reading.error(Place(sheet.title, 1, header="label::zh"), "the survey sheet has no (Chinese) label "
                                                                     "column")
        if reading.errors:
            return []
        mapped = {"type", "name", "required", "relevant", "constraint", "appearance", "answer", "unit", "step",
                  "scenario", "evidence", "max_score", "veto", "problem_category", "innovation_category", "applies",
                  *self.labels["label"].values(), *self.labels["hint"].values()}
        reading.unmapped_columns(sheet, mapped)

        sections: list[dict] = []
        project: int | None = None  # row of the open project group (see the module's docstring)
        group: dict | None = None  # the open begin_group
        loose: dict | None = None  # questions outside any group gather in a section of their own
        notes: list[tuple[int, str | None, str | None]] = []
        section_ids: dict[str, int] = {}
        item_ids: dict[str, int] = {}

        def flush_notes(reason: str) -> None:
            for number, _, _ in notes:
                reading.warn(sheet.place(number, self.col("label", "zh")), f"note not imported: {reason}")
            notes.clear()

        def close(section: dict | None, row_number: int | None = None) -> None:
            if section is None:
                return
            if not section["items"]:
                reading.error(section["_place"], f"group '{section['id']}' holds no question")
            section.pop("_place")

        for row in sheet.rows:
            type_text = reading.text(sheet, row, "type")
            if type_text is None:
                reading.error(sheet.place(row.number, "type"), "a row with values but no type")
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
                    reading.error(sheet.place(row.number, "name"), f"the group '{PROJECT_GROUP}' (row {project}) "
                                                                   "holds only the project's attributes "
                                                                   f"({', '.join(PROJECT_FIELDS)}, scenario_…); "
                                                                   "put questions in another group")
                continue
            if kind == "begin_group" and name == PROJECT_GROUP and group is None:
                flush_notes("no question follows it in its group")
                close(loose)
                loose = None
                project = row.number
                continue

            if kind == "begin_group":
                flush_notes("no question follows it in its group")
                if group is not None:
                    reading.error(sheet.place(row.number, "type"), f"a group inside group '{group['id']}': "
                                                                   "checklist sections do not nest")
                    continue
                close(loose)
                loose = None
                if not _ITEM_ID.match(name):
                    reading.error(sheet.place(row.number, "name"), _bad_name(name, "group"))
                elif name in section_ids:
                    reading.error(sheet.place(row.number, "name"), f"group name '{name}' used twice (also row "
                                                                   f"{section_ids[name]})")
                else:
                    section_ids[name] = row.number
                title = reading.text(sheet, row, self.col("label", "zh"))
                if title is None:
                    title = name
                    reading.warn(sheet.place(row.number, self.col("label", "zh")),
                                 f"group without a label: titled '{name}'")
                for key in ("relevant", "required", "constraint", "applies"):
                    if key in row.values:
                        reading.error(sheet.place(row.number, key), f"{key} on a group is not supported; put it on "
                                                                    "the group's questions")
                scenario = reading.code(sheet, row, "scenario", SCENARIOS, "scenario")
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
                flush_notes("no question follows it in its group")
                if group is None:
                    reading.error(sheet.place(row.number, "type"), "end_group without a begin_group")
                    continue
                group.pop("_scenario")
                close(group)
                group = None
                continue
            if kind == "note":
                notes.append((row.number, reading.text(sheet, row, self.col("label", "zh")),
                              reading.text(sheet, row, self.col("label", "en"))))
                continue
            if kind in METADATA_TYPES:
                reading.warn(sheet.place(row.number, "type"), f"'{kind}' records how a form was filled in; a "
                                                              "checklist has no use for it; not imported")
                continue
            if kind not in QUESTION_TYPES and kind != "select_one":
                if kind in UNSUPPORTED_TYPES or kind.split()[0] in UNSUPPORTED_TYPES or kind.endswith("or_other"):
                    reading.error(sheet.place(row.number, "type"), f"type '{type_text.strip()}' cannot be a checklist "
                                                                   "item (use select_one, text, integer, decimal or "
                                                                   "date)")
                else:
                    reading.error(sheet.place(row.number, "type"), f"unknown type '{type_text.strip()}'")
                continue

            # a question
            if group is None and loose is None:
                loose_id = "section"
                suffix = 1
                while loose_id in section_ids:
                    suffix += 1
                    loose_id = f"section-{suffix}"
                section_ids[loose_id] = row.number
                reading.warn(sheet.place(row.number, "type"), f"questions outside any group: put in a section "
                                                              f"'{loose_id}'")
                loose = {"id": loose_id, "title": loose_id, "title_en": None, "items": [],
                         "_place": sheet.place(row.number, "type"), "_scenario": None}
                sections.append(loose)
                here = sheet.place(row.number, "type")
                self.section_places.append({"id": here, "title": here, "title_en": here, "items": here})
                self.item_places.append([])
            section = group if group is not None else loose
            if not _ITEM_ID.match(name):
                reading.error(sheet.place(row.number, "name"), _bad_name(name, "question"))
            elif name in item_ids:
                reading.error(sheet.place(row.number, "name"), f"question name '{name}' used twice (also row "
                                                               f"{item_ids[name]})")
            else:
                item_ids[name] = row.number
            item, places = self.item(row, kind, list_name, name, section["_scenario"], notes)
            notes.clear()
            section["items"].append(item)
            self.item_places[-1].append(places)

        flush_notes("no question follows it in its group")
        if project is not None:
            reading.error(sheet.place(project, "name"), f"group '{PROJECT_GROUP}' is never closed (end_group "
                                                        "missing)")
        if group is not None:
            reading.error(group["_place"], f"group '{group['id']}' is never closed (end_group missing)")
            group.pop("_place", None)
        if loose is not None:
            close(loose)
        for section in sections:
            section.pop("_scenario", None)
            section.pop("_place", None)
        if not sections and not reading.errors:
            reading.error(Place(sheet.title, 2), "the survey sheet holds no question")
        return sections

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
            "answer.integer": at("type"), "answer.multiline": at("appearance"), "options": [],
        }
        prompt = reading.text(sheet, row, zh_label)
        if prompt is None:
            reading.error(at(zh_label), f"question '{name}' has no (Chinese) label")
        guidance = [text for _, text, _ in notes if text] + [reading.text(sheet, row, zh_hint) or ""]
        guidance_en = [text for _, _, text in notes if text] + [reading.text(sheet, row, en_hint) or ""]
        for number, _, _ in notes:
            reading.warn(sheet.place(number, zh_label), f"note read as guidance of question '{name}'")

        scenario = reading.code(sheet, row, "scenario", SCENARIOS, "scenario")
        if scenario is None and "scenario" not in row.values:
            scenario = group_scenario
            if scenario is None:
                scenario = DEFAULT_SCENARIO
                reading.warn(at("scenario"), f"no scenario: '{DEFAULT_SCENARIO}' (通用)")
        evidence = []
        for code in (reading.text(sheet, row, "evidence") or "").replace(",", " ").split():
            if code not in EVIDENCE:
                reading.error(at("evidence"), f"unknown evidence type '{code}' (known: {', '.join(EVIDENCE)})")
            elif code not in evidence:
                evidence.append(code)

        applies: Any = {}
        relevant = reading.text(sheet, row, "relevant")
        applies_json = reading.text(sheet, row, "applies")
        if relevant is not None and applies_json is not None:
            reading.error(at("applies"), "give either relevant or applies, not both")
        elif relevant is not None:
            try:
                applies = parse_relevant(relevant).model_dump()
            except ExpressionError as exc:
                reading.error(at("relevant"), f"cannot use this relevant expression: {exc}")
        elif applies_json is not None:
            places["applies"] = at("applies")
            try:
                applies = Applicability.model_validate_json(applies_json).model_dump()
            except ValidationError as exc:
                reading.error(at("applies"), f"not an applicability rule: {exc.errors()[0]['msg']}")

        answer = self.answer(row, kind, list_name, name, places)
        item = {
            "id": name, "prompt": prompt or "", "prompt_en": reading.text(sheet, row, en_label),
            "guidance": "\n".join(part for part in guidance if part),
            "guidance_en": "\n".join(part for part in guidance_en if part) or None,
            "scenario": scenario or DEFAULT_SCENARIO, "evidence": evidence, "answer": answer,
            "required": reading.yes(sheet, row, "required"), "applies": applies,
            "max_score": reading.number(sheet, row, "max_score"), "veto": reading.yes(sheet, row, "veto"),
            "problem_category": reading.code(sheet, row, "problem_category", PROBLEM_CATEGORIES, "problem category"),
            "innovation_category": reading.code(sheet, row, "innovation_category", INNOVATION_CATEGORIES,
                                                "innovation category"),
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
            reading.error(at("answer"), f"answer '{declared}' does not fit type {kind} (it can be: "
                                        f"{', '.join(fits)})")
            declared = None
        unused = {"select_one": ("constraint", "unit", "step", "appearance"), "text": ("constraint", "unit", "step"),
                  "date": ("constraint", "unit", "step", "appearance")}.get(kind, ("appearance",))
        if kind in ("integer", "decimal") and declared == "score":
            unused = ("unit", "appearance")
        elif kind in ("integer", "decimal"):
            unused = ("step", "appearance")
        for key in unused:
            if key in row.values:
                reading.warn(at(key), f"not used by a {declared or kind} question; not imported")

        if kind == "select_one":
            if list_name is None:
                reading.error(at("type"), "select_one needs the name of its list (select_one list_name)")
                return {"type": "single_choice", "options": []}
            if not self.have_choices:
                reading.error(Place("choices"), f"the workbook has no choices sheet, but row {row.number} of "
                                                f"{sheet.title} uses list '{list_name}'")
                return {"type": "single_choice", "options": []}
            choice_list = self.lists.get(list_name)
            if choice_list is None:
                reading.error(at("type"), f"list '{list_name}' is not in the choices sheet")
                return {"type": "single_choice", "options": []}
            choice_list.used = True
            if declared == "pass_fail" or (declared is None and list_name == PASS_FAIL_LIST
                                           and choice_list.is_pass_fail()):
                if not choice_list.is_pass_fail():
                    reading.error(at("answer"), f"a pass/fail answer needs a list of pass, fail and na; "
                                                f"'{list_name}' is not one")
                return {"type": "pass_fail"}
            if len(choice_list.options) < 2:
                reading.error(at("type"), f"list '{list_name}' has {len(choice_list.options)} choice(s); a "
                                          "question needs at least 2")
            places["options"] = choice_list.places
            return {"type": "single_choice", "options": [dict(option) for option in choice_list.options]}
        if kind in ("integer", "decimal"):
            low = high = None
            constraint = reading.text(sheet, row, "constraint")
            if constraint is not None:
                try:
                    low, high = parse_constraint(constraint)
                except ExpressionError as exc:
                    reading.error(at("constraint"), f"cannot use this constraint: {exc}")
            if declared == "score":
                if high is None:
                    reading.error(at("constraint"), "a score needs its maximum, e.g. '. >= 0 and . <= 10'")
                step = reading.number(sheet, row, "step")
                if step is None and kind == "integer":
                    step = 1.0  # an integer score moves in whole points
                return {"type": "score", "min": 0.0 if low is None else low, "max": high, "step": step}
            unit = reading.text(sheet, row, "unit")
            if unit is None:
                unit = NO_UNIT
                reading.warn(at("unit"), f"no unit: '{NO_UNIT}'")
            return {"type": "number", "unit": unit.strip(), "min": low, "max": high, "integer": kind == "integer"}
        if kind == "text":
            appearance = (reading.text(sheet, row, "appearance") or "").strip().lower()
            if appearance and appearance != "multiline":
                reading.warn(at("appearance"), f"appearance '{appearance}' means nothing to a checklist; not "
                                               "imported")
            return {"type": "text", "multiline": appearance == "multiline"}
        return {"type": "date"}


def _bad_name(name: str, what: str) -> str:
    if not name:
        return f"a {what} without a name"
    return (f"{what} name '{name}' must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or "
            "digit")


def read_xlsform(path: Path | str, *, template_id: str | None = None) -> Imported:
    """The checklist a workbook holds, with the warnings about what was
    defaulted or left out. Raises SpreadsheetRefused listing every problem;
    reading never changes anything."""
    return _Reading(Path(path), template_id).run()


def grouped_lines(findings: list[Finding], file: str | Path) -> list[str]:
    """Findings as lines, those saying the same about one column gathered into
    one line with their rows ("rows 3–8, 12"): a plain XLSForm of a hundred
    questions gets one line about the missing scenario column, not a hundred."""
    groups: dict[tuple, list[int]] = {}
    for finding in findings:
        place = finding.place
        if place is None or place.row is None:
            groups.setdefault((place, finding.message), [])
            continue
        key = (Place(place.sheet, None, place.column, place.header), finding.message)
        groups.setdefault(key, []).append(place.row)
    lines = []
    for (place, message), rows in groups.items():
        if place is None:
            lines.append(Finding(None, message).line(file))
            continue
        parts = [f"sheet {place.sheet}"]
        if rows:
            parts.append(("row " if len(rows) == 1 else "rows ") + _ranges(rows))
        if place.column is not None:
            parts.append(f"column {place.column}" + (f" ({place.header})" if place.header else ""))
        elif place.header is not None:
            parts.append(f"column {place.header}")
        lines.append(f"{file}: {', '.join(parts)}: {' '.join(message.split())}")
    return lines


def _ranges(rows: list[int]) -> str:
    rows = sorted(set(rows))
    spans: list[list[int]] = []
    for row in rows:
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
