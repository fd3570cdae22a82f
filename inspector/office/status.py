"""What the office has from each inspector: the last bundle applied, the
sequences it is still waiting for, bundles held until then, and the
conflicts kept for review."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Held:
    sequence: int
    since: int
    bundle: str
    received_at: str


@dataclass
class InspectorStatus:
    id: str
    name: str
    fingerprint: str
    last_sequence: int = 0  # highest sequence applied; 0: none yet
    last_applied_at: str | None = None
    missing: list[int] = field(default_factory=list)  # never received and not covered by an applied bundle
    held: list[Held] = field(default_factory=list)
    open_conflicts: int = 0


@dataclass(frozen=True)
class Conflict:
    inspector: str
    sequence: int
    bundle: str
    kind: str
    id: str
    rev: int
    base_rev: int | None
    office_rev: int | None
    kept_at: str


def office_status(conn: sqlite3.Connection) -> list[InspectorStatus]:
    people = [InspectorStatus(*row) for row in conn.execute(
        "SELECT id, name, fingerprint FROM inspectors ORDER BY id")]
    for person in people:
        applied = conn.execute(
            "SELECT sequence, applied_at FROM bundles WHERE inspector_id = ? AND status = 'applied' "
            "ORDER BY sequence DESC LIMIT 1", (person.id,)).fetchone()
        if applied is not None:
            person.last_sequence, person.last_applied_at = applied[0], applied[1]
        person.held = [Held(*row) for row in conn.execute(
            "SELECT sequence, since, id, received_at FROM bundles WHERE inspector_id = ? AND status = 'held' "
            "ORDER BY sequence", (person.id,))]
        if person.held:
            # Each applied bundle covers everything before it; what lies between
            # the last one applied and a held one, never received, is awaited.
            received = {s for (s,) in conn.execute("SELECT sequence FROM bundles WHERE inspector_id = ?",
                                                   (person.id,))}
            top = max(h.sequence for h in person.held)
            person.missing = [s for s in range(person.last_sequence + 1, top) if s not in received]
        person.open_conflicts = conn.execute(
            "SELECT count(*) FROM conflicts WHERE author = ? AND resolved_at IS NULL", (person.id,)).fetchone()[0]
    return people


def open_conflicts(conn: sqlite3.Connection) -> list[Conflict]:
    return [Conflict(*row) for row in conn.execute(
        "SELECT c.author, b.sequence, c.bundle_id, c.kind, c.id, c.rev, c.base_rev, c.office_rev, c.kept_at "
        "FROM conflicts c JOIN bundles b ON b.id = c.bundle_id WHERE c.resolved_at IS NULL "
        "ORDER BY c.author, b.sequence, c.kind, c.id, c.rev")]
