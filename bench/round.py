"""A generated province round, for the report benchmark (bench/report.py).

Round R2026-2: 301 projects, 600 visits, 6,000 problems, 1,500 innovations,
12,000 photos attached to them, with the photo FILES in the office's photo
store (PhotoLibrary layout), since a report copies them. Before it, a
smaller round R2026-1 whose ledger the report shows as earlier rounds'
rectification, re-checked by this round's visits (follow-ups).

Reviews mostly confirmed, some queried, rejected or merged as duplicates; a
ledger entry per confirmed problem (2026-2-HZ-007, a unit, every status,
some closed, some overdue); grades for the innovations, a few typical.

Written straight into the real schema with executemany, as province.py
does (its helpers are reused); every record is its real model's JSON (a
sample validated at the end). Two caches in the work folder, each made again
only when its version changes: the photo store (photos are slow to encode:
PHOTOS_GENERATOR) and the database (GENERATOR)."""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

from .common import synthetic_assignment
from .province import CST, FINDINGS, GIVEN, PINYIN, PRACTICES, SURNAMES, VERDICTS, _items, _stamp, _uid, _value

GENERATOR = 2  # bump when the database's content changes
PHOTOS_GENERATOR = 1  # bump when the photo files change
ROUND, EARLIER = "R2026-2", "R2026-1"
PROJECTS = 301
VISITS = 600
PROBLEMS = 6_000
INNOVATIONS = 1_500
PHOTOS = 12_000
INSPECTORS = 60
ANSWERS_PER_VISIT = 100  # the checklist's answers: the report scores each project from them
EARLIER_VISITS = 150  # R2026-1: fewer visits, 3 problems each, no photos
EARLIER_PROBLEMS_PER_VISIT = 3
PHOTO_SIZE = (640, 480)
THUMB_EDGE = 320
TODAY = date(2026, 9, 15)  # the day the benchmark's reports are made: some deadlines passed, some not
SEED = 20260915
# The ledger's steps (ledger/steps.py) that lead from pending to each status.
STEPS_TO = {"pending": (), "rectifying": (("start", "rectifying"),),
            "close_requested": (("start", "rectifying"), ("reply", "close_requested")),
            "closed": (("start", "rectifying"), ("reply", "close_requested"), ("approve", "closed")),
            "returned": (("start", "rectifying"), ("reply", "close_requested"), ("return", "returned"))}


def round_office(work: Path) -> tuple[Path, Path]:
    """(office database, photo store) of the generated round, made on first use."""
    photos = photo_store(work)
    folder = work / f"report-round-v{GENERATOR}-{PROJECTS}-{PROBLEMS}-{PHOTOS}"
    db = folder / "office.db"
    if not db.exists():
        partial = folder.with_name(folder.name + ".part")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        _generate(partial / "office.db", _manifest(photos))
        shutil.rmtree(folder, ignore_errors=True)
        partial.replace(folder)
    return db, photos


# -- photo files -------------------------------------------------------------------------

def photo_store(work: Path) -> Path:
    """A photo store of PHOTOS distinct small JPEGs and their thumbnails, with
    manifest.json listing [sha256, size, width, height] in order."""
    root = work / f"report-photos-v{PHOTOS_GENERATOR}-{PHOTOS}"
    if not (root / "manifest.json").exists():
        from inspector.photos.library import PhotoLibrary

        partial = root.with_name(root.name + ".part")
        shutil.rmtree(partial, ignore_errors=True)
        library = PhotoLibrary(partial)
        manifest = []
        for n in range(PHOTOS):
            jpeg, thumb = _photo(n)
            sha = hashlib.sha256(jpeg).hexdigest()
            for path, data in ((library.path(sha), jpeg), (library.thumbnail_path(sha), thumb)):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            manifest.append([sha, len(jpeg), *PHOTO_SIZE])
        (partial / "manifest.json").write_text(json.dumps(manifest))
        shutil.rmtree(root, ignore_errors=True)
        partial.replace(root)
    return root


