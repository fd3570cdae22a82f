"""Ledger steps: each one transaction with its event and audit line, refused
(nothing written) when stale or not allowed; closure needs another person
and evidence."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from inspector.i18n import t
from inspector.office.db import open_office_db
from inspector.office.ledger import LedgerRefused
from inspector.office.ledger import steps as S
from inspector.office.ledger.words import refusal
from ledger_office import OTHER, STAFF, office_with_entry, version


@pytest.fixture
def office(tmp_path, monkeypatch):
    return office_with_entry(tmp_path, monkeypatch)


def refused(office, code, call, *args, **kwargs):
    before = office[0].dump()
    with pytest.raises(LedgerRefused) as exc:
        call(*args, **kwargs)
    assert exc.value.code == code
    assert office[0].dump() == before
    return exc.value


def test_to_closed_with_a_file_approved_by_someone_else(office, tmp_path):
    off, pid = office
    db = open_office_db(off.db)
    S.start(db, pid, by=STAFF, seen_version=version(db, pid))
    scan = tmp_path / "整改报告.pdf"
    scan.write_bytes(b"%PDF-1.4 report")
    S.reply(db, pid, measures="已清理堆物并设置围挡", replied_on="2026-12-01", files=[scan], by=STAFF,
            seen_version=version(db, pid))
    sha = hashlib.sha256(b"%PDF-1.4 report").hexdigest()
    assert (off.db.parent / "evidence" / sha).read_bytes() == b"%PDF-1.4 report"
    assert off.rows("SELECT name, kind, size FROM ledger_evidence") == [("整改报告.pdf", "document", 15)]
    refused(office, "same_user", S.approve, db, pid, by=STAFF, seen_version=version(db, pid))
    S.approve(db, pid, by=OTHER, seen_version=version(db, pid))
    assert off.rows("SELECT status, requested_by, closed_by, version FROM ledger") == [
        ("closed", STAFF, OTHER, 4)]
    assert off.rows("SELECT action, status, by FROM ledger_events ORDER BY seq") == [
        ("open", "pending", STAFF), ("start", "rectifying", STAFF), ("reply", "close_requested", STAFF),
        ("approve", "closed", OTHER)]
    assert [a for (a,) in off.rows("SELECT action FROM audit_log WHERE action LIKE 'ledger.%' ORDER BY seq")] == [
        "ledger.open", "ledger.start", "ledger.reply", "ledger.approve"]
    refused(office, "not_allowed", S.start, db, pid, by=STAFF, seen_version=version(db, pid))


def test_no_evidence_no_closure_then_returned(office):
    off, pid = office
    db = open_office_db(off.db)
    S.reply(db, pid, measures="已整改", replied_on="2026-12-01", by=STAFF, seen_version=version(db, pid))
    refused(office, "no_evidence", S.approve, db, pid, by=OTHER, seen_version=version(db, pid))
    refused(office, "reason_needed", S.return_, db, pid, by=OTHER, reason=" ", seen_version=version(db, pid))
    S.return_(db, pid, by=OTHER, reason="未附照片", seen_version=version(db, pid))
    assert off.rows("SELECT status, requested_by FROM ledger") == [("returned", None)]
    assert off.rows("SELECT reason FROM audit_log WHERE action = 'ledger.return'") == [("未附照片",)]


def test_stale_and_bad_input_change_nothing(office, tmp_path):
    off, pid = office
    db = open_office_db(off.db)
    seen = version(db, pid)
    S.start(open_office_db(off.db), pid, by=OTHER, seen_version=seen)  # someone else, just before
    refused(office, "stale", S.extend, db, pid, to="2027-06-01", by=STAFF, reason="雨季", seen_version=seen)
    now = version(db, pid)
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"x")
    refused(office, "bad_file_kind", S.reply, db, pid, measures="m", replied_on="2026-12-01", files=[video],
            by=STAFF, seen_version=now)
    refused(office, "bad_date", S.reply, db, pid, measures="m", replied_on="2026-13-01", by=STAFF, seen_version=now)
    refused(office, "measures_needed", S.reply, db, pid, measures="", replied_on="2026-12-01", by=STAFF,
            seen_version=now)
    refused(office, "unknown_unit", S.set_terms, db, pid, unit_id="nobody", by=STAFF, reason="r", seen_version=now)
    refused(office, "bad_rectification", S.set_terms, db, pid, rectification="soon", by=STAFF, reason="r",
            seen_version=now)
    assert not (off.db.parent / "evidence").exists()


def test_extend_keeps_the_old_date_and_terms_default_the_deadline(office):
    off, pid = office
    db = open_office_db(off.db)
    (old,) = off.rows("SELECT deadline FROM ledger")[0]
    refused(office, "not_later", S.extend, db, pid, to=old, by=STAFF, reason="r", seen_version=version(db, pid))
    refused(office, "reason_needed", S.extend, db, pid, to="2099-01-01", by=STAFF, reason="",
            seen_version=version(db, pid))
    S.extend(db, pid, to="2099-01-01", by=STAFF, reason="雨季停工", seen_version=version(db, pid))
    (detail,) = off.rows("SELECT detail FROM ledger_events WHERE action = 'extend'")[0]
    assert old in detail and "2099-01-01" in detail
    S.set_terms(db, pid, rectification="immediate", by=STAFF, reason="安全隐患", seen_version=version(db, pid))
    (opened, deadline) = off.rows("SELECT opened_at, deadline FROM ledger")[0]
    from datetime import datetime, timedelta
    assert deadline == (datetime.fromisoformat(opened).astimezone().date() + timedelta(days=7)).isoformat()


def test_lights():
    today = date(2026, 12, 1)
    assert S.light("closed", "2026-11-01", today) is None
    assert S.light("returned", "2027-01-01", today) == "red"
    assert S.light("pending", "2026-11-30", today) == "red"
    assert S.light("rectifying", "2026-12-08", today) == "yellow"
    assert S.light("rectifying", "2026-12-09", today) == "green"


def test_refusals_read_in_both_languages():
    exc = LedgerRefused("not_allowed", number="2026-2-HZ-001", step="approve", status="pending")
    assert refusal(exc, "zh") == "台账 2026-2-HZ-001 现为“待整改”，不能销号"
    assert "to rectify" in refusal(exc, "en")
    assert t("audit.action.ledger.extend", "zh") == "整改延期"
