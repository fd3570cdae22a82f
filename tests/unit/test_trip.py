"""The whole trip, through the commands people run: the office assigns, the
laptop loads and records a visit, exports; the office ingests and issues a
receipt; the laptop loads it and the next export carries only what is new;
the next round re-checks the problem found, and the verdict merges cleanly."""

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
from inspector.store import open_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


class Side:
    """One machine: its data folder and database, and a way to run commands there."""

    def __init__(self, root: Path, db_flag: list[str]) -> None:
        self.root = root
        self.db_flag = db_flag

    def run(self, *args: str):
        result = CliRunner().invoke(cli, ["--lang", "en", *self.db_flag, *args], catch_exceptions=False,
                                    env={"INSPECTOR_DATA_DIR": str(self.root)})
        assert result.exit_code == 0, f"{args}: {result.output}{result.stderr}"
        return result.output


@pytest.fixture
def office(tmp_path) -> Side:
    side = Side(tmp_path / "office", [])
    side.run("office", "init")
    side.run("office", "users", "add", "--id", "ceshi", "--name", "测试员")
    projects = tmp_path / "projects.json"
    projects.write_text(json.dumps([factories.project(), factories.project(
        "NB-YZ-001", "划船未来社区", city="ningbo", district="鄞州区")], ensure_ascii=False), encoding="utf-8")
    template = tmp_path / "zj-problem.json"
    template.write_text(json.dumps(factories.template(), ensure_ascii=False), encoding="utf-8")
    side.run("office", "projects", "import", str(projects))
    side.run("office", "templates", "import", str(template))
    return side


@pytest.fixture
def laptop_side(tmp_path) -> Side:
    side = Side(tmp_path / "laptop", ["--db", str(tmp_path / "laptop" / "inspector.db")])
    side.run("identity", "init", "--id", "zhangwei", "--name", "张伟")
    return side


def office_rows(office: Side, sql: str) -> list[tuple]:
    conn = sqlite3.connect(office.root / "office.db")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def bundle_records(path: Path) -> dict[str, list[dict]]:
    """The records of a bundle written to tmp/usb, opened with the key of the trip's office (tmp/office)."""
    from support import plain_bundle

    with zipfile.ZipFile(plain_bundle(path, path.parent.parent / "office" / "office-identity")) as archive:
        return {
            name[len("records/"):-len(".jsonl")]: [json.loads(line) for line in archive.read(name).splitlines()]
            for name in archive.namelist() if name.startswith("records/")
        }


def written(output: str) -> Path:
    return Path(next(word.rstrip(":") for word in output.split() if word.rstrip(":").endswith((".zip", ".zip.age"))))


def receipt_of(output: str) -> Path:
    words = output.replace("(", " ").replace(")", " ").split()
    return Path(next(w.rstrip(":.,;") for w in words if w.rstrip(":.,;").endswith(".json")))


