"""A visit recorded through the core, without Textual."""

from __future__ import annotations

from datetime import date

import pytest

import factories
from inspector.inspection import record
from inspector.inspection.answers import InvalidAnswer, normalize
from inspector.inspection.gaps import Incomplete
from inspector.inspection.scoring import section_scores, veto_hits
from inspector.inspection.snapshot import load_visit
from inspector.models import Answer, Assignment, ChecklistTemplate, ItemRef, Problem, Visit
from inspector.store import StoreError, open_db, records
from inspector.store.assignments import save_assignment


def ref(item: str) -> ItemRef:
    return ItemRef(template="zj-problem", version=1, item=item)


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "visit.db")
    template = factories.template()
    template["sections"][0]["items"].append({
        "id": "neg-01", "prompt": "未发现强拆或赶走原住民", "scenario": "general",
        "answer": {"type": "pass_fail"}, "veto": True, "required": True, "max_score": 0,
    })
    save_assignment(database, Assignment.model_validate(factories.assignment(templates=[template])))
    yield database
    database.close()


@pytest.fixture
def visit(db) -> Visit:
    return record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟", "李娜"], "上午")


def test_start_visit_stamps_identity_and_templates(db, visit):
    assert visit.rev == 1 and visit.author == "zhangwei" and visit.device.startswith("device-")
    assert [str(t) for t in visit.templates] == ["zj-problem v1"]
    with pytest.raises(StoreError, match="already in progress"):
        record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    assert record.in_progress(db, "HZ-GL-001").id == visit.id


def test_answers_are_checked_and_edited_in_place_until_sealed(db, visit):
    first = record.save_answer(db, visit.id, ref("lin-01"), value="pass")
    again = record.save_answer(db, visit.id, ref("lin-01"), note="大门已开放")
    assert again.id == first.id and again.rev == 1 and again.value == "pass" and again.note == "大门已开放"
    assert db.conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 1
    with pytest.raises(InvalidAnswer):
        record.save_answer(db, visit.id, ref("lin-02"), value="maybe")


def test_value_normalisation():
    template = ChecklistTemplate.model_validate(factories.template())
    choice = template.item("lin-02")
    assert normalize(choice, "running") == "running"
    score = type(choice).model_validate(
        {**choice.model_dump(), "answer": {"type": "score", "min": 0, "max": 10, "step": 0.5}, "max_score": 10}
    )
    assert normalize(score, "7.5") == 7.5
    for bad, message in (("11", "maximum"), ("7.3", "steps"), ("abc", "number"), ("nan", "number")):
        with pytest.raises(InvalidAnswer, match=message):
            normalize(score, bad)
    date_item = type(choice).model_validate({**choice.model_dump(), "answer": {"type": "date"}, "max_score": None})
    assert normalize(date_item, " 2026-12-01 ") == "2026-12-01"
    with pytest.raises(InvalidAnswer, match="YYYY-MM-DD"):
        normalize(date_item, "12/01/2026")


def test_problems_follow_ups_and_finishing(db, visit):
    record.save_answer(db, visit.id, ref("lin-02"), value="none")  # a flagged option: a finding
    record.save_answer(db, visit.id, ref("neg-01"), value="fail")  # a negative-list hit

    with pytest.raises(Incomplete) as caught:
        record.finish_visit(db, visit.id)
    kinds = sorted((g.kind, g.entry.item.id if g.entry else str(g.problem.id)[:4]) for g in caught.value.gaps)
    assert [k for k, _ in kinds] == ["finding_without_problem", "finding_without_problem", "no_verdict", "required"]

    record.save_answer(db, visit.id, ref("lin-01"), value="fail")
    problem = record.save_problem(
        db, visit.id, item=ref("lin-01"), scenario="neighbourhood", category="facility_idle",
        description="邻里中心仍未开放", severity="major", responsible_unit="瓜沥镇人民政府",
        deadline=date(2027, 1, 31),
    )
    record.save_answer(db, visit.id, ref("lin-02"), no_problem_reason="积分机制正在报批，已有批文")
    record.save_problem(
        db, visit.id, item=ref("neg-01"), scenario="general", category="negative_list",
        description="发现强拆迹象", severity="severe", responsible_unit="街道", deadline=None,
    )
    carried = load_visit(db, visit.id).carried
    assert len(carried) == 1
    follow_up, judged = record.give_verdict(db, visit.id, carried[0].id, verdict="partly_rectified", note="已部分开放")
    assert judged.status == "rectifying" and judged.rev == 2 and judged.base_rev == 1
    assert [h.status for h in judged.history] == ["open", "rectifying"]
    assert judged.history[-1].by == "zhangwei" and judged.history[-1].verdict == "partly_rectified"
    # a changed mind on the same visit replaces its own verdict, not the office's history
    _, judged = record.give_verdict(db, visit.id, carried[0].id, verdict="rectified")
    assert [h.status for h in judged.history] == ["open", "verified"] and judged.rev == 2

    finished = record.finish_visit(db, visit.id)
    assert finished.status == "finished" and finished.finished_at is not None

    snapshot = load_visit(db, visit.id)
    scores, total = section_scores(snapshot.entries, snapshot.values)
    assert (total.earned, total.maximum) == (0.0, 5.0)  # lin-02 "none" scores 0 of 5
    assert [e.item.id for e in veto_hits(snapshot.entries, snapshot.values)] == ["neg-01"]
    assert {p.id for p in snapshot.problems} >= {problem.id}

    # finished means read-only ...
    with pytest.raises(record.VisitClosed):
        record.save_answer(db, visit.id, ref("lin-01"), value="pass")
    # ... until reopened with a reason; then edits are new revisions on top of the sealed ones
    with pytest.raises(StoreError, match="why"):
        record.reopen_visit(db, visit.id, "  ")
    reopened = record.reopen_visit(db, visit.id, "漏记一处照片说明")
    # rev 1 was the working copy, finished and sealed in place; reopening adds rev 2
    assert (reopened.rev, reopened.base_rev) == (2, 1) and reopened.reopen_reason == "漏记一处照片说明"
    edited = record.save_answer(db, visit.id, ref("lin-01"), value="pass")
    assert (edited.rev, edited.base_rev) == (2, 1)
    history = records.revisions(db, Answer, edited.id)
    assert [a.value for a in history] == ["fail", "pass"]


