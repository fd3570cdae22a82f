"""Proposing the next round (issue 11, item 9): most needed first, never an
inspector's own city, balanced, the same every time."""

from __future__ import annotations

from datetime import date

import pytest

from inspector.office.planning import PlanRefused
from inspector.office.planning.plan import propose
from planning_office import Desk

TODAY = date(2026, 12, 1)


@pytest.fixture
def desk(tmp_path):
    d = Desk(tmp_path / "office.db")
    yield d
    d.close()


def reasons(plan) -> dict[str, tuple]:
    return {row.need.project: (row.need.reason.code, row.need.reason.since) for row in plan.rows}


def test_order_of_need_and_reasons(desk):
    for code in ("HZ-1", "HZ-2", "HZ-3", "HZ-4", "HZ-5", "HZ-6"):
        desk.project(code, "hangzhou")
    desk.inspector("a")
    desk.visit("HZ-1", "2026-05-01")
    desk.visit("HZ-2", "2026-03-01")
    desk.visit("HZ-2", "2026-01-01")
    desk.visit("HZ-3", "2026-11-01")
    desk.problem("HZ-3")                             # severe, received, not yet in the ledger
    desk.visit("HZ-4", "2026-11-02")
    p = desk.problem("HZ-4", severity="minor")
    desk.ledger(p, "HZ-4", "rectifying", deadline="2026-11-30")  # overdue
    desk.visit("HZ-5", "2026-10-01")
    plan = propose(desk.db, "R2", today=TODAY)
    assert [row.need.project for row in plan.rows] == ["HZ-3", "HZ-4", "HZ-6", "HZ-2", "HZ-1", "HZ-5"]
    assert reasons(plan) == {"HZ-3": ("severe", None), "HZ-4": ("overdue", None), "HZ-6": ("never", None),
                             "HZ-2": ("since", "2026-03-01"), "HZ-1": ("since", "2026-05-01"),
                             "HZ-5": ("since", "2026-10-01")}


def test_what_does_not_count_as_severe_or_overdue(desk):
    for code in ("P-closed", "P-rejected", "P-dup", "P-minor", "P-due-today", "P-closed-late", "P-ledger-severe"):
        desk.project(code, "ningbo")
        desk.visit(code, "2026-06-01")
    desk.inspector("a")
    p = desk.problem("P-closed")
    desk.ledger(p, "P-closed", "closed")
    desk.problem("P-rejected", state="rejected")
    desk.problem("P-dup", state="duplicate")
    desk.problem("P-minor", severity="major")
    p = desk.problem("P-due-today", severity="minor")
    desk.ledger(p, "P-due-today", "pending", deadline="2026-12-01")
    p = desk.problem("P-closed-late", severity="minor")
    desk.ledger(p, "P-closed-late", "closed", deadline="2026-01-01")
    p = desk.problem("P-ledger-severe", state="confirmed")
    desk.ledger(p, "P-ledger-severe", "returned")
    plan = propose(desk.db, "R2", today=TODAY)
    got = reasons(plan)
    assert got.pop("P-ledger-severe") == ("severe", None)
    assert set(got.values()) == {("since", "2026-06-01")}


def test_a_rejected_visit_is_not_a_visit(desk):
    desk.project("HZ-1", "hangzhou")
    desk.inspector("a")
    desk.visit("HZ-1", "2026-06-01", state="rejected")
    assert reasons(propose(desk.db, "R2", today=TODAY)) == {"HZ-1": ("never", None)}


def test_never_an_inspectors_own_city_and_balanced(desk):
    for n in range(6):
        desk.project(f"HZ-{n}", "hangzhou")
    for n in range(2):
        desk.project(f"NB-{n}", "ningbo")
    desk.inspector("hz", "hangzhou")
    desk.inspector("nb", "ningbo")
    desk.inspector("free")
    plan = propose(desk.db, "R2", today=TODAY)
    for row in plan.rows:
        assert row.need.city != {"hz": "hangzhou", "nb": "ningbo", "free": None}[row.inspector]
    counts = plan.counts()
    assert max(counts.values()) - min(counts.values()) <= 1 and sum(counts.values()) == 8
    assert plan.unplaced == []


def test_balance_where_only_some_may_take_a_project(desk):
    # greedy in order of need would give the flexible projects evenly, then pile hangzhou on nb
    for n in range(4):
        desk.project(f"WZ-{n}", "wenzhou")
    for n in range(4):
        desk.project(f"HZ-{n}", "hangzhou")
        desk.visit(f"HZ-{n}", "2026-11-01")
    desk.inspector("hz", "hangzhou")
    desk.inspector("nb", "ningbo")
    plan = propose(desk.db, "R2", today=TODAY)
    assert plan.counts() == {"hz": 4, "nb": 4}
    assert {row.need.project for row in plan.rows if row.inspector == "nb"} >= {f"HZ-{n}" for n in range(4)}


