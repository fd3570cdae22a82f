"""What the office hands out: its projects and its checklist template versions,
imported from files into the office database.

Each file is checked whole before anything is stored and stored in one
transaction: a refused file changes nothing. Refusals name the file, the row
or record, and the column or field, like `inspector load` does.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from inspector.assignment.errors import InputFileError, describe, field_path
from inspector.i18n.said import Explained
from inspector.assignment.reader import decode_text, json_or_refuse, read_bounded
from inspector.i18n import t
from inspector.models import ChecklistTemplate, Project

from . import audit
from .names import choices, normal, rural_value, vocabulary_code
from inspector.store.transaction import immediate


@dataclass(frozen=True)
class Imported:
    file: str
    new: int
    updated: int
    unchanged: int


# -- projects -------------------------------------------------------------------

# CSV columns that are not top-level Project fields: the nested contact and
# location, flattened so a spreadsheet can hold them.
NESTED_COLUMNS = {
    "contact_name": ("contact", "name"),
    "contact_phone": ("contact", "phone"),
    "address": ("location", "address"),
    "lat": ("location", "lat"),
    "lon": ("location", "lon"),
}
FLAT_FIELDS = [name for name in Project.model_fields if name not in ("contact", "location")]
CSV_COLUMNS = FLAT_FIELDS + list(NESTED_COLUMNS)
# The Chinese headers offices write, for each column (the first is the one the
# sample fixtures/projects.csv and the README use). A header may be the column's
# code or any of these, whatever its case, spaces or full-width brackets.
CHINESE_HEADERS = {
    "code": ("项目编号", "编号", "项目代码"),
    "name": ("项目名称", "名称", "社区名称"),
    "city": ("城市", "设区市", "地市"),
    "district": ("区县", "县（市、区）", "县市区"),
    "creation_type": ("创建类型", "类型"),
    "orientation": ("导向", "创建导向"),
    "batch": ("批次",),
    "rural": ("乡村", "是否乡村", "城乡"),
    "scenarios": ("场景",),
    # 实施主体 is the project's; 责任单位 is the unit that must fix a problem, but
    # older sheets used it (and 牵头单位) for this column, so both still read.
    "lead_unit": ("实施主体", "牵头单位", "责任单位"),
    "contact_name": ("联系人",),
    "contact_phone": ("联系电话", "电话"),
    "operator": ("运营单位", "运营主体"),
    "households": ("户数",),
    "investment_wan": ("投资（万元）", "总投资（万元）", "投资"),
    "address": ("地址",),
    "lat": ("纬度",),
    "lon": ("经度",),
}
# Columns holding a vocabulary code, and the vocabulary (i18n LABELS) naming it.
VOCABULARY_COLUMNS = {"city": "City", "creation_type": "CreationType", "orientation": "Orientation"}


def _header_names() -> dict[str, str]:
    out = {normal(column): column for column in CSV_COLUMNS}
    for column, names in CHINESE_HEADERS.items():
        for header in names:
            out.setdefault(normal(header), column)
    return out


HEADER_NAMES = _header_names()


def _refused(file: str, code: str, *, record: str | None = None, field: str | None = None,
             **params: object) -> InputFileError:
    """A projects-file refusal named by `code` (i18n "load.projects_<code>", which
    the command line shows in the user's language); its English text is the
    message, after the place InputFileError names itself."""
    message = t(f"load.projects_{code}", "en", where="\0", **params).removeprefix("\0: ")
    return InputFileError(file, message, record=record, field=field, code=f"projects_{code}", **params)


class ProjectsRefused(InputFileError):
    """A projects file refused for one bad cell or many: `problems` holds one
    InputFileError a cell (file, row as the spreadsheet numbers it, column), every
    one of them; str() is the first. Nothing was stored."""

    def __init__(self, problems: list[InputFileError]):
        first = problems[0]
        super().__init__(first.file, first.message, record=first.record, field=first.field, code=first.code,
                         **first.params)
        self.problems = problems


def import_projects(db: Database, path: Path | str, *, by: str) -> Imported:
    """Add or update the office's projects from a JSON or CSV file; `by`, the
    member of staff, is named in the audit log."""
    path = Path(path)
    projects = read_projects(path)
    rows = [(p.code, p.name, p.city, p.model_dump_json(exclude_none=True)) for p in projects]
    stored = dict(db.conn.execute(
        "SELECT code, data FROM projects WHERE code IN (SELECT value FROM json_each(?))",
        (json.dumps([row[0] for row in rows]),),
    ).fetchall())
    new = [row for row in rows if row[0] not in stored]
    changed = [row for row in rows if row[0] in stored and stored[row[0]] != row[3]]
    now = datetime.now(timezone.utc).isoformat()
    with immediate(db):
        db.conn.executemany(
            "INSERT INTO projects (code, name, city, data, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(code) DO UPDATE SET name = excluded.name, city = excluded.city, "
            "data = excluded.data, updated_at = excluded.updated_at",
            [(*row, now) for row in new + changed],
        )
        done = Imported(str(path), len(new), len(changed), len(rows) - len(new) - len(changed))
        audit.record(db, by, "projects.import", path.name,
                     detail={"new": done.new, "updated": done.updated, "unchanged": done.unchanged,
                             "codes": [row[0] for row in new + changed]})
    return done


def read_projects(path: Path) -> list[Project]:
    """Every project of the file, or ProjectsRefused naming every bad cell."""
    name = str(path)
    text = decode_text(read_bounded(path, name), name)
    problems: list[InputFileError] = []
    if path.suffix.lower() == ".csv":
        projects = _from_csv(text, name, problems)
    else:
        projects = _from_json(text, name, problems)
    seen: dict[str, str] = {}
    for record, code_field, code, _ in projects:  # rows refused for other cells count too
        if not code:
            continue
        if code in seen:
            problems.append(_refused(name, "code_twice", record=record, field=code_field, project=code,
                                     other_record=seen[code]))
        else:
            seen[code] = record
    if problems:
        raise ProjectsRefused(sorted(problems, key=_reading_order(projects)))
    if not projects:
        raise _refused(name, "none")
    return [project for _, _, _, project in projects]


def _reading_order(projects: list):
    """Problems in the order of the file's rows (a duplicate code is found
    only at the end but belongs to its row); stable within a row."""
    order = {record: index for index, (record, *_) in enumerate(projects)}
    return lambda problem: order.get(problem.record, -1)


def _from_json(text: str, name: str, problems: list) -> list[tuple[str, str, str, Project | None]]:
    data = json_or_refuse(text, name)
    if isinstance(data, dict) and set(data) == {"projects"}:
        data = data["projects"]
    if not isinstance(data, list):
        raise _refused(name, "not_list")
    out = []
    for index, entry in enumerate(data):
        record = f"projects[{index}]"
        if isinstance(entry, dict) and isinstance(entry.get("code"), str):
            record += f" ({entry['code']})"
        if not isinstance(entry, dict):
            problems.append(_refused(name, "not_object", record=record))
            continue
        before = len(problems)
        entry = _with_codes(entry, name, record, problems, lambda field: field)
        project = _validated(entry, name, record, problems, lambda loc: field_path(loc) or None,
                             skip=_reported(problems[before:]))
        out.append((record, "code", entry.get("code") if isinstance(entry.get("code"), str) else "", project))
    return out


def _from_csv(text: str, name: str, problems: list) -> list[tuple[str, str, str, Project | None]]:
    """(record, column of the code, code, project or None when refused) a row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        written = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise _refused(name, "empty") from None
    except csv.Error as exc:
        raise _refused(name, "unreadable", record="row 1", detail=str(exc)) from None
    header: list[str] = []
    for cell in written:
        column = HEADER_NAMES.get(normal(cell))
        if column is None:
            problems.append(_refused(
                name, "unknown_column", record="row 1", field=cell or "(empty)", columns=", ".join(CSV_COLUMNS),
                chinese=", ".join(names[0] for names in CHINESE_HEADERS.values())))
        elif column in header:
            problems.append(_refused(name, "column_twice", record="row 1", field=cell,
                                     first=written[header.index(column)], second=cell))
        header.append(column or "")
    if "code" not in header:
        problems.append(_refused(name, "no_code", record="row 1"))
    if problems:  # rows cannot be read without knowing their columns
        raise ProjectsRefused(problems)
    shown = dict(zip(header, written))  # a column is named as the file names it

    def column_of(field: str) -> str:
        return shown.get(field, field)

    def column_at(loc: tuple) -> str | None:
        column = _column(loc)
        return column_of(column) if column else None

    code_at = header.index("code")
    out = []
    # Rows are counted as a spreadsheet shows them: the header is row 1.
    for row_number, cells in enumerate(_rows(reader, name), start=2):
        if not any(cell.strip() for cell in cells):
            continue
        code = cells[code_at].strip() if len(cells) > code_at else ""
        record = f"row {row_number}" + (f" ({code})" if code else "")
        if len(cells) > len(header):
            problems.append(_refused(name, "cells", record=record, cells=len(cells), columns=len(header)))
            out.append((record, column_of("code"), code, None))
            continue
        before = len(problems)
        data = _row_data(dict(zip(header, (cell.strip() for cell in cells))), name, record, problems, column_of)
        data = _with_codes(data, name, record, problems, column_of)
        project = _validated(data, name, record, problems, column_at, skip=_reported(problems[before:]))
        out.append((record, column_of("code"), code, project))
    return out


