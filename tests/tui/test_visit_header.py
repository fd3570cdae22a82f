"""Issue 10, items 2, 3 and the checklist footer: dates refused at their field
in words, the visit header corrected from the checklist, keys typed while a
form opens kept out of it, and the footer's essential keys at 80 columns."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from support import settle, wait_for, widget_text
from textual import events
from textual.widgets import Input

from inspector.tui.dialogs.problem_form import ProblemForm
from inspector.tui.dialogs.start_visit import StartVisitDialog, VisitHeaderDialog
from inspector.tui.screens.visit import VisitScreen

PROJECT = "HZ-XS-006"  # 瓜沥七彩


def rows(db, sql, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def visit_db(fixture_db):
    from inspector.inspection import record
    from inspector.store import open_db

    db = open_db(fixture_db)
    record.start_visit(db, PROJECT, date(2026, 11, 27), ["张伟"], "上午")
    db.close()
    return fixture_db


async def open_detail(pilot) -> None:
    await settle(pilot)
    await pilot.press(*"gl", "enter")
    await settle(pilot)


async def open_visit(pilot) -> VisitScreen:
    app = pilot.app
    app.resume_checked = True
    await open_detail(pilot)
    await pilot.press("v")  # resumes the visit in progress
    await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen) and app.screen.current is not None, 1000)
    await pilot.pause()
    return app.screen


async def clear_and_type(pilot, text: str) -> None:
    await pilot.press("ctrl+a", "ctrl+k")
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


def error_under(dialog, field_id: str) -> str:
    found = dialog.query(f"#{field_id}-error")
    return " ".join(widget_text(found.first()).split()) if found else ""


async def test_keys_typed_while_the_start_form_opens_never_land_in_it(fixture_db, app_for):
    """v, then letters (and ^s) typed before the form is drawn, as a quick
    typist does: they were meant for the checklist, not for the form."""
    app = app_for(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_detail(pilot)

        def typed(key: str, char: str | None) -> events.Key:
            event = events.Key(key, char)  # stamped now, as the terminal reads it
            event.set_sender(app)
            return event

        app._driver.send_message(typed("v", "v"))
        ahead = [typed("p", "p"), typed("f", "f"), typed("v", "v"), typed("ctrl+s", None)]
        # the letters reach the app only once the form is up and its field focused
        await wait_for(pilot, lambda: isinstance(app.screen, StartVisitDialog)
                       and isinstance(app.focused, Input) and app.focused.id == "inspectors")
        for event in ahead:
            app._driver.send_message(event)
        await pilot.pause(0.2)
        dialog = app.screen
        assert isinstance(dialog, StartVisitDialog)  # ^s typed ahead did not start the visit
        assert {i.id: i.value for i in dialog.query(Input)} == {
            "date": date.today().isoformat(), "inspectors": "张伟", "note": ""}
        # what is typed once the form is there goes in
        await pilot.press("space", "李", "娜")
        assert dialog.query_one("#inspectors", Input).value == "张伟 李娜"
    assert rows(fixture_db, "SELECT count(*) FROM visits") == [(0,)]


async def test_an_impossible_visit_date_is_named_at_its_field(fixture_db, app_for):
    app = app_for(fixture_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(pilot)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, StartVisitDialog) and app.screen.shown_at)
        dialog = app.screen
        await pilot.press("shift+tab")  # to the date
        await clear_and_type(pilot, "2027-02-30")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert error_under(dialog, "date") == "2027-02-30 不存在：2027 年 2 月只有 28 天"
        assert app.focused is dialog.query_one("#date", Input)
        await pilot.press("backspace", "8")  # corrected: the words go
        await pilot.pause()
        assert error_under(dialog, "date") == ""
    assert rows(fixture_db, "SELECT count(*) FROM visits") == [(0,)]


async def test_a_deadline_before_the_visit_is_refused_at_its_field(visit_db, app_for):
    app = app_for(visit_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_visit(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemForm) and app.screen.shown_at)
        form = app.screen
        # a new problem's deadline starts a month after the visit, not after today
        assert form.query_one("#deadline", Input).value == "2026-12-27"
        for ch in "ledger missing":
            await pilot.press(ch if ch != " " else "space")
        form.query_one("#deadline", Input).focus()
        await clear_and_type(pilot, "2026-11-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert error_under(form, "deadline") == "the rectification deadline is before the visit date (2026-11-27)"
        await clear_and_type(pilot, "2026-12-32")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_under(form, "deadline") == "2026-12-32 does not exist: 2026-12 has 31 days"
        await clear_and_type(pilot, "2026-11-27")  # the visit's own day is allowed
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        app.flush()
    assert rows(visit_db, "SELECT json_extract(data, '$.deadline') FROM problems_current "
                "WHERE visit_id = (SELECT id FROM visits)") \
        == [("2026-11-27",)]


async def test_the_visit_header_is_corrected_from_the_checklist(visit_db, app_for):
    app = app_for(visit_db)
    async with app.run_test(size=(100, 30)) as pilot:  # the date is the first to go at 80 columns
        screen = await open_visit(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, VisitHeaderDialog) and app.screen.shown_at)
        dialog = app.screen
        assert {i.id: i.value for i in dialog.query(Input)} == {
            "date": "2026-11-27", "inspectors": "张伟", "note": "上午"}
        assert app.focused is dialog.query_one("#date", Input)
        await clear_and_type(pilot, "2026-11-26")
        await pilot.press("tab")
        await clear_and_type(pilot, "张伟 李娜")
        await pilot.press("tab")
        await clear_and_type(pilot, "下午")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        app.flush()
        await wait_for(pilot, lambda: screen.snapshot.visit.date == date(2026, 11, 26))
        assert "2026-11-26" in widget_text(screen.query_one("#visit-header"))
    assert [(d, json.loads(i), n) for d, i, n in rows(
        visit_db, "SELECT date, json_extract(data, '$.inspectors'), json_extract(data, '$.note') "
        "FROM visits_current")] == [("2026-11-26", ["张伟", "李娜"], "下午")]


async def test_the_header_date_cannot_pass_a_deadline_set_on_the_visit(visit_db, app_for):
    from inspector.inspection import record
    from inspector.store import open_db

    db = open_db(visit_db)
    (visit_id,) = db.conn.execute("SELECT id FROM visits").fetchone()
    record.save_problem(db, visit_id, scenario="general", category="other", description="台账缺失",
                        severity="minor", responsible_unit=None, deadline=date(2026, 12, 1))
    db.close()
    app = app_for(visit_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_visit(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, VisitHeaderDialog) and app.screen.shown_at)
        dialog = app.screen
        await clear_and_type(pilot, "2026-12-02")  # past the deadline, not after today (a past day: stable)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert error_under(dialog, "date") == "督导日期晚于本次所提问题的整改期限 2026-12-01"
    assert rows(visit_db, "SELECT date FROM visits_current") == [("2026-11-27",)]


async def test_a_finished_visit_header_stays_as_it_was(visit_db, app_for):
    conn = sqlite3.connect(visit_db)
    conn.execute("UPDATE visits SET status = 'finished', data = json_set(data, '$.status', 'finished')")
    conn.commit()
    conn.close()
    app = app_for(visit_db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.resume_checked = True
        await open_detail(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen) and app.screen.loaded)
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, VisitHeaderDialog)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_checklist_footer_keeps_its_essential_keys_at_80_columns(visit_db, app_for, lang):
    app = app_for(visit_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_visit(pilot)
        keys = {" ".join(widget_text(k).split()).split(" ")[0]: k.region for k in screen.query("FooterKey")}
        for key in ("p", "f", "n", "d", "F", "?", "esc", "^q"):
            assert key in keys, key
            assert keys[key].right <= 80, key
        # keys taken off the footer are still listed under ?
        await pilot.press("question_mark")
        await pilot.pause()
        listed = [keys for keys, _ in app.screen.rows]
        assert "m" in listed and "u" in listed and "d" in listed


async def test_a_kept_problem_form_comes_back_with_the_deadline_as_typed(visit_db, app_for):
    app = app_for(visit_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_visit(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemForm) and app.screen.shown_at)
        for ch in "ledger":
            await pilot.press(ch)
        app.screen.query_one("#deadline", Input).focus()
        await clear_and_type(pilot, "2027-02-30")  # not a day; the inspector meant to fix it later
        await pilot.pause(0.3)
        app.flush()
    app = app_for(visit_db)  # started again, the form comes back open as it was
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemForm) and app.screen.shown_at, 1000)
        form = app.screen
        assert form.query_one("#deadline", Input).value == "2027-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "2027-02-30" in error_under(form, "deadline")
