"""Vocabulary versions in the office database (o012): one draft per kind
being edited, published versions that never change.

As with checklists, editing starts a draft from the newest version; adding,
renaming and retiring change the draft; publishing gives it the next number
and removes the draft in one transaction, attributed and audited. Codes are
never removed: an entry is retired, so every record that ever named it reads
the same. The unit directory is edited where it lives (office/ledger/units);
publishing `unit` takes a snapshot of it."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone

from pydantic import ValidationError
from sqlite_utils import Database

from inspector.i18n.said import Words
from inspector.models.vocabulary import VOCABULARY_KINDS, Vocabulary, VocabularyEntry
from inspector.office import audit
from inspector.vocabularies import built_in, remember

from . import VocabularyRefused


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _conn(db):
    return getattr(db, "conn", db)


@contextmanager
def _writing(db):
    """One transaction holding the write lock from its first read: two staff
    publishing at once must not take the same version number."""
    conn = _conn(db)
    if conn.in_transaction:  # inside a caller's transaction: that one holds the lock
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def _kind(kind: str) -> str:
    if kind not in VOCABULARY_KINDS:
        raise VocabularyRefused("unknown_kind", kind=kind, kinds=", ".join(VOCABULARY_KINDS))
    return kind


def seed(db) -> None:
    """Version 1 of every kind not yet published: what the software ships (the
    unit directory: the office's units as they stand)."""
    conn = _conn(db)
    for kind in VOCABULARY_KINDS:
        if conn.execute("SELECT 1 FROM vocabularies WHERE kind = ?", (kind,)).fetchone():
            continue
        vocabulary = _units_now(conn, 1) if kind == "unit" else built_in(kind)
        conn.execute("INSERT INTO vocabularies (kind, version, data, summary, published_at, published_by) "
                     "VALUES (?, 1, ?, 'built-in', ?, NULL)", (kind, vocabulary.model_dump_json(), _now()))


def _units_now(conn, version: int) -> Vocabulary:
    rows = conn.execute("SELECT id, name, city, disabled_at IS NOT NULL FROM units ORDER BY city, name").fetchall()
    return Vocabulary(kind="unit", version=version, entries=[
        VocabularyEntry(code=code.lower(), zh=name, city=city or None, retired=bool(disabled))
        for code, name, city, disabled in rows])


def versions(db, kind: str) -> list[Vocabulary]:
    """Every published version of a kind, oldest first."""
    rows = _conn(db).execute("SELECT data FROM vocabularies WHERE kind = ? ORDER BY version", (_kind(kind),))
    return [Vocabulary.model_validate_json(data) for (data,) in rows]


def current(db, kind: str) -> Vocabulary:
    """The newest published version (the built-in one for a database seeded
    before it knew this kind)."""
    row = _conn(db).execute("SELECT data FROM vocabularies WHERE kind = ? ORDER BY version DESC LIMIT 1",
                            (_kind(kind),)).fetchone()
    return Vocabulary.model_validate_json(row[0]) if row else built_in(kind)


def in_force(db) -> list[Vocabulary]:
    """The newest version of every kind: what an assignment carries."""
    return [current(db, kind) for kind in VOCABULARY_KINDS]


def history(db, kind: str) -> list[dict]:
    return [{"version": v, "summary": s, "published_at": at, "published_by": by} for v, s, at, by in _conn(db).execute(
        "SELECT version, summary, published_at, published_by FROM vocabularies WHERE kind = ? ORDER BY version",
        (_kind(kind),))]


# -- the draft ---------------------------------------------------------------------------


def draft(db, kind: str) -> Vocabulary:
    """The draft being edited, or a new one from the newest version."""
    if _kind(kind) == "unit":
        return _units_now(_conn(db), current(db, kind).version + 1)
    row = _conn(db).execute("SELECT data FROM vocabulary_drafts WHERE kind = ?", (kind,)).fetchone()
    if row:
        return Vocabulary.model_validate_json(row[0])
    base = current(db, kind)
    return base.model_copy(update={"version": base.version + 1})


def has_draft(db, kind: str) -> bool:
    return _conn(db).execute("SELECT 1 FROM vocabulary_drafts WHERE kind = ?", (kind,)).fetchone() is not None


def _save(db, vocabulary: Vocabulary) -> None:
    if vocabulary.kind == "unit":
        raise VocabularyRefused("units_elsewhere")
    _conn(db).execute(
        "INSERT INTO vocabulary_drafts (kind, based_on, data, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(kind) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
        (vocabulary.kind, vocabulary.version - 1, vocabulary.model_dump_json(), _now()))


def _entry(code: str, zh: str, en: str | None, retired: bool = False) -> VocabularyEntry:
    try:
        return VocabularyEntry(code=code, zh=zh, en=en or None, retired=retired)
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0])
        raise VocabularyRefused("bad_" + ("code" if field == "code" else "name"), code=code, value=zh) from None


