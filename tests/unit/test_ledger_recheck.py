"""A field re-check verdict, ingested, moves the ledger entry of the problem
it judges: not rectified returns it, partly rectified keeps it in hand,
rectified asks for closure in the inspector's name (any staff may approve;
the verdict is the evidence)."""

from __future__ import annotations

import bundles as B
from inspector.office.db import open_office_db
from inspector.office.ledger import steps as S
from ledger_office import STAFF, office_with_entry, version

import pytest


@pytest.fixture
def office(tmp_path, monkeypatch):
    return office_with_entry(tmp_path, monkeypatch)


def ingest_verdict(off, verdict: str, n: str, sequence: int):
    bundle = off.bundle(records={"follow_ups": [B.follow_up(n, verdict=verdict)]}, photos=[], sequence=sequence,
                        since=sequence - 1)
    result = off.ingest(off.file(bundle, f"b{sequence}.zip"))
    assert result.exit_code == 0, result.output


def test_verdicts_move_the_entry_and_rectified_is_evidence(office):
    off, pid = office
    ingest_verdict(off, "not_rectified", "f2", 2)
    assert off.rows("SELECT status FROM ledger") == [("returned",)]
    ingest_verdict(off, "partly_rectified", "f3", 3)
    assert off.rows("SELECT status FROM ledger") == [("rectifying",)]
    ingest_verdict(off, "rectified", "f4", 4)
    assert off.rows("SELECT status, requested_by, version FROM ledger") == [
        ("close_requested", f"inspector:{B.INSPECTOR}", 4)]
    assert off.rows("SELECT action, status FROM ledger_events WHERE action = 'verdict' ORDER BY seq") == [
        ("verdict", "returned"), ("verdict", "rectifying"), ("verdict", "close_requested")]
    assert off.rows("SELECT count(*) FROM audit_log WHERE action = 'ledger.verdict'") == [(3,)]
    db = open_office_db(off.db)
    # the same member of staff who ingested may approve: the inspector asked; no file, the verdict is evidence
    S.approve(db, pid, by=STAFF, seen_version=version(db, pid))
    assert off.rows("SELECT status, closed_by FROM ledger") == [("closed", STAFF)]
    ingest_verdict(off, "not_rectified", "f5", 5)  # a closed entry stays closed
    assert off.rows("SELECT status FROM ledger") == [("closed",)]


def test_a_verdict_on_a_problem_not_in_the_ledger_moves_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    off = B.make_office(tmp_path)
    assert off.ingest(off.file(off.bundle())).exit_code == 0
    assert off.rows("SELECT count(*) FROM ledger_events") == [(0,)]
