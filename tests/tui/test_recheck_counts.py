"""The project list's 待复查 column, the project screen and the checklist
header count the same problems: those carried over in the assignment, not the
ones raised on this round's visit (issue 10, item 4)."""

from __future__ import annotations

from datetime import date

from support import settle, wait_for, widget_text

from inspector.tui.screens.project_detail import ProjectDetailScreen
from inspector.tui.screens.project_list import ProjectListScreen
from inspector.tui.screens.visit import VisitScreen

PROJECT = "HZ-XS-006"  # 瓜沥七彩: one problem carried over


async def test_a_problem_raised_on_the_visit_is_not_counted_to_recheck(fixture_db, app_for):
    from inspector.inspection import record
    from inspector.store import open_db

    db = open_db(fixture_db)
    visit = record.start_visit(db, PROJECT, date(2026, 11, 27), ["张伟"])
    record.save_problem(db, visit.id, scenario="general", category="other", description="台账缺失",
                        severity="minor", responsible_unit=None, deadline=None)
    db.close()
    app = app_for(fixture_db)
    app.resume_checked = True
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        listing = app.screen
        assert isinstance(listing, ProjectListScreen)
        assert next(r.open_problems for r in listing.all_rows if r.code == PROJECT) == 1
        await pilot.press(*"gl", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ProjectDetailScreen) and app.screen.loaded)
        await pilot.pause()
        assert widget_text(app.screen.query_one("#problems-heading")).strip() == "待复查问题（1）"
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen) and app.screen.loaded)
        await pilot.pause()
        header = widget_text(app.screen.query_one("#visit-header"))
        assert "问题 1 · 创新 0 · 复查 0/1" in header
