"""Backing the office up (issue 14 item 4): the province-scale office
(bench/province.py: a year of rounds, every record and review, 60,000 photo
rows) backed up with `make_backup` (SQLite's online backup API, every file
hashed into the manifest and read back) vs copying its files with
shutil. Target ≤ 1.5x. The photo rows name files the bench does not keep
(hundreds of GB): a sample of 2,000 photo files of ~400 KB stands in for the
store, copied by both sides."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from .common import Figure, settle
from .province import copy_of, province_db

TARGET = 1.5
PHOTO_FILES = 2000
PHOTO_BYTES = 400_000


def _office(work: Path) -> Path:
    folder = work / "backup-office"
    db = folder / "office.db"
    if (folder / "ready").exists():
        return db
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    copy_of(province_db(work), db)
    for n in range(PHOTO_FILES):
        data = os.urandom(PHOTO_BYTES)
        import hashlib

        sha = hashlib.sha256(data).hexdigest()
        path = folder / "photos" / sha[:2] / f"{sha}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (folder / "ready").write_text("ok")
    return db


def run(work: Path, repeat: int = 3) -> list[Figure]:
    from inspector.office.backup.making import make_backup

    db = _office(work)
    ours, base = [], []
    for _ in range(repeat):  # alternate, so disk-cache warmth favours neither
        with tempfile.TemporaryDirectory(dir=work) as tmp:
            settle()
            start = time.perf_counter()
            shutil.copyfile(db, Path(tmp) / "office.db")
            shutil.copytree(db.parent / "photos", Path(tmp) / "photos")
            base.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory(dir=work) as tmp:
            settle()
            start = time.perf_counter()
            manifest = make_backup(db, Path(tmp) / "backup", by="bench")
            ours.append(time.perf_counter() - start)
    size = sum(f.size for f in manifest.files) / 1e6
    t_ours, t_base = min(ours), min(base)
    return [Figure("office backup (province) vs copying its files", t_ours, t_base, f"≤{TARGET}x",
                   t_ours / t_base <= TARGET,
                   detail=f"(best of {repeat}; {size:.0f} MB in {len(manifest.files)} files: online backup API, "
                          "every file hashed into the manifest and read back; the copy checks nothing)")]
