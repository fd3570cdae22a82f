"""A load killed at any moment leaves the database as it was or fully loaded:
never half an assignment."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time

import pytest

import factories
from support import signed


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.json"
    data = factories.assignment(
        # ~23 MB of log at commit: big enough that a kill lands inside the transaction
        projects=[factories.project(f"P{i:05d}", f"测试{i}号未来社区", lead_unit="某某街道办事处" * 20)
                  for i in range(20000)],
        open_problems=[],
    )
    path.write_bytes(signed(json.dumps(data, ensure_ascii=False)))
    return path


def test_the_big_file_loads_when_left_alone(tmp_path, big_file):
    result = subprocess.run([sys.executable, "-m", "inspector", "--db", str(tmp_path / "x.db"), "load",
                             str(big_file)], capture_output=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("wal_bytes", [0, 1 << 20, 4 << 20, 8 << 20])
def test_kill_during_load(tmp_path, big_file, wal_bytes):
    """Kill the loader once its write-ahead log has grown past `wal_bytes`:
    with a non-zero threshold the kill lands inside the transaction."""
    db = tmp_path / "laptop.db"
    # A database already holding an assignment, so "as it was" is not just "empty".
    first = tmp_path / "first.json"
    first.write_bytes(signed(factories.assignment(id="R2026-1-zhangwei", round={"id": "R2026-1", "name": "第一轮"})))
    subprocess.run([sys.executable, "-m", "inspector", "--db", str(db), "load", str(first)], check=True,
                   capture_output=True)

    process = subprocess.Popen(
        [sys.executable, "-m", "inspector", "--db", str(db), "load", str(big_file)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    wal = db.with_name(db.name + "-wal")
    deadline = time.monotonic() + 60
    grew = False
    while process.poll() is None and time.monotonic() < deadline:
        try:
            size = wal.stat().st_size
        except FileNotFoundError:  # not made yet, or removed as the loader's last connection closed
            size = 0
        if size > wal_bytes and (wal_bytes or size):
            grew = True
            break
        time.sleep(0.002)
    process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
    process.wait()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    projects = conn.execute("SELECT count(*) FROM projects").fetchone()[0]
    assignments = conn.execute("SELECT count(*) FROM assignments").fetchone()[0]
    members = conn.execute("SELECT count(*) FROM assignment_projects").fetchone()[0]
    conn.close()
    assert (projects, assignments, members) in {(2, 1, 2), (20002, 2, 20002)}, (projects, assignments, members)
    if wal_bytes and grew:
        # killed with the transaction's pages in the log but not committed:
        # the old assignment is all there is
        assert (projects, assignments, members) == (2, 1, 2)
