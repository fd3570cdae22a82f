"""Rectification notices (office/reports/notices.py), written from the office
demo's rounds and read back with python-docx."""

from __future__ import annotations

import dataclasses
from io import BytesIO
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from inspector.i18n.areas import report_notice
from inspector.office.reports import gongwen, notices
from inspector.office.reports.run import Work
from reportdata import EARLIER, ROUND, TODAY, demo_office, report_of, scope  # noqa: F401

FOLDER = "整改通知书"


def write_notices(report, out: Path, **given) -> tuple[list[Path], Work]:
    sc = scope(report.coverage.round_id, **given)
    out.mkdir(parents=True, exist_ok=True)
    work = Work(total=10**9)
    files = notices.write(report, out, sc, work)
    assert work.done == notices.units(report, sc)  # the bar ends where it said it would
    return files, work


def text_of(path: Path) -> str:
    doc = Document(str(path))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def sheet_rows(path: Path) -> list[list[str]]:
    (table,) = Document(str(path)).tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def pictures(path: Path) -> list[bytes]:
    """The images embedded in the document's body, in order."""
    doc = Document(str(path))
    return [doc.part.related_parts[blip.get(qn("r:embed"))].blob for blip in doc.element.body.iter(qn("a:blip"))]


def test_one_notice_per_city_with_its_open_problems(demo_office, tmp_path):
    report = report_of(demo_office)  # R2026-2: only Hangzhou has ledger entries, both open
    files, _ = write_notices(report, tmp_path)
    assert files == [Path(FOLDER) / "R2026-2 整改通知书 杭州市.docx"]
    path = tmp_path / files[0]
    text = text_of(path)
    paragraphs = [p.text for p in Document(str(path)).paragraphs]
    assert "浙未来社区督〔2026〕1号" in paragraphs
    assert "整改通知书" in paragraphs
    assert "杭州市未来社区建设工作专班：" in paragraphs
    one, two = report.problems
    assert f"1.{one.project_name}（{one.district}）" in paragraphs
    assert f"2.{two.project_name}（{two.district}）" in paragraphs
    assert "问题编号：2026-2-HZ-001" in paragraphs and "问题编号：2026-2-HZ-002" in paragraphs
    assert f"问题描述：{one.description}" in paragraphs
    deadlines = {p.deadline for p in report.problems}
    assert deadlines == {date(2026, 12, 22), date(2026, 12, 9)}
    assert "整改时限：2026年12月22日" in paragraphs and "整改时限：2026年12月9日" in paragraphs
    assert "整改类型：限期整改" in paragraphs
    assert f"责任单位：{one.unit}" in paragraphs  # by city: each problem names its unit
    # reply due 15 days after the notice (2026-12-04)
    assert "请于2026年12月19日前将整改情况（含整改措施、佐证材料）书面报送未来社区专班办公室（演示）。" in text
    assert "2026年11月" in paragraphs[3] and "2026年第2轮现场督导" in paragraphs[3]  # the opening: visits and round
    signed = paragraphs.index("未来社区专班办公室（演示）")  # the office identity's name
    assert paragraphs[signed + 1] == "2026年12月4日"  # the issuing office and the date it is issued
    assert sheet_rows(path) == [
        ["序号", "问题编号", "项目", "问题描述", "整改类型", "整改时限"],
        ["1", "2026-2-HZ-001", one.project_name, one.description, "限期整改", gongwen.chinese_date(one.deadline)],
        ["2", "2026-2-HZ-002", two.project_name, two.description, "限期整改", gongwen.chinese_date(two.deadline)],
    ]
    assert "问题交办单" in paragraphs
    assert len(pictures(path)) == 2  # each problem has one photo


