"""What the office has from each inspector's laptop: the last bundle
applied, the sequences it is still waiting for, bundles held until then,
and the conflicts kept for review."""

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
    """One laptop of one inspector: sequences count per laptop (a reset laptop
    starts at 1 again). An inspector who sent nothing yet has one row without
    a device; `device` is None too for bundles from before devices were recorded."""

    id: str
    name: str
    fingerprint: str
    device: str | None = None
    last_sequence: int = 0  # highest sequence applied; 0: none yet
    last_applied_at: str | None = None
    missing: list[int] = field(default_factory=list)  # never received and not covered by an applied bundle
    held: list[Held] = field(default_factory=list)
    open_conflicts: int = 0
    revoked_after: int | None = None  # revoked: its bundles after this sequence are refused

    @property
    def sent(self) -> bool:
        return bool(self.last_sequence or self.held)


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
    people = []
    for person in conn.execute("SELECT id, name, fingerprint FROM inspectors ORDER BY id").fetchall():
        devices = [device for (device, _) in conn.execute(
            "SELECT device, min(received_at) FROM bundles WHERE inspector_id = ? GROUP BY device ORDER BY 2, 1",
            (person[0],))] or [None]
        people += [_laptop(conn, InspectorStatus(*person, device=device)) for device in devices]
    return people


def _laptop(conn: sqlite3.Connection, laptop: InspectorStatus) -> InspectorStatus:
    mine = "inspector_id = ? AND device IS ?"
    who = (laptop.id, laptop.device)
    applied = conn.execute(
        f"SELECT sequence, applied_at FROM bundles WHERE {mine} AND status = 'applied' "
        "ORDER BY sequence DESC LIMIT 1", who).fetchone()
    if applied is not None:
        laptop.last_sequence, laptop.last_applied_at = applied[0], applied[1]
    laptop.held = [Held(*row) for row in conn.execute(
        f"SELECT sequence, since, id, received_at FROM bundles WHERE {mine} AND status = 'held' "
        "ORDER BY sequence", who)]
    if laptop.held:
        # Each applied bundle covers everything before it; what lies between
        # the last one applied and a held one, never received, is awaited.
        received = {s for (s,) in conn.execute(f"SELECT sequence FROM bundles WHERE {mine}", who)}
        top = max(h.sequence for h in laptop.held)
        laptop.missing = [s for s in range(laptop.last_sequence + 1, top) if s not in received]
    revoked = conn.execute("SELECT after_sequence FROM revoked_devices WHERE inspector_id = ? AND device IS ?",
                           who).fetchone()
    laptop.revoked_after = revoked[0] if revoked else None
    laptop.open_conflicts = conn.execute(
        "SELECT count(*) FROM conflicts c JOIN bundles b ON b.id = c.bundle_id "
        "WHERE c.author = ? AND b.device IS ? AND c.resolved_at IS NULL", who).fetchone()[0]
    return laptop


def open_conflicts(conn: sqlite3.Connection) -> list[Conflict]:
    return [Conflict(*row) for row in conn.execute(
        "SELECT c.author, b.sequence, c.bundle_id, c.kind, c.id, c.rev, c.base_rev, c.office_rev, c.kept_at "
        "FROM conflicts c JOIN bundles b ON b.id = c.bundle_id WHERE c.resolved_at IS NULL "
        "ORDER BY c.author, b.sequence, c.kind, c.id, c.rev")]
