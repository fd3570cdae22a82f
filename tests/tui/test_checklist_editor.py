"""The checklist editor driven through the keyboard: add an item, reorder,
change options, publish; then the office database holds a new version and
the old one as it was."""

from __future__ import annotations

import copy
import json
import sqlite3

import pytest
from support import settle, wait_for

from inspector.checklists import versions
from inspector.models import ChecklistTemplate
from inspector.office.db import open_office_db
from inspector.settings import Settings
from inspector.tui.dialogs.checklist_problems import ChecklistProblemsDialog
from inspector.tui.dialogs.publish import PublishDialog
from inspector.tui.dialogs.text_prompt import ConfirmDialog
from inspector.tui.factory import make_app
from inspector.tui.screens.checklist_diff import ChecklistDiffScreen
from inspector.tui.screens.checklist_editor import ChecklistEditorScreen, Outline
from inspector.tui.screens.checklist_list import ChecklistListScreen, TemplateList
from inspector.tui.widgets.checklist_forms import OptionRow

from conftest import FIXTURES

PROBLEM = FIXTURES / "templates" / "problem-checklist.v1.json"


@pytest.fixture
def office_db(tmp_path):
    path = tmp_path / "office.db"
    db = open_office_db(path)
    versions.import_draft(db, ChecklistTemplate.model_validate_json(PROBLEM.read_text(encoding="utf-8")), by="ceshi")
    versions.publish(db, "zj-problem", "首版", by="ceshi")
    db.close()
    return path


def editor_app(office_db, lang="zh"):
    return make_app(Settings(db_path=office_db.parent / "laptop.db", lang=lang, data_dir=office_db.parent),
                    start="checklists", office_db=office_db,
                    office_user="ceshi")


def rows(db, sql, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


async def open_editor(pilot) -> ChecklistEditorScreen:
    app = pilot.app
    await settle(pilot)
    assert isinstance(app.screen, ChecklistListScreen)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ChecklistEditorScreen) and app.screen.loaded)
    return app.screen


async def test_add_reorder_change_options_publish(office_db):
    app = editor_app(office_db)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        assert editor.target == ("i", 0, 0) and editor.problems == []

        # add an item after the first: blank, so the draft is invalid at once and says where
        await pilot.press("a")
        await pilot.pause()
        assert editor.target == ("i", 0, 1)
        assert [(p.where, p.field) for p in editor.problems] == [("item-1", "prompt")]
        assert "✗" in str(editor.query_one("#form-problems").render())
        await type_text(pilot, "社区食堂是否对老人开放")
        await pilot.pause()
        assert editor.problems == []
        await pilot.press("escape")  # back to the outline
        assert isinstance(app.focused, Outline)

        # reorder: the new item goes below party.mechanism
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert editor.target == ("i", 0, 2)
        assert [i["id"] for i in editor.sections[0]["items"][:3]] == ["party.center", "party.mechanism", "item-1"]

        # change the options of party.mechanism: a score, and a new option
        await pilot.press("up")
        await wait_for(pilot, lambda: editor.target == ("i", 0, 1) and len(editor.query(OptionRow)) == 3)
        options = list(editor.query(OptionRow))
        options[0].query_one(".opt-score").focus()
        await type_text(pilot, "3")
        await pilot.press("ctrl+n")  # a new option after the first
        await wait_for(pilot, lambda: len(editor.query(OptionRow)) == 4)
        await type_text(pilot, "部分运行")
        await pilot.pause()
        item = editor.sections[0]["items"][1]
        assert [(o["value"], o["label"], o["score"]) for o in item["answer"]["options"]] == [
            ("effective", "已建立且运行有效", 3.0), ("4", "部分运行", None), ("formal", "已建立但运行形式化", None),
            ("none", "未建立", None)]

        # a broken option (no label) refuses publishing and lists where
        await pilot.press("ctrl+r")  # remove the new option again…
        await wait_for(pilot, lambda: len(editor.query(OptionRow)) == 3)
        list(editor.query(OptionRow))[2].query_one(".opt-label").focus()
        await pilot.press("ctrl+a", "ctrl+k")  # …and clear the last one's name
        await pilot.pause()
        assert [(p.where, p.field) for p in editor.problems] == [("party.mechanism", "answer.options.2.label")]
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistProblemsDialog))
        await pilot.press("enter")  # goes to the item, and to the field
        await wait_for(pilot, lambda: app.screen is editor)
        assert editor.target == ("i", 0, 1)
        await wait_for(pilot, lambda: app.focused is list(editor.query(OptionRow))[2].query_one(".opt-label"))
        await type_text(pilot, "未建立")
        await pilot.pause()
        assert editor.problems == []

        # publish
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, PublishDialog))
        assert app.screen.lines == [  # fields and sections by name, not by key
            "zj-problem：v1 → v2（新增 1 项，删除 0 项，修改 1 项）", "+ 新增 item-1（党建统领）：社区食堂是否对老人开放",
            "~ 修改 party.mechanism（党建统领）", "    选项 effective · 分值：— → 3"]
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "新增食堂检查项")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistListScreen))
        assert editor.published.template.version == 2
        app.flush()

    stored = dict(rows(office_db, "SELECT version, data FROM templates WHERE id = 'zj-problem'"))
    assert sorted(stored) == [1, 2]
    assert ChecklistTemplate.model_validate_json(stored[1]) == ChecklistTemplate.model_validate_json(
        PROBLEM.read_text(encoding="utf-8"))
    v2 = ChecklistTemplate.model_validate_json(stored[2])
    party = v2.sections[0].items
    assert [i.id for i in party[:3]] == ["party.center", "party.mechanism", "item-1"]
    assert party[2].prompt == "社区食堂是否对老人开放" and party[2].answer.type == "pass_fail"
    assert [(o.value, o.score) for o in party[1].answer.options] == [("effective", 3.0), ("formal", None),
                                                                    ("none", None)]
    assert rows(office_db, "SELECT version, based_on, summary FROM template_versions WHERE version = 2") == [
        (2, 1, "新增食堂检查项")]
    assert rows(office_db, "SELECT count(*) FROM checklist_drafts") == [(0,)]
    # the member of staff the editor acts as published it, and the log says so
    assert rows(office_db, "SELECT user_id, action, subject, reason FROM audit_log ORDER BY seq DESC LIMIT 1") == [
        ("ceshi", "checklist.publish", "zj-problem:2", "新增食堂检查项")]


