"""An office whose problems are in the ledger, for the ledger screen's tests
and snapshots: the round of officeapp, its three problems confirmed (so
numbered) at a fixed time, a unit in the directory, a second member of
staff to approve what the first requested, and terms fixed so the lights
show every colour on officeapp's fixed today (2026-12-04)."""

from __future__ import annotations

from pathlib import Path

import bundles as B
from officeapp import TODAY, build_office

CONFIRMED = "2026-11-29T02:00:00+00:00"
SECOND = ("wangfang", "王芳")  # approves what ceshi requests (four eyes)
UNIT = "瓜沥镇人民政府"


def build_ledger_office(root: Path, *, monkeypatch=None) -> tuple[B.Office, dict[str, str]]:
    """The office and {problem id: ledger number}."""
    from inspector.office import staff
    from inspector.office.db import open_office_db
    from inspector.office.ledger import steps as S
    from inspector.office.ledger import units as U
    from inspector.office.review import queue as Q
    from inspector.office.review.states import Seen, set_state

    office = build_office(root, monkeypatch=monkeypatch)
    db = open_office_db(office.db)
    staff.add(db, *SECOND, by="ceshi")
    unit = U.add(db, name=UNIT, role="local", city="hangzhou", by="ceshi", at=CONFIRMED)
    problems = sorted((r for r in Q.load(db) if r.kind == "problem"), key=lambda r: (r.project_code, r.id))
    set_state(db, [Seen(r.kind, r.id, r.version) for r in problems], "confirmed", by="ceshi", at=CONFIRMED)
    numbers = dict(db.conn.execute("SELECT problem_id, number FROM ledger").fetchall())
    # p1 keeps the default terms (green).
    # p2 (its unit named) is due within a week (yellow); lina's is past its deadline (red).
    for pid, deadline, unit_id in ((B.uid("p2"), "2026-12-08", unit.id), (_lina(numbers), "2026-12-01", None)):
        version = db.conn.execute("SELECT version FROM ledger WHERE problem_id = ?", (pid,)).fetchone()[0]
        S.set_terms(db, pid, deadline=deadline, unit_id=unit_id, by="ceshi", reason="按督导要求",
                    seen_version=version, at=CONFIRMED)
    db.close()
    return office, numbers


def _lina(numbers: dict[str, str]) -> str:
    return next(pid for pid, number in numbers.items() if "-WZ-" in number)


def ledger_app(office: B.Office, *, user: str = "ceshi", lang: str = "zh"):
    from inspector.settings import Settings
    from inspector.tui.factory import make_app

    return make_app(Settings(db_path=office.root / "laptop.db", lang=lang, data_dir=office.data), start="office",
                    office_db=office.db, office_user=user, today=TODAY)
