"""A refused bundle, said in one line: file, then member or record, then field."""

from __future__ import annotations

from inspector.assignment.errors import InputFileError


class BundleError(InputFileError):
    """The bundle was refused before anything of it was trusted or stored.
    `str()` is the one line a person sees: file, member (and line, record id),
    field, what is wrong."""
