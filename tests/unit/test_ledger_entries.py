"""Reading the ledger: each entry with its project, unit, deadline, days
overdue and light; filtered by city, status, overdue; its history."""

from __future__ import annotations

from datetime import date

import pytest

from inspector.office.db import open_office_db
from inspector.office.ledger import entries as E
from inspector.office.ledger import steps as S
from inspector.office.ledger import units as U
from ledger_office import STAFF, office_with_entry, version


@pytest.fixture
def office(tmp_path, monkeypatch):
    return office_with_entry(tmp_path, monkeypatch)


def test_an_entry_as_people_read_it(office):
    off, pid = office
    db = open_office_db(off.db)
    unit = U.add(db, name="瓜沥镇人民政府", role="local", city="hangzhou", by=STAFF)
    S.set_terms(db, pid, unit_id=unit.id, by=STAFF, reason="属地负责", seen_version=version(db, pid))
    (entry,) = E.entries(db, today=date(2027, 1, 10))
    assert (entry.number, entry.project_code, entry.project_name, entry.city) == (
        "2026-2-HZ-001", "HZ-GL-001", "瓜沥七彩未来社区", "hangzhou")
    assert (entry.unit_name, entry.unit_role, entry.status, entry.deadline) == (
        "瓜沥镇人民政府", "local", "pending", "2026-12-31")
    assert (entry.severity, entry.days_overdue, entry.light) == ("major", 10, "red")
    assert entry.description.startswith("邻里中心")
    assert E.entries(db, city="ningbo") == [] and E.entries(db, status="closed") == []
    assert E.entries(db, overdue=True, today=date(2026, 12, 1)) == []
    assert E.entries(db, today=date(2026, 12, 28))[0].light == "yellow"
    assert E.entry(db, "2026-2-hz-001").problem_id == pid
    assert [(e.action, e.by, e.reason) for e in E.history(db, pid)] == [
        ("open", STAFF, None), ("set_terms", STAFF, "属地负责")]
