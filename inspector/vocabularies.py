"""The vocabularies as both halves read them: the built-in ones (the enums of
models/vocab.py and models/tags.py, named by the language tables) and the
one function that names a code, whatever vocabulary is in force.

`name(kind, code, lang, vocabulary)` never raises: the vocabulary's own name
first (the office may have renamed it, or added the code), then the language
tables' label, then the code itself. An old record's retired code still
shows its name; a code nobody knows shows as written."""

from __future__ import annotations

from collections.abc import Iterable

from inspector.models.vocabulary import VOCABULARY_KINDS, Vocabulary, VocabularyEntry

# kind -> the LABELS table naming its built-in codes (i18n)
LABEL_TABLES = {
    "problem_category": "ProblemCategory", "evidence_type": "EvidenceType", "rectification": "Rectification",
    "indicator": "Tag.indicator", "dimension": "Tag.dimension", "sanhua": "Tag.sanhua",
}
KINDS = VOCABULARY_KINDS
KIND_OF_TABLE = {table: kind for kind, table in LABEL_TABLES.items()}

# The versions this process has read from the database it opened (the
# office's published ones, or those the laptop's assignments carried): what
# names a code when the caller has no vocabulary at hand (label() in every
# screen and report). Keyed by (kind, version, entries): the same version
# read twice is kept once.
_known: dict[str, dict[tuple, Vocabulary]] = {}


def remember(vocabularies: Iterable[Vocabulary]) -> None:
    for vocabulary in vocabularies:
        key = (vocabulary.version, vocabulary.model_dump_json())
        _known.setdefault(vocabulary.kind, {})[key] = vocabulary


def known(kind: str) -> list[Vocabulary]:
    return sorted(_known.get(kind, {}).values(), key=lambda v: v.version)


def forget() -> None:
    _known.clear()


def built_in_codes(kind: str) -> tuple[str, ...]:
    """The codes the software ships with; read from their home, never copied."""
    from inspector.models import tags
    from inspector.models.vocab import EvidenceType, ProblemCategory

    if kind == "problem_category":
        return tuple(c.value for c in ProblemCategory)
    if kind == "evidence_type":
        return tuple(e.value for e in EvidenceType)
    if kind == "rectification":
        from inspector.office.ledger import RECTIFICATIONS

        return RECTIFICATIONS
    if kind in tags.BUILT_IN:
        return tags.BUILT_IN[kind]
    return ()  # units: the office's own directory, nothing built in


def _label(kind: str, code: str, lang: str) -> str | None:
    from inspector.i18n import _table

    table = LABEL_TABLES.get(kind)
    return _table(lang).LABELS.get(table, {}).get(code) if table else None


def built_in(kind: str) -> Vocabulary:
    """Version 1 of a kind as the software ships it: what an office starts from,
    and what an assignment issued before vocabularies travelled is read with."""
    return Vocabulary(kind=kind, version=1, entries=[
        VocabularyEntry(code=code, zh=_label(kind, code, "zh") or code, en=_label(kind, code, "en"))
        for code in built_in_codes(kind)])


def name(kind: str, code: str | None, lang: str = "zh", vocabulary: Vocabulary | Iterable[Vocabulary] | None = None) -> str:
    """The word for a code in `lang`: the vocabulary's name, else the built-in
    label, else the code. Several vocabularies may be given (every version
    the office published): the newest that knows the code names it."""
    if code is None:
        return ""
    found = entry_of(code, known(kind) if vocabulary is None else vocabulary)
    if found is not None:
        # An office entry without an English name: the shipped English label if
        # the code has one, else its Chinese name (typed by people, as a unit's).
        return (found.en or _label(kind, code, "en") or found.zh) if lang == "en" else found.zh
    return _label(kind, code, lang) or code


def names(kind: str, lang: str) -> dict[str, str]:
    """code -> name of every code known: the built-in labels, then every
    version read (its names win): for looking names up, not for offering."""
    from inspector.i18n import _table

    out = dict(_table(lang).LABELS.get(LABEL_TABLES.get(kind, ""), {}))
    for vocabulary in known(kind):
        for entry in vocabulary.entries:
            out[entry.code] = name(kind, entry.code, lang, vocabulary)
    return out


def entry_of(code: str, vocabulary: Vocabulary | Iterable[Vocabulary] | None) -> VocabularyEntry | None:
    if vocabulary is None:
        return None
    versions = [vocabulary] if isinstance(vocabulary, Vocabulary) else sorted(vocabulary, key=lambda v: v.version)
    for version in reversed(versions):
        found = version.entry(code)
        if found is not None:
            return found
    return None


def choices(kind: str, lang: str, vocabulary: Vocabulary | None = None, *, keep: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(code, name) pairs a form offers: the vocabulary's entries not retired
    (the built-in ones when none is given), plus the codes in `keep` (what the
    record being edited already holds, so a retired code is not lost)."""
    vocabulary = vocabulary or built_in(kind)
    offered = [(e.code, name(kind, e.code, lang, vocabulary)) for e in vocabulary.offered()]
    codes = {code for code, _ in offered}
    offered += [(code, name(kind, code, lang, vocabulary)) for code in keep if code and code not in codes]
    return offered


def allows(vocabulary: Vocabulary | None, kind: str, code: str) -> bool:
    """Whether a new record may use `code`: an entry of the vocabulary in force,
    not retired (the built-in one when none is given)."""
    found = (vocabulary or built_in(kind)).entry(code)
    return found is not None and not found.retired


def preferred(kind: str, vocabulary: Vocabulary | None, *wanted: str | None) -> str:
    """The first of `wanted` a new record may use (an item's suggested
    category, then `other`), else the first the vocabulary offers."""
    for code in wanted:
        if code and allows(vocabulary, kind, code):
            return code
    offered = (vocabulary or built_in(kind)).offered()
    return offered[0].code if offered else next((c for c in wanted if c), "")
