"""The office's catalogue (projects, checklist templates) and the signed
assignments it issues: `inspector office projects|templates import` and
`inspector office assign`, end to end through `inspector load` on a laptop."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import factories
from inspector.cli import cli
from inspector.identity import load_identity, open_document
from support import office

ZHANGWEI_KEY = office("laptop-zhangwei").public_key_text  # any enrolled key will do


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """An office that ran `office init` and enrolled 张伟; returns a runner for its commands."""
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "office-data"))
    monkeypatch.chdir(tmp_path)

    def run(*args: str, lang: str = "zh"):
        return CliRunner().invoke(cli, ["--lang", lang, "office", *args], catch_exceptions=False)

    assert run("init", "--name", "省未来社区专班办公室").exit_code == 0
    assert run("users", "add", "--id", "ceshi", "--name", "测试员").exit_code == 0
    assert run("enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", ZHANGWEI_KEY).exit_code == 0
    run.db = tmp_path / "office-data" / "office.db"
    run.identity = tmp_path / "office-data" / "office-identity"
    run.dir = tmp_path
    return run


def write(path: Path, data, *, bom: bool = False) -> Path:
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=1)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def projects() -> list[dict]:
    return [
        factories.project(),
        factories.project("NB-YZ-001", "划船未来社区", city="ningbo", district="鄞州区"),
        factories.project("HZ-XS-002", "萧山某未来社区", households=3200),
    ]


def rows(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def assert_refused(result, db: Path, before: str, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("错误：") or lines[0].startswith("error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], f"{fragment!r} not in {lines[0]!r}"
    assert "Traceback" not in result.output
    assert digest(db) == before


# -- projects ---------------------------------------------------------------------

def test_projects_json_import_and_reimport(desk, tmp_path):
    path = write(tmp_path / "projects.json", projects())
    first = desk("projects", "import", str(path))
    assert first.exit_code == 0 and "新增项目 3 个，更新 0 个，未变 0 个" in first.output, first.output
    again = desk("projects", "import", str(path), lang="en")
    assert "0 new projects, 0 updated, 3 unchanged" in again.output

    changed = projects()
    changed[2]["households"] = 3300
    wrapped = write(tmp_path / "wrapped.json", {"projects": changed})
    result = desk("projects", "import", str(wrapped))
    assert result.exit_code == 0 and "新增项目 0 个，更新 1 个，未变 2 个" in result.output
    data = json.loads(rows(desk.db, "SELECT data FROM projects WHERE code = 'HZ-XS-002'")[0][0])
    assert data["households"] == 3300
    assert rows(desk.db, "SELECT code, city FROM projects ORDER BY code") == [
        ("HZ-GL-001", "hangzhou"), ("HZ-XS-002", "hangzhou"), ("NB-YZ-001", "ningbo")]


CSV_HEADER = "code,name,city,district,creation_type,orientation,batch,rural,scenarios,contact_name,contact_phone,address,lat,lon,households,investment_wan\n"
CSV_GOOD = (
    CSV_HEADER
    + "HZ-GL-001,瓜沥七彩未来社区,hangzhou,萧山区,integrate_improve,,试点第一批,false,"
      "neighbourhood:standard;entrepreneurship:optional,王敏,0571-82345678,萧山区瓜沥镇,30.18,120.46,5200,12000.5\n"
    + "QZ-JS-005,石门村乡村未来社区,quzhou,江山市,renovation,broad_benefit,2023乡村创建,是,health:standard,,,,,,,\n"
)


def test_projects_csv_import(desk, tmp_path):
    path = write(tmp_path / "projects.csv", CSV_GOOD, bom=True)
    result = desk("projects", "import", str(path))
    assert result.exit_code == 0 and "新增项目 2 个" in result.output, result.output
    first = json.loads(rows(desk.db, "SELECT data FROM projects WHERE code = 'HZ-GL-001'")[0][0])
    assert first["scenarios"] == {"neighbourhood": "standard", "entrepreneurship": "optional"}
    assert first["contact"] == {"name": "王敏", "phone": "0571-82345678"}
    assert first["location"] == {"address": "萧山区瓜沥镇", "lat": 30.18, "lon": 120.46}
    assert first["households"] == 5200 and first["investment_wan"] == "12000.5"
    assert "orientation" not in first  # an empty cell is absent
    second = json.loads(rows(desk.db, "SELECT data FROM projects WHERE code = 'QZ-JS-005'")[0][0])
    assert second["rural"] is True and "contact" not in second and "location" not in second
    assert "未变 2 个" in desk("projects", "import", str(path)).output


@pytest.mark.parametrize(
    "content, fragments",
    [
        (CSV_GOOD.replace("quzhou", "beijing"), ["row 3 (QZ-JS-005)", "field city", "beijing"]),
        (CSV_GOOD.replace(",30.18,", ",40.18,"), ["row 2 (HZ-GL-001)", "field lat"]),
        (CSV_GOOD.replace("health:standard", "health=standard"), ["row 3 (QZ-JS-005)", "field scenarios"]),
        (CSV_GOOD.replace("health:standard", "health:always"), ["row 3 (QZ-JS-005)", "field scenarios", "always"]),
        (CSV_GOOD.replace("王敏", ""), ["row 2 (HZ-GL-001)", "field contact_name", "missing"]),
        (CSV_GOOD.replace(",5200,", ",很多,"), ["row 2 (HZ-GL-001)", "field households"]),
        (CSV_GOOD.replace("试点第一批", ""), ["row 2 (HZ-GL-001)", "field batch", "missing"]),
        (CSV_GOOD.replace("households", "colour"), ["row 1", "field colour", "unknown column"]),
        (CSV_GOOD.replace("QZ-JS-005", "HZ-GL-001"), ["row 3 (HZ-GL-001)", "field code", "also used by row 2"]),
        (CSV_GOOD + "X-1,名,hangzhou,区,renovation,,批,false,,,,,,,,,extra\n", ["row 4 (X-1)", "cells"]),
        (CSV_GOOD.replace("code,", "", 1).replace("HZ-GL-001,", "", 1).replace("QZ-JS-005,", "", 1), ["code"]),
        ("", ["empty"]),
    ],
)
def test_bad_csv_is_refused_whole(desk, tmp_path, content, fragments):
    assert desk("projects", "import", str(write(tmp_path / "old.json", [factories.project("OLD-1")]))).exit_code == 0
    before = digest(desk.db)
    path = write(tmp_path / "projects.csv", content)
    # In English, whose words the fragments are (test_catalogue_names checks the Chinese).
    assert_refused(desk("projects", "import", str(path), lang="en"), desk.db, before, f"error: {path}", *fragments)


def test_bad_json_projects_are_refused(desk, tmp_path):
    before = digest(desk.db)
    bad = projects()
    bad[1]["city"] = "北京"
    path = write(tmp_path / "projects.json", bad)
    assert_refused(desk("projects", "import", str(path)), desk.db, before,
                   "projects[1] (NB-YZ-001)：字段 城市：“北京”不是城市")
    for content, fragment in (("{", "not valid JSON"), ({"items": []}, "list of projects"), ([], "no projects")):
        path = write(tmp_path / "other.json", content)
        assert_refused(desk("projects", "import", str(path), lang="en"), desk.db, before, fragment)
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(CSV_GOOD.encode("gbk"))
    assert_refused(desk("projects", "import", str(gbk)), desk.db, before, "UTF-8")


def test_each_file_stands_alone(desk, tmp_path):
    good = write(tmp_path / "good.json", projects())
    bad = write(tmp_path / "bad.json", [factories.project(city="beijing")])
    result = desk("projects", "import", str(bad), str(good))
    assert result.exit_code == 2
    assert "bad.json" in result.stderr and "新增项目 3 个" in result.stdout
    assert len(rows(desk.db, "SELECT code FROM projects")) == 3


# -- templates ----------------------------------------------------------------------

def test_templates_import(desk, tmp_path):
    fixtures = Path(__file__).resolve().parents[2] / "fixtures" / "templates"
    files = [str(p) for p in sorted(fixtures.glob("*.v1.json"))]  # v2 comes in through the versioning
    first = desk("templates", "import", *files)
    assert first.exit_code == 0 and first.output.count("新增检查表版本 1 个") == 2, first.output
    assert "未变 1 个" in desk("templates", "import", files[0]).output
    assert rows(desk.db, "SELECT id, version, kind FROM templates ORDER BY id") == [
        ("zj-innovation", 1, "innovation"), ("zj-problem", 1, "problem")]

    edited = json.loads(Path(files[1]).read_text(encoding="utf-8"))
    edited["sections"][0]["items"][0]["prompt"] = "改写过的问题"
    before = digest(desk.db)
    path = write(tmp_path / "edited.json", edited)
    assert_refused(desk("templates", "import", str(path)), desk.db, before, "zj-problem", "第 1 版", "第 2 版")
    english = desk("templates", "import", str(path), lang="en")
    assert_refused(english, desk.db, before, "version 1", "version 2")
    edited["version"] = 2
    assert "新增检查表版本 1 个" in desk("templates", "import", str(write(tmp_path / "v2.json", edited))).output


def test_bad_template_is_refused(desk, tmp_path):
    before = digest(desk.db)
    template = factories.template()
    template["sections"][0]["items"][1]["id"] = "lin-01"
    path = write(tmp_path / "template.json", template)
    assert_refused(desk("templates", "import", str(path)), desk.db, before,
                   "zj-problem v1", "字段 章节", "检查项编号“lin-01”重复")
    path = write(tmp_path / "assignment.json", factories.assignment())
    assert_refused(desk("templates", "import", str(path)), desk.db, before, "不是检查表模板", "inspector-assignment")
    path = write(tmp_path / "broken.json", "{\"id\": ")
    assert_refused(desk("templates", "import", str(path)), desk.db, before, "不是有效的 JSON", "第 1 行")


# -- assign -------------------------------------------------------------------------

def office_problem(project_code: str, n: int, status: str = "open", item_version: int = 1) -> dict:
    history = [{"status": "open", "at": "2026-06-01T10:00:00+08:00", "by": "wangfang"}]
    if status != "open":
        history.append({"status": status, "at": "2026-07-01T10:00:00+08:00", "by": "liuqiang"})
    return factories.problem(project_code, n, status=status, history=history, rev=len(history),
                             item={"template": "zj-problem", "version": item_version, "item": "lin-01"})


def add_office_problems(db: Path, problems: list[dict]) -> None:
    """As ingesting inspectors' bundles leaves them: every revision in records, the current one marked."""
    conn = sqlite3.connect(db)
    with conn:
        for p in problems:
            data = json.dumps(p, ensure_ascii=False)
            conn.execute(
                "INSERT INTO records (kind, id, rev, base_rev, author, device, project_code, visit_id, data, sha256, "
                "bundle_id) VALUES ('problem', ?, ?, NULL, ?, ?, ?, NULL, ?, ?, NULL)",
                (p["id"], p["rev"], p["author"], p["device"], p["project_code"], data,
                 hashlib.sha256(data.encode()).hexdigest()),
            )
            conn.execute("INSERT INTO current (kind, id, rev) VALUES ('problem', ?, ?)", (p["id"], p["rev"]))
    conn.close()


