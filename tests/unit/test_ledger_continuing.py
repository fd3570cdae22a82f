"""持续整改 (continuing rectification): from 整改中 the office decides a problem
cannot close within the round. It stays open and is re-checked, but is never
overdue; reports count it apart; the unit still asks for closure in the end."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner

import bundles as B
from inspector.cli import cli
from inspector.i18n import label, t
from inspector.office.db import office_migrations, open_office_db
from inspector.office.ledger import LedgerRefused
from inspector.office.ledger import steps as S
from inspector.office.ledger.entries import entries, entry
from inspector.office.reports.figures import rectification
from inspector.office.reports.rows import LedgerLine
from inspector.store.connection import connect
from ledger_office import OTHER, STAFF, office_with_entry, version

import sqlite_utils


@pytest.fixture
def office(tmp_path, monkeypatch):
    return office_with_entry(tmp_path, monkeypatch)


def refused(office, code, call, *args, **kwargs):
    before = office[0].dump()
    with pytest.raises(LedgerRefused) as exc:
        call(*args, **kwargs)
    assert exc.value.code == code
    assert office[0].dump() == before


def test_only_a_problem_being_rectified_may_continue_and_only_with_a_reason(office):
    off, pid = office
    db = open_office_db(off.db)
    refused(office, "not_allowed", S.continue_, db, pid, by=STAFF, reason="需跨年度实施", seen_version=version(db, pid))
    S.start(db, pid, by=STAFF, seen_version=version(db, pid))
    refused(office, "reason_needed", S.continue_, db, pid, by=STAFF, reason=" ", seen_version=version(db, pid))
    S.continue_(db, pid, by=STAFF, reason="加装电梯需跨年度实施", seen_version=version(db, pid))
    assert off.rows("SELECT status, rectification FROM ledger") == [("continuing", "ongoing")]
    assert off.rows("SELECT action, status, reason FROM ledger_events WHERE action = 'continue'") == [
        ("continue", "continuing", "加装电梯需跨年度实施")]
    assert off.rows("SELECT reason FROM audit_log WHERE action = 'ledger.continue'") == [("加装电梯需跨年度实施",)]
    # not again, and not back to 整改中 by "start": 持续整改 ends with closure
    refused(office, "not_allowed", S.continue_, db, pid, by=STAFF, reason="再议", seen_version=version(db, pid))
    refused(office, "not_allowed", S.start, db, pid, by=STAFF, seen_version=version(db, pid))


def test_a_continuing_problem_still_closes_by_reply_and_approval(office, tmp_path):
    off, pid = office
    db = open_office_db(off.db)
    S.start(db, pid, by=STAFF, seen_version=version(db, pid))
    S.continue_(db, pid, by=STAFF, reason="资金分年度拨付", seen_version=version(db, pid))
    photo = tmp_path / "完工.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0done")
    S.reply(db, pid, measures="二期已完工", replied_on="2026-12-01", files=[photo], by=STAFF,
            seen_version=version(db, pid))
    S.approve(db, pid, by=OTHER, seen_version=version(db, pid))
    assert [s for (s,) in off.rows("SELECT status FROM ledger_events ORDER BY seq")] == [
        "pending", "rectifying", "continuing", "close_requested", "closed"]


def test_the_next_stage_date_must_be_later(office):
    off, pid = office
    db = open_office_db(off.db)
    S.set_terms(db, pid, deadline="2026-12-20", by=STAFF, reason="定期限", seen_version=version(db, pid))
    S.start(db, pid, by=STAFF, seen_version=version(db, pid))
    refused(office, "not_later", S.continue_, db, pid, until="2026-12-10", by=STAFF, reason="跨年",
            seen_version=version(db, pid))
    S.continue_(db, pid, until="2027-06-30", by=STAFF, reason="跨年", seen_version=version(db, pid))
    assert off.rows("SELECT status, deadline FROM ledger") == [("continuing", "2027-06-30")]


def test_never_overdue_nor_red(office):
    off, pid = office
    db = open_office_db(off.db)
    S.set_terms(db, pid, deadline="2026-12-20", by=STAFF, reason="定期限", seen_version=version(db, pid))
    S.start(db, pid, by=STAFF, seen_version=version(db, pid))
    later = date(2027, 3, 1)
    assert entry(db, pid, today=later).days_overdue == (later - date(2026, 12, 20)).days  # 整改中 past its deadline: overdue
    S.continue_(db, pid, by=STAFF, reason="跨年", seen_version=version(db, pid))
    found = entry(db, pid, today=later)
    assert (found.status, found.days_overdue, found.light) == ("continuing", 0, "green")
    assert entries(db, today=later, overdue=True) == []
    assert S.light("continuing", "2026-01-01", later) == "green"


def test_a_partial_rectification_on_site_keeps_it_continuing(office):
    off, pid = office
    db = open_office_db(off.db)
    S.start(db, pid, by=STAFF, seen_version=version(db, pid))
    S.continue_(db, pid, by=STAFF, reason="跨年", seen_version=version(db, pid))
    db.close()
    bundle = off.bundle(records={"follow_ups": [B.follow_up("f2", verdict="partly_rectified")]}, photos=[],
                        sequence=2, since=1)
    assert off.ingest(off.file(bundle, "b2.zip")).exit_code == 0
    assert off.rows("SELECT status FROM ledger") == [("continuing",)]


def _line(status: str, deadline: date | None, closed_on: date | None = None) -> LedgerLine:
    return LedgerLine("2026-1-HZ-001", "R2026-1", "hangzhou", "项目", "问题", None, "deadline", deadline, status,
                      0, closed_on)


def test_reports_count_it_apart_from_due_and_overdue():
    today = date(2027, 3, 1)
    past = date(2026, 12, 31)
    figures = rectification([_line("continuing", past), _line("rectifying", past),
                             _line("closed", past, closed_on=date(2026, 12, 1)), _line("continuing", None)], today)
    assert (figures.entries, figures.continuing, figures.due, figures.overdue, figures.closed) == (4, 2, 2, 1, 1)
    assert figures.on_time_rate == 0.5  # the continuing ones neither help nor hurt it


def test_words_in_both_languages():
    assert label("LedgerStatus", "continuing", "zh") == "持续整改"
    assert label("LedgerStatus", "continuing", "en") == "continuing rectification"
    # the plan type is no longer the same word as the status
    assert label("Rectification", "ongoing", "zh") == "长期整改"
    assert t("ledger.step.continue", "zh") == "转为持续整改"
    assert "持续整改" in t("report_docx.s6.continuing", "zh", count=2)


def test_the_command_line_moves_it(office):
    off, _ = office
    base = ["office", "--office-db", str(off.db), "ledger"]
    run = CliRunner().invoke
    assert run(cli, ["--lang", "zh", *base, "start", "2026-2-HZ-001"]).exit_code == 0
    result = run(cli, ["--lang", "zh", *base, "continue", "2026-2-HZ-001", "--reason", "跨年度实施"])
    assert result.exit_code == 0, result.output
    assert "持续整改" in result.output
    result = run(cli, ["--lang", "en", *base, "list", "--status", "持续整改"])
    assert result.exit_code == 0 and "continuing rectification" in result.output, result.output


def test_an_office_database_from_before_takes_the_new_status(tmp_path):
    path = tmp_path / "office.db"
    db = sqlite_utils.Database(connect(path))
    office_migrations.apply(db, stop_before="o011_ledger_continuing")
    insert = ("INSERT INTO ledger (problem_id, number, round_id, city, seq, project_code, rectification, status, "
              "opened_at, opened_by) VALUES ('p', 'n', 'r', 'hangzhou', 1, 'c', 'deadline', 'continuing', 'x', 'y')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(insert)
    db.close()
    db = open_office_db(path)
    db.execute(insert)
    assert db.execute("SELECT status FROM ledger").fetchall() == [("continuing",)]
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(insert.replace("'continuing'", "'forgotten'").replace("'p', 'n'", "'q', 'm'"))
