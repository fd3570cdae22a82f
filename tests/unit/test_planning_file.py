"""The plan file (issue 11, item 9): `office round plan` writes a CSV the
office edits in Excel; reading it back checks every row and names file, row
and column in the user's language."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspector.assignment.errors import InputFileError
from inspector.cli import cli
from inspector.cli.base import _input_error
from inspector.office.planning.planfile import read_plan
from planning_office import Desk
from support import register_staff

HEADER = "轮次,督导员,项目编号,项目名称,城市,理由,备注"


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    d = Desk(tmp_path / "office.db")
    register_staff(d.db)
    for code, city in (("HZ-1", "hangzhou"), ("HZ-2", "hangzhou"), ("NB-1", "ningbo"), ("WZ-1", "wenzhou")):
        d.project(code, city)
    d.inspector("zhangwei", "hangzhou", "张伟")
    d.inspector("lina", "ningbo", "李娜")
    d.visit("WZ-1", "2026-03-01")
    d.problem("NB-1")
    yield d
    d.close()


def run(desk, *args, lang="zh"):
    return CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(desk.path), *args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_round_plan_writes_the_csv_and_logs_it(desk, tmp_path):
    done = run(desk, "round", "plan", "R2026-3", "-o", "plan.csv", "--today", "2026-12-01")
    assert done.exit_code == 0, done.output
    assert "plan.csv" in done.output and "zhangwei 2" in done.output and "lina 2" in done.output
    raw = (tmp_path / "plan.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + HEADER.encode("utf-8") + b"\r\n")
    lines = raw[3:].decode("utf-8").split("\r\n")
    assert lines[1] == "R2026-3,lina,HZ-1,HZ-1未来社区,杭州,从未走访,"  # by inspector, most needed first
    assert "R2026-3,zhangwei,NB-1,NB-1未来社区,宁波,有未整改的严重问题," in lines
    assert {line.split(",")[2]: line.split(",")[1] for line in lines[1:] if line}["HZ-1"] == "lina"
    conn = sqlite3.connect(desk.path)
    assert conn.execute("SELECT user_id, action, subject FROM audit_log WHERE action = 'plan.write'").fetchall() == [
        ("ceshi", "plan.write", "R2026-3")]
    conn.close()
    back = read_plan(desk.db, tmp_path / "plan.csv")
    assert back.round_id == "R2026-3" and back.by_inspector() == {"zhangwei": ["NB-1", "WZ-1"],
                                                                  "lina": ["HZ-1", "HZ-2"]}


def test_round_plan_in_english_lists_what_no_one_may_take(desk, tmp_path):
    desk.inspector("wangwu", "hangzhou")
    done = run(desk, "round", "plan", "R3", "--inspector", "zhangwei", "--inspector", "wangwu", lang="en")
    assert done.exit_code == 0, done.output
    assert "not placed: HZ-1" in done.output and "HZ-2" in done.output
    text = (tmp_path / "plan-R3.csv").read_text(encoding="utf-8-sig")
    assert "R3,,HZ-1,HZ-1未来社区,Hangzhou,never visited,no one to send" in text
    assert read_plan(desk.db, tmp_path / "plan-R3.csv").unassigned == ["HZ-1", "HZ-2"]


def test_round_plan_refuses_an_unknown_inspector(desk, tmp_path):
    before = digest(desk.path)
    refused = run(desk, "round", "plan", "R3", "--inspector", "nobody")
    assert refused.exit_code == 2 and "nobody" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert digest(desk.path) == before and not (tmp_path / "plan-R3.csv").exists()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_read_is_lenient_about_form(desk, tmp_path):
    # GB18030 as Excel saves it, LF line ends, English headers in another order, blank rows, extra columns
    text = "project,Inspector,extra,round\n\nHZ-1,李娜,x,R3\n,,,\nWZ-1,zhangwei,,R3\nNB-1,,,R3\n"
    got = read_plan(desk.db, write(tmp_path / "p.csv", text, "gb18030"))
    assert got.by_inspector() == {"lina": ["HZ-1"], "zhangwei": ["WZ-1"]} and got.unassigned == ["NB-1"]
    crlf = read_plan(desk.db, write(tmp_path / "q.csv", "\ufeff" + HEADER + "\r\nR3,lina,HZ-1,,,,\r\n"))
    assert crlf.by_inspector() == {"lina": ["HZ-1"]}


def refusal(desk, path: Path, lang: str, **kw) -> str:
    with pytest.raises(InputFileError) as refused:
        read_plan(desk.db, path, **kw)
    return _input_error(refused.value, lang)


@pytest.mark.parametrize("body, zh, en", [
    ("R3,lina,HZ-9,,,,", "第 2 行：项目编号列：没有编号为“HZ-9”的项目", "row 2: field 项目编号: there is no project 'HZ-9'"),
    ("R3,nobody,HZ-1,,,,", "第 2 行（HZ-1）：督导员列", "no inspector with the id (or name) 'nobody'"),
    ("R3,zhangwei,HZ-1,,,,", "督导员 zhangwei 常住杭州", "lives in Hangzhou"),
    ("R3,lina,HZ-1,,,,\r\nR3,zhangwei,HZ-1,,,,", "第 3 行（HZ-1）：项目编号列：该项目已在第 2 行出现", "already on row 2"),
    ("R3,lina,HZ-1,,,,\r\nR4,lina,HZ-2,,,,", "第 3 行（HZ-2）：轮次列：轮次“R4”与本计划的轮次 R3 不同", "round 'R4'"),
    ("R3,lina,,,,,", "第 2 行：项目编号列：不能为空", "must not be empty"),
    ("R 3,lina,HZ-1,,,,", "轮次列", "'R 3' is not a valid value"),
])
def test_every_row_is_checked_and_named(desk, tmp_path, body, zh, en):
    path = write(tmp_path / "plan.csv", "\ufeff" + HEADER + "\r\n" + body + "\r\n")
    said = refusal(desk, path, "zh")
    assert said.startswith(str(path)) and zh in said, said
    assert en in refusal(desk, path, "en")


def test_own_city_allowed_when_asked(desk, tmp_path):
    path = write(tmp_path / "plan.csv", HEADER + "\nR3,zhangwei,HZ-1,,,,\n")
    assert read_plan(desk.db, path, allow_own_city=True).by_inspector() == {"zhangwei": ["HZ-1"]}


def test_another_round_than_the_one_asked(desk, tmp_path):
    path = write(tmp_path / "plan.csv", HEADER + "\nR3,lina,HZ-1,,,,\n")
    assert "R9" in refusal(desk, path, "en", round_id="R9")


@pytest.mark.parametrize("raw, fragment", [
    (b"", "names no project"),
    (None, "no such file"),
    (HEADER.encode() + b"\r\n\r\n", "names no project"),
    ("轮次,项目编号\r\n".encode(), "no column inspector (or 督导员)"),
    ("轮次,督导员,inspector,项目编号\r\n".encode(), "appears twice"),
    ("\ufeffround,inspector,project\n".encode("utf-16"), "UTF-16"),
    (b"round,inspector,project\n\xff\xff\xff,a,b\n", "neither UTF-8 nor GB18030"),
])
def test_bad_files(desk, tmp_path, raw, fragment):
    path = tmp_path / "plan.csv"
    if raw is not None:
        path.write_bytes(raw)
    assert fragment in refusal(desk, path, "en")
