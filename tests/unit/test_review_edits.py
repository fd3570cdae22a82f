"""An office edit of a record's wording is a new revision by the office user,
with a reason; the inspector's revision stays; a stale view or a bad value
is refused and changes nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest

import bundles as B
from inspector.office.db import open_office_db
from inspector.office.review import ReviewRefused
from inspector.office.review.edits import edit_record, new_office_revision, parse_value
from inspector.office.review.words import refusal
from review_office import office_with_round
from support import STAFF as _STAFF

STAFF = _STAFF[0]
PROBLEM = B.uid("p1")
INNOVATION = B.uid("i1")


@pytest.fixture
def office(tmp_path):
    return office_with_round(tmp_path)


def test_an_edit_is_a_new_office_revision_and_the_inspectors_stays(office):
    db = open_office_db(office.db)
    rev = edit_record(db, "problem", PROBLEM, {"severity": "severe", "description": "活动室闲置半年以上"},
                      by=STAFF, reason="现场照片显示长期闲置", seen_rev=1)
    assert rev == 2
    rows = office.rows("SELECT rev, base_rev, author, device, bundle_id FROM records WHERE kind = 'problem' "
                       "ORDER BY rev")
    assert rows == [(1, None, "zhangwei", B.DEVICE, rows[0][4]), (2, 1, "office:ceshi", "office", None)]
    assert office.rows("SELECT rev FROM current WHERE kind = 'problem'") == [(2,)]
    data = json.loads(office.rows("SELECT data FROM records WHERE kind = 'problem' AND rev = 2")[0][0])
    assert (data["severity"], data["description"], data["author"]) == ("severe", "活动室闲置半年以上", "office:ceshi")
    inspectors = json.loads(office.rows("SELECT data FROM records WHERE kind = 'problem' AND rev = 1")[0][0])
    detail = {"severity": ["major", "severe"], "description": [inspectors["description"], "活动室闲置半年以上"],
              "rev": [1, 2]}
    ((action, comment, event_detail),) = office.rows(
        "SELECT action, comment, detail FROM review_events WHERE kind = 'problem' AND action = 'edit'")
    assert (action, comment, json.loads(event_detail)) == ("edit", "现场照片显示长期闲置", detail)
    ((who, subject, reason, audit_detail),) = office.rows(
        "SELECT user_id, subject, reason, detail FROM audit_log WHERE action = 'record.edit'")
    assert (who, subject, reason, json.loads(audit_detail)) == (STAFF, f"problem:{PROBLEM}", "现场照片显示长期闲置",
                                                                 detail)
    # the review follows the current revision, and whoever looked before must look again
    assert office.rows("SELECT state, rev, version FROM reviews WHERE kind = 'problem'") == [("received", 2, 2)]


def test_an_innovation_is_reworded_too(office):
    db = open_office_db(office.db)
    edit_record(db, "innovation", INNOVATION, {"title": "邻里积分兑换超市", "replicable": False}, by=STAFF,
                reason="标题更准确", seen_rev=1)
    data = json.loads(office.rows("SELECT r.data FROM current c JOIN records r USING (kind, id, rev) "
                                  "WHERE c.kind = 'innovation'")[0][0])
    assert (data["title"], data["replicable"]) == ("邻里积分兑换超市", False)


def test_a_stale_view_an_empty_reason_or_a_bad_value_changes_nothing(office):
    db = open_office_db(office.db)
    edit_record(db, "problem", PROBLEM, {"severity": "minor"}, by=STAFF, reason="一般", seen_rev=1)
    before = office.dump()
    cases = [
        ({"severity": "severe"}, "理由", 1, "edit_stale"),  # someone made rev 2 since
        ({"severity": "severe"}, "  ", 2, "reason_needed"),
        ({"severity": "minor"}, "理由", 2, "no_change"),
        ({"severity": "awful"}, "理由", 2, "bad_value"),
        ({"description": ""}, "理由", 2, "bad_value"),
        ({"status": "closed"}, "理由", 2, "not_editable"),
        ({"deadline": "2026-01-01"}, "理由", 2, "deadline_before_visit"),  # the visit was on 2026-11-27
    ]
    for changes, reason, seen, code in cases:
        with pytest.raises(ReviewRefused) as refused:
            edit_record(db, "problem", PROBLEM, changes, by=STAFF, reason=reason, seen_rev=seen)
        assert refused.value.code == code, changes
        assert office.dump() == before
    with pytest.raises(ReviewRefused) as refused:
        edit_record(db, "problem", PROBLEM, {"severity": "awful"}, by=STAFF, reason="理由", seen_rev=2)
    assert "严重程度" in refusal(refused.value, "zh") and "awful" in refusal(refused.value, "zh")
    assert "severity" in refusal(refused.value, "en")


def test_typed_values_become_what_the_record_stores(office):
    assert parse_value("problem", "severity", "较重") == "major"
    assert parse_value("problem", "severity", "Severe") == "severe"
    assert parse_value("problem", "category", "建而未用") == "facility_idle"
    assert parse_value("problem", "deadline", "2027-1-5") == date(2027, 1, 5)
    assert parse_value("problem", "deadline", "") is None
    assert parse_value("innovation", "replicable", "否") is False
    for kind, field, text, code in (("problem", "severity", "很重", "bad_choice"),
                                    ("problem", "deadline", "2027-02-30", "bad_date"),
                                    ("innovation", "replicable", "maybe", "bad_yes_no"),
                                    ("problem", "status", "closed", "not_editable")):
        with pytest.raises(ReviewRefused) as refused:
            parse_value(kind, field, text)
        assert refused.value.code == code
        assert refusal(refused.value, "zh") and refusal(refused.value, "en")


def test_an_office_revision_goes_above_every_rev_known_even_one_kept_as_a_conflict(office):
    db = open_office_db(office.db)
    data = json.loads(office.rows("SELECT data FROM records WHERE kind = 'problem'")[0][0])
    db.conn.execute("INSERT INTO conflicts (bundle_id, kind, id, rev, base_rev, office_rev, author, data, sha256, "
                    "kept_at) VALUES ('b', 'problem', ?, 4, 1, 1, 'lina', ?, 'x', '2026-12-01T00:00:00+00:00')",
                    (PROBLEM, json.dumps(data)))
    db.conn.commit()
    with db.atomic():
        rev = new_office_revision(db.conn, "problem", PROBLEM, data, by=STAFF, at="2026-12-02T00:00:00+00:00",
                                  base_rev=1)
    assert rev == 5
    assert office.rows("SELECT rev, base_rev, author FROM records WHERE kind = 'problem' AND rev = 5") == [
        (5, 1, "office:ceshi")]
