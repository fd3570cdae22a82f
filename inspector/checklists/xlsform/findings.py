"""What reading a workbook found: errors and warnings, each at a sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from inspector.i18n import labels, t
from inspector.i18n.said import Said
from inspector.models import ChecklistTemplate
from inspector.models.base import CUSTOM_ERRORS


@dataclass(frozen=True)
class Place:
    """Where in the workbook: a sheet, and when known a row and a column."""

    sheet: str
    row: int | None = None
    column: str | None = None  # the letter, as the spreadsheet shows it
    header: str | None = None  # the column's title

    def __str__(self) -> str:
        return self.say("en")

    def say(self, lang: str, rows: list[int] | None = None) -> str:
        """工作表 survey 第 12 行 C 列（label::zh） / sheet survey, row 12, column C (label::zh);
        `rows` several rows at once (第 3–8、12 行)."""
        parts = [t("xlsform.at_sheet", lang, sheet=self.sheet)]
        if rows:
            parts.append(t("xlsform.at_row" if len(rows) == 1 else "xlsform.at_rows", lang,
                           row=_ranges(rows, t("xlsform.rows_sep", lang))))
        elif self.row is not None:
            parts.append(t("xlsform.at_row", lang, row=self.row))
        if self.column is not None:
            parts.append(t("xlsform.at_column_titled" if self.header else "xlsform.at_column", lang,
                           column=self.column, header=self.header))
        elif self.header is not None:  # a column the sheet does not have: by the title it should have
            parts.append(t("xlsform.at_header", lang, header=self.header))
        return t("xlsform.at_sep", lang).join(parts)


class ModelProblem:
    """A checklist rule the workbook breaks, as the model found it (a pydantic
    error): said like the editor says it, or by its type (i18n/validation.py)."""

    def __init__(self, error: dict) -> None:
        self.error = error

    def say(self, lang: str) -> str:
        from inspector.i18n.validation import explain, quoted

        from ..validation import Problem, _model_rule
        from ..wording import problem_message

        error = self.error
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        code, params = error.get("type", ""), {k: v for k, v in (error.get("ctx") or {}).items()
                                                if isinstance(v, (str, int, float))}
        if code == "value_error" or code in CUSTOM_ERRORS:
            code, params, _ = _model_rule(message, (), None)
        said = problem_message(Problem(None, None, "", "", "", code, params), lang) if code else ""
        if not said:
            return explain(error, lang)
        value = error.get("input")
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and error.get("type") != "missing":
            said += t("xlsform.found_value", lang, value=quoted(value))
        return said


def _said(value: object, lang: str) -> object:
    if isinstance(value, OSError):
        from inspector.i18n.said import os_error

        return os_error(value, lang)
    if isinstance(value, (Said, ModelProblem)):
        return value.say(lang)
    if isinstance(value, tuple):  # codes, as written
        return t("xlsform.list_sep", lang).join(str(v) for v in value)
    return value


@dataclass(frozen=True)
class Finding:
    """An error or a warning: i18n key `xlsform.<key>` and its values.
    `place` None: the file as a whole. `message` is English, for logs."""

    place: Place | None
    key: str
    params: tuple = ()  # (name, value) pairs: a Finding is compared and grouped

    @classmethod
    def of(cls, place: Place | None, key: str, /, **params: object) -> "Finding":
        return cls(place, key, tuple(sorted(params.items())))

    def text(self, lang: str) -> str:
        params = dict(self.params)
        words = labels(params.pop("vocabulary"), lang) if "vocabulary" in params else {}
        if words and isinstance(params.get("known"), tuple):  # codes with their names (zh)
            params["known"] = t("xlsform.list_sep", lang).join(
                t("xlsform.code_named", lang, code=code, name=words[code]) if code in words else code
                for code in params["known"])
        if "what" in params:
            params["what"] = t(f"xlsform.what.{params['what']}", lang)
        return t(f"xlsform.{self.key}", lang, **{k: _said(v, lang) for k, v in params.items()})

    @property
    def message(self) -> str:
        return self.text("en")

    def line(self, file: str | Path, lang: str = "en") -> str:
        text = " ".join(self.text(lang).split())  # one line, whatever a cell held
        if self.place is None:
            return t("xlsform.line_file", lang, file=file, message=text)
        return t("xlsform.line", lang, file=file, where=self.place.say(lang), message=text)


class SpreadsheetRefused(Exception):
    """The workbook was refused; `errors` lists every problem found."""

    def __init__(self, file: str | Path, errors: list[Finding]) -> None:
        self.file = str(file)
        self.errors = errors
        super().__init__(self.lines()[0] if errors else self.file)

    def lines(self, lang: str = "en") -> list[str]:
        return [error.line(self.file, lang) for error in self.errors]


@dataclass(frozen=True)
class Imported:
    template: ChecklistTemplate
    warnings: list[Finding]


def grouped_lines(findings: list[Finding], file: str | Path, lang: str = "en") -> list[str]:
    """Findings as lines, those saying the same about one column gathered into
    one line with their rows ("rows 3–8, 12"): a plain XLSForm of a hundred
    questions gets one line about the missing scenario column, not a hundred."""
    groups: dict[tuple, list[int]] = {}
    first: dict[tuple, Finding] = {}
    for finding in findings:
        place = finding.place
        if place is None or place.row is None:
            key = (place, finding.key, finding.params)
            groups.setdefault(key, [])
        else:
            key = (Place(place.sheet, None, place.column, place.header), finding.key, finding.params)
            groups.setdefault(key, []).append(place.row)
        first.setdefault(key, finding)
    lines = []
    for key, rows in groups.items():
        place, text = key[0], " ".join(first[key].text(lang).split())
        if place is None:
            lines.append(t("xlsform.line_file", lang, file=file, message=text))
        else:
            lines.append(t("xlsform.line", lang, file=file, where=place.say(lang, rows), message=text))
    return lines


def _ranges(rows: list[int], sep: str = ", ") -> str:
    rows = sorted(set(rows))
    spans: list[list[int]] = []
    for row in rows:
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return sep.join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
