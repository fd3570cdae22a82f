"""Plain sqlite3 connections with our pragmas, for paths that only read.

Importing sqlite-utils costs a tenth of a second; the project list on start-up
needs none of it, so reads go through `connect` and only writers pay for
`open_db` (which wraps the same connection in sqlite-utils and migrates).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Names of the applied migrations a current database has, in order. Kept here
# so readers can check the schema without importing sqlite-utils;
# tests/unit/test_store.py checks it against migrations.py.
MIGRATIONS = ("m001_initial", "m002_project_list_order", "m003_site_records", "m004_dialog_drafts", "m005_photos",
              "m006_bundles", "m007_sent_back", "m008_assignment_vocabularies")


def connect(path: Path | str) -> sqlite3.Connection:
    if str(path) == ":memory:":
        conn = sqlite3.connect(":memory:")
    else:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=10)
    # Only switch when needed: setting WAL rewrites the header of an existing file.
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether every migration this program knows has been applied."""
    try:
        applied = [
            name for (name,) in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'inspector' ORDER BY id"
            )
        ]
    except sqlite3.OperationalError:
        return False
    return tuple(applied) == MIGRATIONS


# The migration sets (sqlite-utils' `migration_set`) that mark each half's database.
LAPTOP_SET, OFFICE_SET = "inspector", "inspector-office"


def database_kind(conn: sqlite3.Connection) -> str | None:
    """"laptop" or "office", from the migrations the file has had; None for a
    new or foreign file. Laptop and office databases both have a `projects`
    table, so opening one as the other must be refused before migrating."""
    try:
        sets = {name for (name,) in conn.execute("SELECT DISTINCT migration_set FROM _sqlite_migrations")}
    except sqlite3.Error:
        return None
    if OFFICE_SET in sets:
        return "office"
    if LAPTOP_SET in sets:
        return "laptop"
    return None


def database_kind_at(path: Path | str) -> str | None:
    """database_kind of the file at `path`, without creating it or changing it."""
    path = Path(path)
    if str(path) == ":memory:" or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(str(path), timeout=10)
    except sqlite3.Error:
        return None
    try:
        return database_kind(conn)
    finally:
        conn.close()


def refuse_other_kind(conn: sqlite3.Connection, path: Path | str, wanted: str) -> None:
    """Raise WrongDatabase (closing `conn`) when the file is the other half's database."""
    kind = database_kind(conn)
    if kind is not None and kind != wanted:
        from .errors import WrongDatabase

        conn.close()
        raise WrongDatabase(path, kind)


def open_reader(path: Path | str) -> sqlite3.Connection:
    """A connection for reading, migrating the database first if it is behind."""
    conn = connect(path)
    if not is_current(conn):
        conn.close()
        from .db import open_db

        open_db(path).close()
        conn = connect(path)
    return conn
