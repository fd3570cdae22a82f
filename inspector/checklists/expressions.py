"""The part of XLSForm's expression language our checklists use.

`relevant` says when a question is asked. Ours depends on the project being
inspected, not on earlier answers, so the expression speaks of the project
through these names:

    ${creation_type}      整合提升类 … 旧改类, as codes: 'integrate_improve', 'renovation', …
    ${orientation}        'leading' (引领型) or 'broad_benefit' (普惠型)
    ${setting}            'urban' or 'rural'
    ${scenario_<code>}    how the project declared that scenario: 'standard' (标配),
                          'optional' (选配), '' when not declared; e.g. ${scenario_health}

An expression is one or more clauses joined by `and`. A clause compares one
name with a quoted value (`=`), or is a parenthesised `or` of such comparisons
on the same name; `selected(${name}, 'value')` means the same as `=`; and
`${scenario_<code>} != ''` means "declared, either way". Each name appears in
one clause at most, and only one scenario name is allowed. Examples:

    ${setting} = 'rural'
    (${creation_type} = 'new_build' or ${creation_type} = 'planned_new') and ${scenario_health} != ''

`constraint` bounds a number or score: `. >= 0`, `. <= 100`, or both joined by `and`.

Anything else is refused with the reason and where in the text it was found,
never guessed at: an expression we cannot represent must not silently become
"always applies".
"""

from __future__ import annotations

import re

from inspector.i18n import labels, t
from inspector.i18n.said import Said
from inspector.models import Applicability
from inspector.models.vocab import CreationType, Orientation, Scenario, ScenarioRole

CREATION_TYPES = tuple(c.value for c in CreationType)
ORIENTATIONS = tuple(o.value for o in Orientation)
SCENARIOS = tuple(s.value for s in Scenario)
ROLES = tuple(r.value for r in ScenarioRole)
BOTH_ROLES = ["standard", "optional"]


class ExpressionError(Said, ValueError):
    """An expression outside the subset, said by its i18n key
    (`expression.<code>`) in the user's language; `str()` is English.

    `found` is the token where reading stopped, (text, character) or None at
    the end; `expected` a kind of token (field, string …) or the text wanted."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code, self.key, self.params = code, f"expression.{code}", params
        super().__init__(self.say("en"))

    def say(self, lang: str) -> str:
        params = dict(self.params)
        if "found" in params:
            found = params["found"]
            params["found"] = t("expression.found_end", lang) if found is None else \
                t("expression.found_at", lang, text=found[0], at=found[1])
        if "expected" in params:
            expected = str(params["expected"])
            params["expected"] = t(f"expression.kind.{expected}", lang) if expected in _KINDS else \
                t("expression.quoted", lang, text=expected)
        words = labels(params.pop("vocabulary"), lang) if "vocabulary" in params else {}
        for name in ("known", "names"):
            if name in params and not isinstance(params[name], str):  # codes, as written, with their names
                params[name] = t("expression.list_sep", lang).join(
                    t("expression.code_named", lang, code=code, name=words[code]) if code in words else code
                    for code in params[name])
        return t(self.key, lang, **params)


_KINDS = ("field", "string", "number", "op", "punct", "word")


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<field>\$\{[^}]*\})
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
      | (?P<op>!=|>=|<=|=|>|<)
      | (?P<punct>[(),.])
      | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
    )""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise ExpressionError("unreadable", at=pos + 1, text=text[pos:pos + 12])
        kind = match.lastgroup
        out.append((kind, match.group(kind), match.start(kind) + 1))
        pos = match.end()
    return out


def _found(token: tuple[str, str, int] | None) -> tuple[str, int] | None:
    """Where reading stopped: the token's text and character, None at the end."""
    return None if token is None else (token[1], token[2])


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self, offset: int = 0) -> tuple[str, str, int] | None:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self, kind: str, value: str | None = None) -> str:
        token = self.peek()
        if token is None or token[0] != kind or (value is not None and token[1] != value):
            raise ExpressionError("expected", expected=value or kind, found=_found(token))
        self.at += 1
        return token[1]

    def done(self) -> bool:
        return self.at >= len(self.tokens)


def _comparison(reader: _Reader) -> tuple[str, str, str]:
    """(field name, operator, value) of `${x} = 'v'`, `${x} != 'v'` or `selected(${x}, 'v')`."""
    token = reader.peek()
    if token is not None and token[0] == "word" and token[1] == "selected":
        reader.take("word")
        reader.take("punct", "(")
        name = reader.take("field")[2:-1].strip()
        reader.take("punct", ",")
        value = reader.take("string")[1:-1]
        reader.take("punct", ")")
        return name, "=", value
    name = reader.take("field")[2:-1].strip()
    token = reader.peek()
    if token is None or token[0] != "op" or token[1] not in ("=", "!="):
        raise ExpressionError("expected_comparison", name=name, found=_found(token))
    op = reader.take("op")
    value = reader.take("string")[1:-1]
    return name, op, value


