"""Sent back to the field on the laptop (issue 11 item 4): the project screen
says what the office sent back and asks; the visit marks it; b answers it in
one line, saved at once, and the screens show the answer."""

from __future__ import annotations

from datetime import date

import pytest

import factories
from laptop import LIN_01, LIN_02, laptop
from support import wait_for, widget_text

from inspector.inspection import record
from inspector.models import Assignment, Problem
from inspector.store import records
from inspector.store.assignments import save_assignment
from inspector.tui.screens.project_detail import ProjectDetailScreen
from inspector.tui.screens.sent_back import SentBackScreen
from inspector.tui.screens.visit import VisitScreen


def _sent_back_laptop(tmp_path):
    made = laptop(tmp_path / "laptop")
    db = made.db()
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    record.save_answer(db, visit.id, LIN_01, value="fail")
    record.save_answer(db, visit.id, LIN_02, value="running")
    problem = record.save_problem(db, visit.id, item=LIN_01, scenario="neighbourhood", category="facility_idle",
                                  description="邻里活动室长期闲置", severity="major", responsible_unit=None,
                                  deadline=None)
    record.give_verdict(db, visit.id, factories.problem()["id"], verdict="not_rectified", note="仍未整改")
    record.finish_visit(db, visit.id)
    problem = records.latest(db, Problem, problem.id)
    again = factories.assignment(id="R2026-2-zhangwei-2", issued_at="2026-12-01T09:00:00+08:00", sent_back=[{
        "kind": "problem", "id": str(problem.id), "rev": problem.rev, "project_code": "HZ-GL-001",
        "record": problem.model_dump(mode="json"), "comment": "请写明闲置多久", "by": {"id": "liming", "name": "李明"},
        "at": "2026-12-01T08:00:00+08:00"}])
    save_assignment(db, Assignment.model_validate(again))
    db.close()
    return made, visit, problem


@pytest.mark.parametrize("lang, heading, waiting", [("zh", "办公室退回 1 条（待答复 1 条）", "待答复 0 条"),
                                                    ("en", "Sent back by the office: 1 (1 to answer)", "(0 to answer)")])
async def test_the_project_and_the_visit_show_what_was_sent_back_and_b_answers_it(tmp_path, app_for, lang, heading,
                                                                                  waiting):
    made, visit, problem = _sent_back_laptop(tmp_path)
    app = app_for(made.db_path, lang)
    app.resume_checked = True
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen is not None)
        app.push_screen(ProjectDetailScreen("HZ-GL-001", lang))
        await wait_for(pilot, lambda: isinstance(app.screen, ProjectDetailScreen) and app.screen.loaded)
        await pilot.pause()
        assert widget_text(app.screen.query_one("#sentback-heading")).strip() == heading
        said = widget_text(app.screen.query_one("#sentback"))
        assert "请写明闲置多久" in said and "李明" in said and "邻里活动室长期闲置" in said

        # inside the visit: a line says what the office asks; the problem list marks it
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen) and app.screen.loaded)
        await pilot.pause()
        line = app.screen.query_one("#visit-sentback")
        assert line.display and "请写明闲置多久" in widget_text(line) and "李明" in widget_text(line)
        await pilot.press("l")
        await pilot.pause()
        mark = "[退回]" if lang == "zh" else "[back]"
        assert mark in str(app.screen.query_one("DataTable").get_row_at(0))
        await pilot.press("escape")

        # b lists what was sent back; b again answers, in one line, saved at once
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, SentBackScreen) and app.screen.items)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"已闲置半年")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SentBackScreen) and app.screen.items
                       and app.screen.items[0].reply == "已闲置半年")
        db = made.db()
        assert db.conn.execute("SELECT target_id, json_extract(data, '$.text') FROM replies").fetchall() == [
            (str(problem.id), "已闲置半年")]
        db.close()
        await pilot.press("escape")  # back in the visit: the line says nothing waits for an answer
        await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen)
                       and "请写明" not in widget_text(app.screen.query_one("#visit-sentback")))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ProjectDetailScreen)
                       and waiting in widget_text(app.screen.query_one("#sentback-heading")))
