"""The format-free reading of a round (office/reports/gather.py, figures.py):
every format is written from it, so what it holds is tested once here."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from inspector.office.reports import figures
from inspector.office.reports.photofiles import give_out, thumbnail, without_gps
from inspector.office.reports.scope import ReportRefused, ReportScope
from inspector.office.reports.words import coverage_lines
from reportdata import EARLIER, ROUND, TODAY, demo_office, report_of  # noqa: F401


def test_round_problems_carry_ledger_numbers_units_photos_and_history(demo_office):
    report = report_of(demo_office)
    numbers = [p.number for p in report.problems]
    assert numbers == ["2026-2-HZ-001", "2026-2-HZ-002"]
    first = report.problems[0]
    assert first.city == "hangzhou" and first.project_name and first.district
    assert sorted(p.unit for p in report.problems) == ["临平区临平街道办事处", "萧山区瓜沥镇人民政府"]
    assert [ph.name for ph in first.photos] == [f"{first.number}-1.jpg"]
    assert all(ph.source.is_file() for p in report.problems for ph in p.photos)
    actions = [s.action for s in first.history]
    assert "review.confirmed" in actions and "ledger.open" in actions
    assert all(s.by for s in first.history)  # every step attributed to a person


def test_rejected_problems_are_left_out_and_counted(demo_office):
    report = report_of(demo_office)
    assert report.coverage.left_out == {"problem.rejected": 1}
    ids = {p.id for p in report.problems}
    assert demo_office.problems["xy-operator"] not in ids


def test_earlier_round_ledger_and_verdicts(demo_office):
    report = report_of(demo_office)
    assert [e.number for e in report.earlier] == ["2026-1-HZ-001", "2026-1-HZ-002", "2026-1-NB-001",
                                                  "2026-1-QZ-001"]
    closed = next(e for e in report.earlier if e.status == "closed")
    assert closed.closed_on is not None
    first_round = report_of(demo_office, EARLIER)
    idle = next(p for p in first_round.problems if p.id == demo_office.problems["gl-idle"])
    assert [v.verdict for v in idle.verdicts] == ["not_rectified", "partly_rectified"]


def test_innovations_with_grades_and_typical_cases(demo_office):
    report = report_of(demo_office)
    (case,) = [i for i in report.innovations if i.typical]
    assert case.grade == "replicable" and case.caption and case.review == "confirmed"
    assert [p.name for p in case.photos] == [f"{case.ref}-1.jpg", f"{case.ref}-2.jpg"]
    queried = next(i for i in report.innovations if not i.typical)
    assert queried.review == "query" and queried.grade is None


def test_city_scope_holds_nothing_of_another_city(demo_office):
    report = report_of(demo_office, cities=frozenset({"ningbo"}))
    assert report.coverage.cities == ("ningbo",)
    assert {p.city for p in report.projects} == {"ningbo"}
    assert all(p.city == "ningbo" for p in report.problems)
    assert all(i.city == "ningbo" for i in report.innovations)
    assert all(e.city == "ningbo" for e in report.earlier)
    names = {p.name for p in report.projects}
    assert names == {"星阳未来社区"}


def test_status_scope(demo_office):
    report = report_of(demo_office, statuses=frozenset({"pending"}))
    assert [p.status for p in report.problems] == ["pending"]
    assert report.coverage.statuses == ("pending",)


def test_projects_scores_and_coverage(demo_office):
    report = report_of(demo_office)
    assert len(report.projects) == 4
    assert all(p.score is not None and 0 <= p.score <= p.score_max for p in report.projects)
    assert report.coverage.bundles >= 1 and report.coverage.generated_by == "李明"
    assert report.coverage.first_visit <= report.coverage.last_visit
    lines = dict(coverage_lines(report.coverage, "zh"))
    assert lines["督导轮次"] == ROUND and "杭州" in lines["范围（地市）"]
    assert "不予采纳的问题 1 条" in lines["未列入"]
    assert dict(coverage_lines(report.coverage, "en"))["Round"] == ROUND


def test_figures_and_ranking(demo_office):
    report = report_of(demo_office)
    cities, total = figures.city_figures(report)
    assert [c.city for c in cities] == ["hangzhou", "ningbo", "quzhou"]
    assert total.problems == len(report.problems) == sum(c.problems for c in cities)
    assert total.earlier.entries == 4 and total.earlier.closed == 1
    ranks = figures.ranking(cities)
    assert [r.rank for r in ranks] == sorted(r.rank for r in ranks)
    assert {r.figures.city for r in ranks} == {"hangzhou", "ningbo", "quzhou"}


def test_rectification_rates():
    from inspector.office.reports.rows import LedgerLine

    def line(status, deadline, closed=None):
        return LedgerLine("n", "R", "hangzhou", "p", "d", None, "deadline", deadline, status, 0, closed)

    rate = figures.rectification([
        line("closed", date(2026, 12, 1), date(2026, 11, 30)),  # on time
        line("closed", date(2026, 11, 1), date(2026, 11, 5)),  # late
        line("rectifying", date(2026, 11, 1)),  # overdue
        line("pending", date(2027, 1, 1)),  # not due yet
    ], TODAY)
    assert (rate.entries, rate.closed, rate.due, rate.on_time, rate.overdue) == (4, 2, 3, 1, 1)
    assert rate.on_time_rate == pytest.approx(1 / 3) and rate.rate == 0.5


def test_unknown_round_and_bad_scope_are_refused(demo_office):
    with pytest.raises(ReportRefused) as refused:
        report_of(demo_office, "R1999-9")
    assert "R1999-9" in refused.value.say("zh")
    with pytest.raises(ReportRefused):
        ReportScope(ROUND, formats=("pdf",))
    with pytest.raises(ReportRefused):
        ReportScope(ROUND, statuses=frozenset({"lost"}))


def test_gathering_changes_nothing(demo_office):
    def dump():
        conn = sqlite3.connect(demo_office.db_path)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()

    before = dump()
    report_of(demo_office)
    assert dump() == before


def test_photos_leave_without_gps_unless_asked(tmp_path):
    from PIL import Image

    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (30.0, 15.0, 0.0), "E", (120.0, 10.0, 0.0)
    exif[0x010F] = "Camera"
    source = tmp_path / "p.jpg"
    Image.new("RGB", (40, 30), "red").save(source, "JPEG", exif=exif.tobytes())
    clean = without_gps(source.read_bytes())
    with Image.open(__import__("io").BytesIO(clean)) as image:
        kept = image.getexif()
        assert 0x8825 not in kept and kept[0x010F] == "Camera"
        assert image.size == (40, 30)
    give_out(source, tmp_path / "out" / "a.jpg", with_gps=True)
    assert (tmp_path / "out" / "a.jpg").read_bytes() == source.read_bytes()
    plain = tmp_path / "plain.jpg"
    Image.new("RGB", (40, 30), "blue").save(plain, "JPEG")
    assert without_gps(plain.read_bytes()) == plain.read_bytes()
    thumbnail(source, None, tmp_path / "t.jpg")
    with Image.open(tmp_path / "t.jpg") as image:
        assert max(image.size) <= 320 and 0x8825 not in image.getexif()


def test_a_photo_given_out_twice_is_written_once(tmp_path):
    """The web pages' copy of a photo and the photo archive's are one file where the disk links."""
    import os

    from PIL import Image

    source = tmp_path / "p.jpg"
    Image.new("RGB", (40, 30), "green").save(source, "JPEG")
    given: dict = {}
    give_out(source, tmp_path / "照片" / "a.jpg", with_gps=False, given=given)
    give_out(source, tmp_path / "网页" / "photos" / "a.jpg", with_gps=False, given=given)
    assert os.path.samefile(tmp_path / "照片" / "a.jpg", tmp_path / "网页" / "photos" / "a.jpg")
    give_out(source, tmp_path / "gps" / "a.jpg", with_gps=True, given=given)  # another content: its own file
    assert not os.path.samefile(tmp_path / "照片" / "a.jpg", tmp_path / "gps" / "a.jpg")
