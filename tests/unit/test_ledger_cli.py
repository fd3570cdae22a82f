"""`inspector office ledger …` and `office units …`: a problem taken to
closure by number; each refusal one translated line, exit 2, nothing
stored changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from inspector.cli import cli
from inspector.office import staff
from inspector.office.db import open_office_db
from ledger_office import STAFF, office_with_entry

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "units.csv"
NUMBER = "2026-2-HZ-001"


@pytest.fixture
def office(tmp_path, monkeypatch):
    off, pid = office_with_entry(tmp_path, monkeypatch)
    db = open_office_db(off.db)
    staff.add(db, "wangfang", "王芳", by=STAFF)
    db.close()
    return off


def run(off, *args, lang="en", who=None):
    extra = ["--as", who] if who else []
    return CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(off.db), *extra, *args])


def ok(off, *args, **kw):
    result = run(off, *args, **kw)
    assert result.exit_code == 0, result.output
    return result.output


def refused(off, *args, lang="en", who=None, words=""):
    before = off.dump()
    result = run(off, *args, lang=lang, who=who)
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert words in result.output, result.output
    assert "Traceback" not in result.output
    assert off.dump() == before
    return result.output


def test_a_problem_to_closure_by_number(office, tmp_path):
    assert "14 units added" in ok(office, "units", "import", str(SAMPLE))
    assert "瓜沥镇人民政府" in ok(office, "units", "list")
    ok(office, "ledger", "set", NUMBER, "--type", "立行立改", "--unit", "瓜沥镇人民政府", "--reason", "属地负责")
    ok(office, "ledger", "start", NUMBER)
    photo = tmp_path / "after.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0after")
    out = ok(office, "ledger", "reply", NUMBER, "--measures", "已开放邻里中心", "--date", "2026-12-01",
             "--file", str(photo), lang="zh")
    assert "申请销号" in out
    refused(office, "ledger", "approve", NUMBER, lang="zh", words="须由另一位工作人员审批")
    ok(office, "ledger", "approve", NUMBER, who="wangfang")
    assert office.rows("SELECT status, closed_by FROM ledger") == [("closed", "wangfang")]
    shown = ok(office, "ledger", "show", NUMBER, lang="zh")
    assert "整改期限：" in shown and "已开放邻里中心" in shown and "after.jpg" in shown and "已销号" in shown and "萧山区瓜沥镇人民政府" in shown
    assert NUMBER in ok(office, "ledger", "list", "--status", "已销号")
    assert "no problem" in ok(office, "ledger", "list", "--city", "ningbo")


def test_refusals_are_one_line_and_change_nothing(office, tmp_path):
    refused(office, "ledger", "approve", NUMBER, words="is \"to rectify\": cannot close")
    refused(office, "ledger", "show", "2026-2-HZ-999", words="no number 2026-2-HZ-999")
    refused(office, "ledger", "extend", NUMBER, "--to", "2026-01-01", "--reason", "x", words="later than")
    refused(office, "ledger", "extend", NUMBER, "--to", "2026-02-30", "--reason", "x", words="not a real date")
    refused(office, "ledger", "return", NUMBER, "--reason", " ", words="a reason is needed")
    refused(office, "ledger", "return", NUMBER, "--reason", "x", words="cannot return it")
    refused(office, "ledger", "set", NUMBER, "--type", "soon", "--reason", "x", words="rectification type")
    refused(office, "ledger", "set", NUMBER, "--unit", "nobody", "--reason", "x", words="no unit nobody")
    refused(office, "ledger", "list", "--status", "open", words="ledger status")
    refused(office, "ledger", "reply", NUMBER, "--measures", "m", "--date", "2026-12-01",
            "--file", str(tmp_path / "missing.pdf"), words="missing.pdf")
    ok(office, "ledger", "reply", NUMBER, "--measures", "已整改", "--date", "2026-12-01")
    refused(office, "ledger", "approve", NUMBER, who="wangfang", lang="zh", words="没有佐证材料")
    bad = tmp_path / "units.csv"
    bad.write_text("单位名称,类别,城市\n甲单位,主管部门,杭州\n", encoding="utf-8")
    refused(office, "units", "import", str(bad), lang="zh", words="第 2 行“类别”列")
    refused(office, "units", "disable", "nobody", words="no unit nobody")


def test_a_unit_edited_from_the_command_line(office):
    ok(office, "units", "import", str(SAMPLE))
    assert "unit 萧山区瓜沥镇人民政府 changed" in ok(office, "units", "edit", "瓜沥镇人民政府", "--phone", "0571-82000999")
    assert office.rows("SELECT phone, version FROM units WHERE name = '萧山区瓜沥镇人民政府'") == [("0571-82000999", 2)]
    assert office.rows("SELECT action FROM audit_log WHERE action = 'unit.edit'") == [("unit.edit",)]
    refused(office, "units", "edit", "瓜沥镇人民政府", "--phone", "0571-82000999", words="萧山区瓜沥镇人民政府")
    refused(office, "units", "edit", "瓜沥镇人民政府", "--role", "主管部门", lang="zh", words="类别")
    refused(office, "units", "edit", "nobody", "--phone", "1", words="no unit nobody")