def test_withdrawn_problem_is_closed_not_deleted(db, visit):
    problem = record.save_problem(
        db, visit.id, scenario="general", category="other", description="误记", severity="minor",
        responsible_unit=None, deadline=None,
    )
    closed = record.withdraw_problem(db, visit.id, problem.id, "记错项目")
    assert closed.status == "closed" and closed.history[-1].note == "记错项目"
    assert records.latest(db, Problem, problem.id).status == "closed"


def test_positions(db, visit):
    record.save_position(db, visit.id, "checklist", "lin-02")
    record.save_position(db, visit.id, "problems", None)
    assert record.position(db, visit.id) == ("problems", None)
    assert record.last_position(db) == ("HZ-GL-001", str(visit.id), "problems", None)


def test_writer_keeps_order_and_reports_errors(tmp_path, db, visit):
    from inspector.store.writer import Writer

    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    writer = Writer(path)
    for n in range(50):
        writer.submit(record.save_answer, visit.id, ref("lin-01"), note=f"第{n}次")
    bad = writer.submit(record.save_answer, visit.id, ref("lin-02"), value="maybe")
    writer.flush()
    with pytest.raises(InvalidAnswer):
        bad.result()
    writer.close()
    assert record.answer_for(db, visit.id, ref("lin-01")).note == "第49次"


def test_a_verdict_sealed_by_finishing_is_kept_after_reopening(db, visit):
    """Finishing seals the problem revisions the visit's verdicts wrote; a
    changed verdict after reopening is a new revision and a new history entry."""
    for item, value in (("lin-01", "pass"), ("lin-02", "running"), ("neg-01", "pass")):
        record.save_answer(db, visit.id, ref(item), value=value)
    carried = load_visit(db, visit.id).carried[0]
    record.give_verdict(db, visit.id, carried.id, verdict="rectified")
    record.finish_visit(db, visit.id)
    assert db.conn.execute("SELECT count(*) FROM problems WHERE id = ? AND sealed = 0",
                           (str(carried.id),)).fetchone()[0] == 0

    record.reopen_visit(db, visit.id, "复查结论有误")
    _, judged = record.give_verdict(db, visit.id, carried.id, verdict="not_rectified", note="复核未整改")
    assert [h.verdict for h in judged.history] == [None, "rectified", "not_rectified"]
    assert [h.status for h in judged.history] == ["open", "verified", "open"]
    assert [p.rev for p in records.revisions(db, Problem, carried.id)] == [1, 2, 3]
    # an office problem stays the office's after local revisions
    assert db.conn.execute("SELECT DISTINCT origin FROM problems WHERE id = ?",
                           (str(carried.id),)).fetchall() == [("office",)]


def test_a_verified_problem_is_not_carried_again(db, visit):
    for item, value in (("lin-01", "pass"), ("lin-02", "running"), ("neg-01", "pass")):
        record.save_answer(db, visit.id, ref(item), value=value)
    carried = load_visit(db, visit.id).carried[0]
    record.give_verdict(db, visit.id, carried.id, verdict="rectified")
    record.finish_visit(db, visit.id)
    later = record.start_visit(db, "HZ-GL-001", date(2027, 1, 10), ["张伟"])
    assert load_visit(db, later.id).carried == []
