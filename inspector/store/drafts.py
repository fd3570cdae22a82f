"""Forms being filled in, kept as they are typed so a killed process loses
none of it. Local to this laptop, never synced; deleted when the form is
saved or cancelled."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from .projects import _conn
from .transaction import immediate


def save_draft(db, key: str, visit_id: str, kind: str, data: dict) -> None:
    with immediate(db):
        db.conn.execute(
            "INSERT INTO drafts VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
            "data = excluded.data, updated_at = excluded.updated_at",
            (key, str(visit_id), kind, json.dumps(data, ensure_ascii=False),
             datetime.now(timezone.utc).isoformat()),
        )


def delete_draft(db, key: str) -> None:
    with immediate(db):
        db.conn.execute("DELETE FROM drafts WHERE key = ?", (key,))


def drafts_for(db, visit_id) -> list[tuple[str, str, dict]]:
    """(key, kind, data) of the visit's unsaved forms, newest first."""
    rows = _conn(db).execute(
        "SELECT key, kind, data FROM drafts WHERE visit_id = ? ORDER BY updated_at DESC", (str(visit_id),)
    )
    return [(key, kind, json.loads(data)) for key, kind, data in rows]
