"""Word documents laid out as Chinese official documents (公文) are, after
GB/T 9704-2012, which most offices copy even for internal reports:

* A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right;
* title 2号 (22 pt) 方正小标宋简体, with 黑体 named as its stand-in where the
  face is not installed; body 3号 (16 pt) 仿宋, 28.95 pt fixed line spacing
  (22 lines of 28 characters), first line indented two characters;
* headings 一、(黑体) （一）(楷体) 1.（仿宋, bold） as real Word headings, so
  the navigation pane and a table of contents work;
* page numbers 4号 "— 1 —" at the foot, odd pages right, even pages left.

Numbers in headings are written as text, not Word list numbering: offices
cut and move sections, and text numbers stay what they say. Everything is
plain paragraphs and real tables (no text boxes, no floating shapes), so the
file edits well in Word and WPS. English reports use the same layout with
Times New Roman beside the Chinese faces."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import BinaryIO

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .docx_pictures import add_picture
from .words import xml_safe

TITLE_FONT = "方正小标宋简体"
TITLE_STAND_IN = "黑体"
HEI = "黑体"
KAI = "楷体"
FANG = "仿宋"
SONG = "宋体"
LATIN = "Times New Roman"
SIZE_2 = Pt(22)
SIZE_3 = Pt(16)
SIZE_4 = Pt(14)
SIZE_SMALL_4 = Pt(12)
SIZE_5 = Pt(10.5)
LINE = Pt(28.95)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 105 -> 一百零五, 110 -> 一百一十 (to 9999;
    a notice to one unit can list hundreds of problems)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n >= 10000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero and out else "") + _DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def roman_number(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: English third-level numbers that never repeat."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def heading_label(level: int, n: int, lang: str = "zh") -> str:
    """The number a heading of `level` (1..4) starts with: 一、 （一） 1. （1）;
    in English I. 1. (a) (i), the same depth without Chinese numerals."""
    if lang != "zh":
        if level == 1:
            return f"{roman_number(n)}. "
        if level == 2:
            return f"{n}. "
        return f"({letters(n)}) " if level == 3 else f"({roman_number(n).lower()}) "
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    return f"{n}." if level == 3 else f"（{n}）"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def english_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def document_date(day: date, lang: str) -> str:
    """The date a document is issued, as its language writes it."""
    return chinese_date(day) if lang == "zh" else english_date(day)


def set_font(run, east_asia: str, size=None, *, bold: bool | None = None, latin: str = LATIN) -> None:
    run.font.name = latin
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def _style_font(style, east_asia: str, size, *, bold: bool = False) -> None:
    style.font.name = LATIN
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _lines(paragraph_format, *, indent: bool) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = LINE
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.first_line_indent = Pt(32) if indent else None


def new_document() -> Document:
    """An empty A4 document with the styles above and page numbers."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.8)
    normal = doc.styles["Normal"]
    _style_font(normal, FANG, SIZE_3)
    _lines(normal.paragraph_format, indent=False)
    for level, (face, bold) in {1: (HEI, False), 2: (KAI, False), 3: (FANG, True), 4: (FANG, False)}.items():
        style = doc.styles[f"Heading {level}"]
        _style_font(style, face, SIZE_3, bold=bold)
        _lines(style.paragraph_format, indent=True)
        style.paragraph_format.keep_with_next = True
    title = doc.styles["Title"]
    _style_font(title, TITLE_FONT, SIZE_2)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(28.95)
    # the Title style's bottom border is a Word theme ornament, not a 公文 one
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    _name_stand_in(doc)
    _page_numbers(doc)
    return doc


