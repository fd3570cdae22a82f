"""The supervision report (督导报告, office/reports/supervision.py), written
from the office demo's round really ingested, and read back with python-docx:
headings in order, tables with the figures, photos embedded, 公文 layout."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from inspector.i18n import LANGS, label
from inspector.i18n.areas import report_docx
from inspector.office.reports import docx_pictures, figures, gongwen, supervision, words
from inspector.office.reports.run import Work
from reportdata import ROUND, demo_office, report_of, scope  # noqa: F401

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def written(office, folder: Path, **given):
    report = report_of(office, **given)
    work = Work(total=10**9)
    sc = scope(**given)
    files = supervision.write(report, folder, sc, work)
    assert work.done == supervision.units(report, sc)  # the bar reaches its end, no further
    (name,) = files
    return Document(str(folder / name)), report, folder / name


@pytest.fixture(scope="module")
def zh(demo_office, tmp_path_factory):
    return written(demo_office, tmp_path_factory.mktemp("docx-zh"))


def headings(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]


def table_with(doc, *header: str):
    for grid in doc.tables:
        cells = [c.text for c in grid.rows[0].cells]
        if list(header) == cells[:len(header)]:
            return [[c.text for c in row.cells] for row in grid.rows]
    raise AssertionError(f"no table headed {header}: {[[c.text for c in g.rows[0].cells] for g in doc.tables]}")


def test_file_name_and_title_name_the_round(zh):
    doc, report, path = zh
    assert path.name == f"{ROUND} 督导报告.docx"
    title = next(p for p in doc.paragraphs if p.style.name == "Title")
    assert title.text == "关于2026年第2轮未来社区建设督导情况的报告"
    assert words.round_name("R2026-2", "en") == "round 2 of 2026"
    assert words.round_name("spring", "zh") == "spring"


def test_sections_in_order_with_their_numbers(zh):
    doc, _, _ = zh
    level1 = [text for style, text in headings(doc) if style == "Heading 1"]
    assert level1 == ["一、基本情况", "二、发现的主要问题", "三、负面清单和“四化”倾向", "四、评分情况",
                      "五、典型创新案例", "六、往期问题整改情况", "七、各地市排名"]
    found = headings(doc)
    second = found[found.index(("Heading 1", "二、发现的主要问题")) + 1:]
    assert second[:3] == [("Heading 2", "（一）分地市情况"), ("Heading 2", "（二）分场景情况"),
                          ("Heading 2", "（三）典型问题")]
    severe = next(p for p in zh[1].problems if p.severity == "severe")  # the demo's numbering order varies
    assert second[3] == ("Heading 3", f"1.{severe.project_name}：{label('ProblemCategory', severe.category)}")
    third = found[found.index(("Heading 1", "三、负面清单和“四化”倾向")) + 1:][:2]
    assert [t for _, t in third] == ["（一）负面清单（一票否决）事项", "（二）“四化”倾向"]  # numbers start again


def test_coverage_comes_first(zh):
    doc, report, _ = zh
    first = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert ["督导轮次", ROUND] in first
    assert ["生成人", "李明"] in first
    assert ["未列入", "不予采纳的问题 1 条"] in first


def test_tables_hold_the_figures(zh):
    doc, report, _ = zh
    per_city, total = figures.city_figures(report)
    overview = table_with(doc, "地市", "安排项目", "已督导", "督导次数")
    assert overview[1] == ["杭州", "2", "2", "3", "2", "1"]
    assert overview[-1] == ["合计", str(total.projects), str(total.visited), str(total.visits),
                            str(total.problems), str(total.innovations)]
    severity = table_with(doc, "地市", "已督导", "问题数", "严重", "较重", "一般")
    assert severity[1][:6] == ["杭州", "2", "2", "1", "1", "0"]
    scenario = table_with(doc, "场景", "问题数")
    assert {row[0] for row in scenario[1:-1]} == {"未来健康", "未来邻里"}
    rectified = table_with(doc, "地市", "台账问题", "已销号", "整改率")
    assert rectified[1] == ["杭州", "2", "1", "50.0%", "2", "1", "50.0%", "1"]
    late = table_with(doc, "序号", "问题编号", "项目名称", "责任单位", "整改时限", "逾期天数")
    assert [row[1] for row in late[1:]] == [r.number for r in figures.overdue(report)]
    assert late[1][1:] == ["2026-1-QZ-001", "江郎山居乡村未来社区", "—", "2026-06-09", "178"]
    ranked = table_with(doc, "排名", "地市", "按期整改率")
    assert [row[:3] for row in ranked[1:]] == [["1", "杭州", "50.0%"], ["2", "宁波", "0.0%"], ["3", "衢州", "0.0%"]]
    scores = table_with(doc, "地市", "评分项目", "平均得分率")
    assert scores[-1] == ["合计", "4", f"{total.mean_score * 100:.1f}%"]


def test_nothing_found_is_said(zh):
    doc, _, _ = zh
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "本轮未发现触及负面清单（一票否决）事项的情形。" in text
    assert "本轮未发现“四化”倾向问题。" in text


def test_typical_case_and_problem_photos_embedded_downsized(zh):
    doc, report, path = zh
    assert len(doc.inline_shapes) == 3  # the severe problem's photo and the typical case's two
    captions = [p.text for p in doc.paragraphs if p.text.startswith("图")]
    (case,) = [i for i in report.innovations if i.typical]
    severe = next(p for p in report.problems if p.severity == "severe")
    assert captions == [f"图1\u3000{severe.project_name} {severe.ref}", f"图2\u3000{case.caption}"]
    with zipfile.ZipFile(path) as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        assert media and all(docx.getinfo(n).file_size < 400_000 for n in media)
        for name in media:
            assert b"GPS" not in docx.read(name)[:4096]


def test_downsized_copy_of_a_large_photo(tmp_path):
    from PIL import Image

    big = tmp_path / "big.jpg"
    Image.new("RGB", (4000, 3000), (120, 160, 200)).save(big, "JPEG")
    stream, w, h = docx_pictures.downsized_jpeg(big, None)
    assert (w, h) == (800, 600)
    assert Image.open(stream).size == (800, 600)
    with pytest.raises(OSError):
        docx_pictures.downsized_jpeg(tmp_path / "missing.jpg", None)


def test_gongwen_layout(zh):
    doc, _, _ = zh
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.05) and abs(section.page_height - Cm(29.7)) < Cm(0.05)
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    title = next(p for p in doc.paragraphs if p.style.name == "Title")
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == gongwen.TITLE_FONT
    heading = next(p for p in doc.paragraphs if p.style.name == "Heading 1")
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    footer = section.footer._element.xml
    assert "PAGE" in footer and "— " in footer
    assert "PAGE" in section.even_page_footer._element.xml


def test_issuing_line_and_notes(zh, demo_office, tmp_path):
    doc, report, _ = zh
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[-2:] == ["未来社区专班办公室（演示）", "2026年12月4日"]  # the office identity's name
    assert any(t.startswith("5. 排名先比按期整改率") for t in texts)
    from dataclasses import replace

    unnamed = replace(report, coverage=replace(report.coverage, office=""))
    assert [p.text for p in _write(unnamed, tmp_path).paragraphs if p.text][-2] == "未来社区专班办公室"


def test_city_report_holds_nothing_of_another_city(demo_office, tmp_path):
    doc, report, _ = written(demo_office, tmp_path, cities=frozenset({"ningbo"}))
    whole = report_of(demo_office)
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for g in doc.tables for row in g.rows for c in row.cells])
    assert "星阳未来社区" in text and "宁波" in text
    title = next(p for p in doc.paragraphs if p.style.name == "Title").text
    assert title == "关于2026年第2轮宁波未来社区建设督导情况的报告"
    for other in [p for p in whole.projects if p.city != "ningbo"]:
        assert other.name not in text and other.code not in text
    for word in ("杭州", "衢州", "hangzhou", "2026-1-HZ", "2026-2-HZ"):
        assert word not in text


def test_english_report_same_structure_no_chinese_in_headings(demo_office, tmp_path):
    doc, report, path = written(demo_office, tmp_path, lang="en")
    assert path.name == f"{ROUND} supervision-report.docx"
    found = headings(doc)
    assert [t for s, t in found if s == "Heading 1"][:2] == ["I. Overview", "II. Main problems found"]
    assert all(not CJK.search(text) for _, text in found), [t for _, t in found if CJK.search(t)]
    assert len([1 for s, _ in found if s == "Heading 1"]) == 7
    title = next(p for p in doc.paragraphs if p.style.name == "Title").text
    assert title == "Report on the supervision of future-community construction, round 2 of 2026"
    assert len(doc.inline_shapes) == 3
    assert table_with(doc, "Rank", "City", "On-time rate")[1][:3] == ["1", "Hangzhou", "50.0%"]


def test_both_languages_hold_the_same_words():
    assert set(report_docx.MESSAGES["zh"]) == set(report_docx.MESSAGES["en"])
    assert all(key.startswith("report_docx.") for key in report_docx.MESSAGES["zh"])
    assert set(report_docx.MESSAGES["zh"]) <= set(LANGS["en"].MESSAGES)


def _write(report, folder: Path, **given):
    work = Work(total=10**9)
    sc = scope(**given)
    (name,) = supervision.write(report, folder, sc, work)
    assert work.done == supervision.units(report, sc)
    return Document(str(folder / name))


def test_negative_list_tendencies_and_caps(demo_office, tmp_path):
    """A round with negative-list hits, a tendency, many severe problems and
    a case with many photos: the hits are listed, the caps hold."""
    from dataclasses import replace

    report = report_of(demo_office)
    severe, other = sorted(report.problems, key=lambda p: p.severity != "severe")
    many = [replace(severe, ref=f"{severe.ref}-{n}", number=None) for n in range(14)]
    veto = replace(other, veto=True, category="negative_list", description="擅自改变用地性质搞商品房开发。")
    leaning = replace(other, ref="X-T1", number=None, category="tendency", severity="minor",
                      description="盆景化打造，展示点与居民日常生活脱节。")
    (case,) = [i for i in report.innovations if i.typical]
    case = replace(case, photos=case.photos * 5)
    hit_project = replace(report.projects[0], veto_hits=("是否存在大拆大建",))
    report = replace(report, problems=[veto, leaning, *many], innovations=[case],
                     projects=[hit_project, *report.projects[1:]])
    doc = _write(report, tmp_path)
    text = "\n".join(p.text for p in doc.paragraphs)
    typical = [t for s, t in headings(doc) if s == "Heading 3"]
    assert len(typical) == supervision.TYPICAL_PROBLEMS
    assert typical[0].endswith("：负面清单")  # the negative-list problem comes first
    assert f"另有{16 - 1 - supervision.TYPICAL_PROBLEMS}个同类问题，详见问题清单。" in text
    hits = table_with(doc, "序号", "地市", "项目名称", "事项或问题")
    assert [row[3] for row in hits[1:3]] == ["擅自改变用地性质搞商品房开发。", "是否存在大拆大建"]
    assert "本轮有2个项目触及负面清单（一票否决）事项，共2处：" in text
    assert "本轮发现“四化”倾向问题1个：" in text
    tendency = table_with(doc, "序号", "地市", "项目名称", "问题描述")
    assert tendency[1][3] == "盆景化打造，展示点与居民日常生活脱节。"
    # 10 typical problems with a photo each, the case with 2 of its 5
    assert len(doc.inline_shapes) == supervision.TYPICAL_PROBLEMS + supervision.CASE_PHOTOS


def test_no_scores_is_said_and_a_missing_photo_does_not_stop_the_report(demo_office, tmp_path):
    from dataclasses import replace

    report = report_of(demo_office)
    (case,) = [i for i in report.innovations if i.typical]
    gone = replace(case.photos[0], source=tmp_path / "gone.jpg", thumbnail=None)
    report = replace(report, projects=[replace(p, score=None, score_max=None) for p in report.projects],
                     innovations=[replace(case, photos=(gone,))])
    doc = _write(report, tmp_path)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "本轮所用检查表未设评分，不作评分统计。" in text
    assert not any(g.rows[0].cells[0].text == "地市" and g.rows[0].cells[1].text == "评分项目" for g in doc.tables)
    assert f"（照片 {gone.name} 无法读取，未插入）" in text
    assert len(doc.inline_shapes) == 1  # the problem's photo still there


def test_long_tables_keep_every_row_and_its_layout(tmp_path):
    """Rows after the first are copies of it (fast): each keeps its own text,
    the body font, the centred columns; control characters are dropped."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = gongwen.new_document()
    rows = [[f"项目{n}", n, "" if n % 7 else "有\x0b控制符"] for n in range(1, 501)]
    gongwen.table(doc, ["项目", "数", "备注"], rows, widths_cm=[6, 3, 6.6], centred=(1,))
    doc.save(str(tmp_path / "t.docx"))
    back = Document(str(tmp_path / "t.docx")).tables[0]
    assert len(back.rows) == 501
    got = [[c.text for c in row.cells] for row in back.rows[1:]]
    assert got == [[f"项目{n}", str(n), "" if n % 7 else "有控制符"] for n in range(1, 501)]
    last = back.rows[-1].cells
    assert last[0].paragraphs[0].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert last[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert last[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.CENTER
    assert abs(last[0].width - Cm(6)) < Cm(0.05)