def _photo(n: int) -> tuple[bytes, bytes]:
    """A distinct photo-like JPEG (~30 KB: smooth colour fields and strokes)
    and its thumbnail, the same for the same n."""
    from PIL import Image, ImageDraw

    rng = random.Random(SEED * 100_003 + n)
    small = Image.frombytes("RGB", (16, 12), bytes(rng.randrange(256) for _ in range(16 * 12 * 3)))
    image = small.resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    width, height = PHOTO_SIZE
    for _ in range(6):
        x, y = rng.randrange(width - 40), rng.randrange(height - 40)
        draw.rectangle((x, y, x + rng.randrange(20, 200), y + rng.randrange(10, 120)),
                       outline=tuple(rng.randrange(256) for _ in range(3)), width=3)
    for _ in range(30):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.line((x, y, x + rng.randrange(-80, 80), y + rng.randrange(-80, 80)),
                  fill=tuple(rng.randrange(256) for _ in range(3)), width=2)
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", quality=82)
    image.thumbnail((THUMB_EDGE, THUMB_EDGE), Image.Resampling.LANCZOS)
    thumb = io.BytesIO()
    image.save(thumb, "JPEG", quality=80)
    return jpeg.getvalue(), thumb.getvalue()


def _manifest(store: Path) -> list[list]:
    return json.loads((store / "manifest.json").read_text())


# -- the database ------------------------------------------------------------------------

