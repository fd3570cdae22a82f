"""Sealed bundles at the office: whether plain ones are still accepted, the
encryption key assignments carry, and opening a sealed bundle into a
temporary file that every existing check then reads (identity/sealing.py
says why age and why a key of its own).

The plaintext lives only in a temporary folder beside the office database
(never the system's temp folder: it may be another, smaller disk, and what
is there outlives a crash), is bounded in size, and is removed whatever
happens but a kill (then it stays on the office's own disk, beside the
database that holds the same records); a held bundle keeps its decrypted
copy in held/, likewise."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from inspector.bundle.archive import MAX_BUNDLE_BYTES
from inspector.identity import sealing
from inspector.store.transaction import immediate

from . import audit

PLAIN = "plain_bundles"
TEMPORARY_PREFIX = ".unsealing-"


def plain_allowed(db) -> bool:
    row = db.conn.execute("SELECT value FROM office_settings WHERE key = ?", (PLAIN,)).fetchone()
    return row is not None and row[0] == "1"


def allow_plain(db, allowed: bool, *, by: str) -> bool:
    """Accept plain bundles (a transition) or only sealed ones; attributed in
    the audit log. Returns whether anything changed."""
    with immediate(db):
        if plain_allowed(db) == allowed:
            return False
        db.conn.execute("INSERT INTO office_settings (key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (PLAIN, "1" if allowed else "0"))
        audit.record(db, by, "office.plain_bundles", "allow" if allowed else "refuse")
    return True


def recipient(key_folder: Path) -> str:
    """What assignments carry: the public half of the office's sealing key
    (made on first need beside its signing key)."""
    return sealing.recipient(key_folder)


@contextlib.contextmanager
def opened(file: Path, key_folder: Path | None, beside: Path, *,
           limit: int = MAX_BUNDLE_BYTES) -> Iterator[tuple[Path, str]]:
    """The plain bundle inside a sealed `file`, as a temporary file in a
    folder under `beside` named like the original without `.age`, so what
    the checks say names the file the user gave, and its SHA-256 (hashed on
    the way: not read again for it). Raises SealError."""
    keys = sealing.opening_keys(key_folder) if key_folder is not None else []
    if not keys:
        raise sealing.SealError("no_opening_key", file=str(key_folder / sealing.KEY_FILE if key_folder else file))
    beside.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=TEMPORARY_PREFIX, dir=beside))
    try:
        plain = folder / (file.name[: -len(sealing.SUFFIX)] if file.name.endswith(sealing.SUFFIX) else file.name)
        with open(plain, "wb", buffering=1 << 20) as out:
            _, sha256 = sealing.unseal(file, out, keys, limit=limit)
        yield plain, sha256
    finally:
        shutil.rmtree(folder, ignore_errors=True)

