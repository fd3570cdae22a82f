"""Conflicts kept at ingest, shown side by side and resolved by a person.

Ingest keeps an inspector's revision that is not based on the office's
current one (the office edited the record meanwhile, or two inspectors
judged one problem differently) in `conflicts`: nothing is dropped. Here an
office user sees it field by field (the inspector's value, the office's
current one, and their common base, the last revision both sides built on),
takes one side or the other per field, or types a value, and gives a
reason. The result is a new office revision based on the office's current
one (edits.new_office_revision): it becomes current, its rev is above every
one known, so the inspector's laptop accepts it when the next assignment
carries it, and the conflict rows name who resolved them and into which
revision (so the assignment no longer leaves the record out).

Review state after resolving: back to received (待审核), because the result
holds content no reviewer has confirmed (the inspector's side, or a typed
value) — unless every field was taken from the office's current revision:
then what was reviewed is unchanged, and its state stays.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from . import REVIEWED_KINDS, ReviewRefused
from .edits import IDENTITY, current_record, new_office_revision
from .states import now
from inspector.store.transaction import immediate

SIDES = ("inspector", "office")
ALL = "*"  # in `choices`: the side for every differing field not named


@dataclass(frozen=True)
class OpenConflict:
    """A record with an inspector's revision awaiting resolution (the newest
    of theirs, when they sent several)."""

    kind: str
    id: str
    author: str
    rev: int
    base_rev: int | None
    office_rev: int | None  # the office's current revision now
    project_code: str
    kept_at: str
    count: int  # revisions of theirs this resolution covers


@dataclass(frozen=True)
class FieldRow:
    field: str
    inspector: object
    office: object
    base: object
    differs: bool  # the inspector's value is not the office's


@dataclass(frozen=True)
class ConflictView:
    kind: str
    id: str
    author: str
    inspector_rev: int
    office_rev: int | None
    base_rev: int | None  # the common base; None when the two share none
    rows: list[FieldRow]

    @property
    def differing(self) -> list[str]:
        return [row.field for row in self.rows if row.differs]


@dataclass(frozen=True)
class Resolved:
    rev: int
    office_rev: int | None
    inspector_rev: int
    author: str
    state: str | None  # the review state after
    taken: dict  # field -> "inspector" | "office" | "value"


def open_conflicts(db: Database) -> list[OpenConflict]:
    """One row per record and inspector with an open conflict, oldest first."""
    rows = db.conn.execute(
        "SELECT k.kind, k.id, k.author, max(k.rev), c.rev, min(k.kept_at), count(*), "
        "coalesce((SELECT r.project_code FROM records r WHERE r.kind = k.kind AND r.id = k.id LIMIT 1), "
        "json_extract(max(k.data), '$.project_code'), '') "
        "FROM conflicts k LEFT JOIN current c ON c.kind = k.kind AND c.id = k.id "
        "WHERE k.resolved_at IS NULL GROUP BY k.kind, k.id, k.author ORDER BY min(k.kept_at), k.kind, k.id").fetchall()
    out = []
    for kind, record_id, author, rev, office_rev, kept_at, count, project in rows:
        base = db.conn.execute("SELECT base_rev FROM conflicts WHERE kind = ? AND id = ? AND author = ? AND rev = ? "
                               "AND resolved_at IS NULL", (kind, record_id, author, rev)).fetchone()[0]
        out.append(OpenConflict(kind, record_id, author, rev, base, office_rev, project or "", kept_at, count))
    return out


def conflict_view(db: Database, kind: str, record_id: str, *, author: str | None = None) -> ConflictView:
    """The record's open conflict, field by field. `author`: whose revision,
    when two inspectors' are open (default: the one with the newest rev)."""
    return _view(db.conn, kind, record_id, author)


def _view(conn: sqlite3.Connection, kind: str, record_id: str, author: str | None) -> ConflictView:
    found = conn.execute(
        "SELECT author, rev, base_rev, data FROM conflicts WHERE kind = ? AND id = ? AND resolved_at IS NULL "
        "AND (?3 IS NULL OR author = ?3) ORDER BY rev DESC, kept_at DESC LIMIT 1",
        (kind, record_id, author)).fetchone()
    if found is None:
        raise ReviewRefused("no_conflict", kind=kind, id=record_id)
    author, rev, base_rev, text = found
    theirs = json.loads(text)
    current = current_record(conn, kind, record_id)
    office_rev, ours = (None, {}) if current is None else current
    base = _common_base(conn, kind, record_id, author, base_rev, office_rev)
    base_data = {} if base is None else json.loads(conn.execute(
        "SELECT data FROM records WHERE kind = ? AND id = ? AND rev = ?", (kind, record_id, base)).fetchone()[0])
    fields = [f for f in dict.fromkeys([*ours, *theirs]) if f not in IDENTITY]
    rows = [FieldRow(f, theirs.get(f), ours.get(f), base_data.get(f), theirs.get(f) != ours.get(f)) for f in fields]
    return ConflictView(kind, record_id, author, rev, office_rev, base, rows)


