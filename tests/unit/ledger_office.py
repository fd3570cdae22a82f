"""Shared for the ledger tests: an office with one ingested bundle whose
problem is confirmed, so it has a ledger entry."""

from __future__ import annotations


import bundles as B
from inspector.office.db import open_office_db
from inspector.office.review import queue as Q
from inspector.office.review.states import Seen, set_state
from support import STAFF as _STAFF

STAFF = _STAFF[0]
OTHER = "wangfang"  # a second member of staff (the core does not check who is registered)


def office_with_entry(tmp_path, monkeypatch) -> tuple[B.Office, str]:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    office = B.make_office(tmp_path)
    office.catalogue()
    result = office.ingest(office.file(office.bundle()))
    assert result.exit_code == 0, result.output
    db = open_office_db(office.db)
    (row,) = [r for r in Q.load(db) if r.kind == "problem"]
    set_state(db, [Seen(row.kind, row.id, row.version)], "confirmed", by=STAFF)
    db.close()
    return office, row.id


def version(db, problem_id: str) -> int:
    return db.conn.execute("SELECT version FROM ledger WHERE problem_id = ?", (problem_id,)).fetchone()[0]
