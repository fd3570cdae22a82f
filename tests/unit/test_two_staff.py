"""Two office processes on one database (issue 11 item 11): two members of
staff, or the interface and a command. A change based on a view another
process has changed since is refused and changes nothing; changes made at
the same moment are all kept."""

from __future__ import annotations

import os
import time
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import bundles as B
from inspector.office.db import open_office_db
from inspector.office.review import ReviewRefused
from inspector.office.review import queue as Q
from inspector.office.review.states import Seen, set_state
from support import STAFF as _STAFF

STAFF = _STAFF[0]


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    office = B.make_office(tmp_path)
    office.catalogue()
    assert office.ingest(office.file(office.bundle())).exit_code == 0
    return office


def other_process(office: B.Office, *args: str) -> subprocess.CompletedProcess:
    """The command line in a process of its own, as a second member of staff would run it."""
    env = {**os.environ, "INSPECTOR_OFFICE_USER": STAFF}
    return subprocess.run([sys.executable, "-m", "inspector", "--lang", "en", "office", "--office-db",
                           str(office.db), *args], capture_output=True, text=True, env=env, timeout=120)


def test_a_decision_on_a_stale_screen_is_refused_when_another_process_decided_first(office):
    db = open_office_db(office.db)
    (problem,) = [r for r in Q.load(db) if r.kind == "problem"]  # what this screen shows
    done = other_process(office, "review", "query", problem.id, "--comment", "照片看不清")
    assert done.returncode == 0, done.stderr
    before = office.dump()
    with pytest.raises(ReviewRefused) as refused:
        set_state(db, [Seen("problem", problem.id, problem.version)], "confirmed", by=STAFF)
    assert refused.value.code == "stale"
    assert office.dump() == before  # nothing of the stale change, no ledger number
    (now,) = [r for r in Q.load(db) if r.kind == "problem"]  # the screen reloads: the newer state
    assert (now.state, now.comment) == ("query", "照片看不清")


def test_changes_made_at_the_same_moment_by_two_processes_are_all_kept(office):
    db = open_office_db(office.db)
    rows = {r.kind: r for r in Q.load(db)}
    steps = 8

    said: list[str] = []

    def run(kind: str) -> list[int]:
        # each step reads the record afresh (its own process), so none is stale: all must land
        codes = []
        for n in range(steps):
            done = other_process(office, "review", *(("query", rows[kind].id, "--comment", f"{kind} {n}")
                                                     if n % 2 == 0 else ("confirm", rows[kind].id)))
            codes.append(done.returncode)
            said.append(done.stderr.strip())
        return codes

    with ThreadPoolExecutor(2) as pool:
        codes = list(pool.map(run, ("visit", "innovation")))
    assert codes == [[0] * steps, [0] * steps], [line for line in said if line]  # what a refusal said
    for kind in ("visit", "innovation"):
        kept = office.rows("SELECT state, comment FROM review_events WHERE kind = ? AND action = 'state' "
                           "ORDER BY seq", kind)
        assert kept == [("query", f"{kind} {n}") if n % 2 == 0 else ("confirmed", None) for n in range(steps)]
        assert office.rows("SELECT version FROM reviews WHERE kind = ?", kind) == [(1 + steps,)]
    assert office.rows("SELECT count(*) FROM audit_log WHERE action LIKE 'review.%'") == [(2 * steps,)]


def test_a_second_ingest_waits_for_the_first_and_says_so(office, tmp_path):
    """Issue 14 item 6: it used to give up with "database is locked"."""
    import threading

    from inspector.store.turns import one_at_a_time

    records = B.sample_records()
    records["visits"].append(B.visit(rev=2, note="补记"))
    path = office.file(office.bundle(records=records, sequence=2, since=1), "2.zip")
    held = threading.Event()
    release = threading.Event()

    def first_ingest() -> None:  # another process's ingest, holding its turn for a while
        with one_at_a_time(office.db.with_name(office.db.name + ".ingest-lock"), wait=None):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=first_ingest)
    holder.start()
    assert held.wait(10)
    second = subprocess.Popen([sys.executable, "-m", "inspector", "--lang", "en", "office", "--office-db",
                               str(office.db), "ingest", str(path)], env={**os.environ, "INSPECTOR_OFFICE_USER": STAFF},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    assert second.poll() is None  # still waiting, not refused
    release.set()
    holder.join()
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, out + err
    assert "another ingest is running; waiting for it to finish" in err
    assert "applied bundle 2" in out
