"""Errors about an input file, worded as one line a person can act on."""

from __future__ import annotations


class InputFileError(Exception):
    """An input file was refused. `str()` gives the one line shown to the user:
    file, then record, then field, then what is wrong."""

    def __init__(self, file: str, message: str, *, record: str | None = None, field: str | None = None):
        self.file = file
        self.record = record
        self.field = field
        self.message = " ".join(message.split())
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [self.file]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(f"field {self.field}")
        return ": ".join(parts) + f": {self.message}"
