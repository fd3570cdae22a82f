"""Vocabularies the office owns: versions and drafts (store), CSV (files)."""

from inspector.i18n.said import Refusal


class VocabularyRefused(Refusal):
    """Nothing was stored. Its key is "vocab.<code>" of i18n/areas/vocabularies.py."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(f"vocab.{code}", **params)
