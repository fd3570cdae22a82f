"""Opening the local database for writing: pragmas and migrations, one connection per thread."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from .connection import connect
from .migrations import migrations


def open_db(path: Path | str, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, ready for use.

    Each thread must open its own: connections are not shared across threads.
    """
    # Plugins are never used here; loading them scans every installed package.
    db = sqlite_utils.Database(connect(path), execute_plugins=False)
    if migrate and migrations.pending(db):
        migrations.apply(db)
    return db
