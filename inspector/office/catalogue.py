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
from inspector.assignment.reader import decode_text, json_or_refuse, read_bounded
from inspector.models import ChecklistTemplate, Project


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
# Spreadsheets made in Chinese say 是/否.
BOOL_WORDS = {"是": "true", "否": "false"}


def import_projects(db: Database, path: Path | str) -> Imported:
    """Add or update the office's projects from a JSON or CSV file."""
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
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO projects (code, name, city, data, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(code) DO UPDATE SET name = excluded.name, city = excluded.city, "
            "data = excluded.data, updated_at = excluded.updated_at",
            [(*row, now) for row in new + changed],
        )
    return Imported(str(path), len(new), len(changed), len(rows) - len(new) - len(changed))


def read_projects(path: Path) -> list[Project]:
    name = str(path)
    text = decode_text(read_bounded(path, name), name)
    if path.suffix.lower() == ".csv":
        projects = _from_csv(text, name)
    else:
        projects = _from_json(text, name)
    seen: dict[str, str] = {}
    for record, project in projects:
        if project.code in seen:
            raise InputFileError(name, f"project code '{project.code}' is also used by {seen[project.code]}",
                                 record=record, field="code")
        seen[project.code] = record
    if not projects:
        raise InputFileError(name, "holds no projects")
    return [project for _, project in projects]


def _from_json(text: str, name: str) -> list[tuple[str, Project]]:
    data = json_or_refuse(text, name)
    if isinstance(data, dict) and set(data) == {"projects"}:
        data = data["projects"]
    if not isinstance(data, list):
        raise InputFileError(name, 'expected a list of projects, or {"projects": [...]}')
    out = []
    for index, entry in enumerate(data):
        record = f"projects[{index}]"
        if isinstance(entry, dict) and isinstance(entry.get("code"), str):
            record += f" ({entry['code']})"
        try:
            out.append((record, Project.model_validate(entry)))
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            raise InputFileError(name, _with_more(describe(error, "project"), exc), record=record,
                                 field=field_path(error["loc"]) or None) from None
    return out


def _from_csv(text: str, name: str) -> list[tuple[str, Project]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise InputFileError(name, "file is empty") from None
    except csv.Error as exc:
        raise InputFileError(name, f"not readable as CSV ({exc})", record="row 1") from None
    for column in header:
        if column not in CSV_COLUMNS:
            raise InputFileError(name, f"unknown column (columns are: {', '.join(CSV_COLUMNS)})",
                                 record="row 1", field=column or "(empty)")
        if header.count(column) > 1:
            raise InputFileError(name, "column appears twice", record="row 1", field=column)
    if "code" not in header:
        raise InputFileError(name, "a 'code' column is needed", record="row 1")
    out = []
    # Rows are counted as a spreadsheet shows them: the header is row 1.
    for row_number, cells in enumerate(_rows(reader, name), start=2):
        if not any(cell.strip() for cell in cells):
            continue
        code = cells[header.index("code")].strip() if len(cells) > header.index("code") else ""
        record = f"row {row_number}" + (f" ({code})" if code else "")
        if len(cells) > len(header):
            raise InputFileError(name, f"{len(cells)} cells but {len(header)} columns", record=record)
        data = _row_data(dict(zip(header, (cell.strip() for cell in cells))), name, record)
        try:
            out.append((record, Project.model_validate(data)))
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            raise InputFileError(name, _with_more(describe(error, "project"), exc), record=record,
                                 field=_column(error["loc"])) from None
    return out


def _rows(reader, name: str):
    try:
        yield from reader
    except csv.Error as exc:
        raise InputFileError(name, f"not readable as CSV ({exc})", record=f"line {reader.line_num}") from None


def _row_data(cells: dict[str, str], name: str, record: str) -> dict[str, Any]:
    """One CSV row as the JSON a Project is validated from; an empty cell is absent."""
    data: dict[str, Any] = {}
    for column, value in cells.items():
        if not value:
            continue
        if column == "scenarios":
            data["scenarios"] = _scenarios(value, name, record)
        elif column in NESTED_COLUMNS:
            group, key = NESTED_COLUMNS[column]
            data.setdefault(group, {})[key] = value
        elif column == "rural":
            data["rural"] = BOOL_WORDS.get(value, value)
        else:
            data[column] = value
    return data


def _scenarios(value: str, name: str, record: str) -> dict[str, str]:
    """`health:standard;education:optional` (full-width ：；， are fine too)."""
    out: dict[str, str] = {}
    for part in value.replace("；", ";").replace("，", ";").replace(",", ";").split(";"):
        part = part.strip().replace("：", ":")
        if not part:
            continue
        scenario, colon, role = (piece.strip() for piece in part.partition(":"))
        if not colon or not scenario or not role:
            raise InputFileError(name, f"'{part}' should be scenario:role, e.g. health:standard",
                                 record=record, field="scenarios")
        if scenario in out:
            raise InputFileError(name, f"scenario '{scenario}' appears twice", record=record, field="scenarios")
        out[scenario] = role
    return out


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

def import_templates(db: Database, path: Path | str) -> Imported:
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
    with db.atomic():
        db.conn.execute(
            "INSERT INTO templates (id, version, kind, data, sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
            (template.id, template.version, template.kind, data, sha, datetime.now(timezone.utc).isoformat()),
        )
    return Imported(name, 1, 0, 0)


def _template(text: str, name: str) -> ChecklistTemplate:
    try:
        return ChecklistTemplate.model_validate_json(text)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        data = json_or_refuse(text, name)
        if not isinstance(data, dict):
            raise InputFileError(name, "not a checklist template: the file must hold one JSON object") from None
        if "format" in data:  # an assignment, a bundle manifest…: templates carry no format tag
            raise InputFileError(name, f"not a checklist template (format is {json.dumps(data['format'], ensure_ascii=False)})",
                                 field="format") from None
        record = None
        if isinstance(data.get("id"), str) and isinstance(data.get("version"), int):
            record = f"{data['id']} v{data['version']}"
        raise InputFileError(name, _with_more(describe(error, "checklist template"), exc), record=record,
                             field=field_path(error["loc"]) or None) from None
