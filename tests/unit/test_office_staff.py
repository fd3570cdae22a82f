"""Office staff and the audit log (issue 11, items 1 and 10): who acts at the
office, and a record of every action that nothing can rewrite."""

from __future__ import annotations

import sqlite3

import pytest

from inspector.office import audit, staff
from inspector.office.db import open_office_db
from inspector.office.staff import StaffRefused


@pytest.fixture
def db(tmp_path):
    database = open_office_db(tmp_path / "office.db")
    yield database
    database.close()


def refused(code: str, call, *args, **kwargs) -> StaffRefused:
    with pytest.raises(StaffRefused) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return caught.value


def test_first_user_registers_themselves_then_only_staff_add_staff(db):
    refused("nobody_yet", staff.acting, db, None)
    first = staff.add(db, "liming", " 李  明 ", by=None)
    assert (first.id, first.name, first.added_by, first.active) == ("liming", "李 明", "liming", True)
    refused("who", staff.add, db, "wangfang", "王芳", by=None)  # the bootstrap works once
    refused("unknown", staff.add, db, "wangfang", "王芳", by="nobody")
    staff.add(db, "wangfang", "王芳", by="liming")
    refused("exists", staff.add, db, "wangfang", "王芳", by="liming")
    assert [u.id for u in staff.users(db)] == ["liming", "wangfang"]
    assert [(e.user, e.action, e.subject) for e in audit.entries(db)] == [
        ("liming", "user.add", "liming"), ("liming", "user.add", "wangfang")]


@pytest.mark.parametrize("user_id", ["", "LiMing", "1li", "li ming", "李明", "a" * 33, "li\nming"])
def test_bad_ids_are_refused_and_nothing_is_stored(db, user_id):
    refused("bad_id", staff.add, db, user_id, "李明", by=None)
    assert staff.users(db) == [] and audit.entries(db) == []


def test_names_must_be_there_and_short(db):
    refused("bad_name", staff.add, db, "liming", "  ", by=None)
    refused("bad_name", staff.add, db, "liming", "李" * 41, by=None)
    assert staff.users(db) == []


def test_acting_needs_a_registered_active_user(db):
    staff.add(db, "liming", "李明", by=None)
    staff.add(db, "wangfang", "王芳", by="liming")
    refused("who", staff.acting, db, None)
    refused("unknown", staff.acting, db, "zhaolei")
    assert staff.acting(db, "wangfang").name == "王芳"
    refused("reason", staff.disable, db, "wangfang", by="liming", reason="  ")
    refused("not_self", staff.disable, db, "liming", by="liming", reason="调岗")
    staff.disable(db, "wangfang", by="liming", reason="调岗")
    refused("disabled", staff.acting, db, "wangfang")
    refused("disabled", staff.disable, db, "liming", by="wangfang", reason="x")  # a disabled user cannot act
    refused("already_disabled", staff.disable, db, "wangfang", by="liming", reason="again")
    last = audit.entries(db)[-1]
    assert (last.user, last.action, last.subject, last.reason) == ("liming", "user.disable", "wangfang", "调岗")


def test_the_log_and_staff_cannot_be_rewritten_or_removed(db, tmp_path):
    staff.add(db, "liming", "李明", by=None)
    raw = sqlite3.connect(tmp_path / "office.db")
    for sql in ("UPDATE audit_log SET user_id = 'someone'", "DELETE FROM audit_log",
                "INSERT OR REPLACE INTO audit_log (seq, at, user_id, action) VALUES (1, 'x', 'y', 'z')",
                "DELETE FROM office_users"):
        with pytest.raises(sqlite3.DatabaseError, match="never|disabled, never deleted"):
            raw.execute(sql)
    raw.close()
    assert [(e.seq, e.user, e.action) for e in audit.entries(db)] == [(1, "liming", "user.add")]
    assert [u.id for u in staff.users(db)] == ["liming"]


def test_an_action_and_its_entry_are_stored_together(db):
    staff.add(db, "liming", "李明", by=None)
    with pytest.raises(RuntimeError):
        with db.atomic():
            audit.record(db, "liming", "bundle.ingest", "bundle-1", detail={"records": 3})
            raise RuntimeError("the change itself failed")
    assert [e.action for e in audit.entries(db)] == ["user.add"]


def test_entries_filter_by_time_and_user(db):
    staff.add(db, "liming", "李明", by=None)
    staff.add(db, "wangfang", "王芳", by="liming")
    with db.atomic():
        audit.record(db, "wangfang", "review.confirm", "problem 7", reason="证据充分", detail={"n": 1},
                     at="2027-01-02T03:00:00+00:00")
    assert [e.subject for e in audit.entries(db, user="wangfang")] == ["problem 7"]
    later = audit.entries(db, since="2027-01-01")
    assert [(e.action, e.reason, e.detail) for e in later] == [("review.confirm", "证据充分", {"n": 1})]


# -- through the command line ------------------------------------------------------------

def office(db, *args: str, lang: str = "zh", env: dict | None = None, input: str | None = None):
    from click.testing import CliRunner

    from inspector.cli import cli

    return CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(db), *args], env=env,
                              input=input, catch_exceptions=False)


