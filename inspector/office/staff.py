"""The office's staff: every office command and screen acts as one of them.

Every step at the office is attributed to a named person, and closure (销号)
must be approved by someone other than who asked for it: so staff are
registered by id and name, and disabled (never deleted) when they leave.
Registering the first one needs nobody to act as; after that, only an active
member of staff adds or disables others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database

from inspector.i18n import t

from . import audit
from inspector.store.transaction import immediate

USER_ID = re.compile(r"[a-z][a-z0-9._-]{0,31}")
MAX_NAME = 40


class StaffRefused(Exception):
    """Nothing was changed. `code` names the i18n text "staff.<code>"."""

    def __init__(self, code: str, **params: object):
        self.code, self.params = code, params
        super().__init__(t(f"staff.{code}", "en", **params))


@dataclass(frozen=True)
class OfficeUser:
    id: str
    name: str
    added_at: str
    added_by: str | None
    disabled_at: str | None

    @property
    def active(self) -> bool:
        return self.disabled_at is None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _row(row) -> OfficeUser:
    return OfficeUser(*row)


def users(db: Database) -> list[OfficeUser]:
    return [_row(r) for r in db.conn.execute(
        "SELECT id, name, added_at, added_by, disabled_at FROM office_users ORDER BY id")]


def find(db: Database, user_id: str) -> OfficeUser | None:
    row = db.conn.execute("SELECT id, name, added_at, added_by, disabled_at FROM office_users WHERE id = ?",
                          (user_id,)).fetchone()
    return None if row is None else _row(row)


def acting(db: Database, user_id: str | None) -> OfficeUser:
    """The member of staff a command acts as: registered and not disabled.
    With nobody registered yet, says how to register the first one."""
    if not user_id:
        if db.conn.execute("SELECT 1 FROM office_users LIMIT 1").fetchone() is None:
            raise StaffRefused("nobody_yet")
        raise StaffRefused("who")
    user = find(db, user_id)
    if user is None:
        raise StaffRefused("unknown", user=user_id)
    if not user.active:
        raise StaffRefused("disabled", user=user_id, name=user.name)
    return user


def add(db: Database, user_id: str, name: str, *, by: str | None) -> OfficeUser:
    """Register a member of staff. `by` may be None only for the first one."""
    user_id, name = user_id.strip(), " ".join(name.split())
    if not USER_ID.fullmatch(user_id):
        raise StaffRefused("bad_id", user=user_id)
    if not name or len(name) > MAX_NAME:
        raise StaffRefused("bad_name", max=MAX_NAME)
    with immediate(db):
        # Inside the transaction: two first users registered at once must not
        # both pass as "the first".
        first = db.conn.execute("SELECT 1 FROM office_users LIMIT 1").fetchone() is None
        if by is None and not first:
            raise StaffRefused("who")
        actor = user_id if by is None else acting(db, by).id
        if find(db, user_id) is not None:
            raise StaffRefused("exists", user=user_id)
        at = _now()
        db.conn.execute("INSERT INTO office_users (id, name, added_at, added_by) VALUES (?, ?, ?, ?)",
                        (user_id, name, at, actor))
        audit.record(db, actor, "user.add", user_id, detail={"name": name}, at=at)
    return find(db, user_id)


def disable(db: Database, user_id: str, *, by: str, reason: str) -> OfficeUser:
    """Disable a member of staff: they can no longer act; what they did stays theirs."""
    reason = " ".join(reason.split())
    if not reason:
        raise StaffRefused("reason")
    with immediate(db):
        actor = acting(db, by)
        user = find(db, user_id)
        if user is None:
            raise StaffRefused("unknown", user=user_id)
        if not user.active:
            raise StaffRefused("already_disabled", user=user_id)
        if user.id == actor.id:
            raise StaffRefused("not_self")
        at = _now()
        db.conn.execute("UPDATE office_users SET disabled_at = ?, disabled_by = ? WHERE id = ?",
                        (at, actor.id, user_id))
        audit.record(db, actor.id, "user.disable", user_id, reason=reason, at=at)
    return find(db, user_id)
