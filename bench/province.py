"""A province-scale office database, for the office benchmarks.

100 inspectors, 3 rounds, 1,500 visits, 150,000 answers, 15,000 problems
(1,000 of them re-checked in a later round, a share kept as conflicts),
3,000 innovations, 30,000 photo records, about 10,000 projects in the
catalogue; reviews for every visit, problem, innovation and verdict (the
first two rounds mostly decided, the third waiting), and a ledger entry for
every problem confirmed.

Written straight into the real schema (open_office_db runs the migrations)
with executemany, since ingesting 300 bundles would take minutes; every
record's data is the JSON of its real model (a sample of each kind is
validated at the end), so the office's read code works on it as on what
ingest stores. Deterministic for a given version; cached in bench/out and
made again only when GENERATOR changes. Benchmarks that write copy it first.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sqlite3
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from .common import ROOT, synthetic_assignment

GENERATOR = 1  # bump when what is generated changes: the cached file is made again
INSPECTORS = 100
ROUNDS = 3
VISITS_PER_INSPECTOR = 5  # per round: 100 x 5 x 3 = 1,500 visits
ANSWERS_PER_VISIT = 100
PROBLEMS_PER_VISIT = 10
INNOVATIONS_PER_VISIT = 2
PHOTOS_PER_VISIT = 20
PROJECTS = 10_000
CST = timezone(timedelta(hours=8))
NS = uuid.UUID("5b0f3c1e-7a44-4d8e-9a61-0c2f7e9b1d23")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建华",
         "晓东", "海燕", "志强"]
PINYIN = {"王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang", "黄": "huang",
          "赵": "zhao", "吴": "wu", "周": "zhou", "徐": "xu", "孙": "sun", "马": "ma", "朱": "zhu", "胡": "hu",
          "郭": "guo", "何": "he", "高": "gao", "林": "lin", "罗": "luo"}
FINDINGS = ["邻里中心建成后长期闭门，未对居民开放", "共享书房设在地下一层，无无障碍通道", "老年食堂仅供午餐，每周开放三天",
            "数字化平台居民端无法登录，日活数据缺失", "运营方案未经居民议事会讨论", "托育场所未取得备案，收费未公示",
            "卫生服务站无全科医生坐诊", "充电桩建成未通电", "公共空间被物业占作仓库", "垃圾分类设施破损、无人督导",
            "社区食堂价格高于周边市场", "创业空间空置率超过六成", "慢行步道被停车占用", "场景建设进度滞后于计划",
            "资金台账不清，专项资金拨付滞后", "居民满意度调查未开展"]
PRACTICES = ["邻里积分与商家联动兑换", "建设运营一体化", "社区卫生站远程问诊", "架空层改造为共享客厅",
             "党建引领居民自治议事会", "公交场站上盖建设邻里中心", "新就业群体驿站", "独居老人智能看护"]
VERDICTS = ["rectified", "partly_rectified", "not_rectified"]
STATUS_AFTER = {"rectified": "verified", "partly_rectified": "rectifying", "not_rectified": "open"}
CITY_LETTERS = {"hangzhou": "HZ", "ningbo": "NB", "wenzhou": "WZ", "jiaxing": "JX", "huzhou": "HU",
                "shaoxing": "SX", "jinhua": "JH", "quzhou": "QZ", "zhoushan": "ZS", "taizhou": "TZ", "lishui": "LS"}


def province_db(work: Path) -> Path:
    """The cached province office database (made on first use, ~10 s)."""
    path = work / f"office-province-v{GENERATOR}.db"
    if not path.exists():
        partial = path.with_suffix(".part")
        for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            stale.unlink(missing_ok=True)
        _generate(partial)
        partial.replace(path)
    return path


def copy_of(source: Path, target: Path) -> Path:
    """A private copy to write on (the cached file stays as generated)."""
    from inspector.office.db import open_office_db

    shutil.copyfile(source, target)
    open_office_db(target).close()  # migrations added since the file was made
    return target


def _uid(*parts) -> str:
    return str(uuid.uuid5(NS, "/".join(map(str, parts))))


def _stamp(record_id: str, author: str, device: str, at: datetime, rev: int = 1) -> dict:
    moment = at.isoformat()
    return {"id": record_id, "rev": rev, "base_rev": rev - 1 if rev > 1 else None, "author": author,
            "device": device, "created_at": moment, "updated_at": moment}


def _generate(path: Path) -> None:
    from inspector.models import Project
    from inspector.office.catalogue import import_templates
    from inspector.office.db import open_office_db

    rng = random.Random(20261204)
    db = open_office_db(path)
    conn = db.conn
    conn.execute("PRAGMA synchronous=OFF")
    now = datetime(2026, 12, 1, 9, 0, tzinfo=CST).isoformat()
    with db.atomic():  # a bare statement would open a transaction the blocks below only nest in
        conn.execute("INSERT INTO office_users (id, name, added_at) VALUES ('bench', '基准', ?)", (now,))
    for template in sorted((ROOT / "fixtures" / "templates").glob("*.json")):
        import_templates(db, template, by="bench")
    problem_items = _items(conn, "zj-problem")
    innovation_items = [i for i in _items(conn, "zj-innovation") if i["innovation_category"]]

    projects = [Project.model_validate(p) for p in synthetic_assignment(PROJECTS)["projects"]]
    with db.atomic():
        conn.executemany("INSERT INTO projects (code, name, city, data, updated_at) VALUES (?, ?, ?, ?, ?)",
                         [(p.code, p.name, p.city, p.model_dump_json(exclude_none=True), now) for p in projects])
    cities = sorted({p.city for p in projects})

    inspectors = []
    for n in range(INSPECTORS):
        surname, given = SURNAMES[n % len(SURNAMES)], GIVEN[(n * 7) % len(GIVEN)]
        who = f"{PINYIN[surname]}{n:02d}"
        inspectors.append((who, surname + given, cities[n % len(cities)]))
    with db.atomic():
        conn.executemany(
            "INSERT INTO inspectors (id, name, public_key, fingerprint, enrolled_at, home_city) VALUES (?, ?, ?, ?, ?, ?)",
            [(who, name, f"key-{who}", hashlib.sha256(who.encode()).hexdigest()[:16], now, home)
             for who, name, home in inspectors])

    # The projects visited: 500 slots (5 per inspector), the same each round, so later rounds re-check.
    slots = []
    for n, (_, _, home) in enumerate(inspectors):
        choices = [p for p in projects[n * 40:(n + 1) * 40] if p.city != home] or projects
        slots += [choices[k] for k in range(VISITS_PER_INSPECTOR)]

    records, reviews, photos, bundles, assignments, assigned, conflicts = [], [], [], [], [], [], []
    ledger, ledger_events, review_events = [], [], []
    seq: dict[tuple[str, str], int] = {}
    found: dict[int, list[tuple[str, dict]]] = {}  # slot -> problems found there in the previous round

    def add(kind: str, data: dict, project: str | None, visit_id: str | None, bundle_id: str) -> None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        records.append((kind, data["id"], data["rev"], data["base_rev"], data["author"], data["device"], project,
                        visit_id, text, hashlib.sha256(text.encode()).hexdigest(), bundle_id))

    for r in range(1, ROUNDS + 1):
        round_id = f"R2026-{r}"
        issued = datetime(2026, 3 * r, 1, 9, 0, tzinfo=CST)
        previous, found = found, {}
        for n, (who, name, _) in enumerate(inspectors):
            # Each round the slots go to another inspector (nobody re-checks their own findings).
            owner = (n + r * 17) % INSPECTORS
            who, name, _ = inspectors[owner]
            device = f"laptop-{who}"
            assignment_id = f"{round_id}-{who}"
            assignments.append((assignment_id, who, round_id, f"2026年第{r}轮未来社区督导", issued.isoformat(),
                                hashlib.sha256(assignment_id.encode()).hexdigest()))
            bundle_id = _uid("bundle", r, who)
            at = issued + timedelta(days=10 + n % 20)
            counts = {"records": 0, "photos": 0}
            for k in range(VISITS_PER_INSPECTOR):
                slot = n * VISITS_PER_INSPECTOR + k
                project = slots[slot]
                assigned.append((assignment_id, who, project.code))
                day = (at + timedelta(days=k)).date()
                when = datetime.combine(day, datetime.min.time(), CST) + timedelta(hours=9)
                visit_id = _uid("visit", r, slot)
                visit = {**_stamp(visit_id, who, device, when), "project_code": project.code, "date": day.isoformat(),
                         "inspectors": [name], "templates": [{"id": "zj-problem", "version": 1},
                                                             {"id": "zj-innovation", "version": 1}],
                         "note": f"第{r}轮督导，{project.name}", "status": "finished",
                         "finished_at": (when + timedelta(hours=3)).isoformat()}
                add("visit", visit, project.code, visit_id, bundle_id)
                state = "received" if r == ROUNDS else "confirmed"
                reviews.append(("visit", visit_id, state, 1, now, None if state == "received" else "bench"))
                answer_ids = []
                for a in range(ANSWERS_PER_VISIT):
                    item = problem_items[a % len(problem_items)]
                    answer_id = _uid("answer", r, slot, a)
                    answer_ids.append(answer_id)
                    failing = a < PROBLEMS_PER_VISIT
                    add("answer", {**_stamp(answer_id, who, device, when), "visit_id": visit_id,
                                   "item": {"template": "zj-problem", "version": 1, "item": item["id"]},
                                   "value": _value(item, failing), "note": FINDINGS[a % len(FINDINGS)] if failing
                                   else ""}, project.code, visit_id, bundle_id)
                found[slot] = []
                for p in range(PROBLEMS_PER_VISIT):
                    item = problem_items[p]
                    problem_id = _uid("problem", r, slot, p)
                    severity = ("minor", "major", "major", "severe")[rng.randrange(4)]
                    deadline = day + timedelta(days=30)
                    problem = {**_stamp(problem_id, who, device, when), "project_code": project.code,
                               "visit_id": visit_id, "item": {"template": "zj-problem", "version": 1,
                                                              "item": item["id"]},
                               "scenario": item["scenario"], "category": item["problem_category"] or "other",
                               "description": f"{FINDINGS[(slot + p) % len(FINDINGS)]}（{project.name}）",
                               "severity": severity, "responsible_unit": project.lead_unit,
                               "deadline": deadline.isoformat(), "status": "open",
                               "history": [{"status": "open", "at": when.isoformat(), "by": who, "note": ""}]}
                    add("problem", problem, project.code, visit_id, bundle_id)
                    found[slot].append((problem_id, problem))
                    state = "received" if r == ROUNDS else rng.choices(
                        ("confirmed", "query", "rejected", "received"), (60, 10, 5, 25))[0]
                    reviews.append(("problem", problem_id, state, 1, now, None if state == "received" else "bench"))
                    if state == "confirmed":
                        city = project.city
                        seq[(round_id, city)] = seq.get((round_id, city), 0) + 1
                        number = f"2026-{r}-{CITY_LETTERS.get(city, city[:2].upper())}-{seq[(round_id, city)]:03d}"
                        status = rng.choices(("pending", "rectifying", "close_requested", "closed"),
                                             (40, 30, 10, 20))[0]
                        ledger.append((problem_id, number, round_id, city, seq[(round_id, city)], project.code,
                                       "deadline", deadline.isoformat(), status, now, "bench"))
                        ledger_events.append((problem_id, "open", "pending", now, "bench"))
                for i in range(INNOVATIONS_PER_VISIT):
                    item = innovation_items[(slot + i) % len(innovation_items)]
                    innovation_id = _uid("innovation", r, slot, i)
                    add("innovation", {**_stamp(innovation_id, who, device, when), "project_code": project.code,
                                       "visit_id": visit_id,
                                       "item": {"template": "zj-innovation", "version": 1, "item": item["id"]},
                                       "category": item["innovation_category"], "scenario": item["scenario"],
                                       "title": PRACTICES[(slot + i) % len(PRACTICES)], "description": "",
                                       "replicable": i == 0, "evidence": []}, project.code, visit_id, bundle_id)
                    reviews.append(("innovation", innovation_id, "received" if r == ROUNDS else "confirmed", 1, now,
                                    None if r == ROUNDS else "bench"))
                # A later round re-checks one problem found here before: a verdict, and the problem's revision 2.
                if slot in previous:
                    problem_id, before = previous[slot][0]
                    verdict = VERDICTS[slot % len(VERDICTS)]
                    follow_id = _uid("follow_up", r, slot)
                    add("follow_up", {**_stamp(follow_id, who, device, when), "visit_id": visit_id,
                                      "problem_id": problem_id, "verdict": verdict, "note": "现场复查",
                                      "evidence": []}, project.code, visit_id, bundle_id)
                    reviews.append(("follow_up", follow_id, "received", 1, now, None))
                    judged = {**before, **_stamp(problem_id, who, device, when, rev=2),
                              "status": STATUS_AFTER[verdict],
                              "history": [*before["history"], {"status": STATUS_AFTER[verdict],
                                                               "at": when.isoformat(), "by": who,
                                                               "verdict": verdict, "note": "现场复查"}]}
                    judged["created_at"] = before["created_at"]
                    add("problem", judged, project.code, before["visit_id"], bundle_id)
                    if slot % 20 == 0:  # someone else judged it too, from the same base: kept for review
                        other = inspectors[(owner + 1) % INSPECTORS][0]
                        conflicts.append((bundle_id, "problem", problem_id, 2, 1, 2, other, records[-1][8],
                                          records[-1][9], now))
                for ph in range(PHOTOS_PER_VISIT):
                    photo_id = _uid("photo", r, slot, ph)
                    sha = hashlib.sha256(photo_id.encode()).hexdigest()
                    target = ("problem", found[slot][ph % PROBLEMS_PER_VISIT][0]) if ph < PROBLEMS_PER_VISIT \
                        else ("answer", answer_ids[ph])
                    add("photo", {**_stamp(photo_id, who, device, when), "visit_id": visit_id, "sha256": sha,
                                  "attached_to": {"kind": target[0], "id": target[1]},
                                  "original_name": f"IMG_{slot:04d}{ph:02d}.jpg", "width": 1600, "height": 1200},
                        project.code, visit_id, bundle_id)
                    photos.append((sha, 400_000, bundle_id, now))
                counts["photos"] += PHOTOS_PER_VISIT
            bundles.append((bundle_id, who, r, None, 0, 0, "applied", bundle_id.replace("-", "") * 2, 40_000_000,
                            now, now, now, None, 0, 0, PHOTOS_PER_VISIT * VISITS_PER_INSPECTOR, device))

    with db.atomic():
        conn.executemany("INSERT INTO assignments (id, inspector_id, round_id, round_name, issued_at, sha256) "
                         "VALUES (?, ?, ?, ?, ?, ?)", assignments)
        conn.executemany("INSERT INTO assignment_projects (assignment_id, inspector_id, project_code) "
                         "VALUES (?, ?, ?)", assigned)
        conn.executemany("INSERT INTO bundles (id, inspector_id, sequence, previous, since, full, status, sha256, "
                         "size, created_at, received_at, applied_at, held_file, records, conflicts, photos, device) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", bundles)
        conn.executemany("INSERT INTO records (kind, id, rev, base_rev, author, device, project_code, visit_id, "
                         "data, sha256, bundle_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records)
        conn.execute("INSERT INTO current (kind, id, rev) SELECT kind, id, max(rev) FROM records GROUP BY kind, id")
        conn.executemany("INSERT INTO conflicts (bundle_id, kind, id, rev, base_rev, office_rev, author, data, "
                         "sha256, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", conflicts)
        conn.executemany("INSERT INTO photo_files (sha256, size, bundle_id, received_at) VALUES (?, ?, ?, ?)",
                         photos)
        conn.executemany("INSERT INTO reviews (kind, id, state, rev, at, by) VALUES (?, ?, ?, ?, ?, ?)", reviews)
        # A re-checked problem is at its revision 2, received again.
        conn.execute("UPDATE reviews SET rev = 2, state = 'received', version = 2 WHERE kind = 'problem' "
                     "AND id IN (SELECT id FROM current WHERE kind = 'problem' AND rev = 2)")
        conn.execute("INSERT INTO review_events (kind, id, rev, action, state, at, by) "
                     "SELECT kind, id, rev, 'received', 'received', at, 'bench' FROM reviews")
        conn.executemany("INSERT INTO ledger (problem_id, number, round_id, city, seq, project_code, rectification, "
                         "deadline, status, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ledger)
        conn.executemany("INSERT INTO ledger_events (problem_id, action, status, at, by) VALUES (?, ?, ?, ?, ?)",
                         ledger_events)
    with db.atomic():
        conn.execute("ANALYZE")
    _check(conn)
    db.close()


def _items(conn: sqlite3.Connection, template: str) -> list[dict]:
    (data,) = conn.execute("SELECT data FROM templates WHERE id = ? AND version = 1", (template,)).fetchone()
    return [item for section in json.loads(data)["sections"] for item in section["items"]]


def _value(item: dict, failing: bool):
    kind = item["answer"]["type"]
    if kind == "pass_fail":
        return "fail" if failing else "pass"
    if kind == "single_choice":
        options = item["answer"]["options"]
        return next((o["value"] for o in options if bool(o.get("flag")) == failing), options[0]["value"])
    if kind == "score":
        return item["answer"]["max"]
    if kind == "number":
        return item["answer"].get("min") or 12
    if kind == "date":
        return "2026-06-01"
    return "现场核实"


def _check(conn: sqlite3.Connection) -> None:
    """Every kind's data is its model's JSON, and the counts are the brief's."""
    from inspector.models import Answer, FollowUp, Innovation, Photo, Problem, Visit

    models = {"visit": Visit, "answer": Answer, "problem": Problem, "innovation": Innovation,
              "follow_up": FollowUp, "photo": Photo}
    for kind, model in models.items():
        for (data,) in conn.execute("SELECT data FROM records WHERE kind = ? ORDER BY rowid DESC LIMIT 50", (kind,)):
            model.model_validate_json(data)
    counts = dict(conn.execute("SELECT kind, count(*) FROM current GROUP BY kind"))
    visits = INSPECTORS * VISITS_PER_INSPECTOR * ROUNDS  # 1,500 at the sizes above
    expected = {"visit": visits, "answer": visits * ANSWERS_PER_VISIT, "problem": visits * PROBLEMS_PER_VISIT,
                "photo": visits * PHOTOS_PER_VISIT}
    assert {k: counts[k] for k in expected} == expected, counts
