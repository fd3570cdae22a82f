"""The problem ledger (问题台账): a confirmed problem's number, who must fix
it by when, and each step to closure (销号), every one attributed."""

from __future__ import annotations

# 立行立改 / 限期整改 / 长期整改 (the plan set when the entry opens)
RECTIFICATIONS = ("immediate", "deadline", "ongoing")
# 待整改 / 整改中 / 申请销号 / 已销号 / 退回整改 / 持续整改
STATUSES = ("pending", "rectifying", "close_requested", "closed", "returned", "continuing")
OPEN_STATUSES = ("pending", "rectifying", "close_requested", "returned", "continuing")
# 持续整改: the office decided, from 整改中, that the problem cannot close within a
# round. It stays open (re-checked, in every open count) but its deadline no
# longer makes it overdue: reports count it apart.
CONTINUING = "continuing"
# Open entries whose passed deadline makes them overdue somewhere (planning).
DEADLINE_STATUSES = tuple(s for s in OPEN_STATUSES if s != CONTINUING)
# Days from confirmation to the default deadline of each type (editable per problem).
DEFAULT_DAYS = {"immediate": 7, "deadline": 30, "ongoing": 180}


class LedgerRefused(Exception):
    """Nothing was changed. `code` names the i18n text "ledger.<code>"."""

    def __init__(self, code: str, **params: object):
        from inspector.i18n import t

        from .words import said

        self.code, self.params = code, params
        super().__init__(t(f"ledger.{code}", "en", **{name: said(value, "en") for name, value in params.items()}))
