"""Checklist versions at the office: drafts kept as typed, publishing with the
next number and a summary, published versions that never change, and a diff
that names exactly what changed."""

from __future__ import annotations

import copy
import sqlite3

import pytest
from click.testing import CliRunner

import factories
from inspector.checklists import versions
from inspector.checklists.diff import FieldChange, ItemChange, MISSING, Placed, SectionChange, diff_templates
from inspector.checklists.diff_words import diff_lines, section_titles
from inspector.checklists.errors import ChecklistError, ChecklistInvalid
from inspector.checklists.validation import check
from inspector.cli import cli
from inspector.models import ChecklistTemplate
from inspector.office.db import open_office_db

from conftest import FIXTURES
from support import staffed

PROBLEM = FIXTURES / "templates" / "problem-checklist.v1.json"
INNOVATION = FIXTURES / "templates" / "innovation-checklist.v1.json"


def fixture(path=PROBLEM) -> ChecklistTemplate:
    return ChecklistTemplate.model_validate_json(path.read_text(encoding="utf-8"))


@pytest.fixture
def office(tmp_path):
    db = open_office_db(tmp_path / "office.db")
    versions.import_draft(db, fixture(), by="ceshi")
    versions.publish(db, "zj-problem", "首版", by="ceshi")
    yield db
    db.close()


def test_publishing_numbers_versions_and_keeps_the_old_one(office):
    first = versions.published(office, "zj-problem", 1)
    assert first == fixture()
    draft = versions.open_draft(office, "zj-problem")
    assert draft.based_on == 1 and versions.open_draft(office, "zj-problem") == draft  # one draft, reopened
    data = draft.data
    data["sections"][0]["items"][0]["prompt"] = "党群服务中心是否正常开放"
    versions.save_draft(office, "zj-problem", data, revision=versions.get_draft(office, "zj-problem").revision)
    done = versions.publish(office, "zj-problem", "  改写党群服务中心的问题 ", by="ceshi")
    assert done.template.version == 2 and done.summary == "改写党群服务中心的问题"
    assert versions.published(office, "zj-problem", 1) == first  # intact
    assert versions.published(office, "zj-problem").version == 2
    assert versions.get_draft(office, "zj-problem") is None
    infos = versions.list_versions(office, "zj-problem")
    assert [(v.version, v.based_on, v.summary) for v in infos] == [(1, None, "首版"), (2, 1, "改写党群服务中心的问题")]
    assert infos[1].sha256 == versions.content_hash(done.template)
    (summary,) = versions.list_templates(office)
    assert (summary.latest, summary.versions, summary.has_draft) == (2, 2, False)


