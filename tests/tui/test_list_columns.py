"""The visit's lists at 80x24: every column title whole, and a value too long
for its column cut with "…" inside its cells (CJK counts two)."""

from __future__ import annotations

from datetime import date

import pytest
from laptop import LIN_01, laptop
from rich.cells import cell_len
from support import settle, wait_for, widget_text
from textual.widgets import DataTable

from inspector.inspection import record
from inspector.tui.screens.visit import VisitScreen
from inspector.tui.screens.visit_lists import FollowUpScreen, InnovationListScreen, ProblemListScreen


def a_visit(root):
    made = laptop(root)
    db = made.db()
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    record.save_problem(db, visit.id, item=LIN_01, scenario="neighbourhood", category="responsibility",
                        description="邻里活动室长期闲置，大门紧锁，居民反映从未开放过", severity="severe",
                        responsible_unit="萧山区瓜沥镇人民政府社会事务办公室", deadline=date(2026, 12, 27))
    record.save_innovation(db, visit.id, category="compound_space", scenario="neighbourhood",
                           title="公交场站上盖建邻里中心，居民步行五分钟可达", description="",
                           replicable=True, evidence=[])
    db.close()
    return made, visit.id


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_titles_whole_and_cut_values_marked(tmp_path, app_for, lang):
    made, visit_id = a_visit(tmp_path / "laptop")
    app = app_for(made.db_path, lang)
    app.resume_checked = True
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_visit(visit_id)
        await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen) and app.screen.loaded)
        visit = app.screen
        for key, kind in (("l", ProblemListScreen), ("c", InnovationListScreen), ("g", FollowUpScreen)):
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, kind))
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            titles = [str(c.label) for c in table.columns.values()]
            assert not any(mark in title for title in titles for mark in "…⋯"), titles  # short labels, not cut ones
            for column, title in zip(table.columns.values(), titles):
                assert cell_len(title) <= column.width
            lines = [line.rstrip() for line in widget_text(table).splitlines() if line.strip()]
            assert cell_len(lines[0]) <= 80
            for row in range(table.row_count):
                for column, cell in zip(table.columns.values(), table.get_row_at(row)):
                    assert cell.cell_len <= column.width, cell.plain
            if kind is ProblemListScreen:  # 主体责任未落实 does not fit at 80: cut, and said to be
                category = table.get_row_at(0)[1].plain
                assert category == {"zh": "主体责任未⋯", "en": "Responsibil⋯"}[lang]
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is visit)
