"""Checklist versions in the office database: one draft per template being
edited, and published versions that never change.

Editing starts a draft from the newest published version; every change to
the draft is saved as it is made (it may be invalid meanwhile); publishing
checks it, gives it the next version number and a change summary, and
removes the draft, all in one transaction. Visits on laptops name the
version they started with, so an older version stays usable for as long as
anything refers to it: nothing here ever updates or deletes one (the
database's triggers refuse it too, see office/db.py o005).

Every function takes the office database first (sqlite-utils Database or a
plain sqlite3 connection) and is safe to call from the editor's writer thread.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

from pydantic import ValidationError

from inspector.models import ChecklistTemplate
from inspector.office import audit

from .diff import TemplateDiff, diff_templates
from .errors import ChecklistError, StoredProblem
from .validation import validated


@dataclass(frozen=True)
class TemplateSummary:
    id: str
    kind: str
    title: str
    latest: int | None  # newest published version; None: never published (a new template's draft)
    versions: int
    draft_based_on: int | None
    has_draft: bool
    draft_updated_at: str | None


@dataclass(frozen=True)
class VersionInfo:
    id: str
    version: int
    title: str
    published_at: str | None  # None for versions that came from elsewhere (an assignment, before o005)
    summary: str
    based_on: int | None
    sha256: str


@dataclass(frozen=True)
class Draft:
    template_id: str
    based_on: int | None
    data: dict
    updated_at: str
    revision: str  # changes with every write; a save names the one it edited (see save_draft)


@dataclass(frozen=True)
class Published:
    template: ChecklistTemplate
    summary: str
    diff: TemplateDiff


def _conn(db):
    return getattr(db, "conn", db)


@contextmanager
def _writing(conn):
    """One transaction that holds the write lock from its first read: two
    offices publishing at once must not both take the same version number."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(template: ChecklistTemplate) -> str:
    # The same hash the laptop stores for a loaded version (store/assignments.py):
    # one version has one hash wherever it lives.
    return hashlib.sha256(template.model_dump_json().encode("utf-8")).hexdigest()


def as_draft_data(template: ChecklistTemplate) -> dict:
    """A template as draft data: every field present, so the editor's forms
    and the stored JSON say the same thing."""
    return template.model_dump(mode="json")


# ------------------------------------------------------------------ reading
def list_templates(db) -> list[TemplateSummary]:
    conn = _conn(db)
    found: dict[str, TemplateSummary] = {}
    for tid, kind, data, latest, count in conn.execute(
        """SELECT t.id, t.kind, t.data, t.version, c.n FROM templates t
           JOIN (SELECT id, max(version) AS v, count(*) AS n FROM templates GROUP BY id) c
             ON c.id = t.id AND c.v = t.version"""
    ):
        title = json.loads(data).get("title", "")
        found[tid] = TemplateSummary(tid, kind, title, latest, count, None, False, None)
    for tid, based_on, data, updated in conn.execute(
        "SELECT template_id, based_on, data, updated_at FROM checklist_drafts"
    ):
        try:
            draft = json.loads(data)
        except ValueError:
            draft = {}
        draft = draft if isinstance(draft, dict) else {}
        known = found.get(tid)
        title = draft.get("title") if isinstance(draft.get("title"), str) else ""
        kind = draft.get("kind") if isinstance(draft.get("kind"), str) else ""
        found[tid] = TemplateSummary(
            tid, known.kind if known else kind, known.title if known else title,
            known.latest if known else None, known.versions if known else 0, based_on, True, updated,
        )
    return sorted(found.values(), key=lambda s: (s.kind != "problem", s.id))


def list_versions(db, template_id: str) -> list[VersionInfo]:
    rows = _conn(db).execute(
        """SELECT t.version, t.data, t.sha256, v.published_at, v.summary, v.based_on
           FROM templates t LEFT JOIN template_versions v ON v.template_id = t.id AND v.version = t.version
           WHERE t.id = ? ORDER BY t.version""",
        (template_id,),
    ).fetchall()
    return [VersionInfo(template_id, version, json.loads(data).get("title", ""), published_at, summary or "",
                        based_on, sha)
            for version, data, sha, published_at, summary, based_on in rows]


def latest_version(db, template_id: str) -> int | None:
    (latest,) = _conn(db).execute("SELECT max(version) FROM templates WHERE id = ?", (template_id,)).fetchone()
    return latest


def published(db, template_id: str, version: int | None = None) -> ChecklistTemplate:
    """A published version (the newest when `version` is None): what an
    assignment carries."""
    conn = _conn(db)
    if version is None:
        version = latest_version(conn, template_id)
        if version is None:
            raise ChecklistError("no_template", f"no published checklist '{template_id}'", id=template_id)
    row = conn.execute("SELECT data FROM templates WHERE id = ? AND version = ?", (template_id, version)).fetchone()
    if row is None:
        raise ChecklistError("no_version", f"checklist '{template_id}' has no version {version}",
                             id=template_id, version=version)
    try:
        return ChecklistTemplate.model_validate_json(row[0])
    except ValidationError as exc:
        # Stored before a check that is stricter now (e.g. a control character
        # in its text): named, not a crash.
        try:
            data = json.loads(row[0])
        except ValueError:
            data = None
        problem = StoredProblem(exc.errors(include_url=False)[0], data)
        raise ChecklistError("unreadable", f"version {version} of '{template_id}' does not pass today's checks "
                                           f"({problem})", id=template_id, version=version,
                             problem=problem) from None


