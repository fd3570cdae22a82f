"""The problem ledger in the office interface, driven by keys: the list
filtered and opened, and a problem taken to 已销号 — terms with a unit from
the directory, started, the unit's reply with an evidence file, closure
refused when the requester approves and without evidence, approved by a
second member of staff; a deadline extended with a reason. The office
database holds exactly that (ledger, ledger_events, audit_log)."""

from __future__ import annotations

import pytest
from support import settle, wait_for

import bundles as B
from ledgerapp import SECOND, UNIT, build_ledger_office, ledger_app
from inspector.tui.dialogs.ledger_step import ExtendDialog, ReplyDialog, TermsDialog
from inspector.tui.dialogs.text_prompt import ConfirmDialog, TextPrompt
from inspector.tui.screens.office_ledger import OfficeLedgerScreen
from inspector.tui.screens.office_record import OfficeRecordScreen

P1 = B.uid("p1")  # 党群服务中心 (2026-2-HZ-002): default terms, green


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    return build_ledger_office(tmp_path, monkeypatch=monkeypatch)


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


async def open_ledger(pilot) -> OfficeLedgerScreen:
    app = pilot.app
    await settle(pilot)
    await pilot.press("l")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeLedgerScreen) and app.screen.loaded)
    return app.screen


async def to_entry(pilot, screen, number: str) -> None:
    """Filter down to one entry and go to the list, where the step keys work."""
    await type_text(pilot, number)
    await pilot.pause()
    assert [e.number for e in screen.shown] == [number]
    await pilot.press("tab")


def notes_of(app) -> list[str]:
    notes: list[str] = []
    app.notify = lambda message, **kw: notes.append(message)
    return notes


async def after_step(pilot, screen, problem_id: str, version: int) -> None:
    """The step is stored and the list shows the entry's new state."""
    await wait_for(pilot, lambda: pilot.app.screen is screen and screen.loaded and any(
        e.problem_id == problem_id and e.version > version for e in screen.all_rows) and screen.table.rows is
        screen.shown)


def entry_row(office, problem_id):
    return office.rows("SELECT status, unit_id, requested_by, closed_by, version FROM ledger WHERE problem_id = ?",
                       problem_id)[0]


async def test_the_ledger_lists_filters_and_opens_a_problem(office):
    off, numbers = office
    app = ledger_app(off)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_ledger(pilot)
        assert [e.number for e in screen.shown] == ["2026-2-HZ-001", "2026-2-HZ-002", "2026-2-WZ-001"]
        assert [e.light for e in screen.shown] == ["yellow", "green", "red"]
        await type_text(pilot, "lc")  # 鹿城's initials
        await pilot.pause()
        assert [e.number for e in screen.shown] == ["2026-2-WZ-001"]
        await pilot.press("backspace", "backspace", "tab", "o")  # overdue only
        await pilot.pause()
        assert [e.number for e in screen.shown] == ["2026-2-WZ-001"] and screen.shown[0].days_overdue == 3
        assert "只看逾期" in str(screen.query_one("#status").render())
        await pilot.press("o", "s", "r")  # every entry again, by light, reversed
        await pilot.pause()
        assert [e.light for e in screen.shown] == ["green", "yellow", "red"]
        await pilot.press("f")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "LedgerFilterDialog")
        from textual.widgets import Select
        app.screen.query_one("#choose-city", Select).value = "hangzhou"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert {e.city for e in screen.shown} == {"hangzhou"} and len(screen.shown) == 2
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeRecordScreen) and app.screen.loaded)
        text = app.screen.query_one("#rec-content").render().plain
        assert screen.table.current.number in text  # the ledger block


