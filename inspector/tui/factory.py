"""The one way to build the app: used by the CLI, the tests and the benchmarks."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from threading import Thread

from inspector.settings import Settings


def make_app(settings: Settings, *, start: str = "projects", office_db: Path | None = None,
             office_user: str | None = None, today=None):
    """The app on the laptop's database, or on the office database acting as
    the member of staff `office_user`: start="checklists" the checklist
    editor, start="office" the office interface (round dashboard, review).
    `today`: the day the office judges deadlines against (default: the clock's)."""
    from .app import InspectorApp

    if start in ("checklists", "office"):
        if not office_user:  # everything done at the office is attributed to someone
            raise ValueError("the office interface acts as a member of office staff: office_user is required")
        return InspectorApp(settings, start=start, office_db=office_db or settings.data_dir / "office.db",
                            office_user=office_user, today=today)

    # Start reading the project list now: SQLite releases the GIL while it
    # works, so the read overlaps Textual's own start-up. (Starting before
    # Textual is imported is slower: both threads then fight over imports.)
    return InspectorApp(settings, prefetched=prefetch_project_rows(settings.db_path))


def prefetch_project_rows(db_path: Path) -> Future:
    future: Future = Future()

    def read() -> None:
        try:
            from inspector.store import open_reader, read_project_list

            conn = open_reader(db_path)
            try:
                future.set_result(read_project_list(conn))
            finally:
                conn.close()
        except BaseException as exc:  # re-raised in the worker that takes the rows
            future.set_exception(exc)

    Thread(target=read, name="prefetch-projects", daemon=True).start()
    return future