def get_draft(db, template_id: str) -> Draft | None:
    row = _conn(db).execute(
        "SELECT based_on, data, updated_at, revision FROM checklist_drafts WHERE template_id = ?", (template_id,)
    ).fetchone()
    if row is None:
        return None
    try:
        data = json.loads(row[1])
    except ValueError:
        data = {}
    return Draft(template_id, row[0], data if isinstance(data, dict) else {}, row[2], row[3])


# ------------------------------------------------------------------ writing
def _revision() -> str:
    return uuid.uuid4().hex


def _store_draft(conn, template_id: str, based_on: int | None, data: dict) -> Draft:
    moment = now()
    revision = _revision()
    conn.execute(
        "INSERT INTO checklist_drafts (template_id, based_on, data, created_at, updated_at, revision) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(template_id) DO UPDATE SET "
        "based_on = excluded.based_on, data = excluded.data, created_at = excluded.created_at, "
        "updated_at = excluded.updated_at, revision = excluded.revision",
        (template_id, based_on, json.dumps(data, ensure_ascii=False), moment, moment, revision),
    )
    return Draft(template_id, based_on, data, moment, revision)


def open_draft(db, template_id: str) -> Draft:
    """The draft being edited, or a new one started from the newest published version."""
    with _writing(_conn(db)) as conn:
        draft = get_draft(conn, template_id)
        if draft is not None:
            return draft
        base = published(conn, template_id)
        data = as_draft_data(base)
        data["version"] = base.version + 1
        return _store_draft(conn, template_id, base.version, data)


def new_template(db, template_id: str, kind: str, title: str, *, by: str) -> Draft:
    """A draft of a template that has never been published: one section with one
    empty item to fill in (the editor points at what is missing)."""
    data = {
        "id": template_id, "version": 1, "kind": kind, "title": title, "title_en": None, "description": "",
        "sections": [{"id": "section-1", "title": title, "title_en": None, "items": [blank_item("item-1")]}],
    }
    with _writing(_conn(db)) as conn:
        if latest_version(conn, template_id) is not None or get_draft(conn, template_id) is not None:
            raise ChecklistError("exists", f"checklist '{template_id}' exists already", id=template_id)
        audit.record(conn, by, "checklist.new", template_id, detail={"kind": kind, "title": title})
        return _store_draft(conn, template_id, None, data)


def blank_item(item_id: str, scenario: str = "general") -> dict:
    """A new item as draft data: a pass/fail question without its prompt yet."""
    return {
        "id": item_id, "prompt": "", "prompt_en": None, "guidance": "", "guidance_en": None,
        "scenario": scenario, "evidence": [], "answer": {"type": "pass_fail"}, "required": False,
        "applies": {"creation_types": [], "orientations": [], "setting": "any", "declared_scenario": None,
                    "scenario_roles": ["standard", "optional"]},
        "max_score": None, "veto": False, "problem_category": None, "innovation_category": None, "tags": [],
    }


def save_draft(db, template_id: str, data: dict, *, revision: str) -> Draft:
    """Store the draft as it stands, valid or not (it is checked on publishing).
    `revision` is the one this edit was made on; when the draft has been
    written since (an import --replace, another editor), the save is refused
    rather than wiping that write."""
    data = dict(data)
    data["id"] = template_id  # the id names the template; a draft cannot rename it
    moment = now()
    with _writing(_conn(db)) as conn:
        row = conn.execute("SELECT based_on, revision FROM checklist_drafts WHERE template_id = ?",
                           (template_id,)).fetchone()
        if row is None:
            raise ChecklistError("no_draft", f"checklist '{template_id}' has no draft (published or discarded "
                                             "meanwhile?)", id=template_id)
        if row[1] != revision:
            raise ChecklistError("draft_changed", f"the draft of '{template_id}' was changed elsewhere since this "
                                                  "edit began (imported, or edited in another window); not saved",
                                 id=template_id)
        new_revision = _revision()
        conn.execute("UPDATE checklist_drafts SET data = ?, updated_at = ?, revision = ? WHERE template_id = ?",
                     (json.dumps(data, ensure_ascii=False), moment, new_revision, template_id))
    return Draft(template_id, row[0], data, moment, new_revision)


def discard_draft(db, template_id: str, *, by: str) -> bool:
    with _writing(_conn(db)) as conn:
        gone = conn.execute("DELETE FROM checklist_drafts WHERE template_id = ?", (template_id,)).rowcount > 0
        if gone:
            audit.record(conn, by, "checklist.discard", template_id)
        return gone


