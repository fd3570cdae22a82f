"""The visit: saving one answer, and opening the checklist screen of a
150-item template against opening the project list."""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

from .common import ROOT, Figure

SAVE_P99_MS = 5.0
OPEN_TARGET = 2.0
ITEMS = 150


def _visit_db(work: Path) -> tuple[Path, str]:
    """The fixtures plus a 150-item checklist that applies everywhere, and a
    visit to 瓜沥七彩 using it."""
    from inspector.assignment import read_assignment
    from inspector.inspection import record
    from inspector.models import Assignment, ChecklistTemplate, TemplateRef
    from inspector.store import open_db
    from inspector.store.assignments import save_assignment

    path = work / "visit-150.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    base = read_assignment(ROOT / "fixtures" / "assignment.json")
    source = next(t for t in base.templates if t.kind == "problem")
    items = [i for i in source.items()]
    sections = []
    for s in range(ITEMS // 10):
        chosen = [
            items[(s * 10 + k) % len(items)].model_copy(update={
                "id": f"b{s:02d}-{k}", "applies": type(items[0].applies)(),
            })
            for k in range(10)
        ]
        sections.append({"id": f"s{s:02d}", "title": f"第{s + 1}部分", "items": [i.model_dump() for i in chosen]})
    big = ChecklistTemplate.model_validate({
        "id": "bench-150", "version": 1, "kind": "problem", "title": "150项检查表", "sections": sections,
    })
    assignment = Assignment.model_validate({
        **base.model_dump(), "id": "bench-150", "templates": [big.model_dump()],
        "checklists": [TemplateRef(id="bench-150", version=1).model_dump()], "open_problems": [],
    })
    db = open_db(path)
    save_assignment(db, assignment)
    visit = record.start_visit(db, "HZ-XS-006", date(2026, 11, 27), ["张伟"])
    db.close()
    return path, str(visit.id)


def answer_save(db_path: Path, visit_id: str, repeat: int = 500) -> Figure:
    from inspector.inspection import record
    from inspector.inspection.snapshot import load_visit
    from inspector.store import open_db

    db = open_db(db_path)
    entries = [e for e in load_visit(db, visit_id).entries if e.item.answer.type == "pass_fail"]
    times = []
    for n in range(repeat):
        entry = entries[n % len(entries)]
        start = time.perf_counter()
        record.save_answer(db, visit_id, entry.ref, value="pass" if n % 3 else "fail")
        times.append(time.perf_counter() - start)
    db.close()
    times.sort()
    p99 = times[int(len(times) * 0.99)]
    return Figure("save one answer (p99)", p99, None, f"<= {SAVE_P99_MS:g} ms p99", p99 * 1000 <= SAVE_P99_MS,
                  f"(median {statistics.median(times) * 1000:.2f} ms over {repeat}; one transaction each, "
                  "WAL, synchronous=NORMAL)")


def screen_open(db_path: Path, visit_id: str, repeat: int = 10) -> Figure:
    import asyncio

    from inspector.settings import Settings
    from inspector.tui.factory import make_app
    from inspector.tui.screens.project_list import ProjectListScreen
    from inspector.tui.screens.visit import VisitScreen

    lists: list[float] = []
    checklists: list[float] = []

    async def drive() -> None:
        app = make_app(Settings(db_path=db_path, data_dir=db_path.parent))
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            for _ in range(repeat):
                start = time.perf_counter()
                screen = ProjectListScreen(app.lang)
                await app.push_screen(screen)
                while not screen.loaded:
                    await pilot.pause()
                await pilot.pause()
                lists.append(time.perf_counter() - start)
                app.pop_screen()
                await pilot.pause()

                start = time.perf_counter()
                visit = VisitScreen(visit_id, app.lang)
                await app.push_screen(visit)
                while visit.current is None:
                    await pilot.pause()
                await pilot.pause()
                checklists.append(time.perf_counter() - start)
                assert len([e for e in visit.snapshot.entries if e.applies]) == ITEMS
                app.pop_screen()
                await pilot.pause()

    asyncio.run(drive())
    ratio = statistics.median(checklists) / statistics.median(lists)
    return Figure(f"open checklist, {ITEMS} items", statistics.median(checklists), statistics.median(lists),
                  f"<= {OPEN_TARGET:g}x", ratio <= OPEN_TARGET, "(vs opening the project list; median of "
                  f"{repeat}, to drawn)")


def run(work: Path) -> list[Figure]:
    db_path, visit_id = _visit_db(work)
    return [answer_save(db_path, visit_id), screen_open(db_path, visit_id)]
