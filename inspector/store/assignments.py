"""Storing an assignment: projects, template versions and problems to re-check,
all in one transaction, without touching anything recorded on site."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal

from sqlite_utils import Database

from inspector.bulk import paused_gc
from inspector.i18n import label
from inspector.models import Assignment, ChecklistTemplate
from inspector.models.vocab import City

from .errors import StoreError
from inspector.pinyin import sort_key

from .projects import place_key, search_key
from . import sentback as sent_back
from .ownership import record_inspector
from .trust import TrustedOffice, trust_office
from .transaction import immediate


@dataclass(frozen=True)
class LoadOutcome:
    status: Literal["loaded", "updated", "unchanged"]
    assignment_id: str
    round_name: str
    inspector_name: str
    projects: int
    templates: int
    problems: int
    sent_back: int = 0  # records the office sent back to the inspector
    kept_local: int = 0  # of those, kept as the laptop had them (newer work here)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _template_hash(template: ChecklistTemplate) -> str:
    return content_hash(template.model_dump_json())


CLOCK_SKEW = timedelta(days=1)


def save_assignment(db: Database, assignment: Assignment, *, pin: TrustedOffice | None = None,
                    moved_from: TrustedOffice | None = None,
                    owner: bool = False) -> LoadOutcome:
    """Store `assignment`. Raises StoreError (and changes nothing) when it clashes
    with what is stored: a changed template version, an older issue, a record
    revision that differs from the stored one.

    `pin`: the office to trust from now on, recorded in the same transaction,
    so a refused assignment never leaves its signer trusted. `owner`: record
    the assignment's inspector as this laptop's (store.ownership), in the
    same transaction; whether that is allowed is the caller's check.
    `moved_from`: the office key `pin` replaces through a signed handover
    (remembered: receipts it signed stay valid)."""
    with paused_gc():
        return _save(db, assignment, pin, owner, moved_from)


def _digest(assignment: Assignment, project_data: list[str]) -> str:
    """Hash of the assignment's content, reusing the per-project JSON we store
    anyway (dumping the whole assignment a second time costs a tenth of a second)."""
    sha = hashlib.sha256()
    sha.update(assignment.model_dump_json(exclude={"projects", "templates", "open_problems", "sent_back", "vocabularies"}).encode())
    for part in project_data:
        sha.update(b"\x1e" + part.encode())
    for template in assignment.templates:
        sha.update(b"\x1d" + template.model_dump_json().encode())
    for problem in assignment.open_problems:
        sha.update(b"\x1c" + problem.model_dump_json().encode())
    for entry in assignment.sent_back:  # none in older files: their digest is as before
        sha.update(b"\x1b" + entry.model_dump_json().encode())
    for vocabulary in assignment.vocabularies:  # likewise
        sha.update(b"\x1a" + vocabulary.model_dump_json().encode())
    return sha.hexdigest()


def _save(db: Database, assignment: Assignment, pin: TrustedOffice | None, owner: bool,
          moved_from: TrustedOffice | None = None) -> LoadOutcome:
    project_data = [p.model_dump_json(exclude_none=True) for p in assignment.projects]
    digest = _digest(assignment, project_data)
    conn = db.conn

    def outcome(status, kept_local: int = 0) -> LoadOutcome:
        return LoadOutcome(
            status, assignment.id, assignment.round.name, assignment.inspector.name,
            len(assignment.projects), len(assignment.checklists), len(assignment.open_problems),
            len(assignment.sent_back), kept_local,
        )

    existing = conn.execute("SELECT sha256 FROM assignments WHERE id = ?", (assignment.id,)).fetchone()
    if existing is not None:
        if existing[0] == digest:
            if pin is not None:  # loaded before this laptop checked signatures
                trust_office(db, pin, moved_from=moved_from)
            return outcome("unchanged")
        raise StoreError(
            "an assignment with this id was already loaded with different content; "
            "the office must issue changes under a new id",
            field="id", code="assignment_changed", assignment=assignment.id,
        )

    # A date more than a day ahead of this laptop's clock is no date an office
    # wrote today: refused, so it cannot block every later assignment of its
    # round; one stored by an older version blocks nothing.
    latest = datetime.now(timezone.utc) + CLOCK_SKEW
    if assignment.issued_at > latest:
        raise StoreError(
            f"issued in the future ({assignment.issued_at.isoformat()}); this laptop's clock says "
            f"{datetime.now(timezone.utc).astimezone().isoformat(timespec='minutes')}",
            field="issued_at", code="assignment_from_future", issued=assignment.issued_at.isoformat(),
        )
    current = conn.execute(
        "SELECT id, issued_at FROM assignments WHERE round_id = ? AND inspector_id = ? "
        "AND superseded_by IS NULL",
        (assignment.round.id, assignment.inspector.id),
    ).fetchone()
    if (current is not None and datetime.fromisoformat(current[1]) >= assignment.issued_at
            and datetime.fromisoformat(current[1]) <= latest):
        raise StoreError(
            f"not newer than assignment {current[0]} already loaded for this round "
            f"(issued {current[1]})",
            field="issued_at", code="assignment_not_newer",
            assignment=assignment.id, loaded=current[0], issued=current[1],
        )

    template_rows = []
    for index, template in enumerate(assignment.templates):
        sha = _template_hash(template)
        stored = conn.execute(
            "SELECT sha256 FROM templates WHERE id = ? AND version = ?", (template.id, template.version)
        ).fetchone()
        if stored is None:
            template_rows.append(
                (template.id, template.version, template.kind, template.title, sha, template.model_dump_json())
            )
        elif stored[0] != sha:
            raise StoreError(
                f"differs from the stored version {template.version}; a published version never "
                f"changes, so issue the edit as version {template.version + 1}",
                record=f"templates[{index}] ({template.id} v{template.version})", field="version",
                code="template_changed", template=template.id, version=template.version, next=template.version + 1,
            )

    sent = sent_back.plan(conn, assignment)
    in_file = {(t.id, t.version): t for t in assignment.templates}
    problem_rows = []
    for index, problem in enumerate(assignment.open_problems):
        if problem.item is not None and (problem.item.template, problem.item.version) not in in_file:
            stored = conn.execute(
                "SELECT data FROM templates WHERE id = ? AND version = ?",
                (problem.item.template, problem.item.version),
            ).fetchone()
            if stored is None:
                raise StoreError(
                    f"checklist {problem.item.template} v{problem.item.version} is neither in the file "
                    "nor loaded before",
                    record=f"open_problems[{index}] ({problem.id})", field="item.template",
                    code="problem_template_missing", template=problem.item.template, version=problem.item.version,
                )
            if ChecklistTemplate.model_validate_json(stored[0]).item(problem.item.item) is None:
                raise StoreError(
                    f"item '{problem.item.item}' does not exist in {problem.item.template} v{problem.item.version}",
                    record=f"open_problems[{index}] ({problem.id})", field="item.item",
                    code="problem_item_missing", item=problem.item.item, template=problem.item.template,
                    version=problem.item.version,
                )
        if str(problem.id) in sent.handled:
            continue  # sent back to this inspector: stored with care for their newer work (store.sentback)
        data = problem.model_dump_json()
        stored = conn.execute(
            "SELECT data FROM problems WHERE id = ? AND rev = ?", (str(problem.id), problem.rev)
        ).fetchone()
        if stored is None:
            problem_rows.append((
                str(problem.id), problem.rev, problem.base_rev, problem.project_code,
                None if problem.visit_id is None else str(problem.visit_id), problem.status,
                problem.severity, problem.category, problem.author, problem.device,
                problem.created_at.isoformat(), problem.updated_at.isoformat(), "office", data,
            ))
        elif stored[0] != data:
            raise StoreError(
                f"revision {problem.rev} differs from the one already stored",
                record=f"open_problems[{index}] ({problem.id})", field="rev", code="problem_rev_changed",
                rev=problem.rev,
            )

    places: dict[tuple[str, str], str] = {}
    project_rows = []
    for p, data in zip(assignment.projects, project_data):
        place = places.get((p.city, p.district))
        if place is None:
            place = places[(p.city, p.district)] = place_key(label(City, p.city), p.city, p.district)
        project_rows.append((
            p.code, p.name, p.city, p.district, p.creation_type, p.orientation, p.batch, int(p.rural),
            search_key(p.name, place), sort_key(p.name), data,
        ))

    with immediate(db):
        conn.executemany(
            "INSERT INTO projects (code, name, city, district, creation_type, orientation, batch, "
            "rural, search, sort_name, data) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET "
            "name=excluded.name, city=excluded.city, district=excluded.district, "
            "creation_type=excluded.creation_type, orientation=excluded.orientation, "
            "batch=excluded.batch, rural=excluded.rural, search=excluded.search, "
            "sort_name=excluded.sort_name, data=excluded.data",
            project_rows,
        )
        conn.executemany("INSERT INTO templates VALUES (?,?,?,?,?,?)", template_rows)
        conn.executemany(
            "INSERT INTO problems (id, rev, base_rev, project_code, visit_id, status, severity, "
            "category, author, device, created_at, updated_at, origin, data, sealed) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
            problem_rows,
        )
        conn.execute(
            "INSERT INTO assignments (id, round_id, round_name, inspector_id, inspector_name, "
            "issued_by, issued_at, sha256, loaded_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                assignment.id, assignment.round.id, assignment.round.name, assignment.inspector.id,
                assignment.inspector.name, assignment.issued_by, assignment.issued_at.isoformat(),
                digest, datetime.now(timezone.utc).isoformat(),
            ),
        )
        # One statement in C rather than 10,000 bound tuples.
        conn.execute(
            "INSERT INTO assignment_projects SELECT ?, value FROM json_each(?)",
            (assignment.id, json.dumps([p.code for p in assignment.projects])),
        )
        conn.executemany(
            "INSERT INTO assignment_checklists VALUES (?, ?, ?)",
            [(assignment.id, ref.id, ref.version) for ref in assignment.checklists],
        )
        conn.executemany(
            "INSERT INTO assignment_problems VALUES (?, ?)",
            [(assignment.id, str(p.id)) for p in assignment.open_problems],
        )
        conn.executemany(
            "INSERT INTO assignment_vocabularies VALUES (?, ?, ?, ?)",
            [(assignment.id, v.kind, v.version, v.model_dump_json()) for v in assignment.vocabularies],
        )
        sent_back.store(conn, sent)
        if current is not None:
            conn.execute("UPDATE assignments SET superseded_by = ? WHERE id = ?", (assignment.id, current[0]))
        if pin is not None:
            trust_office(db, pin, moved_from=moved_from)  # nested: a savepoint inside this transaction
        if assignment.bundle_recipient:  # signed by the trusted office (only such assignments are stored)
            conn.execute("INSERT INTO meta (key, value) VALUES ('office_recipient', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (assignment.bundle_recipient,))
        if owner:
            record_inspector(db, assignment.inspector.id)
    from inspector.vocabularies import remember

    remember(assignment.vocabularies)
    return outcome("updated" if current is not None else "loaded", sum(row[10] for row in sent.entries))
