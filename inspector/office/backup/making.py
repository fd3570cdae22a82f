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
# Folders whose files are named by their SHA-256, and at which depth
CONTENT_NAMED = {"photos": 2, "evidence": 1}
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
                    copies += _tree(folder, staging / name, named=CONTENT_NAMED.get(name))
            if key_folder is not None:
                copies += _tree(Path(key_folder), staging / KEYS, private=True)
            # The database is copied and checked while the files are copied and
            # hashed, a few at a time: SQLite, hashlib and file I/O release the
            # GIL, so the cores share the work.
            with ThreadPoolExecutor(WORKERS, thread_name_prefix="backup") as pool:
                database = pool.submit(_copy_database, source, staging / DATABASE)
                digests = list(pool.map(lambda job: _copy_checked(*job), copies))
                copies.insert(0, (staging / DATABASE, None, False, None))
                digests.insert(0, database.result())
        finally:
            source.close()
        files = sorted((BackupFile(path=out.relative_to(staging).as_posix(), size=size, sha256=sha)
                        for (out, *_), (size, sha) in zip(copies, digests)), key=lambda f: f.path)
        conn = sqlite3.connect(staging / DATABASE)
        try:
            migrations = [name for (name,) in conn.execute(
                "SELECT name FROM _sqlite_migrations ORDER BY id")]
        finally:
            conn.close()
        manifest = BackupManifest(made_at=now or datetime.now(timezone.utc), made_by=by, app_version=__version__,
                                  migrations=migrations, with_keys=key_folder is not None, files=files)
        write_whole(staging / MANIFEST, (manifest.model_dump_json(indent=1) + "\n").encode("utf-8"))
        # every file was read back as it was hashed, the database checked as
        # it was: what is left is the folder against its manifest
        verify_folder(staging, read_back=True)
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


def _tree(source: Path, copy: Path, *, private: bool = False,
          named: int | None = None) -> list[tuple[Path, Path, bool, str | None]]:
    """(copy, source, private, the SHA-256 its name says) for every file
    under `source`: files only, never what a link points at, nor a killed
    writer's leftovers. `named`: the depth at which the folder names its
    files by their SHA-256 (photos/ab/<sha>.jpg: 2; its thumbs/ are not)."""
    jobs = []
    for path in sorted(source.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        if path.name.startswith((".incoming-", ".unsealing-")):
            continue
        relative = path.relative_to(source)
        stem = path.name.split(".", 1)[0]
        says = stem if (named == len(relative.parts) and len(stem) == 64
                        and all(c in "0123456789abcdef" for c in stem)
                        and (named == 1 or relative.parts[0] == stem[:2])) else None
        jobs.append((copy / relative, path, private, says))
    return jobs


def _copy_checked(out: Path, source: Path | None, private: bool, named: str | None) -> tuple[int, str]:
    """Copy `source` to `out` (None: `out` is there already, checked) and
    return the size and SHA-256 of the copy as read back from the disk,
    refused unless it is what the source holds (`named`: what its name says
    it holds)."""
    if source is None:
        return file_digest(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if private:
        data = source.read_bytes()
        write_whole(out, data, private=True)
        expected = hashlib.sha256(data).hexdigest()
    elif named is not None:
        # The photo store names each file by its SHA-256: the name says what the
        # copy must hold, so the kernel copies (no pass through Python) and
        # the copy is read back once.
        shutil.copyfile(source, out)
        size, sha = file_digest(out)
        # The source itself may differ from its name (`office check` says so):
        # then the copy must match the source instead.
        if sha != named and sha != file_digest(source)[1]:
            raise BackupRefused("copied_wrong", file=str(source))
        return size, sha
    else:
        expected = _copy_hashing(source, out)
    size, sha = file_digest(out)
    if sha != expected:
        raise BackupRefused("copied_wrong", file=str(source))
    return size, sha


def _copy_hashing(source: Path, out: Path) -> str:
    digest = hashlib.sha256()
    with open(source, "rb") as src, open(out, "wb") as dst:
        while block := src.read(CHUNK):
            digest.update(block)
            dst.write(block)
    return digest.hexdigest()