def test_every_office_command_acts_as_someone(tmp_path, monkeypatch):
    import hashlib

    monkeypatch.delenv("INSPECTOR_OFFICE_USER")
    db = tmp_path / "office.db"
    for args in (["projects", "list"], ["users", "add", "--id", "liming", "--name", "李明"], ["log"]):
        nowhere = office(db, *args, "--as", "liming")  # a mistyped --office-db makes no empty office
        assert nowhere.exit_code == 2 and "office init" in nowhere.stderr and not db.exists(), nowhere.output
    made = office(db, "init")
    assert made.exit_code == 0 and "users add" in made.output  # says what comes next
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for args in (["status"], ["projects", "list"], ["checklists", "list"], ["log"]):
        refused = office(db, *args)
        assert refused.exit_code == 2 and "users add" in refused.stderr, (args, refused.output)
        assert len(refused.stderr.strip().splitlines()) == 1
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before

    first = office(db, "users", "add", "--id", "liming", "--name", "李明")
    assert first.exit_code == 0 and "--as liming" in first.output
    nobody = office(db, "users", "add", "--id", "wangfang", "--name", "王芳", lang="en")
    assert nobody.exit_code == 2 and "--as ID" in nobody.stderr  # after the first, someone must act
    assert office(db, "--as", "liming", "users", "add", "--id", "wangfang", "--name", "王芳").exit_code == 0
    # --as after the subcommand, and the environment, work too; the last written wins
    assert office(db, "users", "list", "--as", "wangfang").exit_code == 0
    assert office(db, "users", "list", env={"INSPECTOR_OFFICE_USER": "liming"}).exit_code == 0
    unknown = office(db, "--as", "liming", "status", "--as", "zhaolei", lang="en")
    assert unknown.exit_code == 2 and "zhaolei" in unknown.stderr

    reasonless = office(db, "--as", "liming", "users", "disable", "wangfang", "--reason", " ")
    assert reasonless.exit_code == 2
    assert office(db, "--as", "liming", "users", "disable", "wangfang", "--reason", "调离专班").exit_code == 0
    gone = office(db, "--as", "wangfang", "status")
    assert gone.exit_code == 2 and "已停用" in gone.stderr
    listed = office(db, "--as", "liming", "users", "list").output.splitlines()
    assert listed[0].split() == ["账号", "姓名", "登记时间", "状态"]
    assert listed[1].split()[:2] == ["liming", "李明"] and listed[2].split()[:2] == ["wangfang", "王芳"]
    assert "已停用" in listed[2] and "在用" in listed[1]


def test_the_log_names_who_did_what_and_why(tmp_path, monkeypatch):
    import csv
    import io
    import json

    import factories
    from support import office as office_key

    monkeypatch.delenv("INSPECTOR_OFFICE_USER")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "office.db"
    assert office(db, "init").exit_code == 0
    assert office(db, "users", "add", "--id", "liming", "--name", "李明").exit_code == 0
    monkeypatch.setenv("INSPECTOR_OFFICE_USER", "liming")
    key = office_key("laptop-zhangwei").public_key_text
    assert office(db, "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", key).exit_code == 0
    projects = tmp_path / "projects.json"
    projects.write_text(json.dumps([factories.project()], ensure_ascii=False), encoding="utf-8")
    template = tmp_path / "t.json"
    template.write_text(json.dumps(factories.template(), ensure_ascii=False), encoding="utf-8")
    assert office(db, "projects", "import", str(projects)).exit_code == 0
    assert office(db, "templates", "import", str(template)).exit_code == 0
    assert office(db, "assign", "--inspector", "zhangwei", "--round", "R1", "--round-name", "第一轮",
                  "--project", "HZ-GL-001", "--template", "zj-problem").exit_code == 0
    blank = office(db, "assignments", "withdraw", "R1-zhangwei", "--reason", "  ", "--yes")
    assert blank.exit_code == 2 and "--reason" in blank.stderr
    assert office(db, "assignments", "withdraw", "R1-zhangwei", "--reason", "派错了人", "--yes").exit_code == 0

    lines = office(db, "log").output.splitlines()
    assert lines[0].split() == ["序号", "时间", "经办人", "操作", "对象", "原因"]
    actions = [line.split()[4] for line in lines[1:]]  # the date and the time take two columns
    assert actions == ["登记工作人员", "登记督导员", "导入项目", "导入检查表版本", "签发任务包", "撤回任务包"]
    assert lines[-1].split()[-1] == "派错了人" and all(line.split()[3] == "liming" for line in lines[1:])
    english = office(db, "log", "--user", "liming", lang="en").output
    assert "assignment withdrawn" in english and "inspector enrolled" in english
    assert office(db, "log", "--user", "nobody").output.strip() == "日志中没有符合条件的操作。"
    assert office(db, "log", "--since", "2999-01-01").output.strip() == "日志中没有符合条件的操作。"
    bad = office(db, "log", "--since", "2026-02-30")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.stderr

    table = office(db, "log", "--csv").stdout_bytes
    assert table.startswith("\ufeff".encode("utf-8"))  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(table.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "时间", "经办人", "操作", "对象", "原因", "详情"]
    assert rows[-1][4:6] == ["R1-zhangwei", "派错了人"]
    assert json.loads(rows[5][6])["projects"] == ["HZ-GL-001"]  # the assignment's detail
