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
from inspector.office.dashboard import _ROUND_VISITS, _city_order, rounds
from inspector.office.ledger.steps import light
from inspector.photos.library import PhotoLibrary

from .rows import (Coverage, InnovationRow, LedgerLine, PhotoRef, ProblemRow, ProjectRow, RoundReport, Step,
                   Verdict, VisitRow)
from .scope import LEFT_OUT, ReportRefused, ReportScope


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _ids(values) -> str:
    return json.dumps(sorted(values))


class _Reader:
    def __init__(self, db: Database, scope: ReportScope, photo_root: Path | None, now: datetime) -> None:
        self.conn = db.conn
        self.scope = scope
        self.now = now
        self.today = scope.today or now.date()
        if photo_root is None:
            from inspector.office.ingest import OfficePaths

            db_file = self.conn.execute("PRAGMA main.database_list").fetchone()[2]
            photo_root = OfficePaths.beside(Path(db_file or ".")).photos
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
        for vid, city, data, bundle in self.conn.execute(
                _ROUND_VISITS + "SELECT dv.id, dv.city, r.data, r.bundle_id FROM dv "
                "JOIN current c ON c.kind = 'visit' AND c.id = dv.id "
                "JOIN records r ON r.kind = 'visit' AND r.id = c.id AND r.rev = c.rev", (self.scope.round_id,)):
            if self.scope.cities and city not in self.scope.cities:
                continue
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
            thumb = self.library.thumbnail_path(sha)
            with_gps = self.scope.with_gps
            out.append(PhotoRef(
                sha, f"{ref}-{n}.jpg", self.library.path(sha), thumb if thumb.is_file() else None,
                photo.get("caption") or "", _when(photo["taken_at"]) if photo.get("taken_at") else None,
                photo.get("width", 0), photo.get("height", 0),
                photo.get("lat") if with_gps else None, photo.get("lon") if with_gps else None))
        return tuple(out)

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
    problems = _problems(reader, visits, visit_day, city_of, district, project_name)
    innovations = _innovations(reader, visits, visit_day, city_of, district, project_name)
    projects = _projects(reader, visits, city_of, catalogue, problems, innovations)
    earlier = _earlier(reader, known)

    cities = _city_order({p.city: None for p in projects} | {c: None for c in scope.cities})
    days = sorted(visit_day.values())
    inspectors = sorted({name for _, data in visits.values() for name in data.get("inspectors", [])})
    by_row = reader.name(scope.user) if scope.user else ""
    coverage = Coverage(scope.round_id, tuple(cities), tuple(sorted(scope.statuses)), now, by_row,
                        len(reader.bundles), days[0] if days else None, days[-1] if days else None,
                        dict(sorted(reader.left_out.items())), scope.with_gps, scope.lang, _office_name(db))
    return RoundReport(coverage, projects, problems, innovations, earlier, inspectors, reader.today)


def _office_name(db: Database) -> str:
    """The name the office signs with (its identity beside the database), or "" when it has none."""
    from inspector.identity import IdentityError, load_identity
    from inspector.office.keys import office_key_folder

    db_file = db.conn.execute("PRAGMA main.database_list").fetchone()[2]
    if not db_file:
        return ""
    try:
        return load_identity(office_key_folder(db_file)).name
    except IdentityError:
        return ""


def _merged_photos(reader: _Reader, rows: list[tuple], kind: str) -> dict[str, list]:
    """Each kept record's photos, then those of the records merged into it."""
    targets = {rid: kind for rid, *_ in rows}
    photos = reader.photos(targets)
    # merged into: looked up by id (a province round has hundreds of duplicates among 6,000 records)
    merged_into = {r[0]: r[5] for r in rows if r[4] == "duplicate" and r[5]}
    for rid, duplicate_of in merged_into.items():
        if rid in photos:
            keeper = duplicate_of
            seen = {rid}
            # a record merged into one later merged itself: follow to the one kept
            while keeper not in seen and (nxt := merged_into.get(keeper)):
                seen.add(keeper)
                keeper = nxt
            photos.setdefault(keeper, []).extend(photos[rid])
    return photos


