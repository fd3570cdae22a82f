"""The office at province scale (bench/province.py): a filter keystroke in
the review queue, bulk-confirming 1,000 records, and opening the round
dashboard against opening the laptop's project list on 10,000 projects."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from .common import Figure, median
from .province import copy_of, province_db

KEY_TARGET_MS = 50
BULK_TARGET_S = 1.0
DASHBOARD_TARGET = 2.0
BULK = 1_000

# What a reviewer types, one prefix a keystroke: a city, pinyin initials, an
# inspector, a ledger number, words of a description; then the same with a
# second word (every word must match).
TYPED = ["杭", "杭州", "h", "hz", "n", "nb", "qz", "w", "wa", "wan", "wang", "wang1", "wang12",
         "2", "20", "202", "2026", "2026-", "2026-1", "2026-1-", "2026-1-h", "2026-1-hz",
         "邻", "邻里", "邻里中", "邻里中心", "闲", "闲置", "食堂", "食堂 宁", "食堂 宁波",
         "l", "li", "li3", "数", "数字", "数字化"]


class Skipped(Figure):
    """A benchmark that could not run here, said in its line; it misses no target."""

    def line(self) -> str:
        return f"skip {self.name:<40} {self.detail}"


def filter_keystroke(work: Path) -> Figure:
    from inspector.office.db import open_office_db
    from inspector.office.review import queue

    db = open_office_db(province_db(work))
    try:
        start = time.perf_counter()
        rows = queue.load(db)
        loading = time.perf_counter() - start
    finally:
        db.close()
    for prefix in TYPED[:3]:  # the first keystrokes warm the caches a session warms too
        queue.QueueFilter(text=prefix).apply(rows)
    times = []
    for _ in range(3):
        for prefix in TYPED:
            start = time.perf_counter()
            queue.QueueFilter(text=prefix).apply(rows)
            times.append(time.perf_counter() - start)
    measured = median(times)
    worst = max(times)
    return Figure(f"review queue filter keystroke, {len(rows):,} rows", measured, None,
                  f"<= {KEY_TARGET_MS} ms median", measured * 1000 <= KEY_TARGET_MS,
                  f"(QueueFilter.apply, {len(TYPED)} prefixes x 3; worst {worst * 1000:.1f} ms; "
                  f"queue.load once {loading * 1000:.0f} ms)")


def bulk_confirm(work: Path, repeat: int = 5) -> Figure:
    """1,000 problems awaiting review confirmed at once (each given its
    ledger number, the heaviest case), on a copy of the province database."""
    from inspector.office.db import open_office_db
    from inspector.office.review.states import Seen, set_state

    times = []
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        db = open_office_db(copy_of(province_db(work), Path(tmp) / "office.db"))
        try:
            waiting = db.conn.execute(
                "SELECT kind, id, version FROM reviews WHERE state = 'received' AND kind = 'problem' "
                "AND id NOT IN (SELECT problem_id FROM ledger) ORDER BY id LIMIT ?", (BULK * repeat,)).fetchall()
            assert len(waiting) == BULK * repeat, len(waiting)
            for n in range(repeat):
                seen = [Seen(kind, rid, version) for kind, rid, version in waiting[n * BULK:(n + 1) * BULK]]
                start = time.perf_counter()
                done = set_state(db, seen, "confirmed", by="bench")
                times.append(time.perf_counter() - start)
                assert done.changed == BULK and len(done.numbered) == BULK
        finally:
            db.close()
    measured = median(times)
    return Figure(f"bulk-confirm {BULK:,} problems", measured, None, f"<= {BULK_TARGET_S:g} s",
                  measured <= BULK_TARGET_S, f"(states.set_state, one transaction, ledger numbers given; "
                  f"median of {repeat}, worst {max(times) * 1000:.0f} ms)")


def dashboard(work: Path, repeat: int = 7) -> Figure:
    """Opening the round dashboard (its database opened, every figure read)
    against the laptop opening its project list on 10,000 projects (the
    database opened, the list's rows read, as the interface's start does)."""
    name = "open round dashboard vs project list"
    try:
        from inspector.office.dashboard import round_dashboard
    except ImportError as exc:
        return Skipped(name, 0.0, None, "", True, f"(inspector.office.dashboard is not here yet: {exc})")
    from inspector.office.db import open_office_db
    from inspector.store import open_reader, read_project_list

    from .tui import _big_db

    office, laptop = province_db(work), _big_db(work)

    def open_dashboard() -> None:
        db = open_office_db(office)
        try:
            round_dashboard(db)
        finally:
            db.close()

    def open_list() -> None:
        conn = open_reader(laptop)
        try:
            rows, _, _ = read_project_list(conn)
            assert len(rows) == 10_000
        finally:
            conn.close()

    open_dashboard(), open_list()  # the OS file cache warmed for both
    ours, base = [], []
    for _ in range(repeat):  # interleaved, so a busy moment on the machine falls on both
        start = time.perf_counter()
        open_dashboard()
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        open_list()
        base.append(time.perf_counter() - start)
    ratio = median(ours) / median(base)
    return Figure(name, median(ours), median(base), f"<= {DASHBOARD_TARGET:g}x", ratio <= DASHBOARD_TARGET,
                  f"(median of {repeat}; province office: 1,500 visits, 15,000 problems, 10,000 projects; "
                  "laptop: 10,000 projects)")


def run(work: Path) -> list[Figure]:
    return [filter_keystroke(work), bulk_confirm(work), dashboard(work)]
