"""Pydantic's refusals said in the user's language (i18n/validation.py): by
error type, the value quoted, the field by the name people know."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from inspector.i18n import LANGS
from inspector.i18n.validation import _FAMILY, explain, field_name, more
from inspector.models import Project
from inspector.models.base import CUSTOM_ERRORS

CJK = re.compile(r"[\u3400-\u9fff]")
GOOD = {"code": "HZ-GL-001", "name": "瓜沥七彩未来社区", "city": "hangzhou", "district": "萧山区",
        "creation_type": "renovation", "batch": "试点第一批"}


def errors(**changes) -> list[dict]:
    data = {**GOOD, **changes}
    with pytest.raises(ValidationError) as refused:
        Project.model_validate({k: v for k, v in data.items() if v is not ...})
    return refused.value.errors(include_url=False)


def test_a_city_not_in_the_list_is_said_with_the_choices_as_people_know_them():
    (error,) = errors(city="纽约")
    assert explain(error, "zh").startswith("“纽约”不是可用的值；应为以下之一：杭州（hangzhou）、宁波（ningbo）")
    english = explain(error, "en")
    assert english.startswith("'纽约' is not allowed; choose one of: hangzhou, ningbo")
    assert field_name(error["loc"], "zh") == "城市" and field_name(error["loc"], "en") == "city"


@pytest.mark.parametrize("changes, zh, en", [
    (dict(name=...), "缺少此项", "missing"),
    (dict(colour="red"), "未知字段", "unknown field"),
    (dict(households=-3), "不能小于 0（现为 -3）", "must be at least 0 (got -3)"),
    (dict(households="很多"), "应为整数（现为“很多”）", "should be a whole number (got '很多')"),
    (dict(rural="也许"), "应为 是/否", "should be yes/no"),
    (dict(name=""), "不能为空", "must not be empty"),
    (dict(location={"lat": 40.5}), "不能大于 32", "must be at most 32"),
])
def test_each_kind_of_refusal_in_both_languages(changes, zh, en):
    error = errors(**changes)[0]
    said_zh, said_en = explain(error, "zh", what="任务包"), explain(error, "en", what="assignment")
    assert zh in said_zh and en in said_en
    assert not re.search(r"[A-Za-z]{4,}", said_zh.replace("true/false", "")), said_zh  # no English sentence (JSON words aside)
    assert not CJK.search(said_en.replace("很多", "").replace("也许", "")), said_en  # no Chinese one


def test_a_nested_field_keeps_its_path_beside_its_name():
    assert field_name(("projects", 0, "location", "lat"), "zh") == "“纬度”（projects[0].location.lat）"
    assert field_name("sections[0].items[2].prompt", "en") == "'prompt' (sections[0].items[2].prompt)"
    assert field_name(("naem x",), "zh") == "naem x"  # a field we have no word for keeps its own


def test_every_type_and_our_validators_have_words_in_both_languages():
    import inspector.models  # noqa: F401 - the validators register their types on import

    for lang in ("zh", "en"):
        words = LANGS[lang].MESSAGES
        for family in set(_FAMILY.values()):
            assert f"validation.{family}" in words, (lang, family)
        for code in CUSTOM_ERRORS:
            assert f"validation.{code}" in words, (lang, code)
    assert more(0, "zh") == "" and more(2, "zh") == "（另有 2 处问题）"
