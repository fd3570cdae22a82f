"""Opening the local database for writing: pragmas and migrations, one connection per thread."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from .connection import connect, refuse_other_kind
from .migrations import migrations


def open_db(path: Path | str, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, ready for use.

    Each thread must open its own: connections are not shared across threads.
    An office database is refused (WrongDatabase), unchanged.
    """
    # Plugins are never used here; loading them scans every installed package.
    conn = connect(path)
    refuse_other_kind(conn, path, "laptop")  # an office database has tables of the same names
    db = sqlite_utils.Database(conn, execute_plugins=False)
    if migrate and migrations.pending(db):
        migrations.apply(db)
    return db