async def test_every_change_is_saved_as_it_is_made(office_db):
    app = editor_app(office_db)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("enter")  # into the form, on the prompt
        await pilot.press("ctrl+shift+k")  # the prompt's one line deleted
        await pilot.pause()
        app.flush()
        draft = json.loads(rows(office_db, "SELECT data FROM checklist_drafts")[0][0])
        assert draft["sections"][0]["items"][0]["prompt"] == ""  # invalid, and kept
        assert editor.problems and "✗" in str(editor.query_one("#editor-header").render())
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistListScreen) and app.screen.loaded)
        # the list shows the draft; reopening it returns to what was typed
        assert app.screen.current.has_draft
        editor = await open_editor(pilot)
        assert editor.draft["sections"][0]["items"][0]["prompt"] == ""


async def test_an_edit_never_wipes_a_draft_written_elsewhere(office_db):
    """`checklists import --replace` while the editor is open: the editor's next
    keystroke is refused and said (once), the import stays, publishing is
    refused until the editor is left and the draft opened again."""
    app = editor_app(office_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        app.flush()
        db = open_office_db(office_db)
        imported = ChecklistTemplate.model_validate_json(PROBLEM.read_text(encoding="utf-8"))
        versions.import_draft(db, imported.model_copy(update={"title": "Imported meanwhile"}), replace=True, by="ceshi")
        db.close()

        await pilot.press("enter")  # into the form, on the prompt
        await type_text(pilot, "xy")
        await wait_for(pilot, lambda: editor.changed_elsewhere)
        app.flush()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages == ["The draft of zj-problem was changed elsewhere (imported, or edited in another window) "
                            "since it was opened here; this change was not saved. Leave the editor and open the "
                            "draft again."]
        assert "changed elsewhere: not saved" in str(editor.query_one("#editor-header").render())
        stored = json.loads(rows(office_db, "SELECT data FROM checklist_drafts")[0][0])
        assert stored["title"] == "Imported meanwhile"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen is editor  # no publish dialog
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistListScreen) and app.screen.loaded)
        editor = await open_editor(pilot)
        assert editor.draft["title"] == "Imported meanwhile" and not editor.changed_elsewhere