@pytest.fixture
def stocked(desk, tmp_path):
    """The office with projects, zj-problem v1 and v2, and problems from earlier rounds."""
    assert desk("projects", "import", str(write(tmp_path / "projects.json", projects()))).exit_code == 0
    v1 = factories.template()
    v2 = copy.deepcopy(v1)
    v2["version"] = 2
    v2["sections"][0]["items"][0]["prompt"] = "邻里中心是否已建成、对居民开放并公示开放时间？"
    for name, template in (("v1.json", v1), ("v2.json", v2)):
        assert desk("templates", "import", str(write(tmp_path / name, template))).exit_code == 0
    add_office_problems(desk.db, [
        office_problem("HZ-GL-001", 1),                       # open: to re-check
        office_problem("HZ-GL-001", 2, "rectifying"),         # still to re-check
        office_problem("HZ-GL-001", 3, "verified"),           # confirmed fixed: no visit needed
        office_problem("HZ-GL-001", 4, "closed"),             # withdrawn or closed
        office_problem("NB-YZ-001", 5),                       # another project
    ])
    return desk


def laptop(tmp_path, *args: str, lang: str = "zh"):
    return CliRunner().invoke(cli, ["--lang", lang, "--db", str(tmp_path / "laptop.db"), *args],
                              catch_exceptions=False)


