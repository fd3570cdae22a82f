"""The supervision report (督导报告): one Word document per report, laid out
as a Chinese official document (gongwen.py), for the leadership.

Its outline is the one offices write by hand: title, what it covers, then
一、基本情况 二、发现的主要问题 三、负面清单和“四化”倾向 四、评分情况
五、典型创新案例 六、往期问题整改情况 七、各地市排名, the notes that define
the figures, and the issuing office and date. Every section is always
there, saying so in a sentence when it has nothing to show, so two rounds'
reports compare section by section. Sections 二-七 are written in
supervision_sections.py.

Photos are embedded only for typical problems (one each, at most
TYPICAL_PROBLEMS of them) and typical innovation cases (at most
CASE_PHOTOS each, CASES cases), downsized: a province report stays a file
one can mail. The lists hold everything else."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx.shared import Pt

from inspector.i18n import label, t

from . import gongwen
from .docx_pictures import downsized_jpeg, print_width_cm
from .photofiles import UNREADABLE
from .figures import NEGATIVE_CATEGORY, CityFigures, city_figures
from .rows import InnovationRow, PhotoRef, ProblemRow, RoundReport
from .scope import ReportScope
from .words import city_label, coverage_lines, round_name

TYPICAL_PROBLEMS = 10  # typical problems told in full, one photo each
CASES = 10  # innovation cases told in full
CASE_PHOTOS = 2  # photos per case, side by side
SECTIONS = 10  # ticks besides photos: title and coverage, seven sections, notes and saving



def file_name(report: RoundReport, lang: str) -> str:
    """`R2026-2 督导报告.docx`: prefixed with the round, as it gets mailed alone."""
    return f"{report.coverage.round_id} {t('report_docx.file.supervision', lang)}.docx"


def typical_problems(report: RoundReport) -> tuple[list[ProblemRow], int]:
    """The problems told in full: negative-list ones first, then severe ones,
    in ledger order; and how many more there are."""
    def negative(p: ProblemRow) -> bool:
        return p.veto or p.category == NEGATIVE_CATEGORY

    chosen = [p for p in report.problems if negative(p)]
    chosen += [p for p in report.problems if p.severity == "severe" and not negative(p)]
    return chosen[:TYPICAL_PROBLEMS], max(0, len(chosen) - TYPICAL_PROBLEMS)


def cases(report: RoundReport) -> tuple[list[InnovationRow], int]:
    """The innovation cases told in full: typical cases, then those graded replicable."""
    chosen = [i for i in report.innovations if i.typical]
    chosen += [i for i in report.innovations if i.grade == "replicable" and not i.typical]
    return chosen[:CASES], max(0, len(chosen) - CASES)


def photo_count(report: RoundReport) -> int:
    problems, _ = typical_problems(report)
    innovations, _ = cases(report)
    return sum(min(1, len(p.photos)) for p in problems) + sum(min(CASE_PHOTOS, len(i.photos))
                                                              for i in innovations)


def units(report: RoundReport, scope: ReportScope) -> int:
    return SECTIONS + photo_count(report)


@dataclass
class Writing:
    """The document being written and what its sections share: the language,
    the figures, heading and figure numbers, the progress."""

    doc: object
    report: RoundReport
    lang: str
    work: object
    figures: list[CityFigures]
    total: CityFigures
    numbers: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    figure_no: int = 0

    def w(self, key: str, **fields) -> str:
        return t(key, self.lang, **fields)

    def heading(self, level: int, text: str):
        """The next heading of `level`: numbers below it start again."""
        self.numbers[level - 1] += 1
        for deeper in range(level, len(self.numbers)):
            self.numbers[deeper] = 0
        return gongwen.heading(self.doc, level, self.numbers[level - 1], text, lang=self.lang)

    def body(self, text: str, **given):
        return gongwen.body(self.doc, text, **given)

    def lead(self, lead_key: str, text: str):
        """A paragraph led by a word in 黑体: 问题描述：…"""
        return gongwen.body(self.doc, text, bold_lead=self.w(lead_key))

    def table(self, headers: list[str], rows: list[list], **given):
        given.setdefault("centred", tuple(range(1, len(headers))))
        grid = gongwen.table(self.doc, headers, [[str(v) for v in row] for row in rows], **given)
        self.doc.add_paragraph()  # a table is followed by air, as typed documents have
        return grid

    def city(self, code: str) -> str:
        return city_label(code, self.lang)

    def word(self, kind: str, code: str | None) -> str:
        try:
            return label(kind, code, self.lang) if code else t("report.none", self.lang)
        except KeyError:  # a code a newer laptop wrote: shown as it is
            return code or ""

    def col(self, name: str) -> str:
        key = f"report.col.{name}" if not name.startswith("report_docx.") else name
        return t(key, self.lang)

    def day(self, day) -> str:
        return gongwen.document_date(day, self.lang) if day else t("report.none", self.lang)

    def joined(self, words: list[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(words)

    def photos(self, photos: tuple[PhotoRef, ...], caption: str, *, most: int) -> None:
        """Up to `most` photos, downsized, side by side under one numbered caption."""
        images, missing = [], []
        width = 12.0 if min(most, len(photos)) == 1 else 7.4
        for photo in photos[:most]:
            try:
                stream, px, _ = downsized_jpeg(photo.source, photo.thumbnail)
            except UNREADABLE:
                # unreadable or missing: said in the text, the report still made
                missing.append(photo.name)
            else:
                images.append((stream, print_width_cm(px, most=width)))
            self.work.tick()
        if images:
            self.figure_no += 1
            gongwen.pictures(self.doc, images, self.w("report_docx.figure", n=self.figure_no, caption=caption))
        for name in missing:
            self.body(self.w("report_docx.photo_missing", name=name))


def pct(value: float | None) -> str:
    return f"{value * 100:.1f}%" if value is not None else "—"


def ratio(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "—"


def _title(out: Writing, scope: ReportScope) -> None:
    report = out.report
    cities = report.coverage.cities
    city = out.w("report_docx.title_city", city=out.city(cities[0])) if scope.cities and len(cities) == 1 else ""
    gongwen.title(out.doc, out.w("report_docx.title", round=round_name(report.coverage.round_id, out.lang),
                                 city=city))
    gongwen.centered(out.doc, out.w("report_docx.covers"), face=gongwen.HEI, size=gongwen.SIZE_SMALL_4)
    gongwen.pairs(out.doc, coverage_lines(report.coverage, out.lang))
    out.doc.add_paragraph()
    first, last = report.coverage.first_visit, report.coverage.last_visit
    places = (out.w("report_docx.intro_places", cities=out.joined([out.city(c) for c in cities]))
              if scope.cities else out.w("report_docx.intro_province"))
    out.body(out.w("report_docx.intro", dates=_dates(out, first, last), places=places,
                   projects=out.total.projects, round=round_name(report.coverage.round_id, out.lang)))
    out.work.tick()


def _dates(out: Writing, first, last) -> str:
    if first is None:
        return out.w("report_docx.s1.no_dates")
    if last is None or last == first:
        return out.day(first)
    return out.w("report_docx.intro_dates", first=out.day(first), last=out.day(last))


def _overview(out: Writing) -> None:
    """一、基本情况: projects, visits, inspectors, dates, bundles; a row per city."""
    report, total = out.report, out.total
    out.heading(1, out.w("report_docx.s1"))
    names = out.joined(report.inspectors) or out.w("report_docx.s1.no_one")
    out.body(out.w("report_docx.s1.text", projects=total.projects, visited=total.visited, visits=total.visits,
                   count=len(report.inspectors), names=names,
                   dates=_dates(out, report.coverage.first_visit, report.coverage.last_visit),
                   bundles=report.coverage.bundles))
    out.body(out.w("report_docx.s1.table"))
    rows = [[out.city(f.city), f.projects, f.visited, f.visits, f.problems, f.innovations] for f in out.figures]
    rows.append([out.w("report_docx.col.total"), total.projects, total.visited, total.visits, total.problems,
                 total.innovations])
    out.table([out.col("city")] + [out.w(f"report_docx.col.{name}") for name in
                                   ("projects", "visited", "visits", "problems", "innovations")], rows)
    out.work.tick()


def _notes_and_signature(out: Writing, scope: ReportScope) -> None:
    gongwen.body(out.doc, "", indent=False)
    out.body("", bold_lead=out.w("report_docx.notes") + ("：" if out.lang == "zh" else ":"))
    for n in range(1, 7):
        out.body(out.w(f"report_docx.note.{n}", date=out.day(out.report.today)))
    out.doc.add_paragraph()
    out.doc.add_paragraph()
    office = out.report.coverage.office or out.w("report_docx.office_default")
    for text in (office, out.day(out.report.today)):
        paragraph = gongwen.right(out.doc, text)
        paragraph.paragraph_format.right_indent = Pt(64)  # 落款 sits four characters in from the right
    out.work.tick()


def write(report: RoundReport, folder: Path, scope: ReportScope, work) -> list[Path]:
    from . import supervision_sections as sections

    figures, total = city_figures(report)
    out = Writing(gongwen.new_document(), report, scope.lang, work, figures, total)
    _title(out, scope)
    _overview(out)
    sections.problems(out)
    sections.negative_and_tendencies(out)
    sections.scores(out)
    sections.innovations(out)
    sections.rectification(out)
    sections.ranking(out)
    _notes_and_signature(out, scope)
    name = Path(file_name(report, scope.lang))
    out.doc.save(str(folder / name))
    work.tick()
    return [name]
