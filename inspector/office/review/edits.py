"""Office edits of a record: always a new revision, never an overwrite.

An office user corrects the wording of a problem or an innovation (a typo,
a category the inspector chose wrongly, a severity the office rates
otherwise). The result is a NEW revision in `records`, authored by
`office:<user>` on device `office`, that becomes the office's current one;
the inspector's revisions stay, and the history says who changed which
field from what to what, when and why. The laptop sees such a revision only
when an assignment carries it (its rev is above any the inspector holds).

`new_office_revision` is the one way the office writes a revision (edits
here, conflict resolutions, other office steps); `edit_record` is the
wording edit a reviewer makes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date

from pydantic import ValidationError
from sqlite_utils import Database

from inspector.models import Answer, FollowUp, Innovation, Photo, Problem, Visit

from . import REVIEWED_KINDS, ReviewRefused
from .states import now
from inspector.store.transaction import immediate

MODELS = {"visit": Visit, "answer": Answer, "problem": Problem, "innovation": Innovation, "follow_up": FollowUp,
          "photo": Photo}
# What a reviewer may reword; the rest (where, when, by whom, status) is the field's record.
EDITABLE = {
    "problem": ("description", "category", "severity", "responsible_unit", "deadline"),
    "innovation": ("title", "description", "category", "scenario", "replicable"),
}
# Fields a person types a vocabulary word for (code or name, in either language).
VOCABULARIES = {
    ("problem", "category"): "ProblemCategory", ("problem", "severity"): "Severity",
    ("problem", "scenario"): "Scenario", ("innovation", "category"): "InnovationCategory",
    ("innovation", "scenario"): "Scenario",
}
YES = frozenset({"yes", "true", "1", "y", "是", "对", "可"})
NO = frozenset({"no", "false", "0", "n", "否", "不", "不可"})
IDENTITY = ("id", "rev", "base_rev", "author", "device", "created_at", "updated_at")


def office_author(user: str) -> str:
    return f"office:{user}"


def current_record(conn: sqlite3.Connection, kind: str, record_id: str) -> tuple[int, dict] | None:
    """The office's current revision of a record and its data, or None."""
    row = conn.execute(
        "SELECT r.rev, r.data FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
        "WHERE c.kind = ? AND c.id = ?", (kind, record_id)).fetchone()
    return None if row is None else (row[0], json.loads(row[1]))


def highest_rev(conn: sqlite3.Connection, kind: str, record_id: str) -> int:
    """The highest revision known of a record, current or kept as a conflict:
    an office revision goes above every one, so no laptop holds its number."""
    row = conn.execute(
        "SELECT max(rev) FROM (SELECT rev FROM records WHERE kind = ?1 AND id = ?2 "
        "UNION ALL SELECT rev FROM conflicts WHERE kind = ?1 AND id = ?2)", (kind, record_id)).fetchone()
    return row[0] or 0


def new_office_revision(conn: sqlite3.Connection, kind: str, record_id: str, data: dict, *, by: str, at: str,
                        base_rev: int) -> int:
    """Store `data` (a whole record of `kind`) as the office's new current
    revision of it, inside the caller's transaction; returns its rev.

    Identity fields are set here: rev = 1 + the highest known, base_rev, author
    office:<by>, device office, updated_at `at`. The data is checked against
    the record's model (ReviewRefused "bad_value" naming the field). The
    review row, if any, follows the current revision and its version grows:
    whoever looked before this revision must look again."""
    model = MODELS[kind]
    rev = highest_rev(conn, kind, record_id) + 1
    body = {**data, "id": record_id, "rev": rev, "base_rev": base_rev, "author": office_author(by),
            "device": "office", "updated_at": at}
    try:
        record = model.model_validate(body)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field = ".".join(str(part) for part in error["loc"]) or "-"
        raise ReviewRefused("bad_value", kind=kind, id=record_id, field=field,
                            value=_shown(_at(body, error["loc"])), why=error["msg"]) from None
    text = record.model_dump_json()
    before = conn.execute("SELECT project_code, visit_id FROM records WHERE kind = ? AND id = ? AND rev = ?",
                          (kind, record_id, base_rev)).fetchone()
    project = getattr(record, "project_code", None) or (before[0] if before else None)
    visit = record_id if kind == "visit" else (
        str(record.visit_id) if getattr(record, "visit_id", None) else (before[1] if before else None))
    conn.execute(
        "INSERT INTO records (kind, id, rev, base_rev, author, device, project_code, visit_id, data, sha256, "
        "bundle_id) VALUES (?, ?, ?, ?, ?, 'office', ?, ?, ?, ?, NULL)",
        (kind, record_id, rev, base_rev, office_author(by), project, visit, text,
         hashlib.sha256(text.encode("utf-8")).hexdigest()))
    conn.execute("INSERT INTO current (kind, id, rev) VALUES (?, ?, ?) "
                 "ON CONFLICT(kind, id) DO UPDATE SET rev = excluded.rev", (kind, record_id, rev))
    if kind in REVIEWED_KINDS:
        conn.execute("UPDATE reviews SET rev = ?, version = version + 1 WHERE kind = ? AND id = ?",
                     (rev, kind, record_id))
    return rev


