"""An innovation recorded from the checklist: its title is what the inspector
found, not the checklist's question. The question (and the option chosen)
stays in sight as context; a one-line answer the inspector already wrote
(特色亮点，一句话概括) is their title."""

from __future__ import annotations

import sqlite3

from support import widget_text, wait_for
from test_visit import start_visit, type_text
from textual.widgets import Input

from inspector.tui.dialogs.innovation_form import InnovationForm


def titles(db, visit_id):
    conn = sqlite3.connect(db)
    try:
        return [t for (t,) in conn.execute(
            "SELECT json_extract(data, '$.title') FROM innovations_current WHERE visit_id = ?", (visit_id,))]
    finally:
        conn.close()


async def test_a_flagged_option_asks_for_a_title_and_shows_the_question(fixture_db, app_for):
    app = app_for(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_visit(pilot)
        entry = next(e for e in screen.snapshot.entries if e.item.id == "inn.tod")
        screen.go_to(entry)
        await pilot.pause()
        await pilot.press("2")  # 有探索: flagged, so the innovation form opens
        await wait_for(pilot, lambda: isinstance(app.screen, InnovationForm))
        form = app.screen
        title = form.query_one("#title", Input)
        assert title.value == ""  # not "是否利用公交场站…": a question is no innovation's name
        assert app.focused is title
        shown = "".join(line.strip() for line in widget_text(form.query_one("#innovation-context")).splitlines())
        assert entry.item.prompt in shown and "有探索" in shown  # the question and the answer, as context
        await pilot.press("ctrl+s")
        assert app.screen is form  # a title is needed
        await type_text(pilot, "公交场站上盖建邻里中心")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        app.flush()
        assert titles(fixture_db, screen.visit_id) == ["公交场站上盖建邻里中心"]


async def test_a_one_line_highlight_already_written_is_the_title(fixture_db, app_for):
    app = app_for(fixture_db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_visit(pilot)
        entry = next(e for e in screen.snapshot.entries if e.item.id == "inn.highlight")
        screen.go_to(entry)
        await pilot.pause()
        await pilot.press("e")
        await type_text(pilot, "TOD neighbourhood centre")
        await pilot.press("enter")
        await pilot.pause()
        app.flush()
        screen.go_to(entry)
        await pilot.pause()
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, InnovationForm))
        assert app.screen.query_one("#title", Input).value == "TOD neighbourhood centre"
