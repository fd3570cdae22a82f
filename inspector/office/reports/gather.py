"""The database read once into a RoundReport.

A handful of queries, each over the round's records only; everything after
is Python over lists (a province round is 6,000 problems and 12,000 photos:
a few tens of MB as rows, whatever the photos weigh). Which records belong to
the round is the dashboard's rule (office/dashboard.py): a visit belongs to
the round of its inspector's assignment, and what it found to its visit.

Scope is applied here and nowhere else: a city-scoped report's rows, projects,
earlier-round ledger lines and inspectors are that city's only, so no writer
can leak another city by forgetting a filter.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from inspector.inspection.checklist import entries as checklist_entries
from inspector.inspection.scoring import section_scores, veto_hits
from inspector.models import ChecklistTemplate, Project
from inspector.office.dashboard import _ROUND_VISITS, CHASED, _city_order, rounds
from inspector.office.db import database_file
from inspector.photos.library import PhotoLibrary

from . import findings
from .findings import _day, _ids, _when
from .rows import Coverage, LedgerLine, PhotoRef, ProjectRow, RoundReport, VisitRow
from .scope import LEFT_OUT, ReportRefused, ReportScope


class _Reader:
    def __init__(self, db: Database, scope: ReportScope, photo_root: Path | None, now: datetime) -> None:
        self.conn = db.conn
        self.scope = scope
        self.now = now
        self.today = scope.today or now.date()
        if photo_root is None:
            from inspector.office.ingest import OfficePaths

            photo_root = OfficePaths.beside(database_file(self.conn) or Path(".")).photos
        self.library = PhotoLibrary(photo_root)
        self.names = dict(self.conn.execute("SELECT id, name FROM inspectors"))
        staff = dict(self.conn.execute("SELECT id, name FROM office_users"))
        self.names.update(staff)
        self.names.update({f"office:{uid}": name for uid, name in staff.items()})
        self.bundles: set[str] = set()
        self.left_out: dict[str, int] = {}
        self._templates: dict[tuple[str, int], ChecklistTemplate | None] = {}

    def name(self, who: str | None) -> str:
        return self.names.get(who or "", who or "")

    def template(self, tid: str, version: int) -> ChecklistTemplate | None:
        key = (tid, version)
        if key not in self._templates:
            row = self.conn.execute("SELECT data FROM templates WHERE id = ? AND version = ?", key).fetchone()
            self._templates[key] = None if row is None else ChecklistTemplate.model_validate_json(row[0])
        return self._templates[key]

    def item(self, ref: dict | None):
        if not ref:
            return None
        template = self.template(ref["template"], ref["version"])
        if template is None:
            return None
        return next((i for s in template.sections for i in s.items if i.id == ref["item"]), None)

    # -- visits and projects ------------------------------------------------------------

    def visits(self) -> dict[str, tuple[str, dict]]:
        """visit id -> (city, data) of the round's visits in the scope's cities."""
        found = {}
        for vid, city, data, bundle, state in self.conn.execute(
                _ROUND_VISITS + "SELECT dv.id, dv.city, r.data, r.bundle_id, v.state FROM dv "
                "LEFT JOIN reviews v ON v.kind = 'visit' AND v.id = dv.id "
                "JOIN current c ON c.kind = 'visit' AND c.id = dv.id "
                "JOIN records r ON r.kind = 'visit' AND r.id = c.id AND r.rev = c.rev", (self.scope.round_id,)):
            if self.scope.cities and city not in self.scope.cities:
                continue
            if self.count_left_out("visit", state):
                continue  # and with it what was found on it: its records are read by visit
            found[vid] = (city, json.loads(data))
            if bundle:
                self.bundles.add(bundle)
        return found

    def catalogue(self, codes: set[str]) -> dict[str, Project]:
        out = {}
        for code, data in self.conn.execute("SELECT code, data FROM projects WHERE code IN (SELECT value FROM "
                                            "json_each(?))", (_ids(codes),)):
            out[code] = Project.model_validate_json(data)
        return out

    def assigned(self) -> dict[str, str]:
        """project code -> city of every project assigned in the round (not withdrawn)."""
        from inspector.office.dashboard import _city_sql

        return {code: city for code, city in self.conn.execute(
            f"SELECT DISTINCT ap.project_code, {_city_sql('ap.project_code', 'p.city')} FROM assignments a "
            "JOIN assignment_projects ap ON ap.assignment_id = a.id LEFT JOIN projects p ON p.code = ap.project_code "
            "WHERE a.round_id = ? AND a.withdrawn_at IS NULL", (self.scope.round_id,))
            if not self.scope.cities or city in self.scope.cities}

    # -- records --------------------------------------------------------------------------

    def records(self, kind: str, visit_ids) -> list[tuple]:
        """(id, data, author, bundle, review state, duplicate_of) of the current
        revisions of `kind` found on the given visits."""
        rows = self.conn.execute(
            "SELECT c.id, r.data, (SELECT f.author FROM records f WHERE f.kind = c.kind AND f.id = c.id "
            "ORDER BY f.rev LIMIT 1), r.bundle_id, v.state, v.duplicate_of "
            "FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
            "LEFT JOIN reviews v ON v.kind = c.kind AND v.id = c.id "
            "WHERE c.kind = ? AND r.visit_id IN (SELECT value FROM json_each(?))", (kind, _ids(visit_ids))).fetchall()
        return rows

    def photos(self, targets: dict[str, str]) -> dict[str, list[tuple[dict, str]]]:
        """record id -> [(photo data, bundle)] for photos attached to the records
        in `targets` (id -> kind), not removed, oldest first."""
        found: dict[str, list] = defaultdict(list)
        for data, bundle in self.conn.execute(
                "SELECT r.data, r.bundle_id FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id "
                "AND r.rev = c.rev WHERE c.kind = 'photo' AND json_extract(r.data, '$.attached_to.kind') IN "
                "('problem', 'innovation') AND json_extract(r.data, '$.deleted') IS NOT 1 "
                "AND json_extract(r.data, '$.attached_to.id') IN (SELECT value FROM json_each(?))",
                (_ids(targets),)):
            photo = json.loads(data)
            if photo.get("deleted"):
                continue
            found[photo["attached_to"]["id"]].append((photo, bundle))
        for items in found.values():
            items.sort(key=lambda p: (p[0].get("created_at", ""), p[0]["id"]))
        return found

    def photo_refs(self, ref: str, photos: list[tuple[dict, str]]) -> tuple[PhotoRef, ...]:
        out = []
        for n, (photo, bundle) in enumerate(photos, 1):
            if bundle:
                self.bundles.add(bundle)
            sha = photo["sha256"]
            source = self.library.path(sha)
            if not source.is_file():
                # gone from the photo store (a disk restored in part): said, not a failed report
                self.left_out["photo.missing"] = self.left_out.get("photo.missing", 0) + 1
                continue
            thumb = self.library.thumbnail_path(sha)
            with_gps = self.scope.with_gps
            out.append(PhotoRef(
                sha, f"{ref}-{n}.jpg", source, thumb if thumb.is_file() else None,
                photo.get("caption") or "", _when(photo["taken_at"]) if photo.get("taken_at") else None,
                photo.get("width", 0), photo.get("height", 0),
                photo.get("lat") if with_gps else None, photo.get("lon") if with_gps else None))
        return tuple(out)

    def tagged(self, item) -> bool:
        """Whether a finding raised on `item` belongs in a report cut by tag
        (one not raised on an item carries no tag, so it is cut out)."""
        return not self.scope.tags or (item is not None and not self.scope.tags.isdisjoint(item.tags))

    def count_left_out(self, kind: str, state: str | None) -> bool:
        if state in LEFT_OUT:
            key = f"{kind}.{state}"
            self.left_out[key] = self.left_out.get(key, 0) + 1
            return True
        return False


def gather(db: Database, scope: ReportScope, *, photo_root: Path | None = None,
           now: datetime | None = None) -> RoundReport:
    """Everything the report of `scope` shows, read from `db` (nothing written)."""
    known = rounds(db)
    if scope.round_id not in known:
        raise ReportRefused("unknown_round", round=scope.round_id, known="、".join(known) or "—")
    now = now or datetime.now().astimezone()
    reader = _Reader(db, scope, photo_root, now)
    visits = reader.visits()
    assigned = reader.assigned()
    codes = set(assigned) | {data["project_code"] for _, data in visits.values()}
    catalogue = reader.catalogue(codes)
    city_of = dict(assigned)
    for city, data in visits.values():
        city_of.setdefault(data["project_code"], city)

    def district(code: str) -> str:
        project = catalogue.get(code)
        return project.district if project else ""

    def project_name(code: str) -> str:
        project = catalogue.get(code)
        return project.name if project else code

    visit_day = {vid: date.fromisoformat(data["date"]) for vid, (_, data) in visits.items()}
    problems = findings.problems(reader, visits, visit_day, city_of, district, project_name)
    innovations = findings.innovations(reader, visits, visit_day, city_of, district, project_name)
    projects = _projects(reader, visits, city_of, catalogue, problems, innovations)
    earlier = _earlier(reader, known)

    cities = _city_order({p.city: None for p in projects} | {c: None for c in scope.cities})
    days = sorted(visit_day.values())
    inspectors = sorted({name for _, data in visits.values() for name in data.get("inspectors", [])})
    by_row = reader.name(scope.user) if scope.user else ""
    coverage = Coverage(scope.round_id, tuple(cities), tuple(sorted(scope.statuses)), now, by_row,
                        len(reader.bundles), days[0] if days else None, days[-1] if days else None,
                        dict(sorted(reader.left_out.items())), scope.with_gps, scope.lang, _office_name(db),
                        tuple(sorted(scope.tags)))
    return RoundReport(coverage, projects, problems, innovations, earlier, inspectors, reader.today)


def _office_name(db: Database) -> str:
    """The name the office signs with (its identity beside the database), or "" when it has none."""
    from inspector.identity import IdentityError, load_identity
    from inspector.office.keys import office_key_folder

    db_file = database_file(db.conn)
    if db_file is None:
        return ""
    try:
        return load_identity(office_key_folder(db_file)).name
    except IdentityError:
        return ""


def _projects(reader: _Reader, visits, city_of, catalogue, problems, innovations) -> list[ProjectRow]:
    by_project: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for vid, (_city, data) in visits.items():
        by_project[data["project_code"]].append((vid, data))
    problem_count: dict[str, int] = defaultdict(int)
    for p in problems:
        problem_count[p.project_code] += 1
    innovation_count: dict[str, int] = defaultdict(int)
    for i in innovations:
        innovation_count[i.project_code] += 1
    # The visit whose answers score the project: the latest finished one, else the latest.
    chosen = {}
    for code, items in by_project.items():
        items.sort(key=lambda v: (v[1]["date"], v[1].get("created_at", "")))
        finished = [v for v in items if v[1].get("status") == "finished"]
        chosen[code] = (finished or items)[-1]
    values: dict[str, dict] = defaultdict(dict)
    for vid, tid, version, item, value in reader.conn.execute(
            "SELECT r.visit_id, json_extract(r.data, '$.item.template'), json_extract(r.data, '$.item.version'), "
            "json_extract(r.data, '$.item.item'), json_extract(r.data, '$.value') "
            "FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
            "WHERE c.kind = 'answer' AND r.visit_id IN (SELECT value FROM json_each(?))",
            (_ids(vid for vid, _ in chosen.values()),)):
        values[vid][(tid, version, item)] = value
    out = []
    for code, city in city_of.items():
        project = catalogue.get(code)
        score = score_max = None
        hits: tuple[str, ...] = ()
        if code in chosen and project is not None:
            vid, data = chosen[code]
            templates = [t for ref in data.get("templates", [])
                         if (t := reader.template(ref["id"], ref["version"])) is not None]
            entries = checklist_entries(templates, project)
            _, total = section_scores(entries, values[vid])
            if total.maximum:
                score, score_max = total.earned, total.maximum
            hits = tuple(e.item.prompt for e in veto_hits(entries, values[vid]))
        visit_rows = tuple(VisitRow(vid, code, date.fromisoformat(d["date"]), tuple(d.get("inspectors", [])),
                                    d.get("status") == "finished", d.get("note") or "")
                           for vid, d in by_project.get(code, []))
        out.append(ProjectRow(code, project.name if project else code, city, project.district if project else "",
                              project.creation_type if project else "", project.lead_unit if project else None,
                              visit_rows, score, score_max, hits, problem_count[code], innovation_count[code]))
    from .figures import city_rank_order

    rank = city_rank_order()
    out.sort(key=lambda p: (rank(p.city), p.code))
    return out


def _earlier(reader: _Reader, known: list[str]) -> list[LedgerLine]:
    """Ledger entries of the rounds before this one, in the scope's cities."""
    before = known[:known.index(reader.scope.round_id)]
    if not before:
        return []
    from inspector.office.ledger.entries import entries

    by_number = {number: (round_id, closed_at) for number, round_id, closed_at in reader.conn.execute(
        "SELECT number, round_id, closed_at FROM ledger WHERE round_id IN (SELECT value FROM json_each(?))",
        (json.dumps(before),))}
    out = []
    for e in entries(Database(reader.conn), today=reader.today):
        if e.number not in by_number or (reader.scope.cities and e.city not in reader.scope.cities):
            continue
        round_id, closed_at = by_number[e.number]
        overdue = e.days_overdue if e.status in CHASED else 0
        out.append(LedgerLine(e.number, round_id, e.city, e.project_name, e.description, e.unit_name,
                              e.rectification, _day(e.deadline), e.status, overdue, _day(closed_at)))
    return out
