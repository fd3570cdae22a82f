"""Checking a draft as it is edited: every problem points at the template, a
section or an item, and at the field, so the editor can mark the item and say
what is wrong while it is being typed.

A draft is plain JSON data (a dict), not a ChecklistTemplate: half-typed
values must be kept (and saved) before they are valid."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from inspector.models import ChecklistTemplate
from inspector.models.base import CUSTOM_ERRORS

from .errors import ChecklistInvalid

ANSWER_TYPES = ("pass_fail", "single_choice", "score", "number", "text", "date")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a draft. `section`/`item` are positions in the
    draft (None: the template itself, or the whole section); `field` is a
    dotted path inside that part (e.g. "answer.options.1.label")."""

    section: int | None
    item: int | None
    field: str
    message: str  # English, for logs and the CLI
    where: str  # the id a person recognises: item id, section id, or the template id
    # What is wrong as a code and its values, for wording it in the person's
    # language: pydantic's error type ("string_too_short", ctx {"min_length": 1})
    # or one of this module's own ("option_value_twice"); "" when unknown.
    code: str = ""
    params: dict = dataclasses.field(default_factory=dict, compare=False)

    @property
    def target(self) -> tuple[int | None, int | None]:
        return (self.section, self.item)


def _ident(value: Any, fallback: str) -> str:
    return value if isinstance(value, str) and value.strip() else fallback


def _part(draft: dict, section: int | None, item: int | None) -> str:
    """The id of what a problem is about, or its position when the id is missing."""
    sections = draft.get("sections") if isinstance(draft, dict) else None
    if section is None or not isinstance(sections, list) or section >= len(sections) \
            or not isinstance(sections[section], dict):
        return _ident(draft.get("id") if isinstance(draft, dict) else None, "template")
    found = sections[section]
    if item is None:
        return _ident(found.get("id"), f"section {section + 1}")
    items = found.get("items")
    if not isinstance(items, list) or item >= len(items) or not isinstance(items[item], dict):
        return f"section {section + 1} item {item + 1}"
    return _ident(items[item].get("id"), f"section {section + 1} item {item + 1}")


def _duplicates(draft: dict) -> list[Problem]:
    """Ids used twice, pointed at the second use (the model's own check only
    names the id, not where it is)."""
    problems: list[Problem] = []
    sections = draft.get("sections")
    if not isinstance(sections, list):
        return problems
    seen_sections: dict[str, int] = {}
    seen_items: dict[str, str] = {}
    for s, section in enumerate(sections):
        if not isinstance(section, dict):
            continue
        sid = section.get("id")
        if isinstance(sid, str):
            if sid in seen_sections:
                problems.append(Problem(s, None, "id", f"section id '{sid}' used twice", sid,
                                        "section_id_twice", {"id": sid}))
            seen_sections.setdefault(sid, s)
        items = section.get("items")
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            iid = item["id"]
            if iid in seen_items:
                problems.append(Problem(s, i, "id", f"item id '{iid}' used twice (also in section "
                                                    f"'{seen_items[iid]}')", iid,
                                        "item_id_twice", {"id": iid, "section": seen_items[iid]}))
            else:
                seen_items[iid] = _ident(sid, str(s + 1))
    return problems


def _locate(loc: tuple) -> tuple[int | None, int | None, tuple]:
    section = item = None
    rest = loc
    if len(rest) >= 2 and rest[0] == "sections" and isinstance(rest[1], int):
        section, rest = rest[1], rest[2:]
        if len(rest) >= 2 and rest[0] == "items" and isinstance(rest[1], int):
            item, rest = rest[1], rest[2:]
    # The answer is a union told apart by its type: pydantic puts the type's
    # name into the location, which means nothing to the person editing.
    if len(rest) >= 2 and rest[0] == "answer" and rest[1] in ANSWER_TYPES:
        rest = (rest[0],) + rest[2:]
    return section, item, rest


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _shown(number: float) -> str:
    return str(int(number)) if number.is_integer() else str(number)


