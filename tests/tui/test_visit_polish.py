"""Issue 10 (first-time user on the laptop TUI): the visit screen after a
restart, English prompts everywhere, the header at 80 columns, evidence
ticks, the export dialog's box and stale refusals in forms."""

from __future__ import annotations

from datetime import date

import pytest
from support import settle, wait_for, widget_text

from inspector.tui.screens.visit import VisitScreen
from inspector.tui.widgets.item_list import ItemList

PROJECT = "HZ-XS-006"  # 瓜沥七彩


@pytest.fixture
def visit_db(fixture_db):
    from inspector.inspection import record
    from inspector.store import open_db

    db = open_db(fixture_db)
    visit = record.start_visit(db, PROJECT, date(2026, 11, 27), ["张伟"], "上午")
    record.save_position(db, visit.id, "checklist", None)  # as the visit screen does on open
    db.close()
    return fixture_db


def footer_keys(screen) -> list[str]:
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    return [key.key_display or key.key for key in screen.query_one(Footer).query(FooterKey)]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_footer_of_a_resumed_visit_names_its_answer_keys(visit_db, app_for, size, monkeypatch):
    # A real terminal at start-up: the checklist is focused well before the
    # visit is read (slow disk, first start); the keys it enables must then show.
    import time

    from inspector.inspection import snapshot

    real = snapshot.load_visit

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(snapshot, "load_visit", slow)
    app = app_for(visit_db)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen) and app.screen.current is not None, 1000)
        await settle(pilot)
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(app.focused, ItemList), app.focused
        assert {"p", "f", "n", "F"} <= set(footer_keys(screen)), footer_keys(screen)
        first = screen.current
        await pilot.press("p")  # answers, and moves on
        await wait_for(pilot, lambda: screen.snapshot.answers.get(first.key) is not None, 500)


async def resumed_visit(pilot) -> VisitScreen:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen) and app.screen.current is not None, 1000)
    await settle(pilot)
    return app.screen


async def test_english_forms_and_photo_screen_show_the_english_prompt(visit_db, app_for):
    from inspector.tui.dialogs.problem_form import ProblemForm
    from inspector.tui.screens.photos import PhotoScreen

    app = app_for(visit_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await resumed_visit(pilot)
        item = screen.current.item
        assert item.prompt_en and item.answer.type == "pass_fail"
        await pilot.press("f")  # a failed problem item opens its problem form
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemForm))
        title = widget_text(app.screen.query_one("#dialog-title"))
        assert item.prompt_en[:20] in title and item.prompt[:6] not in title, title
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PhotoScreen))
        await pilot.pause(0.2)
        title = widget_text(app.screen.query_one("#photo-title")).strip()
        assert title.startswith("Photos (0): " + item.prompt_en[:20]), title
        assert item.prompt[:6] not in title


async def test_the_photo_screen_title_reads_naturally_in_chinese(visit_db, app_for):
    from inspector.tui.screens.photos import PhotoScreen

    app = app_for(visit_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await resumed_visit(pilot)
        item = screen.current.item
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PhotoScreen))
        await pilot.pause(0.2)
        title = widget_text(app.screen.query_one("#photo-title")).strip()
        assert title.startswith("照片（0 张）：" + item.prompt[:10]), title


def header_line(header) -> str:
    """The header as drawn, padding included (widget_text stops at the content's width)."""
    from textual.geometry import Region

    return header.render_lines(Region(0, 0, header.region.width, 1))[0].text


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_checklist_header_keeps_the_recheck_count_at_80_columns(visit_db, app_for, lang):
    from rich.cells import cell_len

    app = app_for(visit_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await resumed_visit(pilot)
        header = screen.query_one("#visit-header")
        line = header_line(header).strip()
        recheck = "re-check 0/1" if lang == "en" else "复查 0/1"
        assert recheck in line, line
        assert "follow-up" not in line
        assert cell_len(line) <= header.content_size.width
        # the name, the progress and the problems are all there, in words that fit
        assert line.startswith("瓜沥七彩未来社区")
        assert ("answered 0/" if lang == "en" else "已答 0/") in line, line


async def test_a_header_too_long_for_its_line_ends_with_an_ellipsis(visit_db, app_for):
    app = app_for(visit_db, lang="en")
    async with app.run_test(size=(44, 24)) as pilot:
        screen = await resumed_visit(pilot)
        line = header_line(screen.query_one("#visit-header")).rstrip()
        assert line.endswith("⋯"), line  # narrow, not the ambiguous "…"


def all_ticks_shown(ticks) -> list[str]:
    """The evidence boxes not drawn whole inside their group: none, when all fit."""
    from inspector.tui.widgets.evidence import TickBox

    group = ticks.content_region
    cut = []
    for box in ticks.query(TickBox):
        needed = box.get_content_width(group.size, group.size)  # ▐X▌, the name, its spaces
        region = box.region
        if region.width < needed or region.right > group.right or region.x < group.x:
            cut.append(str(box.label))
    return cut


@pytest.mark.parametrize("lang,size", [("zh", (80, 24)), ("en", (80, 24)), ("en", (100, 30)), ("zh", (100, 30))])
async def test_all_four_evidence_ticks_show_on_the_item_panel(visit_db, app_for, lang, size):
    from inspector.tui.widgets.evidence import EvidenceTicks

    app = app_for(visit_db, lang=lang)
    async with app.run_test(size=size) as pilot:
        screen = await resumed_visit(pilot)
        await pilot.pause()
        ticks = screen.query_one("#evidence", EvidenceTicks)
        assert len(ticks.children) == 4
        assert all_ticks_shown(ticks) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_all_four_evidence_ticks_show_on_the_verdict_form(fixture_db, app_for, lang):
    from test_visit import start_visit

    from inspector.tui.dialogs.verdict_form import VerdictForm
    from inspector.tui.screens.visit_lists import FollowUpScreen
    from inspector.tui.widgets.evidence import EvidenceTicks

    app = app_for(fixture_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_visit(pilot)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, VerdictForm))
        await pilot.pause()
        assert all_ticks_shown(app.screen.query_one("#evidence", EvidenceTicks)) == []


