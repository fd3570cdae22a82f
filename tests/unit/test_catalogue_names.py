"""Project files as offices write them (issue 10, item 6): the Chinese (and
English) names people type wherever a vocabulary code goes, Chinese column
headers, every bad cell named, and the sample fixtures/projects.csv."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import factories
from inspector.cli import cli
from inspector.i18n import LANGS
from inspector.models import Project
from inspector.office.catalogue import ProjectsRefused, read_projects
from inspector.office.names import vocabulary_code

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def desk(tmp_path):
    db = tmp_path / "office.db"

    def run(*args: str, lang: str = "zh"):
        return CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(db), *args],
                                  catch_exceptions=False)

    assert run("init").exit_code == 0
    assert run("users", "add", "--id", "ceshi", "--name", "测试员").exit_code == 0
    run.db = db
    return run


def stored(db: Path) -> dict[str, dict]:
    conn = sqlite3.connect(db)
    try:
        return {code: json.loads(data) for code, data in conn.execute("SELECT code, data FROM projects")}
    finally:
        conn.close()


def csv_file(tmp_path: Path, text: str, name: str = "projects.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("vocabulary, text, code", [
    ("City", "杭州", "hangzhou"), ("City", "杭州市", "hangzhou"), ("City", " Hangzhou ", "hangzhou"),
    ("City", "NINGBO", "ningbo"), ("City", "ｎｉｎｇｂｏ", "ningbo"),
    ("CreationType", "整合提升类", "integrate_improve"), ("CreationType", "整合提升", "integrate_improve"),
    ("CreationType", "integrate & improve", "integrate_improve"), ("CreationType", "renovation", "renovation"),
    ("Orientation", "普惠型", "broad_benefit"), ("Orientation", "引领", "leading"),
    ("Scenario", "未来健康", "health"), ("Scenario", "健康", "health"), ("Scenario", "党建统领", "party_building"),
    ("Scenario", "Low carbon", "low_carbon"),
    ("ScenarioRole", "标配", "standard"), ("ScenarioRole", "选配", "optional"), ("ScenarioRole", "Optional", "optional"),
    ("City", "北京", None), ("Scenario", "未来", None),
])
def test_a_vocabulary_code_from_what_people_type(vocabulary, text, code):
    assert vocabulary_code(vocabulary, text) == code


def test_every_name_on_screen_is_accepted_back():
    for table in LANGS.values():
        for vocabulary in ("City", "CreationType", "Orientation", "Scenario", "ScenarioRole"):
            for code, name in table.LABELS[vocabulary].items():
                assert vocabulary_code(vocabulary, name) == code, (vocabulary, name)
                assert vocabulary_code(vocabulary, code) == code


NAMES_CSV = (
    "code,name,city,district,creation_type,orientation,batch,rural,scenarios\n"
    "HZ-GL-001,瓜沥七彩未来社区,杭州,萧山区,整合提升类,,试点第一批,否,未来邻里:标配;未来创业:选配\n"
    "QZ-JS-005,石门村乡村未来社区,衢州市,江山市,旧改类,普惠型,2023乡村创建,乡村,未来健康:标配；教育：选配\n"
    "NB-YZ-001,划船未来社区,Ningbo,鄞州区,Demolish & Rebuild,leading,第二批,urban,health:standard\n"
)


def test_names_are_taken_as_codes(desk, tmp_path):
    result = desk("projects", "import", str(csv_file(tmp_path, NAMES_CSV)))
    assert result.exit_code == 0, result.output
    projects = stored(desk.db)
    assert projects["HZ-GL-001"]["city"] == "hangzhou"
    assert projects["HZ-GL-001"]["creation_type"] == "integrate_improve"
    assert projects["HZ-GL-001"]["scenarios"] == {"neighbourhood": "standard", "entrepreneurship": "optional"}
    assert projects["HZ-GL-001"]["rural"] is False
    assert projects["QZ-JS-005"]["city"] == "quzhou" and projects["QZ-JS-005"]["orientation"] == "broad_benefit"
    assert projects["QZ-JS-005"]["scenarios"] == {"health": "standard", "education": "optional"}
    assert projects["QZ-JS-005"]["rural"] is True
    assert projects["NB-YZ-001"]["creation_type"] == "demolish_rebuild"
    assert projects["NB-YZ-001"]["rural"] is False


def test_chinese_headers(desk, tmp_path):
    header = "项目编号,项目名称,城市,区县,创建类型,批次,乡村,场景,联系人,联系电话,户数,投资（万元）,纬度,经度\n"
    row = "HZ-GL-001,瓜沥七彩未来社区,杭州,萧山区,整合提升类,试点第一批,否,未来健康:标配,王敏,0571-1,5200,12000,30.18,120.46\n"
    result = desk("projects", "import", str(csv_file(tmp_path, header + row)))
    assert result.exit_code == 0, result.output
    project = stored(desk.db)["HZ-GL-001"]
    assert project["contact"] == {"name": "王敏", "phone": "0571-1"}
    assert project["location"] == {"lat": 30.18, "lon": 120.46}
    assert project["households"] == 5200 and project["investment_wan"] == "12000"
    # half-width brackets and spaces in a header are the same header
    again = csv_file(tmp_path, header.replace("投资（万元）", "投资 (万元)") + row, "again.csv")
    assert desk("projects", "import", str(again)).exit_code == 0


def test_json_takes_names_too(desk, tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps([factories.project(city="宁波", creation_type="拆除重建类",
                                                  scenarios={"未来健康": "标配", "education": "选配"})],
                               ensure_ascii=False), encoding="utf-8")
    assert desk("projects", "import", str(path)).exit_code == 0
    project = stored(desk.db)["HZ-GL-001"]
    assert (project["city"], project["creation_type"]) == ("ningbo", "demolish_rebuild")
    assert project["scenarios"] == {"health": "standard", "education": "optional"}


def test_every_bad_cell_is_named(desk, tmp_path):
    bad = (
        "项目编号,项目名称,城市,区县,创建类型,批次,乡村,场景,户数\n"
        "HZ-GL-001,瓜沥,北京,萧山区,整合提升类,第一批,否,未来健康:标配,很多\n"         # city, households
        "HZ-GL-002,某社区,杭州,萧山区,拆迁类,第一批,也许,未来健康:必配;未来太空:标配,1\n"  # type, rural, 2 scenarios
        "HZ-GL-003,,杭州,萧山区,旧改类,,否,,\n"                                       # name, batch missing
        "HZ-GL-001,重复,杭州,萧山区,旧改类,第一批,否,,\n"                              # code used twice
    )
    path = csv_file(tmp_path, bad)
    before = stored(desk.db)
    result = desk("projects", "import", str(path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    expected = [
        ("row 2 (HZ-GL-001)", "城市", "北京"), ("row 2 (HZ-GL-001)", "户数", ""),
        ("row 3 (HZ-GL-002)", "创建类型", "拆迁类"), ("row 3 (HZ-GL-002)", "乡村", "也许"),
        ("row 3 (HZ-GL-002)", "场景", "必配"), ("row 3 (HZ-GL-002)", "场景", "未来太空"),
        ("row 4 (HZ-GL-003)", "项目名称", "missing"), ("row 4 (HZ-GL-003)", "批次", "missing"),
        ("row 5 (HZ-GL-001)", "项目编号", "also used by row 2"),
    ]
    assert len(lines) == len(expected), result.stderr
    for line, (row, column, words) in zip(lines, expected):
        assert line.startswith("错误：" + str(path)), line
        number, code = re.fullmatch(r"row (\d+) \((.+)\)", row).groups()
        assert f"：第 {number} 行（{code}）：{column}列：" in line, line
        assert {"missing": "：缺少此项", "also used by row 2": "已用于第 2 行"}.get(words, words) in line, line
    assert "more problem" not in result.stderr
    assert stored(desk.db) == before
    # Chinese through and through: the refusals are worded, not only the cells quoted
    # (what pydantic says of a number, line 2, stays in its own words).
    for line in lines[:1] + lines[2:]:
        assert not re.search(r"\b(row|field|missing|is not|should|expected|also used)\b", line), line
    assert "不是城市" in lines[0] and "是否为乡村" in lines[3] and "不是场景角色" in lines[4]
    assert "不是场景" in lines[5] and "项目编号 HZ-GL-001 已用于第 2 行" in lines[-1]
    english = desk("projects", "import", str(path), lang="en")
    lines = english.stderr.strip().splitlines()
    assert len(lines) == len(expected), english.stderr
    for line, (row, column, words) in zip(lines, expected):
        assert line.startswith("error: " + str(path)), line
        assert f"{row}: field {column}: " in line and words in line, line
    assert "is not a city" in lines[0] and "is not a scenario role" in lines[4]


@pytest.mark.parametrize("text, zh, en", [
    ("项目编号,城市,城市\n", "：第 1 行：城市列：列重复（“城市”和“城市”）", ": row 1: field 城市: column appears twice"),
    ("项目编号,颜色\n", "：第 1 行：颜色列：未知的列", ": row 1: field 颜色: unknown column"),
    ("项目名称\n", "：第 1 行：需要“code”（项目编号）列", ": row 1: a 'code' (“项目编号”) column is needed"),
    ("项目编号\nA-1,2\n", "：第 2 行（A-1）：有 2 格，但只有 1 列", ": row 2 (A-1): 2 cells but 1 columns"),
    ("项目编号,场景\nA-1,未来健康:标配;健康:选配\n", "：第 2 行（A-1）：场景列：场景“健康”重复",
     ": row 2 (A-1): field 场景: scenario '健康' appears twice"),
    ("项目编号,场景\nA-1,未来健康\n", "：第 2 行（A-1）：场景列：“未来健康”应写作 场景:角色",
     ": row 2 (A-1): field 场景: '未来健康' should be scenario:role"),
    ("项目编号\n", "：没有项目", ": holds no projects"),
])
def test_project_file_refusals_speak_the_users_language(desk, tmp_path, text, zh, en):
    path = csv_file(tmp_path, text)
    for lang, words in (("zh", zh), ("en", en)):
        result = desk("projects", "import", str(path), lang=lang)
        assert result.exit_code == 2
        assert f"{path}{words}" in result.stderr, result.stderr
    assert stored(desk.db) == {}


@pytest.mark.parametrize("data, zh, en", [
    ({"x": 1}, "：应为项目列表", 'expected a list of projects'),
    ([1], "：projects[0]：应为一个项目（JSON 对象）", "projects[0]: expected a project (a JSON object)"),
    ([{**factories.project(), "scenarios": {"health": "standard", "未来健康": "optional"}}],
     "：projects[0] (HZ-GL-001)：字段 场景：场景“未来健康”重复", "field scenarios: scenario '未来健康' appears twice"),
])
def test_json_project_file_refusals_speak_the_users_language(desk, tmp_path, data, zh, en):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for lang, words in (("zh", zh), ("en", en)):
        result = desk("projects", "import", str(path), lang=lang)
        assert result.exit_code == 2
        assert words in result.stderr and str(path) in result.stderr, result.stderr


def test_every_bad_field_of_a_json_file_is_named(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps([factories.project(city="北京", households=-1),
                                factories.project("B-2", creation_type="x", batch="")], ensure_ascii=False),
                    encoding="utf-8")
    with pytest.raises(ProjectsRefused) as refused:
        read_projects(path)
    found = [(p.record, p.field) for p in refused.value.problems]
    assert found == [("projects[0] (HZ-GL-001)", "city"), ("projects[0] (HZ-GL-001)", "households"),
                     ("projects[1] (B-2)", "creation_type"), ("projects[1] (B-2)", "batch")]


def test_the_sample_projects_csv_imports_and_matches_the_fixtures(desk):
    sample = ROOT / "fixtures" / "projects.csv"
    result = desk("projects", "import", str(sample))
    assert result.exit_code == 0, result.output
    from inspector.assignment.reader import read_signed_assignment

    fixture = {p.code: p for p in read_signed_assignment(ROOT / "fixtures" / "assignment.json").assignment.projects}
    imported = stored(desk.db)
    assert len(imported) >= 3
    for code, data in imported.items():
        assert Project.model_validate(data) == fixture[code], code
    header = sample.read_text(encoding="utf-8").splitlines()[0]
    assert "项目编号" in header and "场景" in header  # the sample shows the Chinese headers


def test_the_readme_lists_every_code_and_its_names():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for vocabulary in ("City", "CreationType", "Orientation", "Scenario", "ScenarioRole"):
        for code, name in LANGS["zh"].LABELS[vocabulary].items():
            assert re.search(rf"`{code}`[^\n]*{re.escape(name)}", readme), (vocabulary, code, name)
    from inspector.office.catalogue import CHINESE_HEADERS

    for column, names in CHINESE_HEADERS.items():
        assert re.search(rf"`{column}`[^\n]*{re.escape(names[0])}", readme), column
