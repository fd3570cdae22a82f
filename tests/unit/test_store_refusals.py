"""Every refusal of the store said in the user's language: Chinese by
default, English with --lang en, naming the record (issue 13, item 1)."""

from __future__ import annotations

from datetime import date

import pytest

import factories
from inspector.i18n.said import say
from inspector.inspection import record
from inspector.inspection.snapshot import find_item, load_template, load_visit
from inspector.models import Assignment, ItemRef
from inspector.store import StoreError, open_db
from inspector.store.assignments import save_assignment
from words_check import assert_chinese, assert_english


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "store.db")
    save_assignment(database, Assignment.model_validate(factories.assignment()))
    yield database
    database.close()


def _load(db, **over):
    return save_assignment(db, Assignment.model_validate(factories.assignment(**over)))


def _changed_template():
    template = factories.template()
    template["title"] = "改过的标题"
    return template


def _unknown_item_problem():
    return factories.problem(item={"template": "zj-problem", "version": 1, "item": "no-such-item"})


BREAKS = [
    # (how to break it, zh fragment, en fragment, values that stay as they are)
    (lambda db: _load(db, id="R2026-2-old", issued_at="2026-11-01T09:00:00+08:00"),
     "不比本轮已载入的任务包", "not newer than assignment", ()),
    (lambda db: _load(db, issued_by="别的办公室"), "内容却不同", "different content", ()),
    (lambda db: _load(db, id="R2026-2-b", issued_at="2026-11-22T09:00:00+08:00", templates=[_changed_template()]),
     "修改须作为第 2 版下发", "issued as version 2", ("zj-problem",)),
    (lambda db: _load(db, id="R2026-2-b", issued_at="2026-11-22T09:00:00+08:00",
                      open_problems=[factories.problem(description="另一段描述")]),
     "第 1 次修订与本机已存的不同", "revision 1 differs", ()),
    (lambda db: load_template(db, "zj-other", 3), "检查表 zj-other 第 3 版不在本机", "zj-other version 3 is not", ()),
    (lambda db: find_item(db, ItemRef(template="zj-problem", version=1, item="nope")), "没有检查项 nope",
     "has no item nope", ("zj-problem",)),
    (lambda db: load_visit(db, "0b7c1e9e-2d35-4c1e-9a53-5c6fd1f0a0ff"), "找不到这次检查", "cannot be found", ()),
    (lambda db: [record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"]) for _ in range(2)],
     "已有一次检查正在进行", "already in progress", ()),
    (lambda db: record.reopen_visit(db, record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"]).id, " "),
     "请说明重新打开的原因", "Say why", ()),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("breaking, zh, en, values", BREAKS, ids=[b[2] for b in BREAKS])
def test_each_store_refusal_in_both_languages(db, breaking, zh, en, values, lang):
    with pytest.raises(StoreError) as refused:
        breaking(db)
    said = say(refused.value, lang)
    if lang == "zh":
        assert zh in said, said
        assert_chinese(said, *values)
    else:
        assert en in said, said
        assert_english(said, *values)
    assert str(refused.value)  # English for the log, whatever the user reads


def test_every_store_refusal_raised_has_words():
    """A StoreError without a code would reach a person as English inside
    "未能保存：…"; every one raised in the store and the visit's core names its words."""
    import ast
    from pathlib import Path

    from inspector.i18n import has

    root = Path(__file__).resolve().parents[2] / "inspector"
    files = [*root.glob("store/*.py"), *(root / "inspection" / f"{n}.py" for n in
                                        ("record", "snapshot", "sentback", "answers", "checklist"))]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("StoreError", "VisitClosed"):
                codes = [k.value for k in node.keywords if k.arg == "code"]
                assert codes, f"{path.name}:{node.lineno} raises a StoreError without a code"
                if isinstance(codes[0], ast.Constant):
                    assert has(f"store.{codes[0].value}", "zh") and has(f"store.{codes[0].value}", "en"), \
                        f"{path.name}:{node.lineno}"
