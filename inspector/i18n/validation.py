"""Pydantic's validation errors in the user's language.

Pydantic says what is wrong in English ("Input should be 'hangzhou', ...").
Here each error is said by its type (missing, not one of the choices, too
long, not a date ...) from the language tables, with the offending value
quoted and the field named as the people who fill these files know it
(城市, 创建类型), the JSON path beside it so it can be found. A type we do
not know yet is still said in the user's language, with the value."""

from __future__ import annotations

import json
import re

from . import LANGS, has, t

# A field's vocabulary: its allowed codes are shown as the words people know.
VOCABULARY = {
    "city": "City", "creation_type": "CreationType", "orientation": "Orientation", "scenario": "Scenario",
    "severity": "Severity", "verdict": "Verdict", "rectification": "Rectification",
}
_EXPECTED = re.compile(r"'([^']*)'")
_SHOWN = 60


def quoted(value: object) -> str:
    """The offending value as the file had it, shortened."""
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    shown = " ".join(str(shown).split())
    return shown if len(shown) <= _SHOWN else shown[:_SHOWN - 1] + "…"


def field_name(loc: tuple | list | str, lang: str) -> str:
    """The field as its word (城市), with its path when that adds anything:
    城市（projects[0].city）; a field we have no word for keeps its path."""
    parts = [p for p in (loc.split(".") if isinstance(loc, str) else loc) if not isinstance(p, int)]
    path = _path(loc)
    last = str(parts[-1]).split("[")[0] if parts else ""
    key = f"field.{last}"
    if not last or not has(key, lang):
        return path
    word = t(key, lang)
    return word if path == last else t("validation.field_at", lang, word=word, path=path)


def _path(loc) -> str:
    if isinstance(loc, str):
        return loc
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _choices(error: dict, lang: str, field: str) -> str:
    codes = _EXPECTED.findall(str(error.get("ctx", {}).get("expected", "")))
    kind = VOCABULARY.get(field)
    words = LANGS.get(lang, LANGS["zh"]).LABELS.get(kind, {}) if kind else {}
    sep = t("validation.list_sep", lang)
    return sep.join(f"{words[c]}（{c}）" if lang == "zh" and c in words else c for c in codes)


def explain(error: dict, lang: str, *, what: str = "") -> str:
    """One pydantic error (from exc.errors()) as a phrase in `lang`; `what`
    names the file's format (任务包, 数据包 …) for an unknown field."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    value = quoted(error.get("input"))
    loc = error.get("loc") or ()
    field = next((str(p) for p in reversed(loc) if not isinstance(p, int)), "")
    if kind in ("enum", "literal_error"):
        return t("validation.choice", lang, value=value, choices=_choices(error, lang, field))
    if kind == "extra_forbidden":
        return t("validation.extra", lang, what=what or t("validation.this_file", lang))
    if kind in ("too_short", "too_long"):
        if isinstance(error.get("input"), str):
            kind = "string_" + kind
        else:
            return t(f"validation.list_{kind}", lang, limit=ctx.get("min_length", ctx.get("max_length", "")),
                     count=ctx.get("actual_length", ""))
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return t("validation.empty", lang)
    if kind == "value_error":
        return t("validation.not_valid", lang, value=value)
    key = f"validation.{_FAMILY.get(kind, kind)}"
    if has(key, lang):
        words = {k: quoted(v) for k, v in ctx.items() if isinstance(v, (str, int, float))}  # our validators' details
        words.update(value=value, length=len(error["input"]) if isinstance(error.get("input"), str) else "",
                     limit=next((ctx[k] for k in ("max_length", "min_length", "ge", "gt", "le", "lt", "pattern")
                                 if k in ctx), ""))
        return t(key, lang, **words)
    return t("validation.not_valid", lang, value=value)


def more(count: int, lang: str) -> str:
    """' (and 2 more problems)' after the first; '' when it was the only one."""
    return t("validation.more", lang, count=count) if count > 0 else ""


# Error types that read the same to a person.
_FAMILY = {
    "int_parsing": "int", "int_type": "int", "int_from_float": "int",
    "float_parsing": "number", "float_type": "number", "decimal_parsing": "number", "decimal_type": "number",
    "finite_number": "number", "decimal_max_digits": "number", "decimal_max_places": "number",
    "bool_parsing": "bool", "bool_type": "bool",
    "string_type": "text", "string_unicode": "text",
    "date_parsing": "date", "date_from_datetime_parsing": "date", "date_type": "date",
    "date_from_datetime_inexact": "date",
    "datetime_parsing": "datetime", "datetime_from_date_parsing": "datetime", "datetime_type": "datetime",
    "timezone_aware": "timezone", "uuid_parsing": "uuid", "uuid_type": "uuid", "uuid_version": "uuid",
    "list_type": "list", "tuple_type": "list", "set_type": "list",
    "dict_type": "object", "model_type": "object", "model_attributes_type": "object",
    "union_tag_invalid": "choice_tag", "union_tag_not_found": "choice_tag",
    "string_pattern_mismatch": "pattern",
    "greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt",
}
