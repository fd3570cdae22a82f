"""Duplicates merged: two inspectors reported the same problem (or the same
innovation) on one project; the office keeps one and marks the other a
duplicate pointing to it.

Nothing is copied or rewritten: the duplicate's revisions, photos and
evidence stay where they are, and the kept record shows them as its own
(`photos_of`, `evidence_of` follow `reviews.duplicate_of`). So a merge costs
no new revision and takes nothing from either inspector's record.

The ledger is left alone: a duplicate already confirmed keeps its ledger
number (numbers never go or change, o010); the merge reports that number
(`Merged.duplicate_number`) and the audit log names it, so the ledger's
owner closes that entry there, with its own history.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from inspector.models import Photo

from . import ReviewRefused
from .states import Seen, now
from inspector.store.transaction import immediate

MERGED_KINDS = ("problem", "innovation")


@dataclass(frozen=True)
class Merged:
    keep: str
    duplicate: str
    duplicate_number: str | None  # the duplicate's ledger number, when it had one: it stays


@dataclass(frozen=True)
class AttachedPhoto:
    record_id: str  # the record it is attached to: the kept one or one of its duplicates
    photo: Photo


def merge(db: Database, keep: Seen, duplicate: Seen, *, by: str, reason: str, at: str | None = None) -> Merged:
    """Mark `duplicate` a duplicate of `keep` (same kind, same project),
    both as their user saw them (review versions): stale -> refused."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewRefused("reason_needed")
    if keep.kind not in MERGED_KINDS:
        raise ReviewRefused("merge_kind", kind=keep.kind)
    if duplicate.kind != keep.kind:
        raise ReviewRefused("merge_kinds_differ", kind=keep.kind, other=duplicate.kind)
    if duplicate.id == keep.id:
        raise ReviewRefused("merge_self")
    at = at or now()
    conn = db.conn
    with immediate(db):
        found = {}
        for seen in (keep, duplicate):
            row = conn.execute(
                "SELECT v.version, v.state, v.duplicate_of, v.rev, r.project_code FROM reviews v "
                "JOIN current c ON c.kind = v.kind AND c.id = v.id "
                "JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
                "WHERE v.kind = ? AND v.id = ?", (seen.kind, seen.id)).fetchone()
            if row is None:
                raise ReviewRefused("unknown", kind=seen.kind, id=seen.id)
            if row[0] != seen.version:
                raise ReviewRefused("stale", kind=seen.kind, id=seen.id)
            if row[1] == "duplicate":
                raise ReviewRefused("merge_already", kind=seen.kind, id=seen.id, into=(row[2] or "")[:8])
            found[seen.id] = row
        if found[keep.id][4] != found[duplicate.id][4]:
            raise ReviewRefused("merge_projects", keep=found[keep.id][4], duplicate=found[duplicate.id][4])
        number = None
        if keep.kind == "problem":
            row = conn.execute("SELECT number FROM ledger WHERE problem_id = ?", (duplicate.id,)).fetchone()
            number = None if row is None else row[0]
        conn.execute("UPDATE reviews SET state = 'duplicate', duplicate_of = ?, at = ?, by = ?, comment = ?, "
                     "version = version + 1 WHERE kind = ? AND id = ?",
                     (keep.id, at, by, reason, duplicate.kind, duplicate.id))
        # The kept record changed too (it shows the duplicate's evidence): whoever looked must look again.
        conn.execute("UPDATE reviews SET version = version + 1 WHERE kind = ? AND id = ?", (keep.kind, keep.id))
        detail = {"keep": keep.id, "duplicate": duplicate.id}
        if number is not None:
            detail["duplicate_number"] = number
        conn.executemany(
            "INSERT INTO review_events (kind, id, rev, action, state, at, by, comment, detail) "
            "VALUES (?, ?, ?, 'merged', ?, ?, ?, ?, ?)",
            [(keep.kind, keep.id, found[keep.id][3], found[keep.id][1], at, by, reason,
              json.dumps({**detail, "role": "kept"}, ensure_ascii=False)),
             (duplicate.kind, duplicate.id, found[duplicate.id][3], "duplicate", at, by, reason,
              json.dumps({**detail, "role": "duplicate"}, ensure_ascii=False))])
        conn.execute("INSERT INTO audit_log (at, user_id, action, subject, reason, detail) VALUES (?, ?, ?, ?, ?, ?)",
                     (at, by, "record.merge", f"{keep.kind}:{keep.id}", reason,
                      json.dumps(detail, ensure_ascii=False, sort_keys=True)))
    return Merged(keep.id, duplicate.id, number)


def merged_ids(db: Database, kind: str, record_id: str) -> list[str]:
    """The record and every record merged into it (a duplicate's own
    duplicates too), the record first."""
    out, todo = [record_id], [record_id]
    while todo:
        found = [row[0] for row in db.conn.execute(
            "SELECT id FROM reviews WHERE kind = ? AND duplicate_of = ? AND state = 'duplicate' ORDER BY id",
            (kind, todo.pop()))]
        for other in found:
            if other not in out:
                out.append(other)
                todo.append(other)
    return out


def photos_of(db: Database, kind: str, record_id: str) -> list[AttachedPhoto]:
    """The photos (current revisions, not removed) attached to the record
    and to its duplicates: a photo names what it proves in
    `attached_to` {kind, id}."""
    ids = merged_ids(db, kind, record_id)
    rows = db.conn.execute(
        "SELECT json_extract(r.data, '$.attached_to.id'), r.data FROM current c "
        "JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
        "WHERE c.kind = 'photo' AND json_extract(r.data, '$.attached_to.kind') = ? "
        "AND json_extract(r.data, '$.attached_to.id') IN (SELECT value FROM json_each(?)) "
        "AND NOT coalesce(json_extract(r.data, '$.deleted'), 0)",
        (kind, json.dumps(ids))).fetchall()
    order = {rid: i for i, rid in enumerate(ids)}
    photos = [AttachedPhoto(target, Photo.model_validate_json(data)) for target, data in rows]
    return sorted(photos, key=lambda p: (order[p.record_id], p.photo.created_at, str(p.photo.id)))


def evidence_of(db: Database, kind: str, record_id: str) -> list[str]:
    """The kinds of evidence (现场核查, 群众随访, …) an innovation and its
    duplicates rest on, each once; a problem's evidence is its photos."""
    out: dict[str, None] = {}
    for rid in merged_ids(db, kind, record_id):
        row = db.conn.execute(
            "SELECT r.data FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
            "WHERE c.kind = ? AND c.id = ?", (kind, rid)).fetchone()
        if row is not None:
            out.update(dict.fromkeys(json.loads(row[0]).get("evidence", [])))
    return list(out)
