"""Sent back to the field (issue 11 item 4), end to end through the commands
people run: the office sends a problem back with a question, the next
assignment carries it, the laptop loads it and the inspector answers, the
answer goes out in the next bundle and reopens review at the office, with the
inspector's words in the record's history."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import factories
from laptop import LIN_01, LIN_02

from inspector.cli import cli
from inspector.identity import load_identity
from inspector.inspection import record
from inspector.inspection.sentback import answer
from inspector.office.db import open_office_db
from inspector.office.review.states import Seen, set_state
from inspector.store import open_db
from inspector.store.sentback import sent_back_on_project, sent_back_on_visit


class Side:
    def __init__(self, root: Path, db_flag: list[str]) -> None:
        self.root = root
        self.db_flag = db_flag

    def run(self, *args: str) -> str:
        result = CliRunner().invoke(cli, ["--lang", "en", *self.db_flag, *args], catch_exceptions=False,
                                    env={"INSPECTOR_DATA_DIR": str(self.root)})
        assert result.exit_code == 0, f"{args}: {result.output}{result.stderr}"
        return result.output


def written(output: str) -> Path:
    return Path(next(word.rstrip(":") for word in output.split() if word.rstrip(":").endswith((".zip", ".zip.age"))))


def receipt_of(output: str) -> Path:
    words = output.replace("(", " ").replace(")", " ").split()
    return Path(next(w.rstrip(":.,;") for w in words if w.rstrip(":.,;").endswith(".json")))


def rows(office: Side, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(office.root / "office.db")
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def office(tmp_path) -> Side:
    side = Side(tmp_path / "office", [])
    side.run("office", "init")
    side.run("office", "users", "add", "--id", "ceshi", "--name", "测试员")
    projects = tmp_path / "projects.json"
    projects.write_text(json.dumps([factories.project()], ensure_ascii=False), encoding="utf-8")
    template = tmp_path / "zj-problem.json"
    template.write_text(json.dumps(factories.template(), ensure_ascii=False), encoding="utf-8")
    side.run("office", "projects", "import", str(projects))
    side.run("office", "templates", "import", str(template))
    return side


@pytest.fixture
def laptop_side(tmp_path, office) -> Side:
    side = Side(tmp_path / "laptop", ["--db", str(tmp_path / "laptop" / "inspector.db")])
    side.run("identity", "init", "--id", "zhangwei", "--name", "张伟")
    office.run("office", "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key",
               load_identity(side.root / "identity").public_key_text)
    return side


def assign(tmp_path: Path, office: Side, name: str) -> Path:
    out = tmp_path / name
    assign.said = office.run("office", "assign", "--inspector", "zhangwei", "--round", "R2026-2", "--round-name", "第二轮",
               "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(out))
    return out


def export_and_ingest(tmp_path: Path, office: Side, laptop: Side) -> Path:
    bundle = written(laptop.run("export", "-o", str(tmp_path / "usb")))
    laptop.run("load", str(receipt_of(office.run("office", "ingest", str(bundle)))))
    return bundle


def test_sent_back_answered_on_the_laptop_reopens_review_at_the_office(tmp_path, office, laptop_side):
    laptop_side.run("load", str(assign(tmp_path, office, "a1.json")))
    db = open_db(laptop_side.root / "inspector.db")
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    record.save_answer(db, visit.id, LIN_01, value="fail", note="活动室大门紧锁")
    record.save_answer(db, visit.id, LIN_02, value="running")
    problem = record.save_problem(
        db, visit.id, item=LIN_01, scenario="neighbourhood", category="facility_idle",
        description="邻里活动室长期闲置", severity="major", responsible_unit=None, deadline=None)
    record.finish_visit(db, visit.id)
    db.close()
    export_and_ingest(tmp_path, office, laptop_side)

    # the office sends the problem back with a question
    odb = open_office_db(office.root / "office.db")
    (version,) = odb.conn.execute("SELECT version FROM reviews WHERE kind = 'problem' AND id = ?",
                                  (str(problem.id),)).fetchone()
    set_state(odb, [Seen("problem", str(problem.id), version)], "sent_back", by="ceshi",
              comment="请写明责任单位")
    odb.close()

    # the next assignment carries it, with the office's revision, its question and who asked
    again = assign(tmp_path, office, "a2.json")
    assert "including 1 records the office sent back" in assign.said
    payload = json.loads(json.loads(again.read_text(encoding="utf-8"))["payload"])
    (entry,) = payload["sent_back"]
    assert (entry["kind"], entry["id"], entry["comment"]) == ("problem", str(problem.id), "请写明责任单位")
    assert entry["by"] == {"id": "ceshi", "name": "测试员"} and entry["record"]["description"] == "邻里活动室长期闲置"

    # the laptop shows it on the project and in the visit; the inspector answers
    assert "The office sent back 1 records" in laptop_side.run("load", str(again))
    db = open_db(laptop_side.root / "inspector.db")
    (item,) = sent_back_on_project(db, "HZ-GL-001")
    assert (item.comment, item.by_name, item.answered) == ("请写明责任单位", "测试员", False)
    assert [i.record_id for i in sent_back_on_visit(db, str(visit.id))] == [str(problem.id)]
    answer(db, "problem", str(problem.id), "责任单位为瓜沥镇人民政府")
    assert sent_back_on_project(db, "HZ-GL-001")[0].reply == "责任单位为瓜沥镇人民政府"
    db.close()

    # export: the answer travels; ingest: review reopens with the answer in the history
    bundle = export_and_ingest(tmp_path, office, laptop_side)
    from support import plain_bundle

    with zipfile.ZipFile(plain_bundle(bundle, tmp_path / "office" / "office-identity")) as archive:
        replies = [json.loads(line) for line in archive.read("records/replies.jsonl").splitlines()]
    assert [(r["target_id"], r["text"]) for r in replies] == [(str(problem.id), "责任单位为瓜沥镇人民政府")]
    assert rows(office, "SELECT state FROM reviews WHERE kind = 'problem' AND id = ?", str(problem.id)) == [
        ("received",)]
    history = rows(office, "SELECT action, state, comment FROM review_events WHERE kind = 'problem' AND id = ? "
                           "ORDER BY seq", str(problem.id))
    assert history[-2:] == [("state", "sent_back", "请写明责任单位"),
                            ("answered", "received", "责任单位为瓜沥镇人民政府")]
    # answered, it is no longer sent back: the next assignment does not carry it
    payload = json.loads(json.loads(assign(tmp_path, office, "a3.json").read_text(encoding="utf-8"))["payload"])
    assert payload["sent_back"] == []
