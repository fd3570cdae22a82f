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

        params = {name: value.say(lang) if isinstance(value, Said) else value for name, value in self.params.items()}
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


class StoredProblem(Said):
    """What a stored version fails today (a pydantic error): the field by the
    editor's name for it and what is wrong, in the user's language."""

    def __init__(self, error: dict, data: object = None) -> None:
        self.error, self.data = error, data  # data: the stored template, to name the item by its id

    def say(self, lang: str) -> str:
        from inspector.i18n import t
        from inspector.i18n.validation import explain

        from .validation import _locate, _part
        from .wording import field_label, part_label

        section, item, rest = _locate(tuple(self.error.get("loc") or ()))
        field = field_label(".".join(str(p) for p in rest), lang)
        where = _part(self.data, section, item) if isinstance(self.data, dict) else "template"
        return t("checklists.problem_line", lang, where=part_label(where, lang), field=field,
                 message=explain(self.error, lang))

    def __str__(self) -> str:
        return self.say("en")
