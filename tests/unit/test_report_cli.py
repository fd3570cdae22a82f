"""`inspector office report ROUND -o DIR`: says what it wrote, in the user's
language; cities and statuses by code or by name; every refusal one line,
exit 2, nothing written; Ctrl+C (the cancel) leaves nothing, exit 130.
The formats are stand-ins (tests/report_writers.py)."""

from __future__ import annotations

import sqlite3

import pytest
import report_writers
from click.testing import CliRunner
from reportdata import ROUND, demo_office  # noqa: F401 - demo_office is a fixture

from inspector.cli import cli
from inspector.cli.report import city_codes, status_codes
from inspector.office.reports import run as report_run
from inspector.office.reports.scope import ReportRefused


def dump(office) -> list[str]:
    conn = sqlite3.connect(office.db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def invoke(office, *args, lang="en"):
    return CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(office.db_path), "--as", office.user,
                                    "report", *args])


@pytest.fixture
def writers(monkeypatch):
    report_writers.use(monkeypatch)
    return monkeypatch


def test_it_says_what_it_wrote(demo_office, tmp_path, writers):
    out = tmp_path / "督导报告-R2026-2"
    result = invoke(demo_office, ROUND, "-o", str(out), "--format", "csv,xlsx", lang="zh")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"报告已写入 {out}（12 个文件）")
    files = sorted(line.strip() for line in lines[1:-1])
    assert files == sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert sorted({f.split("/")[0] for f in files}) == ["csv", "xlsx"]  # the formats asked, no others
    assert lines[-1].startswith("问题 2 条，创新做法 2 条，照片 5 张；未列入（不予采纳、重复）1 条")


def test_in_english_with_names_for_cities_and_statuses(demo_office, tmp_path, writers, monkeypatch):
    seen = {}
    real = report_run.make_report

    def spy(db, scope, out, **kw):
        seen["scope"] = scope
        return real(db, scope, out, **kw)

    monkeypatch.setattr(report_run, "make_report", spy)
    out = tmp_path / "hz"
    result = invoke(demo_office, ROUND, "--city", "杭州市", "--city", "Ningbo", "--status", "待整改,closed",
                    "--status", "closure requested", "--format", "html", "--by", "unit", "--with-gps", "-o", str(out))
    assert result.exit_code == 0, result.output
    scope = seen["scope"]
    assert scope.cities == {"hangzhou", "ningbo"}
    assert scope.statuses == {"pending", "closed", "close_requested"}
    assert scope.formats == ("html",) and scope.notices_by == "unit" and scope.with_gps and scope.lang == "en"
    assert scope.user == demo_office.user
    assert result.output.startswith(f"report written to {out} (")
    assert "problems: 2, innovations: 2" in result.output


def test_names_become_codes():
    assert city_codes(("hangzhou", "杭州", "杭州市", "HANGZHOU", "宁波,衢州")) == {"hangzhou", "ningbo", "quzhou"}
    assert status_codes(("已销号", "to review", "已确认、退回整改")) == {"closed", "received", "confirmed", "returned"}
    with pytest.raises(ReportRefused) as bad:
        city_codes(("杭洲",))
    assert bad.value.code == "bad_city" and "杭洲" in bad.value.say("zh")


@pytest.mark.parametrize("args, words", [
    (["R2099-9"], "there is no round R2099-9; there are: R2026-1"),
    (["--city", "Atlantis"], "there is no city 'Atlantis'"),
    (["--status", "lost"], "there is no status 'lost'"),
    (["--format", "pdf"], "there is no report format 'pdf'"),
    (["--by", "street"], "not 'street'"),
    (["--tag", "dimension:fun"], "there is no tag 'dimension:fun'"),
])
def test_each_refusal_is_one_line_and_writes_nothing(demo_office, tmp_path, writers, args, words):
    before = dump(demo_office)
    argv = [a for a in args if a.startswith("R20")] or [ROUND]
    result = invoke(demo_office, *argv, *[a for a in args if not a.startswith("R20")], "-o", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert words in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
    assert dump(demo_office) == before


def test_a_folder_with_files_or_in_the_office_folder_is_refused(demo_office, tmp_path, writers):
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine", encoding="utf-8")
    result = invoke(demo_office, ROUND, "-o", str(full), lang="zh")
    assert result.exit_code == 2 and "已有文件" in result.output
    assert [p.name for p in full.iterdir()] == ["keep.txt"]
    inside = demo_office.db_path.parent / "报告"
    result = invoke(demo_office, ROUND, "-o", str(inside), lang="zh")
    assert result.exit_code == 2 and "不能把报告写到办公室数据文件夹" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not inside.exists()


def test_ctrl_c_leaves_nothing(demo_office, tmp_path, writers, monkeypatch):
    """Ctrl+C mid-write: as the signal handler does, the cancel Event is set; the next tick stops the writer."""
    from inspector.cli import report as cli_report

    real = cli_report.ProgressLine.__call__

    def press_ctrl_c(self, phase, done, total):
        if phase == "report_writers":
            cli_report.CtrlC.current._heard(2, None)
        return real(self, phase, done, total)

    original_enter = cli_report.CtrlC.__enter__

    def remember(self):
        cli_report.CtrlC.current = self
        return original_enter(self)

    monkeypatch.setattr(cli_report.ProgressLine, "__call__", press_ctrl_c)
    monkeypatch.setattr(cli_report.CtrlC, "__enter__", remember)
    result = invoke(demo_office, ROUND, "-o", str(tmp_path / "out"))
    assert result.exit_code == 130, result.output
    assert result.output.strip() == "cancelled: no report was made and nothing was left behind"
    assert list(tmp_path.iterdir()) == []


def test_a_second_ctrl_c_stops_at_once_and_still_leaves_nothing(demo_office, tmp_path, writers, monkeypatch):
    from inspector.cli import report as cli_report

    def interrupt(self, phase, done, total):
        if phase == "report_writers":
            raise KeyboardInterrupt

    monkeypatch.setattr(cli_report.ProgressLine, "__call__", interrupt)
    result = invoke(demo_office, ROUND, "-o", str(tmp_path / "out"), lang="zh")
    assert result.exit_code == 130, result.output
    assert result.output.strip() == "已取消，报告未生成，什么也没有留下"
    assert list(tmp_path.iterdir()) == []


def test_a_folder_of_many_files_is_said_as_one_line():
    from pathlib import PurePath

    from inspector.office.reports.written import outline

    files = [PurePath("R2026-2 督导报告.docx"), *(PurePath("照片") / f"2026-2-HZ-{n:03}-1.jpg" for n in range(40)),
             PurePath("清单/问题清单.csv")]
    assert outline(files, "zh") == ["R2026-2 督导报告.docx", "照片/（40 个文件）", "清单/问题清单.csv"]
    assert outline(files[:3], "en") == ["R2026-2 督导报告.docx", "照片/2026-2-HZ-000-1.jpg", "照片/2026-2-HZ-001-1.jpg"]
    assert outline(files, "en")[1] == "照片/ (40 files)"