def _name_stand_in(doc) -> None:
    """Tell Word and WPS to use 黑体 where 方正小标宋简体 is not installed."""
    fonts = doc.part.font_table_part.element if hasattr(doc.part, "font_table_part") else None
    if fonts is None:
        for rel in doc.part.rels.values():
            if rel.reltype.endswith("/fontTable"):
                from docx.oxml import parse_xml

                part = rel.target_part
                fonts = parse_xml(part.blob)
                font = OxmlElement("w:font")
                font.set(qn("w:name"), TITLE_FONT)
                alt = OxmlElement("w:altName")
                alt.set(qn("w:val"), TITLE_STAND_IN)
                font.append(alt)
                charset = OxmlElement("w:charset")
                charset.set(qn("w:val"), "86")
                font.append(charset)
                fonts.append(font)
                from lxml import etree

                part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)
                return


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._element.append(element)
    set_font(run, SONG, SIZE_4)


def _page_number_paragraph(footer, alignment) -> None:
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = alignment
    paragraph.paragraph_format.first_line_indent = None
    for text, is_field in (("— ", False), ("PAGE", True), (" —", False)):
        if is_field:
            _field(paragraph, text)
        else:
            set_font(paragraph.add_run(text), SONG, SIZE_4)


def _page_numbers(doc) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:evenAndOddHeaders")) is None:
        settings.append(OxmlElement("w:evenAndOddHeaders"))
    section = doc.sections[0]
    _page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_paragraph(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def title(doc, text: str):
    paragraph = doc.add_paragraph(style="Title")
    set_font(paragraph.add_run(text), TITLE_FONT, SIZE_2)
    return paragraph


def _stamped(doc, key: tuple, make, texts: list[str]):
    """A paragraph like the one `make()` builds through python-docx, holding
    `texts` in its runs. The first of each `key` is built; the rest are
    copies of it with their texts set, put before the section's properties
    directly: python-docx looks up styles and searches the body's children on
    every paragraph, so a notice of 800 problems cost seconds in that alone."""
    from copy import deepcopy

    from docx.text.paragraph import Paragraph

    stamps = doc.__dict__.setdefault("_inspector_stamps", {})
    if key not in stamps:
        paragraph = make()
        stamps[key] = deepcopy(paragraph._p)
        element = paragraph._p
    else:
        element = deepcopy(stamps[key])
        body = doc.element.body
        if "end" not in stamps:
            stamps["end"] = body.sectPr  # found once: finding it again walks every paragraph before it
        end = stamps["end"]
        if end is not None and end.getparent() is body:
            end.addprevious(element)
        else:
            body.append(element)
    for run, text in zip(element.iterchildren(qn("w:r")), texts):
        shown = run.find(qn("w:t"))
        shown.text = xml_safe(text)
        shown.set(qn("xml:space"), "preserve")
    return Paragraph(element, doc._body)


def centered(doc, text: str, *, face: str = KAI, size=SIZE_3):
    def make():
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(paragraph.add_run("x"), face, size)
        return paragraph

    return _stamped(doc, ("centered", face, size), make, [text])


def heading(doc, level: int, n: int, text: str, *, lang: str = "zh"):
    """A numbered heading: heading(doc, 1, 2, "发现的问题") -> 二、发现的问题"""
    def make():
        paragraph = doc.add_heading(level=level)
        face = {1: HEI, 2: KAI, 3: FANG, 4: FANG}[level]
        set_font(paragraph.add_run("x"), face, SIZE_3, bold=level == 3)
        return paragraph

    return _stamped(doc, ("heading", level), make, [heading_label(level, n, lang) + text])


def body(doc, text: str, *, indent: bool = True, bold_lead: str = ""):
    """A body paragraph; `bold_lead` is a run of 黑体 before the text (如 “问题描述：”)."""
    def make():
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32) if indent else None
        if bold_lead:
            set_font(paragraph.add_run("x"), HEI, SIZE_3)
        set_font(paragraph.add_run("x"), FANG, SIZE_3)
        return paragraph

    return _stamped(doc, ("body", indent, bool(bold_lead)), make, [bold_lead, text] if bold_lead else [text])


def right(doc, text: str):
    def make():
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        set_font(paragraph.add_run("x"), FANG, SIZE_3)
        return paragraph

    return _stamped(doc, ("right",), make, [text])