async def test_sections_duplicate_remove_and_compare(office_db):
    app = editor_app(office_db, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("up")  # the section 党建统领
        await wait_for(pilot, lambda: editor.target == ("s", 0))
        await pilot.press("c")  # duplicate the section with its items
        await pilot.pause()
        assert editor.target == ("s", 1)
        assert editor.sections[1]["id"] == "party-copy"
        assert [i["id"] for i in editor.sections[1]["items"]][:2] == ["party.center-copy", "party.mechanism-copy"]
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("shift+tab", "enter")  # from Cancel to Remove
        await wait_for(pilot, lambda: app.screen is editor and editor.sections[1]["id"] == "neighbourhood")
        await pilot.press("down", "c")  # duplicate the first item of 未来邻里场景
        await pilot.pause()
        assert editor.sections[1]["items"][1]["id"] == "nb.center_open-copy"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistListScreen) and app.screen.loaded)
        await pilot.press("d")  # compare: v1 with the draft
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistDiffScreen) and app.screen.loaded)
        assert app.screen.lines[0] == "zj-problem: v1 → draft (1 added, 0 removed, 0 changed items)"
        # an English reader gets the item's English question where the template has one
        assert app.screen.lines[1].startswith("+ added nb.center_open-copy (Neighbourhood scenario): Is the "
                                              "neighbourhood centre built")


async def test_a_new_checklist_from_the_list(office_db):
    from inspector.tui.dialogs.new_checklist import NewChecklistDialog

    app = editor_app(office_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NewChecklistDialog))
        await type_text(pilot, "zj rural")  # a space is not allowed in an id
        await pilot.press("tab", "tab")
        await type_text(pilot, "乡村未来社区专项检查")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewChecklistDialog)  # refused, and says why
        app.screen.query_one("#template-id").value = "zj-rural"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistEditorScreen) and app.screen.loaded)
        editor = app.screen
        assert [(p.where, p.field) for p in editor.problems] == [("item-1", "prompt")]
        await pilot.press("enter")
        await type_text(pilot, "是否保留乡土风貌")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, PublishDialog))
        assert app.screen.version == 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistListScreen) and app.screen.loaded)
        assert [s.id for s in app.screen.templates] == ["zj-problem", "zj-rural"]
        app.flush()
    assert rows(office_db, "SELECT version, summary FROM template_versions WHERE template_id = 'zj-rural'") == [
        (1, "第一版：1 项")]


def draft_data(office_db) -> dict:
    return json.loads(rows(office_db, "SELECT data FROM checklist_drafts WHERE template_id = 'zj-problem'")[0][0])


