"""One report: the database read once, then each format asked for in turn,
with progress and cancel, into a folder that appears whole or not at all.

A writer is a module with
    units(report, scope) -> int        how many ticks it will make (for the bar)
    write(report, folder, scope, work) -> list[Path]   files written (relative)
and never touches the database. `work.tick()` is called as rows and photos
are done; it raises Cancelled once the user asked to stop (Esc), and the
folder being written goes away.
"""

from __future__ import annotations

import gc
import importlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from inspector.office.db import database_file

from .gather import gather
from .output import ReportFolder
from .rows import RoundReport
from .scope import ReportRefused, ReportScope

# Each format's writers, in the order they run.
WRITERS: dict[str, tuple[str, ...]] = {
    "csv": ("inspector.office.reports.lists_csv",),
    "xlsx": ("inspector.office.reports.workbook",),
    "docx": ("inspector.office.reports.supervision", "inspector.office.reports.notices"),
    "html": ("inspector.office.reports.web",),
}


class Cancelled(Exception):
    """The user stopped the report; nothing was left behind."""


@dataclass
class Work:
    """Progress shared by the writers: `tick` counts, reports at most ~20
    times a second, and stops the work when cancelled."""

    total: int
    on_progress: Callable[[str, int, int], None] | None = None
    cancel: threading.Event | None = None
    done: int = 0
    phase: str = ""
    _said: float = field(default=0.0, repr=False)

    def start(self, phase: str) -> None:
        self.phase = phase
        self._say(force=True)

    def tick(self, n: int = 1) -> None:
        self.done += n
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()
        self._say()

    def _say(self, force: bool = False) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if self.on_progress is not None and (force or now - self._said > 0.05):
            self._said = now
            self.on_progress(self.phase, min(self.done, self.total), self.total)


@dataclass
class Written:
    folder: Path
    files: list[Path]  # relative to folder
    report: RoundReport
    seconds: float


def writers_for(scope: ReportScope) -> list:
    return [importlib.import_module(name) for fmt in scope.formats for name in WRITERS[fmt]]


def make_report(db: Database, scope: ReportScope, out: Path, *, photo_root: Path | None = None,
                office_folder: Path | None = None, on_progress: Callable[[str, int, int], None] | None = None,
                cancel: threading.Event | None = None, now: datetime | None = None) -> Written:
    """Write the report of `scope` into the new folder `out`. Raises
    ReportRefused (nothing written) or Cancelled (nothing left)."""
    started = time.perf_counter()
    if office_folder is None:
        db_file = database_file(db.conn)
        office_folder = db_file.parent if db_file else None
    folder = ReportFolder(out, office_folder=office_folder)
    folder.check()
    modules = writers_for(scope)
    work = Work(1, on_progress, cancel)
    work.start("gather")
    report = gather(db, scope, photo_root=photo_root, now=now)
    work.total = 1 + sum(m.units(report, scope) for m in modules)
    work.tick()
    files: list[Path] = []
    # The rows live until the end and hold no cycles: frozen, the collector
    # the Word writers call between documents skips their millions of objects.
    gc.freeze()
    try:
        with folder as temporary:
            for module in modules:
                work.start(module.__name__.rsplit(".", 1)[-1])
                failure = _written(module, report, temporary, scope, work, files)
                if failure is not None:
                    # Raised here, not in the handler: the failed writer's frames (and the
                    # files they hold open, which Windows will not delete) are gone by now.
                    raise failure
    finally:
        gc.unfreeze()
    work.done = work.total
    if on_progress is not None:
        on_progress("done", work.total, work.total)  # written: a late Esc changes nothing now
    return Written(folder.target, files, report, time.perf_counter() - started)


def _written(module, report: RoundReport, folder: Path, scope: ReportScope, work: Work,
             files: list[Path]) -> ReportRefused | None:
    """Run one writer; what stopped it, as a refusal naming the file in the
    report (not the hidden folder it was being written in)."""
    try:
        files += module.write(report, folder, scope, work)
        return None
    except OSError as error:  # said by its errno in the user's language (a full disk, no permission …)
        name = Path(str(getattr(error, "filename", None) or module.__name__.rsplit(".", 1)[-1]))
        shown = name.relative_to(folder) if name.is_relative_to(folder) else name
        return ReportRefused("write_failed", file=str(shown), error=error)
    except (ValueError, SyntaxError) as error:  # a photo or a text no library could write
        return ReportRefused("write_failed", file=module.__name__.rsplit(".", 1)[-1], error=str(error))
