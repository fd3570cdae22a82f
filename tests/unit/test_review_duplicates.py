"""Two inspectors' reports of one problem merged into one: the other is a
duplicate pointing to it, the photos of both are the kept one's; innovations
are merged the same way and graded."""

from __future__ import annotations

import json

import pytest

import bundles as B
from inspector.office.db import open_office_db
from inspector.office.review import ReviewRefused
from inspector.office.review import queue as Q
from inspector.office.review.duplicates import evidence_of, merge, photos_of
from inspector.office.review.innovations import grade, grade_of, parse_grade
from inspector.office.review.states import Seen, set_state
from review_office import office_with_round
from support import STAFF as _STAFF

STAFF = _STAFF[0]
P1, P2, P3 = B.uid("p1"), B.uid("p2"), B.uid("p3")
I1, I2 = B.uid("i1"), B.uid("i2")


@pytest.fixture
def office(tmp_path):
    """p1 and p2 on HZ-GL-001 (each with a photo), p3 on NB-YZ-001; innovations i1 and i2 on HZ-GL-001."""
    records = B.sample_records()
    records["visits"].append(B.visit("v2", project="NB-YZ-001"))
    records["problems"] += [B.problem("p2", description="活动室关门"), B.problem("p3", visit_n="v2",
                                                                            project="NB-YZ-001")]
    records["innovations"].append(B.innovation("i2", title="积分超市", evidence=["resident_interview"]))
    records["innovations"][0]["evidence"] = ["on_site"]
    records["photos"] = [B.photo("ph1", data=B.photo_bytes(1), attached_to={"kind": "problem", "id": P1}),
                         B.photo("ph2", data=B.photo_bytes(2), attached_to={"kind": "problem", "id": P2}),
                         B.photo("ph3", data=B.photo_bytes(3))]
    return office_with_round(tmp_path, records, photos=[B.photo_bytes(n) for n in (1, 2, 3)])


def seen(db, record_id) -> Seen:
    (row,) = [r for r in Q.load(db) if r.id == record_id]
    return Seen(row.kind, row.id, row.version)


def test_a_duplicate_points_to_the_kept_problem_which_shows_both_photos(office):
    db = open_office_db(office.db)
    assert [p.record_id for p in photos_of(db, "problem", P1)] == [P1]
    done = merge(db, seen(db, P1), seen(db, P2), by=STAFF, reason="同一问题，两人分别上报")
    assert (done.keep, done.duplicate, done.duplicate_number) == (P1, P2, None)
    assert office.rows("SELECT id, state, duplicate_of FROM reviews WHERE kind = 'problem' ORDER BY id") == sorted([
        (P1, "received", None), (P2, "duplicate", P1), (P3, "received", None)])
    assert [p.record_id for p in photos_of(db, "problem", P1)] == [P1, P2]
    assert {p.photo.sha256 for p in photos_of(db, "problem", P1)} == {
        json.loads(d)["sha256"] for (d,) in office.rows(
            "SELECT data FROM records WHERE kind = 'photo' AND json_extract(data, '$.attached_to.kind') = 'problem'")}
    assert office.rows("SELECT id, action FROM review_events WHERE action = 'merged' ORDER BY id") == sorted([
        (P1, "merged"), (P2, "merged")])
    ((subject, reason, detail),) = office.rows("SELECT subject, reason, detail FROM audit_log "
                                               "WHERE action = 'record.merge'")
    assert (subject, reason, json.loads(detail)) == (f"problem:{P1}", "同一问题，两人分别上报",
                                                     {"keep": P1, "duplicate": P2})
    # nothing of either record was rewritten
    assert office.rows("SELECT count(*) FROM records WHERE kind = 'problem'") == [(3,)]
    # and the record in full (what the office interface shows) holds the photos of both
    from inspector.office.review.detail import record_detail

    shown = {p.sha256 for p in record_detail(db, "problem", P1).photos}
    assert shown >= {p.photo.sha256 for p in photos_of(db, "problem", P1)}


def test_a_numbered_duplicate_keeps_its_ledger_number(office):
    db = open_office_db(office.db)
    numbered = set_state(db, [seen(db, P2)], "confirmed", by=STAFF).numbered
    done = merge(db, seen(db, P1), seen(db, P2), by=STAFF, reason="重复")
    assert done.duplicate_number == numbered[0]
    assert office.rows("SELECT problem_id, number FROM ledger") == [(P2, numbered[0])]


def test_merges_that_make_no_sense_are_refused_and_change_nothing(office):
    db = open_office_db(office.db)
    before = office.dump()
    for keep, duplicate, reason, code in (
        (seen(db, P1), seen(db, P3), "重复", "merge_projects"),
        (seen(db, P1), seen(db, I1), "重复", "merge_kinds_differ"),
        (seen(db, P1), seen(db, P1), "重复", "merge_self"),
        (seen(db, P1), seen(db, P2), " ", "reason_needed"),
        (seen(db, B.uid("v1")), seen(db, B.uid("v1")), "重复", "merge_kind"),
        (seen(db, P1), Seen("problem", P2, 99), "重复", "stale"),
    ):
        with pytest.raises(ReviewRefused) as refused:
            merge(db, keep, duplicate, by=STAFF, reason=reason)
        assert refused.value.code == code
        assert office.dump() == before
    merge(db, seen(db, P1), seen(db, P2), by=STAFF, reason="重复")
    with pytest.raises(ReviewRefused) as refused:
        merge(db, seen(db, P2), seen(db, P1), by=STAFF, reason="重复")
    assert refused.value.code == "merge_already"


def test_innovations_merge_their_evidence_and_are_graded(office):
    db = open_office_db(office.db)
    merge(db, seen(db, I1), seen(db, I2), by=STAFF, reason="同一做法")
    assert evidence_of(db, "innovation", I1) == ["on_site", "resident_interview"]
    assert grade_of(db, I1).version == 0
    done = grade(db, I1, "replicable", True, "邻里积分兑换：居民参与度高", by=STAFF, seen_version=0)
    assert (done.grade, done.typical, done.caption, done.version) == ("replicable", True, "邻里积分兑换：居民参与度高", 1)
    before = office.dump()
    with pytest.raises(ReviewRefused) as refused:  # someone else graded it since version 0
        grade(db, I1, "notable", False, None, by=STAFF, seen_version=0)
    assert refused.value.code == "grade_stale"
    with pytest.raises(ReviewRefused) as refused:
        grade(db, I2, "notable", False, None, by=STAFF, seen_version=0)
    assert refused.value.code == "grade_state"
    with pytest.raises(ReviewRefused) as refused:
        grade(db, I1, "great", False, None, by=STAFF, seen_version=1)
    assert refused.value.code == "bad_grade"
    assert office.dump() == before
    grade(db, I1, None, False, None, by=STAFF, seen_version=1)
    ((detail,),) = office.rows("SELECT detail FROM audit_log WHERE action = 'innovation.grade' ORDER BY seq DESC "
                               "LIMIT 1")
    assert json.loads(detail)["grade"] == ["replicable", None]
    assert parse_grade("可复制推广") == "replicable" and parse_grade("Worth watching") == "notable"
    assert parse_grade("none") is None
