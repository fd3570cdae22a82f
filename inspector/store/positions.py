"""Where the inspector is in a visit (screen and item), so a visit resumes
there. Local state of this laptop, never synced. Kept free of sqlite-utils:
the project list asks for the last position on every start-up."""

from __future__ import annotations

from datetime import datetime, timezone

from .projects import _conn
from .transaction import immediate


def save_position(db, visit_id, screen: str, item: str | None) -> None:
    """`db` is the writer's sqlite-utils Database: one short transaction."""
    moment = datetime.now(timezone.utc).astimezone().isoformat()
    with immediate(db):
        db.conn.execute(
            "INSERT INTO visit_positions VALUES (?, ?, ?, ?) ON CONFLICT(visit_id) DO UPDATE SET "
            "screen = excluded.screen, item = excluded.item, updated_at = excluded.updated_at",
            (str(visit_id), screen, item, moment),
        )


def position(db, visit_id) -> tuple[str, str | None] | None:
    row = _conn(db).execute(
        "SELECT screen, item FROM visit_positions WHERE visit_id = ?", (str(visit_id),)
    ).fetchone()
    return None if row is None else (row[0], row[1])


def last_position(db) -> tuple[str, str, str, str | None] | None:
    """The visit in progress the inspector last worked on:
    (project code, visit id, screen, item)."""
    row = _conn(db).execute(
        """SELECT v.project_code, p.visit_id, p.screen, p.item FROM visit_positions p
           JOIN visits_current v ON v.id = p.visit_id AND v.status = 'in_progress'
           ORDER BY p.updated_at DESC LIMIT 1"""
    ).fetchone()
    return None if row is None else (row[0], row[1], row[2], row[3])
