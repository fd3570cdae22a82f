"""Registering an inspector's public key at the office."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database

from inspector.identity import IdentityError, fingerprint

from . import audit
from inspector.store.transaction import immediate


@dataclass(frozen=True)
class Enrolled:
    id: str
    name: str
    fingerprint: str
    replaced: bool


def enrol(db: Database, inspector_id: str, name: str, public_key_text: str, *, by: str,
          replace: bool = False, home_city: str | None = None) -> Enrolled:
    """Register (or, with `replace`, re-register) an inspector's key. One key
    belongs to one inspector; a second inspector with the same key is refused.
    `home_city` (a City code or its Chinese/English name) is the city the
    inspector lives in, which a plan never sends them to (交叉检查); None
    leaves what is on record. An unknown city is refused (PlanRefused) before
    anything is stored."""
    from .planning import city_code
    from .planning.home import store_home_city

    if home_city is not None:
        city_code(home_city)
    try:
        key = base64.b64decode(public_key_text.strip(), validate=True)
    except ValueError:
        raise IdentityError("enrol.key_not_base64") from None
    if len(key) != 32:
        raise IdentityError("enrol.key_length", size=len(key))
    text = base64.b64encode(key).decode("ascii")
    conn = db.conn
    existing = conn.execute("SELECT public_key FROM inspectors WHERE id = ?", (inspector_id,)).fetchone()
    if existing is not None and existing[0] != text and not replace:
        raise IdentityError("enrol.other_key", inspector=inspector_id)
    other = conn.execute("SELECT id FROM inspectors WHERE public_key = ? AND id != ?", (text, inspector_id)).fetchone()
    if other is not None:
        raise IdentityError("enrol.key_taken", inspector=other[0])
    with immediate(db):
        conn.execute(
            "INSERT INTO inspectors (id, name, public_key, fingerprint, enrolled_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
            "public_key = excluded.public_key, fingerprint = excluded.fingerprint, enrolled_at = excluded.enrolled_at",
            (inspector_id, name, text, fingerprint(key), datetime.now(timezone.utc).isoformat()),
        )
        audit.record(db, by, "inspector.enrol", inspector_id,
                     detail={"name": name, "fingerprint": fingerprint(key),
                             "replaced": existing is not None and existing[0] != text})
        if home_city is not None:
            store_home_city(conn, inspector_id, home_city, by=by)
    return Enrolled(inspector_id, name, fingerprint(key), existing is not None and existing[0] != text)
