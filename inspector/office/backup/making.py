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
import shutil
import sqlite3
import uuid
from datetime import datetime, timezone
from pathlib import Path

from inspector import __version__
from inspector.files import write_whole
from inspector.models.backup import BackupFile, BackupManifest

from . import DATABASE, KEYS, MANIFEST, BackupRefused, office_files
from .verifying import verify_folder

CHUNK = 1 << 20
TEMPORARY_PREFIX = ".backup-incoming-"


def file_digest(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


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
        _copy_database(db_path, staging / DATABASE)
        for name, folder in office_files(db_path).items():
            if folder.is_dir():
                _copy_tree(folder, staging / name)
        if key_folder is not None:
            _copy_tree(Path(key_folder), staging / KEYS, private=True)
        files = [_entry(staging, path) for path in sorted(staging.rglob("*")) if path.is_file()]
        conn = sqlite3.connect(staging / DATABASE)
        try:
            migrations = [name for (name,) in conn.execute(
                "SELECT name FROM _sqlite_migrations ORDER BY id")]
        finally:
            conn.close()
        manifest = BackupManifest(made_at=now or datetime.now(timezone.utc), made_by=by, app_version=__version__,
                                  migrations=migrations, with_keys=key_folder is not None, files=files)
        write_whole(staging / MANIFEST, (manifest.model_dump_json(indent=1) + "\n").encode("utf-8"))
        verify_folder(staging)  # read back: what is on the disk is what the manifest says
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def _copy_database(source: Path, copy: Path) -> None:
    src = sqlite3.connect(str(source), timeout=30)
    dst = sqlite3.connect(copy)
    try:
        src.backup(dst)  # one step: a consistent snapshot, writers go on (WAL)
        dst.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
    finally:
        dst.close()
        src.close()


def _copy_tree(source: Path, copy: Path, *, private: bool = False) -> None:
    for path in sorted(source.rglob("*")):
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            continue  # a backup holds files, never what a link points at
        if path.name.startswith((".incoming-", ".unsealing-")):
            continue  # a killed writer's leftover, not the office's
        if path.is_dir():
            continue
        out = copy / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        if private:
            write_whole(out, path.read_bytes(), private=True)
        else:
            shutil.copyfile(path, out)


def _entry(root: Path, path: Path) -> BackupFile:
    size, sha = file_digest(path)
    return BackupFile(path=path.relative_to(root).as_posix(), size=size, sha256=sha)

