"""A refused bundle, said in one line: file, then member or record, then field."""

from __future__ import annotations

from inspector.assignment.errors import InputFileError


class BundleError(InputFileError):
    """The bundle was refused before anything of it was trusted or stored.
    `str()` is the one line a person sees: file, member (and line, record id),
    field, what is wrong."""


def refused(where: str, code: str, /, *, record: str | None = None, field: str | None = None,
            **params: object) -> BundleError:
    """A bundle refused for the reason `code`, worded by the language tables
    (key `load.bundle_<code>`, i18n/areas/bundle_refusals.py); str() is the
    English wording, for logs."""
    from inspector.i18n import t
    from inspector.i18n.where import said_params

    english = t(f"load.bundle_{code}", "en", where="\x00", **said_params(params, "en")).split("\x00", 1)[1].removeprefix(": ")
    return BundleError(where, english, record=record, field=field, code=f"bundle_{code}", **params)
