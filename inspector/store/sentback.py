"""Records the office sent back (退回) on this laptop: storing what an
assignment carries, reading it for the screens, and the inspector's reply.

Storing never loses the inspector's work. The office's revision of a record
is stored (sealed, so the next edit is a new revision based on it) only when
the laptop holds nothing newer; when it holds a newer revision of its own
(edited here since, or a revision with the same number the office never
saw), that one is kept and the entry says so (`kept_local`): exported, it
reaches the office as a conflict for review, never overwritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from inspector.models import Assignment, Reply
from inspector.models.sentback import SENT_BACK_MODELS

from .errors import StoreError
from .projects import _conn
from .records import TABLES

SENT_BACK_TABLES = {kind: TABLES[model].name for kind, model in SENT_BACK_MODELS.items()}


@dataclass(frozen=True)
class Planned:
    """What storing an assignment's sent-back entries will write."""

    entries: list[tuple]  # sent_back rows
    records: list[tuple[str, tuple[str, ...], tuple]]  # (table, columns, row) of office revisions to store
    handled: set[str]  # problem ids stored here, not by the open-problems path


def plan(conn, assignment: Assignment) -> Planned:
    """Check every entry against what the laptop holds (StoreError, nothing
    written, for a record that is not the inspector's) and work out the rows."""
    me = assignment.inspector.id
    entries, rows, handled = [], [], set()
    for index, entry in enumerate(assignment.sent_back):
        where = f"sent_back[{index}] ({entry.kind} {entry.id})"
        table = TABLES[SENT_BACK_MODELS[entry.kind]]
        held = conn.execute(f"SELECT rev, author, data FROM {table.name} WHERE id = ? ORDER BY rev",
                            (str(entry.id),)).fetchall()
        if held and held[0][1] != me:
            raise StoreError(f"this laptop holds it from '{held[0][1]}': only {me}'s own records are sent back "
                             "to them", record=where, field="record.author", code="not_theirs",
                             holder=held[0][1], me=me)
        same = next((data for rev, _, data in held if rev == entry.rev), None)
        kept_local = False
        if same is not None:
            kept_local = type(entry.record).model_validate_json(same) != entry.record
        elif held and held[-1][0] > entry.rev:
            kept_local = True
        else:
            row = (str(entry.record.id), entry.record.rev, entry.record.base_rev, *table.values(entry.record),
                   entry.record.author, entry.record.device, entry.record.created_at.isoformat(),
                   entry.record.updated_at.isoformat(), 1, entry.record.model_dump_json())
            columns = ("id", "rev", "base_rev", *table.columns, "author", "device", "created_at", "updated_at",
                       "sealed", "data")
            if table.name == "problems":  # where the problem came from stays as the laptop knew it
                origin = conn.execute("SELECT origin FROM problems WHERE id = ? ORDER BY rev LIMIT 1",
                                      (str(entry.id),)).fetchone()
                columns += ("origin",)
                row += (origin[0] if origin else "office",)
            rows.append((table.name, columns, row))
        if entry.kind == "problem":
            handled.add(str(entry.id))
        visit_id = str(entry.id) if entry.kind == "visit" else (
            None if entry.record.visit_id is None else str(entry.record.visit_id))
        entries.append((assignment.id, entry.kind, str(entry.id), entry.rev, entry.project_code, visit_id,
                        entry.comment, entry.by.id, entry.by.name, entry.at.isoformat(), int(kept_local),
                        entry.model_dump_json()))
    return Planned(entries, rows, handled)


def store(conn, planned: Planned) -> None:
    """Write what `plan` worked out; inside the caller's transaction."""
    for table, columns, row in planned.records:
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})", row)
    conn.executemany("INSERT INTO sent_back VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", planned.entries)


@dataclass(frozen=True)
class SentBackItem:
    """One record the office sent back, as the screens show it."""

    kind: str
    record_id: str
    rev: int
    project_code: str
    visit_id: str | None
    comment: str
    by_id: str
    by_name: str
    at: str
    kept_local: bool
    summary: str  # what the record says, in a line
    reply: str | None  # the inspector's answer so far
    corrected: bool  # the inspector has written a newer revision of the record
    visit_here: bool  # the visit it is on is on this laptop (so it can be opened and corrected)

    @property
    def answered(self) -> bool:
        return self.reply is not None or self.corrected


