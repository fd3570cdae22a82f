"""Everything the office knows about one received record, for a reviewer to
judge it: its current fields, the checklist item and answer it came from, its
photos, each revision beside the one before (which fields changed, who wrote
it), its history (review and ledger steps, comments) and conflicts kept.

Language-free: fields and values stay codes; the interface words them.
"""

from __future__ import annotations

import heapq
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from . import REVIEWED_KINDS

# Identity fields every record carries: shown apart, after what the record says.
IDENTITY = ("id", "rev", "base_rev", "author", "device", "created_at", "updated_at")
# What a record points at by id: shown as the thing it points at, not a UUID.
LINKS = ("visit_id", "problem_id", "item", "history")


@dataclass(frozen=True)
class ItemSource:
    template: str
    version: int
    item: str
    prompt: str | None  # None: the office does not hold that template version
    prompt_en: str | None
    answer: dict | None  # the visit's current answer to the item, if received


@dataclass(frozen=True)
class PhotoInfo:
    id: str
    sha256: str
    original_name: str
    caption: str
    taken_at: str | None
    attached_to: str  # kind of record it proves (answer, problem, ...)
    path: Path | None  # the file in the office's photo store; None when it has not arrived


@dataclass(frozen=True)
class Revision:
    rev: int
    base_rev: int | None
    author: str
    author_name: str
    written_at: str
    current: bool
    conflict: bool  # kept at ingest as a conflict, not made current
    changes: list[tuple[str, object, object]]  # (field, before, after) against the revision it was based on


@dataclass(frozen=True)
class Event:
    at: str
    by: str | None
    by_name: str
    source: str  # review | ledger
    action: str
    state: str | None
    comment: str | None


@dataclass(frozen=True)
class ConflictInfo:
    bundle: str
    rev: int
    base_rev: int | None
    office_rev: int | None
    author: str
    author_name: str
    kept_at: str
    resolved_at: str | None
    resolved_by: str | None
    differs: list[tuple[str, object, object]]  # (field, office's current, inspector's)


@dataclass
class RecordDetail:
    kind: str
    id: str
    rev: int
    data: dict
    fields: list[tuple[str, object]]  # what the record says, in its own order
    identity: list[tuple[str, object]]
    project_code: str
    project_name: str
    city: str
    author: str
    author_name: str
    state: str | None
    version: int | None  # the review version a change must name
    review_by: str | None  # who set the state (a member of staff's name), or ingested the revision
    review_comment: str | None
    ledger: dict | None  # number, status, rectification, deadline, unit
    visit: dict | None  # the visit it was recorded on (date, note, status)
    problem: dict | None  # a verdict's problem (description, severity)
    source: ItemSource | None
    photos: list[PhotoInfo] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    history: list[Event] = field(default_factory=list)
    conflicts: list[ConflictInfo] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # a visit: how many answers, problems, ... it holds


class NotFound(LookupError):
    pass


def _current(conn, kind: str, record_id: str):
    return conn.execute(
        "SELECT r.rev, r.data, r.project_code, r.visit_id FROM current c JOIN records r "
        "ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev WHERE c.kind = ? AND c.id = ?",
        (kind, record_id)).fetchone()


def _names(conn) -> dict[str, str]:
    names = dict(conn.execute("SELECT id, name FROM inspectors").fetchall())
    for uid, name in conn.execute("SELECT id, name FROM office_users"):
        names[uid] = name
        names[f"office:{uid}"] = name
    return names


def differences(before: dict, after: dict) -> list[tuple[str, object, object]]:
    """Fields whose value differs, in `after`'s order (then those only `before` has);
    identity fields (rev, timestamps) are not a change of what the record says."""
    keys = [k for k in after if k not in IDENTITY] + [k for k in before if k not in after and k not in IDENTITY]
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