def _option_scores(draft: dict) -> list[Problem]:
    """An option scoring more than its item's full marks (满分): the model
    allows it (an old template may hold one), a new version must not."""
    problems: list[Problem] = []
    sections = draft.get("sections")
    for s, section in enumerate(sections if isinstance(sections, list) else []):
        items = section.get("items") if isinstance(section, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict) or not isinstance(item.get("answer"), dict):
                continue
            full = _number(item.get("max_score"))
            options = item["answer"].get("options")
            if full is None or item["answer"].get("type") != "single_choice" or not isinstance(options, list):
                continue
            for k, option in enumerate(options):
                score = _number(option.get("score")) if isinstance(option, dict) else None
                if score is not None and score > full:
                    problems.append(Problem(
                        s, i, f"answer.options.{k}.score", f"score {_shown(score)} is above the item's "
                        f"max_score {_shown(full)}", _part(draft, s, i), "option_score_above_max",
                        {"score": _shown(score), "max_score": _shown(full)}))
    return problems


def _unknown_tags(draft: dict) -> list[Problem]:
    """Tags the office has no list for: a typo would otherwise drop an item
    from every report cut by the tag it meant."""
    from inspector.models.tags import TAG_PATTERN, is_known

    problems = []
    for s, section in enumerate(draft.get("sections") or [] if isinstance(draft.get("sections"), list) else []):
        items = section.get("items") if isinstance(section, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            tags = item.get("tags") if isinstance(item, dict) else None
            for k, tag in enumerate(tags if isinstance(tags, list) else []):
                if isinstance(tag, str) and re.fullmatch(TAG_PATTERN, tag) and not is_known(tag):
                    problems.append(Problem(s, i, f"tags.{k}", f"unknown tag '{tag}'", _part(draft, s, i),
                                            "tag_unknown", {"tag": tag}))
    return problems


# The model's own rules say what is wrong in English only: known by their
# words here, given a code, and pointed at the field to change.
_MODEL_RULES = (
    (re.compile(r"option value '(?P<value>.*)' used twice"), "option_value_twice"),
    (re.compile(r"score range is empty \(min (?P<min>[^,]+), max (?P<max>[^)]+)\)"), "score_range_empty"),
    (re.compile(r"answer range max (?P<max>\S+) exceeds max_score (?P<max_score>\S+)"), "range_above_max_score"),
)


def _model_rule(message: str, rest: tuple, part: Any) -> tuple[str, dict, tuple]:
    """(code, params, field path) of a rule the model states in words."""
    for pattern, code in _MODEL_RULES:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        params = {k: _shown(float(v)) if re.fullmatch(r"-?[\d.]+", v) else v for k, v in found.groupdict().items()}
        if code == "option_value_twice" and isinstance(part, dict):
            options = (part.get("answer") or {}).get("options") or []
            values = [o.get("value") if isinstance(o, dict) else None for o in options]
            twice = [k for k, v in enumerate(values) if v == found["value"]]
            rest = ("answer", "options", twice[1], "value") if len(twice) > 1 else ("answer", "options")
        elif code == "score_range_empty":
            rest = ("answer", "max")
        elif code == "range_above_max_score":
            rest = ("max_score",)
        return code, params, rest
    return "", {}, rest


def _item(draft: dict, section: int | None, item: int | None) -> Any:
    try:
        return draft["sections"][section]["items"][item]
    except (KeyError, IndexError, TypeError):
        return None


def check(draft: Any) -> list[Problem]:
    """Every problem in `draft`, in the order they appear; [] when it is valid."""
    if not isinstance(draft, dict):
        return [Problem(None, None, "", "a checklist must be a JSON object", "template")]
    problems = _duplicates(draft) + _option_scores(draft) + _unknown_tags(draft)
    try:
        ChecklistTemplate.model_validate(draft)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            section, item, rest = _locate(tuple(error["loc"]))
            message = error["msg"].removeprefix("Value error, ")
            if problems and section is None and rest == ("sections",) and "used twice" in message:
                continue  # already pointed at precisely above
            code, params = error["type"], {k: v for k, v in (error.get("ctx") or {}).items()
                                           if isinstance(v, (str, int, float))}
            if code == "value_error" or code in CUSTOM_ERRORS:  # a rule of the model, said in words
                ruled = _model_rule(message, rest, _item(draft, section, item))
                if ruled[0] or code == "value_error":  # else a typed refusal: its own code and values
                    code, params, rest = ruled
            problems.append(Problem(section, item, ".".join(str(p) for p in rest), message,
                                    _part(draft, section, item), code, params))
    problems.sort(key=lambda p: (-1 if p.section is None else p.section, -1 if p.item is None else p.item))
    return problems


def validated(draft: Any) -> ChecklistTemplate:
    """The draft as a template, or ChecklistInvalid listing every problem."""
    problems = check(draft)
    if problems:
        raise ChecklistInvalid(problems)
    return ChecklistTemplate.model_validate(draft)