def _problems(reader: _Reader, visits, visit_day, city_of, district, project_name) -> list[ProblemRow]:
    conn, scope = reader.conn, reader.scope
    rows = reader.records("problem", visits)
    ledger = {pid: rest for pid, *rest in conn.execute(
        "SELECT l.problem_id, l.number, l.rectification, l.deadline, l.status, l.closed_at, u.name, l.seq "
        "FROM ledger l LEFT JOIN units u ON u.id = l.unit_id WHERE l.problem_id IN (SELECT value FROM json_each(?))",
        (_ids(r[0] for r in rows),))}
    photos = _merged_photos(reader, rows, "problem")
    verdicts = _verdicts(reader, {r[0] for r in rows})
    history = _history(reader, "problem", {r[0] for r in rows})
    replies: dict[str, list[str]] = defaultdict(list)
    for pid, measures in conn.execute(
            "SELECT problem_id, measures FROM ledger_replies WHERE problem_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY recorded_at", (_ids(r[0] for r in rows),)):
        replies[pid].append(measures)

    # A stand-in ref for problems without a number: their place among the project's problems.
    parsed = {r[0]: json.loads(r[1]) for r in rows}  # each record's JSON read once
    order = sorted(rows, key=lambda r: (parsed[r[0]].get("created_at", ""), r[0]))
    places: dict[str, int] = {}
    counters: dict[str, int] = defaultdict(int)
    for r in order:
        code = parsed[r[0]]["project_code"]
        counters[code] += 1
        places[r[0]] = counters[code]

    out = []
    for pid, _text, author, bundle, state, _dup in rows:
        if reader.count_left_out("problem", state):
            continue
        data = parsed[pid]
        code = data["project_code"]
        number, rectification, deadline, status, closed_at, unit, seq = ledger.get(pid, (None,) * 7)
        status = status or state or "received"
        if scope.statuses and status not in scope.statuses:
            continue
        if bundle:
            reader.bundles.add(bundle)
        item = reader.item(data.get("item"))
        ref = number or f"{code}-P{places[pid]}"
        deadline_day = _day(deadline) if number else _day(data.get("deadline"))
        overdue = 0
        if number and status != "closed" and deadline_day:
            overdue = max(0, (reader.today - deadline_day).days)
        out.append(ProblemRow(
            ref, pid, number, city_of.get(code, ""), district(code), code, project_name(code),
            data["scenario"], data["category"], data["severity"], data["description"],
            unit or data.get("responsible_unit"), rectification, deadline_day, status, overdue,
            light(status, deadline_day, reader.today) if number else None,
            reader.name(author), visit_day.get(data.get("visit_id"), _day(data.get("created_at"))),
            item.prompt if item else None, bool(item and item.veto), _day(closed_at),
            tuple(verdicts.get(pid, ())), reader.photo_refs(ref, photos.get(pid, [])),
            tuple(history.get(pid, ())), tuple(replies.get(pid, ()))))
    from .figures import city_rank_order

    rank = city_rank_order()
    out.sort(key=lambda p: (rank(p.city), p.number is None, _number_key(p.number) if p.number else (),
                            p.project_code, p.found_on, p.ref))
    return out


def _number_key(number: str) -> tuple:
    head, _, seq = number.rpartition("-")
    return (head, int(seq) if seq.isdigit() else 0)


