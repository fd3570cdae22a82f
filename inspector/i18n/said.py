"""Refusals that carry their words, and the system's own errors said in the
user's language.

A core error that a person will read names its refusal by a key of the
language tables and the values to fill in (`Said`); the command line or the
interface says it in the user's language (`say`). `str()` stays English, for
logs and tracebacks a developer reads. An OSError's strerror is the platform's
text (English here, Chinese on a Chinese Windows): we say it by errno instead.
"""

from __future__ import annotations

import errno
import re
import sqlite3

from inspector.i18n import t


class Said:
    """Mixin for an exception that knows its words: i18n `key` and `params`.
    A param that is itself a `Said` is said in the same language."""

    key: str = ""
    params: dict[str, object]

    def say(self, lang: str) -> str:
        return t(self.key, lang, **{name: say(value, lang) if isinstance(value, BaseException | Said) else value
                                    for name, value in self.params.items()})


class Explained(Said):
    """A pydantic error as a value of a refusal: said by i18n/validation.py."""

    def __init__(self, error: dict, *, with_field: bool = True) -> None:
        self.error, self.with_field = error, with_field  # without: the place is said around it (a CSV cell)

    def say(self, lang: str) -> str:
        from inspector.i18n.validation import explain, field_name

        where = ".".join(str(part) for part in self.error.get("loc", ())) if self.with_field else ""
        said = explain(self.error, lang)
        return t("validation.at_field", lang, field=field_name(where, lang), problem=said) if where else said

    def __str__(self) -> str:
        return self.say("en")


class Words(Said):
    """A value that is itself words of the tables (a vocabulary's name), said
    in the language of the message it is part of."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key, self.params = key, params

    def __str__(self) -> str:
        return self.say("en")


class Refusal(Said, Exception):
    """A refusal worded by the language tables: Refusal("bundle.x", file=...)."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(self.say("en"))


_ERRNO = {
    errno.ENOENT: "missing", errno.EACCES: "permission", errno.EPERM: "permission", errno.ENOSPC: "disk_full",
    errno.EROFS: "read_only", errno.EEXIST: "exists", errno.EISDIR: "is_folder", errno.ENOTDIR: "not_folder",
    errno.EBUSY: "busy", errno.ENAMETOOLONG: "name_too_long", errno.EIO: "io", errno.EINVAL: "invalid",
    errno.EMFILE: "too_many_open", errno.EXDEV: "other_drive", errno.ENOTEMPTY: "not_empty",
}
if hasattr(errno, "EDQUOT"):
    _ERRNO[errno.EDQUOT] = "disk_full"
# Windows reports some of these by its own error number (winerror), with errno
# set to a near C equivalent; sharing violations (32, 33) have none.
_WINERROR = {32: "busy", 33: "busy", 112: "disk_full", 5: "permission", 206: "name_too_long"}


def os_error(exc: OSError, lang: str) -> str:
    """What went wrong with a file, in the user's language (the file itself is
    named by the message around it)."""
    kind = _WINERROR.get(getattr(exc, "winerror", None) or 0) or _ERRNO.get(exc.errno or 0)
    if kind is None:
        return t("system.os.other", lang, number=exc.errno if exc.errno is not None else "?")
    return t(f"system.os.{kind}", lang)


_SQLITE = (("database is locked", "locked"), ("database or disk is full", "disk_full"),
           ("file is not a database", "not_database"), ("malformed", "damaged"), ("disk i/o error", "io"),
           ("readonly database", "read_only"), ("unable to open database file", "cannot_open"))


# What is missing from a database made by another version, or damaged: the
# table or column is named (a code, the same in every language).
_MISSING = (
    (re.compile(r"no such table: ([\w.]+)"), "no_table"),
    (re.compile(r"(?:no such column: |has no column named )([\w.]+)"), "no_column"),
    (re.compile(r"no such row: (\w+ \w+)"), "no_row"),  # ours: a row every database of ours has
)


def db_error(exc: sqlite3.Error, lang: str) -> str:
    """A database error in the user's language; its English text only names the kind."""
    for pattern, kind in _MISSING:
        found = pattern.search(str(exc))
        if found:
            return t(f"system.db.{kind}", lang, name=found.group(1))
    text = str(exc).lower()
    for fragment, kind in _SQLITE:
        if fragment in text:
            return t(f"system.db.{kind}", lang)
    return t("system.db.other", lang, kind=type(exc).__name__)


def say(exc: BaseException | Said, lang: str) -> str:
    """Any error a person will read, in their language where we know its words."""
    if isinstance(exc, Said):
        return exc.say(lang)
    from inspector.assignment.errors import InputFileError

    if isinstance(exc, InputFileError):
        from inspector.i18n.where import input_error

        return input_error(exc, lang)
    if isinstance(exc, sqlite3.Error):
        return db_error(exc, lang)
    if isinstance(exc, OSError):
        where = exc.filename
        return t("system.os.at", lang, file=where, error=os_error(exc, lang)) if where else os_error(exc, lang)
    return str(exc)
