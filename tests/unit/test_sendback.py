"""Sent back to the field, layer by layer: the assignment's entries (what a
laptop refuses), the laptop keeping the inspector's newer work, a correction
based on the office's own revision, and the office's checks on a reply."""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import date

import pytest

import bundles as B
import factories as F
from laptop import LIN_01, LIN_02
from test_sendback_trip import Side, assign, export_and_ingest, laptop_side, office  # noqa: F401 (fixtures)

from inspector.assignment.errors import InputFileError
from inspector.assignment.reader import parse_assignment
from inspector.inspection import record
from inspector.inspection.sentback import answer
from inspector.models import Problem
from inspector.office.db import open_office_db
from inspector.office.review.states import Seen, set_state
from inspector.store import open_db, records
from inspector.store.errors import StoreError
from inspector.store.sentback import sent_back_on_project

STAFF = "ceshi"


# -- the office, the laptop and the round trip of a correction ----------------------------------------------

def _visit_with_problem(tmp_path, office, laptop) -> tuple:
    laptop.run("load", str(assign(tmp_path, office, "a1.json")))
    db = open_db(laptop.root / "inspector.db")
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    record.save_answer(db, visit.id, LIN_01, value="fail")
    record.save_answer(db, visit.id, LIN_02, value="running")
    problem = record.save_problem(db, visit.id, item=LIN_01, scenario="neighbourhood", category="facility_idle",
                                  description="邻里活动室长期闲置", severity="major", responsible_unit=None,
                                  deadline=None)
    record.finish_visit(db, visit.id)
    db.close()
    export_and_ingest(tmp_path, office, laptop)
    return visit, problem


def _office_revision(office, problem_id: str, **changes) -> int:
    """What review/edits.new_office_revision does (another helper's): a new
    revision by office:ceshi, based on the current one, made current."""
    db = open_office_db(office.root / "office.db")
    conn = db.conn
    (rev, data, project, visit) = conn.execute(
        "SELECT r.rev, r.data, r.project_code, r.visit_id FROM current c JOIN records r ON r.kind = c.kind "
        "AND r.id = c.id AND r.rev = c.rev WHERE c.kind = 'problem' AND c.id = ?", (problem_id,)).fetchone()
    new = Problem.model_validate_json(data).model_copy(update={
        "rev": rev + 1, "base_rev": rev, "author": f"office:{STAFF}", "device": "office", **changes})
    text = new.model_dump_json()
    with db.atomic():
        conn.execute("INSERT INTO records (kind, id, rev, base_rev, author, device, project_code, visit_id, data, "
                     "sha256, bundle_id) VALUES ('problem', ?, ?, ?, ?, 'office', ?, ?, ?, ?, NULL)",
                     (problem_id, rev + 1, rev, f"office:{STAFF}", project, visit, text, "0" * 64))
        conn.execute("UPDATE current SET rev = ? WHERE kind = 'problem' AND id = ?", (rev + 1, problem_id))
    db.close()
    return rev + 1


def _send_back(office, kind: str, record_id: str, comment: str) -> None:
    db = open_office_db(office.root / "office.db")
    (version,) = db.conn.execute("SELECT version FROM reviews WHERE kind = ? AND id = ?",
                                 (kind, record_id)).fetchone()
    set_state(db, [Seen(kind, record_id, version)], "sent_back", by=STAFF, comment=comment)
    db.close()


