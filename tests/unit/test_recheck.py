"""To re-check (待复查) means from earlier rounds (issue 10, item 4): only
problems the assignment carried over count, in the project list, on the
project screen and in the checklist header alike; a problem raised on a visit
here is that visit's problem."""

from __future__ import annotations

from datetime import date

import pytest

import factories
from inspector.inspection import record
from inspector.inspection.snapshot import load_visit
from inspector.models import Assignment, ItemRef
from inspector.store import list_project_rows, open_db, problems_to_recheck
from inspector.store.assignments import save_assignment

CODE = "HZ-GL-001"
OFFICE_PROBLEM = factories.problem()["id"]


def ref(item: str) -> ItemRef:
    return ItemRef(template="zj-problem", version=1, item=item)


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "visit.db")
    save_assignment(database, Assignment.model_validate(factories.assignment()))
    yield database
    database.close()


def counted(db, code: str = CODE) -> int:
    return next(r.open_problems for r in list_project_rows(db) if r.code == code)


def raise_problem(db, visit_id, description: str):
    return record.save_problem(db, visit_id, item=ref("lin-01"), scenario="neighbourhood",
                               category="facility_idle", description=description, severity="major",
                               responsible_unit="瓜沥镇", deadline=None)


def test_a_problem_raised_on_this_visit_is_not_one_to_recheck(db):
    visit = record.start_visit(db, CODE, date(2026, 11, 27), ["张伟"])
    raise_problem(db, visit.id, "邻里中心仍未开放")
    assert counted(db) == 1
    assert [str(p.id) for p in problems_to_recheck(db, CODE)] == [OFFICE_PROBLEM]
    snapshot = load_visit(db, visit.id)
    assert [str(p.id) for p in snapshot.carried] == [OFFICE_PROBLEM]
    assert len(snapshot.problems) == 1


def test_nor_is_one_raised_on_an_earlier_visit_of_this_round(db):
    first = record.start_visit(db, CODE, date(2026, 11, 27), ["张伟"])
    record.save_answer(db, first.id, ref("lin-01"), value="fail")
    record.save_answer(db, first.id, ref("lin-02"), value="running")
    raise_problem(db, first.id, "邻里中心仍未开放")
    record.give_verdict(db, first.id, OFFICE_PROBLEM, verdict="not_rectified")
    record.finish_visit(db, first.id)

    again = record.start_visit(db, CODE, date(2026, 12, 3), ["张伟"])
    # the office's problem is still not fixed: still to re-check; this round's own problem is not
    assert counted(db) == 1
    assert [str(p.id) for p in problems_to_recheck(db, CODE)] == [OFFICE_PROBLEM]
    assert [str(p.id) for p in load_visit(db, again.id).carried] == [OFFICE_PROBLEM]


def test_a_verdict_given_here_keeps_the_problem_in_the_visit_but_not_in_the_count(db):
    visit = record.start_visit(db, CODE, date(2026, 11, 27), ["张伟"])
    record.give_verdict(db, visit.id, OFFICE_PROBLEM, verdict="rectified")
    assert counted(db) == 0 and problems_to_recheck(db, CODE) == []
    snapshot = load_visit(db, visit.id)
    assert [str(p.id) for p in snapshot.carried] == [OFFICE_PROBLEM]
    assert list(snapshot.follow_ups) == [OFFICE_PROBLEM]


def test_a_project_no_assignment_carried_anything_to_has_nothing_to_recheck(db):
    visit = record.start_visit(db, "NB-YZ-001", date(2026, 11, 27), ["张伟"])
    raise_problem(db, visit.id, "台账缺失")
    assert counted(db, "NB-YZ-001") == 0
    assert problems_to_recheck(db, "NB-YZ-001") == []
    assert load_visit(db, visit.id).carried == []
