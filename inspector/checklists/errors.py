"""Refusals of checklist work, each worded for a person and carrying a code
the interfaces turn into their language."""

from __future__ import annotations

from inspector.i18n.said import Said


class ChecklistError(Said, Exception):
    """A refused checklist operation. `code` names it for inspector.i18n
    (`checklists.error.<code>`), `params` fill the message; `str()` is English."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.key = f"checklists.error.{code}"
        self.message = message
        self.params = params

    def say(self, lang: str) -> str:
        from inspector.i18n import label, t

        params = dict(self.params)
        if "kind" in params:  # a checklist kind by its name, not its code
            params["kind"] = label("ChecklistKind", params["kind"], lang)
        return t(self.key, lang, **params)


class ChecklistInvalid(ChecklistError):
    """A draft that does not validate: `problems` says where, item by item."""

    def __init__(self, problems: list) -> None:
        super().__init__("invalid", f"{len(problems)} problem(s) must be fixed before publishing",
                         count=len(problems))
        self.problems = problems


def checklist_refusal(exc: ChecklistError, lang: str) -> str:
    """The refusal in the person's language (checklist kinds named, not coded)."""
    return exc.say(lang)