def test_earlier_round_notices_leave_closed_problems_out(demo_office, tmp_path):
    report = report_of(demo_office, EARLIER)
    closed = [p.number for p in report.problems if p.status == "closed"]
    assert closed == ["2026-1-HZ-002"]
    files, _ = write_notices(report, tmp_path, reply_days=10)
    assert [f.name for f in files] == ["R2026-1 整改通知书 杭州市.docx", "R2026-1 整改通知书 宁波市.docx",
                                       "R2026-1 整改通知书 衢州市.docx"]
    numbers = {f.name: [row[1] for row in sheet_rows(tmp_path / f)[1:]] for f in files}
    assert numbers == {"R2026-1 整改通知书 杭州市.docx": ["2026-1-HZ-001"],
                       "R2026-1 整改通知书 宁波市.docx": ["2026-1-NB-001"],
                       "R2026-1 整改通知书 衢州市.docx": ["2026-1-QZ-001"]}
    for n, f in enumerate(files, start=1):
        text = text_of(tmp_path / f)
        assert "2026-1-HZ-002" not in text and "临平区临平街道办事处" not in text
        assert f"浙未来社区督〔2026〕{n}号" in text
        assert "请于2026年12月14日前" in text
    assert "宁波市未来社区建设工作专班：" in text_of(tmp_path / files[1])
    # HZ-001 has two photos, embedded both; downsized, never the stored original
    hz = pictures(tmp_path / files[0])
    assert len(hz) == 2
    originals = {ph.source.read_bytes() for p in report.problems for ph in p.photos}
    assert not set(hz) & originals


def test_by_unit_one_notice_per_responsible_unit(demo_office, tmp_path):
    """A notice goes to a unit the office named in the ledger; a problem whose unit
    only the inspector wrote down goes to its city's people until the office names one."""
    report = report_of(demo_office, EARLIER)
    files, _ = write_notices(report, tmp_path, notices_by="unit")
    assert [f.name for f in files] == ["R2026-1 整改通知书 萧山区瓜沥镇人民政府.docx",
                                       "R2026-1 整改通知书 宁波市.docx",
                                       "R2026-1 整改通知书 衢州市.docx"]
    assert "宁波市未来社区建设工作专班：" in [p.text for p in Document(str(tmp_path / files[1])).paragraphs]
    first = [p.text for p in Document(str(tmp_path / files[0])).paragraphs]
    assert "萧山区瓜沥镇人民政府：" in first
    assert not any(line.startswith("责任单位：") for line in first)  # it is the addressee
    assert any("你单位负责" in line for line in first)


def test_city_scoped_report_gives_that_city_only(demo_office, tmp_path):
    report = report_of(demo_office, EARLIER, cities=frozenset({"ningbo"}))
    files, _ = write_notices(report, tmp_path)
    assert [f.name for f in files] == ["R2026-1 整改通知书 宁波市.docx"]
    text = text_of(tmp_path / files[0])
    others = {p.project_name for p in report_of(demo_office, EARLIER).problems if p.city != "ningbo"}
    assert others and not any(name in text for name in others)


def test_unit_names_become_safe_file_names_and_unassigned_go_to_the_city(demo_office, tmp_path):
    report = report_of(demo_office, EARLIER)
    hz, nb, qz = (p for p in report.problems if p.status != "closed")
    report.problems = [dataclasses.replace(hz, unit="住建局/城建科:二组", unit_in_directory=True),
                       dataclasses.replace(nb, unit="住建局城建科二组", city="hangzhou", unit_in_directory=True),
                       dataclasses.replace(qz, unit="  ")]
    files, _ = write_notices(report, tmp_path, notices_by="unit")
    assert [f.name for f in files] == ["R2026-1 整改通知书 住建局城建科二组.docx",
                                       "R2026-1 整改通知书 住建局城建科二组 (2).docx",
                                       "R2026-1 整改通知书 衢州市.docx"]
    assert "住建局/城建科:二组：" in text_of(tmp_path / files[0])  # the addressee keeps its real name
    unassigned = [p.text for p in Document(str(tmp_path / files[2])).paragraphs]
    assert "衢州市未来社区建设工作专班：" in unassigned
    assert "责任单位：未明确" in unassigned
    assert any("尚未明确责任单位" in line for line in unassigned)


def test_safe_name():
    assert notices.safe_name('a\\b/c:d*e?f"g<h>i|j\x01k') == "abcdefghijk"
    assert notices.safe_name("  杭州 市 . ") == "杭州 市"
    assert notices.safe_name("CON") == "_CON"
    assert notices.safe_name("长" * 100) == "长" * notices.NAME_LIMIT
    assert notices.safe_name("/:") == "_"


def test_no_open_problem_no_notice(demo_office, tmp_path):
    report = report_of(demo_office)
    report.problems = [dataclasses.replace(p, status="closed") for p in report.problems] + [
        dataclasses.replace(report.problems[0], number=None, status="received")]
    files, work = write_notices(report, tmp_path)
    assert files == [] and work.done == 0


