"""A received record in full: fields, the item and answer it came from, its
photos, revisions side by side, history and conflicts."""

from __future__ import annotations

import json
import sqlite3

import pytest

import bundles as B
import factories as F
from conftest import FIXTURES
from inspector.checklists import versions
from inspector.models import ChecklistTemplate
from inspector.office.db import open_office_db
from inspector.office.review import queue as Q
from inspector.office.review.detail import NotFound, record_detail
from inspector.office.review.states import Seen, comment, set_state
from support import STAFF as _STAFF

STAFF = _STAFF[0]
ITEM = {"template": "zj-problem", "version": 1, "item": "party.center"}


def records() -> dict:
    out = B.sample_records()
    out["answers"] = [B.answer(item=ITEM, note="中心周末不开放")]
    out["problems"] = [B.problem(item=ITEM)]
    out["photos"] = [B.photo(), B.photo("ph2", data=B.photo_bytes(1), attached_to={"kind": "problem", "id": B.uid("p1")},
                                        caption="大门")]
    return out


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    office = B.make_office(tmp_path)
    db = open_office_db(office.db)
    template = ChecklistTemplate.model_validate_json(
        (FIXTURES / "templates" / "problem-checklist.v1.json").read_text(encoding="utf-8"))
    versions.import_draft(db, template, by=STAFF)
    versions.publish(db, "zj-problem", "首版", by=STAFF)
    db.close()
    with sqlite3.connect(office.db) as conn:
        conn.execute("INSERT INTO projects VALUES (?, ?, ?, ?, '2026-11-01')",
                     ("HZ-GL-001", "瓜沥七彩未来社区", "hangzhou", json.dumps(F.project("HZ-GL-001", "瓜沥七彩未来社区"))))
    result = office.ingest(office.file(office.bundle(records=records(), photos=[B.photo_bytes(), B.photo_bytes(1)])))
    assert result.exit_code == 0, result.output
    return office


def test_a_problem_in_full(office):
    db = open_office_db(office.db)
    detail = record_detail(db, "problem", B.uid("p1"))
    fields = dict(detail.fields)
    assert fields["description"] == B.problem()["description"] and fields["severity"] == "major"
    assert "id" not in fields and dict(detail.identity)["author"] == "zhangwei"
    assert (detail.project_name, detail.city, detail.author_name) == ("瓜沥七彩未来社区", "hangzhou", "张伟")
    assert detail.state == "received" and detail.version == 1
    assert detail.source.prompt.startswith("社区党群服务中心")
    assert detail.source.answer["note"] == "中心周末不开放"
    assert detail.visit["date"] == "2026-11-27"
    # the problem's own photo and the answer's, each with its file in the office's store
    assert sorted(p.attached_to for p in detail.photos) == ["answer", "problem"]
    assert all(p.path is not None and p.path.is_file() for p in detail.photos)
    assert [r.rev for r in detail.revisions] == [1] and detail.revisions[0].current


def test_revisions_side_by_side_and_history(office):
    db = open_office_db(office.db)
    (row,) = [r for r in Q.load(db) if r.kind == "problem"]
    set_state(db, [Seen("problem", row.id, row.version)], "sent_back", by=STAFF, comment="请补充照片")
    bundle = office.bundle(records={"problems": [B.problem(rev=2, base_rev=1, item=ITEM, description="补充了说明",
                                                            severity="severe")]},
                           photos=[], sequence=2, since=1)
    assert office.ingest(office.file(bundle, "b2.zip")).exit_code == 0
    (row,) = [r for r in Q.load(db) if r.kind == "problem"]
    comment(db, Seen("problem", row.id, row.version), "已核对", by=STAFF)
    detail = record_detail(db, "problem", B.uid("p1"))
    assert [(r.rev, r.current) for r in detail.revisions] == [(1, False), (2, True)]
    changed = {f: (old, new) for f, old, new in detail.revisions[1].changes}
    assert changed == {"description": (B.problem()["description"], "补充了说明"), "severity": ("major", "severe")}
    assert detail.revisions[1].author_name == "张伟"
    assert [(e.action, e.state, e.comment) for e in detail.history] == [
        ("received", "received", None), ("state", "sent_back", "请补充照片"), ("answered", "received", None),
        ("comment", None, "已核对")]
    assert detail.history[1].by_name == _STAFF[1]


def test_a_confirmed_problem_shows_its_ledger_steps(office):
    db = open_office_db(office.db)
    (row,) = [r for r in Q.load(db) if r.kind == "problem"]
    set_state(db, [Seen("problem", row.id, row.version)], "confirmed", by=STAFF)
    detail = record_detail(db, "problem", B.uid("p1"))
    assert detail.ledger["number"] == "2026-2-HZ-001" and detail.ledger["status"] == "pending"
    assert [(e.source, e.action) for e in detail.history] == [
        ("review", "received"), ("review", "state"), ("ledger", "open")]


def test_a_visit_and_a_verdict(office):
    db = open_office_db(office.db)
    visit = record_detail(db, "visit", B.uid("v1"))
    assert visit.counts == {"answer": 1, "problem": 1, "innovation": 1, "follow_up": 1, "photo": 2}
    assert len(visit.photos) == 2 and visit.visit is None
    verdict = record_detail(db, "follow_up", B.uid("f1"))
    assert verdict.problem["description"] == B.problem()["description"]
    assert dict(verdict.fields)["verdict"] == "rectified"
    with pytest.raises(NotFound):
        record_detail(db, "problem", B.uid("nothing"))
