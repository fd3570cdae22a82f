"""A lost or replaced laptop (issue 14 item 2): the office stops accepting
its bundles numbered after a sequence; what it sent up to then stays.

A laptop is an inspector and a device (the id its database was made with):
sequences count per laptop. Revoking the device stops bundles from that
database. The laptop's key may be in a thief's hands too, and a key can be
copied into another database: enrolling the replacement laptop's new key
(`office enrol … --replace`, as today) is what stops the old key signing at
all, and the README says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from inspector.i18n.said import Refusal
from inspector.store.transaction import immediate

from . import audit


class RevokeRefused(Refusal):
    """Nothing was stored; key "revoke.<code>" of i18n/areas/revocation.py."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        super().__init__(f"revoke.{code}", **params)


@dataclass(frozen=True)
class Revoked:
    inspector: str
    device: str
    after: int  # bundles numbered after this are refused
    revoked_at: str
    revoked_by: str
    reason: str | None


def revoked(db, inspector: str | None = None) -> list[Revoked]:
    sql = "SELECT inspector_id, device, after_sequence, revoked_at, revoked_by, reason FROM revoked_devices"
    rows = db.conn.execute(sql + (" WHERE inspector_id = ?" if inspector else "") + " ORDER BY revoked_at",
                           (inspector,) if inspector else ()).fetchall()
    return [Revoked(*row) for row in rows]


def revocation_of(conn, inspector: str, device: str) -> Revoked | None:
    row = conn.execute("SELECT inspector_id, device, after_sequence, revoked_at, revoked_by, reason "
                       "FROM revoked_devices WHERE inspector_id = ? AND device = ?", (inspector, device)).fetchone()
    return Revoked(*row) if row else None


def revoke(db, inspector: str, device: str, *, by: str, after: int | None = None, reason: str | None = None,
           at: str | None = None) -> Revoked:
    """Refuse the laptop's bundles after `after` (default: the highest
    sequence the office holds from it, applied or held). A device the office
    never heard from is refused by name (a typo must not revoke nothing)."""
    at = at or datetime.now(timezone.utc).isoformat(timespec="seconds")
    with immediate(db):
        conn = db.conn
        if conn.execute("SELECT 1 FROM inspectors WHERE id = ?", (inspector,)).fetchone() is None:
            raise RevokeRefused("unknown_inspector", inspector=inspector)
        devices = [d for (d,) in conn.execute(
            "SELECT DISTINCT device FROM bundles WHERE inspector_id = ? AND device IS NOT NULL ORDER BY device",
            (inspector,))]
        if device not in devices:
            raise RevokeRefused("unknown_device", inspector=inspector, device=device,
                                devices=", ".join(devices) if devices else "-")
        held = conn.execute("SELECT coalesce(max(sequence), 0) FROM bundles WHERE inspector_id = ? AND device = ?",
                            (inspector, device)).fetchone()[0]
        if after is None:
            after = held
        if after < 0:
            raise RevokeRefused("bad_after", after=after)
        existing = revocation_of(conn, inspector, device)
        if existing is not None:
            raise RevokeRefused("already", inspector=inspector, device=device, after=existing.after,
                                at=existing.revoked_at, by=existing.revoked_by)
        conn.execute("INSERT INTO revoked_devices (inspector_id, device, after_sequence, revoked_at, revoked_by, "
                     "reason) VALUES (?, ?, ?, ?, ?, ?)", (inspector, device, after, at, by, reason))
        audit.record(db, by, "device.revoke", f"{inspector}/{device}", reason=reason,
                     detail={"after": after, "held": held}, at=at)
    return Revoked(inspector, device, after, at, by, reason)
