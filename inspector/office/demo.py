"""The office demo: a throwaway office database holding a living round,
made the way a real one is, so a newcomer sees what the office half does.

Nothing here writes the office's tables by hand. The office is set up with
the office's own functions (staff, catalogue, enrolment, signed
assignments); two inspectors' laptops are real laptop databases that load
those assignments and record visits through inspection/ (answers, problems,
innovations, verdicts on carried-over problems, photos imported from
generated JPEGs); their bundles are written by bundle/writing and applied by
the office's ingester, receipts and all; the office's decisions go through
review/states. So the demo shows what the code really does, and breaks when
it does.

Two rounds. In the first, each inspector visits two projects and finds
problems whose deadlines passed long ago; the office confirms them, so they
stand in the ledger overdue. In the second, both inspectors are sent to one
project and judge its carried-over problem differently: the second verdict
to arrive is kept as a conflict. Some of what came in is confirmed, queried
or rejected, by two members of staff, and the rest awaits review.

Dates are counted back from `today`, so the overdue stay overdue and the
visits never fall after today, whenever the demo runs.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Iterator

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

OFFICE = ("zhuanban", "未来社区专班办公室（演示）")
# Two members of staff: a closure is approved by someone other than who asked for it.
STAFF = (("liming", "李明"), ("wangfang", "王芳"))
# Inspectors and their home city: they are never sent to their own (交叉检查).
INSPECTORS = (("zhangwei", "张伟", "ningbo"), ("lina", "李娜", "wenzhou"))
TEMPLATES = ("zj-problem", "zj-innovation")
# Version 2 of the checklists (fixtures/corrections.py) is published before this round
# is issued, so the demo shows a new version in use beside visits that stay on version 1.
NEW_VERSION_FROM = 2
UPDATE_SUMMARIES = {
    "zj-problem": "按督导员意见修正：“通过”即未发现问题；社区智慧健康服务站、社区托育点（0—3岁）；"
                  "5、10、30分钟出行圈；主要依赖财政补贴（70%以上）；无台账的数留空并写明无法核实；"
                  "四化倾向分列四类并增设一般化检查项；安全隐患单列；走访居民；“五个三”满分5分。",
    "zj-innovation": "说明中的“登记创新事项”改为与界面一致的“登记创新做法”。",
}


class DemoUnavailable(Exception):
    """The sample files the demo is made from are not where they should be
    (an installed copy without the source tree's fixtures/)."""

    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


@dataclass(frozen=True)
class Finding:
    """A failed problem-checklist item and the problem raised on it."""

    key: str  # how later rounds name it
    item: str
    description: str
    severity: str
    deadline_days: int | None = None  # after the visit; None leaves it to the office's default
    photos: int = 0


@dataclass(frozen=True)
class Practice:
    """An innovation-checklist option ticked, and the innovation recorded from it."""

    item: str
    value: str
    title: str
    description: str
    photos: int = 0


@dataclass(frozen=True)
class Verdict:
    """A re-check verdict on a problem found in an earlier round."""

    problem: str  # a Finding's key
    verdict: str
    note: str
    photos: int = 0


@dataclass(frozen=True)
class VisitPlan:
    inspector: str
    project: str
    days_ago: int
    note: str
    findings: tuple[Finding, ...] = ()
    practices: tuple[Practice, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    finish: bool = True


@dataclass(frozen=True)
class RoundPlan:
    number: int
    assignments: tuple[tuple[str, tuple[str, ...]], ...]  # inspector, projects
    visits: tuple[VisitPlan, ...]


ROUNDS = (
    RoundPlan(1, (("zhangwei", ("HZ-XS-006", "QZ-JS-005")), ("lina", ("HZ-LP-009", "NB-BL-006"))), (
        VisitPlan("zhangwei", "HZ-XS-006", 200, "会同瓜沥镇、社区负责人现场踏勘，随机访谈居民5人", findings=(
            Finding("gl-idle", "nb.center_open", "邻里中心已建成，但检查时大门紧锁，门口未公示开放时间；"
                    "受访居民5人中3人表示从未进去过。", "major", 30, photos=2),
        ), practices=(
            Practice("inn.neighbour_points", "replicable", "邻里积分与周边商家联动兑换",
                     "居民参与志愿服务获得积分，可在社区周边20余家商家兑换商品和服务，月均兑换1200余笔。", photos=1),
        )),
        VisitPlan("zhangwei", "QZ-JS-005", 198, "乡村未来社区，重点查看老年食堂和卫生服务站", findings=(
            Finding("js-canteen", "hl.elderly_canteen", "老年食堂仅午餐供应，且每周只开放三天，"
                    "与申报的“一日三餐、全周开放”不符。", "severe", 20, photos=1),
        )),
        VisitPlan("lina", "HZ-LP-009", 199, "旧改类项目，查看公共空间与数字化平台", findings=(
            Finding("oh-space", "nb.space_placement", "共享书房设在地下一层，无无障碍通道，"
                    "老年居民反映使用不便。", "minor", None),
        )),
        VisitPlan("lina", "NB-BL-006", 197, "查看场景落地与长效运营", findings=(
            Finding("xy-platform", "dig.platform_live", "数字化平台仍为演示版本，居民端无法登录，"
                    "日活数据无法提供。", "major", 30, photos=1),
        ), practices=(
            Practice("inn.tele_clinic", "exploring", "社区卫生站远程问诊",
                     "与区人民医院合作开设远程问诊，目前每周两个半天。"),
        )),
    )),
    RoundPlan(2, (("zhangwei", ("HZ-XS-006", "HZ-LP-009")),
                  ("lina", ("HZ-XS-006", "NB-BL-006", "QZ-JS-005"))), (
        VisitPlan("zhangwei", "HZ-XS-006", 12, "复查上轮问题，同时检查场景运营", verdicts=(
            Verdict("gl-idle", "not_rectified", "邻里中心仍未开放，门口张贴“内部装修”告示。", photos=1),
        ), findings=(
            Finding("gl-space", "nb.space_placement", "新建的共享书房位于社区边角地块，"
                    "需穿过地下车库才能到达。", "major", 30, photos=1),
        ), practices=(
            Practice("inn.stilt_floor", "replicable", "架空层改造为共享客厅",
                     "将3幢住宅楼架空层改造为共享客厅和“四点半课堂”，由居民议事会排定使用时间，"
                     "日均使用80余人次。", photos=2),
        )),
        VisitPlan("zhangwei", "HZ-LP-009", 9, "复查上轮问题，查看老年食堂", verdicts=(
            Verdict("oh-space", "rectified", "共享书房已迁至首层沿街，现场有居民使用。", photos=1),
        ), findings=(
            Finding("oh-canteen", "hl.elderly_canteen", "老年食堂暂停营业，未见替代供餐安排。", "severe", 14,
                    photos=1),
        )),
        VisitPlan("lina", "HZ-XS-006", 11, "与张伟分头复查瓜沥七彩上轮问题", verdicts=(
            Verdict("gl-idle", "partly_rectified", "邻里中心已定每周二、四、六开放，检查当日未到开放时间。"),
        )),
        VisitPlan("lina", "NB-BL-006", 10, "复查上轮问题，查看运营", verdicts=(
            Verdict("xy-platform", "rectified", "平台已上线，现场用居民账号登录查看。", photos=1),
        ), findings=(
            Finding("xy-operator", "op.plan", "运营方案未经居民议事会讨论，缺少年度运营目标。", "minor", 30),
        ), practices=(
            Practice("inn.integrated", "replicable", "建设运营一体化",
                     "由同一国企平台负责建设和十年运营，运营收益反哺社区公共服务。", photos=1),
        )),
        VisitPlan("lina", "QZ-JS-005", 8, "复查上轮问题（检查进行中）", verdicts=(
            Verdict("js-canteen", "not_rectified", "老年食堂仍只供午餐。"),
        ), finish=False),
    )),
)


@dataclass
class OfficeDemo:
    folder: Path  # everything lives here: remove it and nothing is left
    db_path: Path
    user: str  # the member of staff the interface acts as
    seconds: float = 0.0
    problems: dict[str, str] = field(default_factory=dict)  # a Finding's key -> problem id


def build(folder: Path, *, today: date | None = None, user: str = STAFF[0][0],
          progress: Callable[[str], None] | None = None) -> OfficeDemo:
    """Make the demo office in `folder` (empty or new). `progress` hears the
    name of each step as it starts ("setup", "round", "ingest", "review")."""
    from inspector.identity import create_identity
    from inspector.office import staff
    from inspector.office.catalogue import import_projects, import_templates
    from inspector.office.db import open_office_db
    from inspector.office.enrolment import enrol
    from inspector.office.keys import office_key_folder

    started = time.perf_counter()
    today = today or date.today()
    say = progress or (lambda step: None)
    projects_file = FIXTURES / "projects.csv"
    templates = sorted((FIXTURES / "templates").glob("*.v1.json"))
    updates = sorted((FIXTURES / "templates").glob("*.v2.json"))
    if not projects_file.is_file() or not templates or not updates:
        raise DemoUnavailable(FIXTURES)
    db_path = Path(folder) / "office" / "office.db"
    demo = OfficeDemo(Path(folder), db_path, user)

    say("setup")
    office_key = create_identity(office_key_folder(db_path), *OFFICE)
    laptops = {who: _Laptop(demo.folder / "laptops" / who, who, name) for who, name, _ in INSPECTORS}
    db = open_office_db(db_path)
    try:
        first = STAFF[0][0]
        for n, (uid, name) in enumerate(STAFF):
            staff.add(db, uid, name, by=None if n == 0 else first)
        import_projects(db, projects_file, by=first)
        for path in templates:
            import_templates(db, path, by=first)
        for who, name, home in INSPECTORS:
            enrol(db, who, name, laptops[who].identity.public_key_text, by=first, home_city=home)
        _directory(db, first)
    finally:
        db.close()

    year = (today - timedelta(days=ROUNDS[-1].visits[0].days_ago)).year
    for plan in ROUNDS:
        if plan.number == NEW_VERSION_FROM:
            _publish_updates(demo, updates)
        say("round")
        _issue(demo, office_key, plan, year, laptops)
        for visit in plan.visits:
            laptops[visit.inspector].visit(visit, today, demo.problems)
        say("ingest")
        _ingest(demo, office_key, [laptops[who] for who, _ in plan.assignments])
        say("review")
        _review(demo, plan.number)
    say("ledger")
    _ledger(demo, today)
    demo.seconds = time.perf_counter() - started
    return demo


def _publish_updates(demo: OfficeDemo, files: list[Path]) -> None:
    """Version 2 of each checklist, brought in as an office brings in an edit
    (`office checklists import` + `publish`): a draft, then published with
    what changed. The first round's visits stay on version 1."""
    from inspector.checklists.versions import import_draft, publish
    from inspector.models import ChecklistTemplate
    from inspector.office.db import open_office_db

    db = open_office_db(demo.db_path)
    try:
        for path in files:
            template = ChecklistTemplate.model_validate_json(path.read_bytes())
            import_draft(db, template, by=STAFF[0][0], source=path.name)
            publish(db, template.id, UPDATE_SUMMARIES[template.id], by=STAFF[0][0])
    finally:
        db.close()


@contextmanager
def throwaway(*, today: date | None = None, user: str = STAFF[0][0],
              progress: Callable[[str], None] | None = None) -> Iterator[OfficeDemo]:
    """The demo office in a new temporary folder, removed on leaving (also
    when building it or the interface fails); never the user's data folder."""
    folder = new_folder()
    try:
        yield build(folder, today=today, user=user, progress=progress)
    finally:
        remove(folder)


def new_folder() -> Path:
    """A new folder in the system's temporary folder, for one demo office."""
    return Path(tempfile.mkdtemp(prefix="inspector-office-demo-"))


def remove(folder: Path) -> None:
    """Remove a demo's folder and all in it. On Windows a file still open
    cannot go; the rest does, and the system's temp cleaning takes it later."""
    shutil.rmtree(folder, ignore_errors=True)


def _issue(demo: OfficeDemo, office_key, plan: RoundPlan, year: int, laptops: dict) -> None:
    from inspector.office.assigning import assign
    from inspector.office.db import open_office_db

    out = demo.folder / "assignments"
    out.mkdir(parents=True, exist_ok=True)
    round_id = f"R{year}-{plan.number}"
    db = open_office_db(demo.db_path)
    try:
        for who, projects in plan.assignments:
            issued = assign(db, office_key, inspector_id=who, round_id=round_id,
                            round_name=f"{year}年第{plan.number}轮未来社区督导", projects=list(projects), cities=[],
                            templates=list(TEMPLATES), by=STAFF[0][0], output=out / f"{round_id}-{who}.json")
            laptops[who].load(issued.path)
    finally:
        db.close()


def _ingest(demo: OfficeDemo, office_key, laptops: list["_Laptop"]) -> None:
    """Each laptop exports, the office ingests (in the order given: the
    second verdict on a shared problem becomes the conflict), and the
    laptop loads its receipt, so the next export carries only what is new."""
    from inspector.office.ingest import open_ingester

    ingester = open_ingester(demo.db_path, office_key, by=STAFF[0][0])
    try:
        for laptop in laptops:
            bundle = laptop.export(demo.folder / "usb")
            for outcome in ingester.ingest(bundle):
                if outcome.status != "applied":  # the demo is made of valid bundles: say loudly if not
                    raise RuntimeError(f"{bundle.name}: {outcome.status} {outcome.message or outcome.failure}")
                laptop.take_receipt(outcome.receipt)
    finally:
        ingester.db.close()


def _review(demo: OfficeDemo, round_number: int) -> None:
    """What the office decided so far. After round 1 everything is
    confirmed (so its problems stand in the ledger, overdue). Of round 2,
    李明 confirms 张伟's work (and grades his practice a typical case), 王芳 queries an innovation and rejects a
    problem; the rest waits in the queue."""
    from inspector.office.db import open_office_db
    from inspector.office.review import queue
    from inspector.office.review.states import Seen, set_state

    liming, wangfang = STAFF[0][0], STAFF[1][0]
    db = open_office_db(demo.db_path)
    try:
        rows = queue.load(db, states=("received",))

        def decide(pick, state: str, by: str, comment: str | None = None) -> None:
            chosen = [Seen(r.kind, r.id, r.version) for r in rows if pick(r)]
            if chosen:
                set_state(db, chosen, state, by=by, comment=comment)

        if round_number == 1:
            decide(lambda r: r.kind in ("visit", "problem"), "confirmed", liming)
            decide(lambda r: r.kind == "innovation", "confirmed", wangfang)
            return
        decide(lambda r: r.inspector == "zhangwei" and r.kind in ("visit", "follow_up", "innovation"), "confirmed",
               liming)
        mine = {demo.problems["gl-space"], demo.problems["oh-canteen"]}  # one of them due within a week
        decide(lambda r: r.kind == "problem" and r.id in mine, "confirmed", liming)
        decide(lambda r: r.kind == "innovation" and r.inspector == "lina", "query", wangfang,
               "请补充运营收益反哺公共服务的账目或协议，说明“十年运营”的依据。")
        decide(lambda r: r.kind == "problem" and r.id == demo.problems["xy-operator"], "rejected", wangfang,
               "运营方案已在议事会纪要中讨论（见附件），不构成问题。")
    finally:
        db.close()


def _directory(db, by: str) -> None:
    """The unit directory, imported and published before the first round, as
    an office has it before it issues: every assignment carries its cities'
    units, which the laptop offers as responsible units."""
    from inspector.office.ledger import units
    from inspector.office.vocabularies import store as vocabularies

    units.import_units(db, FIXTURES / "units.csv", by=by)
    vocabularies.publish(db, "unit", by=by, summary="2026 年度责任单位名录")


def _ledger(demo: OfficeDemo, today: date) -> None:
    """The ledger under way: a responsible unit named for two problems, one
    of them started; the problem due this week
    replied to by its unit with a photo (closure requested by 李明: only
    another member of staff, 王芳, may approve it, `--as wangfang`)."""
    from inspector.office.db import open_office_db
    from inspector.office.ledger import steps, units

    liming = STAFF[0][0]
    db = open_office_db(demo.db_path)
    try:
        def version(key: str) -> tuple[str, int, str]:
            problem_id = demo.problems[key]
            return (problem_id, *db.conn.execute("SELECT version, status FROM ledger WHERE problem_id = ?",
                                                 (problem_id,)).fetchone())

        for key, unit in (("gl-idle", "萧山区瓜沥镇人民政府"), ("oh-canteen", "临平区临平街道办事处")):
            problem_id, seen, status = version(key)
            steps.set_terms(db, problem_id, unit_id=units.find(db, unit).id, by=liming, seen_version=seen,
                            reason="按属地管理原则交办")
            problem_id, seen, status = version(key)
            if status in ("pending", "returned"):
                steps.start(db, problem_id, by=liming, seen_version=seen, reason="镇政府已组织整改")
        # The problem re-checked as rectified in the field: closed by the other member of staff.
        problem_id, seen, status = version("oh-space")
        if status == "close_requested":
            steps.approve(db, problem_id, by=STAFF[1][0], seen_version=seen, reason="现场复查已整改，同意销号")
        _grade(db, liming)
        problem_id, seen, _ = version("oh-canteen")
        photo = _jpeg(demo.folder / "replies" / "食堂恢复供餐.jpg", seed=0x5A7)
        steps.reply(db, problem_id, measures="老年食堂已恢复营业，由街道助餐点临时供餐并公示开放时间。",
                    replied_on=today - timedelta(days=1), files=[photo], by=liming, seen_version=seen)
    finally:
        db.close()


# How the office rates the practices it confirmed (创新清单): a typical case with its caption each round.
GRADES = {
    "邻里积分与周边商家联动兑换": ("replicable", True, "瓜沥七彩：邻里积分在周边商家兑换，月均1200余笔"),
    "架空层改造为共享客厅": ("replicable", True, "瓜沥七彩：架空层改造的共享客厅，日均使用80余人次"),
}


def _grade(db, by: str) -> None:
    from inspector.office.review.innovations import grade, grade_of

    for innovation_id, title in db.conn.execute(
            "SELECT c.id, json_extract(r.data, '$.title') FROM current c JOIN records r ON r.kind = c.kind "
            "AND r.id = c.id AND r.rev = c.rev WHERE c.kind = 'innovation'").fetchall():
        if title in GRADES:
            level, typical, caption = GRADES[title]
            grade(db, innovation_id, level, typical, caption, by=by,
                  seen_version=grade_of(db, innovation_id).version)


class _Laptop:
    """One inspector's laptop: their key pair, database and photo library,
    in a folder of its own, used through the laptop's own functions."""

    def __init__(self, root: Path, inspector_id: str, name: str) -> None:
        from inspector.identity import create_identity

        self.root, self.name = root, name
        self.identity = create_identity(root / "identity", inspector_id, name)
        self.db_path, self.photos = root / "inspector.db", root / "photos"
        self._cards = 0

    def _db(self):
        from inspector.store import open_db

        return open_db(self.db_path)

    def load(self, path: Path) -> None:
        from inspector.assignment import read_signed_assignment
        from inspector.assignment.trust import accept_assignment

        db = self._db()
        try:
            accept_assignment(db, read_signed_assignment(path), identity_id=self.identity.id)
        finally:
            db.close()

    def export(self, out: Path) -> Path:
        from inspector.bundle.writing import export_bundle

        return export_bundle(self.db_path, self.photos, self.identity, out).path

    def take_receipt(self, path: Path) -> None:
        from inspector.bundle.receipts import accept_receipt

        db = self._db()
        try:
            accept_receipt(db, Path(path).read_text(encoding="utf-8"))
        finally:
            db.close()

    def visit(self, plan: VisitPlan, today: date, problems: dict[str, str]) -> None:
        from inspector.inspection import record
        from inspector.inspection.answers import innovation_replicable
        from inspector.inspection.snapshot import load_visit

        on = today - timedelta(days=plan.days_ago)
        db = self._db()
        try:
            visit = record.start_visit(db, plan.project, on, [self.name], note=plan.note)
            project = load_visit(db, visit.id).project
            failing = {f.item: f for f in plan.findings}
            practices = {p.item: p for p in plan.practices}
            practised = set()
            for n, entry in enumerate(load_visit(db, visit.id).entries):
                if not entry.applies:
                    continue
                item = entry.item
                if entry.template.kind == "problem":
                    finding = failing.get(item.id)
                    if finding is not None:
                        answer = record.save_answer(db, visit.id, entry.ref, value=_failing(item),
                                                    note=finding.description, evidence_used=list(item.evidence))
                        problem = record.save_problem(
                            db, visit.id, item=entry.ref, scenario=item.scenario, category=item.problem_category,
                            description=finding.description, severity=finding.severity,
                            responsible_unit=project.lead_unit,
                            deadline=None if finding.deadline_days is None
                            else on + timedelta(days=finding.deadline_days))
                        problems[finding.key] = str(problem.id)
                        self._photos(db, visit.id, "problem", problem.id, finding.photos)
                        self._photos(db, visit.id, "answer", answer.id, 1 if finding.photos else 0)
                    elif item.required or n % 3 == 0:  # every required item, and some of the others
                        record.save_answer(db, visit.id, entry.ref, value=_passing(item, on))
                elif item.id in practices:
                    practice = practices[item.id]
                    record.save_answer(db, visit.id, entry.ref, value=practice.value,
                                       evidence_used=list(item.evidence))
                    innovation = record.save_innovation(
                        db, visit.id, item=entry.ref, category=item.innovation_category, scenario=item.scenario,
                        title=practice.title, description=practice.description,
                        replicable=innovation_replicable(item, practice.value), evidence=list(item.evidence))
                    self._photos(db, visit.id, "innovation", innovation.id, practice.photos)
                    practised.add(item.id)
            missing = [f.item for f in plan.findings if f.key not in problems] + \
                [p.item for p in plan.practices if p.item not in practised]
            if missing:  # an item that does not apply to the project: the plan above is wrong
                raise RuntimeError(f"{plan.project}: {', '.join(missing)} not recorded")
            for verdict in plan.verdicts:
                follow_up, _ = record.give_verdict(db, visit.id, problems[verdict.problem], verdict=verdict.verdict,
                                                   note=verdict.note)
                self._photos(db, visit.id, "follow_up", follow_up.id, verdict.photos)
            if plan.finish:
                record.finish_visit(db, visit.id)
        finally:
            db.close()

    def _photos(self, db, visit_id, kind: str, target_id, count: int) -> None:
        """Photos as from a camera card: small JPEGs made here, imported
        (EXIF, upright, downscaled, stored by hash) and attached."""
        from inspector.inspection.photos import attach_photos
        from inspector.photos.importing import import_photos
        from inspector.photos.library import PhotoLibrary

        if not count:
            return
        self._cards += 1
        card = self.root / "cards" / f"{self._cards:03d}"
        paths = [_jpeg(card / f"IMG_{self._cards:03d}{n}.jpg", seed=zlib.crc32(f"{self.identity.id}-{self._cards}-{n}".encode()))
                 for n in range(count)]
        report = import_photos(paths, PhotoLibrary(self.photos), workers=1)
        if report.failed:
            raise RuntimeError(f"demo photo not imported: {report.failed[0]}")
        attach_photos(db, visit_id, kind, target_id, report.imported)


def _failing(item) -> str:
    """The answer that fails an item: fail, or its last flagged option."""
    from inspector.models.checklist import SingleChoiceAnswer

    if isinstance(item.answer, SingleChoiceAnswer):
        return [o.value for o in item.answer.options if o.flag][-1]
    return "fail"


def _passing(item, on: date) -> object:
    """An ordinary answer raising nothing, of the item's type."""
    from inspector.models.checklist import (DateAnswer, NumberAnswer, PassFailAnswer, ScoreAnswer,
                                            SingleChoiceAnswer)

    spec = item.answer
    if isinstance(spec, PassFailAnswer):
        return "pass"
    if isinstance(spec, SingleChoiceAnswer):
        return next(o.value for o in spec.options if not o.flag)
    if isinstance(spec, ScoreAnswer):
        return spec.max
    if isinstance(spec, NumberAnswer):
        low = spec.min if spec.min is not None else 0
        high = spec.max if spec.max is not None else low + 200
        return round(low + (high - low) * 0.6)
    if isinstance(spec, DateAnswer):
        return on.isoformat()
    return "现场核实，情况正常"


def _jpeg(path: Path, *, seed: int) -> Path:
    """A small photo-like JPEG: a sky, a ground and a building, coloured by `seed`."""
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    seed &= 0xFFFFFF
    r, g, b = seed & 0xFF, (seed >> 8) & 0xFF, (seed >> 16) & 0xFF
    image = Image.new("RGB", (320, 240), (120 + r // 4, 170 + g // 5, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 170, 320, 240), fill=(90 + g // 4, 120, 70))
    left = 40 + r % 120
    draw.rectangle((left, 70, left + 110, 175), fill=(180 + b // 4, 150 + r // 5, 130))
    for row in range(3):
        for col in range(3):
            x, y = left + 12 + col * 32, 84 + row * 28
            draw.rectangle((x, y, x + 18, y + 16), fill=(60, 80, 110))
    image.save(path, quality=85)
    return path
