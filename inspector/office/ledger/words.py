"""A ledger refusal in the user's language: statuses and steps as words,
not codes. For the CLI and the interface alike."""

from __future__ import annotations

from inspector.i18n import has, labels, t

from . import LedgerRefused


def said(value: object, lang: str) -> object:
    """A param that is an error (a file that cannot be read) in the user's
    language: an OSError by its errno, never the platform's English."""
    if not isinstance(value, BaseException):
        return value
    from inspector.i18n.said import os_error, say

    return os_error(value, lang) if isinstance(value, OSError) else say(value, lang)


def refusal(exc: LedgerRefused, lang: str) -> str:
    params = {name: said(value, lang) for name, value in exc.params.items()}
    if isinstance(params.get("status"), str):
        params["status"] = labels("LedgerStatus", lang).get(params["status"], params["status"])
    if isinstance(params.get("step"), str) and has(f"ledger.step.{params['step']}", lang):
        params["step"] = t(f"ledger.step.{params['step']}", lang)
    if params.get("field") in ("deadline", "date"):
        params["field"] = t(f"ledger.field.{params['field']}", lang)
    message = t(f"ledger.{exc.code}", lang, **params)
    if exc.code.startswith("cell_"):  # a cell of a file, or an option typed: say which first
        if params.get("file"):
            where = t("ledger.cell_at", lang, file=params["file"], row=params["row"], column=params["column"])
        else:
            where = t("ledger.cell_option", lang, column=params["column"])
        message = f"{where}{message}"
    return message
