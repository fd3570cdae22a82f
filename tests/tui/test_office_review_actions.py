"""The record detail's steps beyond a review state, driven by keys: a conflict
resolved field by field into a new current office revision, a problem marked
a duplicate of another on the same project, a problem reworded with a reason.
What the office database holds afterwards is checked, audit log included."""

from __future__ import annotations

import json

import pytest
from support import settle, wait_for

import bundles as B
from officeapp import add_conflict as add_office_conflict, build_office, office_app
from inspector.office.db import open_office_db
from inspector.office.review.edits import edit_record
from inspector.tui.dialogs.office_record_edits import DuplicateChooser, EditWordingDialog, FullValueDialog
from inspector.tui.dialogs.text_prompt import TextPrompt
from inspector.tui.screens.office_conflict import OfficeConflictScreen
from inspector.tui.screens.office_dashboard import OfficeDashboardScreen
from inspector.tui.screens.office_queue import OfficeQueueScreen
from inspector.tui.screens.office_record import OfficeRecordScreen

P1, P2 = B.uid("p1"), B.uid("p2")


def add_conflict(office) -> None:
    add_office_conflict(office)
    assert office.rows("SELECT kind, id, rev FROM conflicts WHERE resolved_at IS NULL") == [("problem", P1, 2)]


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    return build_office(tmp_path, monkeypatch=monkeypatch)


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


async def open_record(pilot, words: str) -> OfficeRecordScreen:
    app = pilot.app
    await settle(pilot)
    assert isinstance(app.screen, OfficeDashboardScreen)
    await pilot.press("end", "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeQueueScreen) and app.screen.loaded)
    await type_text(pilot, words)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeRecordScreen) and app.screen.loaded)
    return app.screen


async def open_conflict(pilot, office) -> OfficeConflictScreen:
    app = pilot.app
    record = await open_record(pilot, "党群")
    await pilot.press("r")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeConflictScreen) and app.screen.loaded)
    return app.screen


async def go_to(pilot, screen: OfficeConflictScreen, field: str) -> None:
    for _ in range(len(screen.rows)):
        await pilot.press("up")
    for _ in range(len(screen.rows)):
        if screen.highlighted().field == field:
            return
        await pilot.press("down")
    raise AssertionError(field)


async def test_a_conflict_resolved_field_by_field(office):
    add_conflict(office)
    app = office_app(office)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_conflict(pilot, office)
        assert set(screen.view.differing) == {"description", "severity", "responsible_unit"}
        # the differing fields are marked by a symbol in the table, not colour alone
        marks = [screen.table.get_cell(row.field, "mark").plain for row in screen.rows]
        assert marks.count("*") == 3
        await go_to(pilot, screen, "description")
        await pilot.press("enter")  # the long value in full
        await wait_for(pilot, lambda: isinstance(app.screen, FullValueDialog))
        assert any("党群服务中心周末大门紧锁，未对居民开放。" in side[1] for side in app.screen.sides)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("ctrl+s")  # nothing chosen yet: refused on the screen, nothing asked
        await pilot.pause()
        assert app.screen is screen
        await go_to(pilot, screen, "severity")
        await pilot.press("i")
        assert screen.choices == {"severity": "inspector"}
        await pilot.press("A")  # the rest: the office's
        assert screen.choices == {"severity": "office", "description": "office", "responsible_unit": "office"}
        await go_to(pilot, screen, "severity")
        await pilot.press("i")
        await go_to(pilot, screen, "responsible_unit")
        await pilot.press("i")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await type_text(pilot, "严重程度以现场为准")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeRecordScreen) and app.screen.loaded
                       and app.screen.detail.rev == 3)
        assert app.screen.open_conflict() is None
    ((rev, author, base, data),) = office.rows(
        "SELECT r.rev, r.author, r.base_rev, r.data FROM current c JOIN records r "
        "ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev WHERE c.kind = 'problem' AND c.id = ?", P1)
    data = json.loads(data)
    assert (rev, author, base) == (3, "office:ceshi", 2)
    assert (data["severity"], data["responsible_unit"], data["description"]) == (
        "severe", "瓜沥镇社区办", "党群服务中心周末不开放（办公室核实）")
    assert office.rows("SELECT resolved_by, resolution_rev FROM conflicts") == [("ceshi", 3)]
    ((reason, detail),) = office.rows("SELECT reason, detail FROM audit_log WHERE action = 'conflict.resolve'")
    assert reason == "严重程度以现场为准"
    assert json.loads(detail)["fields"] == {"severity": "inspector", "responsible_unit": "inspector",
                                            "description": "office"}


