"""The office's directory of responsible units (牵头部门 / 属地政府 / 实施单位).

Imported from the spreadsheet an office already keeps (CSV: UTF-8 with or
without a BOM, or GB18030 as Excel on a Chinese Windows saves it; Chinese or
English headers), added and edited one by one, disabled but never deleted
(a closed ledger entry still names its unit). A file is checked whole
before anything is stored: a bad cell refuses it, naming file, row and
column, and nothing changes."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from inspector.office import audit
from inspector.office.names import normal, vocabulary_code

from . import LedgerRefused
from inspector.store.transaction import immediate

MAX_FILE_BYTES = 5 * 1024 * 1024  # a directory of a province's units is a few hundred rows
FIELDS = ("id", "name", "role", "city", "district", "contact", "phone")
# Header words -> field: what offices write at the top of their sheets.
HEADERS = {
    "id": "id", "编号": "id", "单位编号": "id",
    "name": "name", "单位名称": "name", "名称": "name", "单位": "name",
    "role": "role", "类别": "role", "单位类别": "role", "类型": "role",
    "city": "city", "城市": "city", "设区市": "city", "市": "city",
    "district": "district", "区县": "district", "县区": "district", "区县（市）": "district",
    "contact": "contact", "联系人": "contact",
    "phone": "phone", "电话": "phone", "联系电话": "phone",
}
REQUIRED = ("name", "role")
PHONE = re.compile(r"^[0-9+\-() 转]{5,30}$")


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    role: str
    city: str | None
    district: str | None
    contact: str | None
    phone: str | None
    disabled: bool = False
    version: int = 1


@dataclass(frozen=True)
class Imported:
    new: int
    updated: int
    unchanged: int


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def unit_id(name: str, city: str | None) -> str:
    """Stable: the same name in the same city is the same unit in every import."""
    return "u-" + hashlib.sha256(f"{normal(name)}|{city or ''}".encode()).hexdigest()[:10]


def units(db: Database, *, include_disabled: bool = True) -> list[Unit]:
    sql = "SELECT id, name, role, city, district, contact, phone, disabled_at IS NOT NULL, version FROM units"
    if not include_disabled:
        sql += " WHERE disabled_at IS NULL"
    return [Unit(*row[:7], bool(row[7]), row[8]) for row in db.conn.execute(sql + " ORDER BY city, role, name")]


def find(db: Database, text: str) -> Unit | None:
    """A unit by id, by its exact name, else by the one name holding the
    words given (瓜沥镇人民政府 for 萧山区瓜沥镇人民政府): names are how people say them."""
    every = units(db)
    for unit in every:
        if unit.id == text or normal(unit.name) == normal(text):
            return unit
    holding = [u for u in every if normal(text) and normal(text) in normal(u.name)]
    return holding[0] if len(holding) == 1 else None


# -- reading a file ---------------------------------------------------------------------


def _decode(raw: bytes, name: str) -> str:
    if raw[:3] == b"\xef\xbb\xbf":
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise LedgerRefused("units_encoding", file=name) from None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _checked(cells: dict[str, str | None], *, file: str, row: str) -> Unit:
    """One row as a unit, or the refusal naming its bad cell."""

    def bad(field: str, code: str, **params) -> LedgerRefused:
        return LedgerRefused(code, file=file, row=row, column=columns.get(field, field), **params)

    columns = cells.pop("_columns")  # field -> the header as the file wrote it
    name = cells.get("name")
    if not name:
        raise bad("name", "cell_missing")
    if len(name) > 100:
        raise bad("name", "cell_too_long")
    role = vocabulary_code("UnitRole", cells.get("role") or "")
    if role is None:
        raise bad("role", "cell_bad_role", value=cells.get("role") or "")
    city = None
    if cells.get("city"):
        city = vocabulary_code("City", cells["city"])
        if city is None:
            raise bad("city", "cell_bad_city", value=cells["city"])
    phone = cells.get("phone")
    if phone and not PHONE.match(phone):
        raise bad("phone", "cell_bad_phone", value=phone)
    for field in ("district", "contact", "id"):
        if cells.get(field) and len(cells[field]) > 100:
            raise bad(field, "cell_too_long")
    return Unit(cells.get("id") or unit_id(name, city), name, role, city, cells.get("district"),
                cells.get("contact"), phone)


def read_units(path: Path) -> list[Unit]:
    path = Path(path)
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LedgerRefused("units_too_big", file=name, mb=MAX_FILE_BYTES // (1024 * 1024))
        raw = path.read_bytes()
    except OSError as exc:
        raise LedgerRefused("file_unreadable", file=name, error=exc) from None
    text = _decode(raw, name)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise LedgerRefused("units_not_csv", file=name, error=str(exc)) from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise LedgerRefused("units_empty", file=name)
    header, fields = rows[0], []
    for column in header:
        field = HEADERS.get(normal(column)) or HEADERS.get(column.strip())
        if field is None:
            raise LedgerRefused("units_bad_header", file=name, column=column.strip())
        if field in fields:
            raise LedgerRefused("units_header_twice", file=name, column=column.strip())
        fields.append(field)
    for field in REQUIRED:
        if field not in fields:
            raise LedgerRefused("units_header_missing", file=name, column=field)
    columns = {field: column.strip() for field, column in zip(fields, header)}
    out: list[Unit] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if len(cells) > len(fields):
            raise LedgerRefused("units_extra_cells", file=name, row=number)
        values = {field: _clean(value) for field, value in zip(fields, cells)}
        unit = _checked({**values, "_columns": columns}, file=name, row=str(number))
        if unit.id in seen:
            raise LedgerRefused("units_twice", file=name, row=number, other=seen[unit.id], unit=unit.name)
        seen[unit.id] = number
        out.append(unit)
    if not out:
        raise LedgerRefused("units_empty", file=name)
    return out


# -- storing ------------------------------------------------------------------------------


def _values(unit: Unit) -> tuple:
    return (unit.name, unit.role, unit.city, unit.district, unit.contact, unit.phone)


def import_units(db: Database, path: Path | str, *, by: str, at: str | None = None) -> Imported:
    """Add the file's units and update those it names again (by id); a unit
    the file leaves out stays as it is. One transaction, one audit line."""
    path = Path(path)
    read = read_units(path)
    at = at or now()
    conn = db.conn
    new = updated = 0
    with immediate(db):
        for unit in read:
            stored = conn.execute("SELECT name, role, city, district, contact, phone FROM units WHERE id = ?",
                                  (unit.id,)).fetchone()
            if stored is None:
                conn.execute("INSERT INTO units (id, name, role, city, district, contact, phone, added_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (unit.id, *_values(unit), at, at))
                new += 1
            elif tuple(stored) != _values(unit):
                conn.execute("UPDATE units SET name = ?, role = ?, city = ?, district = ?, contact = ?, phone = ?, "
                             "updated_at = ?, version = version + 1 WHERE id = ?", (*_values(unit), at, unit.id))
                updated += 1
        done = Imported(new, updated, len(read) - new - updated)
        audit.record(conn, by, "unit.import", path.name,
                     detail={"new": new, "updated": updated, "unchanged": done.unchanged}, at=at)
    return done


def add(db: Database, *, name: str, role: str, city: str | None = None, district: str | None = None,
        contact: str | None = None, phone: str | None = None, id: str | None = None, by: str,
        at: str | None = None) -> Unit:
    """One unit typed in; the same checks as a row of a file."""
    cells = {"id": _clean(id), "name": _clean(name), "role": _clean(role), "city": _clean(city),
             "district": _clean(district), "contact": _clean(contact), "phone": _clean(phone),
             "_columns": {f: f"--{f}" for f in FIELDS}}
    unit = _checked(cells, file="", row="")
    at = at or now()
    with immediate(db):
        if db.conn.execute("SELECT 1 FROM units WHERE id = ?", (unit.id,)).fetchone():
            raise LedgerRefused("unit_exists", unit=unit.name, id=unit.id)
        db.conn.execute("INSERT INTO units (id, name, role, city, district, contact, phone, added_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (unit.id, *_values(unit), at, at))
        audit.record(db.conn, by, "unit.add", unit.id, detail={"name": unit.name, "role": unit.role}, at=at)
    return unit


def edit(db: Database, unit_id_: str, *, seen_version: int, by: str, at: str | None = None, **changes) -> int:
    """Change some of a unit's cells; refused when someone changed it since
    `seen_version`. Returns the new version."""
    at = at or now()
    conn = db.conn
    with immediate(db):
        row = conn.execute("SELECT id, name, role, city, district, contact, phone, version FROM units WHERE id = ?",
                           (unit_id_,)).fetchone()
        if row is None:
            raise LedgerRefused("unknown_unit", unit=unit_id_)
        if row[7] != seen_version:
            raise LedgerRefused("unit_stale", unit=row[1])
        current = dict(zip(FIELDS, row[:7]))
        unknown = set(changes) - set(FIELDS[1:])
        if unknown:
            raise LedgerRefused("unit_not_a_field", field=", ".join(sorted(unknown)))
        cells = {**current, **{k: _clean(v) for k, v in changes.items()},
                 "_columns": {f: f"--{f}" for f in FIELDS}}
        unit = _checked(cells, file="", row="")
        before = dict(zip(FIELDS[1:], row[1:7]))
        after = dict(zip(FIELDS[1:], _values(unit)))
        diff = {k: after[k] for k in after if after[k] != before[k]}
        if not diff:
            raise LedgerRefused("unit_no_change", unit=row[1])
        conn.execute("UPDATE units SET name = ?, role = ?, city = ?, district = ?, contact = ?, phone = ?, "
                     "updated_at = ?, version = version + 1 WHERE id = ?", (*_values(unit), at, unit_id_))
        audit.record(conn, by, "unit.edit", unit_id_, detail={"before": {k: before[k] for k in diff}, "after": diff},
                     at=at)
    return seen_version + 1


def disable(db: Database, unit_id_: str, *, by: str, reason: str | None = None, seen_version: int | None = None,
            at: str | None = None) -> None:
    """No longer offered as a responsible unit; entries naming it keep it."""
    at = at or now()
    conn = db.conn
    with immediate(db):
        row = conn.execute("SELECT name, disabled_at, version FROM units WHERE id = ?", (unit_id_,)).fetchone()
        if row is None:
            raise LedgerRefused("unknown_unit", unit=unit_id_)
        if seen_version is not None and row[2] != seen_version:
            raise LedgerRefused("unit_stale", unit=row[0])
        if row[1] is not None:
            raise LedgerRefused("unit_disabled", unit=row[0])
        conn.execute("UPDATE units SET disabled_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                     (at, at, unit_id_))
        audit.record(conn, by, "unit.disable", unit_id_, reason=(reason or "").strip() or None,
                     detail={"name": row[0]}, at=at)
