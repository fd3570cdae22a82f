"""Saving records made on site: one short transaction per change, every
revision kept.

A record's newest revision is either *sealed* (someone else may have seen it:
the visit was finished, a bundle was exported, or it came from the office) or
the inspector's open working copy. Saving over a working copy updates it in
place, so typing a note does not mint a revision per keystroke; saving over a
sealed revision adds revision n+1 based on n. Nothing anyone has seen is ever
overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TypeVar

from sqlite_utils import Database

from inspector.models import Answer, FollowUp, Innovation, Photo, Problem, Record, Reply, Visit

from .errors import StoreError
from .transaction import immediate

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]  # denormalised for queries; `data` holds the whole record

    def values(self, record: Record) -> tuple:
        return tuple(_column(record, c) for c in self.columns)


def _column(record: Record, column: str):
    if column in ("template", "version", "item"):
        ref = record.item  # type: ignore[attr-defined]
        return {"template": ref.template, "version": ref.version, "item": ref.item}[column]
    value = getattr(record, column)
    if value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)


TABLES: dict[type, Table] = {
    Visit: Table("visits", ("project_code", "date", "status")),
    Answer: Table("answers", ("visit_id", "template", "version", "item")),
    Problem: Table("problems", ("project_code", "visit_id", "status", "severity", "category")),
    Innovation: Table("innovations", ("project_code", "visit_id", "category")),
    FollowUp: Table("follow_ups", ("visit_id", "problem_id", "verdict")),
    Photo: Table("photos", ("visit_id", "sha256")),
    Reply: Table("replies", ("project_code", "target_kind", "target_id", "target_rev")),
}

_EXTRA_INSERT = {"problems": ("origin",)}


def now() -> datetime:
    return datetime.now(timezone.utc).astimezone()


def save(db: Database, record: R, *, seal: bool = False) -> R:
    """Store `record` as its newest revision and return it as stored (with the
    revision numbers and timestamps the store decided)."""
    table = TABLES[type(record)]
    conn = db.conn
    with immediate(db):  # read-modify-write: no other writer may slip in between
        extra = _EXTRA_INSERT.get(table.name, ())
        current = conn.execute(
            f"SELECT rev, base_rev, sealed, created_at{''.join(', ' + c for c in extra)} FROM {table.name} "
            "WHERE id = ? ORDER BY rev DESC LIMIT 1",
            (str(record.id),),
        ).fetchone()
        if current is None:
            stored = record.model_copy(update={"rev": 1, "base_rev": None})
        elif not current[2]:
            stored = record.model_copy(update={
                "rev": current[0], "base_rev": current[1],
                "created_at": datetime.fromisoformat(current[3]),
            })
        else:
            stored = record.model_copy(update={
                "rev": current[0] + 1, "base_rev": current[0],
                "created_at": datetime.fromisoformat(current[3]),
            })
        stored = type(record).model_validate(stored.model_dump())  # re-check what we built
        row = (
            str(stored.id), stored.rev, stored.base_rev, *table.values(stored), stored.author,
            stored.device, stored.created_at.isoformat(), stored.updated_at.isoformat(),
            int(seal), stored.model_dump_json(),
        )
        columns = ("id", "rev", "base_rev", *table.columns, "author", "device", "created_at",
                   "updated_at", "sealed", "data")
        if extra:
            # a new revision keeps where the record came from (an office problem stays the office's)
            columns += extra
            row += tuple(current[4:]) if current is not None else ("local",) * len(extra)
        placeholders = ",".join("?" * len(columns))
        conn.execute(
            f"INSERT OR REPLACE INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})", row
        )
    return stored


def seal_visit(db: Database, visit_id: str) -> None:
    """Seal the newest revision of the visit and of everything recorded on it."""
    conn = db.conn
    with immediate(db):
        for name in ("visits", "answers", "problems", "innovations", "follow_ups", "photos"):
            key = "id" if name == "visits" else "visit_id"
            conn.execute(f"UPDATE {name} SET sealed = 1 WHERE {key} = ? AND sealed = 0", (visit_id,))
        # Earlier problems judged on this visit keep their own visit id: seal the
        # revisions the verdicts wrote, or a reopened visit could rewrite them.
        conn.execute(
            "UPDATE problems SET sealed = 1 WHERE sealed = 0 AND id IN "
            "(SELECT problem_id FROM follow_ups WHERE visit_id = ?)",
            (visit_id,),
        )


def latest(db: Database, kind: type[R], record_id) -> R | None:
    table = TABLES[kind]
    row = db.conn.execute(
        f"SELECT data FROM {table.name} WHERE id = ? ORDER BY rev DESC LIMIT 1", (str(record_id),)
    ).fetchone()
    return None if row is None else kind.model_validate_json(row[0])


def revisions(db: Database, kind: type[R], record_id) -> list[R]:
    table = TABLES[kind]
    rows = db.conn.execute(f"SELECT data FROM {table.name} WHERE id = ? ORDER BY rev", (str(record_id),))
    return [kind.model_validate_json(data) for (data,) in rows]


def require_project(db: Database, code: str, record: str) -> None:
    if db.conn.execute("SELECT 1 FROM projects WHERE code = ?", (code,)).fetchone() is None:
        raise StoreError(f"unknown project '{code}'", record=record, field="project_code", code="unknown_project",
                         project=code)
