"""Visits: each save appends a revision; nothing is overwritten."""

from __future__ import annotations

from sqlite_utils import Database

from inspector.models import Visit

from .errors import StoreError


def save_visit(db: Database, visit: Visit) -> None:
    """Store one revision of a visit in its own short transaction."""
    data = visit.model_dump_json()
    conn = db.conn
    stored = conn.execute(
        "SELECT data FROM visits WHERE id = ? AND rev = ?", (str(visit.id), visit.rev)
    ).fetchone()
    if stored is not None:
        if stored[0] == data:
            return
        raise StoreError(f"revision {visit.rev} of this visit is already stored with other content",
                         record=f"visit {visit.id}", field="rev")
    if conn.execute("SELECT 1 FROM projects WHERE code = ?", (visit.project_code,)).fetchone() is None:
        raise StoreError(f"unknown project '{visit.project_code}'", record=f"visit {visit.id}", field="project_code")
    with db.atomic():
        conn.execute(
            "INSERT INTO visits (id, rev, base_rev, project_code, date, status, author, device, "
            "created_at, updated_at, data) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                str(visit.id), visit.rev, visit.base_rev, visit.project_code, visit.date.isoformat(),
                visit.status, visit.author, visit.device, visit.created_at.isoformat(),
                visit.updated_at.isoformat(), data,
            ),
        )