def _rows(office, sql, *params):
    conn = sqlite3.connect(office.root / "office.db")
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_a_correction_is_based_on_the_offices_own_revision_and_reopens_review(tmp_path, office, laptop_side):
    visit, problem = _visit_with_problem(tmp_path, office, laptop_side)
    office_rev = _office_revision(office, str(problem.id), description="邻里活动室长期闲置（办公室改写）")
    _send_back(office, "problem", str(problem.id), "请核实闲置时长")
    laptop_side.run("load", str(assign(tmp_path, office, "a2.json")))

    db = open_db(laptop_side.root / "inspector.db")
    stored = records.latest(db, Problem, problem.id)
    assert (stored.rev, stored.author) == (office_rev, f"office:{STAFF}")  # the office's revision is here
    record.reopen_visit(db, visit.id, "办公室退回，补充")
    corrected = record.save_problem(db, visit.id, problem_id=problem.id, item=LIN_01, scenario="neighbourhood",
                                    category="facility_idle", description="邻里活动室闲置已逾半年",
                                    severity="major", responsible_unit=None, deadline=None)
    assert (corrected.rev, corrected.base_rev, corrected.author) == (office_rev + 1, office_rev, "zhangwei")
    (item,) = sent_back_on_project(db, "HZ-GL-001")
    assert item.corrected and item.answered
    record.finish_visit(db, visit.id)
    db.close()
    export_and_ingest(tmp_path, office, laptop_side)

    assert _rows(office, "SELECT rev FROM current WHERE id = ?", str(problem.id)) == [(office_rev + 1,)]
    assert _rows(office, "SELECT count(*) FROM conflicts") == [(0,)]
    assert _rows(office, "SELECT state FROM reviews WHERE id = ?", str(problem.id)) == [("received",)]
    assert _rows(office, "SELECT action FROM review_events WHERE id = ? ORDER BY seq DESC LIMIT 1",
                 str(problem.id)) == [("answered",)]


def test_the_inspectors_newer_local_work_is_kept_and_reaches_the_office_as_a_conflict(tmp_path, office,
                                                                                       laptop_side):
    visit, problem = _visit_with_problem(tmp_path, office, laptop_side)
    db = open_db(laptop_side.root / "inspector.db")
    record.reopen_visit(db, visit.id, "补充")
    mine = record.save_problem(db, visit.id, problem_id=problem.id, item=LIN_01, scenario="neighbourhood",
                               category="facility_idle", description="本地改写，未导出", severity="severe",
                               responsible_unit=None, deadline=None)
    db.close()
    office_rev = _office_revision(office, str(problem.id), description="办公室改写")
    assert office_rev == mine.rev  # the same number, other content: the office never saw the laptop's
    _send_back(office, "problem", str(problem.id), "请核实")
    laptop_side.run("load", str(assign(tmp_path, office, "a2.json")))

    db = open_db(laptop_side.root / "inspector.db")
    assert records.latest(db, Problem, problem.id).description == "本地改写，未导出"
    (item,) = sent_back_on_project(db, "HZ-GL-001")
    assert item.kept_local
    record.finish_visit(db, visit.id)
    db.close()
    export_and_ingest(tmp_path, office, laptop_side)
    kept = _rows(office, "SELECT data FROM conflicts WHERE id = ?", str(problem.id))
    assert [json.loads(data)["description"] for (data,) in kept] == ["本地改写，未导出"]


def test_answering_what_was_not_sent_back_or_with_nothing_is_refused(tmp_path, office, laptop_side):
    visit, problem = _visit_with_problem(tmp_path, office, laptop_side)
    db = open_db(laptop_side.root / "inspector.db")
    with pytest.raises(StoreError) as refused:
        answer(db, "problem", str(problem.id), "答复")
    assert refused.value.code == "not_sent_back"
    db.close()
    _send_back(office, "problem", str(problem.id), "请核实")
    laptop_side.run("load", str(assign(tmp_path, office, "a2.json")))
    db = open_db(laptop_side.root / "inspector.db")
    with pytest.raises(StoreError) as refused:
        answer(db, "problem", str(problem.id), "   ")
    assert refused.value.code == "reply_empty"
    first = answer(db, "problem", str(problem.id), "第一稿")
    again = answer(db, "problem", str(problem.id), "第二稿")  # not exported yet: the same revision, edited
    assert (again.id, again.rev) == (first.id, 1)
    assert db.conn.execute("SELECT count(*) FROM replies").fetchone() == (1,)
    db.close()