def parse_value(kind: str, field: str, text: str):
    """The value a person typed for an editable field, as the record stores
    it: a vocabulary word (较重, Major or major) as its code, a date, yes/no,
    empty for none. ReviewRefused naming the field when it cannot be one."""
    from inspector.inspection.dates import InvalidDate, parse_date
    from inspector.office.names import choices, normal, vocabulary_code

    if kind not in EDITABLE:
        raise ReviewRefused("not_editable_kind", kind=kind)
    if field not in EDITABLE[kind]:
        raise ReviewRefused("not_editable", kind=kind, field=field, fields=", ".join(EDITABLE[kind]))
    text = text.strip()
    vocabulary = VOCABULARIES.get((kind, field))
    if vocabulary is not None:
        code = vocabulary_code(vocabulary, text)
        if code is None:
            raise ReviewRefused("bad_choice", kind=kind, field=field, value=text, choices=choices(vocabulary, "en"),
                                vocabulary=vocabulary)
        return code
    if field == "deadline":
        if not text:
            return None
        try:
            return parse_date(text)
        except InvalidDate:
            raise ReviewRefused("bad_date", kind=kind, field=field, value=text) from None
    if field == "replicable":
        word = normal(text)
        if word in YES or word in NO:
            return word in YES
        raise ReviewRefused("bad_yes_no", kind=kind, field=field, value=text)
    if field == "responsible_unit" and not text:
        return None
    return text


def edit_record(db: Database, kind: str, record_id: str, changes: dict, *, by: str, reason: str, seen_rev: int,
                at: str | None = None) -> int:
    """Reword a problem or innovation: a new office revision with `changes`
    (field -> value, as parse_value gives), refused when the record's current
    revision is no longer `seen_rev` (someone, or ingest, changed it since)
    or the reason is empty. Returns the new rev."""
    reason = (reason or "").strip()
    if kind not in EDITABLE:
        raise ReviewRefused("not_editable_kind", kind=kind)
    if not reason:
        raise ReviewRefused("reason_needed")
    for field in changes:
        if field not in EDITABLE[kind]:
            raise ReviewRefused("not_editable", kind=kind, field=field, fields=", ".join(EDITABLE[kind]))
    if not changes:
        raise ReviewRefused("no_change", kind=kind, id=record_id)
    at = at or now()
    conn = db.conn
    with immediate(db):
        found = current_record(conn, kind, record_id)
        if found is None:
            raise ReviewRefused("unknown", kind=kind, id=record_id)
        rev, data = found
        if rev != seen_rev:
            raise ReviewRefused("edit_stale", kind=kind, id=record_id, rev=rev, seen=seen_rev)
        new = {field: _stored(value) for field, value in changes.items()}
        diff = {field: [data.get(field), value] for field, value in new.items() if data.get(field) != value}
        if not diff:
            raise ReviewRefused("no_change", kind=kind, id=record_id)
        if kind == "problem" and "deadline" in diff and new["deadline"] is not None:
            _check_deadline(conn, data, record_id, new["deadline"])
        new_rev = new_office_revision(conn, kind, record_id, {**data, **new}, by=by, at=at, base_rev=rev)
        detail = {**diff, "rev": [rev, new_rev]}
        text = json.dumps(detail, ensure_ascii=False, sort_keys=True)
        state = conn.execute("SELECT state FROM reviews WHERE kind = ? AND id = ?", (kind, record_id)).fetchone()
        conn.execute("INSERT INTO review_events (kind, id, rev, action, state, at, by, comment, detail) "
                     "VALUES (?, ?, ?, 'edit', ?, ?, ?, ?, ?)",
                     (kind, record_id, new_rev, state[0] if state else None, at, by, reason, text))
        conn.execute("INSERT INTO audit_log (at, user_id, action, subject, reason, detail) VALUES (?, ?, ?, ?, ?, ?)",
                     (at, by, "record.edit", f"{kind}:{record_id}", reason, text))
    return new_rev


def _check_deadline(conn: sqlite3.Connection, data: dict, record_id: str, deadline: str) -> None:
    """As on the laptop: a rectification deadline cannot come before the visit that found the problem."""
    visit = data.get("visit_id") and current_record(conn, "visit", data["visit_id"])
    if visit and deadline < visit[1].get("date", ""):
        raise ReviewRefused("deadline_before_visit", kind="problem", id=record_id, field="deadline",
                            value=deadline, visit=visit[1]["date"])


def _stored(value):
    """A value as the record's JSON holds it (dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def _at(body: dict, loc) -> object:
    value: object = body
    for part in loc:
        try:
            value = value[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"
