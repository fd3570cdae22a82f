"""The round's report (all formats) for a generated province round
(bench/round.py: 301 projects, 600 visits, 6,000 problems, 1,500
innovations, 12,000 photos with their files), against the bare I/O of the
same work: the same problem and innovation rows read with one SQL query
each and dumped with the csv module, and the same thumbnails copied with
shutil (the 12,000 less those of rejected records). Targets: ≤ 4x, and the
report's peak memory ≤ 300 MB. Also the gather step alone (the database
read into rows, what every format shares), and one city (hangzhou) alone.

    python -m bench.report [--city hangzhou] [--repeat 3]

Each side runs in a fresh process (`--child`), so its peak memory is its
own: the peak resident set (VmHWM on Linux, ru_maxrss elsewhere on POSIX);
on Windows, where neither exists, tracemalloc's peak of Python allocations
(smaller: no interpreter, no C libraries), and the line says which.

Formats whose writer is not importable yet are skipped with a note (the
writers arrive on other branches); with none, the report line is skipped
and only gather and the baseline are measured.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import ROOT, Figure
from .round import ROUND, TODAY, round_office

RATIO_TARGET = 4.0
MEMORY_TARGET_MB = 300
CITY = "hangzhou"


# -- what runs in the child process ------------------------------------------------------

def _peak_mb() -> tuple[float, str]:
    """(peak memory so far in MB, how it was measured)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024, "peak RSS (VmHWM)"
    except OSError:
        pass
    try:
        import resource
    except ImportError:
        import tracemalloc

        return tracemalloc.get_traced_memory()[1] / 2**20, "tracemalloc peak"
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    scale = 2**20 if sys.platform == "darwin" else 2**10
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale, "peak RSS (ru_maxrss)"


def available_formats() -> tuple[list[str], list[str]]:
    """(formats whose writers import, notes on those that do not)."""
    from inspector.office.reports.run import WRITERS
    from inspector.office.reports.scope import FORMATS

    ready, notes = [], []
    for fmt in FORMATS:
        try:
            for name in WRITERS[fmt]:
                importlib.import_module(name)
        except ImportError as error:
            notes.append(f"{fmt}: skipped, writer not here yet ({error})")
        else:
            ready.append(fmt)
    return ready, notes


