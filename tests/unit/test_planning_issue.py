"""Issuing a round plan (issue 11, item 9): `office round plan` then
`office assign --plan`: one signed assignment per inspector, the whole plan
checked before the first is issued, a stop midway said exactly."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import factories
from inspector.cli import cli
from inspector.identity import open_document
from support import office

ZHANGWEI_KEY = office("laptop-zhangwei").public_key_text
LINA_KEY = office("laptop-lina").public_key_text
HEADER = "轮次,督导员,项目编号,项目名称,城市,理由,备注"
ISSUE = ("assign", "--plan", "plan.csv", "--round-name", "2026年第三轮督导", "--template", "zj-problem")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "office-data"))
    monkeypatch.chdir(tmp_path)

    def run(*args: str, lang: str = "zh"):
        return CliRunner().invoke(cli, ["--lang", lang, "office", *args], catch_exceptions=False)

    assert run("init").exit_code == 0
    assert run("users", "add", "--id", "ceshi", "--name", "测试员").exit_code == 0
    assert run("enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", ZHANGWEI_KEY,
               "--home-city", "杭州").exit_code == 0
    assert run("enrol", "--id", "lina", "--name", "李娜", "--public-key", LINA_KEY,
               "--home-city", "ningbo").exit_code == 0
    projects = [factories.project(), factories.project("NB-YZ-001", "划船未来社区", city="ningbo", district="鄞州区"),
                factories.project("HZ-XS-002", "萧山某未来社区", households=3200)]
    (tmp_path / "projects.json").write_text(json.dumps(projects, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "t.json").write_text(json.dumps(factories.template(), ensure_ascii=False), encoding="utf-8")
    assert run("projects", "import", str(tmp_path / "projects.json")).exit_code == 0
    assert run("templates", "import", str(tmp_path / "t.json")).exit_code == 0
    run.db = tmp_path / "office-data" / "office.db"
    run.dir = tmp_path
    return run


def assignment(path: Path) -> dict:
    return json.loads(open_document(path.read_text(encoding="utf-8"), "assignment").payload)


def test_plan_then_issue_it(desk, tmp_path):
    planned = desk("round", "plan", "R2026-3", "-o", "plan.csv")
    assert planned.exit_code == 0, planned.output
    issued = desk(*ISSUE)
    assert issued.exit_code == 0, issued.output
    zhangwei = assignment(tmp_path / "assignment-zhangwei-R2026-3.json")
    lina = assignment(tmp_path / "assignment-lina-R2026-3.json")
    assert [p["code"] for p in zhangwei["projects"]] == ["NB-YZ-001"]
    assert sorted(p["code"] for p in lina["projects"]) == ["HZ-GL-001", "HZ-XS-002"]
    assert zhangwei["round"] == {"id": "R2026-3", "name": "2026年第三轮督导"}
    assert "已按计划下发 R2026-3 轮任务 2 份" in issued.output
    assert rows(desk.db, "SELECT inspector_id, round_id FROM assignments ORDER BY inspector_id") == [
        ("lina", "R2026-3"), ("zhangwei", "R2026-3")]
    actions = [a for (a,) in rows(desk.db, "SELECT action FROM audit_log ORDER BY seq")]
    assert actions[-4:] == ["plan.write", "assignment.issue", "assignment.issue", "plan.issue"]


def test_an_edited_plan_with_an_unplaced_row(desk, tmp_path):
    (tmp_path / "plan.csv").write_text(
        HEADER + "\nR2026-3,zhangwei,NB-YZ-001,,,,\nR2026-3,,HZ-XS-002,,,,\n", encoding="gb18030")
    issued = desk(*ISSUE, lang="en")
    assert issued.exit_code == 0, issued.output
    assert "no inspector and were not issued: HZ-XS-002" in issued.output
    assert rows(desk.db, "SELECT inspector_id FROM assignments") == [("zhangwei",)]


@pytest.mark.parametrize("body, extra, fragment", [
    ("R2026-3,lina,HZ-GL-001,,,,\nR2026-3,zhangwei,HZ-XS-002,,,,", (), "第 3 行（HZ-XS-002）：督导员列：督导员 zhangwei 常住杭州"),
    ("R2026-3,lina,HZ-GL-001,,,,\nR2026-3,zhangwei,HZ-GL-001,,,,", (), "已在第 2 行出现"),
    ("R2026-3,lina,HZ-GL-001,,,,", ("--round", "R2026-4"), "R2026-3"),
    ("R2026-3,lina,HZ-GL-001,,,,", ("--inspector", "lina"), "--plan"),
    ("R2026-3,lina,HZ-GL-001,,,,\nR2026-3,zhangwei,NB-YZ-001,,,,", ("--template", "nope"), "nope"),
])
def test_a_wrong_plan_issues_nothing(desk, tmp_path, body, extra, fragment):
    (tmp_path / "plan.csv").write_text(HEADER + "\n" + body + "\n", encoding="utf-8")
    before = digest(desk.db)
    refused = desk(*ISSUE, *extra)
    assert refused.exit_code == 2, refused.output
    assert len(refused.stderr.strip().splitlines()) == 1 and fragment in refused.stderr, refused.stderr
    assert digest(desk.db) == before
    assert not list(tmp_path.glob("assignment-*.json"))


def test_own_city_when_the_office_insists(desk, tmp_path):
    (tmp_path / "plan.csv").write_text(HEADER + "\nR2026-3,zhangwei,HZ-GL-001,,,,\n", encoding="utf-8")
    assert desk(*ISSUE, "--allow-own-city").exit_code == 0


def test_a_stop_midway_says_which_were_issued(desk, tmp_path):
    (tmp_path / "plan.csv").write_text(
        HEADER + "\nR2026-3,lina,HZ-GL-001,,,,\nR2026-3,zhangwei,NB-YZ-001,,,,\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "assignment-zhangwei-R2026-3.json").mkdir()  # a folder in the way of the second file
    stopped = desk(*ISSUE, "-o", "out", lang="en")
    assert stopped.exit_code == 2
    line = stopped.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "issuing stopped at zhangwei" in line and "Issued and recorded: R2026-3-lina" in line
    assert "not issued: zhangwei" in line
    assert rows(desk.db, "SELECT inspector_id FROM assignments") == [("lina",)]
    assert (tmp_path / "out" / "assignment-lina-R2026-3.json").is_file()


def test_single_assign_still_needs_inspector_and_round(desk):
    refused = desk("assign", "--round-name", "x", "--template", "zj-problem", "--project", "HZ-GL-001")
    assert refused.exit_code == 2 and "--inspector" in refused.stderr
