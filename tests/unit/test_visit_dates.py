"""Dates an inspector types mean something (issue 10, item 2): a day that
does not exist says so, a deadline cannot come before the visit; and the
visit's header can be corrected after it started (item 3)."""

from __future__ import annotations

from datetime import date

import pytest

import factories
from inspector.i18n import t
from inspector.inspection import record
from inspector.inspection.answers import InvalidAnswer, normalize
from inspector.inspection.dates import InvalidDate, check_deadline, parse_date
from inspector.models import Assignment, ChecklistTemplate, Problem, Visit
from inspector.store import StoreError, open_db, records
from inspector.store.assignments import save_assignment


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "visit.db")
    save_assignment(database, Assignment.model_validate(factories.assignment()))
    yield database
    database.close()


@pytest.fixture
def visit(db) -> Visit:
    return record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"], "上午")


def test_a_day_that_does_not_exist_says_so():
    assert parse_date(" 2028-02-29 ") == date(2028, 2, 29)
    assert parse_date("2026-1-5") == date(2026, 1, 5)
    with pytest.raises(InvalidDate) as caught:
        parse_date("2027-02-30")
    assert caught.value.code == "date_no_day"
    assert t("invalid.date_no_day", "zh", **caught.value.params) == "2027-02-30 不存在：2027 年 2 月只有 28 天"
    assert t("invalid.date_no_day", "en", **caught.value.params) == "2027-02-30 does not exist: 2027-02 has 28 days"
    with pytest.raises(InvalidDate) as caught:
        parse_date("2026-13-01")
    assert caught.value.code == "date_no_month" and caught.value.params["month"] == 13
    for shape in ("2026/12/01", "12-01-2026", "20261201", "", "明天"):
        with pytest.raises(InvalidDate) as caught:
            parse_date(shape)
        assert caught.value.code == "date"


def test_an_answer_of_type_date_that_does_not_exist_says_so():
    template = ChecklistTemplate.model_validate(factories.template())
    choice = template.item("lin-02")
    item = type(choice).model_validate({**choice.model_dump(), "answer": {"type": "date"}, "max_score": None})
    assert normalize(item, "2026-2-3") == "2026-02-03"
    with pytest.raises(InvalidAnswer) as caught:
        normalize(item, "2027-02-30")
    assert caught.value.code == "date_no_day" and caught.value.params["days"] == 28


def test_a_deadline_before_the_visit_is_refused_and_nothing_stored(db, visit):
    check_deadline(date(2026, 11, 27), date(2026, 11, 27))  # the same day is allowed
    with pytest.raises(StoreError) as caught:
        record.save_problem(db, visit.id, scenario="general", category="other", description="台账缺失",
                            severity="minor", responsible_unit=None, deadline=date(2026, 11, 1))
    assert caught.value.code == "deadline_before_visit" and caught.value.field == "deadline"
    assert t("store.deadline_before_visit", "zh", **caught.value.params) == \
        "整改期限 2026-11-01 早于督导日期 2026-11-27。"
    assert db.conn.execute("SELECT count(*) FROM problems WHERE visit_id = ?", (str(visit.id),)).fetchone()[0] == 0


def test_the_visit_header_is_corrected_as_a_new_revision_once_sealed(db, visit):
    corrected = record.update_visit(db, visit.id, on=date(2026, 11, 26), inspectors=["张伟", "李娜"],
                                    note="下午")
    assert (corrected.date, corrected.inspectors, corrected.note) == (date(2026, 11, 26), ["张伟", "李娜"], "下午")
    assert corrected.rev == 1  # the working copy nobody has seen is updated in place
    # once exported (sealed), a correction is a new revision based on it
    db.conn.execute("UPDATE visits SET sealed = 1")
    again = record.update_visit(db, visit.id, note="下午，社区书记陪同")
    assert (again.rev, again.base_rev) == (2, 1)
    assert [v.note for v in records.revisions(db, Visit, visit.id)] == ["下午", "下午，社区书记陪同"]
    # nothing changed: no revision
    assert record.update_visit(db, visit.id, note="下午，社区书记陪同").rev == 2
    with pytest.raises(StoreError) as caught:
        record.update_visit(db, visit.id, inspectors=[])
    assert caught.value.code == "no_inspectors"


def test_the_visit_date_cannot_move_past_a_deadline_set_on_it(db, visit):
    problem = record.save_problem(db, visit.id, scenario="general", category="other", description="台账缺失",
                                  severity="minor", responsible_unit=None, deadline=date(2026, 12, 1))
    with pytest.raises(StoreError) as caught:
        record.update_visit(db, visit.id, on=date(2026, 12, 5))
    assert caught.value.code == "deadline_before_visit"
    assert records.latest(db, Visit, visit.id).date == date(2026, 11, 27)
    record.withdraw_problem(db, visit.id, problem.id, "误记")  # a withdrawn problem holds nothing back
    assert record.update_visit(db, visit.id, on=date(2026, 12, 5)).date == date(2026, 12, 5)
    assert records.latest(db, Problem, problem.id).status == "closed"


def test_a_finished_visit_header_is_read_only(db, visit):
    db.conn.execute("UPDATE visits SET data = json_set(data, '$.status', 'finished'), status = 'finished'")
    with pytest.raises(record.VisitClosed):
        record.update_visit(db, visit.id, note="改")


@pytest.mark.parametrize("visit,deadline", [
    (date(2026, 12, 3), date(2027, 1, 3)),   # across the year
    (date(2027, 1, 31), date(2027, 2, 28)),  # a month without the day: its last day
    (date(2028, 1, 31), date(2028, 2, 29)),  # a leap year
    (date(2026, 3, 31), date(2026, 4, 30)),
    (date(2026, 11, 27), date(2026, 12, 27)),
])
def test_the_default_deadline_is_one_calendar_month_after_the_visit(visit, deadline):
    from inspector.inspection.dates import default_deadline

    assert default_deadline(visit) == deadline


def test_a_visit_date_after_today_is_refused_in_words():
    from inspector.inspection.dates import check_visit_date

    check_visit_date(date(2026, 12, 4), today=date(2026, 12, 4))  # today is fine
    check_visit_date(date(2026, 11, 27), today=date(2026, 12, 4))
    with pytest.raises(InvalidDate) as caught:
        check_visit_date(date(2031, 5, 1), today=date(2026, 12, 4))
    assert t("invalid.visit_in_future", "zh", **caught.value.params) == "督导日期 2031-05-01 晚于今天（2026-12-04）"
    assert t("invalid.visit_in_future", "en", **caught.value.params) == \
        "the visit date 2031-05-01 is after today (2026-12-04)"
