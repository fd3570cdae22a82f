"""A laptop belongs to one inspector.

Records made here are stamped with an inspector, bundles are signed with one
key, and the office accepts from a bundle only its signer's records on its
signer's projects. So a laptop loads only its inspector's assignments: the
one its identity names, or, before it has one, the one whose assignments it
holds already. The inspector is also recorded in the database (meta
'inspector'), so that everything that stamps records knows it without the
identity folder.

An older version loaded any assignment: a laptop may hold two inspectors'
work. Nothing of it is dropped; `sendable` says which records a bundle signed
by this laptop's inspector may carry, and `left_behind` counts the others.
"""

from __future__ import annotations

from typing import NamedTuple

from .errors import StoreError
from .projects import _conn

RECORD_TABLES = ("visits", "answers", "problems", "innovations", "follow_ups", "photos", "replies")
# Tables whose rows name their project; the others reach it through their visit.
_WITH_PROJECT = ("visits", "problems", "innovations", "replies")


class ForeignAssignment(StoreError):
    """The assignment is for another inspector than this laptop's.

    `because` is "identity" (the laptop's identity names `laptop`), "loaded"
    (the laptop holds `laptop`'s assignments and has no identity yet) or
    "owner" (no identity, and none of the assignments of the inspector its
    records are stamped with, `laptop`, who removed them)."""

    def __init__(self, assignment_inspector: str, laptop: str, because: str):
        super().__init__(
            f"this assignment is for {assignment_inspector}, but this laptop belongs to {laptop}",
            record="inspector", field="id", code="foreign_assignment",
        )
        self.assignment_inspector, self.laptop, self.because = assignment_inspector, laptop, because


class ForeignIdentity(StoreError):
    """`identity init` with an id none of the loaded assignments is for."""

    def __init__(self, identity_id: str, loaded: list[str]):
        super().__init__(
            f"the assignments loaded here are for {', '.join(loaded)}, not for {identity_id}",
            field="id", code="foreign_identity",
        )
        self.identity_id, self.loaded = identity_id, loaded


def laptop_inspector(db) -> str | None:
    """The inspector recorded as this laptop's (None: not recorded yet)."""
    row = _conn(db).execute("SELECT value FROM meta WHERE key = 'inspector'").fetchone()
    return None if row is None else row[0]


def record_inspector(db, inspector_id: str) -> None:
    """Record `inspector_id` as this laptop's. Writes only when it changes, so
    loading the same file again leaves the database byte for byte as it was."""
    if laptop_inspector(db) == inspector_id:
        return
    conn = _conn(db)
    sql = "INSERT INTO meta (key, value) VALUES ('inspector', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    if conn.in_transaction:  # part of the caller's transaction (a load), committed with it
        conn.execute(sql, (inspector_id,))
        return
    with conn:
        conn.execute(sql, (inspector_id,))


def loaded_inspectors(db) -> dict[str, str]:
    """Every inspector an assignment loaded here is for: id -> name, oldest first."""
    rows = _conn(db).execute(
        "SELECT inspector_id, inspector_name FROM assignments ORDER BY loaded_at, issued_at"
    ).fetchall()
    return dict(rows)


def check_load(db, inspector_id: str, identity_id: str | None) -> None:
    """Refuse (ForeignAssignment, nothing written) an assignment for
    `inspector_id` on a laptop that belongs to someone else: its identity's
    inspector, or else the inspector whose assignments it holds."""
    if identity_id is not None:
        if inspector_id != identity_id:
            raise ForeignAssignment(inspector_id, identity_id, "identity")
        return
    owner, loaded = laptop_inspector(db), loaded_inspectors(db)
    if owner is not None:
        # The laptop is its recorded inspector's, whatever else an older version loaded.
        if owner != inspector_id:
            raise ForeignAssignment(inspector_id, owner, "loaded" if owner in loaded else "owner")
        return
    others = [who for who in loaded if who != inspector_id]
    if others:
        raise ForeignAssignment(inspector_id, ", ".join(others), "loaded")


def check_identity(db, identity_id: str) -> None:
    """Refuse (ForeignIdentity) an identity for another inspector than the
    assignments loaded here are for. A laptop holding none accepts any."""
    loaded = list(loaded_inspectors(db))
    if loaded and identity_id not in loaded:
        raise ForeignIdentity(identity_id, loaded)


def project_of(table: str) -> str:
    """SQL for the project of a row of `table` (a record table, unaliased)."""
    if table in _WITH_PROJECT:
        return "project_code"
    return "(SELECT v.project_code FROM visits v WHERE v.id = visit_id LIMIT 1)"


def _visit_author(table: str) -> str:
    """SQL for who recorded the row's visit: the author of its first revision,
    as the office knows it (office.claims). NULL for a row whose visit is not
    on this laptop (a problem the office carried over from another visit)."""
    visit = f"{table}.id" if table == "visits" else f"{table}.visit_id"
    return f"(SELECT v.author FROM visits v WHERE v.id = {visit} ORDER BY v.rev LIMIT 1)"


def sendable(table: str) -> str:
    """SQL condition on `table`'s rows: recorded on this device (:device) by
    the inspector (:me) on a project the office gave that inspector, on a
    visit that inspector recorded (the office refuses a whole bundle with a
    record on a visit it does not hold from the bundle's signer). Only these
    can travel in a bundle that inspector signs."""
    return (
        f"author = :me AND device = :device AND coalesce({_visit_author(table)}, :me) = :me "
        f"AND {project_of(table)} IN ("
        "SELECT ap.project_code FROM assignment_projects ap JOIN assignments a ON a.id = ap.assignment_id "
        "WHERE a.inspector_id = :me)"
    )


class LeftBehind(NamedTuple):
    """Records a bundle of this laptop's inspector cannot carry. `reason`:
    "author" (recorded as another inspector), "visit" (added, by an earlier
    version, to a visit another inspector recorded) or "project" (recorded
    on a project the office did not give this laptop's inspector)."""

    author: str
    reason: str
    records: int


def left_behind(db, me: str, device: str, since: int) -> list[LeftBehind]:
    """What was recorded on this device, is not acknowledged by the office
    (`since`), and cannot go in `me`'s bundles: counted by author and reason."""
    conn = _conn(db)
    counts: dict[tuple[str, str], int] = {}
    for table in RECORD_TABLES:
        query = (
            f"SELECT author, CASE WHEN author != :me THEN 'author' "
            f"WHEN coalesce({_visit_author(table)}, :me) != :me THEN 'visit' ELSE 'project' END, count(*) "
            f"FROM {table} "
            f"WHERE device = :device AND (exported_in IS NULL OR exported_in > :since) "
            f"AND NOT ({sendable(table)}) GROUP BY 1, 2"
        )
        for author, reason, n in conn.execute(query, {"me": me, "device": device, "since": since}):
            counts[(author, reason)] = counts.get((author, reason), 0) + n
    return [LeftBehind(author, reason, n) for (author, reason), n in sorted(counts.items())]
