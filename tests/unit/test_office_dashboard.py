"""The round dashboard: per city and in total, counted by SQLite."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

import bundles as B
import factories as F
from inspector.office.dashboard import round_dashboard
from inspector.office.db import open_office_db
from inspector.office.review import queue as Q
from inspector.office.review.states import Seen, set_state
from support import STAFF as _STAFF

STAFF = _STAFF[0]


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    office = B.make_office(tmp_path)
    office.catalogue()
    for bundle, name in ((office.bundle(), "zw.zip"), (office.lina_bundle(), "lina.zip")):
        result = office.ingest(office.file(bundle, name))
        assert result.exit_code == 0, result.output
    return office


def by_city(board):
    return {row.city: row for row in board.cities}


def test_counts_per_city_and_in_total(office):
    db = open_office_db(office.db)
    board = round_dashboard(db, today=date(2026, 12, 1))
    assert board.round_id == "R2026-2" and board.rounds == ["R2026-2"]
    cities = by_city(board)
    # zhangwei: HZ-GL-001 visited and finished, NB-YZ-001 not yet; lina: WZ-LC-001 (not in the catalogue: its code says Wenzhou)
    assert list(cities) == ["hangzhou", "ningbo", "wenzhou"]
    hz, nb, wz = cities["hangzhou"], cities["ningbo"], cities["wenzhou"]
    assert (hz.assigned, hz.visited, hz.finished) == (1, 1, 1)
    assert (nb.assigned, nb.visited, nb.finished) == (1, 0, 0)
    assert (wz.assigned, wz.visited, wz.finished) == (1, 1, 1)
    assert (hz.problems, hz.innovations, hz.follow_ups) == (1, 1, 1)
    assert hz.by_severity == {F.problem("HZ-GL-001")["severity"]: 1}
    assert hz.by_review == {"received": 1}
    assert hz.to_review == 4  # the visit, problem, innovation and verdict
    total = board.total
    assert (total.assigned, total.visited, total.finished, total.problems) == (3, 2, 2, 2)
    assert total.to_review == 4 + 2
    assert (board.bundles_applied, board.bundles_held, board.missing_sequences) == (2, 0, 0)
    assert {row.light for row in board.cities} == {"green"}


def test_review_and_ledger_states_and_the_lights(office):
    db = open_office_db(office.db)
    problems = {r.project_code: r for r in Q.load(db) if r.kind == "problem"}
    set_state(db, [Seen("problem", problems["HZ-GL-001"].id, problems["HZ-GL-001"].version)], "confirmed", by=STAFF)
    set_state(db, [Seen("problem", problems["WZ-LC-001"].id, problems["WZ-LC-001"].version)], "confirmed", by=STAFF)
    with sqlite3.connect(office.db) as conn:  # the ledger's own steps are another module's: set the deadlines here
        conn.execute("UPDATE ledger SET deadline = '2026-11-30' WHERE project_code = 'HZ-GL-001'")
        conn.execute("UPDATE ledger SET deadline = '2026-12-08' WHERE project_code = 'WZ-LC-001'")
    cities = by_city(round_dashboard(db, today=date(2026, 12, 1)))
    assert cities["hangzhou"].by_review == {"confirmed": 1} and cities["hangzhou"].by_ledger == {"pending": 1}
    assert (cities["hangzhou"].overdue, cities["hangzhou"].due_soon, cities["hangzhou"].light) == (1, 0, "red")
    assert (cities["wenzhou"].overdue, cities["wenzhou"].due_soon, cities["wenzhou"].light) == (0, 1, "yellow")
    assert cities["ningbo"].light == "green"
    board = round_dashboard(db, today=date(2026, 12, 9))
    assert by_city(board)["wenzhou"].light == "red" and board.total.overdue == 2
    # a unit that asked for closure is not chased
    with sqlite3.connect(office.db) as conn:
        conn.execute("UPDATE ledger SET status = 'close_requested'")
    assert round_dashboard(db, today=date(2026, 12, 9)).total.light == "green"


def test_another_round_counts_its_own_visits(office):
    office.assign("zhangwei", "NB-YZ-001")  # R2026-3, issued 2026-12-01
    db = open_office_db(office.db)
    board = round_dashboard(db)
    assert board.round_id == "R2026-3" and board.rounds == ["R2026-2", "R2026-3"]
    assert [(r.city, r.assigned, r.visited, r.problems) for r in board.cities] == [("ningbo", 1, 0, 0)]
    earlier = round_dashboard(db, "R2026-2")
    assert earlier.total.problems == 2


def test_an_empty_office(tmp_path):
    db = open_office_db(tmp_path / "office.db")
    board = round_dashboard(db, today=date(2026, 12, 1))
    assert board.round_id is None and board.cities == [] and board.total.light == "green"
