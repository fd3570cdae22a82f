"""Looking through the ledger as the office interface does: filter as you
type (number, project, city, unit, description, pinyin initials), by status,
city and overdue, and sort. In memory over `entries()`: a keystroke is one
pass over a list, the database is read again only after a change."""

from __future__ import annotations

from dataclasses import dataclass

from inspector.i18n import LANGS
from inspector.pinyin import initials

from .entries import LedgerEntry

# What each column sorts by; the number sorts as the ledger does (round, city, sequence).
SORTS = ("number", "light", "city", "project", "severity", "unit", "type", "deadline", "status", "overdue")
_LIGHT_ORDER = {"red": 0, "yellow": 1, "green": 2, None: 3}
_SEVERITY_ORDER = {"severe": 0, "major": 1, "minor": 2}


def search_words(e: LedgerEntry) -> str:
    """Every word a person might type to find an entry, lower case."""
    city_words = " ".join(table.LABELS["City"].get(e.city, "") for table in LANGS.values())
    zh_city = LANGS["zh"].LABELS["City"].get(e.city, "")
    return "\x1f".join((e.number, e.project_code, e.project_name, initials(e.project_name), e.city, city_words,
                        initials(zh_city), e.unit_name or "", initials(e.unit_name or ""), e.description)).lower()


@dataclass(frozen=True)
class LedgerFilter:
    text: str = ""
    statuses: frozenset[str] = frozenset()
    cities: frozenset[str] = frozenset()
    overdue: bool = False

    def apply(self, rows: list[LedgerEntry], words: dict[str, str]) -> list[LedgerEntry]:
        """The rows passing every part, in their order; `words` maps a
        problem id to its search_words (made once per load)."""
        terms = self.text.lower().split()
        out = []
        for e in rows:
            if self.statuses and e.status not in self.statuses:
                continue
            if self.cities and e.city not in self.cities:
                continue
            if self.overdue and not e.days_overdue:
                continue
            if terms:
                said = words.get(e.problem_id) or search_words(e)
                if not all(term in said for term in terms):
                    continue
            out.append(e)
        return out


def _number_key(e: LedgerEntry) -> tuple:
    head, _, seq = e.number.rpartition("-")
    return (head, int(seq) if seq.isdigit() else 0)


def sort(rows: list[LedgerEntry], by: str = "number", *, descending: bool = False) -> list[LedgerEntry]:
    if by not in SORTS:
        raise ValueError(by)
    from . import RECTIFICATIONS, STATUSES

    keys = {
        "number": _number_key,
        "light": lambda e: (_LIGHT_ORDER.get(e.light, 3), -e.days_overdue),
        "city": lambda e: e.city,
        "project": lambda e: e.project_code,
        "severity": lambda e: _SEVERITY_ORDER.get(e.severity, 3),
        "unit": lambda e: (e.unit_name is None, e.unit_name or ""),
        "type": lambda e: RECTIFICATIONS.index(e.rectification) if e.rectification in RECTIFICATIONS else 9,
        "deadline": lambda e: (e.deadline is None, e.deadline or ""),
        "status": lambda e: STATUSES.index(e.status) if e.status in STATUSES else 9,
        "overdue": lambda e: -e.days_overdue,
    }
    key = keys[by]
    # ties keep the ledger's own order
    return sorted(sorted(rows, key=_number_key), key=key, reverse=descending)
