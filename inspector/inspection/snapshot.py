"""Everything about one visit, read at once: what the screens show."""

from __future__ import annotations

from dataclasses import dataclass, field

from inspector.models import (
    Answer,
    ChecklistItem,
    ChecklistTemplate,
    FollowUp,
    Innovation,
    ItemRef,
    Problem,
    Project,
    Visit,
)
from inspector.models.vocabulary import Vocabulary
from inspector.store.errors import StoreError
from inspector.store.projects import get_project, problems_to_recheck
from inspector.store.vocabularies import in_force

from .checklist import Entry, entries


def _conn(db):
    return getattr(db, "conn", db)


@dataclass
class VisitSnapshot:
    visit: Visit
    project: Project
    templates: list[ChecklistTemplate]
    entries: list[Entry]
    answers: dict[tuple, Answer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # raised on this visit
    innovations: list[Innovation] = field(default_factory=list)
    carried: list[Problem] = field(default_factory=list)  # earlier problems to re-check
    follow_ups: dict[str, FollowUp] = field(default_factory=dict)  # by problem id
    photos: dict[tuple[str, str], int] = field(default_factory=dict)  # kept photos by (kind, record id)
    # The vocabularies this project's assignment carried, by kind: what the forms offer.
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)

    @property
    def values(self) -> dict[tuple, object]:
        return {key: answer.value for key, answer in self.answers.items()}

    def problems_for(self, entry: Entry) -> list[Problem]:
        return [p for p in self.problems if p.item is not None and
                (p.item.template, p.item.version, p.item.item) == entry.key and p.status != "closed"]

    def photo_count(self, kind: str, record_id) -> int:
        return self.photos.get((kind, str(record_id)), 0)

    def innovations_for(self, entry: Entry) -> list[Innovation]:
        return [i for i in self.innovations if i.item is not None and
                (i.item.template, i.item.version, i.item.item) == entry.key]


# Parsed templates by content hash: a stored version never changes, and parsing
# a 150-item template on every saved answer cost ten times the save itself.
_TEMPLATES: dict[str, ChecklistTemplate] = {}


def load_template(db, template_id: str, version: int) -> ChecklistTemplate:
    conn = _conn(db)
    row = conn.execute(
        "SELECT sha256 FROM templates WHERE id = ? AND version = ?", (template_id, version)
    ).fetchone()
    if row is None:
        raise StoreError(f"checklist {template_id} v{version} is not stored", record="template", code="no_template",
                         template=template_id, version=version)
    template = _TEMPLATES.get(row[0])
    if template is None:
        (data,) = conn.execute(
            "SELECT data FROM templates WHERE id = ? AND version = ?", (template_id, version)
        ).fetchone()
        template = ChecklistTemplate.model_validate_json(data)
        if len(_TEMPLATES) > 64:
            _TEMPLATES.clear()
        _TEMPLATES[row[0]] = template
    return template


def find_item(db, ref: ItemRef) -> ChecklistItem:
    item = load_template(db, ref.template, ref.version).item(ref.item)
    if item is None:
        raise StoreError(f"no item {ref.item} in {ref.template} v{ref.version}", record="answer", field="item",
                         code="no_item", item=ref.item, template=ref.template, version=ref.version)
    return item


def photo_counts(db, visit_id) -> dict[tuple[str, str], int]:
    """Photos kept (not removed) on each record of the visit, counted in SQL:
    a visit may hold hundreds, and only the numbers are wanted here."""
    rows = _conn(db).execute(
        "SELECT json_extract(data, '$.attached_to.kind'), json_extract(data, '$.attached_to.id'), count(*) "
        "FROM photos_current WHERE visit_id = ? AND NOT coalesce(json_extract(data, '$.deleted'), 0) "
        "GROUP BY 1, 2",
        (str(visit_id),),
    )
    return {(kind, str(record_id)): count for kind, record_id, count in rows}


def load_visit(db, visit_id) -> VisitSnapshot:
    conn = _conn(db)
    row = conn.execute("SELECT data FROM visits_current WHERE id = ?", (str(visit_id),)).fetchone()
    if row is None:
        raise StoreError("no such visit", record=f"visit {visit_id}", code="no_visit")
    visit = Visit.model_validate_json(row[0])
    project = get_project(conn, visit.project_code)
    templates = [load_template(conn, ref.id, ref.version) for ref in visit.templates]
    snapshot = VisitSnapshot(visit, project, templates, entries(templates, project))
    vid = str(visit.id)
    for (data,) in conn.execute("SELECT data FROM answers_current WHERE visit_id = ?", (vid,)):
        answer = Answer.model_validate_json(data)
        snapshot.answers[(answer.item.template, answer.item.version, answer.item.item)] = answer
    for (data,) in conn.execute(
        "SELECT data FROM problems_current WHERE visit_id = ? ORDER BY created_at", (vid,)
    ):
        snapshot.problems.append(Problem.model_validate_json(data))
    for (data,) in conn.execute(
        "SELECT data FROM innovations_current WHERE visit_id = ? ORDER BY created_at", (vid,)
    ):
        snapshot.innovations.append(Innovation.model_validate_json(data))
    for (data,) in conn.execute("SELECT data FROM follow_ups_current WHERE visit_id = ?", (vid,)):
        follow_up = FollowUp.model_validate_json(data)
        snapshot.follow_ups[str(follow_up.problem_id)] = follow_up
    # Problems carried over to re-check (as the project list and screen count
    # them), and those this visit has already judged, whatever their status now.
    # A problem raised on this very visit is never one it re-checks, even when
    # a later assignment carries it back (sent back, or re-issued for the round).
    carried = {str(p.id): p for p in problems_to_recheck(conn, visit.project_code)
               if p.visit_id is None or str(p.visit_id) != vid}
    for pid in snapshot.follow_ups.keys() - carried.keys():
        row = conn.execute("SELECT data FROM problems_current WHERE id = ?", (pid,)).fetchone()
        if row is not None:
            carried[pid] = Problem.model_validate_json(row[0])
    snapshot.carried = sorted(carried.values(), key=lambda p: (p.created_at, str(p.id)))
    snapshot.photos = photo_counts(conn, vid)
    snapshot.vocabularies = {kind: in_force(conn, kind, visit.project_code)
                             for kind in ("problem_category", "evidence_type", "unit")}
    return snapshot
