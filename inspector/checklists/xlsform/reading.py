"""Reading a workbook into a template: every problem found, or the template
with what was defaulted or left out."""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from inspector.models import ChecklistTemplate
from inspector.models.base import MAX_INT

from ..expressions import number_text
from .findings import Finding, Imported, ModelProblem, Place, SpreadsheetRefused
from .layout import (KINDS, LANGUAGE_COLUMNS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_PART_BYTES, MAX_ROWS,
                     MAX_UNPACKED_BYTES)
from .sheets import ChoiceList, Row, Sheet, blank, column_key, language_code
from .survey import Survey


class Reading:
    """One pass over a workbook, collecting errors and warnings as it goes."""

    def __init__(self, path: Path, template_id: str | None) -> None:
        self.path = path
        self.template_id = template_id
        self.errors: list[Finding] = []
        self.warnings: list[Finding] = []

    # ------------------------------------------------------------ helpers
    def error(self, place: Place | None, key: str, /, **params: object) -> None:
        self.errors.append(Finding.of(place, key, **params))

    def warn(self, place: Place | None, key: str, /, **params: object) -> None:
        finding = Finding.of(place, key, **params)
        if finding not in self.warnings:  # a cell read twice is warned about once
            self.warnings.append(finding)

    def refuse(self) -> SpreadsheetRefused:
        return SpreadsheetRefused(self.path, self.errors)

    # --------------------------------------------------------- the file
    def open(self):
        """The workbook, opened read-only from its bytes once its sizes are
        checked: the zip's declared sizes first (zipfile stops at them), so a
        workbook that unpacks to hundreds of MB is refused before anything is
        parsed."""
        from openpyxl import load_workbook

        path = self.path
        try:
            size = path.stat().st_size
        except OSError as exc:
            self.error(None, "file_unreadable", error=exc)
            raise self.refuse() from None
        if size > MAX_FILE_BYTES:
            self.error(None, "file_too_big", size=_mb(size), limit=_mb(MAX_FILE_BYTES))
            raise self.refuse()
        try:
            # Read whole (it is small): nothing keeps the file open, so Windows
            # can still move or delete it while the workbook is being read.
            data = path.read_bytes()
        except OSError as exc:
            self.error(None, "file_unreadable", error=exc)
            raise self.refuse() from None
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                parts = [(info.filename, info.file_size) for info in archive.infolist()]
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            self.error(None, "not_xlsx")
            raise self.refuse() from None
        for name, unpacked in parts:
            if name.lower().endswith((".xml", ".rels")) and unpacked > MAX_PART_BYTES:
                self.error(None, "part_too_big", part=name, size=_mb(unpacked), limit=_mb(MAX_PART_BYTES))
        total = sum(unpacked for _, unpacked in parts)
        if total > MAX_UNPACKED_BYTES:
            self.error(None, "unpacked_too_big", size=_mb(total), limit=_mb(MAX_UNPACKED_BYTES))
        if self.errors:
            raise self.refuse()
        try:
            return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        except Exception:  # noqa: BLE001 - whatever openpyxl chokes on, the file is what is wrong
            self.error(None, "xlsx_unreadable")
            raise self.refuse() from None

    def cells(self, book, worksheet, sheet: Sheet):
        """(row number, cells) of each row the sheet's XML holds, each cell a
        dict (column, value, data_type); then the merged ranges are checked.

        openpyxl's own iter_rows pads every row to the dimension the file
        declares, which may be XFD1048576 whatever it holds; its parser yields
        only the cells that are there. (openpyxl < 4 is pinned.)"""
        from openpyxl.worksheet._reader import WorkSheetParser

        parser = None
        try:
            with worksheet._get_source() as source:
                parser = WorkSheetParser(source, worksheet._shared_strings, data_only=False, epoch=book.epoch,
                                         date_formats=book._date_formats,
                                         timedelta_formats=book._timedelta_formats)
                for number, cells in parser.parse():
                    yield number, cells
        except GeneratorExit:
            raise
        except Exception:  # noqa: BLE001 - a cell openpyxl cannot make sense of: the file is wrong
            self.error(Place(sheet.title), "sheet_unreadable")
            return
        self.merged(sheet, parser.merged_cells)

    def merged(self, sheet: Sheet, merged) -> None:
        """Merged cells show one value over several, but only the first holds
        it: read as they are, the others would be blank. Refused where a value
        is merged (a merge of blank cells is only formatting)."""
        from openpyxl.utils.cell import range_boundaries

        if merged is None:
            return
        for cell_range in merged.mergeCell:
            try:
                min_col, min_row, max_col, max_row = range_boundaries(cell_range.ref)
            except (TypeError, ValueError):
                continue
            if (min_row, min_col) in sheet.filled and (max_col > min_col or max_row > min_row):
                letter, header = _letter(min_col), sheet.header_of(_letter(min_col))
                self.error(Place(sheet.title, min_row, letter, header), "merged", cells=str(cell_range.ref))

    def has_values(self, book, worksheet) -> bool:
        sheet = Sheet(worksheet.title)
        for _, cells in self.cells(book, worksheet, sheet):
            if any(not blank(cell["value"]) for cell in cells):
                return True
        return False

    def sheet(self, book, worksheet) -> Sheet:
        sheet = Sheet(worksheet.title)
        letters: dict[str, str] = {}
        held = 0
        for number, cells in self.cells(book, worksheet, sheet):
            if number == 1:
                for cell in cells:
                    letter = _letter(cell["column"])
                    if blank(cell["value"]) or cell["column"] > MAX_COLUMNS:
                        continue
                    header = str(cell["value"]).strip()
                    sheet.filled.add((1, cell["column"]))
                    key = column_key(header)
                    if key in sheet.columns:
                        self.error(Place(sheet.title, 1, letter, header), "header_twice",
                                   column=sheet.columns[key][0], header=sheet.columns[key][1])
                        continue
                    sheet.columns[key] = (letter, header)
                letters = {letter: key for key, (letter, _) in sheet.columns.items()}
            values: dict[str, Any] = {}
            for cell in cells:
                if blank(cell["value"]):
                    continue
                letter = _letter(cell["column"])
                if cell["column"] > MAX_COLUMNS:
                    self.error(Place(sheet.title, number, letter), "beyond_columns", column=letter,
                               limit=MAX_COLUMNS)
                    return sheet
                if number == 1:
                    continue
                sheet.filled.add((number, cell["column"]))
                value = self.value(sheet, number, letter, cell)
                if blank(value):
                    continue
                key = letters.get(letter)
                if key is None:
                    self.warn(Place(sheet.title, number, letter), "no_header")
                    continue
                values[key] = value
            if values or (number == 1 and sheet.columns):
                held += 1
                if held > MAX_ROWS:
                    self.error(Place(sheet.title, number), "too_many_rows", limit=MAX_ROWS)
                    return sheet
            if values:
                sheet.rows.append(Row(number, values))
        return sheet

    def value(self, sheet: Sheet, row: int, letter: str, cell: dict) -> Any:
        value = cell["value"]
        if cell["data_type"] == "f" or (value is not None and type(value).__name__ in ("ArrayFormula",
                                                                                       "DataTableFormula")):
            self.error(Place(sheet.title, row, letter, sheet.header_of(letter)), "formula",
                       formula=str(getattr(value, "text", value))[:40])
            return None
        if cell["data_type"] == "e":
            self.error(Place(sheet.title, row, letter, sheet.header_of(letter)), "error_value", value=str(value))
            return None
        return value

    # -------------------------------------------------------- cell values
    def text(self, sheet: Sheet, row: Row, key: str) -> str | None:
        value = row.values.get(key)
        if blank(value):
            return None
        if isinstance(value, bool):
            # Typed TRUE, Excel keeps a yes/no value, and shows it as TRUE.
            text = "TRUE" if value else "FALSE"
            self.warn(sheet.place(row.number, key), "bool_as_text", text=text)
            return text
        if isinstance(value, (int, float)):
            return number_text(value)
        if isinstance(value, (datetime, date, time, timedelta)):
            # Typed 1/2 or 2024-1-2, Excel keeps a date, shown however the cell's format says.
            if isinstance(value, datetime) and value.time() == time(0):
                value = value.date()
            text = value.isoformat() if not isinstance(value, timedelta) else str(value)
            self.warn(sheet.place(row.number, key), "date_as_text", text=text)
            return text
        return str(value)

    def code(self, sheet: Sheet, row: Row, key: str, known: tuple[str, ...], what: str,
             vocabulary: str) -> str | None:
        text = self.text(sheet, row, key)
        if text is None:
            return None
        text = text.strip()
        if text not in known:
            self.error(sheet.place(row.number, key), "unknown_code", what=what, value=text, known=tuple(known),
                       vocabulary=vocabulary)
            return None
        return text

    def yes(self, sheet: Sheet, row: Row, key: str) -> bool:
        value = row.values.get(key)
        if blank(value):
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
        self.error(sheet.place(row.number, key), "not_yes_no", value=str(value))
        return False

    def number(self, sheet: Sheet, row: Row, key: str) -> float | None:
        value = row.values.get(key)
        if blank(value):
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
            self.error(sheet.place(row.number, key), "not_number", value=str(value))
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
                self.error(sheet.place(1, key), "language_twice", column=base,
                           other=sheet.columns[found[base][language]][1])
                continue
            found[base][language] = key
        return found

    def unmapped_columns(self, sheet: Sheet, mapped: set[str]) -> None:
        for key, (letter, header) in sheet.columns.items():
            if key in mapped:
                continue
            rows = [row.number for row in sheet.rows if key in row.values]
            for number in rows:
                self.warn(Place(sheet.title, number, letter, header), "column_not_imported")

    def settings(self, sheets: dict[str, Sheet]) -> tuple[dict, dict[str, Place], str]:
        """Template fields from the settings sheet, where each came from, and
        the default language."""
        default_id = self.template_id or _id_from(self.path.stem)
        sheet = sheets.get("settings")
        if sheet is None:
            self.warn(Place("settings"), "no_settings", id=default_id)
            return {"id": default_id, "kind": "problem", "title": default_id, "version": 1}, {}, "zh"
        if not sheet.rows:
            self.warn(Place(sheet.title, 2), "settings_empty")
            row = Row(2, {})
        else:
            row = sheet.rows[0]
            for extra in sheet.rows[1:]:
                self.warn(sheet.place(extra.number), "settings_extra_row")
        language = self.text(sheet, row, "default_language")
        default_language = language_code(language) if language else "zh"
        if default_language not in ("zh", "en"):
            self.warn(sheet.place(row.number, "default_language"), "language_unknown", language=language)
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
            self.warn(places["id"], "no_form_id", id=default_id)
        data["kind"] = self.code(sheet, row, "kind", KINDS, "kind", "ChecklistKind")
        if data["kind"] is None:
            data["kind"] = "problem"
            if "kind" not in row.values:
                self.warn(places["kind"], "no_kind")
        data["title"] = self.text(sheet, row, title_key)
        if data["title"] is None:
            data["title"] = data["id"]
            self.warn(places["title"], "no_form_title", id=data["id"])
        data["title_en"] = self.text(sheet, row, title_en_key)
        data["description"] = self.text(sheet, row, "description") or ""
        version = row.values.get("version")
        data["version"] = 1
        if not blank(version):
            number = _whole(version)
            if number is None or not 1 <= number <= MAX_INT:
                self.warn(places["version"], "version_not_whole", value=str(version))
            else:
                data["version"] = number
        return data, places, default_language

    def choices(self, sheet: Sheet | None, default_language: str) -> dict[str, "ChoiceList"]:
        lists: dict[str, ChoiceList] = {}
        if sheet is None or not sheet.rows:
            return lists
        labels = self.languages(sheet, default_language)
        for required in ("list_name", "name"):
            if required not in sheet.columns:
                self.error(Place(sheet.title, 1, header=required), "choices_no_column", column=required)
        if "zh" not in labels["label"]:
            self.error(Place(sheet.title, 1, header="label::zh"), "choices_no_label")
        if self.errors:
            return lists
        mapped = {"list_name", "name", "score", "flag", *labels["label"].values()}
        self.unmapped_columns(sheet, mapped)
        zh, en = labels["label"].get("zh"), labels["label"].get("en")
        for row in sheet.rows:
            list_name = self.text(sheet, row, "list_name")
            name = self.text(sheet, row, "name")
            if list_name is None:
                self.error(sheet.place(row.number, "list_name"), "choice_no_list")
                continue
            list_name = list_name.strip()
            choice_list = lists.setdefault(list_name, ChoiceList(list_name, row.number))
            if name is None:
                self.error(sheet.place(row.number, "name"), "choice_no_name", list=list_name)
                continue
            name = name.strip()
            if name in choice_list.names:
                self.error(sheet.place(row.number, "name"), "choice_twice", name=name, list=list_name,
                           row=choice_list.names[name])
                continue
            choice_list.names[name] = row.number
            label = self.text(sheet, row, zh) if zh else None
            if label is None:
                self.error(sheet.place(row.number, zh), "choice_no_label", name=name, list=list_name)
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
                    if self.has_values(book, worksheet):
                        self.warn(Place(worksheet.title), "sheet_not_xlsform")
                    continue
                if key in sheets:
                    # 'survey ' and 'survey' look the same on their tabs; reading
                    # one and dropping the other would lose its questions unseen.
                    self.error(Place(worksheet.title), "sheet_twice", first=sheets[key].title, second=worksheet.title,
                               kind=key)
                    continue
                sheets[key] = self.sheet(book, worksheet)
        finally:
            book.close()
        if "survey" not in sheets:
            self.error(Place("survey"), "no_survey")
        if self.errors:
            raise self.refuse()
        settings, settings_places, default_language = self.settings(sheets)
        lists = self.choices(sheets.get("choices"), default_language)
        if self.errors:
            raise self.refuse()
        survey = Survey(self, sheets["survey"], lists, default_language, sheets.get("choices") is not None)
        sections = survey.read()
        if not self.errors:
            for name, choice_list in lists.items():
                if not choice_list.used:
                    self.warn(Place(sheets["choices"].title, choice_list.first_row,
                                    *sheets["choices"].columns.get("list_name", (None, None))),
                              "list_unused", list=name)
        if self.errors:
            raise self.refuse()
        data = dict(settings, sections=sections)
        try:
            template = ChecklistTemplate.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                self.error(survey.locate(tuple(error["loc"]), settings_places), "model", problem=ModelProblem(error))
            raise self.refuse() from None
        return Imported(template, self.warnings)


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column) if 1 <= column <= 18278 else f"#{column}"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size < 10 * 1024 * 1024 else f"{size // (1024 * 1024)} MB"


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


def read_xlsform(path: Path | str, *, template_id: str | None = None) -> Imported:
    """The checklist a workbook holds, with the warnings about what was
    defaulted or left out. Raises SpreadsheetRefused listing every problem;
    reading never changes anything."""
    return Reading(Path(path), template_id).run()
