"""The counts, rates and rankings a report shows, derived from its rows.

Definitions (stated in every report's notes, so a reader can check them):
* due: a ledger entry whose deadline has passed, or which is closed; one the
  office moved to 持续整改 (continuing) is not due until it closes;
* on time: closed (销号) on or before its deadline (one with no deadline
  counts as on time when closed);
* on-time rectification rate = on time / due (None when nothing is due yet);
* rectification rate = closed / in the ledger;
* overdue: past its deadline and still the unit's to answer (待整改, 整改中,
  退回整改: as the dashboard counts; a unit that asked for closure has answered);
* continuing (持续整改): open, counted apart, never overdue.
Cities rank by on-time rate (higher first; none due ranks last), then by
problems per project (fewer first), then innovations per project (more first).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from inspector.office.dashboard import CHASED
from inspector.office.ledger import CONTINUING
from inspector.office.ledger.numbers import CITY_LETTERS

from .rows import LedgerLine, ProblemRow, RoundReport

# The four tendencies (四化倾向) and the negative list, as categories. Issue 13 may split
# "tendency" into four categories; any of these codes present is counted.
TENDENCY_CATEGORIES = ("tendency", "generalisation", "real_estate", "luxury", "bonsai")
NEGATIVE_CATEGORY = "negative_list"
SEVERITIES = ("severe", "major", "minor")


def city_rank_order() -> Callable[[str], tuple]:
    """The province's order of cities (as official documents list them), then the rest by code."""
    order = {city: n for n, city in enumerate(CITY_LETTERS)}
    return lambda city: (order.get(city, len(order)), city)


@dataclass
class Rectification:
    """How a set of ledger entries stands."""

    entries: int = 0
    closed: int = 0
    due: int = 0
    on_time: int = 0
    overdue: int = 0
    continuing: int = 0  # 持续整改: open, neither due nor overdue

    @property
    def rate(self) -> float | None:
        return self.closed / self.entries if self.entries else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def rectification(lines: Iterable[ProblemRow | LedgerLine], today: date) -> Rectification:
    out = Rectification()
    for line in lines:
        if getattr(line, "number", None) is None:
            continue
        out.entries += 1
        closed = line.status == "closed"
        passed = line.deadline is not None and line.deadline < today and line.status != CONTINUING
        if closed:
            out.closed += 1
        if line.status == CONTINUING:
            out.continuing += 1
        if closed or passed:
            out.due += 1
        if closed and (line.deadline is None or (line.closed_on is not None and line.closed_on <= line.deadline)):
            out.on_time += 1
        if line.status in CHASED and passed:
            out.overdue += 1
    return out


@dataclass
class CityFigures:
    city: str  # "" for the whole scope
    projects: int = 0  # projects assigned in the round
    visited: int = 0
    visits: int = 0
    problems: int = 0
    innovations: int = 0
    replicable: int = 0  # innovations the office graded 可复制推广
    typical: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_scenario: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    veto_projects: int = 0  # projects with a negative-list hit
    tendencies: Counter = field(default_factory=Counter)  # tendency category -> problems
    this_round: Rectification = field(default_factory=Rectification)
    earlier: Rectification = field(default_factory=Rectification)
    mean_score: float | None = None  # mean of projects' score / max, 0..1

    @property
    def problems_per_project(self) -> float | None:
        return self.problems / self.visited if self.visited else None

    @property
    def innovations_per_project(self) -> float | None:
        return self.innovations / self.visited if self.visited else None


def city_figures(report: RoundReport) -> tuple[list[CityFigures], CityFigures]:
    """One CityFigures per city in scope (province order) and the total."""
    cities = {c: CityFigures(c) for c in report.coverage.cities}
    total = CityFigures("")
    scores: dict[str, list[float]] = {c: [] for c in cities}
    for p in report.projects:
        for fig in (cities.setdefault(p.city, CityFigures(p.city)), total):
            fig.projects += 1
            fig.visited += bool(p.visits)
            fig.visits += len(p.visits)
            fig.veto_projects += bool(p.veto_hits)
        if p.score is not None and p.score_max:
            scores.setdefault(p.city, []).append(p.score / p.score_max)
    for pr in report.problems:
        for fig in (cities.setdefault(pr.city, CityFigures(pr.city)), total):
            fig.problems += 1
            fig.by_severity[pr.severity] += 1
            fig.by_scenario[pr.scenario] += 1
            fig.by_category[pr.category] += 1
            fig.by_status[pr.status] += 1
            if pr.category in TENDENCY_CATEGORIES:
                fig.tendencies[pr.category] += 1
    for i in report.innovations:
        for fig in (cities.setdefault(i.city, CityFigures(i.city)), total):
            fig.innovations += 1
            fig.replicable += i.grade == "replicable"
            fig.typical += i.typical
    for city, fig in cities.items():
        fig.this_round = rectification(report.problems_of(city), report.today)
        fig.earlier = rectification([e for e in report.earlier if e.city == city], report.today)
        if scores.get(city):
            fig.mean_score = sum(scores[city]) / len(scores[city])
    total.this_round = rectification(report.problems, report.today)
    total.earlier = rectification(report.earlier, report.today)
    every = [s for values in scores.values() for s in values]
    total.mean_score = sum(every) / len(every) if every else None
    rank = city_rank_order()
    return sorted(cities.values(), key=lambda f: rank(f.city)), total


@dataclass(frozen=True)
class CityRank:
    rank: int
    figures: CityFigures
    on_time_rate: float | None  # this round's and earlier rounds' entries together


def ranking(figures: list[CityFigures]) -> list[CityRank]:
    """Cities ranked by the rule in the module's docstring; ties share a rank."""
    def on_time(f: CityFigures) -> float | None:
        due = f.this_round.due + f.earlier.due
        return (f.this_round.on_time + f.earlier.on_time) / due if due else None

    def key(f: CityFigures) -> tuple:
        rate = on_time(f)
        return (rate is None, -(rate or 0), f.problems_per_project or 0, -(f.innovations_per_project or 0))

    ordered = sorted((f for f in figures if f.visited or f.problems), key=key)
    out: list[CityRank] = []
    for n, f in enumerate(ordered, 1):
        rank = out[-1].rank if out and key(out[-1].figures) == key(f) else n
        out.append(CityRank(rank, f, on_time(f)))
    return out


def overdue(report: RoundReport) -> list[ProblemRow | LedgerLine]:
    """Every overdue entry in scope, this round's and earlier ones, most overdue first."""
    rows: list = [p for p in report.problems if p.days_overdue > 0]
    rows += [e for e in report.earlier if e.days_overdue > 0]
    return sorted(rows, key=lambda r: (-r.days_overdue, r.number or ""))
