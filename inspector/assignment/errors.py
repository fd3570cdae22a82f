"""Errors about an input file, worded as one line a person can act on."""

from __future__ import annotations


class InputFileError(Exception):
    """An input file was refused. `str()` gives the one line shown to the user:
    file, then record, then field, then what is wrong.

    `code`, when set, names the refusal for the user's language: the command
    line shows i18n "load.<code>" formatted with `file` and `params` instead
    A refusal by pydantic carries its `error`, which the command line says in
    the user's language too; `str()` stays English, for logs."""

    def __init__(self, file: str, message: str, *, record: str | None = None, field: str | None = None,
                 code: str | None = None, error: dict | None = None, more: int = 0, what: str = "",
                 **params: object):
        # `error`: the pydantic error behind the message, said in the user's
        # language by i18n/validation.py (`more` others followed it; `what` names
        # the file's format: assignment, bundle).
        self.error, self.more, self.what = error, more, what
        self.file = _one_line(file)
        self.record = None if record is None else _one_line(record)
        self.field = None if field is None else _one_line(field)
        self.message = _one_line(message)
        self.code = code
        # An error among the values (an OSError) is said in the reader's language when shown.
        self.params = {key: value if isinstance(value, (BaseException, int, float)) or hasattr(value, "say")
                       else _one_line(value) for key, value in params.items()}
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [self.file]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(f"field {self.field}")
        return ": ".join(parts) + f": {self.message}"


def _one_line(text: str) -> str:
    # Names come from the file itself; a newline in a project code must not
    # break the one-line promise.
    return " ".join(str(text).split())


def field_path(loc: tuple) -> str:
    """A pydantic location as the field a person wrote: `sections[0].items[2].answer`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("pass_fail", "single_choice", "score", "number", "text", "date"):
            continue  # discriminator tags pydantic inserts; not a field anyone wrote
        else:
            out += ("." if out else "") + str(part)
    return out


def describe(error: dict, what: str = "assignment") -> str:
    """One pydantic error as a short phrase; `what` names the file format."""
    import json

    kind = error["type"]
    given = error.get("input")
    shown = json.dumps(given, ensure_ascii=False, default=str)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return f"unknown field (not in the {what} format)"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{shown} is not allowed; expected one of {expected}"
    from inspector.models.base import CUSTOM_ERRORS

    if kind == "value_error" or kind in CUSTOM_ERRORS:
        return str(error["msg"]).removeprefix("Value error, ")
    return f"{error['msg']} (got {shown})"
