"""The province-scale office the benchmarks run on is one the office's own
code reads and writes: made small here, with the generator the benchmarks use."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT


@pytest.fixture
def province(tmp_path, monkeypatch):
    if str(ROOT) not in sys.path:
        monkeypatch.syspath_prepend(str(ROOT))
    from bench import province

    for name, value in (("INSPECTORS", 4), ("VISITS_PER_INSPECTOR", 2), ("PROJECTS", 200)):
        monkeypatch.setattr(province, name, value)
    return province.province_db(tmp_path)


def test_the_queue_loads_filters_and_confirms_on_the_generated_office(province):
    from inspector.office.db import open_office_db
    from inspector.office.review import queue
    from inspector.office.review.states import Seen, set_state

    db = open_office_db(province)
    try:
        rows = queue.load(db)
        assert {r.kind for r in rows} == {"visit", "problem", "innovation", "follow_up"}
        assert len([r for r in rows if r.kind == "problem"]) == 4 * 2 * 3 * 10
        assert all(r.city and r.inspector_name and r.project_name for r in rows)
        numbered = [r for r in rows if r.number]
        assert numbered and queue.QueueFilter(text=numbered[0].number.lower()).apply(rows)[0].id == numbered[0].id
        waiting = [r for r in rows if r.kind == "problem" and r.state == "received" and not r.number][:5]
        done = set_state(db, [Seen(r.kind, r.id, r.version) for r in waiting], "confirmed", by="bench")
        assert done.changed == 5 and len(set(done.numbered)) == 5
        assert db.conn.execute("SELECT count(*) FROM conflicts").fetchone()[0] > 0
    finally:
        db.close()