async def test_to_closed_refused_for_the_requester_then_approved_by_another(office, tmp_path):
    off, numbers = office
    number = numbers[P1]
    scan = tmp_path / "整改报告.pdf"
    scan.write_bytes(b"%PDF-1.4 the unit's report")
    app = ledger_app(off)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_ledger(pilot)
        await to_entry(pilot, screen, number)
        notes = notes_of(app)
        # terms: the unit chosen from the directory, with a reason
        version = screen.table.current.version
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TermsDialog))
        from textual.widgets import Select
        unit_id = next(v for _, v in app.screen.query_one("#unit", Select)._options if v != Select.NULL)
        app.screen.query_one("#unit", Select).value = unit_id
        await pilot.press("ctrl+s")  # no reason: refused in the dialog
        await pilot.pause()
        assert isinstance(app.screen, TermsDialog)
        app.screen.query_one("#reason").focus()
        await type_text(pilot, "属地负责")
        await pilot.press("ctrl+s")
        await after_step(pilot, screen, P1, version)
        assert entry_row(off, P1)[:2] == ("pending", unit_id)
        # start
        version = screen.table.current.version
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("enter")  # the note may be empty
        await after_step(pilot, screen, P1, version)
        assert entry_row(off, P1)[0] == "rectifying"
        # the unit's reply: a file that is not there is refused in the dialog, then the real one
        version = screen.table.current.version
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ReplyDialog))
        await type_text(pilot, "已安排专人值守周末开放")
        app.screen.query_one("#files").value = str(tmp_path / "nowhere.pdf")
        await pilot.pause()
        before = off.dump()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReplyDialog) and "nowhere.pdf" in str(
            app.screen.query_one("#files-error").render())
        assert off.dump() == before
        app.screen.query_one("#files").value = str(scan)
        await pilot.press("ctrl+s")
        await after_step(pilot, screen, P1, version)
        assert entry_row(off, P1)[:3] == ("close_requested", unit_id, "ceshi")
        # the requester approves: refused, nothing changes, the reason said
        version = screen.table.current.version
        before = off.dump()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("另一位工作人员" in n for n in notes))
        await settle(pilot)
        assert off.dump() == before
    # another member of staff approves
    app = ledger_app(off, user=SECOND[0])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_ledger(pilot)
        await to_entry(pilot, screen, number)
        version = screen.table.current.version
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("enter")
        await after_step(pilot, screen, P1, version)
        assert screen.table.current.status == "closed" and screen.table.current.light is None
    assert entry_row(off, P1) == ("closed", unit_id, "ceshi", "wangfang", 5)
    assert off.rows("SELECT action, status, by FROM ledger_events WHERE problem_id = ? ORDER BY seq", P1) == [
        ("open", "pending", "ceshi"), ("set_terms", "pending", "ceshi"), ("start", "rectifying", "ceshi"),
        ("reply", "close_requested", "ceshi"), ("approve", "closed", "wangfang")]
    assert off.rows("SELECT action, subject, user_id, reason FROM audit_log WHERE action LIKE 'ledger.%' "
                    "AND subject = ? ORDER BY seq", number) == [
        ("ledger.open", number, "ceshi", None), ("ledger.set_terms", number, "ceshi", "属地负责"), ("ledger.start", number, "ceshi", None),
        ("ledger.reply", number, "ceshi", None), ("ledger.approve", number, "wangfang", None)]
    assert off.rows("SELECT r.measures, e.name, e.kind FROM ledger_replies r JOIN ledger_evidence e "
                    "ON e.reply_id = r.id WHERE r.problem_id = ?", P1) == [
        ("已安排专人值守周末开放", "整改报告.pdf", "document")]
    assert off.rows("SELECT name FROM units WHERE id = ?", unit_id) == [(UNIT,)]


async def test_no_evidence_no_closure(office):
    off, numbers = office
    number = numbers[P1]
    app = ledger_app(off)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_ledger(pilot)
        await to_entry(pilot, screen, number)
        version = screen.table.current.version
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ReplyDialog))
        await type_text(pilot, "已整改")
        await pilot.press("ctrl+s")
        await after_step(pilot, screen, P1, version)
    app = ledger_app(off, user=SECOND[0])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_ledger(pilot)
        await to_entry(pilot, screen, number)
        notes = notes_of(app)
        before = off.dump()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("没有佐证材料" in n for n in notes))
        await settle(pilot)
        assert off.dump() == before
    assert entry_row(off, P1)[0] == "close_requested"
    assert off.rows("SELECT count(*) FROM audit_log WHERE action = 'ledger.approve'") == [(0,)]


