"""One thread that performs every save, in the order the saves were asked for.

The UI must never wait on the disk, and two saves of the same record must not
overtake each other (the newer note text must win), so saves are queued to a
single thread that owns its own connection. `flush()` waits for everything
queued so far; the app calls it before exiting.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable

_STOP = object()


class Writer:
    def __init__(self, db_path: Path | str, opener: Callable[[Path | str], Any] | None = None) -> None:
        self._path = db_path
        self._opener = opener  # how to open the database; the laptop's open_db by default
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="inspector-writer", daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Queue `fn(db, *args, **kwargs)`; the future holds its result or error."""
        future: Future = Future()
        self._queue.put((future, fn, args, kwargs))
        return future

    def flush(self, timeout: float | None = 10) -> None:
        self.submit(lambda db: None).result(timeout)

    def close(self, timeout: float | None = 10) -> None:
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)

    def _run(self) -> None:
        from .db import open_db

        db = None
        try:
            db = (self._opener or open_db)(self._path)
        except BaseException as exc:  # every queued save reports the failure
            self._fail_all(exc)
            return
        try:
            while True:
                job = self._queue.get()
                if job is _STOP:
                    return
                future, fn, args, kwargs = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(fn(db, *args, **kwargs))
                except BaseException as exc:
                    future.set_exception(exc)
        finally:
            db.close()

    def _fail_all(self, exc: BaseException) -> None:
        while True:
            job = self._queue.get()
            if job is _STOP:
                return
            job[0].set_exception(exc)
