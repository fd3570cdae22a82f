"""An inspector's home city: the one city a plan never sends them to."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from inspector.office import audit

from . import PlanRefused, city_code
from inspector.store.transaction import immediate


def store_home_city(conn: sqlite3.Connection, inspector_id: str, city: str | None, *, by: str) -> str | None:
    """Inside the caller's transaction: set (or, with None, clear) the home
    city of an enrolled inspector and log it. Returns the code stored."""
    code = None if city is None else city_code(city)
    row = conn.execute("SELECT home_city FROM inspectors WHERE id = ?", (inspector_id,)).fetchone()
    if row is None:
        raise PlanRefused("unknown_inspector", inspector=inspector_id)
    conn.execute("UPDATE inspectors SET home_city = ? WHERE id = ?", (code, inspector_id))
    audit.record(conn, by, "inspector.home_city", inspector_id, detail={"from": row[0], "to": code})
    return code


def set_home_city(db: Database, inspector_id: str, city: str | None, *, by: str) -> str | None:
    """`inspector office inspectors set-city`: one short transaction."""
    if city is not None:
        city_code(city)  # refuse a bad name before opening a transaction
    with immediate(db):
        return store_home_city(db.conn, inspector_id, city, by=by)


def home_cities(db: Database) -> dict[str, str | None]:
    return dict(db.conn.execute("SELECT id, home_city FROM inspectors ORDER BY id"))