def _clause(reader: _Reader) -> list[tuple[str, str, str]]:
    token = reader.peek()
    if token is not None and token[0] == "punct" and token[1] == "(":
        reader.take("punct", "(")
        parts = [_comparison(reader)]
        while reader.peek() is not None and reader.peek()[:2] == ("word", "or"):
            reader.take("word", "or")
            parts.append(_comparison(reader))
        reader.take("punct", ")")
        return parts
    return [_comparison(reader)]


def parse_relevant(text: str) -> Applicability:
    """The Applicability an expression describes (see the module's docstring)."""
    reader = _Reader(text)
    if reader.done():
        return Applicability()
    clauses = [_clause(reader)]
    while not reader.done():
        reader.take("word", "and")
        clauses.append(_clause(reader))
    fields: dict = {}
    seen: set[str] = set()
    for clause in clauses:
        names = {name for name, _, _ in clause}
        if len(names) > 1:
            raise ExpressionError("or_names", names=["${" + n + "}" for n in sorted(names)])
        name = clause[0][0]
        if name in seen:
            raise ExpressionError("name_twice", name=name)
        seen.add(name)
        values = [value for _, op, value in clause if op == "="]
        negated = [value for _, op, value in clause if op == "!="]
        if name.startswith("scenario_"):
            scenario = name.removeprefix("scenario_")
            if scenario not in SCENARIOS:
                raise ExpressionError("unknown_scenario", scenario=scenario, name=name, known=SCENARIOS,
                                      vocabulary="Scenario")
            if "declared_scenario" in fields:
                raise ExpressionError("one_scenario")
            if negated:
                if negated != [""] or values:
                    raise ExpressionError("declared_only_empty", name=name)
                roles = list(BOTH_ROLES)
            else:
                roles = values
                for role in roles:
                    if role not in ROLES:
                        raise ExpressionError("unknown_role", name=name, role=role)
            fields["declared_scenario"] = scenario
            fields["scenario_roles"] = roles
            continue
        if negated:
            raise ExpressionError("only_equals", name=name)
        if name == "creation_type":
            known, key, vocabulary = CREATION_TYPES, "creation_types", "CreationType"
        elif name == "orientation":
            known, key, vocabulary = ORIENTATIONS, "orientations", "Orientation"
        elif name == "setting":
            if len(values) != 1 or values[0] not in ("urban", "rural"):
                raise ExpressionError("setting_value")
            fields["setting"] = values[0]
            continue
        else:
            raise ExpressionError("unknown_name", name=name)
        for value in values:
            if value not in known:
                raise ExpressionError("unknown_value", name=name, value=value, known=known, vocabulary=vocabulary)
        if len(set(values)) != len(values):
            raise ExpressionError("value_twice", name=name)
        fields[key] = values
    return Applicability(**fields)


def _either(name: str, values: list[str]) -> str:
    parts = [f"${{{name}}} = '{value}'" for value in values]
    return parts[0] if len(parts) == 1 else "(" + " or ".join(parts) + ")"


def write_relevant(applies: Applicability) -> str | None:
    """The expression for `applies` ("" when it always applies), or None when
    the subset cannot say it exactly (the caller then writes it another way)."""
    clauses = []
    if applies.creation_types:
        clauses.append(_either("creation_type", list(applies.creation_types)))
    if applies.orientations:
        clauses.append(_either("orientation", list(applies.orientations)))
    if applies.setting != "any":
        clauses.append(f"${{setting}} = '{applies.setting}'")
    roles = list(applies.scenario_roles)
    if applies.declared_scenario is not None:
        name = f"scenario_{applies.declared_scenario}"
        if not roles or len(set(roles)) != len(roles):
            return None
        clauses.append(f"${{{name}}} != ''" if roles == BOTH_ROLES else _either(name, roles))
    elif roles != BOTH_ROLES:
        return None  # roles without a scenario mean nothing, but must not be lost either
    expression = " and ".join(clauses)
    try:
        exact = parse_relevant(expression) == applies
    except ExpressionError:
        exact = False
    return expression if exact else None


def number_text(value: float) -> str:
    """A number as text that reads back as the same number."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def parse_constraint(text: str) -> tuple[float | None, float | None]:
    """(minimum, maximum) from `. >= a and . <= b` (either part may be left out)."""
    reader = _Reader(text)
    low = high = None
    if reader.done():
        return low, high
    while True:
        reader.take("punct", ".")
        token = reader.peek()
        if token is None or token[0] != "op" or token[1] not in (">=", "<="):
            raise ExpressionError("bound_form", found=_found(token))
        op = reader.take("op")
        number = float(reader.take("number"))
        if op == ">=":
            if low is not None:
                raise ExpressionError("two_lower")
            low = number
        else:
            if high is not None:
                raise ExpressionError("two_upper")
            high = number
        if reader.done():
            return low, high
        reader.take("word", "and")


def write_constraint(low: float | None, high: float | None) -> str:
    parts = []
    if low is not None:
        parts.append(f". >= {number_text(low)}")
    if high is not None:
        parts.append(f". <= {number_text(high)}")
    return " and ".join(parts)
