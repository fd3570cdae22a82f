"""The office database: a separate file from any laptop's, with its own migrations."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from inspector.store.connection import connect

office_migrations = Migrations("inspector-office")


@office_migrations()
def o001_inspectors(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE inspectors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            public_key TEXT NOT NULL UNIQUE,
            fingerprint TEXT NOT NULL,
            enrolled_at TEXT NOT NULL
        )"""
    )


def open_office_db(path: Path | str) -> sqlite_utils.Database:
    db = sqlite_utils.Database(connect(path), execute_plugins=False)
    if office_migrations.pending(db):
        office_migrations.apply(db)
    return db
