"""Opening the local database: pragmas and migrations, one connection per thread."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from .migrations import migrations


def open_db(path: Path | str, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, ready for use.

    Each thread must open its own: connections are not shared across threads.
    """
    if str(path) == ":memory:":
        db = sqlite_utils.Database(memory=True)
    else:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=10))
    conn = db.conn
    # Only switch when needed: setting WAL rewrites the header of an existing file.
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    if migrate and migrations.pending(db):
        migrations.apply(db)
    return db
