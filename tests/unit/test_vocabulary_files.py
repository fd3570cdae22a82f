"""A vocabulary from and to CSV, and the `office vocab` commands: a bad file
is refused whole, naming file, row and column in the user's language, and
nothing is stored; a good one goes into the draft; publishing puts it in force."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from inspector.cli import cli
from inspector.office.db import open_office_db
from inspector.office.vocabularies import VocabularyRefused
from inspector.office.vocabularies import files as F
from inspector.office.vocabularies import store as V
from inspector.vocabularies import built_in
from support import STAFF, register_staff


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "office.db"
    db = open_office_db(path)
    register_staff(db)
    db.close()
    return path


def write(tmp_path: Path, text: str, encoding: str = "utf-8-sig", name: str = "类别.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def drafts(path: Path) -> list:
    db = open_office_db(path)
    try:
        return db.conn.execute("SELECT kind, data FROM vocabulary_drafts").fetchall()
    finally:
        db.close()


def test_a_good_file_in_gb18030_goes_into_the_draft(office, tmp_path):
    csv = write(tmp_path, "代码,中文名称,English name,停用\r\n"
                          "safety_hazard,安全隐患,Safety hazard,\r\n"
                          "funding,资金保障不足,Insufficient funding,\r\n"
                          "other,其他,Other,是\r\n", encoding="gb18030")
    db = open_office_db(office)
    done = F.import_csv(db, "problem_category", csv)
    assert (done.added, done.renamed, done.unchanged) == (1, 2, 0)
    assert V.current(db, "problem_category").entry("safety_hazard") is None  # the draft is not in force
    published = V.publish(db, "problem_category", by=STAFF[0])
    assert published.entry("safety_hazard").en == "Safety hazard"
    assert published.entry("funding").zh == "资金保障不足"
    assert published.entry("other").retired
    out = tmp_path / "out.csv"
    assert F.export_csv(published, out) == len(published.entries)
    entries, has_retired = F.read_entries(out)
    assert entries == published.entries and has_retired
    db.close()


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("代码,名字\nx,y\n", "类别.csv 第 1 行 B 列：不认识的列名“名字”", "类别.csv row 1, column B: unknown heading \"名字\""),
    ("中文名称\n安全隐患\n", "类别.csv：缺少“代码”列", "类别.csv: the code column is missing"),
    ("代码,中文名称\nsafety,安全\nSafety Hazard,安全隐患\n", "类别.csv 第 3 行 A 列：代码“Safety Hazard”不可用",
     "类别.csv row 3, column A: code \"Safety Hazard\" cannot be used"),
    ("English name,代码,中文名称\nx,safety,\n", "类别.csv 第 2 行 C 列：不能为空", "类别.csv row 2, column C: cannot be empty"),
    ("代码,中文名称\nsafety,安全\nsafety,安全隐患\n", "类别.csv 第 3 行 A 列：代码“safety”与第 2 行重复",
     "类别.csv row 3, column A: code \"safety\" repeats row 2"),
    ("代码,中文名称,停用\nsafety,安全,也许\n", "类别.csv 第 2 行 C 列：“也许”应填“是”或留空",
     "类别.csv row 2, column C: \"也许\" should be yes or empty"),
    ("代码,中文名称\n", "类别.csv：没有任何条目", "类别.csv: holds no entry"),
])
def test_a_bad_file_is_refused_whole_in_both_languages(office, tmp_path, text, zh, en):
    csv = write(tmp_path, text)
    db = open_office_db(office)
    with pytest.raises(VocabularyRefused) as refused:
        F.import_csv(db, "problem_category", csv)
    db.close()
    assert zh in refused.value.say("zh")
    assert en in refused.value.say("en")
    assert drafts(office) == []


def test_a_bad_row_after_good_ones_stores_none_of_them(office, tmp_path):
    csv = write(tmp_path, "代码,中文名称\nsafety_hazard,安全隐患\nfunding,\n")
    db = open_office_db(office)
    with pytest.raises(VocabularyRefused):
        F.import_csv(db, "problem_category", csv)
    db.close()
    assert drafts(office) == []


def run(office: Path, *args: str, lang: str = "zh"):
    return CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(office), "--as", STAFF[0], *args])


def test_the_commands_from_adding_to_publishing(office, tmp_path):
    assert run(office, "vocab", "add", "problem_category", "safety_hazard", "安全隐患", "Safety hazard").exit_code == 0
    listed = run(office, "vocab", "list", "problem_category")
    assert "草稿，基于第 1 版" in listed.output and "安全隐患" in listed.output
    published = run(office, "vocab", "publish", "problem_category", "--summary", "新增安全隐患", lang="en")
    assert published.exit_code == 0 and "version 2 published" in published.output
    overview = run(office, "vocab", "list", lang="en").output
    assert [line.split() for line in overview.splitlines() if line.startswith("problem_category")] == [
        ["problem_category", "Problem", "categories", "2", str(len(built_in("problem_category").entries) + 1), "-"]]
    history = run(office, "vocab", "history", "problem_category").output
    assert "随软件提供" in history and "新增安全隐患" in history
    out = tmp_path / "导出.csv"
    assert run(office, "vocab", "export", "problem_category", str(out)).exit_code == 0
    assert "safety_hazard,安全隐患,Safety hazard," in out.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_command_refusals_are_one_line_exit_2(office, tmp_path, lang):
    for args in (["vocab", "add", "problem_category", "Bad", "坏"], ["vocab", "list", "colours"],
                 ["vocab", "publish", "evidence_type"], ["vocab", "import", "problem_category", str(tmp_path / "无.csv")],
                 ["vocab", "list", "problem_category", "--version", "9"]):
        result = run(office, *args, lang=lang)
        assert result.exit_code == 2, result.output
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert "Traceback" not in result.output
    assert drafts(office) == []