def pairs(doc, lines: list[tuple[str, str]], *, widths_cm: tuple[float, float] = (4.0, 11.6), size=SIZE_SMALL_4):
    """A two-column table of label and value (what a report covers), no header row."""
    grid = doc.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label_text, value in lines:
        cells = grid.add_row().cells
        _cell_text(cells[0], label_text, header=True, size=size)
        _cell_text(cells[1], value, header=False, size=size)
        for cell, width in zip(cells, widths_cm):
            cell.width = Cm(width)
    return grid


def _cell_text(cell, text: str, *, header: bool, size) -> None:
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    paragraph.paragraph_format.first_line_indent = None
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if header else None
    run = paragraph.add_run()
    _set_text_of_run(run, text)
    set_font(run, HEI if header else FANG, size)


def _set_text_of_run(run, text: str) -> None:
    shown = OxmlElement("w:t")  # always one w:t, even empty: a copied row replaces it
    shown.set(qn("xml:space"), "preserve")
    shown.text = xml_safe(text)
    run._element.append(shown)


def table(doc, headers: list[str], rows: list[list[str]], *, widths_cm: list[float] | None = None,
          size=SIZE_SMALL_4, centred: tuple[int, ...] = ()):
    """A real table with a header row repeated on every page; the columns
    numbered in `centred` (counts, rates, dates) are centred.

    The first body row is laid out through python-docx; every further row is
    a copy of it with its texts replaced: python-docx styles a cell in about
    a millisecond, and a province's overdue list has thousands of cells."""
    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = grid.rows[0]
    tr_pr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, text in zip(head.cells, headers):
        _cell_text(cell, text, header=True, size=size)
    rows = iter(rows)
    first = next(rows, None)
    if first is not None:
        cells = grid.add_row().cells
        for column, (cell, text) in enumerate(zip(cells, first)):
            _cell_text(cell, str(text), header=False, size=size)
            if column in centred:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if widths_cm:
        # Word reads the cells' widths, LibreOffice and WPS the grid's: set both
        grid.autofit = False
        for column, width in zip(grid.columns, widths_cm):
            column.width = Cm(width)
        for row in grid.rows:
            for cell, width in zip(row.cells, widths_cm):
                cell.width = Cm(width)
    if first is not None:
        template = grid.rows[-1]._tr
        for values in rows:
            tr = copy.deepcopy(template)
            for tc, text in zip(tr.tc_lst, values):
                _set_text(tc, str(text))
            grid._tbl.append(tr)
    return grid


def _set_text(tc, text: str) -> None:
    """Replace the text of a copied cell (one paragraph, one run)."""
    runs = tc.findall(f"{qn('w:p')}/{qn('w:r')}")
    for each in runs:
        for old in each.findall(qn("w:t")) + each.findall(qn("w:br")):
            each.remove(old)
    run = runs[-1]  # the styled one
    shown = OxmlElement("w:t")
    shown.set(qn("xml:space"), "preserve")
    shown.text = xml_safe(text)
    run.append(shown)


def picture(doc, path: Path | BinaryIO, caption: str = "", *, width_cm: float = 12.0):
    """A photo on its own centred line, its caption under it in 楷体. `path`
    may be a file or a stream (a downsized copy made in memory)."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    add_picture(doc, paragraph.add_run(), path, width=Cm(width_cm))
    if caption:
        centered(doc, caption, face=KAI, size=SIZE_SMALL_4)
    return paragraph


def pictures(doc, images: list[tuple[BinaryIO, float]], caption: str = "", *, gap_cm: float = 0.4):
    """Photos side by side on one centred line (stream, width in cm each),
    one caption under them: two photos of a case read as one figure."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = None
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for n, (stream, width_cm) in enumerate(images):
        if n:
            paragraph.add_run("\u3000" if gap_cm >= 0.4 else " ")
        add_picture(doc, paragraph.add_run(), stream, width=Cm(width_cm))
    if caption:
        centered(doc, caption, face=KAI, size=SIZE_SMALL_4)
    return paragraph


def page_break(doc) -> None:
    doc.add_page_break()


def new_section(doc) -> None:
    doc.add_section(WD_SECTION.NEW_PAGE)
