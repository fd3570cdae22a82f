"""Planning the next round (issue 11, item 9): where each inspector lives
(cross-inspection 交叉检查: never sent to their own city), who visits what
(plan.py), the plan file the office edits (planfile.py) and issuing it as
one assignment per inspector (issue.py).

Refusals carry a `code` naming the i18n key "planning.<code>" and its
`params`; the CLI words them in the user's language."""

from __future__ import annotations

from inspector.office.names import vocabulary_code


class PlanRefused(Exception):
    def __init__(self, code: str, **params) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


def city_code(text: str) -> str:
    """The City code `text` names (hangzhou, 杭州, 杭州市, Hangzhou), or a refusal."""
    code = vocabulary_code("City", text) if text and text.strip() else None
    if code is None:
        raise PlanRefused("unknown_city", city=text)
    return code
