"""Files we write appear whole or not at all (architecture.md): a temporary
name in the same folder, flush, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMPORARY_PREFIX = ".incoming-"


@contextlib.contextmanager
def whole_file(path: Path, *, private: bool = False) -> Iterator[BinaryIO]:
    """A handle to write `path` through: a crash, or an exception out of the
    block, leaves the old state or the new file, never half of one.
    `private`: readable by the owner only (on Windows the user's profile
    folder is private already)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        if private and sys.platform != "win32":
            os.fchmod(fd, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_whole(path: Path, data: bytes, *, private: bool = False) -> None:
    with whole_file(path, private=private) as handle:
        handle.write(data)


def copy_whole(source: Path, path: Path, *, chunk: int = 1024 * 1024) -> None:
    """Copy `source` to `path` the same way, however large."""
    with open(source, "rb") as origin, whole_file(path) as handle:
        while block := origin.read(chunk):
            handle.write(block)


def sweep(folder: Path, *, recursive: bool = False) -> int:
    """Remove the temporary files a killed writer left in `folder` (and below
    it, if `recursive`); returns how many."""
    removed = 0
    pattern = f"{TEMPORARY_PREFIX}*.tmp"
    for leftover in Path(folder).rglob(pattern) if recursive else Path(folder).glob(pattern):
        try:
            leftover.unlink()
            removed += 1
        except OSError:
            pass
    return removed
