"""Encrypted bundles (issue 14 item 1): export and ingest of the same work
sealed to the office vs plain. Target ≤ 1.2x each.

Export: the laptop of bench/export.py (300 visits, 1,000 photos of ~400 KB),
exported in a fresh process plain and then sealed (the office's encryption
key set as an assignment would set it). Ingest: the bundle of
bench/ingest.py applied to a fresh office, plain and sealed. Runs alternate,
so disk-cache warmth favours neither; best of N judges the target.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import ROOT, Figure, median, settle

TARGET = 1.2

CHILD = r"""
import json, sqlite3, sys, time
from pathlib import Path
root, recipient = Path(sys.argv[1]), sys.argv[2]
out = root / "out"
out.mkdir(exist_ok=True)
for old in list(out.glob("*.zip")) + list(out.glob("*.age")):
    old.unlink()
conn = sqlite3.connect(root / "laptop.db")
if recipient:
    conn.execute("INSERT INTO meta (key, value) VALUES ('office_recipient', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (recipient,))
else:
    conn.execute("DELETE FROM meta WHERE key = 'office_recipient'")
conn.commit()
conn.close()
from inspector.bundle.writing import export_bundle
from inspector.identity import load_identity
me = load_identity(root / "identity")
start = time.perf_counter()
made = export_bundle(root / "laptop.db", root / "photos", me, out, full=True)
print(json.dumps({"seconds": time.perf_counter() - start, "size": made.size, "name": made.path.name}))
"""


def _export(root: Path, recipient: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), recipient], check=True, capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    return json.loads(out)


def _fresh_office(folder: Path, me):
    from inspector.office.db import open_office_db
    from inspector.office.sealed import allow_plain

    from .ingest import _office

    key, db_path = _office(folder, me)
    db = open_office_db(db_path)
    allow_plain(db, True, by="bench")
    db.close()
    return key, db_path


def run(work: Path, repeat: int = 3) -> list[Figure]:
    from inspector.identity import sealing

    from . import export, ingest

    office_keys = work / "sealed-office"
    recipient = sealing.recipient(office_keys)
    laptop = export._laptop(work)
    plain_runs, sealed_runs = [], []
    for _ in range(repeat):
        settle()
        plain_runs.append(_export(laptop, ""))
        settle()
        sealed_runs.append(_export(laptop, recipient))
    assert sealed_runs[0]["name"].endswith(".zip.age") and plain_runs[0]["name"].endswith(".zip")
    e_plain = min(r["seconds"] for r in plain_runs)
    e_sealed = min(r["seconds"] for r in sealed_runs)

    bundle, me = ingest.build_bundle(work / "ingest")
    sealed_bundle = work / "ingest" / (bundle.name + ".age")
    if not sealed_bundle.exists():
        sealing.seal(bundle, sealed_bundle, recipient)
    plain_times, sealed_times = [], []
    for _ in range(repeat):
        for path, times in ((bundle, plain_times), (sealed_bundle, sealed_times)):
            with tempfile.TemporaryDirectory(dir=work) as tmp:
                key, db_path = _fresh_office(Path(tmp), me)
                # the office's encryption key, where the ingester looks for it
                for found in office_keys.glob("bundle-key*.age"):
                    (key.folder / found.name).write_bytes(found.read_bytes())
                settle()
                start = time.perf_counter()
                assert ingest._ingest(db_path, key, path) == "applied"
                times.append(time.perf_counter() - start)
    i_plain, i_sealed = min(plain_times), min(sealed_times)
    return [
        Figure("export sealed vs plain", e_sealed, e_plain, f"≤{TARGET}x", e_sealed / e_plain <= TARGET,
               detail=f"(best of {repeat}; 300 visits, 1,000 photos, {sealed_runs[0]['size'] / 1e6:.0f} MB; medians "
                      f"{median([r['seconds'] for r in sealed_runs]) * 1000:.0f} vs "
                      f"{median([r['seconds'] for r in plain_runs]) * 1000:.0f} ms)"),
        Figure("ingest sealed vs plain", i_sealed, i_plain, f"≤{TARGET}x", i_sealed / i_plain <= TARGET,
               detail=f"(best of {repeat}; the 300-visit bundle applied to a fresh office; medians "
                      f"{median(sealed_times):.1f} vs {median(plain_times):.1f} s)"),
    ]
