"""The round's workbooks (office/reports/workbook.py): written from the office
demo's really ingested rounds and read back with openpyxl and as a zip."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl

from inspector.i18n import LANGS
from inspector.i18n.areas import report_xlsx
from inspector.office.reports import workbook
from inspector.office.reports.run import Work
from inspector.office.reports.workbook import display_width, sheet_title
from reportdata import demo_office, report_of, scope  # noqa: F401

PROBLEM_HEADERS = ["序号", "问题编号", "地市", "县（市、区）", "项目名称", "场景", "问题类别", "严重程度", "问题描述",
                   "责任单位", "整改类型", "整改时限", "整改状态", "逾期天数", "督导员", "发现日期", "复查情况", "照片"]


def write(office, out: Path, report=None, **given) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    report = report or report_of(office, **given)
    work = Work(total=10**9)
    files = workbook.write(report, out, scope(**given), work)
    assert work.done == workbook.units(report, scope(**given))  # the bar ends full, not beyond
    return [out / f for f in files]


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist()
                       if n.startswith("xl/worksheets/") or n.startswith("xl/charts/") or n == "xl/workbook.xml")


def test_both_workbooks_named_with_the_round_and_sheets_per_city(demo_office, tmp_path):
    problems, innovations = write(demo_office, tmp_path)
    assert problems.name == "R2026-2 问题清单.xlsx" and innovations.name == "R2026-2 创新清单.xlsx"
    assert openpyxl.load_workbook(problems).sheetnames == ["汇总", "全省", "杭州", "宁波", "衢州"]
    assert openpyxl.load_workbook(innovations).sheetnames == ["汇总", "全省", "杭州", "宁波", "衢州"]


def test_problem_rows_match_the_report(demo_office, tmp_path):
    report = report_of(demo_office)
    problems, _ = write(demo_office, tmp_path, report)
    ws = openpyxl.load_workbook(problems)["全省"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0][: len(PROBLEM_HEADERS)]) == PROBLEM_HEADERS
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{len(report.problems) + 1}"
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("DDEBF7")
    data = rows[1:]
    assert len(data) == len(report.problems) > 0
    for n, (row, p) in enumerate(zip(data, report.problems), 1):
        cells = dict(zip(PROBLEM_HEADERS, row))
        assert cells["序号"] == n and cells["问题编号"] == (p.number or p.ref)
        assert cells["地市"] == "杭州" and cells["项目名称"] == p.project_name
        assert cells["问题描述"] == p.description
        assert isinstance(cells["发现日期"], datetime) and cells["发现日期"].date() == p.found_on
        if p.deadline:
            assert cells["整改时限"].date() == p.deadline
        assert isinstance(cells["逾期天数"], int) and cells["逾期天数"] == p.days_overdue
        assert cells["照片"] == "\n".join(ph.name for ph in p.photos)
    assert ws["L2"].number_format == "yyyy-mm-dd" and ws["P2"].number_format == "yyyy-mm-dd"
    assert ws["I2"].alignment.wrap_text  # the description wraps
    assert {r[12] for r in data} <= {"待整改", "整改中", "申请销号", "已销号", "退回整改", "待审核", "有疑问", "已确认", "退回"}
    # a city's sheet holds that city's rows only
    wb = openpyxl.load_workbook(problems)
    assert wb["宁波"].max_row == 1 + len(report.problems_of("ningbo"))
    assert [r[1] for r in wb["杭州"].iter_rows(min_row=2, values_only=True)] == \
        [p.number or p.ref for p in report.problems_of("hangzhou")]


def test_verdicts_of_earlier_round_are_joined_words(demo_office, tmp_path):
    report = report_of(demo_office, "R2026-1")
    problems, _ = write(demo_office, tmp_path, report, round_id="R2026-1")
    ws = openpyxl.load_workbook(problems)["全省"]
    verdicts = [r[16] for r in ws.iter_rows(min_row=2, values_only=True) if r[16]]
    assert any("未整改" in v and "部分整改" in v and "\n" in v for v in verdicts)


def test_column_widths_count_chinese_double_and_are_capped(demo_office, tmp_path):
    problems, _ = write(demo_office, tmp_path)
    ws = openpyxl.load_workbook(problems)["全省"]
    assert display_width("瓜沥七彩未来社区") == 16
    assert ws.column_dimensions["E"].width >= 16  # 项目名称 holds 瓜沥七彩未来社区
    assert all(d.width <= workbook.MAX_WIDTH + 2 for d in ws.column_dimensions.values())
    assert ws.column_dimensions["I"].width <= workbook.WRAP_WIDTH + 2


def test_summary_has_coverage_tables_notes_and_native_charts(demo_office, tmp_path):
    problems, _ = write(demo_office, tmp_path)
    ws = openpyxl.load_workbook(problems)["汇总"]
    values = [v for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert "督导轮次" in values and "R2026-2" in values and "不予采纳的问题 1 条" in values
    assert "各地市问题数（按严重程度）" in values and "各地市整改情况" in values
    assert any(isinstance(v, str) and v.startswith("3. 按期整改率") for v in values)
    rows = {row[0]: row for row in ws.iter_rows(values_only=True) if row[0]}
    heads = next(r for r in ws.iter_rows(values_only=True) if r[0] == "地市" and r[1] == "本轮整改率")
    assert heads[2] == "往轮整改率"
    with zipfile.ZipFile(problems) as z:
        names = z.namelist()
        charts = sorted(n for n in names if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        assert len(charts) == 3
        assert "xl/drawings/_rels/drawing1.xml.rels" in names
        assert "drawing" in z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        texts = [z.read(c).decode() for c in charts]
    assert any('grouping val="stacked"' in x and "各地市问题数（按场景）" in x for x in texts)
    assert any("各地市整改率" in x and "'汇总'!" in x for x in texts)
    assert all(x.count('<delete val="0"/>') == 2 for x in texts)  # both axes shown
    assert all("<cat><strRef>" in x for x in texts)  # cities are words, not numbers
    assert rows["杭州"] is not None


def test_city_scoped_workbook_holds_no_other_city(demo_office, tmp_path):
    everything = report_of(demo_office)
    others = {p.name for p in everything.projects if p.city != "ningbo"}
    others |= {"杭州", "衢州", "全省"}
    files = write(demo_office, tmp_path, cities=frozenset({"ningbo"}))
    for path in files:
        assert openpyxl.load_workbook(path).sheetnames == ["汇总", "宁波"]
        xml = sheet_xml(path)
        assert "宁波" in xml
        assert not [name for name in others if name in xml], path.name
    with zipfile.ZipFile(files[0]) as z:  # nothing found this round, the earlier ledger's rate still shows
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 1 and "各地市整改率" in charts[0]


def test_english_headers_and_names(demo_office, tmp_path):
    problems, innovations = write(demo_office, tmp_path, lang="en")
    assert problems.name == "R2026-2 problems.xlsx" and innovations.name == "R2026-2 innovations.xlsx"
    wb = openpyxl.load_workbook(problems)
    assert wb.sheetnames[:2] == ["Summary", "Province"]
    head = [c.value for c in wb["Province"][1]]
    assert head[:4] == ["No.", "Problem number", "City", "District"]
    assert wb["Province"]["C2"].value == "Hangzhou"
    assert "Rectification rate per city" in sheet_xml(problems)


def test_innovation_rows(demo_office, tmp_path):
    report = report_of(demo_office)
    _, innovations = write(demo_office, tmp_path, report)
    ws = openpyxl.load_workbook(innovations)["全省"]
    head = [c.value for c in ws[1]]
    assert head[:9] == ["序号", "编号", "地市", "县（市、区）", "项目名称", "场景", "创新类别", "创新做法名称", "主要做法"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == [i.ref for i in report.innovations]
    (case,) = [i for i in report.innovations if i.typical]
    cells = next(dict(zip(head, r)) for r in rows if r[1] == case.ref)
    assert cells["编号"] == case.ref and cells["评定等级"] == "可复制推广" and cells["典型案例"] == "是"
    assert cells["案例说明"] == case.caption and isinstance(cells["发现日期"], datetime)
    assert cells["照片"].splitlines() == [p.name for p in case.photos]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:Q{1 + len(rows)}"


def test_hostile_text_is_stored_as_text_never_a_formula(demo_office, tmp_path):
    report = report_of(demo_office)
    hostile = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "=1+1\x07"]
    report.problems[:] = [dataclasses.replace(report.problems[0], description=text, unit=text)
                          for text in hostile]
    problems, _ = write(demo_office, tmp_path, report)
    ws = openpyxl.load_workbook(problems)["全省"]
    got = [(c.value, c.data_type, c.quotePrefix) for c in ws["I"][1:]]
    assert got == [(text.replace("\x07", ""), "s", True) for text in hostile]
    with zipfile.ZipFile(problems) as z:
        cells = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "HYPERLINK" in cells and "<f>" not in cells  # in the file, and nowhere a formula


def test_sheet_titles_follow_excel_rules():
    taken: set[str] = set()
    assert sheet_title("a/b[c]", taken) == "a_b_c_"
    assert sheet_title("A/B[C]", taken) == "A_B_C_ (2)"
    assert len(sheet_title("x" * 40, taken)) == 31


def test_words_in_both_languages():
    assert report_xlsx.MESSAGES["zh"].keys() == report_xlsx.MESSAGES["en"].keys()
    assert all(k.startswith("report_xlsx.") for k in report_xlsx.MESSAGES["zh"])
    assert LANGS["en"].MESSAGES["report_xlsx.sheet.summary"] == "Summary"


def test_dates_stay_dates_for_problems_without_deadline(demo_office, tmp_path):
    report = report_of(demo_office)
    report.problems[:] = [dataclasses.replace(report.problems[0], deadline=None, found_on=date(2026, 1, 31))]
    problems, _ = write(demo_office, tmp_path, report)
    ws = openpyxl.load_workbook(problems)["全省"]
    assert ws["L2"].value is None and ws["P2"].value == datetime(2026, 1, 31)


def test_long_descriptions_get_rows_tall_enough_to_show_them(demo_office, tmp_path):
    report = report_of(demo_office)
    long = "社区食堂" * 60  # 480 wide: 12 lines in a 40-wide column
    report.problems[:] = [dataclasses.replace(report.problems[0], description=long, verdicts=(), photos=(),
                                              item_prompt=None),
                          dataclasses.replace(report.problems[0], description="短", verdicts=(), photos=(),
                                              item_prompt=None)]
    problems, _ = write(demo_office, tmp_path, report)
    ws = openpyxl.load_workbook(problems)["全省"]
    assert ws.row_dimensions[2].height >= 12 * workbook.LINE_HEIGHT
    assert ws.row_dimensions[3].height is None  # one line: Excel's own height
    assert ws["E2"].alignment.vertical == "top" and ws["A2"].alignment.vertical == "top"
    assert ws.print_title_rows == "$1:$1"
