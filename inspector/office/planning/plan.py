"""Proposing who visits what in the next round.

Order of need: a project with an open severe problem, then one with an
overdue ledger entry, then the one not visited for longest (never visited
first). Each project goes to one inspector, never one whose home city is the
project's city (交叉检查; an inspector with no home city may go anywhere),
and the inspectors' counts differ by at most one wherever those constraints
allow. The same database and the same `today` give the same plan.

Placing works in two passes, both deterministic:
1. in order of need, each project goes to the least-loaded inspector who may
   take it; with a cap (`per_inspector`) a full inspector may pass one of
   their projects to another along a chain (an augmenting path), so a
   project only some may take is not refused while others hold free ones;
2. while some inspector holds two more than another they can reach along
   such a chain, one project moves along it. When no such chain is left, no
   reassignment could make the counts more even.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from inspector.office.ledger import DEADLINE_STATUSES, OPEN_STATUSES

from . import PlanRefused

NOT_COUNTED = ("rejected", "duplicate")  # review states whose records say nothing about a project


@dataclass(frozen=True)
class Reason:
    """Why a project is in the plan: code severe | overdue | since | never;
    `since` the last visit's date (ISO) for `since`."""
    code: str
    since: str | None = None


@dataclass(frozen=True)
class Need:
    project: str
    name: str
    city: str
    reason: Reason
    rank: int  # 0 = most needed


@dataclass(frozen=True)
class Placement:
    inspector: str
    need: Need


@dataclass(frozen=True)
class Unplaced:
    """A needed project the plan could not give anyone: `why` is own_city
    (every inspector lives there) or full (every one who may take it is at
    the --per-inspector cap)."""
    need: Need
    why: str


@dataclass
class Plan:
    round_id: str
    inspectors: list[str]
    rows: list[Placement] = field(default_factory=list)  # by inspector, then in order of need
    unplaced: list[Unplaced] = field(default_factory=list)  # urgent projects left out, and any no one may take
    left_over: int = 0  # projects not urgent and beyond the cap: a later round's

    def counts(self) -> dict[str, int]:
        counted = Counter(row.inspector for row in self.rows)
        return {who: counted.get(who, 0) for who in self.inspectors}


def needs(db: Database, today: date) -> list[Need]:
    """Every project, most needed first."""
    conn = db.conn
    hidden = ",".join("?" * len(NOT_COUNTED))
    opened = ",".join("?" * len(OPEN_STATUSES))
    severe = {code for (code,) in conn.execute(
        "SELECT DISTINCT r.project_code FROM current c "
        "JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
        "LEFT JOIN ledger l ON l.problem_id = c.id "
        "LEFT JOIN reviews v ON v.kind = c.kind AND v.id = c.id "
        "WHERE c.kind = 'problem' AND json_extract(r.data, '$.severity') = 'severe' "
        f"AND (l.status IN ({opened}) OR (l.problem_id IS NULL AND COALESCE(v.state, '') NOT IN ({hidden})))",
        (*OPEN_STATUSES, *NOT_COUNTED))}
    dated = ",".join("?" * len(DEADLINE_STATUSES))  # not 持续整改: its deadline is a stage, not overdue
    overdue = {code for (code,) in conn.execute(
        f"SELECT DISTINCT project_code FROM ledger WHERE status IN ({dated}) AND deadline IS NOT NULL "
        "AND deadline < ?", (*DEADLINE_STATUSES, today.isoformat()))}
    visited = dict(conn.execute(
        "SELECT r.project_code, MAX(substr(json_extract(r.data, '$.date'), 1, 10)) FROM current c "
        "JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
        "LEFT JOIN reviews v ON v.kind = c.kind AND v.id = c.id "
        f"WHERE c.kind = 'visit' AND COALESCE(v.state, '') NOT IN ({hidden}) GROUP BY r.project_code",
        NOT_COUNTED))

    def order(project: tuple[str, str, str]) -> tuple:
        code = project[0]
        urgency = 0 if code in severe else 1 if code in overdue else 2
        last = visited.get(code)
        return (urgency, last is not None, last or "", code)

    out = []
    for rank, (code, name, city) in enumerate(sorted(conn.execute("SELECT code, name, city FROM projects"),
                                                     key=order)):
        last = visited.get(code)
        reason = (Reason("severe") if code in severe else Reason("overdue") if code in overdue
                  else Reason("never") if last is None else Reason("since", last))
        out.append(Need(code, name, city, reason, rank))
    return out