def _share(total: int, parts: int, n: int) -> range:
    """The n-th of `parts` near-equal slices of range(total)."""
    return range(n * total // parts, (n + 1) * total // parts)


class _Rows:
    """The rows of every table, gathered, then written with executemany."""

    def __init__(self) -> None:
        self.tables: dict[str, list[tuple]] = {}
        self.records: list[tuple] = []

    def add(self, table: str, *row) -> None:
        self.tables.setdefault(table, []).append(row)

    def record(self, kind: str, data: dict, project: str | None, visit_id: str | None, bundle: str) -> None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self.records.append((kind, data["id"], data["rev"], data["base_rev"], data["author"], data["device"],
                             project, visit_id, text, hashlib.sha256(text.encode()).hexdigest(), bundle))


COLUMNS = {
    "office_users": "id, name, added_at",
    "projects": "code, name, city, data, updated_at",
    "inspectors": "id, name, public_key, fingerprint, enrolled_at, home_city",
    "units": "id, name, role, city, district, added_at, updated_at",
    "assignments": "id, inspector_id, round_id, round_name, issued_at, sha256",
    "assignment_projects": "assignment_id, inspector_id, project_code",
    "bundles": "id, inspector_id, sequence, since, full, status, sha256, size, created_at, received_at, applied_at, records, "
               "conflicts, photos, device",
    "photo_files": "sha256, size, bundle_id, received_at",
    "reviews": "kind, id, state, rev, at, by, duplicate_of",
    "review_events": "kind, id, rev, action, state, at, by",
    "ledger": "problem_id, number, round_id, city, seq, project_code, rectification, deadline, unit_id, status, "
              "opened_at, opened_by, closed_at, closed_by",
    "ledger_events": "problem_id, action, status, at, by",
    "ledger_replies": "id, problem_id, measures, replied_on, recorded_at, recorded_by",
    "innovation_grades": "innovation_id, grade, typical, caption, at, by",
}


def _generate(path: Path, photos: list[list]) -> None:
    from inspector.models import Project
    from inspector.office.catalogue import import_templates
    from inspector.office.db import open_office_db
    from inspector.office.ledger.numbers import CITY_LETTERS

    from .common import ROOT

    rng = random.Random(SEED)
    db = open_office_db(path)
    conn = db.conn
    conn.execute("PRAGMA synchronous=OFF")
    for template in sorted((ROOT / "fixtures" / "templates").glob("*.json")):
        import_templates(db, template, by="bench")
    problem_items = _items(conn, "zj-problem")
    innovation_items = [i for i in _items(conn, "zj-innovation") if i["innovation_category"]]
    now = datetime(2026, 9, 1, 9, 0, tzinfo=CST).isoformat()
    out = _Rows()
    out.add("office_users", "bench", "基准", now)

    projects = [Project.model_validate(p) for p in synthetic_assignment(PROJECTS)["projects"]]
    units = {}
    for p in projects:
        out.add("projects", p.code, p.name, p.city, p.model_dump_json(exclude_none=True), now)
        if p.lead_unit and p.lead_unit not in units:
            units[p.lead_unit] = f"unit-{len(units) + 1:04d}"
            out.add("units", units[p.lead_unit], p.lead_unit, "lead", p.city, p.district, now, now)
    cities = sorted({p.city for p in projects})
    inspectors = []
    for n in range(INSPECTORS):
        surname, given = SURNAMES[n % len(SURNAMES)], GIVEN[(n * 7) % len(GIVEN)]
        who = f"{PINYIN[surname]}{n:02d}"
        inspectors.append((who, surname + given))
        out.add("inspectors", who, surname + given, f"key-{who}", hashlib.sha256(who.encode()).hexdigest()[:16],
                now, cities[n % len(cities)])

    seq: dict[tuple[str, str], int] = {}
    earlier_problems: dict[str, list[str]] = {}  # project code -> R2026-1 problems in the ledger

    def numbered(round_no: int, round_id: str, pid: str, project, found: date, status: str) -> None:
        key = (round_id, project.city)
        seq[key] = seq.get(key, 0) + 1
        number = f"2026-{round_no}-{CITY_LETTERS.get(project.city, 'XX')}-{seq[key]:03d}"
        kind = rng.choices(("immediate", "deadline", "ongoing"), (20, 70, 10))[0]
        deadline = found + timedelta(days={"immediate": 7, "deadline": rng.choice((30, 60, 90, 150)),
                                           "ongoing": 180}[kind])
        closed = status == "closed"
        closed_on = (found + timedelta(days=rng.randrange(5, 60))).isoformat() + "T10:00:00+08:00"
        out.add("ledger", pid, number, round_id, project.city, seq[key], project.code, kind, deadline.isoformat(),
                units.get(project.lead_unit), status, now, "bench", closed_on if closed else None,
                "bench" if closed else None)
        for action, step in (("open", "pending"), *STEPS_TO[status]):
            out.add("ledger_events", pid, action, step, now, "bench")
        if status in ("close_requested", "closed"):
            out.add("ledger_replies", _uid("reply", pid), pid, "已完成整改，设施恢复开放并公示运营时间",
                    (found + timedelta(days=20)).isoformat(), now, "bench")

    for round_no, round_id, visits, per_visit in ((1, EARLIER, EARLIER_VISITS, None), (2, ROUND, VISITS, PROBLEMS)):
        issued = datetime(2026, 3 * round_no, 1, 9, 0, tzinfo=CST)
        for n, (who, name) in enumerate(inspectors):
            mine = list(_share(visits, INSPECTORS, n))
            if not mine:
                continue
            assignment = f"{round_id}-{who}"
            out.add("assignments", assignment, who, round_id, f"2026年第{round_no}轮未来社区督导", issued.isoformat(),
                    hashlib.sha256(assignment.encode()).hexdigest())
            for code in sorted({projects[v % PROJECTS].code for v in mine}):
                out.add("assignment_projects", assignment, who, code)
            bundle = _uid("report-bundle", round_no, who)
            device = f"laptop-{who}"
            before = len(out.records)
            photo_count = 0
            for v in mine:
                project = projects[v % PROJECTS]
                day = (issued + timedelta(days=10 + v % 40)).date()
                when = datetime.combine(day, datetime.min.time(), CST) + timedelta(hours=9)
                visit_id = _uid("report-visit", round_no, v)
                out.record("visit", {**_stamp(visit_id, who, device, when), "project_code": project.code,
                                     "date": day.isoformat(), "inspectors": [name],
                                     "templates": [{"id": "zj-problem", "version": 1},
                                                   {"id": "zj-innovation", "version": 1}],
                                     "note": f"第{round_no}轮督导，{project.name}", "status": "finished",
                                     "finished_at": (when + timedelta(hours=3)).isoformat()},
                           project.code, visit_id, bundle)
                out.add("reviews", "visit", visit_id, "confirmed", 1, now, "bench", None)
                if round_no == 1:
                    problem_ids = [_uid("report-problem", 1, v, k) for k in range(EARLIER_PROBLEMS_PER_VISIT)]
                else:
                    problem_ids = [_uid("report-problem", 2, k) for k in _share(PROBLEMS, VISITS, v)]
                targets = []
                for k, pid in enumerate(problem_ids):
                    item = problem_items[(v + k) % len(problem_items)]
                    problem = {**_stamp(pid, who, device, when), "project_code": project.code, "visit_id": visit_id,
                               "item": {"template": "zj-problem", "version": 1, "item": item["id"]},
                               "scenario": item["scenario"], "category": item["problem_category"] or "other",
                               "description": f"{FINDINGS[(v + k) % len(FINDINGS)]}（{project.name}）",
                               "severity": ("minor", "major", "major", "severe")[rng.randrange(4)],
                               "responsible_unit": project.lead_unit, "deadline": (day + timedelta(days=30)).isoformat(),
                               "status": "open", "history": [{"status": "open", "at": when.isoformat(), "by": who,
                                                              "note": ""}]}
                    out.record("problem", problem, project.code, visit_id, bundle)
                    state = "confirmed" if round_no == 1 else rng.choices(
                        ("confirmed", "query", "received", "rejected", "duplicate"), (85, 3, 3, 5, 4))[0]
                    if k == 0:
                        state = "confirmed"  # duplicates are merged into the visit's first problem: kept
                    out.add("reviews", "problem", pid, state, 1, now, "bench", problem_ids[0] if state == "duplicate"
                            else None)
                    out.add("review_events", "problem", pid, 1, "received", "received", now, "bench")
                    if state != "received":
                        out.add("review_events", "problem", pid, 1, "state", state, now, "bench")
                    if state == "confirmed":
                        status = rng.choices(("pending", "rectifying", "close_requested", "closed", "returned"),
                                             (25, 35, 10, 25, 5))[0]
                        numbered(round_no, round_id, pid, project, day, status)
                        if round_no == 1:
                            earlier_problems.setdefault(project.code, []).append(pid)
                    targets.append(pid)
                if round_no == 2:
                    for a in range(ANSWERS_PER_VISIT):
                        item = problem_items[a % len(problem_items)]
                        answer_id = _uid("report-answer", v, a)
                        failing = a < len(problem_ids)
                        out.record("answer", {**_stamp(answer_id, who, device, when), "visit_id": visit_id,
                                              "item": {"template": "zj-problem", "version": 1, "item": item["id"]},
                                              "value": _value(item, failing),
                                              "note": FINDINGS[a % len(FINDINGS)] if failing else ""},
                                   project.code, visit_id, bundle)
                    for k in _share(INNOVATIONS, VISITS, v):
                        item = innovation_items[k % len(innovation_items)]
                        iid = _uid("report-innovation", k)
                        out.record("innovation", {**_stamp(iid, who, device, when), "project_code": project.code,
                                                  "visit_id": visit_id, "item": {"template": "zj-innovation",
                                                                                 "version": 1, "item": item["id"]},
                                                  "category": item["innovation_category"],
                                                  "scenario": item["scenario"],
                                                  "title": PRACTICES[k % len(PRACTICES)],
                                                  "description": f"{PRACTICES[k % len(PRACTICES)]}，居民参与度高",
                                                  "replicable": k % 3 == 0, "evidence": []},
                                   project.code, visit_id, bundle)
                        state = rng.choices(("confirmed", "rejected"), (95, 5))[0]
                        out.add("reviews", "innovation", iid, state, 1, now, "bench", None)
                        out.add("review_events", "innovation", iid, 1, "received", "received", now, "bench")
                        if state == "confirmed":
                            typical = k % 40 == 0
                            out.add("innovation_grades", iid, ("replicable", "notable", "ordinary")[k % 3],
                                    int(typical), f"{PRACTICES[k % len(PRACTICES)]}现场" if typical else None,
                                    now, "bench")
                        targets.append(iid)
                    # This round re-checks what R2026-1 found at the project.
                    for j, pid in enumerate(earlier_problems.pop(project.code, [])):
                        follow_id = _uid("report-follow", pid)
                        out.record("follow_up", {**_stamp(follow_id, who, device, when), "visit_id": visit_id,
                                                 "problem_id": pid, "verdict": VERDICTS[(v + j) % len(VERDICTS)],
                                                 "note": "现场复查", "evidence": []}, project.code, visit_id, bundle)
                        out.add("reviews", "follow_up", follow_id, "confirmed", 1, now, "bench", None)
                    for k in _share(PHOTOS, VISITS, v):
                        if not targets:
                            break
                        sha, size, width, height = photos[k]
                        target = targets[k % len(targets)]
                        photo_id = _uid("report-photo", k)
                        kind = "problem" if target in problem_ids else "innovation"
                        out.record("photo", {**_stamp(photo_id, who, device, when), "visit_id": visit_id,
                                             "sha256": sha, "attached_to": {"kind": kind, "id": target},
                                             "original_name": f"IMG_{k:05d}.jpg", "width": width, "height": height,
                                             "taken_at": (when + timedelta(minutes=k % 180)).isoformat(),
                                             "caption": "现场照片" if k % 5 == 0 else "",
                                             "lat": 30.25 + (k % 100) / 1000, "lon": 120.15 + (k % 70) / 1000},
                                   project.code, visit_id, bundle)
                        out.add("photo_files", sha, size, bundle, now)
                        photo_count += 1
            out.add("bundles", bundle, who, round_no, 0, 0, "applied", hashlib.sha256(bundle.encode()).hexdigest(),
                    1_000_000, now, now, now, len(out.records) - before, 0, photo_count, device)

    with db.atomic():
        for table, rows in out.tables.items():
            columns = COLUMNS[table]
            marks = ", ".join("?" * len(columns.split(",")))
            conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        conn.executemany("INSERT INTO records (kind, id, rev, base_rev, author, device, project_code, visit_id, "
                         "data, sha256, bundle_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", out.records)
        conn.execute("INSERT INTO current (kind, id, rev) SELECT kind, id, max(rev) FROM records GROUP BY kind, id")
    with db.atomic():
        conn.execute("ANALYZE")
    _check(conn)
    db.close()


def _check(conn) -> None:
    """Every kind's data is its model's JSON, and the round holds the brief's counts."""
    from inspector.models import Answer, FollowUp, Innovation, Photo, Problem, Visit

    models = {"visit": Visit, "answer": Answer, "problem": Problem, "innovation": Innovation, "follow_up": FollowUp, "photo": Photo}
    for kind, model in models.items():
        for (data,) in conn.execute("SELECT data FROM records WHERE kind = ? ORDER BY rowid DESC LIMIT 50", (kind,)):
            model.model_validate_json(data)
    earlier = EARLIER_VISITS * EARLIER_PROBLEMS_PER_VISIT
    counts = dict(conn.execute("SELECT kind, count(*) FROM current GROUP BY kind"))
    expected = {"visit": VISITS + EARLIER_VISITS, "problem": PROBLEMS + earlier, "innovation": INNOVATIONS,
                "photo": PHOTOS, "answer": VISITS * ANSWERS_PER_VISIT}
    assert {k: counts.get(k, 0) for k in expected} == expected, counts
