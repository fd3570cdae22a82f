"""Reports from data that is not as it should be: a photo gone from the
store, texts no XML can hold, a rejected visit, a folder that cannot be
replaced. A report is still made (or refused in one line), and says what it
left out."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from pathlib import Path

import pytest

from inspector.office.db import open_office_db
from inspector.office.reports.run import Work, make_report, writers_for
from inspector.office.reports.scope import ReportRefused
from reportdata import NOW, build_demo, report_of, scope


@pytest.fixture
def office(tmp_path_factory):
    """A demo office of this test's own: these tests damage it."""
    return build_demo(tmp_path_factory.mktemp("hostile"))


def make(office, out: Path, **given):
    db = open_office_db(office.db_path)
    try:
        return make_report(db, scope(**given), out, now=NOW)
    finally:
        db.close()


def test_a_photo_gone_from_the_store_is_counted_and_the_report_made(office, tmp_path):
    report = report_of(office)
    victim = report.problems[0].photos[0]
    victim.source.unlink()
    written = make(office, tmp_path / "out")
    assert written.report.coverage.left_out["photo.missing"] == 1
    assert not any(p.name == victim.name for row in written.report.problems for p in row.photos)
    names = {p.name for p in (tmp_path / "out").rglob("*.jpg")}
    assert victim.name not in names and names  # the others are there
    text = next((tmp_path / "out").rglob("*问题清单.csv")).read_text(encoding="utf-8-sig")
    assert victim.name not in text


def test_a_photo_that_cannot_be_read_is_left_out_of_the_folders(office, tmp_path):
    report = report_of(office)
    damaged = report.innovations[0].photos[0]
    damaged.source.write_bytes(b"\xff\xd8\xff\xe1\x00\x02not a jpeg at all")
    written = make(office, tmp_path / "out", formats=("csv", "html"))
    # its thumbnail (made at ingest) still shows; the damaged photo itself is not handed on
    assert any(f.name == damaged.name and f.parent.name == "thumbs" for f in written.files)
    assert not any(f.name == damaged.name and f.parent.name in ("照片", "photos") for f in written.files)
    assert not [p for p in (tmp_path / "out").rglob(damaged.name) if p.parent.name != "thumbs"]


def test_texts_no_xml_can_hold_are_dropped_not_fatal(office, tmp_path):
    report = report_of(office)
    hostile = "门口\x07堵塞\ufffe，\uffff消防通道\x1b[2J被占"
    report.problems[:] = [dataclasses.replace(p, description=hostile, unit=hostile) for p in report.problems]
    sc = scope(formats=("xlsx", "docx", "csv", "html"))
    for module in writers_for(sc):
        folder = tmp_path / module.__name__.rsplit(".", 1)[-1]
        folder.mkdir()
        assert module.write(report, folder, sc, Work(total=10**9))


def test_status_confirmed_means_every_problem_in_the_ledger(office):
    report = report_of(office, statuses=frozenset({"confirmed"}))
    assert report.problems and all(p.number for p in report.problems)
    assert len(report.problems) == len([p for p in report_of(office).problems if p.number])


def test_a_rejected_visit_is_left_out_with_what_it_found(office):
    conn = sqlite3.connect(office.db_path)
    with conn:
        (visit_id,) = conn.execute(
            "SELECT r.visit_id FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
            "WHERE c.kind = 'problem' AND r.id = ?", (office.problems["gl-space"],)).fetchone()
        conn.execute("UPDATE reviews SET state = 'rejected' WHERE kind = 'visit' AND id = ?", (visit_id,))
    conn.close()
    report = report_of(office)
    assert report.coverage.left_out["visit.rejected"] == 1
    assert office.problems["gl-space"] not in {p.id for p in report.problems}


def test_a_folder_that_cannot_be_replaced_is_refused_before_any_work(office, tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    with pytest.raises(ReportRefused) as refused:
        make(office, Path("."))
    assert refused.value.code == "folder_not_replaceable" and os.listdir(here) == []
    assert [p.name for p in tmp_path.iterdir()] == ["here"]


def test_no_rejected_photo_gap_in_names(office):
    """A missing photo keeps the others' names: 2026-2-HZ-001-2 stays -2."""
    report = report_of(office)
    case = next(i for i in report.innovations if len(i.photos) > 1)
    case.photos[0].source.unlink()
    after = next(i for i in report_of(office).innovations if i.id == case.id)
    assert [p.name for p in after.photos] == [case.photos[1].name]

