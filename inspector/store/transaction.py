"""Write transactions that take the database's write lock when they begin.

A deferred BEGIN reads first and asks for the lock at its first write; if
another process (an export run from the command line while the interface is
open) committed in between, SQLite refuses the write outright
(SQLITE_BUSY_SNAPSHOT) instead of waiting. BEGIN IMMEDIATE waits its turn
(the connection's busy timeout) and then reads what is current. So every
write transaction that reads first begins here, never with a deferred
`db.atomic()` (tests/unit/test_transactions.py keeps it so)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlite_utils import Database


@contextlib.contextmanager
def immediate(db: Database) -> Iterator[Database]:
    if db.conn.in_transaction:  # inside a caller's transaction: that one holds the lock
        with db.atomic():  # a savepoint
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:  # a failed COMMIT leaves it open too
            db.conn.execute("ROLLBACK")
        raise