def bare_io(db_path: Path, photo_root: Path, out: Path, cities: tuple[str, ...] = ()) -> dict:
    """The baseline: both lists to CSV (one query each) and the round's
    thumbnails copied; returns the counts."""
    import sqlite3

    from inspector.office.dashboard import _ROUND_VISITS

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    where = f" AND dv.city IN ({', '.join('?' * len(cities))})" if cities else ""
    params = (ROUND, *cities)
    base = (_ROUND_VISITS + "SELECT {columns} FROM dv JOIN records r ON r.visit_id = dv.id AND r.kind = ? "
            "JOIN current c ON c.kind = r.kind AND c.id = r.id AND c.rev = r.rev "
            "LEFT JOIN reviews v ON v.kind = r.kind AND v.id = r.id LEFT JOIN projects p ON p.code = r.project_code "
            "{joins} WHERE coalesce(v.state, '') NOT IN ('rejected', 'duplicate')" + where)
    lists = {
        "problem": ("l.number, dv.city, p.name, json_extract(r.data, '$.scenario'), "
                    "json_extract(r.data, '$.category'), json_extract(r.data, '$.severity'), "
                    "json_extract(r.data, '$.description'), u.name, l.rectification, l.deadline, "
                    "coalesce(l.status, v.state), r.author, json_extract(r.data, '$.created_at')",
                    "LEFT JOIN ledger l ON l.problem_id = r.id LEFT JOIN units u ON u.id = l.unit_id"),
        "innovation": ("dv.city, p.name, json_extract(r.data, '$.scenario'), json_extract(r.data, '$.category'), "
                       "json_extract(r.data, '$.title'), json_extract(r.data, '$.replicable'), g.grade, g.typical, "
                       "r.author", "LEFT JOIN innovation_grades g ON g.innovation_id = r.id"),
    }
    counts = {}
    out.mkdir(parents=True, exist_ok=True)
    for kind, (columns, joins) in lists.items():
        rows = conn.execute(base.format(columns=columns, joins=joins), (params[0], kind, *params[1:]))
        with open(out / f"{kind}.csv", "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            counts[kind] = 0
            for row in rows:
                writer.writerow(row)
                counts[kind] += 1
    thumbs = out / "thumbs"
    thumbs.mkdir()
    # the photos the report gives out: those of records it lists (a duplicate's go to the one kept)
    shas = conn.execute(_ROUND_VISITS + "SELECT json_extract(r.data, '$.sha256') FROM dv "
                        "JOIN records r ON r.visit_id = dv.id AND r.kind = 'photo' "
                        "JOIN current c ON c.kind = r.kind AND c.id = r.id AND c.rev = r.rev "
                        "LEFT JOIN reviews t ON t.kind = json_extract(r.data, '$.attached_to.kind') "
                        "AND t.id = json_extract(r.data, '$.attached_to.id') "
                        "WHERE coalesce(t.state, '') != 'rejected'" + where, params).fetchall()
    for n, (sha,) in enumerate(shas, 1):
        shutil.copyfile(photo_root / "thumbs" / sha[:2] / f"{sha}.jpg", thumbs / f"{n}.jpg")
    counts["photo"] = len(shas)
    conn.close()
    return counts


def child(mode: str, db_path: Path, photo_root: Path, out: Path, cities: tuple[str, ...],
          formats: tuple[str, ...]) -> dict:
    """One measured run, in this (fresh) process: mode is gather, report or baseline."""
    try:
        import resource  # noqa: F401
    except ImportError:
        import tracemalloc

        tracemalloc.start()
    from inspector.office.db import open_office_db
    from inspector.office.reports.gather import gather
    from inspector.office.reports.run import make_report
    from inspector.office.reports.scope import ReportScope

    before, _ = _peak_mb()
    start = time.perf_counter()
    if mode == "baseline":
        counts = bare_io(db_path, photo_root, out, cities)
    else:
        db = open_office_db(db_path)
        try:
            if mode == "gather":
                scope = ReportScope(ROUND, cities=frozenset(cities), today=TODAY, user="bench")
                report = gather(db, scope, photo_root=photo_root)
            else:
                scope = ReportScope(ROUND, cities=frozenset(cities), formats=formats, today=TODAY, user="bench")
                report = make_report(db, scope, out, photo_root=photo_root).report
        finally:
            db.close()
        counts = {"problem": len(report.problems), "innovation": len(report.innovations),
                  "photo": sum(len(r.photos) for r in (*report.problems, *report.innovations)),
                  "left_out": report.coverage.left_out}
    elapsed = time.perf_counter() - start
    peak, how = _peak_mb()
    return {"seconds": elapsed, "peak_mb": peak, "start_mb": before, "how": how, "counts": counts}


# -- the parent --------------------------------------------------------------------------

def _run_child(mode: str, db_path: Path, photo_root: Path, work: Path, cities: tuple[str, ...],
               formats: tuple[str, ...]) -> dict:
    out = Path(tempfile.mkdtemp(prefix="report-run-", dir=work)) / "report"
    try:
        args = [sys.executable, "-m", "bench.report", "--child", mode, str(db_path), str(photo_root), str(out),
                ",".join(cities), ",".join(formats)]
        done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        if done.returncode:
            raise RuntimeError(f"bench.report --child {mode} failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)


def measure(work: Path, cities: tuple[str, ...] = (), repeat: int = 3, formats: list[str] | None = None,
            say=print) -> list[Figure]:
    """The figures for one scope (the whole province, or `cities` alone)."""
    db_path, photo_root = round_office(work)
    if formats is None:
        formats, notes = available_formats()
        for note in notes:
            say(f"note {note}")
    where = "+".join(cities) if cities else "province"
    gathered = [_run_child("gather", db_path, photo_root, work, cities, ()) for _ in range(repeat)]
    g = min(gathered, key=lambda r: r["seconds"])
    c = g["counts"]
    figures = [Figure(f"gather {where}: {c['problem']:,} problems", g["seconds"], None, "(measured)", True,
                      f"({c['innovation']:,} innovations, {c['photo']:,} photos, left out {c['left_out']}; "
                      f"best of {repeat}, median {statistics.median(r['seconds'] for r in gathered):.2f} s; "
                      f"{g['how']} {g['peak_mb']:.0f} MB, {g['start_mb']:.0f} MB after imports)"),
               Figure(f"gather {where} peak memory", g["peak_mb"], None, f"<= {MEMORY_TARGET_MB} MB",
                      g["peak_mb"] <= MEMORY_TARGET_MB, f"({g['how']})", unit="MB")]
    ours, base = [], []
    for _ in range(repeat):  # alternated, so the disk cache favours neither
        base.append(_run_child("baseline", db_path, photo_root, work, cities, ()))
        if formats:
            ours.append(_run_child("report", db_path, photo_root, work, cities, tuple(formats)))
    b = min(r["seconds"] for r in base)
    bc = base[0]["counts"]
    detail = (f"{bc['problem']:,} + {bc['innovation']:,} rows to CSV, {bc['photo']:,} thumbnails copied; "
              f"best of {repeat}")
    if not ours:
        figures.append(Figure(f"bare I/O {where} (no writer here yet)", b, None, "(baseline)", True, f"({detail})"))
        return figures
    t = min(r["seconds"] for r in ours)
    peak = max(r["peak_mb"] for r in ours)
    figures += [
        Figure(f"report {where} [{','.join(formats)}] vs bare I/O", t, b, f"<= {RATIO_TARGET:g}x",
               t / b <= RATIO_TARGET, f"({detail}; report medians "
                                      f"{statistics.median(r['seconds'] for r in ours):.1f} s)"),
        Figure(f"report {where} peak memory", peak, None, f"<= {MEMORY_TARGET_MB} MB", peak <= MEMORY_TARGET_MB,
               f"({ours[0]['how']}, whole process; {ours[0]['start_mb']:.0f} MB after imports)", unit="MB"),
    ]
    return figures


def run(work: Path) -> list[Figure]:
    return measure(work) + measure(work, (CITY,))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--city", action="append", default=[], help="only this city (repeatable)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, db_path, photo_root, out, cities, formats = args.child
        result = child(mode, Path(db_path), Path(photo_root), Path(out), tuple(filter(None, cities.split(","))),
                       tuple(filter(None, formats.split(","))))
        print(json.dumps(result))
        return
    work = ROOT / "bench" / "out"
    work.mkdir(parents=True, exist_ok=True)
    figures = measure(work, tuple(args.city), args.repeat)
    for figure in figures:
        print(figure.line(), flush=True)
    sys.exit(0 if all(f.ok for f in figures) else 1)


if __name__ == "__main__":
    main()
