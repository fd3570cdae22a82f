"""Loading a 10,000-project assignment vs raw sqlite3.executemany of the same rows."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from .common import Figure, median, write_synthetic

TARGET = 3.0


def _baseline(rows: list[tuple], path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE projects (code TEXT PRIMARY KEY, name TEXT, city TEXT, district TEXT, "
        "creation_type TEXT, orientation TEXT, batch TEXT, rural INTEGER, search TEXT, sort_name TEXT, data TEXT)"
    )
    with conn:
        conn.executemany("INSERT INTO projects VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.close()


def run(work: Path, repeat: int = 5) -> list[Figure]:
    import time

    from inspector.assignment import read_assignment
    from inspector.store import open_db
    from inspector.store.assignments import save_assignment

    source = write_synthetic(work / "synthetic-10000.json", 10_000)

    ours, base = [], []
    rows: list[tuple] = []
    for attempt in range(repeat):
        with tempfile.TemporaryDirectory(dir=work) as tmp:
            start = time.perf_counter()
            assignment = read_assignment(source)
            db = open_db(Path(tmp) / "ours.db")
            save_assignment(db, assignment)
            db.close()
            ours.append(time.perf_counter() - start)
            if not rows:
                db = open_db(Path(tmp) / "ours.db", migrate=False)
                rows = db.conn.execute("SELECT * FROM projects").fetchall()
                db.close()
            start = time.perf_counter()
            _baseline(rows, Path(tmp) / "raw.db")
            base.append(time.perf_counter() - start)
    ratio = median(ours) / median(base)
    return [Figure("load 10,000-project assignment", median(ours), median(base), f"<= {TARGET}x",
                   ratio <= TARGET, f"(median of {repeat}; file -> checked -> stored, "
                   "vs executemany of the stored rows)")]
