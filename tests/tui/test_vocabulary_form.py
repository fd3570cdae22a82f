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


def units(*entries: tuple[str, str, bool]):
    from inspector.models.vocabulary import Vocabulary

    return Vocabulary(kind="unit", version=3, entries=[
        VocabularyEntry(code=code, zh=name, retired=retired) for code, name, retired in entries])


DIRECTORY = units(("u-1", "萧山区瓜沥镇人民政府", False), ("u-2", "杭州萧山城市建设投资集团有限公司", False),
                  ("u-3", "瓜沥镇社区办（已撤并）", True))


async def record_problem(pilot, choose) -> None:
    app = pilot.app
    await open_visit(pilot)
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, ProblemForm) and app.screen.shown_at)
    for ch in "活动室闲置":
        await pilot.press(ch)
    await choose(app.screen)
    await pilot.pause()
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not isinstance(app.screen, ProblemForm), 1000)
    await pilot.pause()


async def test_the_responsible_unit_is_chosen_from_the_assignments_directory(visit_db, app_for):
    carry(visit_db, DIRECTORY)
    app = app_for(visit_db, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        offered: list = []

        async def choose(form) -> None:
            select = form.query_one("#unit_choice", Select)
            offered.extend(value for _, value in select._options)
            assert not form.query_one("#unit").parent.display  # the typed name only for "other"
            select.value = "萧山区瓜沥镇人民政府"

        await record_problem(pilot, choose)
    names = [v for v in offered if not v.startswith("\x00")]
    assert names == ["萧山区瓜沥镇人民政府", "杭州萧山城市建设投资集团有限公司"]  # the retired one is not offered
    assert rows(visit_db, "SELECT json_extract(data, '$.responsible_unit') FROM problems WHERE origin = ?",
                "local") == [("萧山区瓜沥镇人民政府",)]


async def test_a_unit_the_directory_lacks_is_typed(visit_db, app_for):
    from inspector.tui.dialogs.problem_form import OTHER_UNIT

    carry(visit_db, DIRECTORY)
    app = app_for(visit_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        async def choose(form) -> None:
            form.query_one("#unit_choice", Select).value = OTHER_UNIT
            await pilot.pause()
            typed = form.query_one("#unit")
            assert typed.parent.display and app.focused is typed
            for ch in "Guali street office":
                await pilot.press(ch if ch != " " else "space")

        await record_problem(pilot, choose)
    assert rows(visit_db, "SELECT json_extract(data, '$.responsible_unit') FROM problems WHERE origin = ?",
                "local") == [("Guali street office",)]


async def test_without_a_directory_the_unit_is_typed_as_before(visit_db, app_for):
    app = app_for(visit_db, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        async def choose(form) -> None:
            assert not form.query("#unit_choice")
            form.query_one("#unit").value = "瓜沥镇人民政府"

        await record_problem(pilot, choose)
    assert rows(visit_db, "SELECT json_extract(data, '$.responsible_unit') FROM problems WHERE origin = ?",
                "local") == [("瓜沥镇人民政府",)]
