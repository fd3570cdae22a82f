"""Importing many photos (a camera card, a phone export) on every core.

Pillow releases the GIL while it decodes, resizes and encodes, so threads use
both cores without the start-up cost (and Windows quirks) of processes. One
bad file is reported and the rest go on; cancelling stops before the next
file; nothing half-written remains (files are written whole or not at all).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from .library import PhotoLibrary
from .processing import PhotoError, PhotoSettings, Processed, process

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".heic", ".heif", ".tif", ".tiff", ".webp", ".bmp"}


@dataclass
class Imported:
    path: Path
    sha256: str
    photo: Processed


@dataclass
class ImportReport:
    imported: list[Imported] = field(default_factory=list)
    failed: list[PhotoError] = field(default_factory=list)
    cancelled: bool = False


def images_in(folder: Path) -> list[Path]:
    """The image files under `folder`, by name, hidden files left out."""
    return sorted(
        p for p in Path(folder).rglob("*")
        if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith(".")
    )


def import_photos(
    paths: list[Path],
    library: PhotoLibrary,
    settings: PhotoSettings = PhotoSettings(),
    *,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    on_imported: Callable[[Imported], None] | None = None,
) -> ImportReport:
    """`on_imported` is called (on a worker thread) as each photo is stored,
    so the caller can record it at once rather than after the whole folder."""
    report = ImportReport()
    cancel = cancel or threading.Event()
    library.sweep()  # only one import runs at a time: any temporary file is a killed one's

    def one(path: Path) -> Imported | None:
        if cancel.is_set():
            return None
        processed = process(path, settings)
        sha = library.add(processed)
        # Keep the metadata only: a 2,000-photo card must not sit in memory.
        item = Imported(path, sha, replace(processed, jpeg=b"", thumbnail=b""))
        if on_imported is not None:
            on_imported(item)
        return item

    done = 0
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="photo-import") as pool:
        futures = [pool.submit(one, p) for p in paths]
        for future in as_completed(futures):
            try:
                result = future.result()
            except PhotoError as exc:
                report.failed.append(exc)
            except Exception as exc:  # noqa: BLE001 - the library itself failed (disk full?): say so per file
                report.failed.append(PhotoError(str(paths[futures.index(future)]), str(exc), "store"))
            else:
                if result is not None:
                    report.imported.append(result)
            done += 1
            if progress is not None:
                progress(done, len(paths))
    report.cancelled = cancel.is_set()
    report.imported.sort(key=lambda i: str(i.path))
    return report
