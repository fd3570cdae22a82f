"""Words every format shares: a report's codes as its language says them,
and what it covers, so the workbook, the Word files, the web page and the
CSV name things alike."""

from __future__ import annotations

import re
from datetime import date, datetime

from inspector.i18n import has, label, t

from .rows import Coverage, Step, Verdict
from .scope import REVIEW_STATUSES


def status_label(status: str, lang: str) -> str:
    """A ledger status (待整改…) or, before the ledger, a review state (待审核…)."""
    if status in REVIEW_STATUSES:
        return label("ReviewState", status, lang)
    return label("LedgerStatus", status, lang)


# What XML 1.0 cannot hold: control characters, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Text Word and Excel can hold: a control character or U+FFFF (a pasted
    description may have them) would make the XML library refuse the whole
    document; they are dropped."""
    return _NOT_XML.sub("", text)


def round_name(round_id: str, lang: str) -> str:
    """R2026-2 -> 2026年第2轮 (round 2 of 2026); an id of another shape as it is."""
    match = re.fullmatch(r"[A-Za-z]*(\d{4})-(\d+)", round_id)
    return t("report.round_name", lang, year=match[1], n=int(match[2])) if match else round_id


def city_label(city: str, lang: str) -> str:
    try:
        return label("City", city, lang)
    except KeyError:
        return city


def day_text(day: date | None, lang: str) -> str:
    """2026-12-04 in lists (sorts, and Excel reads it); documents use gongwen.chinese_date."""
    return day.isoformat() if day else ""


def step_label(step: Step, lang: str) -> str:
    key = f"report.step.{step.action}"
    return t(key, lang) if has(key, lang) else t("report.step.other", lang, action=step.action)


def verdict_text(verdict: Verdict, lang: str) -> str:
    note = f"（{verdict.note}）" if lang == "zh" and verdict.note else f" ({verdict.note})" if verdict.note else ""
    return t("report.verdict_line", lang, date=verdict.on.isoformat(), by=verdict.by,
             verdict=label("Verdict", verdict.verdict, lang), note=note)


def yes_no(value: bool, lang: str) -> str:
    return t("report.yes" if value else "report.no", lang)


def coverage_lines(coverage: Coverage, lang: str) -> list[tuple[str, str]]:
    """What the report covers, as (label, value) lines: the first thing every format shows."""
    sep = "、" if lang == "zh" else ", "
    cities = sep.join(city_label(c, lang) for c in coverage.cities) or t("report.covers.all_cities", lang)
    statuses = (sep.join(status_label(s, lang) for s in coverage.statuses) if coverage.statuses
                else t("report.covers.all_statuses", lang))
    left = sep.join(t(f"report.left_out.{key}", lang, count=n) for key, n in coverage.left_out.items() if n)
    visits = ""
    if coverage.first_visit:
        visits = coverage.first_visit.isoformat()
        if coverage.last_visit and coverage.last_visit != coverage.first_visit:
            visits += " — " + coverage.last_visit.isoformat()
    generated: datetime = coverage.generated_at
    from inspector.models.tags import kind_name, split, tag_name

    tags = [(t("tags.field", lang), sep.join(f"{kind_name(split(tag)[0], lang)}{t('tags.kind_sep', lang)}"
                                              f"{tag_name(tag, lang)}" for tag in coverage.tags))] \
        if coverage.tags else []  # said only when the report is cut by tag
    return [
        (t("report.covers.round", lang), coverage.round_id),
        (t("report.covers.cities", lang), cities),
        (t("report.covers.statuses", lang), statuses),
        *tags,
        (t("report.covers.visits", lang), visits or t("report.none", lang)),
        (t("report.covers.generated", lang), generated.strftime("%Y-%m-%d %H:%M")),
        (t("report.covers.by", lang), coverage.generated_by or t("report.none", lang)),
        (t("report.covers.bundles", lang), t("report.covers.bundles_value", lang, count=coverage.bundles)),
        (t("report.covers.left_out", lang), left or t("report.covers.left_out_none", lang)),
        (t("report.covers.gps", lang), t("report.covers.gps_yes" if coverage.with_gps else "report.covers.gps_no",
                                         lang)),
    ]
