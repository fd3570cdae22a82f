"""A checklist's fields and the problems of a draft, in the person's language.

Field paths come from validation ("answer.options.1.label") and from the diff
("answer.options[upper].score", "items (order)"); both read as the names the
editor's form uses ("选项 2 · 名称", "选项 upper · 分值"). A problem is worded
from its code and values; one this module does not know keeps the model's
English, so nothing wrong goes unsaid."""

from __future__ import annotations

import re

from inspector.i18n import LANGS, t

from .validation import Problem

# pydantic's error types, by what they mean to someone filling in a form
_SAME_MEANING = {
    "float_parsing": "not_a_number", "float_type": "not_a_number", "int_parsing": "not_a_number",
    "int_type": "not_a_number", "finite_number": "not_a_number", "int_from_float": "not_a_number",
    "literal_error": "not_allowed", "enum": "not_allowed", "union_tag_invalid": "not_allowed",
    "union_tag_not_found": "not_allowed", "list_type": "not_allowed", "bool_type": "not_allowed",
    "bool_parsing": "not_allowed",
}
_OPTION = re.compile(r"^answer\.options(?:\.(\d+)|\[(.*)\])(?:\.(\w+))?$")


def _named(key: str, lang: str, fallback: str) -> str:
    messages = (LANGS[lang] if lang in LANGS else LANGS["zh"]).MESSAGES
    return messages.get(f"editor.field.{key}", fallback)


def field_label(path: str, lang: str) -> str:
    """A field in words: "answer.options.1.label" -> "选项 2 · 名称",
    "answer.options[upper].score" -> "选项 upper · 分值", "applies.setting" ->
    "适用条件 · 城乡", "items (order)" -> "检查项顺序"."""
    if not path:
        return t("editor.field.whole", lang)
    if path.endswith(" (order)"):
        whole = path.removesuffix(" (order)").rsplit(".", 1)[-1]
        return t("editor.field.order", lang, what=_named(whole, lang, whole))
    option = _OPTION.match(path)
    if option:
        number, value, name = option.groups()
        text = t("editor.field.option", lang, n=int(number) + 1) if number is not None else \
            t("editor.field.option_called", lang, value=value)
        return text + (f" · {_named('option.' + name, lang, name)}" if name else "")
    parts = path.split(".")
    if parts[0] == "answer" and len(parts) > 1:
        return _named(parts[1], lang, path)
    if parts[0] == "applies" and len(parts) > 1:
        return f"{_named('applies', lang, 'applies')} · {_named(parts[1], lang, parts[1])}"
    return _named(parts[0], lang, path)


def _number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def problem_message(problem: Problem, lang: str) -> str:
    """What is wrong, as a plain sentence (the field is named separately)."""
    code = _SAME_MEANING.get(problem.code, problem.code)
    params = {k: _number(v) for k, v in problem.params.items()}
    if code == "string_too_short" and params.get("min_length") == 1:
        code = "empty"
    messages = (LANGS[lang] if lang in LANGS else LANGS["zh"]).MESSAGES
    # the editor's words first, then those of a model rule said anywhere (validation.control_character)
    from inspector.i18n.validation import _FAMILY

    for key in (f"checklists.problem.{code}", f"validation.{code}", f"validation.{_FAMILY.get(code, code)}"):
        if code and key in messages:
            try:
                return t(key, lang, **params)
            except (KeyError, IndexError):  # a value the sentence needs is missing
                break
    if lang == "en" or not problem.message:
        return problem.message
    return t("checklists.problem.unknown", lang)


_PART = re.compile(r"^section (\d+)(?: item (\d+))?$")


def part_label(where: str, lang: str) -> str:
    """What a problem is about as validation names it (an id, or a position
    when the id is missing: "section 2 item 3") in the person's language."""
    if where == "template":
        return t("checklists.part_template", lang)
    found = _PART.fullmatch(where)
    if found is None:
        return where  # an id, as typed
    section, item = found.groups()
    if item is None:
        return t("checklists.part_section", lang, section=section)
    return t("checklists.part_item", lang, section=section, item=item)