def _common_base(conn: sqlite3.Connection, kind: str, record_id: str, author: str, base_rev: int | None,
                 office_rev: int | None) -> int | None:
    """The newest revision both lines descend from: follow the inspector's
    bases (through their own revisions kept as conflicts) until one lies on
    the office's line (its current revision and the bases below it)."""
    ours, rev = set(), office_rev
    while rev is not None and rev not in ours:
        ours.add(rev)
        row = conn.execute("SELECT base_rev FROM records WHERE kind = ? AND id = ? AND rev = ?",
                           (kind, record_id, rev)).fetchone()
        rev = None if row is None else row[0]
    seen, rev = set(), base_rev
    while rev is not None and rev not in seen:
        if rev in ours:
            return rev
        seen.add(rev)
        row = conn.execute("SELECT base_rev FROM conflicts WHERE kind = ? AND id = ? AND author = ? AND rev = ?",
                           (kind, record_id, author, rev)).fetchone() or conn.execute(
            "SELECT base_rev FROM records WHERE kind = ? AND id = ? AND rev = ?", (kind, record_id, rev)).fetchone()
        rev = None if row is None else row[0]
    return None


def resolve(db: Database, kind: str, record_id: str, choices: dict, *, by: str, reason: str, seen_rev: int | None,
            inspector_rev: int | None = None, author: str | None = None, at: str | None = None) -> Resolved:
    """Resolve the open conflict: for each field that differs, "inspector",
    "office", or any other value (typed, taken as it is; ALL names the side
    for the fields not named). `seen_rev` is the office's current revision
    the user saw, `inspector_rev` the inspector's (default: whatever is
    open now); either changed since: refused, nothing written."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewRefused("reason_needed")
    at = at or now()
    conn = db.conn
    with immediate(db):
        view = _view(conn, kind, record_id, author)
        if view.office_rev != seen_rev or (inspector_rev is not None and view.inspector_rev != inspector_rev):
            raise ReviewRefused("conflict_stale", kind=kind, id=record_id, rev=view.office_rev,
                                inspector_rev=view.inspector_rev)
        rows = {row.field: row for row in view.rows}
        default = choices.get(ALL)
        if default is not None and default not in SIDES:
            raise ReviewRefused("bad_side", side=default)
        for field in choices:
            if field != ALL and field not in rows:
                raise ReviewRefused("not_a_field", kind=kind, field=field)
        missing = [f for f in view.differing if f not in choices and default is None]
        if missing:
            raise ReviewRefused("choose", kind=kind, id=record_id, fields=", ".join(missing))
        ours = _data(conn, kind, record_id, view.office_rev)
        theirs = json.loads(conn.execute(
            "SELECT data FROM conflicts WHERE kind = ? AND id = ? AND author = ? AND rev = ? AND resolved_at IS NULL",
            (kind, record_id, view.author, view.inspector_rev)).fetchone()[0])
        # The office's revision carries what no one chooses (its identity); the
        # office never had the record at all: the inspector's does.
        data = {k: v for k, v in (ours or theirs).items() if k in IDENTITY}
        taken = {}
        for field, row in rows.items():
            choice = choices.get(field, default if row.differs else "office")
            if choice in SIDES:
                side = theirs if choice == "inspector" else ours
                if row.differs:
                    taken[field] = choice
            else:
                side = {field: choice.isoformat() if hasattr(choice, "isoformat") else choice}
                taken[field] = "value"
            if field in side:
                data[field] = side[field]
        rev = new_office_revision(conn, kind, record_id, data, by=by, at=at, base_rev=view.office_rev)
        conn.execute(
            "UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolution_rev = ? "
            "WHERE kind = ? AND id = ? AND author = ? AND rev <= ? AND resolved_at IS NULL",
            (at, by, rev, kind, record_id, view.author, view.inspector_rev))
        detail = {"merges": {"office": view.office_rev, "inspector": view.inspector_rev, "author": view.author},
                  "rev": rev, "fields": taken}
        text = json.dumps(detail, ensure_ascii=False, sort_keys=True)
        state = None
        if kind in REVIEWED_KINDS:
            row = conn.execute("SELECT state FROM reviews WHERE kind = ? AND id = ?", (kind, record_id)).fetchone()
            unchanged = all(side == "office" for side in taken.values())
            state = row[0] if row is not None and unchanged else "received"
            if row is None:
                conn.execute("INSERT INTO reviews (kind, id, state, rev, at, by) VALUES (?, ?, 'received', ?, ?, ?)",
                             (kind, record_id, rev, at, by))
            elif state != row[0]:
                conn.execute("UPDATE reviews SET state = ?, at = ?, by = ?, comment = NULL, duplicate_of = NULL, "
                             "version = version + 1 WHERE kind = ? AND id = ?", (state, at, by, kind, record_id))
            conn.execute("INSERT INTO review_events (kind, id, rev, action, state, at, by, comment, detail) "
                         "VALUES (?, ?, ?, 'resolved', ?, ?, ?, ?, ?)",
                         (kind, record_id, rev, state, at, by, reason, text))
        conn.execute("INSERT INTO audit_log (at, user_id, action, subject, reason, detail) VALUES (?, ?, ?, ?, ?, ?)",
                     (at, by, "conflict.resolve", f"{kind}:{record_id}", reason, text))
    return Resolved(rev, view.office_rev, view.inspector_rev, view.author, state, taken)


def _data(conn: sqlite3.Connection, kind: str, record_id: str, rev: int | None) -> dict:
    if rev is None:
        return {}
    return json.loads(conn.execute("SELECT data FROM records WHERE kind = ? AND id = ? AND rev = ?",
                                   (kind, record_id, rev)).fetchone()[0])
