"""Exporting a sync bundle: 300 visits with 1,000 photos of ~400 KB.

Baseline: `zipfile` writing the same photo files with ZIP_STORED (no
records, no hashing, no signature, no fsync). Target ≤ 1.5x, and the
exporting process's peak memory ≤ 100 MB whatever the photo volume (the
photos are streamed, never held whole). Each side runs in a fresh process.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from .common import ROOT, Figure, photo_data, synthetic_assignment

VISITS = 300
PHOTOS = 1000
PHOTO_BYTES = 400_000
ANSWERS_PER_VISIT = 20

CHILD = r"""
import json, os, sys, time, zipfile
from pathlib import Path
root, mode = Path(sys.argv[1]), sys.argv[2]
out = root / "out"
for old in out.glob("*.zip"):
    old.unlink()
out.mkdir(exist_ok=True)
if hasattr(os, "sync"):
    os.sync()  # the other side's 400 MB still being written back must not slow this one

def peak_mb():
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        try:
            import resource  # macOS: ru_maxrss in bytes
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
        except ImportError:  # Windows: no figure
            return 0.0
    return 0.0

if mode == "ours":
    from inspector.bundle.writing import export_bundle
    from inspector.identity import load_identity
    me = load_identity(root / "identity")
    start = time.perf_counter()
    made = export_bundle(root / "laptop.db", root / "photos", me, out, full=True)
    elapsed = time.perf_counter() - start
    size = made.size
else:
    files = sorted((root / "photos").glob("??/*.jpg"))
    start = time.perf_counter()
    with zipfile.ZipFile(out / "baseline.zip", "w") as archive:
        for path in files:
            archive.write(path, f"photos/{path.name}", compress_type=zipfile.ZIP_STORED)
    elapsed = time.perf_counter() - start
    size = (out / "baseline.zip").stat().st_size
print(json.dumps({"seconds": elapsed, "peak_mb": peak_mb(), "size": size}))
"""


def _laptop(work: Path) -> Path:
    """The laptop, built once and kept in bench/out (it takes a while)."""
    root = work / "export-300"
    done = root / "ready"
    if done.exists():
        return root
    import random
    import shutil
    import uuid
    from datetime import date, datetime, timezone

    from inspector.identity import create_identity
    from inspector.inspection import record
    from inspector.models import Assignment, ItemRef, Photo, PhotoTarget
    from inspector.store import open_db, records
    from inspector.store.assignments import save_assignment

    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    assignment = Assignment.model_validate(synthetic_assignment(VISITS))
    create_identity(root / "identity", assignment.inspector.id, assignment.inspector.name)
    db = open_db(root / "laptop.db")
    save_assignment(db, assignment)
    template = next(t for t in assignment.templates if t.kind == "problem")
    pass_fail = [i for i in template.items() if i.answer.type == "pass_fail"][:ANSWERS_PER_VISIT]
    rng = random.Random(0)
    who = record.identity(db)
    photo_dir = root / "photos"
    answers = []
    for project in assignment.projects[:VISITS]:
        visit = record.start_visit(db, project.code, date(2026, 11, 27), [assignment.inspector.name])
        for item in pass_fail:
            answers.append(record.save_answer(
                db, visit.id, ItemRef(template=template.id, version=template.version, item=item.id),
                value=rng.choice(["pass", "fail"]), note="现场核查：台账齐全，活动室开放",
            ))
    now = datetime.now(timezone.utc)
    for n in range(PHOTOS):
        data = photo_data(rng.randbytes(PHOTO_BYTES - 20_000 + rng.randrange(40_000)))
        import hashlib

        sha = hashlib.sha256(data).hexdigest()
        path = photo_dir / sha[:2] / f"{sha}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        answer = answers[(n * 7) % len(answers)]
        records.save(db, Photo(
            id=uuid.uuid4(), rev=1, author=who.inspector_id, device=who.device_id, created_at=now, updated_at=now,
            visit_id=answer.visit_id, sha256=sha, attached_to=PhotoTarget(kind="answer", id=answer.id),
            original_name=f"IMG_{n:04d}.JPG", width=1600, height=1200,
        ))
    db.close()
    done.write_text("ok")
    return root


def _child(root: Path, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), mode], check=True, capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    return json.loads(out)


def run(work: Path, repeat: int = 5) -> list[Figure]:
    root = _laptop(work)
    ours, base = [], []
    for _ in range(repeat):  # alternate, so disk-cache warmth favours neither
        base.append(_child(root, "baseline"))
        ours.append(_child(root, "ours"))
    # Best of N judges the target: this machine's disk makes single runs vary
    # by half (the same export took 0.9 s and 1.6 s back to back); medians are shown.
    t_ours = min(r["seconds"] for r in ours)
    t_base = min(r["seconds"] for r in base)
    m_ours = statistics.median(r["seconds"] for r in ours)
    m_base = statistics.median(r["seconds"] for r in base)
    peak = max(r["peak_mb"] for r in ours)
    size = ours[0]["size"] / 1e6
    return [
        Figure("export 300 visits + 1000 photos", t_ours, t_base, "≤1.5x", t_ours / t_base <= 1.5,
               detail=f"(best of {repeat}; medians {m_ours * 1000:.0f} vs {m_base * 1000:.0f} ms = "
                      f"{m_ours / m_base:.2f}x; bundle {size:.0f} MB, fsynced; baseline not)"),
        Figure("export peak memory (whole process)", peak, None, "≤100 MB", peak <= 100, unit="MB"),
    ]
