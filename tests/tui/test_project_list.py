from __future__ import annotations

import json

import pytest

import factories
from inspector.models import Assignment
from inspector.tui.screens.project_detail import ProjectDetailScreen
from inspector.tui.screens.project_list import ProjectListScreen
from inspector.tui.widgets.project_table import ProjectTable

from support import make_db, settle, widget_text


def shown(app) -> list[str]:
    return [row.name for row in app.screen.query_one(ProjectTable).rows]


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


async def test_filter_by_name_city_district_and_pinyin(fixture_db, app_for):
    app = app_for(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        total = len(shown(app))
        assert total >= 40
        await pilot.press("g", "l")
        assert shown(app) == ["瓜沥七彩未来社区"]
        assert status(app).startswith(f"1 / {total}")
        await pilot.press("escape")
        assert len(shown(app)) == total
        for ch in "宁波":
            await pilot.press(ch)
        assert shown(app) and all(row.city == "ningbo" for row in app.screen.query_one(ProjectTable).rows)
        await pilot.press("escape", *"qz")  # 衢州 by initials, across city names
        assert {row.city for row in app.screen.query_one(ProjectTable).rows} >= {"quzhou"}


async def test_letters_go_to_the_filter_not_to_shortcuts(small_db, app_for):
    app = app_for(small_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s", "q")
        assert app.screen.query_one("#filter").value == "sq"
        assert app.is_running


async def test_sorting_by_key_and_reverse(small_db, app_for):
    app = app_for(small_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert shown(app) == ["瓜沥七彩未来社区", "划船未来社区"]  # by pinyin initials: g < h
        await pilot.press("ctrl+r")
        assert shown(app) == ["划船未来社区", "瓜沥七彩未来社区"]
        header = str(app.screen.query_one("TableHeader").render())
        assert "项目v" in header and "▼" not in header  # one cell wherever it is drawn
        for _ in range(6):  # name -> place -> type -> setting -> batch -> visit -> problems
            await pilot.press("ctrl+s")
        assert shown(app) == ["瓜沥七彩未来社区", "划船未来社区"]  # one problem to re-check first
        assert "排序：待复查" in status(app)


async def test_open_detail_and_back(small_db, app_for):
    app = app_for(small_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"gl", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectDetailScreen)
        text = "\n".join(widget_text(w) for w in app.screen.query("Static"))
        assert "瓜沥镇人民政府" in text
        assert "邻里中心已建成但大门紧锁" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ProjectListScreen)


async def test_keyboard_cursor_and_mouse(small_db, app_for):
    app = app_for(small_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ProjectTable)
        await pilot.press("down")
        assert table.cursor == 1
        await pilot.press("up", "up")
        assert table.cursor == 0
        await pilot.click(ProjectTable, offset=(5, 1))
        assert table.cursor == 1
        await pilot.click(ProjectTable, offset=(5, 1))
        await settle(pilot)
        assert isinstance(app.screen, ProjectDetailScreen)


async def test_english_switch(small_db, app_for):
    app = app_for(small_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        header = str(app.screen.query_one("TableHeader").render())
        assert "Project" in header and "City/district" in header
        assert status(app).startswith("2 / 2 projects")


async def test_empty_database_says_what_to_do(tmp_path, app_for):
    app = app_for(make_db(tmp_path / "empty.db"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(ProjectTable).render_line(1).text
        assert "inspector load" in line


async def test_ten_thousand_projects_never_mount_ten_thousand_rows(tmp_path, app_for):
    data = factories.assignment(
        projects=[factories.project(f"P{i:05d}", f"测试{i}号未来社区") for i in range(10_000)],
        open_problems=[],
    )
    app = app_for(make_db(tmp_path / "big.db", Assignment.model_validate(data)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ProjectTable)
        assert len(table.rows) == 10_000
        assert len(list(app.screen.walk_children())) < 40
        await pilot.press("pagedown", "pagedown")
        assert table.cursor > 20 and table.scroll_offset.y > 0
        await pilot.press(*"9999")
        assert [r.code for r in table.rows] == ["P09999"]


async def test_a_broken_database_is_reported_on_screen(tmp_path, app_for):
    db = tmp_path / "broken.db"
    db.write_bytes(b"not a database" * 1000)
    app = app_for(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.is_running
        line = app.screen.query_one(ProjectTable).render_line(1).text
        assert "无法读取数据库" in line and "broken.db" in line


async def test_english_detail(small_db, app_for):
    app = app_for(small_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"gl", "enter")
        await settle(pilot)
        text = "\n".join(widget_text(w) for w in app.screen.query("Static"))
        assert "Declared scenarios" in text and "Neighbourhood (standard)" in text
        assert "Problems to re-check (1)" in text


async def test_keys_move_once_with_the_table_focused(fixture_db, app_for):
    app = app_for(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ProjectTable)
        await pilot.press("tab")
        assert app.focused is table
        await pilot.press("down")
        assert table.cursor == 1
        await pilot.press("pagedown")
        assert table.cursor == 1 + table.scrollable_content_region.height - 1
        await pilot.press("s")  # single keys work on the table ...
        assert "排序：城市/区县" in status(app)
        await pilot.press("g", "l")  # ... and typing goes to the filter
        assert app.focused is app.screen.query_one("#filter")
        assert shown(app) == ["瓜沥七彩未来社区"]


async def test_column_titles_sit_over_their_columns(fixture_db, app_for):
    from rich.cells import cell_len

    app = app_for(fixture_db)
    for size in ((100, 30), (97, 30), (80, 24)):
        async with app_for(fixture_db).run_test(size=size) as pilot:
            await settle(pilot)
            screen = pilot.app.screen
            table = screen.query_one(ProjectTable)
            assert table.scrollable_content_region.width < table.size.width  # a scrollbar is showing
            header = widget_text(screen.query_one("TableHeader"))
            row = table.render_line(0).text
            title = screen.query_one("TableHeader").columns[1].title
            place = pilot.app.screen.cells(table.rows[0])[1]
            # header and table have the same one-cell padding; render_line gives the table's content only
            assert cell_len(header[: header.index(title)]) == 1 + cell_len(row[: row.index(place)])


async def test_sorting_follows_pinyin_and_batch_order(fixture_db, app_for):
    app = app_for(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        names = shown(app)
        assert names.index("采荷荷花塘未来社区") < names.index("城东未来社区")  # cai < cheng
        for _ in range(4):
            await pilot.press("ctrl+s")
        assert "排序：批次" in status(app)
        batches = [r.batch for r in app.screen.query_one(ProjectTable).rows]
        assert batches.index("试点第一批") < batches.index("第三批创建") < batches.index("第四批创建")


async def test_context_line_names_round_and_inspector(fixture_db, app_for):
    app = app_for(fixture_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "督导员 张伟" in widget_text(app.screen.query_one("#context"))


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_context_line_fits_80_columns_with_two_assignments(tmp_path, app_for, lang):
    """Two assignments on one laptop (possible before a laptop belonged to one
    inspector): the top line says both, whole words, in 78 cells."""
    from rich.cells import cell_len

    from inspector.assignment import read_assignment
    from inspector.store import open_db
    from inspector.store.assignments import save_assignment

    from conftest import FIXTURES

    zhangwei = read_assignment(FIXTURES / "assignment.json")
    lina = read_assignment(FIXTURES / "assignment-lina.json")
    third_round = {"id": "R2026-3", "name": "2026年第三轮未来社区督导（复查）"}
    zhangwei_again = zhangwei.model_copy(update={"id": "R2026-3-zhangwei",
                                                 "round": zhangwei.round.model_copy(update=third_round)})
    for name, assignments in (("same-round", [zhangwei, lina]),
                              ("two-rounds", [zhangwei, lina.model_copy(update={"round": lina.round.model_copy(
                                  update=third_round)})]),
                              # today's laptop: one inspector, this round and the last
                              ("one-inspector", [zhangwei, zhangwei_again])):
        db_path = tmp_path / f"{name}-{lang}.db"
        db = open_db(db_path)
        for assignment in assignments:
            save_assignment(db, assignment)
        db.close()
        app = app_for(db_path, lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            line = widget_text(app.screen.query_one("#context")).strip()
            assert cell_len(line) <= 78 and "⋯" not in line and "…" not in line, line
            assert "张伟" in line and ("李娜" in line) == (name != "one-inspector"), line
            if name != "same-round":
                assert line.startswith("2 轮督导" if lang == "zh" else "2 rounds"), line
