"""The laptop's problem form offers exactly the categories its project's
assignment carried: an office-added one is there, a retired one is not, and
a problem recorded with the new one is stored under its code."""

from __future__ import annotations

import sqlite3

from support import wait_for
from test_visit_header import PROJECT, open_visit, rows, visit_db  # noqa: F401 - fixture
from textual.widgets import Select

from inspector.models.vocabulary import VocabularyEntry
from inspector.tui.dialogs.problem_form import ProblemForm
from inspector.vocabularies import built_in


def carry(db_path, vocabulary) -> None:
    """As if the project's assignment had carried the office's vocabulary."""
    conn = sqlite3.connect(db_path)
    (assignment,) = conn.execute("SELECT assignment_id FROM assignment_projects WHERE project_code = ?",
                                 (PROJECT,)).fetchone()
    conn.execute("INSERT INTO assignment_vocabularies VALUES (?, ?, ?, ?)",
                 (assignment, vocabulary.kind, vocabulary.version, vocabulary.model_dump_json()))
    conn.commit()
    conn.close()


async def test_the_form_offers_the_assignments_categories(visit_db, app_for):
    shipped = built_in("problem_category")
    office = shipped.model_copy(update={"version": 2, "entries": [
        *[e.model_copy(update={"retired": e.code == "other"}) for e in shipped.entries],
        VocabularyEntry(code="safety_hazard", zh="安全隐患", en="Safety hazard")]})
    carry(visit_db, office)
    app = app_for(visit_db, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_visit(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemForm) and app.screen.shown_at)
        form = app.screen
        select = form.query_one("#category", Select)
        offered = [code for _, code in select._options if code is not Select.BLANK]
        assert "safety_hazard" in offered and "other" not in offered
        assert ("安全隐患", "safety_hazard") in select._options
        for ch in "飞线充电":
            await pilot.press(ch)
        select.value = "safety_hazard"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ProblemForm), 1000)
        await pilot.pause()
    assert rows(visit_db, "SELECT category FROM problems WHERE origin = ?", "local") == [("safety_hazard",)]


async def test_the_visit_offers_the_assignments_evidence_types(visit_db, app_for):
    from inspector.tui.widgets.evidence import EvidenceTicks, TickBox

    shipped = built_in("evidence_type")
    office = shipped.model_copy(update={"version": 2, "entries": [
        *[e.model_copy(update={"retired": e.code == "platform_data"}) for e in shipped.entries],
        VocabularyEntry(code="photo_compare", zh="对比整改前后照片", en="Before-and-after photos")]})
    carry(visit_db, office)
    app = app_for(visit_db, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_visit(pilot)
        await pilot.pause()
        ticks = app.screen.query_one("#evidence", EvidenceTicks)
        await wait_for(pilot, lambda: "photo_compare" in [b.evidence for b in ticks.query(TickBox)])
        boxes = {b.evidence: str(b.label) for b in ticks.query(TickBox)}
        assert boxes["photo_compare"] == "对比整改前后照片" and "platform_data" not in boxes
        next(b for b in ticks.query(TickBox) if b.evidence == "photo_compare").value = True
        await pilot.pause()
        app.flush()
    assert "photo_compare" in str(rows(visit_db, "SELECT data FROM answers"))
