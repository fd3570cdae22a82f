"""The report folder: written whole or not at all.

Everything is written into a hidden sibling folder (`.NAME.incoming-XXXX`)
and renamed to the folder asked for only when every file is in it; a failure,
a full disk or a cancel removes the sibling and leaves nothing. A folder that
already holds files is refused (never overwritten), and so is any folder in
the office's own data folder: a report dropped among the database, photos
and held bundles would be copied with them, and cleaning it up means
deleting in the one folder nobody should delete in."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path

from .scope import ReportRefused

INCOMING = ".incoming-"


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


class ReportFolder:
    def __init__(self, target: Path, *, office_folder: Path | None) -> None:
        self.target = Path(target).expanduser().absolute()
        self.office_folder = office_folder
        self.temporary: Path | None = None

    def check(self) -> None:
        """Refuse a target we must not write, before any work is done."""
        target = self.target.resolve()
        if self.office_folder is not None:
            office = Path(self.office_folder).resolve()
            if _inside(target, office) or _inside(office, target):
                raise ReportRefused("in_office_folder", folder=str(self.target), office=str(office))
        if target.exists():
            if not target.is_dir():
                raise ReportRefused("not_a_folder", folder=str(self.target))
            if any(target.iterdir()):
                raise ReportRefused("folder_not_empty", folder=str(self.target))
            # The folder is replaced at the end: a drive's root, a mount point or the
            # folder the user stands in cannot be, and would fail after all the work.
            if target == Path(target.anchor) or os.path.ismount(target) or target == Path.cwd().resolve():
                raise ReportRefused("folder_not_replaceable", folder=str(self.target))
        parent = target.parent
        if parent.exists() and not parent.is_dir():
            raise ReportRefused("not_a_folder", folder=str(parent))

    def __enter__(self) -> Path:
        self.check()
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            for leftover in parent.glob(f".{self.target.name}{INCOMING}*"):
                shutil.rmtree(leftover, ignore_errors=True)  # a killed run's remains
            self.temporary = Path(tempfile.mkdtemp(prefix=f".{self.target.name}{INCOMING}", dir=parent))
        except OSError as error:
            raise ReportRefused("cannot_write", folder=str(parent), error=error.strerror or str(error)) from None
        return self.temporary

    def __exit__(self, kind, error, trace) -> None:
        assert self.temporary is not None
        if kind is not None:
            gc.collect()  # a half-written document in a reference cycle still holds its file open
            shutil.rmtree(self.temporary, ignore_errors=True)
            return
        try:
            if self.target.is_dir():
                self.target.rmdir()  # empty (checked): rename cannot replace a folder on Windows
            os.replace(self.temporary, self.target)
        except OSError as failure:
            shutil.rmtree(self.temporary, ignore_errors=True)
            raise ReportRefused("cannot_write", folder=str(self.target),
                                error=failure.strerror or str(failure)) from None