async def test_a_new_submit_clears_the_old_refusal_in_the_problem_form(visit_db, app_for):
    from textual.widgets import Input, TextArea

    from inspector.tui.dialogs.problem_form import ProblemForm

    app = app_for(visit_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await resumed_visit(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemForm))
        form = app.screen
        await pilot.press("ctrl+s")  # no description
        await pilot.pause()
        assert "请填写问题描述" in widget_text(form.query_one("#dialog-error"))
        form.query_one("#description", TextArea).text = "大门紧锁"
        form.query_one("#deadline", Input).value = "2026-11-01"  # before the visit (2026-11-27)
        await pilot.pause()  # as typed: the field's Changed is handled before ^s
        await pilot.press("ctrl+s")

        def shown() -> str:
            return " ".join(widget_text(label) for label in form.query("Label") if label.display)

        await wait_for(pilot, lambda: "整改期限早于督导日期" in shown())
        shown = shown()
        assert "请填写问题描述" not in shown, shown
        form.query_one("#deadline", Input).value = "2027-01-05"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ProblemForm))


async def test_an_innovation_is_pre_ticked_replicable_only_when_the_option_says_so(visit_db, app_for):
    from inspector.tui.dialogs.innovation_form import InnovationForm
    from inspector.tui.widgets.evidence import EvidenceTicks

    app = app_for(visit_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await resumed_visit(pilot)
        entry = next(e for e in screen.snapshot.entries if e.applies and e.template.kind == "innovation"
                     and e.item.answer.type == "single_choice")
        screen.go_to(entry)
        await pilot.pause()
        seen = []
        for number in (2, 3, 2):  # 有探索, 形成可复制推广经验, 有探索 again
            option = entry.item.answer.options[number - 1]
            await pilot.press(str(number))
            await wait_for(pilot, lambda: isinstance(app.screen, InnovationForm))
            form = app.screen
            seen.append((option.value, form.query_one("#replicable").value,
                         form.query_one("#evidence", EvidenceTicks).selected))
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is screen)
            app.flush()
            await pilot.pause()
        assert [(value, ticked) for value, ticked, _ in seen] == [
            ("exploring", False), ("replicable", True), ("exploring", False)]
        assert seen[0][2] == seen[1][2] == seen[2][2]  # the evidence the same each time


@pytest.mark.parametrize("form", ["start", "header"])
async def test_a_visit_date_after_today_is_refused_at_the_field(request, app_for, form):
    from textual.widgets import Input

    from inspector.tui.dialogs.start_visit import StartVisitDialog
    from inspector.tui.screens.project_detail import ProjectDetailScreen

    app = app_for(request.getfixturevalue("visit_db" if form == "header" else "fixture_db"))
    async with app.run_test(size=(80, 24)) as pilot:
        if form == "header":
            screen = await resumed_visit(pilot)
            await pilot.press("d")
        else:
            await settle(pilot)
            await pilot.press(*"gl", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ProjectDetailScreen) and app.screen.loaded)
            await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, StartVisitDialog))
        dialog = app.screen
        dialog.query_one("#date", Input).value = "2031-05-01"
        await pilot.pause()
        dialog.action_submit()
        await pilot.pause()
        assert app.screen is dialog
        error = dialog.query_one("#date-error")
        assert "2031-05-01" in widget_text(error) and "晚于今天" in widget_text(error)
