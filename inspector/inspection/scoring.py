"""Section and total scores, and negative-list (veto) hits.

An item is scored when its template gives it points: max_score, option scores
or a score range. Pass earns max_score, fail earns 0, not applicable leaves
the item out of both score and maximum. Unanswered scored items count in the
maximum, so an unfinished visit never looks better than it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspector.models import ChecklistItem
from inspector.models.checklist import PassFailAnswer, ScoreAnswer, SingleChoiceAnswer

from .answers import NA, PASS, is_finding
from .checklist import Entry


def item_maximum(item: ChecklistItem) -> float | None:
    spec = item.answer
    if item.max_score is not None:
        return item.max_score
    if isinstance(spec, SingleChoiceAnswer):
        scores = [o.score for o in spec.options if o.score is not None]
        return max(scores) if scores else None
    if isinstance(spec, ScoreAnswer):
        return spec.max
    return None


def item_score(item: ChecklistItem, value: object) -> float | None:
    """Points earned, or None when unanswered or not scored."""
    if value is None:
        return None
    spec = item.answer
    if isinstance(spec, PassFailAnswer):
        if item.max_score is None:
            return None
        return item.max_score if value == PASS else 0.0
    if isinstance(spec, SingleChoiceAnswer):
        option = next((o for o in spec.options if o.value == value), None)
        return None if option is None or option.score is None else option.score
    if isinstance(spec, ScoreAnswer):
        return float(value)  # type: ignore[arg-type]
    return None


@dataclass(frozen=True)
class Score:
    title: str
    title_en: str | None
    earned: float
    maximum: float
    answered: int  # scored items answered
    scored: int  # scored items that count


def section_scores(entries: list[Entry], values: dict) -> tuple[list[Score], Score]:
    """`values` maps Entry.key to the answer value. Returns per-section scores
    (only sections with scored items) and the total."""
    sections: dict[tuple, list] = {}
    titles: dict[tuple, str] = {}
    for entry in entries:
        if not entry.applies or entry.template.kind != "problem":
            continue
        maximum = item_maximum(entry.item)
        if maximum is None:
            continue
        value = values.get(entry.key)
        if value == NA:
            continue
        key = (entry.template.id, entry.template.version, entry.section.id)
        titles[key] = (entry.section.title, entry.section.title_en)
        sections.setdefault(key, []).append((maximum, item_score(entry.item, value)))
    scores = [
        Score(*titles[key], sum(s or 0 for _, s in items), sum(m for m, _ in items),
              sum(s is not None for _, s in items), len(items))
        for key, items in sections.items()
    ]
    total = Score("", None, sum(s.earned for s in scores), sum(s.maximum for s in scores),
                  sum(s.answered for s in scores), sum(s.scored for s in scores))
    return scores, total


def veto_hits(entries: list[Entry], values: dict) -> list[Entry]:
    """Negative-list items answered as a finding: one caps the rating whatever the score."""
    return [
        e for e in entries
        if e.applies and e.item.veto and is_finding(e.item, values.get(e.key))
    ]
