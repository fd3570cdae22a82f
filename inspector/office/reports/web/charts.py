"""The overview's charts as inline SVG, drawn here (no chart library, no script).

Labels are <text> elements, not paths: Chinese city and scenario names render
in the reader's own fonts and can be selected, searched and read aloud. Every
bar is a <rect class="bar"> with its value and a <title> (the tooltip), so
the browser test can see that bars were drawn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from inspector.i18n import t

# Distinguishable in colour and in grey print (light to dark alternating).
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#ad494a")
SEVERITY_COLOURS = {"severe": "#b42318", "major": "#f79009", "minor": "#98a2b3"}

WIDTH = 480
LABEL_W = 72  # room for a city's name at the left
VALUE_W = 64  # room for the value at a bar's end
ROW_H = 26
BAR_H = 16


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


def _a(value: object) -> str:
    return escape(str(value), quote=True)


def _legend(series: Sequence[Series], top: int) -> tuple[list[str], int]:
    """Legend entries flowing left to right, wrapping; returns the parts and the height used."""
    parts, x, y = [], LABEL_W, top
    for s in series:
        width = 22 + 13 * len(s.label) + 12  # a CJK character is about a 12 px text's width
        if x + width > WIDTH and x > LABEL_W:
            x, y = LABEL_W, y + 18
        parts.append(f'<rect class="key" x="{x}" y="{y + 3}" width="10" height="10" fill="{_a(s.colour)}"/>'
                     f'<text x="{x + 14}" y="{y + 12}">{escape(s.label)}</text>')
        x += width
    return parts, y - top + 22


def _frame(title: str, height: int, body: list[str]) -> str:
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" '
            f'role="img" aria-label="{_a(title)}">' + "".join(body) + "</svg>")


def _empty(title: str, lang: str) -> str:
    return _frame(title, 40, [f'<text x="{WIDTH // 2}" y="24" text-anchor="middle">'
                              f'{escape(t("report_html.chart.empty", lang))}</text>'])


def stacked_bars(title: str, rows: Sequence[tuple[str, dict[str, int]]], series: Sequence[Series],
                 lang: str) -> str:
    """One horizontal bar per row (a city), cut into segments by series, its total at its end."""
    totals = [sum(values.get(s.key, 0) for s in series) for _, values in rows]
    most = max(totals, default=0)
    if not most:
        return _empty(title, lang)
    span = WIDTH - LABEL_W - VALUE_W
    body: list[str] = []
    for n, ((name, values), total) in enumerate(zip(rows, totals)):
        y = 8 + n * ROW_H
        body.append(f'<text x="{LABEL_W - 6}" y="{y + BAR_H - 3}" text-anchor="end">{escape(name)}</text>')
        x = float(LABEL_W)
        for s in series:
            value = values.get(s.key, 0)
            if not value:
                continue
            width = span * value / most
            body.append(f'<rect class="bar" data-value="{value}" x="{x:.1f}" y="{y}" width="{width:.1f}" '
                        f'height="{BAR_H}" fill="{_a(s.colour)}"><title>{escape(name)} · {escape(s.label)}: '
                        f'{value}</title></rect>')
            x += width
        body.append(f'<text class="value" x="{x + 4:.1f}" y="{y + BAR_H - 3}">{total}</text>')
    axis_bottom = 8 + len(rows) * ROW_H
    body.append(f'<line class="axis" x1="{LABEL_W}" y1="4" x2="{LABEL_W}" y2="{axis_bottom}"/>')
    legend, used = _legend(series, axis_bottom + 6)
    body += legend
    return _frame(title, axis_bottom + 6 + used, body)


def rate_bars(title: str, rows: Sequence[tuple[str, Sequence[tuple[float | None, str]]]],
              series: Sequence[Series], lang: str) -> str:
    """Rates (0..1) per row, one thin bar per series, the rate written beside it;
    a rate of None (nothing in the ledger) is written as the report's dash."""
    if not any(rate is not None for _, rates in rows for rate, _ in rates):
        return _empty(title, lang)
    span = WIDTH - LABEL_W - VALUE_W - 40
    bar_h = 12
    per_row = len(series) * (bar_h + 4) + 12
    body: list[str] = []
    for n, (name, rates) in enumerate(rows):
        top = 8 + n * per_row
        body.append(f'<text x="{LABEL_W - 6}" y="{top + per_row // 2}" text-anchor="end">{escape(name)}</text>')
        for k, (s, (rate, said)) in enumerate(zip(series, rates)):
            y = top + k * (bar_h + 4)
            width = span * (rate or 0)
            if rate is not None:
                body.append(f'<rect class="bar" data-value="{rate:.4f}" x="{LABEL_W}" y="{y}" '
                            f'width="{max(width, 1.0):.1f}" height="{bar_h}" fill="{_a(s.colour)}">'
                            f'<title>{escape(name)} · {escape(s.label)}: {escape(said)}</title></rect>')
            body.append(f'<text class="value" x="{LABEL_W + width + 4:.1f}" y="{y + bar_h - 1}" '
                        f'style="font-size:11px">{escape(said)}</text>')
    bottom = 8 + len(rows) * per_row
    body.append(f'<line class="axis" x1="{LABEL_W}" y1="4" x2="{LABEL_W}" y2="{bottom}"/>')
    legend, used = _legend(series, bottom + 6)
    body += legend
    return _frame(title, bottom + 6 + used, body)