def _validated(data: dict, name: str, record: str, problems: list, column_at, skip: set) -> Project | None:
    """The project, or None with every one of its problems added (those of
    fields already reported, in `skip`, left out: one line a cell)."""
    try:
        return Project.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            field = column_at(error["loc"])
            if field in skip:
                continue
            skip.add(field)
            if error["type"] == "missing":
                problems.append(_refused(name, "missing", record=record, field=field))
            else:  # what is wrong with the cell, said by its kind in the reader's language
                problems.append(_refused(name, "invalid", record=record, field=field,
                                         detail=Explained(error, with_field=False)))
    return None


def _reported(problems: list[InputFileError]) -> set:
    return {problem.field for problem in problems}


def _rows(reader, name: str):
    try:
        yield from reader
    except csv.Error as exc:
        raise _refused(name, "unreadable", record=f"line {reader.line_num}", detail=str(exc)) from None


def _row_data(cells: dict[str, str], name: str, record: str, problems: list, column_of) -> dict[str, Any]:
    """One CSV row as the JSON a Project is validated from; an empty cell is absent."""
    data: dict[str, Any] = {}
    for column, value in cells.items():
        if not value:
            continue
        if column == "scenarios":
            data["scenarios"] = _scenarios(value, name, record, problems, column_of(column))
        elif column in NESTED_COLUMNS:
            group, key = NESTED_COLUMNS[column]
            data.setdefault(group, {})[key] = value
        else:
            data[column] = value
    return data