async def test_extend_a_deadline_with_a_reason_in_english(office):
    off, numbers = office
    pid = next(p for p, n in numbers.items() if "-WZ-" in n)
    number = numbers[pid]
    app = ledger_app(off, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_ledger(pilot)
        await to_entry(pilot, screen, number)
        notes = notes_of(app)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExtendDialog))
        await type_text(pilot, "2026-11-30")  # earlier than the deadline: the core refuses, nothing stored
        app.screen.query_one("#reason").value = "rainy season"
        await pilot.pause()
        before = off.dump()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("2026-11-30" in n for n in notes))
        await settle(pilot)
        assert off.dump() == before
        version = screen.table.current.version
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExtendDialog))
        await type_text(pilot, "2027/01/31")  # not a date: said under the field
        app.screen.query_one("#reason").value = "雨季停工"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExtendDialog) and "2027/01/31" in str(app.screen.query_one("#to-error").render())
        app.screen.query_one("#to").value = "2027-01-31"
        await pilot.press("ctrl+s")
        await after_step(pilot, screen, pid, version)
        assert screen.table.current.deadline == "2027-01-31" and screen.table.current.light == "green"
        assert "extend" in notes[-1]
    assert off.rows("SELECT deadline FROM ledger WHERE problem_id = ?", pid) == [("2027-01-31",)]
    (detail,) = off.rows("SELECT detail FROM ledger_events WHERE problem_id = ? AND action = 'extend'", pid)[0]
    assert '"from": "2026-12-01"' in detail and '"to": "2027-01-31"' in detail
    assert off.rows("SELECT reason FROM audit_log WHERE action = 'ledger.extend'") == [("雨季停工",)]


async def test_a_step_from_the_problem_in_full(office):
    off, numbers = office
    app = ledger_app(off)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_ledger(pilot)
        await to_entry(pilot, screen, numbers[P1])
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeRecordScreen) and app.screen.loaded)
        record = app.screen
        await pilot.press("G")  # capitals on the record: its own e and g reword and grade
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await type_text(pilot, "已进场")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is record and record.loaded and
                       record.detail.ledger["status"] == "rectifying")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen and screen.loaded and
                       screen.table.current.status == "rectifying")
    assert off.rows("SELECT action, reason FROM ledger_events WHERE problem_id = ? AND action = 'start'", P1) == [
        ("start", "已进场")]


async def test_a_step_on_a_stale_view_is_refused_and_the_list_reloads(office):
    from inspector.office.db import open_office_db
    from inspector.office.ledger import steps as S

    off, numbers = office
    app = ledger_app(off)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_ledger(pilot)
        await to_entry(pilot, screen, numbers[P1])
        shown = screen.table.current.version
        db = open_office_db(off.db)  # a colleague starts it meanwhile
        S.start(db, P1, by=SECOND[0], reason="同事", seen_version=shown)
        db.close()
        notes = notes_of(app)
        before = off.dump()
        await pilot.press("e")
        await wait_for(pilot, lambda: any("刚被他人改过" in n for n in notes))
        await wait_for(pilot, lambda: screen.loaded and screen.table.current.status == "rectifying")
        assert not isinstance(app.screen, ExtendDialog) and off.dump() == before


async def test_the_unit_directory_edited_in_the_interface(office):
    """From the ledger, d opens the units: one added, one edited (stale refused), one disabled."""
    from inspector.office.db import open_office_db
    from inspector.office.ledger import units as U
    from inspector.tui.dialogs.text_prompt import TextPrompt
    from inspector.tui.screens.office_units import OfficeUnitsScreen, UnitDialog

    off, _ = office
    app = ledger_app(off)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_ledger(pilot)
        await pilot.press("tab", "d")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeUnitsScreen) and app.screen.loaded)
        units = app.screen
        assert [u.name for u in units.units] == [UNIT]
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, UnitDialog))
        app.screen.query_one("#name").value = "瓜沥七彩社区运营公司"
        app.screen.query_one("#role").value = "implementer"
        app.screen.query_one("#city").value = "hangzhou"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is units and units.loaded and len(units.units) == 2)
        # someone changes the first unit meanwhile: the edit based on the list is refused, nothing stored
        db = open_office_db(off.db)
        first = units.highlighted()
        U.edit(db, first.id, seen_version=first.version, by="wangfang", phone="0571-1")
        db.close()
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, UnitDialog))
        app.screen.query_one("#contact").value = "俞晓峰"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is units and units.loaded and units.highlighted().phone == "0571-1")
        assert off.rows("SELECT contact FROM units WHERE id = ?", first.id) == [(None,)]
        await pilot.press("e")  # from what is stored now
        await wait_for(pilot, lambda: isinstance(app.screen, UnitDialog))
        app.screen.query_one("#contact").value = "俞晓峰"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is units and units.loaded and units.highlighted().contact == "俞晓峰")
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await type_text(pilot, "撤并")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is units and units.loaded and
                       any(u.disabled for u in units.units))
    assert off.rows("SELECT action FROM audit_log WHERE action LIKE 'unit.%' ORDER BY seq") == [
        ("unit.add",), ("unit.add",), ("unit.edit",), ("unit.edit",), ("unit.disable",)]