def press_at_once(app, *keys: str) -> None:
    """Keys as a fast typist sends them: all queued before any is handled
    (pilot.press waits for each key to be handled, which hides races)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


@pytest.mark.parametrize("keys, typed", [(("X", "Y", "Z"), "XYZ"), (("X", "Y", "backspace"), "X")],
                         ids=["letters", "backspace"])
async def test_typing_then_quitting_at_once_keeps_the_last_keys(office_db, keys, typed):
    app = editor_app(office_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor(pilot)
        await pilot.press("enter", "ctrl+end")  # into the form, at the end of the prompt
        press_at_once(app, *keys, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
    assert draft_data(office_db)["sections"][0]["items"][0]["prompt"] == "社区党群服务中心是否已建成并正常开放，开放时间是否公示" + typed

    app = editor_app(office_db)  # and the editor, opened again, shows it
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        assert editor.query_one("#item-prompt").text.endswith(typed)


async def test_publishing_at_once_after_typing_checks_what_was_typed(office_db):
    app = editor_app(office_db)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("enter")
        press_at_once(app, "ctrl+shift+k", "ctrl+p")  # empty the prompt, and publish at once: refused
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistProblemsDialog))
        assert [(p.where, p.field) for p in editor.problems] == [("party.center", "prompt")]
        await pilot.press("escape")
        press_at_once(app, "X", "escape")
        await pilot.press("escape")  # and leaving at once keeps what was typed
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistListScreen))
        app.flush()
        assert draft_data(office_db)["sections"][0]["items"][0]["prompt"] == "X"


async def test_a_field_shows_its_start_when_another_part_is_shown(office_db):
    app = editor_app(office_db)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("up")
        await wait_for(pilot, lambda: editor.target == ("s", 0))
        await pilot.press("enter")  # the section's title
        title = editor.query_one("#section-title")
        assert app.focused is title
        await pilot.press("end")
        await type_text(pilot, "并且把这一部分的标题写得比输入框宽得多以便它向右滚动")
        assert title.scroll_offset.x > 0  # edited at its end: scrolled
        await pilot.press("escape", *["down"] * 6)
        await wait_for(pilot, lambda: editor.target == ("s", 1))
        assert title.value == "未来邻里场景"
        assert (title.cursor_position, title.scroll_offset.x) == (0, 0)


async def test_typing_into_a_number_or_code_replaces_it(office_db):
    app = editor_app(office_db)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press(*["down"] * 7)
        await wait_for(pilot, lambda: editor.target == ("i", 1, 1) and len(editor.query(OptionRow)) == 3)
        upper = list(editor.query(OptionRow))[1]
        upper.query_one(".opt-score").focus()
        await pilot.pause()
        await type_text(pilot, "1")  # was 2
        upper.query_one(".opt-value").focus()
        await pilot.pause()
        await type_text(pilot, "high")  # was upper
        editor.query_one("#item-max-score").focus()
        await pilot.pause()
        await type_text(pilot, "4")  # was 3
        await pilot.pause()
        item = editor.sections[1]["items"][1]
        assert item["max_score"] == 4
        assert [(o["value"], o["score"]) for o in item["answer"]["options"]] == [
            ("ground", 3), ("high", 1), ("poor", 0)]
        # words are not replaced: focusing a name keeps it
        upper.query_one(".opt-label").focus()
        await pilot.pause()
        await pilot.press("end")
        await type_text(pilot, "楼")
        await pilot.pause()
        assert editor.sections[1]["items"][1]["answer"]["options"][1]["label"].endswith("楼")


async def test_a_long_prompt_and_option_names_are_readable_at_80_columns(office_db):
    app = editor_app(office_db)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: editor.target == ("i", 0, 1) and len(editor.query(OptionRow)) == 3)
        prompt = editor.query_one("#item-prompt")
        # 是否建立社区党组织统领未来社区建设运营的工作机制（党建联盟、联席会议、“红色物业”等）: 41 characters
        assert prompt.size.height >= 3 and prompt.wrapped_document.height <= prompt.size.height
        assert all(row.query_one(".opt-label").size.width >= 24 for row in editor.query(OptionRow))
        await pilot.press("enter")  # into the prompt; Enter there adds no line break
        await pilot.press("ctrl+end", "enter", "X")
        await pilot.pause()
        assert editor.sections[0]["items"][1]["prompt"].endswith("等）X")


async def test_problems_are_said_plainly_and_lead_to_their_field(office_db):
    app = editor_app(office_db)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press(*["down"] * 7)
        await wait_for(pilot, lambda: editor.target == ("i", 1, 1) and len(editor.query(OptionRow)) == 3)
        editor.query_one("#item-id").focus()
        await pilot.pause()
        await type_text(pilot, "a b")
        list(editor.query(OptionRow))[1].query_one(".opt-score").focus()
        await pilot.pause()
        await type_text(pilot, "9")  # 满分 is 3
        await pilot.pause()
        form_says = str(editor.query_one("#form-problems").render())
        assert "✗ 选项 2 · 分值：分值 9 超过了本项满分 3" in form_says
        assert "✗ 编号：只能用字母、数字、点、下划线、连字符" in form_says
        assert "待改正 2 处" in str(editor.query_one("#editor-header").render())

        await pilot.press("escape", "up", "up")  # elsewhere in the outline
        await wait_for(pilot, lambda: editor.target == ("s", 1))
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistProblemsDialog))
        assert [editor.describe_problem(p) for p in app.screen.problems] == [
            "a b：选项 2 · 分值：分值 9 超过了本项满分 3",
            "a b：编号：只能用字母、数字、点、下划线、连字符，以字母或数字开头，最多 64 个"]
        await pilot.press("enter")  # the first: an option's score, far down the form
        await wait_for(pilot, lambda: app.screen is editor and editor.target == ("i", 1, 1))
        score = list(editor.query(OptionRow))[1].query_one(".opt-score")
        await wait_for(pilot, lambda: app.focused is score)
        await pilot.pause()
        assert editor.query_one("#editor-form").region.contains_region(score.region)
        await pilot.press("escape", "ctrl+t", "down", "enter")  # the second: the id
        await wait_for(pilot, lambda: app.focused is editor.query_one("#item-id"))


async def test_esc_takes_back_an_item_just_added_and_left_blank(office_db):
    app = editor_app(office_db)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        before = copy.deepcopy(editor.draft)
        await pilot.press("a")  # a blank item after the first, its prompt to fill in
        await wait_for(pilot, lambda: editor.target == ("i", 0, 1) and editor.in_form())
        assert len(editor.problems) == 1
        await pilot.press("escape")  # changed my mind
        await wait_for(pilot, lambda: isinstance(app.focused, Outline))
        assert editor.draft == before and editor.problems == [] and editor.target == ("i", 0, 0)

        await pilot.press("s", "escape")  # a section too
        await wait_for(pilot, lambda: isinstance(app.focused, Outline))
        assert editor.draft == before and editor.target == ("i", 0, 0)

        await pilot.press("a")  # something typed: it stays, and so does its problem
        await wait_for(pilot, lambda: editor.target == ("i", 0, 1) and editor.in_form())
        await pilot.press("tab")  # to the English prompt: the prompt is still empty
        await type_text(pilot, "canteen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.focused, Outline))
        assert editor.sections[0]["items"][1]["prompt_en"] == "canteen" and len(editor.problems) == 1

        await pilot.press("escape")  # leaving says the draft cannot be published yet
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistListScreen) and app.screen.loaded)
        assert any("还有 1 处待改正" in n.message for n in app._notifications)
        await settle(pilot)
        assert app.screen.to_fix == {"zj-problem": 1}
        assert "草稿 ✗" in str(app.screen.query_one(TemplateList).get_option_at_index(0).prompt)
        assert "待改正 1 处" in str(app.screen.query_one("#template-detail").render())


async def test_removing_asks_by_id_and_words_and_enter_keeps_the_item(office_db):
    from textual.widgets import Footer

    from support import widget_text

    app = editor_app(office_db)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        dialog = app.screen
        assert "删除检查项party.center“社区党群服务中心是否已建成并正常开放，开放时间是否公示”？" == "".join(
            widget_text(dialog.query_one("#dialog-box Label")).split())
        assert app.focused is dialog.query_one("#cancel")
        assert "保存" not in widget_text(dialog.query_one(Footer))  # it saves nothing
        await pilot.press("enter")  # out of habit: nothing is removed
        await wait_for(pilot, lambda: app.screen is editor)
        assert editor.sections[0]["items"][0]["id"] == "party.center"
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("ctrl+s")  # said on purpose: removed
        await wait_for(pilot, lambda: app.screen is editor and editor.sections[0]["items"][0]["id"] == "party.mechanism")


async def test_help_lists_each_key_once_in_the_users_language(office_db):
    from inspector.tui.dialogs.keys import KeysDialog

    app = editor_app(office_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysDialog))
        rows = dict((what, keys) for keys, what in app.screen.rows)
        assert len(rows) == len(app.screen.rows)  # each meaning once
        assert rows["上移"] == "^↑" and rows["删除"] == "x del" and rows["上一项/下一项"] == "↑ ↓"
        assert rows["下一栏"] == "tab" and rows["退出"] == "^q" and rows["全部按键"] == "? f1"
        assert not any(ch.isascii() and ch.isalpha() for what in rows for ch in what)  # no English
        await pilot.press("escape", "enter")  # in a field ? is typed; F1 still helps
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysDialog))
        assert dict((what, keys) for keys, what in app.screen.rows)["下一栏"] == "tab"
        await pilot.press("escape", "escape", "ctrl+c")  # nothing to copy: how to quit, in Chinese
        await wait_for(pilot, lambda: any("ctrl+q 退出" in n.message for n in app._notifications))


@pytest.mark.parametrize("lang, quit", [("zh", "退出"), ("en", "Quit")])
async def test_the_footer_fits_80_columns_with_help_and_quit(office_db, lang, quit):
    from textual.widgets import Footer

    from support import widget_text

    app = editor_app(office_db, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        keys = [(" ".join(widget_text(key).split()), key.region) for key in editor.query_one(Footer).query("FooterKey")]
        assert [text for text, _ in keys][-2:] == [f"? {dict(zh='全部按键', en='All keys')[lang]}", f"^q {quit}"]
        assert all(region.right <= 80 and region.width >= len(text) for text, region in keys)


def test_a_diff_names_fields_sections_and_codes_as_the_form_does():
    from inspector.checklists.diff import diff_templates
    from inspector.tui.widgets.changes import DiffView, section_titles

    old = ChecklistTemplate.model_validate_json(PROBLEM.read_text(encoding="utf-8"))
    data = old.model_dump(mode="json")
    data["version"] = 2
    center = data["sections"][0]["items"][0]
    center["prompt"] = center["prompt"].replace("开放时间", "开放时间（含节假日）")
    center["evidence"] = ["on_site"]
    center["required"] = False
    data["sections"][1]["items"][1]["answer"]["options"][1]["score"] = 1
    data["sections"][2]["title"] = "未来教育"
    gone = data["sections"].pop(3)
    new = ChecklistTemplate.model_validate(data)
    view = DiffView(diff_templates(old, new), "zh", titles=section_titles(old, new))
    assert view.lines == [
        f"zj-problem：v1 → v2（新增 0 项，删除 {len(gone['items'])} 项，修改 2 项）",
        f"- 删除部分 {gone['title']}（{gone['id']}）",
        "~ 部分 未来教育（education）",
        "    标题：未来教育场景 → 未来教育",
        *[f"- 删除 {item['id']}（{gone['title']}）：{item['prompt']}" for item in gone["items"]],
        "~ 修改 party.center（党建统领）",
        "    检查内容：社区党群服务中心是否已建成并正常开放，开放时间（含节假日）是否公示",  # once, the change marked
        "    核查方式：现场核查、走访群众 → 现场核查",
        "    必答：是 → 否",
        "~ 修改 nb.space_placement（未来邻里场景）",
        "    选项 upper · 分值：2 → 1",
    ]
    prompt = view.rows[view.lines.index("~ 修改 party.center（党建统领）") + 1][1]
    assert [prompt.plain[s.start:s.end] for s in prompt.spans if "green" in str(s.style)] == ["（含节假日）"]


async def test_the_diff_screen_keeps_wrapped_lines_under_their_text(office_db):
    from support import widget_text

    app = editor_app(office_db)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("enter", "ctrl+end")
        await type_text(pilot, "并在门口和线上平台同时公示开放时间和联系人")
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistListScreen) and app.screen.loaded)
        await pilot.press("d", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChecklistDiffScreen) and app.screen.loaded)
        shown = widget_text(app.screen.query_one("#diff-lines")).splitlines()
        at = next(i for i, line in enumerate(shown) if line.startswith("    检查内容："))
        assert shown[at + 1].startswith("    ") and shown[at + 1].strip()  # wrapped, under the text
        assert "联系人" in "".join(line.strip() for line in shown[at:at + 3])


async def test_an_imported_version_says_so_and_the_publish_summary_is_one_plain_line(tmp_path):
    from inspector.office.catalogue import import_templates
    from textual.widgets import Input

    from support import widget_text

    path = tmp_path / "office.db"
    db = open_office_db(path)
    import_templates(db, PROBLEM, by="ceshi")  # as `inspector office templates import` does: no publishing date, no summary
    db.close()
    app = editor_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        detail = widget_text(app.screen.query_one("#template-detail"))
        assert "v1  导入" in detail and "—" not in detail
        editor = await open_editor(pilot)
        await pilot.press("enter", "ctrl+end", "X", "ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, PublishDialog))
        summary = app.screen.query_one("#publish-summary", Input)
        await pilot.pause()
        assert summary.size.height == 1 and summary.styles.padding.left == 0
        assert app.focused is summary and summary.cursor_position == 0  # shown from its start…
        assert summary.selected_text == summary.value  # …and selected, to type over or keep


async def test_ticking_a_tag_saves_it_and_keeps_one_the_lists_do_not_hold(office_db):
    from inspector.tui.widgets.checklist_forms import TickBox, TickList

    db = open_office_db(office_db)
    draft = versions.open_draft(db, "zj-problem")
    draft.data["sections"][0]["items"][0]["tags"] = ["indicator:office.own"]  # from a newer list of the office's
    versions.save_draft(db, "zj-problem", draft.data, revision=draft.revision)
    db.close()
    app = editor_app(office_db)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("enter")
        await pilot.pause()
        ticks = editor.query_one("#tags-dimension", TickList)
        box = next(b for b in ticks.query(TickBox) if b.code == "dimension:operation")
        box.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(box)
        await pilot.pause()
        app.flush()
        saved = json.loads(rows(office_db, "SELECT data FROM checklist_drafts")[0][0])
        assert saved["sections"][0]["items"][0]["tags"] == ["indicator:office.own", "dimension:operation"]
        assert "运营可持续性" in str(box.label)
