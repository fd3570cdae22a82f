"""Wrapped Chinese on real screens obeys kinsoku: the visit's item panel
(every applicable item of the fixture assignment) and the project detail's
problems to re-check, at 80×24 and 100×30."""

from __future__ import annotations

import pytest
import textual
from rich.cells import cell_len
from support import settle, wait_for
from test_visit import start_visit

from inspector.tui.widgets.item_panel import ItemPanel

CLOSING = set("，。、；：？！）」』】》〉…")
OPENING = set("（「『【《〈“‘")


def shown_lines(widget) -> list[str]:
    """The lines a widget draws, as text, its padding taken off."""
    region = widget.size.region
    return [strip.text.strip() for strip in widget.render_lines(region)]


def kinsoku_faults(lines: list[str]) -> list[str]:
    faults = []
    for before, after in zip(lines, lines[1:]):
        if before and after and (after[0] in CLOSING or before[-1] in OPENING):
            faults.append(f"{before!r} / {after!r}")
    return faults


def test_the_patch_is_for_this_textual():
    # inspector/tui/kinsoku.py replaces names Textual imports in content.py,
    # rich.text and document/_wrapped_document.py. A new Textual may move or
    # rename them: re-read those call sites, then move WRITTEN_FOR.
    from inspector.tui.kinsoku import WRITTEN_FOR

    assert textual.__version__ == WRITTEN_FOR, "Textual changed: re-check inspector/tui/kinsoku.py"


def test_every_wrapping_route_is_replaced(app_for, fixture_db):
    import rich.text
    import textual.content
    import textual.document._wrapped_document as wrapped_document

    app_for(fixture_db)  # the app installs the breaker
    for function in (textual.content.divide_line, rich.text.divide_line, wrapped_document.compute_wrap_offsets):
        assert getattr(function, "kinsoku", False), function


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_item_panel_wraps_by_kinsoku(fixture_db, app_for, size):
    app = app_for(fixture_db)
    async with app.run_test(size=size) as pilot:
        screen = await start_visit(pilot)
        panel = screen.query_one(ItemPanel)
        faults, wrapped = [], 0
        for entry in [e for e in screen.snapshot.entries if e.applies]:
            screen.go_to(entry)
            await pilot.pause()
            for part in ("#item-head", "#item-prompt", "#item-guidance", "#item-findings"):
                widget = panel.query_one(part)
                lines = [line for line in shown_lines(widget) if line]
                wrapped += len(lines) > 1
                assert all(cell_len(line) <= widget.size.width for line in lines)
                faults += [f"{entry.item.id} {part}: {fault}" for fault in kinsoku_faults(lines)]
        assert wrapped > 50  # the panel is narrow enough that most guidance wraps
        assert not faults, "\n".join(faults)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_project_detail_wraps_by_kinsoku(fixture_db, app_for, size):
    from textual.widgets import Static

    app = app_for(fixture_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(*"gl", "enter")
        await wait_for(pilot, lambda: app.screen.query(Static))
        await settle(pilot)
        faults, wrapped = [], 0
        for widget in app.screen.query(Static):
            lines = [line for line in shown_lines(widget) if line]
            wrapped += any("，" in line for line in lines) and len(lines) > 1
            faults += kinsoku_faults(lines)
        assert wrapped  # the problem to re-check is long enough to wrap
        assert not faults, "\n".join(faults)