async def test_a_stale_resolution_is_refused_and_the_conflict_reread(office):
    add_conflict(office)
    app = office_app(office)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_conflict(pilot, office)
        await pilot.press("a")  # every differing field: the inspector's
        # a colleague edits the record meanwhile: the office's current revision is no longer the one shown
        db = open_office_db(office.db)
        edit_record(db, "problem", P1, {"category": "public_services"}, by="ceshi", reason="类别", seen_rev=2)
        db.close()
        notes = []
        app.notify = lambda message, **kw: notes.append(message)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await type_text(pilot, "以现场为准")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.loaded and screen.view.office_rev == 3)
        assert notes and "有了变化" in notes[-1]
        assert screen.choices == {}  # chosen against what is gone: choose again
    assert office.rows("SELECT count(*) FROM audit_log WHERE action = 'conflict.resolve'") == [(0,)]
    assert office.rows("SELECT resolved_at FROM conflicts") == [(None,)]


async def test_a_problem_marked_a_duplicate_of_another(office):
    app = office_app(office)
    async with app.run_test(size=(100, 30)) as pilot:
        record = await open_record(pilot, "托育")
        assert record.detail.id == P2
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DuplicateChooser))
        assert [c.id for c in app.screen.candidates] == [P1]  # same project, same kind; lina's is elsewhere
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await type_text(pilot, "同一处问题")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is record and record.loaded and record.detail.state == "duplicate")
    assert office.rows("SELECT state, duplicate_of, comment FROM reviews WHERE kind = 'problem' AND id = ?", P2) == [
        ("duplicate", P1, "同一处问题")]
    assert office.rows("SELECT action, subject, reason FROM audit_log WHERE action = 'record.merge'") == [
        ("record.merge", f"problem:{P1}", "同一处问题")]


async def test_a_problem_reworded_with_a_reason(office):
    app = office_app(office)
    async with app.run_test(size=(100, 30)) as pilot:
        record = await open_record(pilot, "党群")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EditWordingDialog))
        dialog = app.screen
        dialog.query_one("#description").value = "党群服务中心周末不开放"
        dialog.query_one("#deadline").value = "2027-01-15"
        await pilot.press("ctrl+s")  # no reason: refused in the dialog
        await pilot.pause()
        assert app.screen is dialog
        dialog.query_one("#reason").focus()
        await type_text(pilot, "措辞更准确")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is record and record.loaded and record.detail.rev == 2)
    data = json.loads(office.rows("SELECT data FROM records WHERE kind = 'problem' AND id = ? AND rev = 2", P1)[0][0])
    assert (data["description"], data["deadline"], data["author"]) == (
        "党群服务中心周末不开放", "2027-01-15", "office:ceshi")
    ((reason, detail),) = office.rows("SELECT reason, detail FROM audit_log WHERE action = 'record.edit'")
    assert reason == "措辞更准确" and set(json.loads(detail)) == {"description", "deadline", "rev"}


async def test_an_innovation_graded_a_typical_case_with_a_caption(office):
    from inspector.tui.dialogs.office_record_edits import GradeDialog

    app = office_app(office)
    async with app.run_test(size=(80, 24)) as pilot:
        record = await open_record(pilot, "积分")
        assert record.detail.kind == "innovation"
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GradeDialog))
        dialog = app.screen
        dialog.query_one("#grade").value = "replicable"
        dialog.query_one("#typical").value = True
        dialog.query_one("#caption").focus()
        await type_text(pilot, "积分兑换")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is record and record.loaded)
        await pilot.press("g")  # graded again, from what is stored now (version 1): not refused as stale
        await wait_for(pilot, lambda: isinstance(app.screen, GradeDialog))
        assert app.screen.current.caption == "积分兑换" and app.screen.current.version == 1
        app.screen.query_one("#typical").value = False
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is record and record.loaded)
        await settle(pilot)
    assert office.rows("SELECT grade, typical, caption, by, version FROM innovation_grades") == [
        ("replicable", 0, "积分兑换", "ceshi", 2)]
    assert [a for (a,) in office.rows("SELECT action FROM audit_log WHERE action = 'innovation.grade'")] == [
        "innovation.grade"] * 2


async def test_records_with_an_open_conflict_listed_from_the_dashboard(office):
    add_conflict(office)
    app = office_app(office)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end", "k")  # the total row: every city
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeQueueScreen) and app.screen.loaded)
        assert [(r.kind, r.id) for r in app.screen.shown] == [("problem", P1)]
        assert app.screen.filter.conflicted and not app.screen.filter.states  # whatever its review state
