"""Every write transaction takes the write lock when it begins.

A deferred transaction (sqlite-utils' `db.atomic()` outside another one)
that reads and then writes is refused outright — "database is locked",
without waiting — when another process committed in between: two members of
staff deciding at the same moment, or a command run while the interface is
open. `store.transaction.immediate` waits its turn instead."""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

import sqlite_utils

import inspector
from inspector.store.connection import connect
from inspector.store.transaction import immediate

SOURCE = Path(inspector.__file__).parent


def test_no_module_begins_a_deferred_write_transaction():
    found = [f"{path.relative_to(SOURCE)}:{n}" for path in SOURCE.rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if path != SOURCE / "store" / "transaction.py" and re.search(r"\.atomic\(\)", line)]
    assert found == []


def test_a_read_then_write_waits_for_the_other_writer_instead_of_failing(tmp_path):
    path = tmp_path / "x.db"
    setup = sqlite_utils.Database(connect(path))
    setup["counter"].insert({"id": 1, "n": 0}, pk="id")
    setup.close()
    failures: list[Exception] = []

    def bump(times: int) -> None:
        db = sqlite_utils.Database(connect(path))
        for _ in range(times):
            try:
                with immediate(db):
                    (n,) = db.conn.execute("SELECT n FROM counter WHERE id = 1").fetchone()
                    db.conn.execute("UPDATE counter SET n = ? WHERE id = 1", (n + 1,))
            except sqlite3.Error as exc:
                failures.append(exc)
        db.close()

    threads = [threading.Thread(target=bump, args=(100,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check = sqlite3.connect(path)
    assert failures == []
    assert check.execute("SELECT n FROM counter").fetchone() == (300,)  # no increment lost
    check.close()
