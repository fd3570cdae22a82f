"""The sample checklists speak English too: `--lang en` must not show a Chinese
question, guidance, option or section title."""

from __future__ import annotations

import pytest

from inspector.models import ChecklistTemplate

from conftest import FIXTURES


@pytest.mark.parametrize("name", ["problem-checklist.v1.json", "innovation-checklist.v1.json",
                                  "problem-checklist.v2.json", "innovation-checklist.v2.json"])
def test_every_fixture_item_has_english_text(name):
    template = ChecklistTemplate.model_validate_json((FIXTURES / "templates" / name).read_bytes())
    missing = [] if template.title_en else ["title"]
    for section in template.sections:
        if not section.title_en:
            missing.append(section.id)
        for item in section.items:
            if not item.prompt_en:
                missing.append(f"{item.id} prompt")
            if item.guidance and not item.guidance_en:
                missing.append(f"{item.id} guidance")
            missing += [f"{item.id} option {o.value}" for o in getattr(item.answer, "options", []) if not o.label_en]
            for text in (item.prompt_en, item.guidance_en):
                if text and any("\u4e00" <= ch <= "\u9fff" for ch in text):
                    missing.append(f"{item.id}: Chinese left in the English")
    assert missing == []
