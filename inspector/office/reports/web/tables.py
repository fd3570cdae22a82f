"""The report's lists as HTML tables the page's script sorts and filters.

Rows are yielded one at a time (a province has 6,000 problems): a page is
written as it is made. A cell whose text does not sort right (a severity, a
date left empty) carries `data-sort`; a row carries its severity and status
codes for the filter's selects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from inspector.i18n import t

from ..figures import SEVERITIES
from ..rows import InnovationRow, ProblemRow
from ..words import city_label, day_text, status_label, yes_no
from .layout import anchor, e, href, project_file, word

NUM = ' class="num"'
SEVERITY_RANK = {code: n for n, code in enumerate(SEVERITIES)}  # severe sorts first


def _th(key: str, num: bool = False) -> tuple[str, bool]:
    return key, num


def thead(columns: Sequence[tuple[str, bool]], lang: str) -> str:
    cells = "".join(f'<th scope="col"{NUM if num else ""}>{e(t(key, lang))}</th>'
                    for key, num in columns)
    return f"<thead><tr>{cells}</tr></thead>"


def filter_box(table_id: str, lang: str, selects: Sequence[tuple[str, str, Sequence[tuple[str, str]]]] = ()
               ) -> str:
    """The text box (and selects: field, heading key, (code, word) options) filtering table `table_id`."""
    parts = [f'<div class="filters" data-table="{e(table_id)}">',
             f'<label>{e(t("report_html.filter", lang))} <input type="search" '
             f'placeholder="{e(t("report_html.filter_placeholder", lang))}"></label>']
    for field, heading, options in selects:
        opts = f'<option value="">{e(t("report_html.filter_all", lang))}</option>' + "".join(
            f'<option value="{e(code)}">{e(word)}</option>' for code, word in options)
        parts.append(f'<label>{e(t(heading, lang))} <select data-field="{e(field)}">{opts}</select></label>')
    parts.append(f'<span class="shown" data-template="{e(t("report_html.shown", lang))}"></span>')
    parts.append(f'<span class="hint">{e(t("report_html.sort_hint", lang))}</span></div>\n')
    return "".join(parts)


def problem_table(problems: Iterable[ProblemRow], lang: str, *, table_id: str = "problems",
                  with_city: bool = True) -> Iterator[str]:
    """The problem list: its filter box, then the table, row by row."""
    rows = problems if isinstance(problems, list) else list(problems)
    if not rows:
        yield f'<p class="muted">{e(t("report_html.no_problems", lang))}</p>\n'
        return
    statuses = list(dict.fromkeys(p.status for p in rows))
    yield filter_box(table_id, lang, [
        ("severity", "report.col.severity", [(s, word("Severity", s, lang)) for s in SEVERITIES]),
        ("status", "report.col.status", [(s, status_label(s, lang)) for s in statuses]),
    ])
    columns = [_th("report.col.number")] + ([_th("report.col.city")] if with_city else []) + [
        _th("report.col.project"), _th("report.col.scenario"), _th("report.col.category"),
        _th("report.col.severity"), _th("report.col.description"), _th("report.col.unit"),
        _th("report.col.deadline"), _th("report.col.status"), _th("report.col.overdue", True),
        _th("report.col.photos", True)]
    yield f'<table class="sortable problems" id="{e(table_id)}">{thead(columns, lang)}<tbody>\n'
    for p in rows:
        link = href(project_file(p.project_code) + "#" + anchor(p.ref))
        veto = f' <span class="veto">{e(t("report_html.veto", lang))}</span>' if p.veto else ""
        cells = [f'<td class="nowrap"><a href="{link}">{e(p.ref)}</a></td>']
        if with_city:
            cells.append(f"<td>{e(city_label(p.city, lang))}</td>")
        cells += [
            f'<td><a href="{href(project_file(p.project_code))}">{e(p.project_name)}</a></td>',
            f"<td>{e(word('Scenario', p.scenario, lang))}</td>",
            f"<td>{e(word('ProblemCategory', p.category, lang))}</td>",
            f'<td class="sev-{e(p.severity)}" data-sort="{SEVERITY_RANK.get(p.severity, 9)}">'
            f"{e(word('Severity', p.severity, lang))}{veto}</td>",
            f"<td>{e(p.description)}</td>",
            f"<td>{e(p.unit or '')}</td>",
            f'<td class="nowrap" data-sort="{e(day_text(p.deadline, lang) or "9999")}">'
            f"{e(day_text(p.deadline, lang))}</td>",
            f"<td>{e(status_label(p.status, lang))}</td>",
            f'<td class="num">{p.days_overdue or ""}</td>',
            f'<td class="num">{len(p.photos) or ""}</td>',
        ]
        yield (f'<tr data-severity="{e(p.severity)}" data-status="{e(p.status)}">' + "".join(cells) + "</tr>\n")
    yield "</tbody></table>\n"


def innovation_table(innovations: Iterable[InnovationRow], lang: str, *, table_id: str = "innovations",
                     with_city: bool = True) -> Iterator[str]:
    rows = innovations if isinstance(innovations, list) else list(innovations)
    if not rows:
        yield f'<p class="muted">{e(t("report_html.no_innovations", lang))}</p>\n'
        return
    yield filter_box(table_id, lang)
    columns = [_th("report.col.ref")] + ([_th("report.col.city")] if with_city else []) + [
        _th("report.col.project"), _th("report.col.scenario"), _th("report.col.innovation_category"),
        _th("report.col.title"), _th("report.col.grade"), _th("report.col.typical"),
        _th("report.col.replicable"), _th("report.col.photos", True)]
    yield f'<table class="sortable innovations" id="{e(table_id)}">{thead(columns, lang)}<tbody>\n'
    for i in rows:
        cells = [f'<td class="nowrap"><a href="{href(project_file(i.project_code) + "#" + anchor(i.ref))}">'
                 f'{e(i.ref)}</a></td>']
        if with_city:
            cells.append(f"<td>{e(city_label(i.city, lang))}</td>")
        cells += [
            f'<td><a href="{href(project_file(i.project_code))}">{e(i.project_name)}</a></td>',
            f"<td>{e(word('Scenario', i.scenario, lang))}</td>",
            f"<td>{e(word('InnovationCategory', i.category, lang))}</td>",
            f"<td>{e(i.title)}</td>",
            f"<td>{e(word('InnovationGrade', i.grade, lang))}</td>",
            f"<td>{e(yes_no(i.typical, lang))}</td>",
            f"<td>{e(yes_no(i.replicable, lang))}</td>",
            f'<td class="num">{len(i.photos) or ""}</td>',
        ]
        yield "<tr>" + "".join(cells) + "</tr>\n"
    yield "</tbody></table>\n"


def simple_table(columns: Sequence[tuple[str, bool]], rows: Iterable[Sequence[str]], lang: str,
                 css: str = "sortable") -> str:
    """A small table whose cells are already HTML (each made with `e`)."""
    body = "".join("<tr>" + "".join(f'<td{NUM if num else ""}>{cell}</td>'
                                    for cell, (_, num) in zip(row, columns)) + "</tr>\n" for row in rows)
    return f'<table class="{e(css)}">{thead(columns, lang)}<tbody>\n{body}</tbody></table>\n'
