"""Review at the office: what each received record's state is, who set it
and why (states.py, intake.py), and the queue a reviewer works through
(queue.py)."""

from __future__ import annotations

REVIEWED_KINDS = ("visit", "problem", "innovation", "follow_up")
STATES = ("received", "query", "confirmed", "sent_back", "rejected", "duplicate")
# A state that asks something of someone says what: the inspector reads it.
NEEDS_COMMENT = frozenset({"query", "sent_back", "rejected"})


class ReviewRefused(Exception):
    """Nothing was changed. `code` names the i18n text "review.<code>"."""

    def __init__(self, code: str, **params: object):
        from inspector.i18n import t

        self.code, self.params = code, params
        super().__init__(t(f"review.{code}", "en", **params))