def test_a_published_version_never_changes(office):
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        office.execute("UPDATE templates SET data = '{}' WHERE id = 'zj-problem'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        office.execute("DELETE FROM templates")
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        office.execute("UPDATE template_versions SET summary = 'x'")
    assert versions.published(office, "zj-problem", 1) == fixture()


@pytest.mark.parametrize("verb", ["INSERT OR REPLACE", "REPLACE", "INSERT OR IGNORE", "INSERT"])
def test_a_published_version_is_never_replaced(office, verb):
    """REPLACE deletes the old row without firing DELETE triggers: the insert
    itself is refused (migration o006)."""
    before = list(office.conn.iterdump())
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        office.execute(f"{verb} INTO templates (id, version, kind, data, sha256, imported_at) "
                       "VALUES ('zj-problem', 1, 'problem', '{}', 'x', 'now')")
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        office.execute(f"{verb} INTO template_versions VALUES ('zj-problem', 1, NULL, 'x', 'now')")
    assert list(office.conn.iterdump()) == before
    assert versions.published(office, "zj-problem", 1) == fixture()


def test_an_office_database_from_before_o006_gets_the_guard(tmp_path):
    import sqlite_utils

    from inspector.office.db import office_migrations
    from inspector.store.connection import connect

    path = tmp_path / "office.db"
    old = sqlite_utils.Database(connect(path))
    office_migrations.apply(old, stop_before="o006_published_versions_stay")
    template = fixture()
    old.execute("INSERT INTO templates VALUES (?, 1, 'problem', ?, ?, 'then')",
                (template.id, template.model_dump_json(), versions.content_hash(template)))
    old.conn.commit()
    old.close()
    db = open_office_db(path)
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        db.execute("INSERT OR REPLACE INTO templates (id, version, kind, data, sha256, imported_at) "
                   "VALUES ('zj-problem', 1, 'problem', '{}', 'x', 'now')")
    assert versions.published(db, "zj-problem", 1) == fixture()
    db.close()


def test_an_invalid_draft_is_kept_but_never_published(office):
    data = versions.open_draft(office, "zj-problem").data
    data["sections"][1]["items"][2]["prompt"] = "   "
    data["sections"][1]["items"][3]["answer"]["options"] = [{"value": "x", "label": "只有一个", "flag": False}]
    data["sections"][2]["items"][0]["id"] = data["sections"][0]["items"][0]["id"]
    versions.save_draft(office, "zj-problem", data, revision=versions.get_draft(office, "zj-problem").revision)
    assert versions.get_draft(office, "zj-problem").data == data  # kept as typed
    with pytest.raises(ChecklistInvalid) as refused:
        versions.publish(office, "zj-problem", "坏的", by="ceshi")
    where = [(p.where, p.field) for p in refused.value.problems]
    items = data["sections"][1]["items"]
    assert where == [(items[2]["id"], "prompt"), (items[3]["id"], "answer.options"),
                     ("party.center", "id")]
    assert [p.target for p in refused.value.problems] == [(1, 2), (1, 3), (2, 0)]
    assert versions.latest_version(office, "zj-problem") == 1


def test_refusals(office):
    with pytest.raises(ChecklistError) as refused:
        versions.publish(office, "zj-problem", by="ceshi")
    assert refused.value.code == "no_draft"
    versions.open_draft(office, "zj-problem")
    with pytest.raises(ChecklistError) as refused:
        versions.publish(office, "zj-problem", by="ceshi")
    assert refused.value.code == "unchanged"
    with pytest.raises(ChecklistError) as refused:
        versions.import_draft(office, fixture(), by="ceshi")
    assert refused.value.code == "draft_exists"
    innovation_as_problem = fixture(INNOVATION).model_copy(update={"id": "zj-problem"})
    with pytest.raises(ChecklistError) as refused:
        versions.import_draft(office, innovation_as_problem, replace=True, by="ceshi")
    assert refused.value.code == "kind_changed"
    with pytest.raises(ChecklistError) as refused:
        versions.published(office, "zj-problem", 7)
    assert refused.value.code == "no_version"
    with pytest.raises(ChecklistError) as refused:
        versions.new_template(office, "zj-problem", "problem", "重名", by="ceshi")
    assert refused.value.code == "exists"


def test_a_new_template_starts_with_one_blank_item(office):
    draft = versions.new_template(office, "zj-rural", "problem", "乡村未来社区专项检查", by="ceshi")
    problems = check(draft.data)
    assert [(p.where, p.field) for p in problems] == [("item-1", "prompt")]
    draft.data["sections"][0]["items"][0]["prompt"] = "是否保留乡土风貌"
    versions.save_draft(office, "zj-rural", draft.data, revision=versions.get_draft(office, "zj-rural").revision)
    done = versions.publish(office, "zj-rural", "", by="ceshi")
    assert done.template.version == 1 and done.summary == "第一版：1 项"


def test_diff_names_exactly_the_changes():
    old = fixture()
    data = old.model_dump(mode="json")
    party, neighbourhood = data["sections"][0], data["sections"][1]
    party["items"][0]["prompt"] = "党群服务中心是否正常开放"
    options = party["items"][1]["answer"]["options"]
    options[1]["score"] = 1
    options.append({"value": "partial", "label": "部分建立", "flag": True})
    party["items"][3]["applies"]["setting"] = "urban"
    party["items"][4]["answer"] = {"type": "score", "min": 0, "max": 5}
    party["items"][4]["max_score"] = 5
    new_item = copy.deepcopy(party["items"][0])
    new_item.update(id="party.new", prompt="新增的检查项")
    party["items"].insert(1, new_item)
    removed = neighbourhood["items"].pop(2)
    moved = neighbourhood["items"].pop(0)
    data["sections"][2]["items"].append(moved)
    neighbourhood["items"].reverse()
    neighbourhood["title"] = "邻里场景"
    data["title"] = "第三轮问题清单"
    data["version"] = 2
    new = ChecklistTemplate.model_validate(data)

    diff = diff_templates(old, new)
    assert diff.template == (FieldChange("title", old.title, "第三轮问题清单"),)
    assert (diff.sections_added, diff.sections_removed) == ((), ())
    old_order = [i.id for i in old.sections[1].items if i.id not in (removed["id"],)]
    assert diff.sections_changed == (SectionChange("neighbourhood", (
        FieldChange("title", "未来邻里场景", "邻里场景"),
        FieldChange("items (order)", [i.id for i in old.sections[1].items],
                    [i["id"] for i in neighbourhood["items"]]),
    )),)
    assert old_order[0] == moved["id"]
    assert diff.added == (Placed("party.new", "party", "新增的检查项"),)
    assert diff.removed == (Placed(removed["id"], "neighbourhood", removed["prompt"]),)
    assert diff.changed == (
        ItemChange("party.center", "party", (
            FieldChange("prompt", old.sections[0].items[0].prompt, "党群服务中心是否正常开放"),)),
        ItemChange("party.mechanism", "party", (
            FieldChange("answer.options[formal].score", None, 1.0),
            FieldChange("answer.options[partial]", MISSING,
                        {"label": "部分建立", "label_en": None, "score": None, "flag": True}),
        )),
        ItemChange("party.members", "party", (FieldChange("applies.setting", "any", "urban"),)),
        ItemChange("party.red_property", "party", (
            FieldChange("max_score", None, 5.0),
            FieldChange("answer.type", "pass_fail", "score"),
            FieldChange("answer.min", MISSING, 0.0),
            FieldChange("answer.max", MISSING, 5.0),
            FieldChange("answer.step", MISSING, None),
        )),
        ItemChange(moved["id"], "education", (FieldChange("section", "neighbourhood", "education"),)),
    )
    lines = diff_lines(diff, "en")
    assert lines[0] == "zj-problem: v1 → v2 (1 added, 1 removed, 5 changed items)"
    assert "    option formal · score: — → 1" in lines
    assert f"~ changed {moved['id']} (education)" in lines  # no titles given: the section's id
    assert "    Step: — → —" not in lines  # absent before, empty now: reads as no change, so not said
    # the command line words a diff as the editor does: fields, sections and codes by name
    titled = diff_lines(diff, "zh", titles=section_titles(old, new))
    assert "~ 修改 party.center（党建统领）" in titled
    assert f"~ 修改 {moved['id']}（未来教育场景）" in titled
    assert "    适用条件 · 城乡：不限 → 仅城镇" in titled
    assert "    选项 partial：— → 部分建立 · 标记" in titled
    assert "    所在部分：邻里场景 → 未来教育场景" in titled  # titles as they are now
    assert diff_templates(old, old).empty and diff_lines(diff_templates(old, old), "zh")[-1] == "没有变化。"


def office_cli(office_db, *args):
    return CliRunner().invoke(cli, ["office", "--office-db", str(office_db), "checklists", *args],
                              catch_exceptions=False)


def test_commands(tmp_path):
    office_db = staffed(tmp_path / "office.db")
    result = office_cli(office_db, "import", str(PROBLEM))
    assert result.exit_code == 0 and "zj-problem" in result.output
    assert office_cli(office_db, "publish", "zj-problem", "--summary", "首版").exit_code == 0
    refused = office_cli(office_db, "publish", "zj-problem")
    assert refused.exit_code == 2 and "没有草稿" in refused.output and "Traceback" not in refused.output

    db = open_office_db(office_db)
    data = versions.open_draft(db, "zj-problem").data
    data["sections"][0]["items"][0]["required"] = False
    data["sections"][0]["items"][1]["prompt"] = ""
    versions.save_draft(db, "zj-problem", data, revision=versions.get_draft(db, "zj-problem").revision)
    db.close()
    refused = office_cli(office_db, "publish", "zj-problem")
    assert refused.exit_code == 2
    assert refused.output.splitlines() == ["错误：草稿还有 1 处问题，改正后才能发布：",
                                           "错误：party.mechanism：检查内容：不能为空"]
    db = open_office_db(office_db)
    data["sections"][0]["items"][1]["prompt"] = "是否建立党组织统领的工作机制"
    versions.save_draft(db, "zj-problem", data, revision=versions.get_draft(db, "zj-problem").revision)
    db.close()
    diff = office_cli(office_db, "diff", "zj-problem", "1", "draft")
    assert diff.exit_code == 0
    assert diff.output.splitlines()[0] == "zj-problem：v1 → 草稿（新增 0 项，删除 0 项，修改 2 项）"
    assert "~ 修改 party.center（党建统领）" in diff.output.splitlines()  # as the editor says it
    assert "    必答：是 → 否" in diff.output.splitlines()
    published = office_cli(office_db, "publish", "zj-problem")
    assert published.output.strip() == "已发布 zj-problem v2：新增 0 项，删除 0 项，修改 2 项"
    listing = office_cli(office_db, "list").output.splitlines()
    assert listing[0].startswith("zj-problem  问题清单  最新 v2（共 2 版）")
    assert listing[1].split()[0] == "v1" and listing[2].endswith("新增 0 项，删除 0 项，修改 2 项")
    exported = office_cli(office_db, "export", "zj-problem:1", "-o", str(tmp_path / "v1.xlsx"))
    assert exported.exit_code == 0 and (tmp_path / "v1.xlsx").is_file()
    missing = office_cli(office_db, "export", "zj-problem:9", "-o", str(tmp_path / "v9.xlsx"))
    assert missing.exit_code == 2 and not (tmp_path / "v9.xlsx").exists()


def test_visits_keep_the_version_they_started_with(tmp_path, office):
    """A visit started on v1 stays on v1 when an assignment brings v2."""
    from inspector.inspection import record
    from inspector.inspection.snapshot import load_visit
    from inspector.models import Assignment
    from inspector.store import open_db
    from inspector.store.assignments import save_assignment

    data = versions.open_draft(office, "zj-problem").data
    data["sections"][0]["items"].pop(0)
    versions.save_draft(office, "zj-problem", data, revision=versions.get_draft(office, "zj-problem").revision)
    versions.publish(office, "zj-problem", "删去一项", by="ceshi")
    v1, v2 = (versions.published(office, "zj-problem", n) for n in (1, 2))

    def issued(template, n):
        return Assignment.model_validate(factories.assignment(
            id=f"R2026-2-zhangwei-{n}", issued_at=f"2026-11-2{n}T09:00:00+08:00", open_problems=[],
            templates=[template.model_dump(mode="json")], checklists=[template.ref.model_dump()]))

    laptop = open_db(tmp_path / "laptop.db")
    save_assignment(laptop, issued(v1, 1))
    visit = record.start_visit(laptop, "HZ-GL-001", __import__("datetime").date(2026, 11, 25), ["张伟"])
    save_assignment(laptop, issued(v2, 2))
    snapshot = load_visit(laptop, visit.id)
    assert [t.version for t in snapshot.templates] == [1]
    assert snapshot.templates[0].item("party.center") is not None
    assert record.templates_for(laptop, "HZ-GL-001")[0].version == 2  # the next visit gets v2
    laptop.close()


def test_a_draft_nobody_changed_is_dropped_on_leaving(office):
    versions.open_draft(office, "zj-problem")
    assert versions.discard_if_unchanged(office, "zj-problem")
    assert versions.get_draft(office, "zj-problem") is None
    data = versions.open_draft(office, "zj-problem").data
    data["title"] = "改过的标题"
    versions.save_draft(office, "zj-problem", data, revision=versions.get_draft(office, "zj-problem").revision)
    assert not versions.discard_if_unchanged(office, "zj-problem")
    assert versions.get_draft(office, "zj-problem").data["title"] == "改过的标题"


def test_structure_edits():
    from inspector.checklists import editing

    draft = fixture().model_dump(mode="json")
    first = [i["id"] for i in draft["sections"][0]["items"]]
    added, where = editing.add_item(draft, 0, 1)
    assert where == (0, 2) and added["sections"][0]["items"][2]["id"] == "item-1"
    assert added["sections"][0]["items"][2]["scenario"] == "party_building"  # from the item it follows
    assert [i["id"] for i in draft["sections"][0]["items"]] == first  # the original is untouched
    again, where = editing.add_item(added, 0, 2)
    assert again["sections"][0]["items"][3]["id"] == "item-2"
    # moving past the end of a section carries the item into the next one
    moved, where = editing.move_item(draft, 0, len(first) - 1, 1)
    assert where == (1, 0) and moved["sections"][1]["items"][0]["id"] == first[-1]
    back, where = editing.move_item(moved, 1, 0, -1)
    assert back == draft and where == (0, len(first) - 1)
    assert editing.move_item(draft, 0, 0, -1) == (draft, (0, 0))  # the very first stays
    twin, where = editing.duplicate_item(draft, 0, 0)
    assert twin["sections"][0]["items"][1]["id"] == "party.center-copy"
    twin, where = editing.duplicate_item(twin, 0, 0)
    assert twin["sections"][0]["items"][1]["id"] == "party.center-copy-2"
    section, where = editing.add_section(draft, 0)
    assert where == (1, 0) and section["sections"][1]["id"] == "section-1"
    assert check(section)[0].target == (1, None)  # the new section's title is still to be written
    removed, where = editing.remove_item(draft, 0, len(first) - 1)
    assert where == (0, len(first) - 2)
    swapped, where = editing.move_section(draft, 1, -1)
    assert [s["id"] for s in swapped["sections"][:2]] == ["neighbourhood", "party"] and where == (0, None)
    gone, where = editing.remove_section(draft, 0)
    assert gone["sections"][0]["id"] == "neighbourhood" and where == (0, None)


def test_a_save_on_a_draft_written_since_is_refused(office):
    """An editor's keystroke must not wipe what an import --replace (or another
    editor) wrote meanwhile: each save names the revision it was made on."""
    opened = versions.open_draft(office, "zj-problem")
    data = copy.deepcopy(opened.data)
    data["title"] = "编辑器里改的标题"
    saved = versions.save_draft(office, "zj-problem", data, revision=opened.revision)
    assert saved.revision != opened.revision

    imported = fixture().model_copy(update={"title": "导入的标题"})
    versions.import_draft(office, imported, replace=True, by="ceshi")
    data["title"] = "编辑器里又改了一次"
    with pytest.raises(ChecklistError) as refused:
        versions.save_draft(office, "zj-problem", data, revision=saved.revision)
    assert refused.value.code == "draft_changed"
    assert versions.get_draft(office, "zj-problem").data["title"] == "导入的标题"


def test_a_save_on_a_discarded_draft_never_lands_on_its_successor(office):
    """Revisions are never reused: a draft begun again after a discard is not
    the one an old editor still holds."""
    old = versions.open_draft(office, "zj-problem")
    versions.discard_draft(office, "zj-problem", by="ceshi")
    versions.open_draft(office, "zj-problem")
    with pytest.raises(ChecklistError, match="changed elsewhere"):
        versions.save_draft(office, "zj-problem", dict(old.data, title="旧窗口"), revision=old.revision)
    assert versions.get_draft(office, "zj-problem").data["title"] == old.data["title"]


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "The draft of zj-problem was changed elsewhere (imported, or edited in another window) since it was "
           "opened here; this change was not saved. Leave the editor and open the draft again."),
    ("zh", "zj-problem 的草稿在这里打开后已在别处修改（导入，或在另一个窗口编辑），这次修改没有保存。请退出编辑器，重新打开草稿。")])
def test_the_refusal_is_one_line_in_either_language(lang, line):
    from inspector.checklists.errors import checklist_refusal

    assert checklist_refusal(ChecklistError("draft_changed", "x", id="zj-problem"), lang) == line


def test_drafts_from_before_o007_get_a_revision(tmp_path):
    import sqlite_utils

    from inspector.office.db import office_migrations
    from inspector.store.connection import connect

    path = tmp_path / "office.db"
    old = sqlite_utils.Database(connect(path))
    office_migrations.apply(old, stop_before="o007_draft_revisions")
    old.execute("INSERT INTO checklist_drafts VALUES ('zj-problem', NULL, '{}', 'then', 'then')")
    old.conn.commit()
    old.close()
    db = open_office_db(path)
    draft = versions.get_draft(db, "zj-problem")
    assert len(draft.revision) == 32
    versions.save_draft(db, "zj-problem", {"title": "继续"}, revision=draft.revision)
    db.close()
