"""The office interface driven by keys: the dashboard opens on the round, the
queue filters by pinyin initials, and confirm, query, send back, reject and
bulk-confirm land in the office database (reviews, review_events, audit_log)."""

from __future__ import annotations

import pytest
from support import settle, wait_for

import bundles as B
from officeapp import build_office, office_app
from inspector.tui.dialogs.text_prompt import ConfirmDialog, TextPrompt
from inspector.tui.screens.office_dashboard import OfficeDashboardScreen
from inspector.tui.screens.office_queue import OfficeQueueScreen
from inspector.tui.screens.office_record import OfficeRecordScreen


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    return build_office(tmp_path, monkeypatch=monkeypatch)


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


async def open_queue(pilot, city_row: int | None = None):
    app = pilot.app
    await settle(pilot)
    assert isinstance(app.screen, OfficeDashboardScreen)
    if city_row is None:
        await pilot.press("end")  # the total: every city
    else:
        for _ in range(city_row):
            await pilot.press("down")
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeQueueScreen) and app.screen.loaded)
    return app.screen


async def reloaded(pilot, screen, before: int) -> None:
    await wait_for(pilot, lambda: pilot.app.screen is screen and screen.loaded and len(screen.all_rows) and
                   screen.table.rows is screen.shown and _changed(screen, before))


def _changed(screen, before) -> bool:
    return sum(r.version for r in screen.all_rows) != before


def state(office, kind, record_id):
    return office.rows("SELECT state, comment FROM reviews WHERE kind = ? AND id = ?", kind, record_id)[0]


async def test_the_dashboard_counts_the_round(office):
    app = office_app(office)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OfficeDashboardScreen)
        assert [r.city for r in screen.table.rows] == ["hangzhou", "ningbo", "wenzhou", ""]
        assert screen.board.total.problems == 3
        assert "测试员" in str(screen.query_one("#list-title").render())


async def test_filter_by_pinyin_and_confirm_one(office):
    app = office_app(office)
    async with app.run_test(size=(100, 30)) as pilot:
        queue = await open_queue(pilot)
        assert len(queue.shown) == 7
        await type_text(pilot, "ln")  # 李娜's initials
        await pilot.pause()
        assert {r.inspector for r in queue.shown} == {"lina"} and len(queue.shown) == 2
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "glqc")  # 瓜沥七彩
        await pilot.pause()
        assert {r.project_code for r in queue.shown} == {"HZ-GL-001"}
        await type_text(pilot, " 托育")
        await pilot.pause()
        (row,) = queue.shown
        assert row.id == B.uid("p2")
        await pilot.press("tab")
        before = sum(r.version for r in queue.all_rows)
        await pilot.press("c")
        await reloaded(pilot, queue, before)
        assert state(office, "problem", B.uid("p2")) == ("confirmed", None)
        assert queue.shown == []  # the queue shows what awaits review
    assert office.rows("SELECT action, subject FROM audit_log WHERE action LIKE 'review.%'") == [
        ("review.confirmed", f"problem:{B.uid('p2')}")]
    assert office.rows("SELECT number FROM ledger") == [("2026-2-HZ-001",)]


async def test_query_send_back_and_reject_ask_for_a_comment(office):
    app = office_app(office)
    async with app.run_test(size=(100, 30)) as pilot:
        queue = await open_queue(pilot)
        await pilot.press("tab")
        targets = {}
        for key, wanted, words in (("q", "query", "照片看不清"), ("b", "sent_back", "请补充整改前照片"),
                                   ("x", "rejected", "不属于创新")):
            row = queue.table.current
            targets[wanted] = row
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
            await pilot.press("enter")  # no comment: refused in the dialog, nothing stored
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt)
            await type_text(pilot, words)
            before = sum(r.version for r in queue.all_rows)
            await pilot.press("enter")
            await reloaded(pilot, queue, before)
            assert state(office, row.kind, row.id) == (wanted, words)
    events = office.rows("SELECT kind, id, state, comment, by FROM review_events WHERE action = 'state' ORDER BY seq")
    assert events == [(targets[s].kind, targets[s].id, s, c, "ceshi") for s, c in (
        ("query", "照片看不清"), ("sent_back", "请补充整改前照片"), ("rejected", "不属于创新"))]
    assert [a for (a,) in office.rows("SELECT action FROM audit_log WHERE action LIKE 'review.%' ORDER BY seq")] == [
        "review.query", "review.sent_back", "review.rejected"]


async def test_bulk_confirm_of_the_filtered_set_after_the_dialog(office):
    app = office_app(office)
    async with app.run_test(size=(100, 30)) as pilot:
        queue = await open_queue(pilot, city_row=0)  # 杭州
        assert len(queue.shown) == 5 and {r.city for r in queue.shown} == {"hangzhou"}
        await pilot.press("tab", "a")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "5" in app.screen._question
        await pilot.press("escape")  # changed my mind: nothing happens
        await pilot.pause()
        assert office.rows("SELECT count(*) FROM reviews WHERE state = 'confirmed'") == [(0,)]
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        before = sum(r.version for r in queue.all_rows)
        await pilot.press("enter")
        await reloaded(pilot, queue, before)
    assert sorted(office.rows("SELECT kind, state FROM reviews")) == sorted(
        [("visit", "confirmed"), ("problem", "confirmed"), ("problem", "confirmed"), ("innovation", "confirmed"),
         ("follow_up", "confirmed"), ("visit", "received"), ("problem", "received")])
    assert office.rows("SELECT count(*) FROM audit_log WHERE action = 'review.confirmed'") == [(5,)]


async def test_a_record_in_full_and_a_stale_change_refused(office):
    from inspector.office.db import open_office_db
    from inspector.office.review.states import Seen, set_state

    app = office_app(office)
    async with app.run_test(size=(100, 30)) as pilot:
        queue = await open_queue(pilot, city_row=0)
        await type_text(pilot, "党群")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeRecordScreen) and app.screen.loaded)
        record = app.screen
        text = record.query_one("#rec-content").render().plain
        assert "社区党群服务中心是否已建成" in text and "中心周末不开放" in text  # the item and its answer
        assert len(record.detail.photos) == 2 and record.query_one("#rec-photo").display
        # a colleague queries it meanwhile
        db = open_office_db(office.db)
        set_state(db, [Seen("problem", B.uid("p1"), 1)], "query", by="ceshi", comment="同事的疑问")
        db.close()
        notes = []
        app.notify = lambda message, **kw: notes.append(message)
        await pilot.press("c")
        await wait_for(pilot, lambda: record.loaded and record.detail.state == "query")
        assert notes and "刚被他人改过" in notes[-1]
    assert state(office, "problem", B.uid("p1")) == ("query", "同事的疑问")
    assert office.rows("SELECT count(*) FROM audit_log WHERE action = 'review.confirmed'") == [(0,)]
