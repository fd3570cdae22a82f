"""The vocabularies the office owns, edited in the office interface (issue 13
item 4): from the dashboard `v`, an entry added, renamed and retired in the
draft, each change marked before it is published, published with a reason
(attributed, in the audit log), a draft discarded, a CSV imported and one
exported, a refusal said in one line that stores nothing, and the unit
directory edited where units are."""

from __future__ import annotations

import pytest
from officeapp import build_office, office_app
from support import settle, wait_for

from inspector.office import audit
from inspector.office.db import open_office_db
from inspector.office.vocabularies import store as V
from inspector.tui.dialogs.text_prompt import ConfirmDialog, TextPrompt
from inspector.tui.screens.office_vocabularies import EntryDialog, OfficeVocabulariesScreen


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    return build_office(tmp_path, monkeypatch=monkeypatch)


def stored(office, kind: str):
    db = open_office_db(office.db)
    try:
        return V.current(db, kind), (V.draft(db, kind) if V.has_draft(db, kind) else None)
    finally:
        db.close()


def notes_of(app) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    app.notify = lambda message, severity="information", **kw: notes.append((severity, message))
    return notes


async def open_vocabularies(pilot) -> OfficeVocabulariesScreen:
    await settle(pilot)
    await pilot.press("v")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, OfficeVocabulariesScreen) and pilot.app.screen.loaded)
    return pilot.app.screen


async def after_change(pilot, screen, notes, count: int) -> None:
    await wait_for(pilot, lambda: len(notes) >= count and pilot.app.screen is screen and screen.loaded)


async def fill(pilot, dialog_type, **values) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, dialog_type))
    for name, value in values.items():
        app.screen.query_one(f"#{name}").value = value
    await pilot.press("ctrl+s")


async def test_an_entry_is_added_renamed_retired_and_published_with_its_reason(office):
    app = office_app(office)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = notes_of(app)
        screen = await open_vocabularies(pilot)
        assert screen.kind().kind == "problem_category"
        before, _ = stored(office, "problem_category")

        await pilot.press("n")
        await fill(pilot, EntryDialog, code="hazard", zh="安全隐患（飞线充电）", en="Safety hazard")
        await after_change(pilot, screen, notes, 1)
        assert notes[-1] == ("information", "已在草稿中新增“hazard”；按 p 发布后生效")
        current, draft = stored(office, "problem_category")
        assert current == before  # a draft is not in force
        assert draft.entry("hazard").zh == "安全隐患（飞线充电）"
        assert screen.entry().code == "hazard"  # the cursor is on what was just added
        assert screen.kind().changes == {"hazard": "added"}

        await pilot.press("e")
        await fill(pilot, EntryDialog, zh="安全隐患")
        await after_change(pilot, screen, notes, 2)
        assert stored(office, "problem_category")[1].entry("hazard").zh == "安全隐患"

        await pilot.press("up", "x")  # the entry above it: retired in the draft
        retired = screen.entry().code
        await after_change(pilot, screen, notes, 3)
        assert stored(office, "problem_category")[1].entry(retired).retired
        assert screen.kind().changes == {"hazard": "added", retired: "retired"}
        title = str(screen.query_one("#vocab-title").render())
        assert "草稿 2 处改动" in title

        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one("#text").value = "2026 年度：安全隐患单列"
        await pilot.press("enter")
        await after_change(pilot, screen, notes, 4)
        assert notes[-1] == ("information", "问题类别第 2 版已发布；此后签发的任务包将带上它")
        current, draft = stored(office, "problem_category")
        assert (current.version, draft) == (2, None)
        assert current.entry("hazard").zh == "安全隐患" and current.entry(retired).retired
        db = open_office_db(office.db)
        (entry,) = [e for e in audit.entries(db) if e.action == "vocab.publish"]
        db.close()
        assert (entry.user, entry.subject, entry.reason) == ("ceshi", "problem_category v2", "2026 年度：安全隐患单列")
        assert screen.kind().changes == {} and screen.kind().current.version == 2


async def test_a_refusal_is_one_line_and_stores_nothing(office):
    app = office_app(office, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        notes = notes_of(app)
        screen = await open_vocabularies(pilot)
        await pilot.press("n")
        await fill(pilot, EntryDialog, code="funding", zh="资金")  # a code the list has
        await after_change(pilot, screen, notes, 1)
        assert notes == [("error", 'code "funding" is already in the vocabulary; a code never changes once used: '
                                   'rename or retire it')]
        assert stored(office, "problem_category")[1] is None
        await pilot.press("p")  # nothing to publish
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("enter")
        await after_change(pilot, screen, notes, 2)
        assert notes[1] == ("error", "the draft of Problem categories is the same as version 1: nothing to publish")
        assert stored(office, "problem_category")[0].version == 1


async def test_a_draft_is_discarded_and_csv_goes_in_and_out(office, tmp_path):
    app = office_app(office)
    source = tmp_path / "证据.csv"
    source.write_text("代码,中文名称,English name\nsite_photo,现场拍照,Site photos\n", encoding="utf-8-sig")
    out = tmp_path / "out" / "evidence.csv"
    async with app.run_test(size=(100, 30)) as pilot:
        notes = notes_of(app)
        screen = await open_vocabularies(pilot)
        await pilot.press("down")  # evidence types
        assert screen.kind().kind == "evidence_type"
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one("#text").value = str(source)
        await pilot.press("enter")
        await after_change(pilot, screen, notes, 1)
        assert notes[-1] == ("information", "证据.csv：新增 1 条，改名 0 条，未变 0 条（已存入草稿，发布后生效）")
        assert stored(office, "evidence_type")[1].entry("site_photo").en == "Site photos"

        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("shift+tab", "enter")  # the destructive question starts on Cancel
        await after_change(pilot, screen, notes, 2)
        assert stored(office, "evidence_type")[1] is None

        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one("#text").value = str(out)
        await pilot.press("enter")
        await after_change(pilot, screen, notes, 3)
        assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "代码,中文名称,English name,停用"
        assert notes[-1][0] == "information"

        await pilot.press("i")  # a file that is not there: one line, nothing stored
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one("#text").value = str(tmp_path / "没有.csv")
        await pilot.press("enter")
        await after_change(pilot, screen, notes, 4)
        assert notes[-1][0] == "error" and "没有.csv" in notes[-1][1] and "\n" not in notes[-1][1]
        assert stored(office, "evidence_type")[1] is None


async def test_the_unit_directory_is_edited_where_units_are(office):
    from inspector.tui.screens.office_units import OfficeUnitsScreen

    app = office_app(office)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_vocabularies(pilot)
        await pilot.press("down", "down", "down")
        assert screen.kind().kind == "unit"
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeUnitsScreen))
