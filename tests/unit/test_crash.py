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


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.json"
    data = factories.assignment(
        projects=[factories.project(f"P{i:05d}", f"测试{i}号未来社区") for i in range(5000)],
    )
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("delay", [0.35, 0.5, 0.65, 0.8, 1.0])
def test_kill_during_load(tmp_path, big_file, delay):
    db = tmp_path / "laptop.db"
    # A database already holding an assignment, so "as it was" is not just "empty".
    first = tmp_path / "first.json"
    first.write_text(json.dumps(factories.assignment(id="R2026-1-zhangwei", round={"id": "R2026-1", "name": "第一轮"})),
                     encoding="utf-8")
    subprocess.run([sys.executable, "-m", "inspector", "--db", str(db), "load", str(first)], check=True,
                   capture_output=True)

    process = subprocess.Popen(
        [sys.executable, "-m", "inspector", "--db", str(db), "load", str(big_file)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
    process.wait()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    projects = conn.execute("SELECT count(*) FROM projects").fetchone()[0]
    assignments = conn.execute("SELECT count(*) FROM assignments").fetchone()[0]
    members = conn.execute("SELECT count(*) FROM assignment_projects").fetchone()[0]
    conn.close()
    assert (projects, assignments, members) in {(2, 1, 2), (5000, 2, 5002)}, (projects, assignments, members)