def _with_codes(data: dict[str, Any], name: str, record: str, problems: list, column_of) -> dict[str, Any]:
    """The project with the names people type (杭州, 整合提升类, 未来健康, 标配,
    乡村/是) turned into codes; a name that is none is a problem of its cell."""
    data = dict(data)
    for field, vocabulary in VOCABULARY_COLUMNS.items():
        value = data.get(field)
        if isinstance(value, str):
            code = vocabulary_code(vocabulary, value)
            if code is None:
                problems.append(_refused(name, field, record=record, field=column_of(field), value=value,
                                         choices=choices(vocabulary)))
            data[field] = code if code is not None else value
    rural = data.get("rural")
    if isinstance(rural, str):
        meaning = rural_value(rural)
        if meaning is None:
            problems.append(_refused(name, "rural", record=record, field=column_of("rural"), value=rural))
        else:
            data["rural"] = meaning
    scenarios = data.get("scenarios")
    if isinstance(scenarios, (dict, CellPairs)):
        pairs = scenarios.items() if isinstance(scenarios, dict) else scenarios
        data["scenarios"] = _scenario_codes(pairs, name, record, problems, column_of("scenarios"))
    return data


class CellPairs(tuple):
    """(scenario, role) pairs as a CSV cell wrote them, names not yet codes;
    a type of its own so a JSON file's list is never taken for one."""


