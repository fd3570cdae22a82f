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
    _remember_vocabularies(db)
    return db


def _remember_vocabularies(db: sqlite_utils.Database) -> None:
    """The names the assignments brought, for every screen that names a code."""
    import sqlite3

    from inspector.models.vocabulary import Vocabulary
    from inspector.vocabularies import remember

    try:
        remember(Vocabulary.model_validate_json(data)
                 for (data,) in db.conn.execute("SELECT data FROM assignment_vocabularies"))
    except sqlite3.Error:  # not migrated (a read-only look): the built-in names serve
        pass