def test_assign_load_visit_export_ingest_receipt_and_only_the_new(tmp_path, office, laptop_side):
    # the office enrols the inspector and assigns round 2
    me = load_identity(laptop_side.root / "identity")
    office.run("office", "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", me.public_key_text)
    out = tmp_path / "assignment-r2.json"
    office.run("office", "assign", "--inspector", "zhangwei", "--round", "R2026-2", "--round-name", "第二轮",
               "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(out))

    # the laptop loads it (pinning the office's key) and records a visit
    loaded = laptop_side.run("load", str(out))
    office_key = load_identity(office.root / "office-identity")
    assert office_key.fingerprint in loaded
    db = open_db(laptop_side.root / "inspector.db")
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    record.save_answer(db, visit.id, LIN_01, value="fail", note="活动室大门紧锁")
    record.save_answer(db, visit.id, LIN_02, value="running")
    problem = record.save_problem(
        db, visit.id, item=LIN_01, scenario="neighbourhood", category="facility_idle",
        description="邻里活动室长期闲置", severity="major", responsible_unit="瓜沥镇", deadline=None,
    )
    db.close()

    # export, ingest, receipt
    first = written(laptop_side.run("export", "-o", str(tmp_path / "usb")))
    ingested = office.run("office", "ingest", str(first))
    assert office_rows(office, "SELECT count(*) FROM records") == [(4,)]
    assert office_rows(office, "SELECT count(*) FROM conflicts") == [(0,)]
    assert "already" in office.run("office", "ingest", str(first)).lower()  # the same bundle twice
    assert office_rows(office, "SELECT count(*) FROM records") == [(4,)]
    laptop_side.run("load", str(receipt_of(ingested)))

    # only what is new goes in the next bundle
    assert "Nothing new" in laptop_side.run("export", "-o", str(tmp_path / "usb"))
    db = open_db(laptop_side.root / "inspector.db")
    edited = record.save_answer(db, visit.id, LIN_02, note="积分兑换点每周开放两次")
    finished = record.finish_visit(db, visit.id)
    db.close()
    second = written(laptop_side.run("export", "-o", str(tmp_path / "usb")))
    records = bundle_records(second)
    assert sorted((r["id"], r["rev"]) for kind in records.values() for r in kind) == sorted(
        [(str(edited.id), 2), (str(visit.id), finished.rev)])
    ingested = office.run("office", "ingest", str(second))
    laptop_side.run("load", str(receipt_of(ingested)))
    assert office_rows(office, f"SELECT rev FROM current WHERE id = '{edited.id}'") == [(2,)]
    status = office.run("office", "status")
    assert "zhangwei" in status

    # round 3 re-checks the problem found in round 2; the verdict merges without conflict
    out3 = tmp_path / "assignment-r3.json"
    assigned = office.run("office", "assign", "--inspector", "zhangwei", "--round", "R2026-3", "--round-name",
                          "第三轮", "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(out3))
    assert "1" in assigned
    laptop_side.run("load", str(out3))
    db = open_db(laptop_side.root / "inspector.db")
    recheck = record.start_visit(db, "HZ-GL-001", date(2026, 12, 20), ["张伟"])
    follow_up, judged = record.give_verdict(db, recheck.id, problem.id, verdict="rectified", note="已开放使用")
    db.close()
    third = written(laptop_side.run("export", "-o", str(tmp_path / "usb")))
    kinds = {kind: len(rows) for kind, rows in bundle_records(third).items() if rows}
    assert kinds == {"visits": 1, "problems": 1, "follow_ups": 1}
    office.run("office", "ingest", str(third))
    assert office_rows(office, "SELECT count(*) FROM conflicts") == [(0,)]
    assert office_rows(office, f"SELECT rev FROM current WHERE id = '{problem.id}'") == [(judged.rev,)]
    status = json.loads(office_rows(office, f"SELECT data FROM records WHERE id = '{problem.id}' "
                                            f"AND rev = {judged.rev}")[0][0])["status"]
    assert status == judged.status


def test_an_assignment_from_another_office_is_refused_after_pinning(tmp_path, office, laptop_side):
    me = load_identity(laptop_side.root / "identity")
    office.run("office", "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", me.public_key_text)
    out = tmp_path / "a.json"
    office.run("office", "assign", "--inspector", "zhangwei", "--round", "R1", "--round-name", "第一轮",
               "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(out))
    laptop_side.run("load", str(out))
    other = Side(tmp_path / "other-office", [])
    other.run("office", "init")
    other.run("office", "users", "add", "--id", "ceshi", "--name", "测试员")
    result = CliRunner().invoke(cli, ["--lang", "en", *laptop_side.db_flag, "load",
                                      str(FIXTURES / "assignment.json")],
                                env={"INSPECTOR_DATA_DIR": str(laptop_side.root)})
    assert result.exit_code == 2 and "trusts" in result.stderr


def _inspector(tmp_path: Path, office: Side, who: str, name: str) -> Side:
    """A laptop with its own identity, enrolled at the office."""
    side = Side(tmp_path / who, ["--db", str(tmp_path / who / "inspector.db")])
    side.run("identity", "init", "--id", who, "--name", name)
    office.run("office", "enrol", "--id", who, "--name", name, "--public-key",
               load_identity(side.root / "identity").public_key_text)
    return side


def _assign(tmp_path: Path, office: Side, who: str, round_id: str) -> tuple[Path, str]:
    out = tmp_path / f"assignment-{who}-{round_id}.json"
    said = office.run("office", "assign", "--inspector", who, "--round", round_id, "--round-name", round_id,
                      "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(out))
    return out, said


def _export_and_ingest(tmp_path: Path, office: Side, side: Side) -> str:
    said = office.run("office", "ingest", str(written(side.run("export", "-o", str(tmp_path / "usb")))))
    side.run("load", str(receipt_of(said)))
    return said


def test_two_verdicts_on_one_problem_the_next_assignment_leaves_it_out_for_the_one_in_conflict(tmp_path, office):
    wang, zhangwei, lina = (_inspector(tmp_path, office, who, name)
                            for who, name in (("wang", "王"), ("zhangwei", "张伟"), ("lina", "李娜")))
    # round 1: wang finds a problem
    wang.run("load", str(_assign(tmp_path, office, "wang", "R1")[0]))
    db = open_db(wang.root / "inspector.db")
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["王"])
    problem = record.save_problem(db, visit.id, item=LIN_01, scenario="neighbourhood", category="facility_idle",
                                  description="邻里活动室长期闲置", severity="major", responsible_unit="瓜沥镇",
                                  deadline=None)
    db.close()
    _export_and_ingest(tmp_path, office, wang)
    # round 2: zhangwei and lina both re-check it, and judge differently
    for side, who in ((zhangwei, "zhangwei"), (lina, "lina")):
        side.run("load", str(_assign(tmp_path, office, who, "R2")[0]))
    for side, who, verdict in ((zhangwei, "zhangwei", "partly_rectified"), (lina, "lina", "rectified")):
        db = open_db(side.root / "inspector.db")
        recheck = record.start_visit(db, "HZ-GL-001", date(2026, 12, 20), [who])
        record.give_verdict(db, recheck.id, problem.id, verdict=verdict, note=who)
        db.close()
        _export_and_ingest(tmp_path, office, side)
    assert office_rows(office, "SELECT author, rev FROM conflicts WHERE kind = 'problem'") == [("lina", 2)]

    # round 3: lina's laptop holds her own revision 2, which the office's current revision 2 is not
    out, said = _assign(tmp_path, office, "lina", "R3")
    assert f"Problem {problem.id} (HZ-GL-001) left out: lina's own revision 2 of it differs" in said
    assert "0 problems to re-check" in said and "1 problems to re-check left out" in said
    assert "Loaded assignment R3-lina" in lina.run("load", str(out))
    # zhangwei, whose verdict is the office's, gets it as usual
    out, said = _assign(tmp_path, office, "zhangwei", "R3")
    assert "1 problems to re-check" in said and "left out" not in said
    zhangwei.run("load", str(out))


def _visit_then_answer(tmp_path: Path, office: Side, side: Side, on: date) -> list[str]:
    """A visit (one bundle), then an answer on it (the next bundle): what the office said of each."""
    db = open_db(side.root / "inspector.db")
    visit = record.start_visit(db, "HZ-GL-001", on, ["张伟"])
    db.close()
    said = [_export_and_ingest(tmp_path, office, side)]
    db = open_db(side.root / "inspector.db")
    record.save_answer(db, visit.id, LIN_02, value="running")
    db.close()
    return said + [_export_and_ingest(tmp_path, office, side)]


def test_a_reset_laptop_numbers_its_bundles_from_1_again_and_they_go_in(tmp_path, office, laptop_side):
    me = load_identity(laptop_side.root / "identity")
    office.run("office", "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", me.public_key_text)
    laptop_side.run("load", str(_assign(tmp_path, office, "zhangwei", "R2")[0]))
    _visit_then_answer(tmp_path, office, laptop_side, date(2026, 11, 27))
    # the laptop is wiped: a new key and database (so a new device); the office enrols the new key
    fresh = Side(tmp_path / "reset", ["--db", str(tmp_path / "reset" / "inspector.db")])
    fresh.run("identity", "init", "--id", "zhangwei", "--name", "张伟")
    office.run("office", "enrol", "--id", "zhangwei", "--name", "张伟", "--replace", "--public-key",
               load_identity(fresh.root / "identity").public_key_text)
    fresh.run("load", str(_assign(tmp_path, office, "zhangwei", "R3")[0]))
    said = _visit_then_answer(tmp_path, office, fresh, date(2026, 12, 1))
    assert "applied bundle 1 of zhangwei" in said[0] and "applied bundle 2 of zhangwei" in said[1]
    assert office_rows(office, "SELECT count(DISTINCT device), count(*) FROM bundles") == [(2, 4)]
    status = office.run("office", "status")
    assert len([line for line in status.splitlines() if line.startswith("zhangwei")]) == 2