def test_assign_writes_a_signed_assignment_a_trusting_laptop_loads(stocked, tmp_path):
    result = stocked("assign", "--inspector", "zhangwei", "--round", "R2026-3", "--round-name", "2026年第三轮督导",
                     "--project", "HZ-GL-001", "--project", "HZ-XS-002", "--template", "zj-problem")
    assert result.exit_code == 0, result.output
    path = tmp_path / "assignment-zhangwei-R2026-3.json"
    assert str(path) in result.output and "项目 2 个，检查表 1 份，待复查问题 2 个" in result.output
    office_key = load_identity(stocked.identity)
    assert office_key.fingerprint in result.output

    envelope = open_document(path.read_text(encoding="utf-8"), "assignment")
    assert envelope.signer.public_key == office_key.public_key_text
    payload = json.loads(envelope.payload)
    assert payload["id"] == "R2026-3-zhangwei" and payload["issued_by"] == "省未来社区专班办公室"
    assert payload["inspector"] == {"id": "zhangwei", "name": "张伟"}
    assert [p["code"] for p in payload["projects"]] == ["HZ-GL-001", "HZ-XS-002"]
    assert payload["checklists"] == [{"id": "zj-problem", "version": 2}]  # the newest by default
    # v1 rides along: the problems to re-check were raised on it
    assert sorted(t["version"] for t in payload["templates"]) == [1, 2]
    assert sorted(p["status"] for p in payload["open_problems"]) == ["open", "rectifying"]

    assert rows(stocked.db, "SELECT id, inspector_id, round_id FROM assignments") == [
        ("R2026-3-zhangwei", "zhangwei", "R2026-3")]
    assert rows(stocked.db, "SELECT assignment_id, inspector_id, project_code FROM assignment_projects "
                            "ORDER BY project_code") == [
        ("R2026-3-zhangwei", "zhangwei", "HZ-GL-001"), ("R2026-3-zhangwei", "zhangwei", "HZ-XS-002")]

    # a laptop that trusts this office (its identity.json handed over) loads it
    assert laptop(tmp_path, "trust", "--office-key-file", str(stocked.identity / "identity.json")).exit_code == 0
    loaded = laptop(tmp_path, "load", str(path))
    assert loaded.exit_code == 0 and "已载入任务包 R2026-3-zhangwei" in loaded.output, loaded.output
    db = tmp_path / "laptop.db"
    assert rows(db, "SELECT template_id, template_version FROM assignment_checklists") == [("zj-problem", 2)]
    assert rows(db, "SELECT id, version FROM templates ORDER BY version") == [("zj-problem", 1), ("zj-problem", 2)]
    assert sorted(r[0] for r in rows(db, "SELECT status FROM problems")) == ["open", "rectifying"]
    assert rows(db, "SELECT code FROM projects ORDER BY code") == [("HZ-GL-001",), ("HZ-XS-002",)]

    # issued again for the same round (another project): a new id, and the laptop takes it as an update
    again = stocked("assign", "--inspector", "zhangwei", "--round", "R2026-3", "--round-name", "2026年第三轮督导",
                    "--city", "ningbo", "--project", "HZ-GL-001", "--template", "zj-problem:1",
                    "-o", str(tmp_path / "out" / "again.json"))
    assert again.exit_code == 0, again.output
    updated = laptop(tmp_path, "load", str(tmp_path / "out" / "again.json"))
    assert updated.exit_code == 0 and "已更新任务包 R2026-3-zhangwei-2" in updated.output, updated.output
    assert rows(stocked.db, "SELECT project_code FROM assignment_projects WHERE assignment_id = 'R2026-3-zhangwei-2' "
                            "ORDER BY project_code") == [("HZ-GL-001",), ("NB-YZ-001",)]


