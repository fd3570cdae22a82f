"""Files we write appear whole or not at all (architecture.md): a temporary
name in the same folder, flush, fsync, rename."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

TEMPORARY_PREFIX = ".incoming-"


def write_whole(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write `data` to `path` so that a crash leaves the old state or the new
    file, never half of one. `private`: readable by the owner only (on
    Windows the user's profile folder is private already)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        if private and sys.platform != "win32":
            os.fchmod(fd, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def copy_whole(source: Path, path: Path, *, chunk: int = 1024 * 1024) -> None:
    """Copy `source` to `path` the same way: whole or not at all, however large."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle, open(source, "rb") as origin:
            while block := origin.read(chunk):
                handle.write(block)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