def _scenario_codes(pairs, name: str, record: str, problems: list, column: str) -> dict:
    """Scenario → role codes from (name or code, name or code) pairs; a scenario
    named twice, under one name or two (未来健康, health), is a problem."""
    out: dict = {}
    for scenario, role in pairs:
        scenario_code = vocabulary_code("Scenario", scenario) if isinstance(scenario, str) else None
        role_code = vocabulary_code("ScenarioRole", role) if isinstance(role, str) else None
        if scenario_code is None:
            problems.append(_refused(name, "scenario", record=record, field=column, value=scenario,
                                     choices=choices("Scenario")))
            continue
        if role_code is None:
            problems.append(_refused(name, "role", record=record, field=column, value=role, scenario=scenario,
                                     choices=choices("ScenarioRole")))
            continue
        if scenario_code in out:
            problems.append(_refused(name, "scenario_twice", record=record, field=column, scenario=scenario))
            continue
        out[scenario_code] = role_code
    return out


def _scenarios(value: str, name: str, record: str, problems: list, column: str) -> CellPairs:
    """`health:standard;education:optional` or `未来健康:标配；未来教育:选配`
    (full-width ：；， are fine too). Names become codes, and a scenario named
    twice is found, in _with_codes."""
    out = []
    for part in value.replace("；", ";").replace("，", ";").replace(",", ";").replace("、", ";").split(";"):
        part = part.strip().replace("：", ":")
        if not part:
            continue
        scenario, colon, role = (piece.strip() for piece in part.partition(":"))
        if not colon or not scenario or not role:
            problems.append(_refused(name, "scenario_pair", record=record, field=column, value=part))
            continue
        out.append((scenario, role))
    return CellPairs(out)


def _column(loc: tuple) -> str | None:
    """The CSV column a pydantic location points at."""
    if not loc:
        return None
    if loc[0] in ("contact", "location"):
        if len(loc) == 1:  # the group as a whole, e.g. a phone without a name
            return "contact_name" if loc[0] == "contact" else "address"
        for column, target in NESTED_COLUMNS.items():
            if target == (loc[0], loc[1]):
                return column
    return str(loc[0])


def _with_more(message: str, exc: ValidationError) -> str:
    more = exc.error_count() - 1
    return message + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


# -- checklist templates --------------------------------------------------------

def import_templates(db: Database, path: Path | str, *, by: str) -> Imported:
    """Add a checklist template version from its JSON file. A published
    version never changes: the same (id, version) with other content is refused."""
    path = Path(path)
    name = str(path)
    text = decode_text(read_bounded(path, name), name)
    template = _template(text, name)
    data = template.model_dump_json()
    sha = hashlib.sha256(data.encode("utf-8")).hexdigest()
    stored = db.conn.execute(
        "SELECT sha256 FROM templates WHERE id = ? AND version = ?", (template.id, template.version)
    ).fetchone()
    if stored is not None:
        if stored[0] == sha:
            return Imported(name, 0, 0, 1)
        newest = db.conn.execute("SELECT max(version) FROM templates WHERE id = ?", (template.id,)).fetchone()[0]
        raise InputFileError(
            name, f"differs from the imported version {template.version}; a published version never "
            f"changes, so issue the edit as version {newest + 1}",
            record=f"{template.id} v{template.version}", field="version",
            code="template_changed", template=template.id, version=template.version, next=newest + 1,
        )
    with immediate(db):
        db.conn.execute(
            "INSERT INTO templates (id, version, kind, data, sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
            (template.id, template.version, template.kind, data, sha, datetime.now(timezone.utc).isoformat()),
        )
        audit.record(db, by, "templates.import", f"{template.id}:{template.version}", detail={"file": path.name})
    return Imported(name, 1, 0, 0)


def _template(text: str, name: str) -> ChecklistTemplate:
    try:
        return ChecklistTemplate.model_validate_json(text)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        data = json_or_refuse(text, name)
        if not isinstance(data, dict):
            raise InputFileError(name, "not a checklist template: the file must hold one JSON object",
                                 code="file_not_object") from None
        if "format" in data:  # an assignment, a bundle manifest…: templates carry no format tag
            shown = json.dumps(data["format"], ensure_ascii=False)
            raise InputFileError(name, f"not a checklist template (format is {shown})", field="format",
                                 code="template_not_template", value=shown) from None
        record = None
        if isinstance(data.get("id"), str) and isinstance(data.get("version"), int):
            record = f"{data['id']} v{data['version']}"
        raise InputFileError(name, _with_more(describe(error, "checklist template"), exc), record=record,
                             field=field_path(error["loc"]) or None, error=error, more=exc.error_count() - 1,
                             what="template") from None
