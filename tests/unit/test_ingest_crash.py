"""An ingest killed inside its transaction leaves the office database as it
was, and running it again succeeds."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

import bundles as B
from inspector.office.ingest import TEST_ONLY_PAUSE_ENV

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    return B.make_office(tmp_path)


def _run(office: B.Office, path, *, pause: bool) -> subprocess.Popen:
    env = {**os.environ, "INSPECTOR_DATA_DIR": str(office.data), "INSPECTOR_LANG": "en"}
    env.pop(TEST_ONLY_PAUSE_ENV, None)
    if pause:
        env[TEST_ONLY_PAUSE_ENV] = "60"
    return subprocess.Popen([sys.executable, "-m", "inspector", "office", "--office-db", str(office.db), "ingest",
                             str(path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_inside_the_transaction(office: B.Office, path) -> None:
    process = _run(office, path, pause=True)
    try:
        line = process.stderr.readline()  # blocks until the seam says it is inside
        assert "paused inside the ingest transaction" in line, line + process.stderr.read()
        process.kill()
    finally:
        process.kill()
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -9


def test_sigkill_while_applying(office):
    first = B.Bundle(office.me, records={"visits": [B.visit("v0")]}, photos=[])
    assert office.ingest(office.file(first, "1.zip")).exit_code == 0
    records = B.sample_records()
    records["visits"].append(B.visit("v0"))
    big = [B.photo_bytes()] + [B.photo_bytes(n, 50_000) for n in range(1, 40)]
    second = B.Bundle(office.me, records=records, photos=big, sequence=2, since=1, previous=first.bundle_id)
    path = office.file(second, "2.zip")
    before = office.dump()

    _kill_inside_the_transaction(office, path)
    assert office.rows("PRAGMA integrity_check") == [("ok",)]
    assert office.dump() == before
    assert not (office.data / "receipts" / "receipt-zhangwei-2.json").exists()
    # the killed run had stored photo files; none of them counts as stored
    assert len(list((office.data / "photos").rglob("*.jpg"))) == 40
    assert office.rows("SELECT count(*) FROM photo_files") == [(0,)]

    again = _run(office, path, pause=False)
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    assert "applied bundle 2 of zhangwei: 6 new revisions, 0 kept as conflicts for review, 40 photos" in out
    assert office.rows("SELECT count(*) FROM photo_files") == [(40,)]
    assert (office.data / "receipts" / "receipt-zhangwei-2.json").is_file()
    assert "already ingested" in office.ingest(path).output


def test_sigkill_while_holding(office):
    late = B.Bundle(office.me, sequence=3, since=2, previous=B.uid("b2"))
    path = office.file(late, "3.zip")
    before = office.dump()
    _kill_inside_the_transaction(office, path)
    assert office.dump() == before
    again = _run(office, path, pause=False)
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0 and "waiting for bundle 2" in out, err
