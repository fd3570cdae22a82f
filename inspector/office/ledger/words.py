"""A ledger refusal in the user's language: statuses and steps as words,
not codes. For the CLI and the interface alike."""

from __future__ import annotations

from inspector.i18n import has, labels, t

from . import LedgerRefused


def refusal(exc: LedgerRefused, lang: str) -> str:
    params = dict(exc.params)
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
