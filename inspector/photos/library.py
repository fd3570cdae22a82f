"""Stored photos, named by the SHA-256 of the stored JPEG: the same photo
imported twice is one file. Files appear whole or not at all."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .processing import Processed


class PhotoLibrary:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.jpg"

    def thumbnail_path(self, sha256: str) -> Path:
        return self.root / "thumbs" / sha256[:2] / f"{sha256}.jpg"

    def sweep(self) -> int:
        """Remove temporary files a killed import left behind; returns how many."""
        removed = 0
        if self.root.exists():
            for leftover in self.root.rglob(".incoming-*.tmp"):
                try:
                    leftover.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed

    def add(self, processed: Processed) -> str:
        """Store the photo and its thumbnail; returns the photo's SHA-256."""
        sha = hashlib.sha256(processed.jpeg).hexdigest()
        path = self.path(sha)
        if not path.exists():
            _write_whole(path, processed.jpeg)
        thumb = self.thumbnail_path(sha)
        if not thumb.exists():
            _write_whole(thumb, processed.thumbnail)
        return sha


def _write_whole(path: Path, data: bytes) -> None:
    """Temporary name in the same folder, flush, fsync, rename: a crash leaves
    the old state or the new file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".incoming-", suffix=".tmp", dir=path.parent)
    try:
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
