"""The steps a ledger entry goes through, each by a named member of staff.

待整改 → 整改中 → 申请销号 → 已销号, or back to 退回整改; from 整改中 the office
may decide a problem needs longer than a round (持续整改), from where the
unit still asks for closure in the end. Every step is one
short transaction: the entry's version grows, the step goes into
`ledger_events` (append-only) and the audit log, together or not at all.
Every step names the version its user saw; one based on a stale view, or
not allowed from where the entry stands now, is refused (`LedgerRefused`)
and nothing is written.

Approving a closure needs a *different* person from the one who asked for
it (four eyes), and evidence: a file the unit sent, or a field verdict of
'rectified'."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlite_utils import Database

from inspector.files import write_whole
from inspector.office import audit

from . import CONTINUING, DEFAULT_DAYS, RECTIFICATIONS, LedgerRefused
from inspector.store.transaction import immediate

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".xlsx", ".xls")
# A scanned reply or a phone photo fits easily; a video does not belong here.
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
SOON_DAYS = 7  # a deadline this close turns the light yellow

# Where each step may start from.
ALLOWED = {
    "set_terms": ("pending", "rectifying", "returned", "close_requested", CONTINUING),
    "start": ("pending", "returned"),
    "reply": ("pending", "rectifying", "returned", CONTINUING),
    "approve": ("close_requested",),
    "return": ("close_requested",),
    "extend": ("pending", "rectifying", "returned", "close_requested", CONTINUING),
    # Only once rectification is under way can the office judge it needs longer.
    "continue": ("rectifying",),
}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def light(status: str, deadline: str | date | None, today: date) -> str | None:
    """red: overdue, or returned (the unit's answer did not do); yellow: due
    within a week; green otherwise, and for 持续整改 (its deadline is a stage,
    not a due date: the office agreed it takes longer); a closed entry has none."""
    if status == "closed":
        return None
    if status == "returned":
        return "red"
    if deadline is None or status == CONTINUING:
        return "green"
    due = deadline if isinstance(deadline, date) else date.fromisoformat(str(deadline)[:10])
    if due < today:
        return "red"
    if (due - today).days <= SOON_DAYS:
        return "yellow"
    return "green"


def evidence_folder(db: Database | sqlite3.Connection) -> Path:
    """`evidence/` beside the office database (like photos/)."""
    conn = getattr(db, "conn", db)
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file).parent / "evidence"
    raise LedgerRefused("no_folder")


@dataclass(frozen=True)
class Evidence:
    """A file the unit sent, read and checked before anything is written."""

    name: str
    kind: str  # photo | document
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_evidence(path: Path) -> Evidence:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in PHOTO_SUFFIXES:
        kind = "photo"
    elif suffix in DOCUMENT_SUFFIXES:
        kind = "document"
    else:
        raise LedgerRefused("bad_file_kind", file=str(path), kinds=" ".join(PHOTO_SUFFIXES + DOCUMENT_SUFFIXES))
    try:
        size = path.stat().st_size
        if size > MAX_EVIDENCE_BYTES:
            raise LedgerRefused("file_too_big", file=str(path), mb=MAX_EVIDENCE_BYTES // (1024 * 1024))
        data = path.read_bytes()
    except OSError as exc:
        raise LedgerRefused("file_unreadable", file=str(path), error=exc) from None
    if not data:
        raise LedgerRefused("file_empty", file=str(path))
    return Evidence(path.name, kind, data)


# -- the common frame of every step --------------------------------------------------------


def _entry(conn: sqlite3.Connection, problem_id: str) -> sqlite3.Row:
    row = conn.execute(
        "SELECT problem_id, number, status, deadline, rectification, unit_id, opened_at, requested_by, version "
        "FROM ledger WHERE problem_id = ?", (problem_id,)).fetchone()
    if row is None:
        raise LedgerRefused("unknown", problem=problem_id)
    return dict(zip(("problem_id", "number", "status", "deadline", "rectification", "unit_id", "opened_at",
                     "requested_by", "version"), row))


def _check(entry: dict, step: str, seen_version: int) -> None:
    if entry["version"] != seen_version:
        raise LedgerRefused("stale", number=entry["number"])
    if entry["status"] not in ALLOWED[step]:
        raise LedgerRefused("not_allowed", number=entry["number"], step=step, status=entry["status"])


def _reason(reason: str | None, *, needed: bool) -> str | None:
    reason = (reason or "").strip() or None
    if needed and reason is None:
        raise LedgerRefused("reason_needed")
    return reason


def _date(value: str | date, field: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise LedgerRefused("bad_date", field=field, value=str(value)) from None


def _write(conn: sqlite3.Connection, entry: dict, step: str, *, by: str, at: str, reason: str | None,
           status: str | None = None, changes: dict | None = None, detail: dict | None = None) -> int:
    """The entry's new state, its event and its audit line; returns the new version."""
    changes = dict(changes or {})
    if status is not None:
        changes["status"] = status
    columns = "".join(f"{name} = ?, " for name in changes)
    conn.execute(f"UPDATE ledger SET {columns}version = version + 1 WHERE problem_id = ?",
                 (*changes.values(), entry["problem_id"]))
    event_detail = json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None
    conn.execute("INSERT INTO ledger_events (problem_id, action, status, at, by, reason, detail) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (entry["problem_id"], step, status or entry["status"], at, by, reason, event_detail))
    audit.record(conn, by, f"ledger.{step}", entry["number"], reason=reason,
                 detail={"problem": entry["problem_id"], **(detail or {})}, at=at)
    return entry["version"] + 1


# -- the steps --------------------------------------------------------------------------


def set_terms(db: Database, problem_id: str, *, rectification: str | None = None, deadline: str | date | None = None,
              unit_id: str | None = None, by: str, reason: str | None, seen_version: int,
              at: str | None = None) -> int:
    """Who must fix it, how, by when. A new type without a date gets that
    type's default deadline (counted from the day the entry was opened)."""
    reason = _reason(reason, needed=True)
    if rectification is not None and rectification not in RECTIFICATIONS:
        raise LedgerRefused("bad_rectification", value=rectification)
    new_deadline = None if deadline is None else _date(deadline, "deadline")
    at = at or now()
    conn = db.conn
    with immediate(db):
        entry = _entry(conn, problem_id)
        _check(entry, "set_terms", seen_version)
        changes: dict = {}
        if rectification is not None and rectification != entry["rectification"]:
            changes["rectification"] = rectification
            if new_deadline is None:
                opened = datetime.fromisoformat(entry["opened_at"]).astimezone().date()
                new_deadline = (opened + timedelta(days=DEFAULT_DAYS[rectification])).isoformat()
        if new_deadline is not None and new_deadline != entry["deadline"]:
            if new_deadline < entry["opened_at"][:10]:
                raise LedgerRefused("deadline_before_opened", value=new_deadline, opened=entry["opened_at"][:10])
            changes["deadline"] = new_deadline
        if unit_id is not None and unit_id != entry["unit_id"]:
            unit = conn.execute("SELECT disabled_at FROM units WHERE id = ?", (unit_id,)).fetchone()
            if unit is None:
                raise LedgerRefused("unknown_unit", unit=unit_id)
            if unit[0] is not None:
                raise LedgerRefused("unit_disabled", unit=unit_id)
            changes["unit_id"] = unit_id
        if not changes:
            raise LedgerRefused("no_change", number=entry["number"])
        before = {name: entry[name] for name in changes}
        return _write(conn, entry, "set_terms", by=by, at=at, reason=reason, changes=changes,
                      detail={"before": before, "after": changes})


def start(db: Database, problem_id: str, *, by: str, reason: str | None = None, seen_version: int,
          at: str | None = None) -> int:
    """The unit has begun (待整改 or 退回整改 → 整改中)."""
    reason = _reason(reason, needed=False)
    at = at or now()
    with immediate(db):
        entry = _entry(db.conn, problem_id)
        _check(entry, "start", seen_version)
        return _write(db.conn, entry, "start", by=by, at=at, reason=reason, status="rectifying")


def reply(db: Database, problem_id: str, *, measures: str, replied_on: str | date, files: list[Path] = (),
          by: str, reason: str | None = None, seen_version: int, at: str | None = None) -> int:
    """The unit's answer, recorded at the office (申请销号): what was done,
    when, and the documents and photos it sent, kept whole under
    evidence/<sha256> beside the office database."""
    reason = _reason(reason, needed=False)
    measures = (measures or "").strip()
    if not measures:
        raise LedgerRefused("measures_needed")
    replied = _date(replied_on, "date")
    evidence = [read_evidence(Path(f)) for f in files]  # every file checked before anything is written
    at = at or now()
    if replied > datetime.fromisoformat(at).astimezone().date().isoformat():  # the user's today, not UTC's
        raise LedgerRefused("reply_in_future", value=replied)
    conn = db.conn
    with immediate(db):
        entry = _entry(conn, problem_id)
        _check(entry, "reply", seen_version)
        folder = evidence_folder(conn) if evidence else None
        for item in evidence:
            # Content-addressed: the same bytes twice are one file; a file left by a
            # transaction that then failed is harmless (nothing names it).
            target = folder / item.sha256
            if not target.exists():
                write_whole(target, item.data)
        reply_id = str(uuid.uuid4())
        conn.execute("INSERT INTO ledger_replies (id, problem_id, measures, replied_on, recorded_at, recorded_by) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (reply_id, problem_id, measures, replied, at, by))
        conn.executemany(
            "INSERT OR IGNORE INTO ledger_evidence (reply_id, sha256, name, kind, size) VALUES (?, ?, ?, ?, ?)",
            [(reply_id, e.sha256, e.name, e.kind, len(e.data)) for e in evidence])
        return _write(conn, entry, "reply", by=by, at=at, reason=reason, status="close_requested",
                      changes={"requested_at": at, "requested_by": by},
                      detail={"reply": reply_id, "replied_on": replied, "files": [e.name for e in evidence]})


def has_evidence(conn: sqlite3.Connection, problem_id: str) -> bool:
    """A file on one of the unit's replies, or a field verdict of 'rectified'."""
    if conn.execute("SELECT 1 FROM ledger_evidence e JOIN ledger_replies r ON r.id = e.reply_id "
                    "WHERE r.problem_id = ? LIMIT 1", (problem_id,)).fetchone():
        return True
    return conn.execute("SELECT 1 FROM ledger_events WHERE problem_id = ? AND action = 'verdict' "
                        "AND json_extract(detail, '$.verdict') = 'rectified' LIMIT 1", (problem_id,)).fetchone() \
        is not None


def approve(db: Database, problem_id: str, *, by: str, reason: str | None = None, seen_version: int,
            at: str | None = None) -> int:
    """已销号: by someone other than who asked, with evidence."""
    reason = _reason(reason, needed=False)
    at = at or now()
    conn = db.conn
    with immediate(db):
        entry = _entry(conn, problem_id)
        _check(entry, "approve", seen_version)
        if entry["requested_by"] == by:
            raise LedgerRefused("same_user", number=entry["number"])
        if not has_evidence(conn, problem_id):
            raise LedgerRefused("no_evidence", number=entry["number"])
        return _write(conn, entry, "approve", by=by, at=at, reason=reason, status="closed",
                      changes={"closed_at": at, "closed_by": by})


def return_(db: Database, problem_id: str, *, by: str, reason: str | None, seen_version: int,
            at: str | None = None) -> int:
    """退回整改: the unit's answer does not do; the reason says why."""
    reason = _reason(reason, needed=True)
    at = at or now()
    with immediate(db):
        entry = _entry(db.conn, problem_id)
        _check(entry, "return", seen_version)
        return _write(db.conn, entry, "return", by=by, at=at, reason=reason, status="returned",
                      changes={"requested_at": None, "requested_by": None})


def extend(db: Database, problem_id: str, *, to: str | date, by: str, reason: str | None, seen_version: int,
           at: str | None = None) -> int:
    """A later deadline, with a reason; the event keeps the old one."""
    reason = _reason(reason, needed=True)
    new = _date(to, "deadline")
    at = at or now()
    with immediate(db):
        entry = _entry(db.conn, problem_id)
        _check(entry, "extend", seen_version)
        if entry["deadline"] is not None and new <= entry["deadline"]:
            raise LedgerRefused("not_later", number=entry["number"], value=new, deadline=entry["deadline"])
        return _write(db.conn, entry, "extend", by=by, at=at, reason=reason, changes={"deadline": new},
                      detail={"from": entry["deadline"], "to": new})


def continue_(db: Database, problem_id: str, *, by: str, reason: str | None, seen_version: int,
              until: str | date | None = None, at: str | None = None) -> int:
    """持续整改: the office decides a problem being rectified cannot close within
    the round (a building to finish, a budget year to wait). The reason says
    why; the plan becomes long-term (长期整改); `until`, if given, is the next
    stage's date and must be later than the current deadline. The entry stays
    open but is no longer counted overdue."""
    reason = _reason(reason, needed=True)
    new = None if until is None else _date(until, "deadline")
    at = at or now()
    with immediate(db):
        entry = _entry(db.conn, problem_id)
        _check(entry, "continue", seen_version)
        changes: dict = {}
        if entry["rectification"] != "ongoing":
            changes["rectification"] = "ongoing"
        if new is not None:
            if entry["deadline"] is not None and new <= entry["deadline"]:
                raise LedgerRefused("not_later", number=entry["number"], value=new, deadline=entry["deadline"])
            changes["deadline"] = new
        detail = {"before": {name: entry[name] for name in changes}, "after": changes} if changes else None
        return _write(db.conn, entry, "continue", by=by, at=at, reason=reason, status=CONTINUING, changes=changes,
                      detail=detail)