def record_detail(db: Database, kind: str, record_id: str, *, photo_store: Path | None = None) -> RecordDetail:
    """`photo_store`: the office's photo folder (default: `photos` beside the database)."""
    from inspector.photos.library import PhotoLibrary

    from ..ingest import OfficePaths

    if kind not in REVIEWED_KINDS:
        raise NotFound(kind)
    conn = db.conn
    found = _current(conn, kind, record_id)
    if found is None:
        raise NotFound(f"{kind}:{record_id}")
    rev, raw, project_code, visit_id = found
    data = json.loads(raw)
    names = _names(conn)
    project = conn.execute("SELECT name, city FROM projects WHERE code = ?", (project_code,)).fetchone()
    first_author = conn.execute("SELECT author FROM records WHERE kind = ? AND id = ? ORDER BY rev LIMIT 1",
                                (kind, record_id)).fetchone()[0]
    review = conn.execute("SELECT state, version, by, comment FROM reviews WHERE kind = ? AND id = ?",
                          (kind, record_id)).fetchone() or (None, None, None, None)
    detail = RecordDetail(
        kind=kind, id=record_id, rev=rev, data=data,
        fields=[(k, v) for k, v in data.items() if k not in IDENTITY and k not in LINKS],
        identity=[(k, data.get(k)) for k in IDENTITY if k in data],
        project_code=project_code or "", project_name=project[0] if project else (project_code or ""),
        city=project[1] if project else "", author=first_author, author_name=names.get(first_author, first_author),
        state=review[0], version=review[1], review_by=names.get(review[2], review[2]), review_comment=review[3],
        ledger=_ledger(conn, record_id) if kind == "problem" else None,
        visit=_visit(conn, visit_id if kind != "visit" else None),
        problem=_problem(conn, data.get("problem_id")) if kind == "follow_up" else None,
        source=_source(conn, data.get("item"), visit_id),
    )
    store = PhotoLibrary(photo_store or OfficePaths.beside(Path(_db_path(conn))).photos)
    detail.photos = _photos(conn, kind, record_id, visit_id, detail.source, store)
    detail.revisions = _revisions(conn, kind, record_id, rev, names)
    detail.history = _history(conn, kind, record_id, names)
    detail.conflicts = _conflicts(conn, kind, record_id, data, names)
    if kind == "visit":
        detail.counts = dict(conn.execute(
            "SELECT c.kind, count(*) FROM records r JOIN current c ON c.kind = r.kind AND c.id = r.id "
            "AND c.rev = r.rev WHERE r.visit_id = ? AND r.kind != 'visit' GROUP BY c.kind", (record_id,)).fetchall())
    return detail


def _db_path(conn) -> str:
    return conn.execute("PRAGMA main.database_list").fetchone()[2] or "."


def _ledger(conn, problem_id: str) -> dict | None:
    row = conn.execute(
        "SELECT l.number, l.status, l.rectification, l.deadline, u.name, l.version FROM ledger l "
        "LEFT JOIN units u ON u.id = l.unit_id WHERE l.problem_id = ?", (problem_id,)).fetchone()
    if row is None:
        return None
    return dict(zip(("number", "status", "rectification", "deadline", "unit", "version"), row))


def _visit(conn, visit_id: str | None) -> dict | None:
    if not visit_id:
        return None
    row = _current(conn, "visit", visit_id)
    if row is None:
        return None
    data = json.loads(row[1])
    return {"id": visit_id, "date": data.get("date"), "status": data.get("status"), "note": data.get("note", ""),
            "inspectors": data.get("inspectors", [])}


def _problem(conn, problem_id: str | None) -> dict | None:
    row = _current(conn, "problem", problem_id) if problem_id else None
    if row is None:
        return None
    data = json.loads(row[1])
    number = conn.execute("SELECT number FROM ledger WHERE problem_id = ?", (problem_id,)).fetchone()
    return {"id": problem_id, "description": data.get("description"), "severity": data.get("severity"),
            "category": data.get("category"), "number": number[0] if number else None}


def _source(conn, item: dict | None, visit_id: str | None) -> ItemSource | None:
    if not item:
        return None
    prompt = conn.execute(
        "SELECT json_extract(i.value, '$.prompt'), json_extract(i.value, '$.prompt_en') "
        "FROM templates t, json_each(t.data, '$.sections') s, json_each(s.value, '$.items') i "
        "WHERE t.id = ? AND t.version = ? AND json_extract(i.value, '$.id') = ?",
        (item.get("template"), item.get("version"), item.get("item"))).fetchone()
    answer = None
    if visit_id:
        row = conn.execute(
            "SELECT r.data FROM records r JOIN current c ON c.kind = r.kind AND c.id = r.id AND c.rev = r.rev "
            "WHERE r.visit_id = ? AND r.kind = 'answer' AND json_extract(r.data, '$.item.template') = ? "
            "AND json_extract(r.data, '$.item.item') = ?",
            (visit_id, item.get("template"), item.get("item"))).fetchone()
        answer = json.loads(row[0]) if row else None
    return ItemSource(item.get("template"), item.get("version"), item.get("item"),
                      prompt[0] if prompt else None, prompt[1] if prompt else None, answer)


