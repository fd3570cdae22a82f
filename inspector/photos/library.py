"""Stored photos, named by the SHA-256 of the stored JPEG: the same photo
imported twice is one file. Files appear whole or not at all."""

from __future__ import annotations

import hashlib
from pathlib import Path

from inspector.files import sweep, write_whole

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
        return sweep(self.root, recursive=True) if self.root.exists() else 0

    def add(self, processed: Processed) -> str:
        """Store the photo and its thumbnail; returns the photo's SHA-256."""
        sha = hashlib.sha256(processed.jpeg).hexdigest()
        path = self.path(sha)
        if not path.exists():
            write_whole(path, processed.jpeg)
        thumb = self.thumbnail_path(sha)
        if not thumb.exists():
            write_whole(thumb, processed.thumbnail)
        return sha
