"""A review refusal in the user's language: the record kind and field it
names as words (问题, 严重程度), not codes. For the CLI and the interface alike."""

from __future__ import annotations

from inspector.i18n import has, labels, t

from . import ReviewRefused


def field_word(field: str, lang: str) -> str:
    key = f"review.field.{field}"
    return t(key, lang) if has(key, lang) else field


def kind_word(kind: str, lang: str) -> str:
    return labels("RecordKind", lang).get(kind, kind)


def refusal(exc: ReviewRefused, lang: str) -> str:
    params = dict(exc.params)
    if isinstance(params.get("field"), str):
        params["field"] = field_word(params["field"], lang)
    if isinstance(params.get("kind"), str):
        params["kind"] = kind_word(params["kind"], lang)
    if params.get("state") in labels("ReviewState", lang):  # a state's code: its word
        params["state"] = labels("ReviewState", lang)[params["state"]]
    if isinstance(params.get("state_code"), str):
        params["state"] = labels("ReviewState", lang).get(params["state_code"], params["state_code"])
    if isinstance(params.get("vocabulary"), str):  # what may be chosen, in the reader's language
        from inspector.office.names import choices

        params["choices"] = choices(params["vocabulary"], lang)
    if isinstance(params.get("id"), str) and len(params["id"]) > 8:
        params["id"] = params["id"][:8]  # what the lists show; enough to find it
    return t(f"review.{exc.code}", lang, **params)
