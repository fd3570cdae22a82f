"""A conflict kept at ingest, shown field by field and resolved into a new
office revision that becomes current; the next assignment carries it and
the inspector's laptop takes it."""

from __future__ import annotations

import json
from datetime import date

import pytest

import bundles as B
from inspector.office.assigning import _open_problems
from inspector.office.db import open_office_db
from inspector.office.review import ReviewRefused
from inspector.office.review.conflicts import ALL, conflict_view, open_conflicts, resolve
from inspector.office.review.edits import edit_record
from inspector.office.review.states import Seen, set_state
from review_office import office_with_round
from support import STAFF as _STAFF

STAFF = _STAFF[0]
PROBLEM = B.uid("p1")


@pytest.fixture
def office(tmp_path):
    """The office reworded the problem (its revision 2) while the inspector,
    unaware, made their own revision 2 of it: kept as a conflict."""
    office = office_with_round(tmp_path)
    db = open_office_db(office.db)
    edit_record(db, "problem", PROBLEM, {"description": "活动室长期闲置（办公室核实）"}, by=STAFF, reason="措辞",
                seen_rev=1)
    db.close()
    records = {"problems": [B.problem(rev=2, base_rev=1, severity="severe", responsible_unit="瓜沥镇社区办")]}
    result = office.ingest(office.file(office.bundle(records=records, photos=[], sequence=2, since=1), "2.zip"))
    assert result.exit_code == 0, result.output
    assert office.rows("SELECT kind, rev, author FROM conflicts") == [("problem", 2, "zhangwei")]
    return office


def test_the_conflict_is_shown_field_by_field_with_the_common_base(office):
    db = open_office_db(office.db)
    (kept,) = open_conflicts(db)
    assert (kept.kind, kept.id, kept.author, kept.rev, kept.office_rev, kept.project_code) == (
        "problem", PROBLEM, "zhangwei", 2, 2, "HZ-GL-001")
    view = conflict_view(db, "problem", PROBLEM)
    assert (view.inspector_rev, view.office_rev, view.base_rev) == (2, 2, 1)
    rows = {row.field: row for row in view.rows}
    assert set(view.differing) == {"description", "severity", "responsible_unit"}
    assert (rows["severity"].inspector, rows["severity"].office, rows["severity"].base) == ("severe", "major", "major")
    assert rows["description"].office == "活动室长期闲置（办公室核实）"
    assert rows["description"].inspector == rows["description"].base
    assert not rows["category"].differs


def test_resolving_field_by_field_makes_a_new_current_office_revision(office):
    db = open_office_db(office.db)
    set_state(db, [Seen("problem", PROBLEM, office.rows("SELECT version FROM reviews WHERE kind = 'problem'")[0][0])],
              "confirmed", by=STAFF)
    # before: the next assignment leaves the problem out for zhangwei
    assert [left.rev for left in _open_problems(db, ["HZ-GL-001"], "zhangwei")[1]] == [2]
    done = resolve(db, "problem", PROBLEM, {"severity": "inspector", "description": "office",
                                            "responsible_unit": "瓜沥镇"},
                   by=STAFF, reason="严重程度以现场为准", seen_rev=2, inspector_rev=2)
    assert (done.rev, done.office_rev, done.inspector_rev, done.state) == (3, 2, 2, "received")
    data = json.loads(office.rows("SELECT data FROM records WHERE kind = 'problem' AND rev = 3")[0][0])
    assert (data["severity"], data["description"], data["responsible_unit"], data["author"], data["base_rev"]) == (
        "severe", "活动室长期闲置（办公室核实）", "瓜沥镇", "office:ceshi", 2)
    assert office.rows("SELECT rev FROM current WHERE kind = 'problem'") == [(3,)]
    assert office.rows("SELECT resolved_by, resolution_rev FROM conflicts") == [(STAFF, 3)]
    assert open_conflicts(db) == []
    # someone confirms the merged content; the ledger number stays
    assert office.rows("SELECT state, rev FROM reviews WHERE kind = 'problem'") == [("received", 3)]
    ((detail,),) = office.rows("SELECT detail FROM audit_log WHERE action = 'conflict.resolve'")
    assert json.loads(detail) == {"merges": {"office": 2, "inspector": 2, "author": "zhangwei"}, "rev": 3,
                                  "fields": {"severity": "inspector", "description": "office",
                                             "responsible_unit": "value"}}
    assert office.rows("SELECT action FROM review_events WHERE kind = 'problem' ORDER BY seq")[-1] == ("resolved",)
    # after: the next assignment carries the office's revision 3
    problems, left_out = _open_problems(db, ["HZ-GL-001"], "zhangwei")
    assert left_out == [] and [(str(p.id), p.rev) for p in problems] == [(PROBLEM, 3)]


