"""The one error type the store raises for a person to read."""

from __future__ import annotations

import sqlite3

from inspector.i18n.said import Said


class StoreError(Said, Exception):
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
        # The refusal in the user's language is i18n "store.<code>" (say(exc, lang));
        # one without a code is said as "not saved" around its English, which
        # every raise a person can reach avoids.
        self.code = code
        self.params = params
        self.key = f"store.{code}" if code else "store.refused"
        if not code:
            self.params = {**params, "message": message}


class WrongDatabase(sqlite3.DatabaseError):
    """The file is the other half's database: an office database opened as a
    laptop's, or the reverse. Nothing was changed (no migration ran).

    `kind` is what the file is ("office" or "laptop"). A sqlite3 error, so a
    caller that only knows database failures still refuses in one line; the
    command line words it with the command that opens such a file."""

    def __init__(self, path: object, kind: str):
        self.path, self.kind = path, kind
        super().__init__(f"{path} is {'an office' if kind == 'office' else 'a laptop'} database")