# -- what the laptop refuses in an assignment ----------------------------------------------------------------

def _assignment_with(entry: dict) -> str:
    data = F.assignment()
    data["sent_back"] = [entry]
    return json.dumps(data, ensure_ascii=False)


def _entry(**over) -> dict:
    problem = B.problem(author=F.assignment()["inspector"]["id"])
    entry = {"kind": "problem", "id": problem["id"], "rev": 1, "project_code": problem["project_code"],
             "record": problem, "comment": "请核实", "by": {"id": "ceshi", "name": "测试员"},
             "at": "2026-12-01T09:00:00+08:00"}
    entry.update(over)
    return entry


def test_an_assignment_without_sent_back_still_loads_and_a_good_entry_parses():
    assert parse_assignment(json.dumps(F.assignment(), ensure_ascii=False), "a.json").sent_back == []
    (entry,) = parse_assignment(_assignment_with(_entry()), "a.json").sent_back
    assert entry.kind == "problem" and entry.by.name == "测试员"


@pytest.mark.parametrize("change, said", [
    (lambda e: e["record"].update(author="lina"), "lina"),
    (lambda e: e.update(project_code="XX-NO-001"), "XX-NO-001"),
    (lambda e: e.update(rev=2), "rev 1"),
    (lambda e: e.update(comment=""), "comment"),
])
def test_an_entry_the_laptop_must_not_take_is_refused_naming_it(change, said):
    entry = _entry()
    change(entry)
    with pytest.raises(InputFileError) as refused:
        parse_assignment(_assignment_with(entry), "a.json")
    assert "sent_back[0]" in str(refused.value) and said in str(refused.value)


# -- the office's checks on a reply ---------------------------------------------------------------------------

@pytest.fixture
def staffed(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    office = B.make_office(tmp_path)
    with sqlite3.connect(office.db) as conn:
        conn.execute("INSERT INTO projects VALUES ('HZ-GL-001', '瓜沥七彩未来社区', 'hangzhou', ?, '2026-11-01')",
                     (json.dumps(F.project()),))
    assert office.ingest(office.file(office.bundle())).exit_code == 0
    return office


def _reply(target: str = "p1", kind: str = "problem", rev: int = 1) -> dict:
    return {**B._identity("r1", 1, B.INSPECTOR, B.DEVICE), "project_code": "HZ-GL-001", "target_kind": kind,
            "target_id": B.uid(target), "target_rev": rev, "text": "已核实"}


def _second(office, reply: dict):
    return office.file(office.bundle(records={"replies": [reply]}, photos=[], sequence=2, since=1), "second.zip")


def test_a_reply_to_a_record_never_sent_back_refuses_the_bundle_and_changes_nothing(staffed):
    before = staffed.dump()
    result = staffed.ingest(_second(staffed, _reply()))
    assert result.exit_code != 0 and "never sent" in result.output + (result.stderr or "")
    assert staffed.dump() == before


def test_a_reply_naming_a_revision_the_office_lacks_is_refused(staffed):
    db = open_office_db(staffed.db)
    (version,) = db.conn.execute("SELECT version FROM reviews WHERE kind = 'problem'").fetchone()
    set_state(db, [Seen("problem", B.uid("p1"), version)], "sent_back", by=STAFF, comment="请核实")
    db.close()
    before = staffed.dump()
    result = staffed.ingest(_second(staffed, _reply(rev=7)))
    assert result.exit_code != 0 and "revision answered" in result.output + (result.stderr or "")
    assert staffed.dump() == before
    result = staffed.ingest(_second(staffed, _reply()))
    assert result.exit_code == 0, result.output
    assert staffed.rows("SELECT state FROM reviews WHERE kind = 'problem'") == [("received",)]
    assert staffed.rows("SELECT action, comment FROM review_events WHERE kind = 'problem' ORDER BY seq DESC "
                        "LIMIT 1") == [("answered", "已核实")]