def test_taking_the_office_side_keeps_a_confirmed_record_confirmed(office):
    db = open_office_db(office.db)
    version = office.rows("SELECT version FROM reviews WHERE kind = 'problem'")[0][0]
    set_state(db, [Seen("problem", PROBLEM, version)], "confirmed", by=STAFF)
    done = resolve(db, "problem", PROBLEM, {ALL: "office"}, by=STAFF, reason="以办公室核实为准", seen_rev=2)
    assert done.state == "confirmed"
    assert office.rows("SELECT state FROM reviews WHERE kind = 'problem'") == [("confirmed",)]


def test_refusals_change_nothing(office):
    db = open_office_db(office.db)
    before = office.dump()
    for choices, kwargs, code in (
        ({"severity": "inspector"}, {}, "choose"),  # description and responsible_unit not chosen
        ({ALL: "office"}, {"reason": " "}, "reason_needed"),
        ({ALL: "office"}, {"seen_rev": 1}, "conflict_stale"),
        ({ALL: "office"}, {"inspector_rev": 1}, "conflict_stale"),
        ({ALL: "theirs"}, {}, "bad_side"),
        ({ALL: "office", "colour": "inspector"}, {}, "not_a_field"),
        ({ALL: "office", "severity": "awful"}, {}, "bad_value"),
    ):
        arguments = {"by": STAFF, "reason": "理由", "seen_rev": 2, **kwargs}
        with pytest.raises(ReviewRefused) as refused:
            resolve(db, "problem", PROBLEM, choices, **arguments)
        assert refused.value.code == code, choices
        assert office.dump() == before
    with pytest.raises(ReviewRefused) as refused:
        conflict_view(db, "visit", B.uid("v1"))
    assert refused.value.code == "no_conflict"


# -- end to end: two inspectors judged one problem differently ------------------------------


def test_a_resolved_problem_goes_into_the_next_assignment_and_the_laptop_takes_it(tmp_path):
    import test_trip as T
    from laptop import LIN_01

    from inspector.inspection import record
    from inspector.store import open_db

    office = T.Side(tmp_path / "office", [])
    office.run("office", "init")
    office.run("office", "users", "add", "--id", "ceshi", "--name", "测试员")
    import factories

    projects = tmp_path / "projects.json"
    projects.write_text(json.dumps([factories.project()], ensure_ascii=False), encoding="utf-8")
    template = tmp_path / "zj-problem.json"
    template.write_text(json.dumps(factories.template(), ensure_ascii=False), encoding="utf-8")
    office.run("office", "projects", "import", str(projects))
    office.run("office", "templates", "import", str(template))
    wang, zhangwei, lina = (T._inspector(tmp_path, office, who, name)
                            for who, name in (("wang", "王"), ("zhangwei", "张伟"), ("lina", "李娜")))
    wang.run("load", str(T._assign(tmp_path, office, "wang", "R1")[0]))
    db = open_db(wang.root / "inspector.db")
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["王"])
    problem = record.save_problem(db, visit.id, item=LIN_01, scenario="neighbourhood", category="facility_idle",
                                  description="邻里活动室长期闲置", severity="major", responsible_unit="瓜沥镇",
                                  deadline=None)
    db.close()
    T._export_and_ingest(tmp_path, office, wang)
    for side, who in ((zhangwei, "zhangwei"), (lina, "lina")):
        side.run("load", str(T._assign(tmp_path, office, who, "R2")[0]))
    for side, who, verdict in ((zhangwei, "zhangwei", "partly_rectified"), (lina, "lina", "rectified")):
        db = open_db(side.root / "inspector.db")
        recheck = record.start_visit(db, "HZ-GL-001", date(2026, 12, 20), [who])
        record.give_verdict(db, recheck.id, problem.id, verdict=verdict, note=who)
        db.close()
        T._export_and_ingest(tmp_path, office, side)
    assert "left out" in T._assign(tmp_path, office, "lina", "R3")[1]

    # the office keeps zhangwei's verdict (partly rectified: to re-check again) over lina's
    shown = office.run("office", "conflicts", "show", str(problem.id)[:8])
    assert "status" in shown and "lina" in shown
    office.run("office", "conflicts", "resolve", str(problem.id)[:8], "--all", "office",
               "--reason", "复查照片显示仅部分整改")
    out, said = T._assign(tmp_path, office, "lina", "R3b")
    assert "left out" not in said and "1 problems to re-check" in said
    assert "Loaded assignment R3b-lina" in lina.run("load", str(out))
    conn = open_db(lina.root / "inspector.db").conn
    revs = [rev for (rev,) in conn.execute("SELECT rev FROM problems WHERE id = ? ORDER BY rev", (str(problem.id),))]
    assert revs[-1] == 3 and 2 in revs  # hers stays; the office's is above it
    out, said = T._assign(tmp_path, office, "zhangwei", "R3")
    assert "Loaded assignment" in zhangwei.run("load", str(out))
