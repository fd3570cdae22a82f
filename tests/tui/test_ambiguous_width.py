"""Where columns must line up, no character of East Asian Width "ambiguous":
Rich counts one as one cell, a terminal in a Chinese locale (conhost, CJK
fonts) draws it two wide, and every column after it shifts. Checked on the
screens with tables, drawn from the office demo: the dashboard and the ledger."""

from __future__ import annotations

import unicodedata

import pytest
from reportdata import TODAY, demo_office  # noqa: F401 - demo_office is a fixture
from support import settle, wait_for

from inspector.tui.screens.office_ledger import OfficeLedgerScreen


def ambiguous(text: str) -> set[str]:
    # Box drawing and block elements are Textual's own borders and scrollbars,
    # drawn by every terminal as the font allows; not ours to change.
    return {ch for ch in text if unicodedata.east_asian_width(ch) == "A" and not 0x2500 <= ord(ch) <= 0x259F}


def table_lines(screen) -> list[str]:
    from textual.widgets import DataTable

    from inspector.tui.widgets.project_table import ProjectTable, TableHeader

    lines = []
    for widget in screen.query("*"):
        if isinstance(widget, (DataTable, ProjectTable, TableHeader)):
            region = widget.size.region
            lines += [strip.text for strip in widget.render_lines(region)]
    return lines


def office_app(office, lang):
    from inspector.settings import Settings
    from inspector.tui.factory import make_app

    return make_app(Settings(db_path=office.folder / "laptop.db", lang=lang, data_dir=office.folder / "data"),
                    start="office", office_db=office.db_path, office_user=office.user, today=TODAY)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_tables_hold_no_ambiguous_width_character(demo_office, lang):  # noqa: F811
    app = office_app(demo_office, lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        dashboard = table_lines(app.screen)
        assert any(line.strip() for line in dashboard)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeLedgerScreen) and app.screen.loaded)
        await settle(pilot)
        ledger = table_lines(app.screen)
        assert len([line for line in ledger if line.strip()]) > 2
        found = {ch: line for line in dashboard + ledger for ch in ambiguous(line)}
        assert not found, found
