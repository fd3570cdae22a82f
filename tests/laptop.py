"""A laptop with work on it, made through the same core calls the TUI uses:
an assignment, an identity, a visit with answers, a problem, a verdict on an
office problem and photos."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PIL import Image

import factories
from inspector.identity import Identity, create_identity
from inspector.inspection import record
from inspector.inspection.photos import attach_photos
from inspector.models import Assignment, ItemRef
from inspector.photos.importing import images_in, import_photos
from inspector.photos.library import PhotoLibrary
from inspector.store import open_db
from inspector.store.assignments import save_assignment

LIN_01 = ItemRef(template="zj-problem", version=1, item="lin-01")
LIN_02 = ItemRef(template="zj-problem", version=1, item="lin-02")


@dataclass
class Laptop:
    root: Path
    identity: Identity

    @property
    def db_path(self) -> Path:
        return self.root / "inspector.db"

    @property
    def photo_root(self) -> Path:
        return self.root / "photos"

    @property
    def out(self) -> Path:
        return self.root / "out"

    def db(self):
        return open_db(self.db_path)

    def add_photos(self, db, visit_id, kind: str, target_id, count: int, seed: int = 0) -> list:
        card = self.root / f"card-{seed}"
        card.mkdir(parents=True, exist_ok=True)
        for n in range(count):
            colour = ((seed * 37 + n * 53) % 256, (n * 91) % 256, (seed * 11) % 256)
            Image.new("RGB", (64 + n, 48), colour).save(card / f"IMG_{seed:02d}{n:03d}.jpg", quality=90)
        report = import_photos(images_in(card), PhotoLibrary(self.photo_root))
        return attach_photos(db, visit_id, kind, target_id, report.imported)


def laptop(root: Path, assignment: dict | None = None) -> Laptop:
    root.mkdir(parents=True, exist_ok=True)
    me = create_identity(root / "identity", "zhangwei", "张伟")
    db = open_db(root / "inspector.db")
    save_assignment(db, Assignment.model_validate(assignment or factories.assignment()))
    db.close()
    return Laptop(root, me)


def recorded_laptop(root: Path, photos: int = 2) -> Laptop:
    """A laptop after one visit: two answers, a new problem, a verdict on the
    office's problem, and photos on the first answer."""
    made = laptop(root)
    db = made.db()
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    answer = record.save_answer(db, visit.id, LIN_01, value="fail", note="活动室大门紧锁")
    record.save_answer(db, visit.id, LIN_02, value="running")
    record.save_problem(
        db, visit.id, item=LIN_01, scenario="neighbourhood", category="facility_idle",
        description="邻里活动室长期闲置", severity="major", responsible_unit="瓜沥镇", deadline=None,
    )
    record.give_verdict(db, visit.id, factories.problem()["id"], verdict="not_rectified", note="仍未整改")
    if photos:
        made.add_photos(db, visit.id, "answer", answer.id, photos)
    db.close()
    return made


def lina_assignment(**over) -> dict:
    data = factories.assignment(
        id="R2026-3-lina", round={"id": "R2026-3", "name": "2026年第三轮督导"},
        inspector={"id": "lina", "name": "李娜"},
        projects=[factories.project("WZ-LC-001", "集新未来社区", city="wenzhou", district="鹿城区")],
        open_problems=[],
    )
    data.update(over)
    return data


def mixed_laptop(root: Path):
    """zhangwei's laptop onto which the old version loaded lina's assignment
    after zhangwei had recorded a visit; the next visit was stamped lina."""
    made = recorded_laptop(root)
    db = made.db()
    save_assignment(db, Assignment.model_validate(lina_assignment()))
    visit = record.start_visit(db, "NB-YZ-001", date(2026, 11, 28), ["张伟"])
    record.save_answer(db, visit.id, LIN_01, value="pass")
    db.close()
    return made
