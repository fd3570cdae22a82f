"""Records named as people type them: a unique beginning of the id (at
least 6 characters, as the lists show 8), or a problem's ledger number."""

from __future__ import annotations

import json

from sqlite_utils import Database

from . import REVIEWED_KINDS, ReviewRefused

MIN_PREFIX = 6


def find(db: Database, text: str, *, kinds: tuple[str, ...] = REVIEWED_KINDS, conflicts: bool = False
         ) -> tuple[str, str]:
    """(kind, id) of the one record `text` names among `kinds`: reviewed
    records, or (`conflicts`) those with an open conflict."""
    text = text.strip()
    conn = db.conn
    if "problem" in kinds:
        row = conn.execute("SELECT problem_id FROM ledger WHERE upper(number) = upper(?)", (text,)).fetchone()
        if row is not None:
            return "problem", row[0]
    if len(text) < MIN_PREFIX:
        raise ReviewRefused("id_short", id=text)
    table = "(SELECT DISTINCT kind, id FROM conflicts WHERE resolved_at IS NULL)" if conflicts else "reviews"
    pattern = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(f"SELECT kind, id FROM {table} WHERE id LIKE ? ESCAPE '\\' "
                        "AND kind IN (SELECT value FROM json_each(?)) LIMIT 5",
                        (pattern, json.dumps(list(kinds)))).fetchall()
    if not rows:
        raise ReviewRefused("id_unknown", id=text)
    if len(rows) > 1:
        count = conn.execute(f"SELECT count(*) FROM {table} WHERE id LIKE ? ESCAPE '\\' "
                             "AND kind IN (SELECT value FROM json_each(?))",
                             (pattern, json.dumps(list(kinds)))).fetchone()[0]
        raise ReviewRefused("id_ambiguous", id=text, count=count)
    return rows[0][0], rows[0][1]
