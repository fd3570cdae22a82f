"""The pages of the web report: the overview (index.html), a page per city,
a page per project. Each is a generator of HTML pieces, written as made."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from inspector.i18n import labels, t

from ..figures import SEVERITIES, CityFigures, Rectification, city_figures
from ..rows import InnovationRow, ProblemRow, ProjectRow, RoundReport
from ..scope import ReportScope
from ..words import city_label, coverage_lines, day_text, status_label, step_label, verdict_text, yes_no
from . import charts
from .layout import anchor, city_file, e, facts, foot, head, href, photos, project_file, word
from .tables import _th, innovation_table, problem_table, simple_table

INDEX = "index.html"


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


def _rate_said(r: Rectification, lang: str) -> str:
    if not r.entries:
        return "—"
    return t("report_html.chart.rate_value", lang, percent=percent(r.rate), closed=r.closed, entries=r.entries)


def figure_list(fig: CityFigures, lang: str, inspectors: int | None = None) -> str:
    items = [("projects", fig.projects), ("visited", fig.visited), ("visits", fig.visits),
             ("problems", fig.problems), ("severe", fig.by_severity.get("severe", 0)),
             ("innovations", fig.innovations), ("typical", fig.typical),
             ("rate", percent(fig.this_round.rate)), ("earlier_rate", percent(fig.earlier.rate)),
             ("overdue", fig.this_round.overdue + fig.earlier.overdue)]
    if inspectors is not None:
        items.append(("inspectors", inspectors))
    lis = "".join(f'<li><span class="value">{e(v)}</span><span class="name">{e(t("report_html.fig." + k, lang))}'
                  f"</span></li>" for k, v in items)
    return f'<ul class="figures">{lis}</ul>\n'


def _charts(figs: list[CityFigures], lang: str) -> str:
    names = [city_label(f.city, lang) for f in figs]
    seen = {s for f in figs for s in f.by_scenario}
    known = list(labels("Scenario", lang))  # the vocabulary's own order (the nine scenarios first)
    order = [s for s in known if s in seen] + sorted(seen - set(known))
    scen = [charts.Series(s, word("Scenario", s, lang), charts.PALETTE[n % len(charts.PALETTE)])
            for n, s in enumerate(order)]
    sev = [charts.Series(s, word("Severity", s, lang), charts.SEVERITY_COLOURS[s]) for s in SEVERITIES]
    rounds = [charts.Series("this", t("report_html.chart.this_round", lang), "#1f77b4"),
              charts.Series("earlier", t("report_html.chart.earlier", lang), "#98a2b3")]
    drawn = [
        ("report_html.chart.by_scenario",
         charts.stacked_bars(t("report_html.chart.by_scenario", lang),
                             [(n, dict(f.by_scenario)) for n, f in zip(names, figs)], scen, lang)),
        ("report_html.chart.by_severity",
         charts.stacked_bars(t("report_html.chart.by_severity", lang),
                             [(n, dict(f.by_severity)) for n, f in zip(names, figs)], sev, lang)),
        ("report_html.chart.rate",
         charts.rate_bars(t("report_html.chart.rate", lang),
                          [(n, [(f.this_round.rate, _rate_said(f.this_round, lang)),
                                (f.earlier.rate, _rate_said(f.earlier, lang))]) for n, f in zip(names, figs)],
                          rounds, lang)),
    ]
    inner = "".join(f'<figure class="chart"><figcaption>{e(t(key, lang))}</figcaption>{svg}</figure>'
                    for key, svg in drawn)
    return f'<div class="charts">{inner}</div>\n'


def _notes(lang: str) -> str:
    keys = ("due", "on_time", "rate", "overdue", "print")
    return "<ul>" + "".join(f"<li>{e(t('report_html.note.' + k, lang))}</li>" for k in keys) + "</ul>\n"


def _h2(key: str, lang: str, id_: str = "") -> str:
    return f'<h2{f" id={chr(34)}{id_}{chr(34)}" if id_ else ""}>{e(t(key, lang))}</h2>\n'


def index(report: RoundReport, scope: ReportScope) -> Iterator[str]:
    lang = scope.lang
    figs, total = city_figures(report)
    yield head(t("report_html.title", lang, round=report.coverage.round_id), lang)
    yield _h2("report_html.covers", lang)
    yield facts(coverage_lines(report.coverage, lang), css="covers")
    yield _h2("report_html.overview", lang)
    yield figure_list(total, lang, inspectors=len(report.inspectors))
    yield _h2("report_html.charts", lang)
    yield _charts(figs, lang)
    yield _h2("report_html.cities", lang)
    columns = [_th("report.col.city"), _th("report_html.col.visits", True), _th("report_html.fig.projects", True),
               _th("report_html.col.problems", True), _th("report_html.fig.severe", True),
               _th("report_html.col.innovations", True), _th("report_html.col.rate", True),
               _th("report_html.col.overdue_count", True)]
    rows = [[f'<a href="{href(city_file(f.city))}">{e(city_label(f.city, lang))}</a>', e(f.visits),
             e(f.projects), e(f.problems), e(f.by_severity.get("severe", 0)), e(f.innovations),
             e(percent(f.this_round.rate)), e(f.this_round.overdue + f.earlier.overdue)] for f in figs]
    yield simple_table(columns, rows, lang)
    yield _h2("report_html.problems", lang, "problem-list")
    yield from problem_table(report.problems, lang, with_city=True)
    yield _h2("report_html.innovations", lang, "innovation-list")
    yield from innovation_table(report.innovations, lang, with_city=True)
    yield _h2("report_html.notes", lang)
    yield _notes(lang)
    yield foot()


def city(report: RoundReport, scope: ReportScope, code: str, figs: CityFigures, projects: list[ProjectRow],
         problems: list[ProblemRow], innovations: list[InnovationRow]) -> Iterator[str]:
    lang = scope.lang
    name = city_label(code, lang)
    yield head(t("report_html.city_title", lang, round=report.coverage.round_id, city=name), lang,
               [(t("report_html.home", lang), INDEX), (name, None)])
    yield figure_list(figs, lang)
    yield _h2("report_html.projects", lang)
    columns = [_th("report.col.project_code"), _th("report.col.project"), _th("report.col.district"),
               _th("report_html.col.visits", True), _th("report_html.col.score", True),
               _th("report_html.col.problems", True), _th("report_html.col.innovations", True)]
    rows = [[f'<a href="{href(project_file(p.code))}">{e(p.code)}</a>',
             f'<a href="{href(project_file(p.code))}">{e(p.name)}</a>', e(p.district), e(len(p.visits)),
             e(_score(p)), e(p.problems), e(p.innovations)] for p in projects]
    yield simple_table(columns, rows, lang)
    yield _h2("report_html.problems", lang, "problem-list")
    yield from problem_table(problems, lang, with_city=False)
    yield _h2("report_html.innovations", lang, "innovation-list")
    yield from innovation_table(innovations, lang, with_city=False)
    yield foot()


def _score(p: ProjectRow) -> str:
    if p.score is None:
        return ""
    return f"{p.score:g}/{p.score_max:g}" if p.score_max else f"{p.score:g}"


def _when(at: datetime, report: RoundReport) -> str:
    """A step's time in the report's own time zone (the office's)."""
    zone = report.coverage.generated_at.tzinfo
    return (at.astimezone(zone) if zone and at.tzinfo else at).strftime("%Y-%m-%d %H:%M")


def _problem(p: ProblemRow, report: RoundReport, scope: ReportScope) -> Iterator[str]:
    lang = scope.lang
    veto = f' <span class="veto">{e(t("report_html.veto", lang))}</span>' if p.veto else ""
    yield (f'<article class="record problem" id="{e(anchor(p.ref))}"><h3>{e(p.ref)} · '
           f'<span class="sev-{e(p.severity)}">{e(word("Severity", p.severity, lang))}</span>{veto}</h3>\n')
    yield f"<p>{e(p.description)}</p>\n"
    pairs = [(t("report.col.scenario", lang), word("Scenario", p.scenario, lang)),
             (t("report.col.category", lang), word("ProblemCategory", p.category, lang)),
             (t("report.col.status", lang), status_label(p.status, lang)),
             (t("report.col.unit", lang), p.unit or ""),
             (t("report.col.rectification", lang), word("Rectification", p.rectification, lang)),
             (t("report.col.deadline", lang), day_text(p.deadline, lang)),
             (t("report.col.overdue", lang), str(p.days_overdue or "")),
             (t("report.col.closed_on", lang), day_text(p.closed_on, lang)),
             (t("report.col.inspector", lang), p.inspector),
             (t("report.col.found_on", lang), day_text(p.found_on, lang)),
             (t("report.col.item", lang), p.item_prompt or "")]
    yield facts((k, v) for k, v in pairs if v)
    yield from photos(p.photos, scope, lang)
    if p.verdicts:
        yield f'<h4>{e(t("report_html.verdicts", lang))}</h4><ul>'
        yield "".join(f"<li>{e(verdict_text(v, lang))}</li>" for v in p.verdicts) + "</ul>\n"
    if p.replies:
        yield f'<h4>{e(t("report_html.replies", lang))}</h4><ol>'
        yield "".join(f"<li>{e(r)}</li>" for r in p.replies) + "</ol>\n"
    if p.history:
        yield f'<h4>{e(t("report_html.history", lang))}</h4><ol class="history">'
        for step in p.history:
            said = f"{_when(step.at, report)} {step.by} {step_label(step, lang)}"
            if step.status:
                said += f" → {status_label(step.status, lang)}"
            if step.note:
                said += f"：{step.note}" if lang == "zh" else f": {step.note}"
            yield f"<li>{e(said)}</li>"
        yield "</ol>\n"
    yield "</article>\n"


def _innovation(i: InnovationRow, scope: ReportScope) -> Iterator[str]:
    lang = scope.lang
    yield f'<article class="record innovation" id="{e(anchor(i.ref))}"><h3>{e(i.ref)} · {e(i.title)}</h3>\n'
    yield f"<p>{e(i.description)}</p>\n"
    pairs = [(t("report.col.scenario", lang), word("Scenario", i.scenario, lang)),
             (t("report.col.innovation_category", lang), word("InnovationCategory", i.category, lang)),
             (t("report.col.grade", lang), word("InnovationGrade", i.grade, lang)),
             (t("report.col.typical", lang), yes_no(i.typical, lang)),
             (t("report.col.replicable", lang), yes_no(i.replicable, lang)),
             (t("report.col.caption", lang), i.caption or ""),
             (t("report.col.inspector", lang), i.inspector),
             (t("report.col.found_on", lang), day_text(i.found_on, lang))]
    yield facts((k, v) for k, v in pairs if v)
    yield from photos(i.photos, scope, lang)
    yield "</article>\n"


def project(report: RoundReport, scope: ReportScope, p: ProjectRow, problems: list[ProblemRow],
            innovations: list[InnovationRow]) -> Iterator[str]:
    lang = scope.lang
    city_name = city_label(p.city, lang)
    yield head(t("report_html.project_title", lang, name=p.name, code=p.code), lang,
               [(t("report_html.home", lang), INDEX), (city_name, city_file(p.city)), (p.name, None)])
    creation = word("CreationType", p.creation_type, lang) if p.creation_type else ""
    pairs = [(t("report.col.city", lang), city_name), (t("report.col.district", lang), p.district),
             (t("report_html.col.creation_type", lang), creation),
             (t("report_html.col.lead_unit", lang), p.lead_unit or ""),
             (t("report_html.col.score", lang), _score(p)),
             (t("report_html.col.veto", lang), "；".join(p.veto_hits))]
    yield facts((k, v) for k, v in pairs if v)
    yield _h2("report_html.visits", lang)
    if p.visits:
        columns = [_th("report_html.col.visit_date"), _th("report_html.col.inspectors"),
                   _th("report_html.col.finished"), _th("report_html.col.note")]
        rows = [[e(day_text(v.on, lang)), e("、".join(v.inspectors) if lang == "zh" else ", ".join(v.inspectors)),
                 e(yes_no(v.finished, lang)), e(v.note)] for v in p.visits]
        yield simple_table(columns, rows, lang, css="visits")
    else:
        yield f'<p class="muted">{e(t("report_html.no_visits", lang))}</p>\n'
    yield _h2("report_html.problems", lang)
    if not problems:
        yield f'<p class="muted">{e(t("report_html.no_problems", lang))}</p>\n'
    for pr in problems:
        yield from _problem(pr, report, scope)
    yield _h2("report_html.innovations", lang)
    if not innovations:
        yield f'<p class="muted">{e(t("report_html.no_innovations", lang))}</p>\n'
    for i in innovations:
        yield from _innovation(i, scope)
    yield foot()
