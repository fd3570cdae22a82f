"""The report benchmark's generated round is one the report's own code reads
back with the counts it was made with, and the benchmark runs end to end:
made small here (3 projects, 10 problems, 20 photos), with the generator
and measuring code the benchmark uses. No timing is asserted."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

SMALL = {"PROJECTS": 3, "VISITS": 4, "PROBLEMS": 10, "INNOVATIONS": 3, "PHOTOS": 20, "INSPECTORS": 2,
         "EARLIER_VISITS": 2, "ANSWERS_PER_VISIT": 30}


@pytest.fixture
def bench(tmp_path, monkeypatch):
    if str(ROOT) not in sys.path:
        monkeypatch.syspath_prepend(str(ROOT))
    from bench import report, round

    for name, value in SMALL.items():
        monkeypatch.setattr(round, name, value)
    return report, round, tmp_path


def test_the_generated_round_has_real_photo_files_and_gather_reads_every_record_back(bench):
    from PIL import Image

    from inspector.office.db import open_office_db
    from inspector.office.reports.gather import gather
    from inspector.office.reports.scope import ReportScope

    _, round, work = bench
    db_path, photos = round.round_office(work)
    db = open_office_db(db_path)
    try:
        report = gather(db, ReportScope(round.ROUND, today=round.TODAY), photo_root=photos)
        numbers = [n for (n,) in db.conn.execute("SELECT number FROM ledger WHERE round_id = ?", (round.ROUND,))]
    finally:
        db.close()
    left_out = report.coverage.left_out
    assert len(report.problems) + left_out.get("problem.rejected", 0) + left_out.get("problem.duplicate", 0) == 10
    assert len(report.innovations) + left_out.get("innovation.rejected", 0) == 3
    refs = [ref for row in (*report.problems, *report.innovations) for ref in row.photos]
    kept_photos = len(refs)
    assert 0 < kept_photos <= 20 and len({r.sha256 for r in refs}) == kept_photos  # distinct files
    with Image.open(refs[0].source) as image:
        assert image.size == (640, 480)
    with Image.open(refs[0].thumbnail) as thumb:
        assert max(thumb.size) == 320
    assert numbers and all(n.startswith("2026-2-") and n.count("-") == 3 for n in numbers)
    assert {p.number for p in report.problems if p.number} == set(numbers)
    assert report.earlier, "the earlier round's ledger is the report's rectification of earlier rounds"
    assert len({p.code for p in report.projects}) == 3
    assert any(p.score_max for p in report.projects), "projects are scored from the answers"


def test_the_generated_files_are_made_once_and_reused(bench):
    _, round, work = bench
    db_path, photos = round.round_office(work)
    stamp = (db_path.stat().st_mtime_ns, (photos / "manifest.json").stat().st_mtime_ns)
    assert round.round_office(work) == (db_path, photos)
    assert (db_path.stat().st_mtime_ns, (photos / "manifest.json").stat().st_mtime_ns) == stamp


def test_the_baseline_dumps_the_same_rows_and_copies_every_thumbnail(bench):
    report, round, work = bench
    db_path, photos = round.round_office(work)
    gathered = report.child("gather", db_path, photos, work / "unused", (), ())
    base = report.child("baseline", db_path, photos, work / "base", (), ())
    assert base["counts"]["problem"] == gathered["counts"]["problem"]
    assert base["counts"]["innovation"] == gathered["counts"]["innovation"]
    assert 0 < base["counts"]["photo"] == gathered["counts"]["photo"] <= 20
    assert len(list((work / "base" / "thumbs").iterdir())) == base["counts"]["photo"]
    lines = (work / "base" / "problem.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == base["counts"]["problem"] and "2026-2-" in lines[0]
    assert gathered["peak_mb"] > 0 and gathered["how"]


def test_the_benchmark_runs_end_to_end_for_the_province_and_one_city(bench):
    report, _, work = bench
    said = []
    figures = report.measure(work, repeat=1, say=said.append)
    city = report.measure(work, ("hangzhou",), repeat=1, say=said.append)
    names = [f.name for f in figures + city]
    assert any(n.startswith("gather province") for n in names)
    assert any("hangzhou" in n for n in names)
    assert all(f.line() for f in figures + city)
    formats, notes = report.available_formats()
    assert len(formats) + len(notes) == 4
    assert not list(work.glob("report-run-*")), "every run's output is removed"
