"""Setting up an office where it is told (issue 10, item 5): the office key
beside its database, --office-db on every office command, a laptop database
and an office database told apart, and the office's lists of projects and
assignments, with withdrawing a wrong assignment."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import factories
from inspector.cli import cli
from inspector.identity import create_identity, load_identity, open_document
from support import staffed, office

ZHANGWEI_KEY = office("laptop-zhangwei").public_key_text
LINA_KEY = office("laptop-lina").public_key_text
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def run(*args: str, lang: str = "zh", input: str | None = None):
    return CliRunner().invoke(cli, ["--lang", lang, *args], catch_exceptions=False, input=input)


def init_office(*args: str, lang: str = "zh"):
    """`office ARGS` (an init), then the first member of staff registered in the same database."""
    result = run("office", *args, lang=lang)
    if result.exit_code == 0:
        where = list(args[args.index("--office-db"):][:2]) if "--office-db" in args else []
        assert run("office", "users", "add", "--id", "ceshi", "--name", "测试员", *where).exit_code == 0
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def write(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def signer(path: Path) -> str:
    return open_document(path.read_text(encoding="utf-8"), "assignment").signer.public_key


def data_dir() -> Path:
    import os

    return Path(os.environ["INSPECTOR_DATA_DIR"])


# -- the office key beside its database --------------------------------------------

def test_init_says_where_the_key_went_and_puts_it_beside_the_database(tmp_path):
    db = tmp_path / "test-office" / "office.db"
    result = init_office("init", "--office-db", str(db))
    assert result.exit_code == 0, result.output
    folder = db.parent / "office-identity"
    assert load_identity(folder).id == "zhuanban"
    assert str(folder) in result.output and str(db) in result.output
    assert not (data_dir() / "office-identity").exists()  # the real office's place is left alone
    english = init_office("init", "--office-db", str(tmp_path / "other.db"), lang="en")
    assert english.exit_code == 0, english.output
    assert str(tmp_path / "other-identity") in english.output


def test_a_test_office_and_the_real_one_live_on_one_machine(tmp_path):
    real = init_office("init")
    assert real.exit_code == 0, real.output
    test = init_office("--office-db", str(tmp_path / "test.db"), "init", "--name", "测试办公室")
    assert test.exit_code == 0, test.output
    real_key = load_identity(data_dir() / "office-identity")
    test_key = load_identity(tmp_path / "test-identity")
    assert real_key.fingerprint != test_key.fingerprint
    assert real_key.fingerprint in real.output and test_key.fingerprint in test.output

    # Each office signs with its own key.
    for db, key in ((None, real_key), (tmp_path / "test.db", test_key)):
        where = ["--office-db", str(db)] if db else []
        assert run("office", "enrol", *where, "--id", "zhangwei", "--name", "张伟",
                   "--public-key", ZHANGWEI_KEY).exit_code == 0
        project = write(tmp_path / "p.json", [factories.project()])
        template = write(tmp_path / "t.json", factories.template())
        assert run("office", "projects", "import", str(project), *where).exit_code == 0
        assert run("office", "templates", "import", str(template), *where).exit_code == 0
        out = tmp_path / f"a-{key.fingerprint}.json"
        result = run("office", "assign", *where, "--inspector", "zhangwei", "--round", "R1", "--round-name", "第一轮",
                     "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert key.fingerprint in result.output
        assert signer(out) == key.public_key_text


def test_init_again_keeps_the_key_and_says_where_it_is(tmp_path):
    db = tmp_path / "office.db"
    assert init_office("init", "--office-db", str(db)).exit_code == 0
    before = (tmp_path / "office-identity" / "identity.json").read_bytes()
    again = init_office("init", "--office-db", str(db))
    assert again.exit_code == 2
    assert str(tmp_path / "office-identity") in again.stderr and "Traceback" not in again.output
    assert (tmp_path / "office-identity" / "identity.json").read_bytes() == before


def test_an_office_whose_key_sits_in_the_old_place_keeps_working(tmp_path):
    """Before, the key always went to office-identity in the data folder,
    whatever --office-db said. Such an office goes on with that key, and is
    told where it is and where it belongs."""
    from inspector.office.db import open_office_db

    old = create_identity(data_dir() / "office-identity", "zhuanban", "专班办公室")
    db = tmp_path / "elsewhere" / "central.db"
    staffed(db)
    assert run("office", "enrol", "--office-db", str(db), "--id", "zhangwei", "--name", "张伟",
               "--public-key", ZHANGWEI_KEY).exit_code == 0
    assert run("office", "projects", "import", str(write(tmp_path / "p.json", [factories.project()])),
               "--office-db", str(db)).exit_code == 0
    assert run("office", "templates", "import", str(write(tmp_path / "t.json", factories.template())),
               "--office-db", str(db)).exit_code == 0
    out = tmp_path / "a.json"
    result = run("office", "assign", "--office-db", str(db), "--inspector", "zhangwei", "--round", "R1",
                 "--round-name", "第一轮", "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert signer(out) == old.public_key_text
    assert str(data_dir() / "office-identity") in result.stderr
    assert str(db.parent / "central-identity") in result.stderr
    # init on that office does not make a second key beside it
    again = init_office("init", "--office-db", str(db))
    assert again.exit_code == 2 and str(data_dir() / "office-identity") in again.stderr
    assert not (db.parent / "central-identity").exists()


def test_the_key_found_for_a_database(tmp_path):
    from inspector.office.keys import find_office_key, office_key_folder

    db = tmp_path / "x" / "round.db"
    assert office_key_folder(db) == tmp_path / "x" / "round-identity"
    assert find_office_key(db, tmp_path / "data") is None  # none anywhere
    legacy = create_identity(tmp_path / "data" / "office-identity", "zhuanban", "旧")
    assert find_office_key(db, tmp_path / "data") is None  # no database yet: a new office, not the old one
    db.parent.mkdir()
    from inspector.office.db import open_office_db

    open_office_db(db).close()
    found = find_office_key(db, tmp_path / "data")
    assert found.identity.public_key == legacy.public_key and found.legacy
    beside = create_identity(tmp_path / "x" / "round-identity", "zhuanban", "新")
    found = find_office_key(db, tmp_path / "data")
    assert found.identity.public_key == beside.public_key and not found.legacy


# -- --office-db wherever it is written ----------------------------------------------

def test_office_db_is_taken_after_any_office_subcommand(tmp_path, monkeypatch):
    db = tmp_path / "o.db"
    assert init_office("init", "--office-db", str(db)).exit_code == 0
    template = FIXTURES / "templates" / "problem-checklist.v1.json"
    result = run("office", "checklists", "import", str(template), "--office-db", str(db))
    assert result.exit_code == 0, result.output
    assert run("office", "checklists", "publish", "--office-db", str(db), "zj-problem").exit_code == 0
    listed = run("office", "checklists", "list", "--office-db", str(db))
    assert listed.exit_code == 0 and "zj-problem" in listed.output, listed.output
    assert run("office", "enrol", "--office-db", str(db), "--id", "zhangwei", "--name", "张伟",
               "--public-key", ZHANGWEI_KEY).exit_code == 0
    status = run("office", "status", "--office-db", str(db))
    assert "zhangwei" in status.output
    assert not (data_dir() / "office.db").exists()  # nothing went to the default office

    # The environment is read too, and a flag after the subcommand wins over it.
    monkeypatch.setenv("INSPECTOR_OFFICE_DB", str(db))
    assert "zj-problem" in run("office", "checklists", "list").output
    other = tmp_path / "other.db"
    assert init_office("init", "--office-db", str(other)).exit_code == 0
    assert "zj-problem" not in run("office", "checklists", "list", "--office-db", str(other)).output
    help_text = run("office", "projects", "import", "--help").output
    assert "--office-db" in help_text


# -- a laptop database and an office database told apart ------------------------------

def test_a_laptop_command_on_an_office_database_says_what_it_is(tmp_path):
    db = tmp_path / "office.db"
    assert init_office("init", "--office-db", str(db)).exit_code == 0
    before = digest(db)
    for args in (["load", str(FIXTURES / "assignment.json")], ["export"], ["identity", "show"], ["tui"]):
        result = run("--db", str(db), *args)
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "办公室数据库" in lines[0] and "inspector office --office-db" in lines[0], lines[0]
        assert "already exists" not in result.output
    english = run("--db", str(db), "load", str(FIXTURES / "assignment.json"), lang="en")
    assert "office database" in english.stderr and "inspector office --office-db" in english.stderr
    assert digest(db) == before


def test_an_office_command_on_a_laptop_database_says_what_it_is(tmp_path):
    laptop = tmp_path / "laptop.db"
    assert run("--db", str(laptop), "load", str(FIXTURES / "assignment.json")).exit_code == 0
    before = digest(laptop)
    for args in (["projects", "list"], ["status"], ["checklists", "list"], ["enrol", "--id", "a", "--name", "A",
                                                                             "--public-key", ZHANGWEI_KEY]):
        result = run("office", "--office-db", str(laptop), *args)
        assert result.exit_code == 2, (args, result.output)
        assert "督导员电脑的数据库" in result.stderr and "inspector --db" in result.stderr, result.stderr
        assert "Traceback" not in result.output
    assert digest(laptop) == before


def test_the_store_refuses_the_other_kind_of_database(tmp_path):
    from inspector.office.db import open_office_db
    from inspector.store import open_db
    from inspector.store.errors import WrongDatabase

    office_path, laptop_path = tmp_path / "o.db", tmp_path / "l.db"
    open_office_db(office_path).close()
    open_db(laptop_path).close()
    with pytest.raises(WrongDatabase) as refused:
        open_db(office_path)
    assert refused.value.kind == "office"
    with pytest.raises(WrongDatabase) as refused:
        open_office_db(laptop_path)
    assert refused.value.kind == "laptop"


# -- what the office holds: projects and assignments ------------------------------------

def width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_starts(line: str, cells: list[str]) -> list[int]:
    """The display column where each cell begins in `line`."""
    starts, at = [], 0
    for cell in cells:
        index = line.index(cell, at)
        starts.append(width(line[:index]))
        at = index + len(cell)
    return starts


@pytest.fixture
def desk(tmp_path):
    db = tmp_path / "desk.db"

    def office_run(*args: str, lang: str = "zh", input: str | None = None):
        return run("office", *args, "--office-db", str(db), lang=lang, input=input)

    assert office_run("init").exit_code == 0
    assert office_run("users", "add", "--id", "ceshi", "--name", "测试员").exit_code == 0
    for who, key in (("zhangwei", ZHANGWEI_KEY), ("lina", LINA_KEY)):
        assert office_run("enrol", "--id", who, "--name", {"zhangwei": "张伟", "lina": "李娜"}[who],
                          "--public-key", key).exit_code == 0
    projects = [
        factories.project(),
        factories.project("NB-YZ-001", "划船未来社区", city="ningbo", district="鄞州区",
                          creation_type="demolish_rebuild"),
        factories.project("HZ-XS-002", "萧山某某某某未来社区", district="萧山区"),
    ]
    assert office_run("projects", "import", str(write(tmp_path / "p.json", projects))).exit_code == 0
    assert office_run("templates", "import", str(write(tmp_path / "t.json", factories.template()))).exit_code == 0
    office_run.db = db
    office_run.dir = tmp_path
    return office_run


def issue(desk, inspector: str, round_id: str, *codes: str):
    out = desk.dir / f"a-{inspector}-{round_id}-{len(list(desk.dir.iterdir()))}.json"
    args = ["assign", "--inspector", inspector, "--round", round_id, "--round-name", f"{round_id} 督导",
            "--template", "zj-problem", "-o", str(out)]
    for code in codes:
        args += ["--project", code]
    result = desk(*args)
    assert result.exit_code == 0, result.output
    return result


def test_projects_list_aligned_and_filtered_by_city(desk):
    result = desk("projects", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["编号", "名称", "城市", "区县", "类型"]
    body = {line.split()[0]: line for line in lines[1:]}
    assert set(body) == {"HZ-GL-001", "HZ-XS-002", "NB-YZ-001"}
    expected = {
        "HZ-GL-001": ["HZ-GL-001", "瓜沥七彩未来社区", "杭州", "萧山区", "整合提升类"],
        "HZ-XS-002": ["HZ-XS-002", "萧山某某某某未来社区", "杭州", "萧山区", "整合提升类"],
        "NB-YZ-001": ["NB-YZ-001", "划船未来社区", "宁波", "鄞州区", "拆除重建类"],
    }
    starts = {tuple(column_starts(body[code], cells)) for code, cells in expected.items()}
    assert len(starts) == 1, starts  # every column starts at the same place, CJK counted two cells
    assert list(starts)[0] == tuple(column_starts(lines[0], ["编号", "名称", "城市", "区县", "类型"]))

    for city in ("ningbo", "宁波", "Ningbo", "宁波市"):
        filtered = desk("projects", "list", "--city", city)
        assert [line.split()[0] for line in filtered.output.splitlines()[1:]] == ["NB-YZ-001"], city
    english = desk("projects", "list", "--city", "hangzhou", lang="en")
    assert english.output.splitlines()[0].split()[:2] == ["Code", "Name"]
    assert "Hangzhou" in english.output and "Integrate & improve" in english.output
    unknown = desk("projects", "list", "--city", "北京")
    assert unknown.exit_code == 2 and "北京" in unknown.stderr and "hangzhou" in unknown.stderr
    empty = desk("projects", "list", "--city", "lishui")
    assert empty.exit_code == 0 and "丽水" in empty.output


def test_assignments_list_says_who_has_which_projects_in_which_round(desk):
    issue(desk, "zhangwei", "R2026-3", "HZ-GL-001", "HZ-XS-002")
    issue(desk, "lina", "R2026-3", "NB-YZ-001")
    issue(desk, "zhangwei", "R2026-4", "NB-YZ-001")
    result = desk("assignments", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "R2026-3-zhangwei" in result.output and "R2026-3-lina" in result.output
    line = next(line for line in lines if "R2026-3-zhangwei" in line)
    assert "张伟" in line and "HZ-GL-001" in line and "HZ-XS-002" in line and "R2026-3" in line
    by_round = desk("assignments", "list", "--round", "R2026-4")
    assert "R2026-4-zhangwei" in by_round.output and "R2026-3" not in by_round.output
    by_inspector = desk("assignments", "list", "--inspector", "lina", lang="en")
    assert "R2026-3-lina" in by_inspector.output and "zhangwei" not in by_inspector.output
    none = desk("assignments", "list", "--round", "R1999-1")
    assert none.exit_code == 0 and "没有" in none.output


def test_withdrawing_a_wrong_assignment(desk):
    issue(desk, "zhangwei", "R2026-3", "NB-YZ-001")  # meant for lina
    asked = desk("assignments", "withdraw", "R2026-3-zhangwei", "--reason", "派错了人", input="n\n")
    assert asked.exit_code != 0
    unanswered = desk("assignments", "withdraw", "R2026-3-zhangwei", "--reason", "派错了人", input="")
    assert unanswered.exit_code != 0 and "Aborted" not in unanswered.output  # no answer is a no, said in Chinese
    assert "未撤回" in unanswered.stderr or "保留" in unanswered.stderr, unanswered.stderr
    assert rows(desk.db, "SELECT withdrawn_at FROM assignments") == [(None,)]
    done = desk("assignments", "withdraw", "R2026-3-zhangwei", "--reason", "派错了人", input="y\n")
    assert done.exit_code == 0, done.output
    assert "R2026-3-zhangwei" in done.output and "inspector assignments remove" in done.output
    assert rows(desk.db, "SELECT count(*) FROM assignments WHERE withdrawn_at IS NOT NULL") == [(1,)]
    listed = desk("assignments", "list")
    assert "已撤回" in next(line for line in listed.output.splitlines() if "R2026-3-zhangwei" in line)
    # Its projects are no longer zhangwei's to report on.
    from inspector.office.db import open_office_db

    db = open_office_db(desk.db)
    try:
        from inspector.office.assigning import assigned_projects

        assert "NB-YZ-001" not in assigned_projects(db.conn, "zhangwei")
    finally:
        db.close()
    again = desk("assignments", "withdraw", "R2026-3-zhangwei", "--reason", "派错了人", "--yes")
    assert again.exit_code == 2 and "已撤回" in again.stderr
    unknown = desk("assignments", "withdraw", "R9-nobody", "--reason", "派错了人", "--yes")
    assert unknown.exit_code == 2 and "R9-nobody" in unknown.stderr
    # The next issue for the round takes a new id: a laptop never sees one id with two contents.
    issue(desk, "zhangwei", "R2026-3", "HZ-GL-001")
    assert rows(desk.db, "SELECT id FROM assignments WHERE withdrawn_at IS NULL") == [("R2026-3-zhangwei-2",)]


def _received(db: Path, author: str, project: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO records (kind, id, rev, author, device, project_code, data, sha256) "
                     "VALUES ('visit', 'v1', 1, ?, 'laptop-1', ?, '{}', 'x')", (author, project))
    conn.close()


def test_an_assignment_the_office_holds_records_for_is_not_withdrawn(desk):
    issue(desk, "zhangwei", "R2026-3", "HZ-GL-001", "NB-YZ-001")
    _received(desk.db, "zhangwei", "NB-YZ-001")
    before = digest(desk.db)
    result = desk("assignments", "withdraw", "R2026-3-zhangwei", "--reason", "派错了人", "--yes")
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and "NB-YZ-001" in line and "1" in line, line
    assert digest(desk.db) == before
    # Records on a project another live assignment of theirs covers do not stand in the way.
    issue(desk, "zhangwei", "R2026-4", "NB-YZ-001")
    assert desk("assignments", "withdraw", "R2026-3-zhangwei", "--reason", "派错了人", "--yes").exit_code == 0
    assert rows(desk.db, "SELECT count(*) FROM records") == [(1,)]  # nothing received is lost


def test_an_assignment_with_a_held_bundle_waiting_is_not_withdrawn(desk):
    issue(desk, "lina", "R2026-3", "NB-YZ-001")
    conn = sqlite3.connect(desk.db)
    with conn:
        conn.execute("INSERT INTO bundles (id, inspector_id, sequence, since, full, status, sha256, size, "
                     "created_at, received_at, held_file, device) VALUES ('b3', 'lina', 3, 2, 0, 'held', 'x', 1, "
                     "'2026-01-01', '2026-01-01', 'held/b3.zip', 'laptop-1')")
    conn.close()
    result = desk("assignments", "withdraw", "R2026-3-lina", "--reason", "派错了人", "--yes", lang="en")
    assert result.exit_code == 2 and "held" in result.stderr, result.stderr


def test_assign_takes_a_city_by_its_name(desk):
    out = desk.dir / "a.json"
    result = desk("assign", "--inspector", "lina", "--round", "R1", "--round-name", "第一轮", "--city", "宁波",
                  "--template", "zj-problem", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert rows(desk.db, "SELECT project_code FROM assignment_projects") == [("NB-YZ-001",)]
