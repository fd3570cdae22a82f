"""Office staff and the audit log (issue 11, items 1 and 10): who acts at the
office, and a record of every action that nothing can rewrite."""

from __future__ import annotations

import sqlite3

import pytest

from inspector.office import audit, staff
from inspector.office.db import open_office_db
from inspector.office.staff import StaffRefused


@pytest.fixture
def db(tmp_path):
    database = open_office_db(tmp_path / "office.db")
    yield database
    database.close()


def refused(code: str, call, *args, **kwargs) -> StaffRefused:
    with pytest.raises(StaffRefused) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return caught.value


def test_first_user_registers_themselves_then_only_staff_add_staff(db):
    refused("nobody_yet", staff.acting, db, None)
    first = staff.add(db, "liming", " 李  明 ", by=None)
    assert (first.id, first.name, first.added_by, first.active) == ("liming", "李 明", "liming", True)
    refused("who", staff.add, db, "wangfang", "王芳", by=None)  # the bootstrap works once
    refused("unknown", staff.add, db, "wangfang", "王芳", by="nobody")
    staff.add(db, "wangfang", "王芳", by="liming")
    refused("exists", staff.add, db, "wangfang", "王芳", by="liming")
    assert [u.id for u in staff.users(db)] == ["liming", "wangfang"]
    assert [(e.user, e.action, e.subject) for e in audit.entries(db)] == [
        ("liming", "user.add", "liming"), ("liming", "user.add", "wangfang")]


@pytest.mark.parametrize("user_id", ["", "LiMing", "1li", "li ming", "李明", "a" * 33, "li\nming"])
def test_bad_ids_are_refused_and_nothing_is_stored(db, user_id):
    refused("bad_id", staff.add, db, user_id, "李明", by=None)
    assert staff.users(db) == [] and audit.entries(db) == []


def test_names_must_be_there_and_short(db):
    refused("bad_name", staff.add, db, "liming", "  ", by=None)
    refused("bad_name", staff.add, db, "liming", "李" * 41, by=None)
    assert staff.users(db) == []


def test_acting_needs_a_registered_active_user(db):
    staff.add(db, "liming", "李明", by=None)
    staff.add(db, "wangfang", "王芳", by="liming")
    refused("who", staff.acting, db, None)
    refused("unknown", staff.acting, db, "zhaolei")
    assert staff.acting(db, "wangfang").name == "王芳"
    refused("reason", staff.disable, db, "wangfang", by="liming", reason="  ")
    refused("not_self", staff.disable, db, "liming", by="liming", reason="调岗")
    staff.disable(db, "wangfang", by="liming", reason="调岗")
    refused("disabled", staff.acting, db, "wangfang")
    refused("disabled", staff.disable, db, "liming", by="wangfang", reason="x")  # a disabled user cannot act
    refused("already_disabled", staff.disable, db, "wangfang", by="liming", reason="again")
    last = audit.entries(db)[-1]
    assert (last.user, last.action, last.subject, last.reason) == ("liming", "user.disable", "wangfang", "调岗")


def test_the_log_and_staff_cannot_be_rewritten_or_removed(db, tmp_path):
    staff.add(db, "liming", "李明", by=None)
    raw = sqlite3.connect(tmp_path / "office.db")
    for sql in ("UPDATE audit_log SET user_id = 'someone'", "DELETE FROM audit_log",
                "INSERT OR REPLACE INTO audit_log (seq, at, user_id, action) VALUES (1, 'x', 'y', 'z')",
                "DELETE FROM office_users"):
        with pytest.raises(sqlite3.DatabaseError, match="never|disabled, never deleted"):
            raw.execute(sql)
    raw.close()
    assert [(e.seq, e.user, e.action) for e in audit.entries(db)] == [(1, "liming", "user.add")]
    assert [u.id for u in staff.users(db)] == ["liming"]


def test_an_action_and_its_entry_are_stored_together(db):
    staff.add(db, "liming", "李明", by=None)
    with pytest.raises(RuntimeError):
        with db.atomic():
            audit.record(db, "liming", "bundle.ingest", "bundle-1", detail={"records": 3})
            raise RuntimeError("the change itself failed")
    assert [e.action for e in audit.entries(db)] == ["user.add"]


def test_entries_filter_by_time_and_user(db):
    staff.add(db, "liming", "李明", by=None)
    staff.add(db, "wangfang", "王芳", by="liming")
    with db.atomic():
        audit.record(db, "wangfang", "review.confirm", "problem 7", reason="证据充分", detail={"n": 1},
                     at="2027-01-02T03:00:00+00:00")
    assert [e.subject for e in audit.entries(db, user="wangfang")] == ["problem 7"]
    later = audit.entries(db, since="2027-01-01")
    assert [(e.action, e.reason, e.detail) for e in later] == [("review.confirm", "证据充分", {"n": 1})]
