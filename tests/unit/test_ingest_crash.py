"""An ingest killed inside its transaction leaves the office database as it
was, and running it again succeeds."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import bundles as B

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    return B.make_office(tmp_path)


# The real command, killed by SIGKILL from inside the transaction: after the
# last statement before COMMIT, so every change of the ingest is pending.
KILLED_BEFORE_COMMIT = """
import os, signal, sys
from inspector.office import ingest
original = ingest.Ingester._insert_bundle
def insert_then_die(self, *args, **kwargs):
    original(self, *args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
ingest.Ingester._insert_bundle = insert_then_die
from inspector.cli import main
main(sys.argv[1:])
"""


def _run(office: B.Office, path, *, kill: bool) -> subprocess.Popen:
    env = {**os.environ, "INSPECTOR_DATA_DIR": str(office.data), "INSPECTOR_LANG": "en"}
    command = ["-c", KILLED_BEFORE_COMMIT] if kill else ["-m", "inspector"]
    return subprocess.Popen([sys.executable, *command, "office", "--office-db", str(office.db), "ingest",
                             str(path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_inside_the_transaction(office: B.Office, path) -> None:
    process = _run(office, path, kill=True)
    out, err = process.communicate(timeout=60)
    assert process.returncode == -9, out + err


def test_sigkill_while_applying(office):
    first = B.Bundle(office.me, records={"visits": [B.visit("v0")]}, photos=[])
    assert office.ingest(office.file(first, "1.zip")).exit_code == 0
    records = B.sample_records()
    records["visits"].append(B.visit("v0"))
    big = [B.photo_bytes()] + [B.photo_bytes(n, 50_000) for n in range(1, 40)]
    records["photos"] += [B.photo(f"ph{n}", data=data) for n, data in enumerate(big[1:], start=2)]
    second = B.Bundle(office.me, records=records, photos=big, sequence=2, since=1, previous=first.bundle_id)
    path = office.file(second, "2.zip")
    before = office.dump()

    _kill_inside_the_transaction(office, path)
    assert office.rows("PRAGMA integrity_check") == [("ok",)]
    assert office.dump() == before
    assert not any((office.data / "receipts").glob("receipt-zhangwei-2-*.json"))
    # the killed run had stored photo files; none of them counts as stored
    assert len([p for p in (office.data / "photos").rglob("*.jpg") if "thumbs" not in p.parts]) == 40
    assert office.rows("SELECT count(*) FROM photo_files") == [(0,)]

    again = _run(office, path, kill=False)
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    assert "applied bundle 2 of zhangwei: 45 new revisions, 0 kept as conflicts for review, 40 photos" in out
    assert office.rows("SELECT count(*) FROM photo_files") == [(40,)]
    assert any((office.data / "receipts").glob("receipt-zhangwei-2-*.json"))
    assert "already ingested" in office.ingest(path).output


def test_sigkill_while_holding(office):
    late = B.Bundle(office.me, sequence=3, since=2, previous=B.uid("b2"))
    path = office.file(late, "3.zip")
    before = office.dump()
    _kill_inside_the_transaction(office, path)
    assert office.dump() == before
    again = _run(office, path, kill=False)
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0 and "waiting for bundle 2" in out, err
