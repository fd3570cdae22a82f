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

from inspector.models import Applicability
from inspector.models.vocab import CreationType, Orientation, Scenario, ScenarioRole

CREATION_TYPES = tuple(c.value for c in CreationType)
ORIENTATIONS = tuple(o.value for o in Orientation)
SCENARIOS = tuple(s.value for s in Scenario)
ROLES = tuple(r.value for r in ScenarioRole)
BOTH_ROLES = ["standard", "optional"]


class ExpressionError(ValueError):
    """An expression outside the subset; `str()` says what and where."""


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
            raise ExpressionError(f"cannot read the expression from character {pos + 1}: "
                                  f"'{text[pos:pos + 12]}'")
        kind = match.lastgroup
        out.append((kind, match.group(kind), match.start(kind) + 1))
        pos = match.end()
    return out


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
            expected = value or kind
            found = "the end" if token is None else f"'{token[1]}' at character {token[2]}"
            raise ExpressionError(f"expected {expected}, found {found}")
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
        found = "the end" if token is None else f"'{token[1]}' at character {token[2]}"
        raise ExpressionError(f"expected = or != after ${{{name}}}, found {found}")
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
            raise ExpressionError(f"an 'or' must compare one name with several values, not "
                                  f"{', '.join('${' + n + '}' for n in sorted(names))}")
        name = clause[0][0]
        if name in seen:
            raise ExpressionError(f"${{{name}}} appears in two clauses; put its values in one (… or …)")
        seen.add(name)
        values = [value for _, op, value in clause if op == "="]
        negated = [value for _, op, value in clause if op == "!="]
        if name.startswith("scenario_"):
            scenario = name.removeprefix("scenario_")
            if scenario not in SCENARIOS:
                raise ExpressionError(f"unknown scenario '{scenario}' in ${{{name}}} (known: {', '.join(SCENARIOS)})")
            if "declared_scenario" in fields:
                raise ExpressionError("only one scenario can be named in an expression")
            if negated:
                if negated != [""] or values:
                    raise ExpressionError(f"${{{name}}} != takes only '' (declared as standard or optional)")
                roles = list(BOTH_ROLES)
            else:
                roles = values
                for role in roles:
                    if role not in ROLES:
                        raise ExpressionError(f"${{{name}}} is 'standard' or 'optional', not '{role}'")
            fields["declared_scenario"] = scenario
            fields["scenario_roles"] = roles
            continue
        if negated:
            raise ExpressionError(f"${{{name}}} can only be compared with = (or selected())")
        if name == "creation_type":
            known, key = CREATION_TYPES, "creation_types"
        elif name == "orientation":
            known, key = ORIENTATIONS, "orientations"
        elif name == "setting":
            if len(values) != 1 or values[0] not in ("urban", "rural"):
                raise ExpressionError("${setting} is compared with one value: 'urban' or 'rural'")
            fields["setting"] = values[0]
            continue
        else:
            raise ExpressionError(f"unknown name ${{{name}}} (known: ${{creation_type}}, ${{orientation}}, "
                                  f"${{setting}}, ${{scenario_<scenario>}})")
        for value in values:
            if value not in known:
                raise ExpressionError(f"${{{name}}} cannot be '{value}' (known: {', '.join(known)})")
        if len(set(values)) != len(values):
            raise ExpressionError(f"${{{name}}} compared with the same value twice")
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
            found = "the end" if token is None else f"'{token[1]}' at character {token[2]}"
            raise ExpressionError(f"a bound is written '. >= number' or '. <= number', found {found}")
        op = reader.take("op")
        number = float(reader.take("number"))
        if op == ">=":
            if low is not None:
                raise ExpressionError("two lower bounds (. >=)")
            low = number
        else:
            if high is not None:
                raise ExpressionError("two upper bounds (. <=)")
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
