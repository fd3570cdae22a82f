"""A stand-in report writer for the tests of run.py, the command and the
dialog: the real format modules are written elsewhere, and these tests are
about the folder (whole or nothing), progress and cancel, not the formats.

It keeps the writer contract (units/write, a tick per row and per photo,
writes only inside its folder) and can misbehave on purpose: MODE (or the
environment variable INSPECTOR_TEST_WRITER, for a child process) is
    ok     writes every file
    full   the disk fills half-way: OSError(ENOSPC)
    slow   a tick every SLOW seconds, after a first file is on disk (to be killed mid-write)
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

MODE: str | None = None
SLOW = 0.2


def use(monkeypatch, mode: str = "ok") -> None:
    """Every format run by this module only (once per format asked)."""
    import sys

    from inspector.office.reports import run

    module = sys.modules[__name__]
    monkeypatch.setattr(module, "MODE", mode)
    monkeypatch.setattr(run, "WRITERS", writers())


def writers() -> dict[str, tuple[str, ...]]:
    return {fmt: (__name__,) for fmt in ("csv", "xlsx", "docx", "html")}


def _mode() -> str:
    return MODE or os.environ.get("INSPECTOR_TEST_WRITER", "ok")


def _photos(report) -> list:
    seen = {}
    for row in (*report.problems, *report.innovations):
        for photo in row.photos:
            seen.setdefault(photo.name, photo)
    return list(seen.values())


def units(report, scope) -> int:
    return len(report.problems) + len(report.innovations) + len(_photos(report))


def write(report, folder: Path, scope, work) -> list[Path]:
    fmt = next(f for f in scope.formats if not (folder / f).exists())  # formats run in order, each once
    mode = _mode()
    base = folder / fmt
    base.mkdir()
    lines = base / "问题清单.txt"
    with lines.open("w", encoding="utf-8") as out:
        for row in (*report.problems, *report.innovations):
            out.write(f"{row.ref}\t{row.city}\t{row.project_name}\n")
            out.flush()
            work.tick()
            if mode == "slow":
                time.sleep(SLOW)
    written = [lines.relative_to(folder)]
    photos = _photos(report)
    for at, photo in enumerate(photos):
        if mode == "full" and at >= len(photos) // 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(base / photo.name))
        (base / photo.name).write_bytes(photo.source.read_bytes())
        written.append((base / photo.name).relative_to(folder))
        work.tick()
    return written