def _check_kind_may_grow(kind: str, code: str) -> None:
    # The ledger stores a rectification type under a CHECK of its three codes,
    # each with its default deadline (office/ledger DEFAULT_DAYS): names may
    # change, the list may not grow.
    from inspector.office.ledger import RECTIFICATIONS

    if kind == "rectification" and code not in RECTIFICATIONS:
        raise VocabularyRefused("rectification_fixed", codes=", ".join(RECTIFICATIONS))


def add(db, kind: str, code: str, zh: str, en: str | None = None) -> Vocabulary:
    with _writing(db):
        return _add(db, kind, code, zh, en)


def _add(db, kind: str, code: str, zh: str, en: str | None) -> Vocabulary:
    vocabulary = draft(db, kind)
    if vocabulary.entry(code) is not None:
        raise VocabularyRefused("code_exists", code=code)
    _check_kind_may_grow(kind, code)
    vocabulary = vocabulary.model_copy(update={"entries": [*vocabulary.entries, _entry(code, zh, en)]})
    _save(db, vocabulary)
    return vocabulary


def _changed(db, kind: str, code: str, change) -> Vocabulary:
    with _writing(db):
        return _change(db, kind, code, change)


def _change(db, kind: str, code: str, change) -> Vocabulary:
    vocabulary = draft(db, kind)
    if vocabulary.entry(code) is None:
        raise VocabularyRefused("no_such_code", code=code, kind=Words(f"vocab.kind.{kind}"))
    entries = [change(e) if e.code == code else e for e in vocabulary.entries]
    vocabulary = vocabulary.model_copy(update={"entries": entries})
    _save(db, vocabulary)
    return vocabulary


def rename(db, kind: str, code: str, zh: str | None = None, en: str | None = None) -> Vocabulary:
    return _changed(db, kind, code, lambda e: _entry(code, zh or e.zh, en if en is not None else e.en, e.retired))


def retire(db, kind: str, code: str, retired: bool = True) -> Vocabulary:
    return _changed(db, kind, code, lambda e: e.model_copy(update={"retired": retired}))


def discard(db, kind: str) -> bool:
    with _writing(db) as conn:
        return conn.execute("DELETE FROM vocabulary_drafts WHERE kind = ?", (_kind(kind),)).rowcount > 0


def publish(db, kind: str, *, by: str, summary: str = "") -> Vocabulary:
    """The draft becomes the next version, attributed and in the audit log;
    refused when nothing changed since the newest version."""
    with _writing(db) as conn:
        vocabulary = draft(db, kind)
        latest = current(db, kind)
        if vocabulary.entries == latest.entries:
            raise VocabularyRefused("nothing_to_publish", kind=Words(f"vocab.kind.{kind}"), version=latest.version)
        vocabulary = vocabulary.model_copy(update={"version": latest.version + 1})
        conn.execute("INSERT INTO vocabularies (kind, version, data, summary, published_at, published_by) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (kind, vocabulary.version, vocabulary.model_dump_json(), summary, _now(), by))
        conn.execute("DELETE FROM vocabulary_drafts WHERE kind = ?", (kind,))
        audit.record(conn, by, "vocab.publish", f"{kind} v{vocabulary.version}", reason=summary or None,
                     detail=changes(latest, vocabulary))
    remember([vocabulary])  # this process's screens name it from now on
    return vocabulary


def changes(old: Vocabulary, new: Vocabulary) -> dict:
    """What a version changed: codes added, renamed, retired, brought back."""
    before = {e.code: e for e in old.entries}
    out: dict[str, list[str]] = {"added": [], "renamed": [], "retired": [], "restored": []}
    for entry in new.entries:
        was = before.get(entry.code)
        if was is None:
            out["added"].append(entry.code)
            continue
        if (was.zh, was.en) != (entry.zh, entry.en):
            out["renamed"].append(entry.code)
        if entry.retired != was.retired:
            out["retired" if entry.retired else "restored"].append(entry.code)
    return {key: codes for key, codes in out.items() if codes}


def for_assignment(db, cities: set[str]) -> list[Vocabulary]:
    """What an assignment carries: the newest version of every kind, the unit
    directory cut to the province-wide units and those of the projects'
    cities (a laptop needs no other city's units; the version number stays
    that of the whole directory it was cut from)."""
    out = []
    for vocabulary in in_force(db):
        if vocabulary.kind == "unit":
            vocabulary = vocabulary.model_copy(update={"entries": [
                e for e in vocabulary.entries if e.city is None or e.city in cities]})
        out.append(vocabulary)
    return out
