"""`office checklists diff` fully in the user's language: every line's own
words (the header, + - ~ lines, field names, yes/no, codes) in zh or en; only
what people typed (prompts, titles, ids, option labels) stays as it is."""

from __future__ import annotations

import copy

import pytest

import factories
from inspector.checklists.diff import diff_templates
from inspector.checklists.diff_words import DiffWords, section_titles
from inspector.models import ChecklistTemplate
from words_check import assert_chinese, assert_english


def _changed(data: dict) -> dict:
    data = copy.deepcopy(data)
    data["title"] = "改过的标题"
    first = data["sections"][0]
    first["title"] = "改过的部分"
    item = first["items"][0]
    item.update(scenario="health", evidence=["ledger", "platform_data"], veto=True, max_score=5, required=False,
                applies={"setting": "rural", "creation_types": ["renovation"], "orientations": ["leading"],
                         "declared_scenario": "health", "scenario_roles": ["standard"]})
    first["items"][1]["answer"] = {"type": "single_choice", "options": [
        {"value": "a", "label": "完全", "score": 2}, {"value": "b", "label": "部分", "score": 1, "flag": True}]}
    first["items"].append({"id": "new.one", "prompt": "新的检查项", "scenario": "general",
                           "answer": {"type": "number", "unit": "个", "min": 0}})
    data["sections"].append({"id": "extra", "title": "新部分", "items": [
        {"id": "extra.one", "prompt": "另一个检查项", "scenario": "general", "answer": {"type": "date"}}]})
    return data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_line_of_a_diff_speaks_the_users_language(lang):
    old_data = factories.template()
    new_data = _changed(old_data)
    old, new = ChecklistTemplate.model_validate(old_data), ChecklistTemplate.model_validate(new_data)
    words = DiffWords(diff_templates(old, new), lang, titles=section_titles(old, new))
    typed = {old.id, *(i.id for i in new.items()), *(i.id for i in old.items()), *(s.id for s in new.sections)}
    typed |= {t for t in (old.title, new.title) if t}
    typed |= {s.title for s in (*old.sections, *new.sections)} | {s.title_en for s in (*old.sections, *new.sections)
                                                                   if s.title_en}
    typed |= {i.prompt for i in (*old.items(), *new.items())} | {"完全", "部分", "个", "a", "b"}
    typed |= {o.label for i in old.items() if i.answer.type == "single_choice" for o in i.answer.options}
    typed |= {o.value for i in old.items() if i.answer.type == "single_choice" for o in i.answer.options}
    assert len(words.rows) > 10
    for row in words.rows:
        if lang == "zh":
            assert_chinese(row.text, *typed)
        else:
            assert_english(row.text, *typed)
    text = "\n".join(words.lines)
    assert ("适用条件 · 城乡：不限 → 仅乡村" if lang == "zh" else "Applies when · Setting: Any → Rural only") in text
    assert ("负面清单（一票否决）：否 → 是" if lang == "zh" else "Negative list (veto): no → yes") in text