def propose(db: Database, round_id: str, *, inspectors: list[str] | None = None,
            per_inspector: int | None = None, today: date) -> Plan:
    """The proposed plan for `round_id` among `inspectors` (default: every
    enrolled one), at most `per_inspector` projects each (default: every
    project is placed)."""
    homes = dict(db.conn.execute("SELECT id, home_city FROM inspectors"))
    if inspectors:
        chosen = list(dict.fromkeys(inspectors))
        for who in chosen:
            if who not in homes:
                raise PlanRefused("unknown_inspector", inspector=who)
    else:
        chosen = sorted(homes)
    if not chosen:
        raise PlanRefused("no_inspectors")
    if per_inspector is not None and per_inspector < 1:
        raise PlanRefused("bad_per_inspector", count=per_inspector)
    placing = _Placing(sorted(chosen), {who: homes[who] for who in chosen}, per_inspector)
    plan = Plan(round_id, sorted(chosen))
    for need in needs(db, today):
        if not placing.able(need):
            plan.unplaced.append(Unplaced(need, "own_city"))
        elif not placing.place(need):
            if need.reason.code in ("severe", "overdue"):
                plan.unplaced.append(Unplaced(need, "full"))
            else:
                plan.left_over += 1
    placing.balance()
    plan.rows = [Placement(who, need) for who in placing.order
                 for need in sorted(placing.held[who], key=lambda n: n.rank)]
    return plan


class _Placing:
    """Who holds which needs; the chains along which a project may move."""

    def __init__(self, order: list[str], homes: dict[str, str | None], cap: int | None) -> None:
        self.order, self.homes, self.cap = order, homes, cap
        self.index = {who: n for n, who in enumerate(order)}
        self.held: dict[str, list[Need]] = {who: [] for who in order}
        self.cities: dict[str, Counter] = {who: Counter() for who in order}

    def may(self, who: str, need: Need) -> bool:
        return self.homes[who] != need.city

    def able(self, need: Need) -> bool:
        return any(self.may(who, need) for who in self.order)

    def load(self, who: str) -> int:
        return len(self.held[who])

    def room(self, who: str) -> bool:
        return self.cap is None or self.load(who) < self.cap

    def _give(self, who: str, need: Need) -> None:
        self.held[who].append(need)
        self.cities[who][need.city] += 1

    def _take(self, who: str, need: Need) -> None:
        self.held[who].remove(need)
        self.cities[who][need.city] -= 1

    def _can_pass(self, giver: str, taker: str) -> bool:
        home = self.homes[taker]
        return self.load(giver) - (self.cities[giver][home] if home else 0) > 0

    def _passable(self, giver: str, taker: str) -> Need:
        """The least needed project `giver` holds that `taker` may take."""
        home = self.homes[taker]
        return max((n for n in self.held[giver] if n.city != home), key=lambda n: n.rank)

    def _chain(self, starts: list[str], goal) -> list[str] | None:
        """The shortest chain of inspectors from one of `starts` to one for
        which goal(inspector) holds, each able to pass a project to the next."""
        back: dict[str, str | None] = {who: None for who in starts}
        queue = deque(starts)
        while queue:
            who = queue.popleft()
            if goal(who):
                path = [who]
                while back[path[-1]] is not None:
                    path.append(back[path[-1]])
                return path[::-1]
            for other in self.order:
                if other not in back and self._can_pass(who, other):
                    back[other] = who
                    queue.append(other)
        return None

    def _shift(self, path: list[str]) -> None:
        """Each inspector on the chain passes one project to the next."""
        for giver, taker in zip(path, path[1:]):
            need = self._passable(giver, taker)
            self._take(giver, need)
            self._give(taker, need)

    def place(self, need: Need) -> bool:
        able = [who for who in self.order if self.may(who, need)]
        free = [who for who in able if self.room(who)]
        if free:
            self._give(min(free, key=lambda who: (self.load(who), self.index[who])), need)
            return True
        if not any(self.room(who) for who in self.order):  # everyone full: no chain can end anywhere
            return False
        path = self._chain(able, self.room)
        if path is None:
            return False
        self._shift(path)
        self._give(path[0], need)
        return True

    def balance(self) -> None:
        while True:
            for heavy in sorted(self.order, key=lambda who: (-self.load(who), self.index[who])):
                top = self.load(heavy)
                path = self._chain([heavy], lambda who, top=top: self.load(who) <= top - 2)
                if path is not None:
                    self._shift(path)
                    break
            else:
                return
