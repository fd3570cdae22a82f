"""The CSV lists and the photo archive (office/reports/lists_csv.py), written
from the office demo's really ingested round and read back with the csv module."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from inspector.i18n import label, t
from inspector.office.reports import lists_csv
from inspector.office.reports.photofiles import without_gps
from inspector.office.reports.run import Work
from inspector.office.reports.words import status_label
from reportdata import EARLIER, ROUND, demo_office, report_of, scope  # noqa: F401

GPS_IFD = 0x8825


def written(report, folder: Path, **given) -> tuple[list[Path], Work]:
    work = Work(total=10**9)
    files = lists_csv.write(report, folder, scope(**given), work)
    return files, work


def read_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would read the Chinese as GBK"
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    with open(path, encoding="utf-8-sig", newline="") as source:
        return list(csv.reader(source))


def test_problem_list_reads_back_as_the_reports_problems(demo_office, tmp_path):
    report = report_of(demo_office)
    files, work = written(report, tmp_path)
    problems = tmp_path / "清单" / f"{ROUND} 问题清单.csv"
    assert Path("清单", f"{ROUND} 问题清单.csv") in files and problems.is_file()
    header, *rows = read_rows(problems)
    assert header == ["序号", "问题编号", "地市", "县（市、区）", "项目名称", "场景", "问题类别", "严重程度",
                      "问题描述", "责任单位", "整改类型", "整改时限", "整改状态", "逾期天数", "督导员",
                      "发现日期", "复查情况", "照片"]
    assert len(rows) == len(report.problems) and rows
    for seq, (row, problem) in enumerate(zip(rows, report.problems), 1):
        cells = dict(zip(header, row))
        assert cells["序号"] == str(seq)
        assert cells["问题编号"] == problem.ref
        assert cells["地市"] == label("City", problem.city, "zh")
        assert cells["整改状态"] == status_label(problem.status, "zh")
        assert cells["项目名称"] == problem.project_name
        assert cells["问题描述"] == problem.description
        assert cells["责任单位"] == (problem.unit or "")
        assert cells["整改时限"] == (problem.deadline.isoformat() if problem.deadline else "")
        assert cells["发现日期"] == problem.found_on.isoformat()
        assert cells["逾期天数"] == str(problem.days_overdue)
        assert cells["照片"].split("；") == [ph.name for ph in problem.photos]
    first = dict(zip(header, rows[0]))
    assert first["问题编号"] == "2026-2-HZ-001" and first["责任单位"] == report.problems[0].unit
    assert first["地市"] == "杭州" and first["场景"] and first["严重程度"]
    assert work.done == lists_csv.units(report, scope())


def test_innovation_list_and_english_headers(demo_office, tmp_path):
    report = report_of(demo_office, lang="en")
    files, _ = written(report, tmp_path, lang="en")
    innovations = tmp_path / "lists" / f"{ROUND} innovations.csv"
    assert Path("lists", f"{ROUND} innovations.csv") in files
    header, *rows = read_rows(innovations)
    assert header[:3] == ["Ref.", "City", "District"] and "Practice" in header and "Typical case" in header
    assert header == [t(f"report.col.{c}", "en") for c in lists_csv.INNOVATION_COLUMNS]
    (case,) = [i for i in report.innovations if i.typical]
    cells = next(dict(zip(header, row)) for row in rows if row[0] == case.ref)
    assert cells["Ref."] == case.ref and cells["Practice"] == case.title
    assert cells["Typical case"] == "yes" and cells["Caption"] == case.caption
    assert cells["Found on"] == case.found_on.isoformat()
    assert cells["Photos"] == "; ".join(ph.name for ph in case.photos)
    problems_header = read_rows(tmp_path / "lists" / f"{ROUND} problems.csv")[0]
    assert problems_header[:2] == ["No.", "Problem number"]
    assert (tmp_path / "photos").is_dir() and not (tmp_path / "照片").exists()


def test_re_check_verdicts_are_listed(demo_office, tmp_path):
    report = report_of(demo_office, EARLIER)
    checked = [p for p in report.problems if p.verdicts]
    assert checked
    written(report, tmp_path)
    header, *rows = read_rows(tmp_path / "清单" / f"{EARLIER} 问题清单.csv")
    by_ref = {row[1]: dict(zip(header, row)) for row in rows}
    for problem in checked:
        lines = by_ref[problem.ref]["复查情况"].split("；")
        assert len(lines) == len(problem.verdicts)
        assert lines[0].startswith(problem.verdicts[0].on.isoformat()) and problem.verdicts[0].by in lines[0]


def test_zh_innovation_headers(demo_office, tmp_path):
    written(report_of(demo_office), tmp_path)
    header = read_rows(tmp_path / "清单" / f"{ROUND} 创新清单.csv")[0]
    assert header == ["编号", "地市", "县（市、区）", "项目名称", "场景", "创新类别", "创新做法名称", "主要做法",
                      "可复制推广", "评定等级", "典型案例", "案例说明", "审核状态", "督导员", "发现日期", "照片"]


def test_formula_cells_are_defused(demo_office, tmp_path):
    report = report_of(demo_office)
    hostile = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "正常的描述"]
    report.problems = [replace(report.problems[0], description=text, unit=text) for text in hostile]
    written(report, tmp_path)
    header, *rows = read_rows(tmp_path / "清单" / f"{ROUND} 问题清单.csv")
    described = [dict(zip(header, row))["问题描述"] for row in rows]
    units = [dict(zip(header, row))["责任单位"] for row in rows]
    assert described == ["'" + text for text in hostile[:-1]] + ["正常的描述"]
    assert units == described
    assert lists_csv.safe_cell(-3) == -3  # numbers are not text a spreadsheet evaluates


def test_photo_archive_holds_every_photo_by_its_name(demo_office, tmp_path):
    report = report_of(demo_office)
    files, _ = written(report, tmp_path)
    expected = [ph for r in [*report.problems, *report.innovations] for ph in r.photos]
    assert expected
    archive = tmp_path / "照片"
    assert sorted(p.name for p in archive.iterdir()) == sorted(ph.name for ph in expected)
    for photo in expected:
        out = archive / photo.name
        assert Path("照片", photo.name) in files
        stored = photo.source.read_bytes()
        assert out.read_bytes() == without_gps(stored)
        with Image.open(out) as image:
            assert GPS_IFD not in image.getexif()
    assert any(name.startswith("2026-2-HZ-001-") for name in (p.name for p in archive.iterdir()))


def _gps_jpeg(path: Path) -> Path:
    exif = Image.Exif()
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (30.0, 15.0, 0.0), "E", (120.0, 10.0, 0.0)
    Image.new("RGB", (64, 48), "green").save(path, "JPEG", exif=exif.tobytes())
    return path


def test_gps_leaves_only_when_asked(demo_office, tmp_path):
    report = report_of(demo_office)
    located = _gps_jpeg(tmp_path / "located.jpg")
    first = report.problems[0]
    photo = replace(first.photos[0], source=located)
    report.problems = [replace(first, photos=(photo,))]
    report.innovations = []
    written(report, tmp_path / "plain")
    out = tmp_path / "plain" / "照片" / photo.name
    assert out.read_bytes() == without_gps(located.read_bytes()) != located.read_bytes()
    with Image.open(out) as image:
        assert GPS_IFD not in image.getexif()
    written(report, tmp_path / "gps", with_gps=True)
    assert (tmp_path / "gps" / "照片" / photo.name).read_bytes() == located.read_bytes()


@pytest.mark.parametrize("city", ["ningbo", "hangzhou"])
def test_city_scope_holds_no_other_city(demo_office, tmp_path, city):
    everything = report_of(demo_office)
    scoped = report_of(demo_office, cities=frozenset({city}))
    written(scoped, tmp_path)
    others = {p.name for p in everything.projects if p.city != city}
    refs = {r.ref for r in [*everything.problems, *everything.innovations] if r.city != city}
    assert others and refs
    mine = {r.ref for r in [*scoped.problems, *scoped.innovations]}
    assert mine and all(ref in "".join(p.read_text(encoding="utf-8-sig") for p in (tmp_path / "清单").iterdir())
                        for ref in mine)
    text = "".join(p.read_text(encoding="utf-8-sig") for p in (tmp_path / "清单").iterdir())
    assert not [name for name in others if name in text]
    assert not [ref for ref in refs if ref in text]
    names = [p.name for p in (tmp_path / "照片").iterdir()] if (tmp_path / "照片").exists() else []
    assert not [n for n in names if any(n.startswith(ref + "-") for ref in refs)]


def test_every_word_in_both_languages():
    from inspector.i18n.areas import report_csv

    assert report_csv.MESSAGES["zh"].keys() == report_csv.MESSAGES["en"].keys()


def test_cancel_stops_at_the_next_row(demo_office, tmp_path):
    import threading

    from inspector.office.reports.run import Cancelled

    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        lists_csv.write(report_of(demo_office), tmp_path, scope(), Work(total=10**9, cancel=stop))
