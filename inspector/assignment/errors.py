"""Errors about an input file, worded as one line a person can act on."""

from __future__ import annotations


class InputFileError(Exception):
    """An input file was refused. `str()` gives the one line shown to the user:
    file, then record, then field, then what is wrong."""

    def __init__(self, file: str, message: str, *, record: str | None = None, field: str | None = None):
        self.file = _one_line(file)
        self.record = None if record is None else _one_line(record)
        self.field = None if field is None else _one_line(field)
        self.message = _one_line(message)
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
