"""The plan file: a CSV the office opens in Excel or WPS, edits, and issues.

Written UTF-8 with a BOM (so Excel on a Chinese Windows reads it as UTF-8)
and CRLF line ends, with Chinese headers. Read back leniently as to form
(BOM or none, UTF-8 or GB18030 as Excel saves "CSV", CRLF or LF, English
headers, columns in any order, blank rows) and strictly as to content: every
row is checked against the office database before anything is issued, and
the first wrong cell is named by file, row and column.

A row with no inspector is a project the plan could not place (or the
office took out): it is read, and left out of what is issued.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from sqlite_utils import Database

from inspector.assignment.errors import InputFileError
from inspector.assignment.reader import read_bounded
from inspector.files import write_whole
from inspector.i18n import label, t
from inspector.models import PlanRow
from inspector.office import audit
from inspector.office.names import normal

from .plan import Plan
from inspector.store.transaction import immediate

HEADERS = {"round": "轮次", "inspector": "督导员", "project": "项目编号", "project_name": "项目名称",
           "city": "城市", "reason": "理由", "note": "备注"}
REQUIRED = ("round", "inspector", "project")
# Every spelling of a header read: the Chinese one, the field name, and its words with spaces.
_COLUMN = {normal(word): name for name, zh in HEADERS.items() for word in (zh, name, name.replace("_", " "))}


def reason_text(row_reason, lang: str) -> str:
    return t(f"planning.reason.{row_reason.code}", lang, since=row_reason.since or "")


def render(plan: Plan, lang: str) -> bytes:
    """The plan as the CSV bytes written: placed rows by inspector, then the
    projects no one could take (no inspector; the reason in 备注)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS.values())
    for row in plan.rows:
        need = row.need
        writer.writerow([plan.round_id, row.inspector, need.project, need.name, label("City", need.city, lang),
                         reason_text(need.reason, lang), ""])
    for left in plan.unplaced:
        need = left.need
        writer.writerow([plan.round_id, "", need.project, need.name, label("City", need.city, lang),
                         reason_text(need.reason, lang), t(f"planning.unplaced.{left.why}", lang)])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def write_plan(db: Database, plan: Plan, path: Path, *, by: str, lang: str) -> None:
    """Write the plan file whole (never half a file), then log it."""
    write_whole(Path(path), render(plan, lang))
    with immediate(db):
        audit.record(db, by, "plan.write", plan.round_id, detail={
            "file": str(path), "projects": len(plan.rows), "unplaced": len(plan.unplaced),
            "inspectors": plan.counts()})


@dataclass
class PlanFile:
    round_id: str
    rows: list[PlanRow] = field(default_factory=list)
    unassigned: list[str] = field(default_factory=list)  # projects on a row with no inspector

    def by_inspector(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for row in self.rows:
            out.setdefault(row.inspector, []).append(row.project)
        return out


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without a BOM), else GB18030, as Excel saves a CSV on a
    Chinese Windows; UTF-16 ("Unicode text") is refused with what to do."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputFileError(name, "UTF-16", code="plan_utf16")
    if raw[:3] == b"\xef\xbb\xbf":
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InputFileError(name, "not text", code="plan_encoding") from None


def _read(path: Path, name: str) -> bytes:
    """The file's bytes; the refusals a person meets most, in their language."""
    try:
        return read_bounded(path, name)
    except InputFileError as exc:
        code = {"file is empty": "plan_empty", "no such file": "plan_no_file"}.get(exc.message)
        if code is None:
            raise
        raise InputFileError(name, exc.message, code=code) from None


def read_plan(db: Database, path: Path, *, round_id: str | None = None, allow_own_city: bool = False) -> PlanFile:
    """Read and check every row of a plan file; the first wrong cell is
    refused (InputFileError naming file, row and column)."""
    path = Path(path)
    name = str(path)
    text = decode(_read(path, name), name)
    table = [row for row in csv.reader(io.StringIO(text, newline=""))]
    numbered = [(n, row) for n, row in enumerate(table, start=1) if any(cell.strip() for cell in row)]
    if not numbered:
        raise InputFileError(name, "empty", code="plan_empty")
    header_row, header = numbered[0]
    columns: dict[str, int] = {}
    written: dict[str, str] = {}
    for index, cell in enumerate(header):
        column = _COLUMN.get(normal(cell))
        if column is None:
            continue
        if column in columns:
            raise InputFileError(name, "column twice", record=f"row {header_row}", field=cell.strip(),
                                 code="plan_column_twice")
        columns[column], written[column] = index, cell.strip()
    for column in REQUIRED:
        if column not in columns:
            raise InputFileError(name, "no column", code="plan_no_column", column=HEADERS[column], english=column)

    inspectors = dict(db.conn.execute("SELECT id, home_city FROM inspectors"))
    names: dict[str, list[str]] = {}
    for who, who_name in db.conn.execute("SELECT id, name FROM inspectors ORDER BY id"):
        names.setdefault(normal(who_name), []).append(who)
    projects = {code: city for code, city in db.conn.execute("SELECT code, city FROM projects")}
    out = PlanFile(round_id or "")
    seen: dict[str, int] = {}
    for number, row in numbered[1:]:
        def cell(column: str) -> str:
            index = columns.get(column)
            return row[index].strip() if index is not None and index < len(row) else ""

        def refuse(code: str, column: str, project: str = "", **params) -> InputFileError:
            record = f"row {number} ({project})" if project else f"row {number}"
            return InputFileError(name, code, record=record, field=written.get(column, HEADERS[column]),
                                  code=f"plan_{code}", **params)

        project = cell("project")
        if not project:
            raise refuse("missing", "project")
        if project not in projects:
            raise refuse("unknown_project", "project", value=project)
        if project in seen:
            raise refuse("project_twice", "project", project, first=seen[project])
        seen[project] = number
        given_round = cell("round")
        if not given_round:
            raise refuse("missing", "round", project)
        if not out.round_id:
            out.round_id = given_round
        if given_round != out.round_id:
            raise refuse("other_round", "round", project, value=given_round, round=out.round_id)
        who = cell("inspector")
        if not who:
            out.unassigned.append(project)
            continue
        if who not in inspectors:
            named = names.get(normal(who), [])
            if len(named) != 1:
                raise refuse("unknown_inspector", "inspector", project, value=who)
            who = named[0]
        if not allow_own_city and inspectors[who] == projects[project]:
            raise refuse("own_city", "inspector", project, inspector=who, city_zh=label("City", projects[project], "zh"),
                         city_en=label("City", projects[project], "en"))
        try:
            out.rows.append(PlanRow(round=given_round, inspector=who, project=project,
                                    project_name=cell("project_name"), city=cell("city"),
                                    reason=cell("reason"), note=cell("note")))
        except ValidationError as exc:
            loc = exc.errors(include_url=False)[0]["loc"]
            column = str(loc[0]) if loc and str(loc[0]) in HEADERS else "note"
            raise refuse("bad_value", column, project, value=cell(column)[:40]) from None
    if not seen:
        raise InputFileError(name, "empty", code="plan_empty")
    return out