_IN_FORCE = """
SELECT s.kind, s.record_id, s.rev, s.project_code, s.visit_id, s.comment, s.by_id, s.by_name, s.at,
       s.kept_local, s.data
FROM sent_back s JOIN assignments a ON a.id = s.assignment_id AND a.superseded_by IS NULL
WHERE {where} ORDER BY s.at, s.kind, s.record_id
"""


def _items(conn, where: str, params: tuple) -> list[SentBackItem]:
    me = conn.execute("SELECT value FROM meta WHERE key = 'inspector'").fetchone()
    out: dict[tuple[str, str], SentBackItem] = {}
    for kind, record_id, rev, code, visit_id, comment, by_id, by_name, at, kept, data in conn.execute(
            _IN_FORCE.format(where=where), params):
        record = json.loads(data)["record"]
        reply = conn.execute(
            "SELECT json_extract(data, '$.text') FROM replies_current WHERE target_kind = ? AND target_id = ? "
            "AND target_rev = ? ORDER BY updated_at DESC LIMIT 1", (kind, record_id, rev)).fetchone()
        corrected = conn.execute(
            f"SELECT 1 FROM {SENT_BACK_TABLES[kind]} WHERE id = ? AND rev > ? AND author = ? LIMIT 1",
            (record_id, rev, me[0] if me else "")).fetchone() is not None
        here = visit_id is not None and conn.execute(
            "SELECT 1 FROM visits WHERE id = ? LIMIT 1", (visit_id,)).fetchone() is not None
        # The same record in two assignments in force: the later sending counts.
        out[(kind, record_id)] = SentBackItem(
            kind, record_id, rev, code, visit_id, comment, by_id, by_name, at, bool(kept), _summary(kind, record),
            None if reply is None else reply[0], corrected or bool(kept), here)
    return list(out.values())


def _summary(kind: str, record: dict) -> str:
    if kind == "problem":
        return record.get("description", "")
    if kind == "innovation":
        return record.get("title", "")
    if kind == "follow_up":
        return " ".join(part for part in (record.get("verdict", ""), record.get("note", "")) if part)
    return " ".join(part for part in (record.get("date", ""), record.get("note", "")) if part)


def sent_back_on_project(db, code: str) -> list[SentBackItem]:
    return _items(_conn(db), "s.project_code = ?", (code,))


def sent_back_on_visit(db, visit_id: str) -> list[SentBackItem]:
    """What was sent back of a visit: the visit itself and records made on it."""
    return _items(_conn(db), "s.visit_id = ?", (str(visit_id),))


def reply_to(db, kind: str, record_id: str, text: str, *, author: str, device: str, at) -> Reply:
    """Save the inspector's answer to a record sent back, at once (one
    transaction). One reply per sending: answering again edits it (a new
    revision once it has gone out). Refused (StoreError) for a record not
    sent back in an assignment in force."""
    from . import records

    conn = _conn(db)
    found = [i for i in _items(conn, "s.kind = ? AND s.record_id = ?", (kind, str(record_id)))]
    if not found:
        raise StoreError("the office has not sent this record back", record=f"{kind} {record_id}",
                         code="not_sent_back")
    item = found[-1]
    existing = conn.execute(
        "SELECT data FROM replies WHERE target_kind = ? AND target_id = ? AND target_rev = ? AND author = ? "
        "ORDER BY rev DESC LIMIT 1", (kind, str(record_id), item.rev, author)).fetchone()
    if existing is not None:
        reply = Reply.model_validate_json(existing[0]).model_copy(update={"text": text, "updated_at": at})
    else:
        import uuid

        reply = Reply(id=uuid.uuid4(), rev=1, author=author, device=device, created_at=at, updated_at=at,
                      project_code=item.project_code, target_kind=kind, target_id=record_id,
                      target_rev=item.rev, text=text)
    return records.save(db, reply)