def _photos(conn, kind, record_id, visit_id, source: ItemSource | None, store) -> list[PhotoInfo]:
    """Photos proving the record and, for one raised from an item, the answer's.
    A visit shows every photo taken on it."""
    targets = [(kind, record_id)]
    if source is not None and source.answer is not None:
        targets.append(("answer", source.answer["id"]))
    visit = record_id if kind == "visit" else visit_id
    if not visit:
        return []
    where = "" if kind == "visit" else (
        "AND EXISTS (SELECT 1 FROM json_each(?) t WHERE json_extract(t.value, '$[0]') = "
        "json_extract(r.data, '$.attached_to.kind') AND json_extract(t.value, '$[1]') = "
        "json_extract(r.data, '$.attached_to.id'))")
    params = [visit] + ([] if kind == "visit" else [json.dumps(targets)])
    out = []
    for raw, in conn.execute(
            "SELECT r.data FROM records r JOIN current c ON c.kind = r.kind AND c.id = r.id AND c.rev = r.rev "
            f"WHERE r.visit_id = ? AND r.kind = 'photo' {where} ORDER BY json_extract(r.data, '$.taken_at'), r.id",
            params):
        data = json.loads(raw)
        if data.get("deleted"):
            continue
        path = store.path(data["sha256"])
        out.append(PhotoInfo(data["id"], data["sha256"], data.get("original_name", ""), data.get("caption", ""),
                             data.get("taken_at"), data.get("attached_to", {}).get("kind", ""),
                             path if path.is_file() else None))
    if kind in ("problem", "innovation"):
        out += _duplicates_photos(conn, kind, record_id, store)
    return out


def _duplicates_photos(conn, kind, record_id, store) -> list[PhotoInfo]:
    """A record others were merged into keeps their photos as its own evidence
    (taken on their visits, often by another inspector)."""
    from types import SimpleNamespace

    from .duplicates import photos_of

    out = []
    for attached in photos_of(SimpleNamespace(conn=conn), kind, record_id):
        if attached.record_id == record_id:
            continue  # its own: listed above, with the answer's
        photo = attached.photo
        path = store.path(photo.sha256)
        out.append(PhotoInfo(str(photo.id), photo.sha256, photo.original_name or "", photo.caption or "",
                             photo.model_dump(mode="json").get("taken_at"), kind,
                             path if path.is_file() else None))
    return out


def _revisions(conn, kind, record_id, current_rev, names) -> list[Revision]:
    """Every revision the office holds, current or kept as a conflict, oldest
    first, each with what it changed against the revision it was based on."""
    rows = [(rev, base, author, json.loads(raw), False) for rev, base, author, raw in conn.execute(
        "SELECT rev, base_rev, author, data FROM records WHERE kind = ? AND id = ? ORDER BY rev", (kind, record_id))]
    known = {r[0] for r in rows}
    rows += [(rev, base, author, json.loads(raw), True) for rev, base, author, raw in conn.execute(
        "SELECT rev, base_rev, author, data FROM conflicts WHERE kind = ? AND id = ? ORDER BY rev, kept_at",
        (kind, record_id)) if rev not in known]
    rows.sort(key=lambda r: (r[0], r[4]))
    by_rev = {r[0]: r[3] for r in rows if not r[4]}
    out = []
    previous: dict = {}
    for rev, base, author, data, conflict in rows:
        before = by_rev.get(base) if base is not None else None
        if before is None:
            before = previous if out else {}
        out.append(Revision(rev, base, author, names.get(author, author), data.get("updated_at", ""),
                            rev == current_rev and not conflict, conflict,
                            differences(before, data) if out else []))
        if not conflict:
            previous = data
    return out


def _history(conn, kind, record_id, names) -> list[Event]:
    events = [Event(at, by, names.get(by, by or ""), "review", action, state, comment)
              for at, by, action, state, comment in conn.execute(
                  "SELECT at, by, action, state, comment FROM review_events WHERE kind = ? AND id = ? ORDER BY seq",
                  (kind, record_id))]
    if kind == "problem":
        ledger = [Event(at, by, names.get(by, by or ""), "ledger", action, status, reason)
                  for at, by, action, status, reason in conn.execute(
                      "SELECT at, by, action, status, reason FROM ledger_events WHERE problem_id = ? ORDER BY seq",
                      (record_id,))]
        # Each history keeps its own order (times written by laptops and by the
        # office need not agree); the two are interleaved by time.
        events = list(heapq.merge(events, ledger, key=lambda e: _when(e.at)))
    return events


def _when(at: str) -> datetime:
    try:
        moment = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return datetime.min.replace(tzinfo=timezone.utc)
    # To the second: ingest writes microseconds, review steps whole seconds.
    moment = moment.replace(microsecond=0)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _conflicts(conn, kind, record_id, data, names) -> list[ConflictInfo]:
    return [ConflictInfo(bundle, rev, base, office_rev, author, names.get(author, author), kept, resolved,
                         resolved_by, differences(data, json.loads(raw)))
            for bundle, rev, base, office_rev, author, raw, kept, resolved, resolved_by in conn.execute(
                "SELECT bundle_id, rev, base_rev, office_rev, author, data, kept_at, resolved_at, resolved_by "
                "FROM conflicts WHERE kind = ? AND id = ? ORDER BY kept_at, rev", (kind, record_id))]