def test_a_project_no_one_may_take_is_unplaced_with_the_reason(desk):
    desk.project("HZ-1", "hangzhou")
    desk.project("NB-1", "ningbo")
    desk.inspector("a", "hangzhou")
    desk.inspector("b", "hangzhou")
    plan = propose(desk.db, "R2", today=TODAY)
    assert [(u.need.project, u.why) for u in plan.unplaced] == [("HZ-1", "own_city")]
    assert [(r.inspector, r.need.project) for r in plan.rows] == [("a", "NB-1")]


def test_per_inspector_caps_and_keeps_the_most_needed(desk):
    for n in range(5):
        desk.project(f"HZ-{n}", "hangzhou")
        desk.visit(f"HZ-{n}", f"2026-0{n + 1}-01")
    desk.project("HZ-S", "hangzhou")
    desk.visit("HZ-S", "2026-11-01")
    desk.problem("HZ-S")
    desk.inspector("a")
    desk.inspector("b")
    plan = propose(desk.db, "R2", per_inspector=2, today=TODAY)
    assert sorted(r.need.project for r in plan.rows) == ["HZ-0", "HZ-1", "HZ-2", "HZ-S"]
    assert plan.counts() == {"a": 2, "b": 2} and plan.left_over == 2 and plan.unplaced == []


def test_a_capped_inspector_passes_a_project_on_to_make_room(desk):
    # NB-0 (never visited) goes first, to a; HZ-0 only a may take, so a passes NB-0 on to b
    desk.project("NB-0", "ningbo")
    desk.project("HZ-0", "hangzhou")
    desk.visit("HZ-0", "2026-11-01")
    desk.inspector("a")
    desk.inspector("b", "hangzhou")
    plan = propose(desk.db, "R2", per_inspector=1, today=TODAY)
    assert [(r.inspector, r.need.project) for r in plan.rows] == [("a", "HZ-0"), ("b", "NB-0")]
    assert plan.unplaced == [] and plan.left_over == 0


def test_urgent_beyond_the_cap_is_listed(desk):
    for n in range(3):
        desk.project(f"HZ-{n}", "hangzhou")
        desk.problem(f"HZ-{n}")
    desk.inspector("a")
    plan = propose(desk.db, "R2", per_inspector=2, today=TODAY)
    assert [(u.need.project, u.why) for u in plan.unplaced] == [("HZ-2", "full")]


def test_chosen_inspectors_and_refusals(desk):
    desk.project("HZ-1", "hangzhou")
    desk.inspector("a")
    desk.inspector("b")
    assert [r.inspector for r in propose(desk.db, "R2", inspectors=["b"], today=TODAY).rows] == ["b"]
    with pytest.raises(PlanRefused) as refused:
        propose(desk.db, "R2", inspectors=["zz"], today=TODAY)
    assert refused.value.code == "unknown_inspector" and refused.value.params == {"inspector": "zz"}
    with pytest.raises(PlanRefused):
        propose(desk.db, "R2", per_inspector=0, today=TODAY)


def test_no_inspector_enrolled(desk):
    desk.project("HZ-1", "hangzhou")
    with pytest.raises(PlanRefused) as refused:
        propose(desk.db, "R2", today=TODAY)
    assert refused.value.code == "no_inspectors"


def test_deterministic_and_balanced_on_a_larger_office(desk):
    cities = ["hangzhou", "ningbo", "wenzhou", "jiaxing"]
    for n in range(103):
        desk.project(f"P-{n:03}", cities[n % 4] if n % 7 else "hangzhou")
        if n % 3:
            desk.visit(f"P-{n:03}", f"2026-{n % 12 + 1:02}-01")
    for n, home in enumerate(["hangzhou", "hangzhou", "ningbo", None, "wenzhou", "hangzhou", "jiaxing"]):
        desk.inspector(f"i{n}", home)
    first = propose(desk.db, "R2", today=TODAY)
    again = propose(desk.db, "R2", today=TODAY)
    assert first == again
    counts = first.counts()
    assert max(counts.values()) - min(counts.values()) <= 1
    assert len(first.rows) == 103


def test_planning_core_does_not_import_textual():
    import subprocess
    import sys

    code = ("import sys\n"
            "import inspector.office.planning.plan, inspector.office.planning.planfile\n"
            "import inspector.office.planning.issue, inspector.office.planning.home\n"
            "print(','.join(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
