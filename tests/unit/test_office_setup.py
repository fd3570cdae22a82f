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
from support import office

ZHANGWEI_KEY = office("laptop-zhangwei").public_key_text
LINA_KEY = office("laptop-lina").public_key_text
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def run(*args: str, lang: str = "zh", input: str | None = None):
    return CliRunner().invoke(cli, ["--lang", lang, *args], catch_exceptions=False, input=input)


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
    result = run("office", "init", "--office-db", str(db))
    assert result.exit_code == 0, result.output
    folder = db.parent / "office-identity"
    assert load_identity(folder).id == "zhuanban"
    assert str(folder) in result.output and str(db) in result.output
    assert not (data_dir() / "office-identity").exists()  # the real office's place is left alone
    english = run("office", "init", "--office-db", str(tmp_path / "other.db"), lang="en")
    assert english.exit_code == 0, english.output
    assert str(tmp_path / "other-identity") in english.output


def test_a_test_office_and_the_real_one_live_on_one_machine(tmp_path):
    real = run("office", "init")
    assert real.exit_code == 0, real.output
    test = run("office", "--office-db", str(tmp_path / "test.db"), "init", "--name", "测试办公室")
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
    assert run("office", "init", "--office-db", str(db)).exit_code == 0
    before = (tmp_path / "office-identity" / "identity.json").read_bytes()
    again = run("office", "init", "--office-db", str(db))
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
    open_office_db(db).close()
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
    again = run("office", "init", "--office-db", str(db))
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
    assert run("office", "init", "--office-db", str(db)).exit_code == 0
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
    assert run("office", "init", "--office-db", str(other)).exit_code == 0
    assert "zj-problem" not in run("office", "checklists", "list", "--office-db", str(other)).output
    help_text = run("office", "projects", "import", "--help").output
    assert "--office-db" in help_text


# -- a laptop database and an office database told apart ------------------------------

def test_a_laptop_command_on_an_office_database_says_what_it_is(tmp_path):
    db = tmp_path / "office.db"
    assert run("office", "init", "--office-db", str(db)).exit_code == 0
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