def test_assign_from_a_projects_file(stocked, tmp_path):
    codes = write(tmp_path / "codes.csv", "code,name\nNB-YZ-001,划船未来社区\n# a comment\n\nHZ-XS-002\n")
    result = stocked("assign", "--inspector", "zhangwei", "--round", "R2026-3", "--round-name", "第三轮",
                     "--projects-file", str(codes), "--template", "zj-problem", "-o", "a.json", lang="en")
    assert result.exit_code == 0, result.output
    payload = json.loads(open_document((tmp_path / "a.json").read_text(encoding="utf-8"), "assignment").payload)
    assert [p["code"] for p in payload["projects"]] == ["NB-YZ-001", "HZ-XS-002"]
    assert len(payload["open_problems"]) == 1


@pytest.mark.parametrize(
    "args, fragments",
    [
        (["--inspector", "lina"], ["督导员 lina 尚未登记"]),
        (["--project", "XX-404,HZ-GL-001"], ["XX-404", "没有这些项目（1 个）"]),
        (["--template", "zj-innovation"], ["zj-innovation"]),
        (["--template", "zj-problem:7"], ["zj-problem:7"]),
        (["--template", "zj-problem:x"], ["zj-problem:x"]),
        (["--city", "lishui"], ["lishui"]),
        (["--round", "第三轮"], ["第三轮"]),
        (["--round", "R" * 60], ["R" * 60 + "-zhangwei"]),
        (["--round-name", " "], ["round.name"]),
        (["--projects-file", "missing.txt"], ["missing.txt", "没有这个文件"]),
    ],
)
def test_assign_refusals_write_and_record_nothing(stocked, tmp_path, args, fragments):
    defaults = {"--inspector": "zhangwei", "--round": "R2026-3", "--round-name": "第三轮", "--template": "zj-problem"}
    given = dict(zip(args[::2], args[1::2]))
    options = [part for key, value in {**defaults, **given}.items() for part in (key, value)]
    if not {"--project", "--city", "--projects-file"} & set(given):
        options += ["--project", "HZ-GL-001"]
    before = digest(stocked.db)
    result = stocked("assign", *options)
    assert_refused(result, stocked.db, before, *fragments)
    assert not list(tmp_path.glob("assignment-*.json"))


