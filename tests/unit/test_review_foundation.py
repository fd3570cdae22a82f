"""Review states at the office: received at ingest, set one by one or in
bulk, refused when stale; a confirmed problem gets its ledger number; the
queue filters as the reviewer types."""

from __future__ import annotations

import sqlite3

import pytest

import bundles as B
from inspector.office.db import open_office_db
from inspector.office.review import ReviewRefused
from inspector.office.review import queue as Q
from inspector.office.review.states import Seen, comment, set_state
from support import STAFF as _STAFF

STAFF = _STAFF[0]


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    office = B.make_office(tmp_path)
    office.catalogue()
    result = office.ingest(office.file(office.bundle()))
    assert result.exit_code == 0, result.output
    return office


def seen(db, kind):
    (row,) = [r for r in Q.load(db) if r.kind == kind]
    return Seen(row.kind, row.id, row.version)


def test_what_ingest_applies_awaits_review(office):
    db = open_office_db(office.db)
    rows = Q.load(db)
    assert sorted(r.kind for r in rows) == ["follow_up", "innovation", "problem", "visit"]
    assert {r.state for r in rows} == {"received"}
    assert {r.inspector_name for r in rows} == {"张伟"}
    assert office.rows("SELECT action FROM review_events") == [("received",)] * 4


def test_confirming_a_problem_numbers_it_in_the_ledger_once(office):
    db = open_office_db(office.db)
    changed = set_state(db, [seen(db, "problem")], "confirmed", by=STAFF)
    assert changed.changed == 1
    (number,) = changed.numbered
    assert number == "2026-2-HZ-001"
    (problem,) = [r for r in Q.load(db) if r.kind == "problem"]
    assert problem.state == "confirmed" and problem.number == number
    # queried, then confirmed again: the number stays, none is added
    set_state(db, [seen(db, "problem")], "query", by=STAFF, comment="照片看不清")
    assert set_state(db, [seen(db, "problem")], "confirmed", by=STAFF).numbered == []
    assert office.rows("SELECT number FROM ledger") == [(number,)]
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute("DELETE FROM ledger")
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute("UPDATE ledger SET number = 'x'")
    actions = [a for (a,) in office.rows("SELECT action FROM audit_log WHERE action LIKE 'review.%' ORDER BY seq")]
    assert actions == ["review.confirmed", "review.query", "review.confirmed"]
    # the number given is in the audit log too, once
    assert office.rows("SELECT user_id, subject FROM audit_log WHERE action = 'ledger.open'") == [(STAFF, number)]


def test_a_change_based_on_a_stale_view_is_refused_and_changes_nothing(office):
    db = open_office_db(office.db)
    mine = seen(db, "innovation")
    other = open_office_db(office.db)  # a second member of staff, at the same time
    set_state(other, [seen(other, "innovation")], "rejected", by=STAFF, comment="不属于创新")
    before = office.dump()
    with pytest.raises(ReviewRefused) as refused:
        set_state(db, [mine, seen(db, "visit")], "confirmed", by=STAFF)
    assert refused.value.code == "stale"
    assert office.dump() == before
    with pytest.raises(ReviewRefused):
        comment(db, mine, "再看看", by=STAFF)


def test_states_that_ask_something_need_a_comment(office):
    db = open_office_db(office.db)
    for state in ("query", "sent_back", "rejected"):
        with pytest.raises(ReviewRefused) as refused:
            set_state(db, [seen(db, "visit")], state, by=STAFF, comment="  ")
        assert refused.value.code == "comment_needed"


def test_bulk_confirm_of_a_filtered_set(office):
    db = open_office_db(office.db)
    rows = Q.QueueFilter(kinds=frozenset({"visit", "innovation"})).apply(Q.load(db))
    changed = set_state(db, [Seen(r.kind, r.id, r.version) for r in rows], "confirmed", by=STAFF)
    assert changed.changed == 2
    assert sorted(office.rows("SELECT kind, state FROM reviews")) == [
        ("follow_up", "received"), ("innovation", "confirmed"), ("problem", "received"), ("visit", "confirmed")]


def test_queue_filters_by_words_pinyin_and_fields(office):
    db = open_office_db(office.db)
    rows = Q.load(db)
    assert len(Q.QueueFilter(text="zw").apply(rows)) == 4  # 张伟's initials
    assert len(Q.QueueFilter(text="杭州").apply(rows)) == 4
    assert Q.QueueFilter(text="ningbo").apply(rows) == []
    assert [r.kind for r in Q.QueueFilter(kinds=frozenset({"problem"})).apply(rows)] == ["problem"]
    assert Q.QueueFilter(states=frozenset({"confirmed"})).apply(rows) == []


def test_a_new_revision_reopens_a_record_sent_back(office):
    db = open_office_db(office.db)
    set_state(db, [seen(db, "problem")], "sent_back", by=STAFF, comment="请补充照片")
    bundle = office.bundle(records={"problems": [B.problem(rev=2, base_rev=1, description="补充了说明")]},
                           photos=[], sequence=2, since=1)
    result = office.ingest(office.file(bundle, "b2.zip"))
    assert result.exit_code == 0, result.output
    (problem,) = [r for r in Q.load(db) if r.kind == "problem"]
    assert (problem.state, problem.rev) == ("received", 2)
    assert office.rows("SELECT action FROM review_events WHERE kind = 'problem' ORDER BY seq") == [
        ("received",), ("state",), ("answered",)]
