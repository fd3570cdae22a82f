"""A consistent backup while the office keeps working.

The database is copied with SQLite's online backup API in one step: a read
snapshot (WAL: ingests and reviews go on meanwhile), so the copy is the
office as it was at one moment. The folders are copied after it: photos and
evidence are stored by their hash and never removed, so everything the copy
names is there (and perhaps a file that came in since, which harms nothing).
Everything is written into a hidden folder beside the target, hashed into
the manifest, read back and checked, and only then renamed to the target:
no half backup ever carries its name."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
import shutil
import sqlite3
import uuid
from datetime import datetime, timezone
from pathlib import Path

from inspector import __version__
from inspector.files import write_whole
from inspector.models.backup import BackupFile, BackupManifest

from . import DATABASE, KEYS, MANIFEST, BackupRefused, office_files
from .verifying import check_database, file_digest, verify_folder

CHUNK = 1 << 20
TEMPORARY_PREFIX = ".backup-incoming-"
WORKERS = min(4, os.cpu_count() or 2)


def make_backup(db_path: Path, target: Path, *, by: str, key_folder: Path | None = None,
                now: datetime | None = None) -> BackupManifest:
    """The backup of the office at `db_path` in the new folder `target`;
    `key_folder`: include the office's keys. Raises BackupRefused, OSError
    (a full disk: nothing is left behind), sqlite3.Error."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupRefused("target_exists", folder=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f"{TEMPORARY_PREFIX}{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        source = _open_snapshot(db_path)
        try:
            # The folders are listed once the snapshot is fixed, so every file
            # the copied database names is among them (files are never removed).
            copies = []
            for name, folder in office_files(db_path).items():
                if folder.is_dir():
                    copies += _tree(folder, staging / name)
            if key_folder is not None:
                copies += _tree(Path(key_folder), staging / KEYS, private=True)
            # The database is copied and checked while the files are copied and
            # hashed, a few at a time: SQLite, hashlib and file I/O release the
            # GIL, so the cores share the work.
            with ThreadPoolExecutor(WORKERS, thread_name_prefix="backup") as pool:
                database = pool.submit(_copy_database, source, staging / DATABASE)
                digests = list(pool.map(lambda job: _copy_hashed(*job), copies))
                copies.insert(0, (staging / DATABASE, None, False))
                digests.insert(0, database.result())
        finally:
            source.close()
        files = sorted((BackupFile(path=out.relative_to(staging).as_posix(), size=size, sha256=sha)
                        for (out, _, _), (size, sha) in zip(copies, digests)), key=lambda f: f.path)
        conn = sqlite3.connect(staging / DATABASE)
        try:
            migrations = [name for (name,) in conn.execute(
                "SELECT name FROM _sqlite_migrations ORDER BY id")]
        finally:
            conn.close()
        manifest = BackupManifest(made_at=now or datetime.now(timezone.utc), made_by=by, app_version=__version__,
                                  migrations=migrations, with_keys=key_folder is not None, files=files)
        write_whole(staging / MANIFEST, (manifest.model_dump_json(indent=1) + "\n").encode("utf-8"))
        # read back: what is on the disk is what the manifest says (the
        # database was checked as it was hashed; the re-hash shows it unchanged)
        verify_folder(staging, database_checked=True)
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def _open_snapshot(db_path: Path) -> sqlite3.Connection:
    """A connection to the office holding a read transaction: its snapshot
    (WAL) is fixed from here on, writers go on, and the online backup copies
    exactly this snapshot (it reads inside the transaction it finds open)."""
    conn = sqlite3.connect(str(db_path), timeout=30, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except BaseException:
        conn.close()
        raise
    return conn


def _copy_database(source: sqlite3.Connection, copy: Path) -> tuple[int, str]:
    """The snapshot `source` holds copied to `copy`, checked (integrity, an
    office's), and its size and SHA-256."""
    dst = sqlite3.connect(copy)
    try:
        source.backup(dst)  # one step, inside the snapshot's read transaction
        dst.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
    finally:
        dst.close()
    check_database(copy)  # here, beside the files' copying; the read-back re-hashes it
    return file_digest(copy)


def _tree(source: Path, copy: Path, *, private: bool = False) -> list[tuple[Path, Path, bool]]:
    """(copy, source, private) for every file under `source`: files only,
    never what a link points at, nor a killed writer's leftovers."""
    jobs = []
    for path in sorted(source.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if path.name.startswith((".incoming-", ".unsealing-")):
            continue
        jobs.append((copy / path.relative_to(source), path, private))
    return jobs


def _copy_hashed(out: Path, source: Path | None, private: bool) -> tuple[int, str]:
    """Copy `source` to `out` (None: `out` is there already) and return the size and SHA-256 of what was copied."""
    if source is None:
        return file_digest(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if private:
        data = source.read_bytes()
        write_whole(out, data, private=True)
        return len(data), hashlib.sha256(data).hexdigest()
    digest, size = hashlib.sha256(), 0
    with open(source, "rb") as src, open(out, "wb") as dst:
        while block := src.read(CHUNK):
            digest.update(block)
            dst.write(block)
            size += len(block)
    return size, digest.hexdigest()