def test_assign_needs_projects_and_the_office_key(stocked, tmp_path):
    before = digest(stocked.db)
    result = stocked("assign", "--inspector", "zhangwei", "--round", "R1", "--round-name", "一", "--template", "zj-problem")
    assert_refused(result, stocked.db, before, "--project")
    (stocked.identity / "identity.json").unlink()
    result = stocked("assign", "--inspector", "zhangwei", "--round", "R1", "--round-name", "一",
                     "--template", "zj-problem", "--project", "HZ-GL-001")
    assert_refused(result, stocked.db, before, "inspector office init")


def test_a_problem_on_a_checklist_the_office_lacks_is_refused(stocked, tmp_path):
    add_office_problems(stocked.db, [office_problem("HZ-XS-002", 9, item_version=5)])
    before = digest(stocked.db)
    result = stocked("assign", "--inspector", "zhangwei", "--round", "R1", "--round-name", "一",
                     "--template", "zj-problem", "--project", "HZ-XS-002")
    assert_refused(result, stocked.db, before, "HZ-XS-002", "zj-problem v5")


def test_a_file_that_cannot_be_written_records_nothing(stocked, tmp_path):
    (tmp_path / "blocker").write_text("a file where a folder should be", encoding="utf-8")
    before = digest(stocked.db)
    result = stocked("assign", "--inspector", "zhangwei", "--round", "R1", "--round-name", "一",
                     "--template", "zj-problem", "--project", "HZ-GL-001", "-o", str(tmp_path / "blocker" / "a.json"))
    assert_refused(result, stocked.db, before, "blocker", "未签发")
    assert rows(stocked.db, "SELECT count(*) FROM assignments") == [(0,)]


def test_a_database_failure_is_one_line(stocked, tmp_path):
    conn = sqlite3.connect(stocked.db)
    conn.execute("DROP TABLE current")
    conn.commit()
    conn.close()
    before = digest(stocked.db)
    result = stocked("assign", "--inspector", "zhangwei", "--round", "R1", "--round-name", "一",
                     "--template", "zj-problem", "--project", "HZ-GL-001")
    # SQLite's own English ("no such table: current") is said by its kind.
    assert_refused(result, stocked.db, before, "无法读取数据库", "数据库中没有表 current")
    assert "no such table" not in result.output
    assert not list(tmp_path.glob("assignment-*.json"))


def test_the_office_review_and_ledger_decide_what_is_re_checked(stocked, tmp_path):
    """Rejected and merged problems stay home, a closed (销号) ledger entry
    needs no visit, an open entry goes whatever the record's own status."""
    ids = {n: factories.problem("HZ-GL-001", n)["id"] for n in (1, 2, 3)}
    conn = sqlite3.connect(stocked.db)
    with conn:
        conn.execute("INSERT INTO reviews (kind, id, state, rev, at) VALUES ('problem', ?, 'rejected', 1, 'x')",
                     (ids[1],))
        for problem_id, number, status in ((ids[2], "2026-2-HZ-001", "closed"), (ids[3], "2026-2-HZ-002", "pending")):
            conn.execute("INSERT INTO ledger (problem_id, number, round_id, city, seq, project_code, rectification, "
                         "status, opened_at, opened_by) VALUES (?, ?, 'R2026-2', 'hangzhou', ?, 'HZ-GL-001', "
                         "'deadline', ?, 'x', 'ceshi')", (problem_id, number, int(number[-1]), status))
    conn.close()
    result = stocked("assign", "--inspector", "zhangwei", "--round", "R2026-3", "--round-name", "第三轮",
                     "--project", "HZ-GL-001", "--template", "zj-problem")
    assert result.exit_code == 0, result.output
    payload = json.loads(open_document((tmp_path / "assignment-zhangwei-R2026-3.json").read_text("utf-8"),
                                       "assignment").payload)
    # 1 rejected, 2 closed in the ledger (though its record says rectifying), 3 verified but open in the ledger
    assert [p["id"] for p in payload["open_problems"]] == [ids[3]]
