"""A backup checked whole before anything trusts it: the manifest, every
file it lists (present, its size, its SHA-256), nothing it does not list,
and the database (SQLite's integrity_check, and an office's). The first
thing wrong is named in one line."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import ValidationError

from inspector.models.backup import BackupManifest
from inspector.strictjson import duplicate_key

from . import DATABASE, MANIFEST, BackupRefused

CHUNK = 1 << 20
MAX_MANIFEST_BYTES = 1 << 30


def verify_folder(folder: Path, *, read_back: bool = False) -> BackupManifest:
    """The manifest of the backup in `folder` once all of it is checked;
    `read_back`: the backup was just made, every file hashed from the disk
    after writing and its database checked, so the hashes and the database
    are not read a second time (the manifest, the files' presence, sizes
    and nothing extra still are)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BackupRefused("no_folder", folder=str(folder))
    manifest_path = folder / MANIFEST
    try:
        if manifest_path.stat().st_size > MAX_MANIFEST_BYTES:
            raise BackupRefused("manifest_too_big", file=str(manifest_path))
        data = manifest_path.read_bytes()
        twice = duplicate_key(data)
        if twice is not None:
            raise BackupRefused("duplicate_key", file=str(manifest_path), key=twice)
        manifest = BackupManifest.model_validate_json(data)
    except FileNotFoundError:
        raise BackupRefused("no_manifest", folder=str(folder)) from None
    except ValidationError as exc:
        from inspector.i18n.said import Explained

        raise BackupRefused("bad_manifest", file=str(manifest_path),
                            problem=Explained(exc.errors(include_url=False)[0])) from None
    listed = {entry.path: entry for entry in manifest.files}
    if len(listed) != len(manifest.files):
        raise BackupRefused("listed_twice", file=str(manifest_path))
    if DATABASE not in listed:
        raise BackupRefused("missing", file=DATABASE)
    for path in listed:
        if not (folder / path).is_file():
            raise BackupRefused("missing", file=path)
    if read_back:
        found = [((folder / path).stat().st_size, entry.sha256) for path, entry in listed.items()]
    else:  # hashed a few at a time (hashlib releases the GIL); the first wrong one, in the manifest's order, is named
        with ThreadPoolExecutor(min(4, os.cpu_count() or 2), thread_name_prefix="verify") as pool:
            found = list(pool.map(lambda path: file_digest(folder / path), listed))
    for (path, entry), (size, sha) in zip(listed.items(), found):
        if size != entry.size:
            raise BackupRefused("size", file=path, expected=entry.size, found=size)
        if sha != entry.sha256:
            raise BackupRefused("altered", file=path)
    for file in folder.rglob("*"):
        if file.is_file() and file != manifest_path and file.relative_to(folder).as_posix() not in listed:
            raise BackupRefused("extra", file=file.relative_to(folder).as_posix())
    if not read_back:
        check_database(folder / DATABASE)
    return manifest


def file_digest(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def check_database(path: Path) -> None:
    """Refused unless the database at `path` passes integrity_check and is an office's."""
    from inspector.store.connection import database_kind

    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)  # read as it lies
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise BackupRefused("db_damaged", file=DATABASE)
        if database_kind(conn) != "office":
            raise BackupRefused("not_office", file=DATABASE)
    except sqlite3.DatabaseError:
        raise BackupRefused("db_damaged", file=DATABASE) from None
    finally:
        conn.close()
