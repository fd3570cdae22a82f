"""An inspector's home city (issue 11, item 9: cross-inspection 交叉检查):
given at enrolment or later, by code or by name, logged, refused when unknown."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspector.cli import cli
from support import office

ZHANGWEI_KEY = office("laptop-zhangwei").public_key_text


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
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
    run.db = tmp_path / "office-data" / "office.db"
    return run


def test_enrol_with_a_home_city_by_chinese_name(desk):
    done = desk("enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", ZHANGWEI_KEY, "--home-city", "杭州市")
    assert done.exit_code == 0, done.output
    assert "杭州" in done.output
    assert rows(desk.db, "SELECT home_city FROM inspectors") == [("hangzhou",)]
    assert rows(desk.db, "SELECT user_id, action, subject FROM audit_log WHERE action = 'inspector.home_city'") == [
        ("ceshi", "inspector.home_city", "zhangwei")]


def test_enrol_again_without_a_city_keeps_it(desk):
    desk("enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", ZHANGWEI_KEY, "--home-city", "Ningbo")
    assert desk("enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", ZHANGWEI_KEY).exit_code == 0
    assert rows(desk.db, "SELECT home_city FROM inspectors") == [("ningbo",)]


def test_an_unknown_city_is_refused_and_nothing_is_enrolled(desk):
    before = digest(desk.db)
    refused = desk("enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", ZHANGWEI_KEY,
                   "--home-city", "上海", lang="en")
    assert refused.exit_code == 2
    assert refused.stderr.strip().splitlines() == [refused.stderr.strip()]
    assert "上海" in refused.stderr and "Traceback" not in refused.output
    assert digest(desk.db) == before


def test_set_city_later_and_clear_it(desk):
    desk("enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", ZHANGWEI_KEY)
    done = desk("inspectors", "set-city", "zhangwei", "wenzhou", lang="en")
    assert done.exit_code == 0 and "Wenzhou" in done.output
    assert rows(desk.db, "SELECT home_city FROM inspectors") == [("wenzhou",)]
    assert desk("inspectors", "set-city", "zhangwei", "--clear").exit_code == 0
    assert rows(desk.db, "SELECT home_city FROM inspectors") == [(None,)]
    assert rows(desk.db, "SELECT detail FROM audit_log WHERE action = 'inspector.home_city' ORDER BY seq") == [
        ('{"from": null, "to": "wenzhou"}',), ('{"from": "wenzhou", "to": null}',)]


@pytest.mark.parametrize("args, fragment", [
    (("nobody", "杭州"), "nobody"),
    (("zhangwei", "火星"), "火星"),
    (("zhangwei",), "--clear"),
])
def test_set_city_refusals_change_nothing(desk, args, fragment):
    desk("enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", ZHANGWEI_KEY)
    before = digest(desk.db)
    refused = desk("inspectors", "set-city", *args)
    assert refused.exit_code == 2, refused.output
    assert fragment in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert digest(desk.db) == before


def test_audit_words_in_both_languages():
    from inspector.i18n import has

    for lang in ("zh", "en"):
        for action in ("inspector.home_city", "plan.write", "plan.issue"):
            assert has(f"audit.action.{action}", lang)
