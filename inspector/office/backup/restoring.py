"""Restoring a backup: the whole backup is checked first (verifying.py);
then the office is assembled in a hidden folder beside where it goes, and
only when it is complete does it take its place, each part by a rename. An
office already there is refused unless `replace`, and then kept aside under
a dated name (said to the user) rather than deleted: never half a restored
office, never an office lost."""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from inspector.files import write_whole

from . import DATABASE, FOLDERS, KEYS, BackupRefused
from .verifying import verify_folder

TEMPORARY_PREFIX = ".restore-incoming-"


@dataclass(frozen=True)
class Restored:
    db: Path
    files: int
    kept_aside: Path | None  # the office that was there, moved aside (with replace)
    with_keys: bool


def restore(backup: Path, db_path: Path, key_folder: Path, *, replace: bool = False) -> Restored:
    """The backup in `backup` becomes the office at `db_path` (its folders
    beside it; its keys in `key_folder` when the backup has them). Raises
    BackupRefused (nothing changed) or OSError (a full disk: nothing changed)."""
    manifest = verify_folder(backup)
    db_path, backup = Path(db_path), Path(backup)
    home = db_path.parent
    parts = {DATABASE: db_path, **{name: home / name for name in FOLDERS}}
    if manifest.with_keys:
        parts[KEYS] = Path(key_folder)
    present = [p for p in (*parts.values(), *_beside(db_path)) if p.exists()]
    if db_path.exists() and not replace:
        raise BackupRefused("office_exists", db=str(db_path))
    home.mkdir(parents=True, exist_ok=True)
    staging = home / f"{TEMPORARY_PREFIX}{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        for entry in manifest.files:
            source = backup / entry.path
            out = staging / entry.path
            out.parent.mkdir(parents=True, exist_ok=True)
            if entry.path.startswith(KEYS + "/"):
                write_whole(out, source.read_bytes(), private=True)
            else:
                shutil.copyfile(source, out)
        verify_staged(staging, manifest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    aside = None
    if present:
        aside = home / f"office-before-restore-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}"
        aside.mkdir()
        for path in present:
            os.replace(path, aside / path.name)
    for name, where in parts.items():
        staged = staging / name
        if staged.exists():
            where.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, where)
    shutil.rmtree(staging, ignore_errors=True)
    return Restored(db_path, len(manifest.files), aside, manifest.with_keys)


def _beside(db_path: Path) -> list[Path]:
    """The database's own companions: its write-ahead log and shared memory."""
    return [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm")]


def verify_staged(staging: Path, manifest) -> None:
    """What was copied is what the manifest says (a disk can fail quietly)."""
    from .verifying import file_digest

    for entry in manifest.files:
        size, sha = file_digest(staging / entry.path)
        if (size, sha) != (entry.size, entry.sha256):
            raise BackupRefused("copy_differs", file=entry.path)
