"""One at a time: an exclusive SQLite lock on a small file beside a
database, held for a whole operation that must not run twice at once (two
exports on one laptop, two ingests at the office). Portable (SQLite does the
locking on every platform) and released by the system when the process
dies, so a killed run never blocks the next."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

POLL_SECONDS = 0.5


class Busy(Exception):
    """Another run holds the turn and did not let go in time."""


@contextlib.contextmanager
def one_at_a_time(lock_path: Path, *, wait: float | None, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the turn for the block. `wait`: seconds to wait for another run
    (None: as long as it takes); `on_wait` is called once, when waiting starts."""
    lock = sqlite3.connect(str(lock_path), timeout=0, isolation_level=None)
    try:
        started, told = time.monotonic(), False
        while True:
            try:
                lock.execute("BEGIN EXCLUSIVE")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
            if wait is not None and time.monotonic() - started >= wait:
                raise Busy()
            if not told and on_wait is not None:
                on_wait()
                told = True
            time.sleep(POLL_SECONDS if wait is None else min(POLL_SECONDS, max(wait / 10, 0.01)))
        try:
            yield
        finally:
            lock.execute("ROLLBACK")
    finally:
        lock.close()
