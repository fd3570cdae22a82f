"""What counts as a valid answer for each answer type, and what counts as a finding."""

from __future__ import annotations

import math

from inspector.models import ChecklistItem
from inspector.models.checklist import (
    DateAnswer,
    NumberAnswer,
    PassFailAnswer,
    ScoreAnswer,
    SingleChoiceAnswer,
    TextAnswer,
)

from .dates import InvalidDate, parse_date

PASS, FAIL, NA = "pass", "fail", "na"


class InvalidAnswer(ValueError):
    """The value does not fit the item's answer type. `code` and `params` let a
    screen say why in the user's language; str() is the English for logs."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def normalize(item: ChecklistItem, value: object) -> object:
    """The value as stored, or InvalidAnswer. None clears an answer."""
    if value is None or value == "":
        return None
    spec = item.answer
    if isinstance(spec, PassFailAnswer):
        if value not in (PASS, FAIL, NA):
            raise InvalidAnswer("pass_fail", f"expected pass, fail or na, not {value!r}")
        return value
    if isinstance(spec, SingleChoiceAnswer):
        values = [o.value for o in spec.options]
        if value not in values:
            raise InvalidAnswer("option", f"not one of the options: {', '.join(values)}", options=", ".join(values))
        return value
    if isinstance(spec, (ScoreAnswer, NumberAnswer)):
        number = _number(value)
        low = spec.min
        high = spec.max
        if low is not None and number < low:
            raise InvalidAnswer("below", f"below the minimum {low:g}", limit=f"{low:g}")
        if high is not None and number > high:
            raise InvalidAnswer("above", f"above the maximum {high:g}", limit=f"{high:g}")
        if isinstance(spec, ScoreAnswer) and spec.step:
            steps = (number - spec.min) / spec.step
            if not math.isclose(steps, round(steps), abs_tol=1e-9):
                raise InvalidAnswer("step", f"must be in steps of {spec.step:g}", step=f"{spec.step:g}")
        if isinstance(spec, NumberAnswer) and spec.integer and number != int(number):
            raise InvalidAnswer("whole", "must be a whole number")
        return number
    if isinstance(spec, DateAnswer):
        try:
            return parse_date(str(value)).isoformat()
        except InvalidDate as exc:  # a day that does not exist says so, not just the format
            raise InvalidAnswer(exc.code, str(exc), **exc.params) from None
    if isinstance(spec, TextAnswer):
        return str(value)
    raise InvalidAnswer("type", f"unknown answer type {spec.type}")  # pragma: no cover


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise InvalidAnswer("number", "expected a number")
    try:
        number = float(str(value).strip().replace(",", ""))
    except ValueError:
        raise InvalidAnswer("number", "expected a number") from None
    if not math.isfinite(number):
        raise InvalidAnswer("number", "expected a number")
    return number


def is_answered(value: object) -> bool:
    return value is not None and value != ""


def is_finding(item: ChecklistItem, value: object) -> bool:
    """A failed check or a flagged option: for a problem checklist, a problem to raise."""
    spec = item.answer
    if isinstance(spec, PassFailAnswer):
        return value == FAIL
    if isinstance(spec, SingleChoiceAnswer):
        return any(o.value == value and o.flag for o in spec.options)
    return False


def innovation_title(item: ChecklistItem, value: object) -> str:
    """What an innovation recorded from `item` starts with as its title. The
    item's question ("是否利用公交场站…建设邻里中心") names no innovation, and
    an option ("有探索") does not either: the inspector names what they found.
    Only a one-line text they already wrote there (特色亮点，一句话概括) is theirs,
    and so is the title."""
    if isinstance(item.answer, TextAnswer) and isinstance(value, str) and value.strip() \
            and "\n" not in value.strip():
        return value.strip()
    return ""


# How a checklist's option says a practice is proven and worth copying: the
# code the office's checklists use, or the words 可复制推广 in its label.
_REPLICABLE_CODE = "replicable"
_REPLICABLE_WORDS = "可复制推广"


def innovation_replicable(item: ChecklistItem, value: object) -> bool:
    """Whether an innovation recorded from `item` starts ticked 可复制推广:
    only when the option chosen says so ("形成可复制推广经验"). A flagged
    option means "there is something here", not that it is worth copying
    ("有探索", being tried): that is the inspector's call, unticked."""
    if not isinstance(item.answer, SingleChoiceAnswer):
        return False
    option = next((o for o in item.answer.options if o.value == value), None)
    return option is not None and (option.value == _REPLICABLE_CODE or _REPLICABLE_WORDS in option.label)


def item_prompt(item: ChecklistItem, lang: str) -> str:
    """The item's question in `lang`: the English text when there is one, else
    the Chinese (a checklist may lack English for some items). Every place that
    shows an item's question uses this, so a screen never mixes languages."""
    return item.prompt_en if lang == "en" and item.prompt_en else item.prompt


def item_context(item: ChecklistItem, value: object, lang: str) -> str:
    """The item's question and the option chosen, in `lang`, as one line: the
    context a finding recorded from the item is written against."""
    prompt = item_prompt(item, lang)
    if isinstance(item.answer, SingleChoiceAnswer):
        option = next((o for o in item.answer.options if o.value == value), None)
        if option is not None:
            name = option.label_en if lang == "en" and option.label_en else option.label
            return f"{prompt}（{name}）" if lang == "zh" else f"{prompt} ({name})"
    return prompt