def _verdicts(reader: _Reader, problem_ids: set[str]) -> dict[str, list[Verdict]]:
    found: dict[str, list[Verdict]] = defaultdict(list)
    for data_text, author, state, visit_data in reader.conn.execute(
            "SELECT r.data, (SELECT f.author FROM records f WHERE f.kind = c.kind AND f.id = c.id ORDER BY f.rev "
            "LIMIT 1), v.state, (SELECT w.data FROM current cw JOIN records w ON w.kind = 'visit' AND w.id = cw.id "
            "AND w.rev = cw.rev WHERE cw.kind = 'visit' AND cw.id = r.visit_id) "
            "FROM current c JOIN records r ON r.kind = c.kind AND r.id = c.id AND r.rev = c.rev "
            "LEFT JOIN reviews v ON v.kind = c.kind AND v.id = c.id "
            "WHERE c.kind = 'follow_up' AND json_extract(r.data, '$.problem_id') IN (SELECT value FROM json_each(?))",
            (_ids(problem_ids),)):
        if state in LEFT_OUT:
            continue
        data = json.loads(data_text)
        on = date.fromisoformat(json.loads(visit_data)["date"]) if visit_data else _day(data.get("created_at"))
        found[data["problem_id"]].append(Verdict(on, data["verdict"], reader.name(author), data.get("note") or ""))
    for items in found.values():
        items.sort(key=lambda v: v.on)
    return found


def _history(reader: _Reader, kind: str, ids: set[str]) -> dict[str, list[Step]]:
    found: dict[str, list[Step]] = defaultdict(list)
    for rid, action, state, at, by, comment in reader.conn.execute(
            "SELECT id, action, state, at, by, comment FROM review_events WHERE kind = ? AND id IN "
            "(SELECT value FROM json_each(?)) ORDER BY seq", (kind, _ids(ids))):
        # a change of state is named by the state it led to (confirmed, query, ...)
        name = f"review.{state}" if action == "state" and state else f"review.{action}"
        found[rid].append(Step(_when(at), reader.name(by), name, state, comment or ""))
    if kind == "problem":
        for pid, action, status, at, by, reason in reader.conn.execute(
                "SELECT problem_id, action, status, at, by, reason FROM ledger_events WHERE problem_id IN "
                "(SELECT value FROM json_each(?)) ORDER BY seq", (_ids(ids),)):
            found[pid].append(Step(_when(at), reader.name(by), f"ledger.{action}", status, reason or ""))
    for steps in found.values():
        steps.sort(key=lambda s: s.at)
    return found


def _innovations(reader: _Reader, visits, visit_day, city_of, district, project_name) -> list[InnovationRow]:
    rows = reader.records("innovation", visits)
    grades = {iid: rest for iid, *rest in reader.conn.execute(
        "SELECT innovation_id, grade, typical, caption FROM innovation_grades WHERE innovation_id IN "
        "(SELECT value FROM json_each(?))", (_ids(r[0] for r in rows),))}
    photos = _merged_photos(reader, rows, "innovation")
    parsed = {r[0]: json.loads(r[1]) for r in rows}  # each record's JSON read once
    order = sorted(rows, key=lambda r: (parsed[r[0]].get("created_at", ""), r[0]))
    places: dict[str, int] = {}
    counters: dict[str, int] = defaultdict(int)
    for r in order:
        code = parsed[r[0]]["project_code"]
        counters[code] += 1
        places[r[0]] = counters[code]
    out = []
    for iid, _text, author, bundle, state, _dup in rows:
        if reader.count_left_out("innovation", state):
            continue
        data = parsed[iid]
        code = data["project_code"]
        if bundle:
            reader.bundles.add(bundle)
        grade, typical, caption = grades.get(iid, (None, 0, None))
        ref = f"{code}-C{places[iid]}"
        out.append(InnovationRow(
            ref, iid, city_of.get(code, ""), district(code), code, project_name(code), data["scenario"],
            data["category"], data["title"], data.get("description") or "", bool(data.get("replicable")), grade,
            bool(typical), caption, state or "received", reader.name(author),
            visit_day.get(data.get("visit_id"), _day(data.get("created_at"))),
            reader.photo_refs(ref, photos.get(iid, []))))
    from .figures import city_rank_order

    rank = city_rank_order()
    out.sort(key=lambda i: (rank(i.city), i.project_code, i.found_on, i.ref))
    return out


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
        out.append(LedgerLine(e.number, round_id, e.city, e.project_name, e.description, e.unit_name,
                              e.rectification, _day(e.deadline), e.status, e.days_overdue, _day(closed_at)))
    return out