def discard_if_unchanged(db, template_id: str) -> bool:
    """Drop the draft when it is exactly the version it was started from."""
    with _writing(_conn(db)) as conn:
        draft = get_draft(conn, template_id)
        if draft is None or draft.based_on is None:
            return False
        data = as_draft_data(published(conn, template_id, draft.based_on))
        data["version"] = draft.based_on + 1
        if draft.data != data:
            return False
        conn.execute("DELETE FROM checklist_drafts WHERE template_id = ?", (template_id,))
        return True


def import_draft(db, template: ChecklistTemplate, *, by: str, source: str = "",
                 replace: bool = False) -> Draft:
    """Make `template` (from a spreadsheet or a JSON file) the draft of its id,
    based on the newest published version. An existing draft is kept unless
    `replace`: someone may be editing it."""
    with _writing(_conn(db)) as conn:
        if get_draft(conn, template.id) is not None and not replace:
            raise ChecklistError("draft_exists", f"checklist '{template.id}' already has a draft; publish or "
                                                 "discard it first, or replace it", id=template.id)
        latest = latest_version(conn, template.id)
        if latest is not None:
            kind = published(conn, template.id, latest).kind
            if kind != template.kind:
                raise ChecklistError("kind_changed", f"checklist '{template.id}' is a {kind} checklist; this "
                                                     f"file makes it a {template.kind} one", id=template.id,
                                     kind=kind)
        data = as_draft_data(template)
        data["version"] = (latest or 0) + 1
        audit.record(conn, by, "checklist.import", template.id,
                     detail={"file": source, "based_on": latest, "replaced": replace})
        return _store_draft(conn, template.id, latest, data)


def draft_template(db, template_id: str) -> ChecklistTemplate:
    """The draft as a valid template, or ChecklistInvalid with every problem."""
    draft = get_draft(db, template_id)
    if draft is None:
        raise ChecklistError("no_draft", f"checklist '{template_id}' has no draft", id=template_id)
    return validated(draft.data)


def _prepared(conn, template_id: str) -> tuple[ChecklistTemplate, int | None, TemplateDiff]:
    """The draft as the next version, the version it replaces, and the changes;
    or the reason it cannot be published."""
    draft = get_draft(conn, template_id)
    if draft is None:
        raise ChecklistError("no_draft", f"checklist '{template_id}' has no draft", id=template_id)
    template = validated(draft.data)
    latest = latest_version(conn, template_id)
    if latest != draft.based_on:
        raise ChecklistError("stale", f"version {latest} of '{template_id}' was published after this draft "
                                      f"was started from version {draft.based_on}", id=template_id,
                             latest=latest, based_on=draft.based_on)
    base = None if latest is None else published(conn, template_id, latest)
    if base is not None and base.kind != template.kind:
        raise ChecklistError("kind_changed", f"checklist '{template_id}' is a {base.kind} checklist",
                             id=template_id, kind=base.kind)
    template = template.model_copy(update={"version": (latest or 0) + 1})
    changes = diff_templates(base, template)
    if base is not None and changes.empty:
        raise ChecklistError("unchanged", f"the draft of '{template_id}' changes nothing in version "
                                          f"{latest}", id=template_id, version=latest)
    return template, latest, changes


def preview(db, template_id: str) -> TemplateDiff:
    """What publishing the draft now would change; refused as publish() would be."""
    return _prepared(_conn(db), template_id)[2]


def publish(db, template_id: str, summary: str | None = None, *, by: str, lang: str = "zh") -> Published:
    """Publish the draft as the next version. Refused (nothing changes) when the
    draft is invalid, changes nothing, or another version was published since
    it was started. An empty summary is written from the changes."""
    with _writing(_conn(db)) as conn:
        template, latest, changes = _prepared(conn, template_id)
        summary = " ".join((summary or "").split()) or automatic_summary(changes, lang)
        moment = now()
        conn.execute("INSERT INTO templates (id, version, kind, data, sha256, imported_at) VALUES (?,?,?,?,?,?)",
                     (template.id, template.version, template.kind, template.model_dump_json(),
                      content_hash(template), moment))
        conn.execute("INSERT INTO template_versions VALUES (?, ?, ?, ?, ?)",
                     (template.id, template.version, latest, summary, moment))
        conn.execute("DELETE FROM checklist_drafts WHERE template_id = ?", (template_id,))
        audit.record(conn, by, "checklist.publish", f"{template.id}:{template.version}", reason=summary,
                     at=moment)
    return Published(template, summary, changes)


def automatic_summary(changes: TemplateDiff, lang: str = "zh") -> str:
    """A summary from the changes themselves, when the person gave none."""
    from inspector.i18n import t

    if changes.old is None:
        return t("diff.first_version", lang, **changes.counts())
    return t("diff.counts", lang, **changes.counts())
