"""A draft's problems in plain words, at the field to change: the editor shows
these to people who do not read regular expressions or pydantic's English."""

from __future__ import annotations

import json

import pytest

from inspector.checklists.validation import check
from inspector.checklists.wording import field_label, problem_message

from conftest import FIXTURES

PROBLEM = FIXTURES / "templates" / "problem-checklist.v1.json"


def draft() -> dict:
    return json.loads(PROBLEM.read_text(encoding="utf-8"))


def said(data: dict, lang: str = "zh") -> list[tuple[str, str, str]]:
    return [(p.where, field_label(p.field, lang), problem_message(p, lang)) for p in check(data)]


def test_the_common_mistakes_in_plain_chinese():
    data = draft()
    center, mechanism = data["sections"][0]["items"][:2]
    center["prompt"] = "  "
    center["max_score"] = "三"
    mechanism["id"] = "party mechanism"
    data["sections"][1]["title"] = ""
    assert said(data) == [
        ("party.center", "检查内容", "不能为空"),
        ("party.center", "满分", "须为数字"),
        ("party mechanism", "编号", "只能用字母、数字、点、下划线、连字符，以字母或数字开头，最多 64 个"),
        ("neighbourhood", "标题", "不能为空"),
    ]


def test_a_code_used_twice_is_pointed_at_the_option_not_the_answer():
    data = draft()
    options = data["sections"][0]["items"][1]["answer"]["options"]
    options[2]["value"] = options[0]["value"]
    assert said(data) == [("party.mechanism", "选项 3 · 代码", "代码“effective”与另一个选项重复")]
    assert said(data, "en") == [("party.mechanism", "Option 3 · code", "code “effective” is used by another option too")]


def test_an_option_may_not_score_above_the_items_full_marks():
    data = draft()
    placement = data["sections"][1]["items"][1]  # 满分 3; options 3, 2, 0
    placement["answer"]["options"][1]["score"] = 4
    assert said(data) == [("nb.space_placement", "选项 2 · 分值", "分值 4 超过了本项满分 3")]
    placement["max_score"] = None  # no full marks: any score
    assert check(data) == []


def test_ranges_and_limits():
    data = draft()
    culture = data["sections"][1]["items"][4]  # a score 0–5, 满分 5
    culture["answer"] = {"type": "score", "min": 5, "max": 5}
    data["sections"][1]["items"][0]["max_score"] = -1
    data["sections"][1]["items"][1]["answer"]["options"] = data["sections"][1]["items"][1]["answer"]["options"][:1]
    data["sections"][1]["items"][6]["answer"] = {"type": "score", "min": 0, "max": 10}  # 满分 3
    assert said(data) == [
        ("nb.center_open", "满分", "不能小于 0"),
        ("nb.space_placement", "选项", "至少要有 2 个"),
        ("nb.culture", "最大值", "最大值须大于最小值（现为 5 到 5）"),
        ("nb.satisfaction", "满分", "评分最大值 10 超过了满分 3"),
    ]


def test_a_mistake_without_words_of_its_own_is_still_said_in_the_persons_language():
    data = draft()
    data["sections"][0]["items"][0]["colour"] = "red"
    data["sections"][0]["items"][0]["scenario"] = "nowhere"
    found = check(data)
    assert [problem_message(p, "zh") for p in found] == ["不是可选的值", "检查表中没有这一栏"]
    unknown = found[0].__class__(0, 0, "prompt", "something new is wrong", "party.center", "brand_new", {})
    assert problem_message(unknown, "zh") == "不符合检查表的要求"  # never English to a Chinese reader
    assert problem_message(unknown, "en") == "something new is wrong"


@pytest.mark.parametrize("path, zh, en", [
    ("answer.options.1.label", "选项 2 · 名称", "Option 2 · name"),
    ("answer.options[upper].score", "选项 upper · 分值", "option upper · score"),
    ("answer.options[upper]", "选项 upper", "option upper"),
    ("answer.options (order)", "选项顺序", "Options (order)"),
    ("items (order)", "检查项顺序", "Items (order)"),
    ("applies.setting", "适用条件 · 城乡", "Applies when · Setting"),
    ("answer.max", "最大值", "Maximum"),
    ("prompt", "检查内容", "Question"),
    ("section", "所在部分", "Section"),
    ("", "整体", "whole"),
])
def test_fields_are_named_as_the_form_names_them(path, zh, en):
    assert (field_label(path, "zh"), field_label(path, "en")) == (zh, en)