def test_a_large_photo_goes_in_downsized_and_an_unreadable_one_is_named(demo_office, tmp_path):
    report = report_of(demo_office)
    big = tmp_path / "big.jpg"
    Image.new("RGB", (4000, 3000), (120, 160, 200)).save(big, quality=95)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a photo")
    first = report.problems[0]
    photo = first.photos[0]
    report.problems = [dataclasses.replace(first, photos=(
        dataclasses.replace(photo, source=big, thumbnail=None, name="big-1.jpg"),
        dataclasses.replace(photo, source=broken, thumbnail=None, name="broken-2.jpg"),
        dataclasses.replace(photo, name="third-3.jpg")))]
    files, _ = write_notices(report, tmp_path / "out")
    path = tmp_path / "out" / files[0]
    (embedded,) = pictures(path)
    assert max(Image.open(BytesIO(embedded)).size) <= notices.PHOTO_EDGE
    text = text_of(path)
    assert "照片 broken-2.jpg 无法读取" in text
    assert "另有 1 张照片" in text  # the third is not embedded (two per problem at most)


def test_english_notice(demo_office, tmp_path):
    report = report_of(demo_office)
    files, _ = write_notices(report, tmp_path, lang="en")
    assert files == [Path("notices") / "R2026-2 rectification notice Hangzhou.docx"]
    paragraphs = [p.text for p in Document(str(tmp_path / files[0])).paragraphs]
    assert "Rectification Notice" in paragraphs
    assert "To Hangzhou Future Community Task Force:" in paragraphs
    assert "Deadline: December 22, 2026" in paragraphs
    assert any("by December 19, 2026." in line for line in paragraphs)
    assert sheet_rows(tmp_path / files[0])[0] == ["No.", "Problem number", "Project", "Description",
                                                  "Rectification type", "Deadline"]
    first = report.problems[0]  # which of the two gets number 1 is the demo's confirmation order
    assert sheet_rows(tmp_path / files[0])[1][4:] == ["fix by a deadline", notices.day_words(first.deadline, "en")]
    assert notices.day_words(date(2026, 12, 9), "en") == "December 9, 2026"
    assert not any("整改" in line for line in paragraphs)


def test_both_languages_hold_the_same_words():
    zh, en = report_notice.MESSAGES["zh"], report_notice.MESSAGES["en"]
    assert set(zh) == set(en)
    assert all(key.startswith("report_notice.") for key in zh)


@pytest.mark.parametrize("by", ["city", "unit"])
def test_units_counts_the_ticks(demo_office, tmp_path, by):
    report = report_of(demo_office, EARLIER)
    _, work = write_notices(report, tmp_path, notices_by=by)
    assert work.done == 3 + 3 + 4  # notices, problems, photos (HZ-001 has two, NB and QZ one each)


def test_a_unit_with_hundreds_of_problems_gets_them_all_numbered(demo_office, tmp_path):
    """A province's unit can be handed 150 problems in one notice (the benchmark's round found it
    out): the numbering goes on past 99, in both languages."""
    from dataclasses import replace

    report = report_of(demo_office)
    first = next(p for p in report.problems if p.status != "closed")
    many = [replace(first, ref=f"{first.number}-{n}", number=f"{first.number}-{n}", photos=())
            for n in range(1, 151)]
    report = replace(report, problems=many)
    for lang in ("zh", "en"):
        files, _ = write_notices(report, tmp_path / lang, lang=lang)
        (path,) = files
        text = [p.text for p in Document(str(tmp_path / lang / path)).paragraphs]
        assert any(line.startswith("150.") or line.startswith("(et)") for line in text), text[-40:]


def test_heading_numbers_past_ninety_nine():
    from inspector.office.reports.gongwen import chinese_number, heading_label

    assert [chinese_number(n) for n in (10, 21, 100, 105, 110, 1010)] == [
        "十", "二十一", "一百", "一百零五", "一百一十", "一千零一十"]
    assert heading_label(1, 120) == "一百二十、" and heading_label(3, 150) == "150."
    assert heading_label(3, 27, "en") == "(aa) " and heading_label(1, 14, "en") == "XIV. "
