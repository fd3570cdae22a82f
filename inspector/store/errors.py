"""The one error type the store raises for a person to read."""

from __future__ import annotations


class StoreError(Exception):
    """A store operation was refused and nothing was changed.

    `record` names the record (e.g. "templates[1] (zj-problem v1)") and
    `field` the field, so the message can point at the spot in the input.
    """

    def __init__(self, message: str, *, record: str | None = None, field: str | None = None,
                 code: str | None = None, **params: object):
        super().__init__(message)
        self.message = message
        self.record = record
        self.field = field
        # For screens: the refusal in the user's language is i18n "store.<code>".
        self.code = code
        self.params = params
