from __future__ import annotations

import os
import stat
import sys

import pytest
from click.testing import CliRunner

from inspector.cli import cli
from inspector.identity import IdentityError, create_identity, fingerprint, load_identity
from inspector.identity.keys import PRIVATE_FILE, verify


def test_create_sign_verify_and_reload(tmp_path):
    made = create_identity(tmp_path / "id", "zhangwei", "张伟")
    signature = made.sign(b"manifest")
    assert verify(made.public_key, signature, b"manifest")
    assert not verify(made.public_key, signature, b"manifest, altered")
    loaded = load_identity(tmp_path / "id")
    assert (loaded.id, loaded.name, loaded.public_key) == ("zhangwei", "张伟", made.public_key)
    assert len(made.fingerprint) == 19 and made.fingerprint == fingerprint(made.public_key)
    if sys.platform != "win32":
        mode = stat.S_IMODE(os.stat(tmp_path / "id" / PRIVATE_FILE).st_mode)
        assert mode == 0o600  # readable by the owner only


def test_an_identity_is_not_replaced_by_accident(tmp_path):
    first = create_identity(tmp_path / "id", "zhangwei", "张伟")
    with pytest.raises(IdentityError, match="exists already"):
        create_identity(tmp_path / "id", "zhangwei", "张伟")
    second = create_identity(tmp_path / "id", "zhangwei", "张伟", replace=True)
    assert second.public_key != first.public_key
    with pytest.raises(IdentityError, match="must be letters"):
        create_identity(tmp_path / "x", "张 伟", "张伟")


def test_cli_init_and_show(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    shown = runner.invoke(cli, ["identity", "show"])
    assert shown.exit_code == 2 and "identity init" in shown.stderr
    made = runner.invoke(cli, ["identity", "init", "--id", "zhangwei", "--name", "张伟"])
    assert made.exit_code == 0 and "zhangwei" in made.output
    again = runner.invoke(cli, ["identity", "init", "--id", "zhangwei", "--name", "张伟"])
    assert again.exit_code == 2
    shown = runner.invoke(cli, ["--lang", "en", "identity", "show"])
    assert shown.exit_code == 0 and "fingerprint" in shown.output
    assert load_identity(tmp_path / "identity").public_key_text in shown.output
    (tmp_path / "identity" / "identity.json").write_text("{broken", encoding="utf-8")
    broken = runner.invoke(cli, ["identity", "show"])
    assert broken.exit_code == 2 and "身份文件已损坏" in broken.stderr


def test_office_init_and_enrol(tmp_path, monkeypatch):
    import sqlite3

    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    assert runner.invoke(cli, ["identity", "init", "--id", "zhangwei", "--name", "张伟"]).exit_code == 0
    key = load_identity(tmp_path / "identity").public_key_text
    office = runner.invoke(cli, ["office", "init"])
    assert office.exit_code == 0 and (tmp_path / "office.db").is_file()
    assert runner.invoke(cli, ["office", "init"]).exit_code == 2  # one office key, kept
    assert runner.invoke(cli, ["office", "users", "add", "--id", "ceshi", "--name", "测试员"]).exit_code == 0

    enrolled = runner.invoke(cli, ["office", "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", key])
    assert enrolled.exit_code == 0 and fingerprint(load_identity(tmp_path / "identity").public_key) in enrolled.output
    before = (tmp_path / "office.db").read_bytes()
    for args, message in (
        (["--id", "zhangwei", "--name", "张伟", "--public-key", "not base64!"], "base64"),
        (["--id", "zhangwei", "--name", "张伟", "--public-key", "QUJD"], "应为 32 字节"),
        (["--id", "lina", "--name", "李娜", "--public-key", key], "已属于督导员 zhangwei"),
    ):
        refused = runner.invoke(cli, ["office", "enrol", *args])
        assert refused.exit_code == 2 and message in refused.stderr, refused.stderr
    other = create_identity(tmp_path / "other", "zhangwei", "张伟").public_key_text
    refused = runner.invoke(cli, ["office", "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", other])
    assert refused.exit_code == 2 and "--replace" in refused.stderr
    assert (tmp_path / "office.db").read_bytes() == before
    assert runner.invoke(cli, ["office", "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", other,
                               "--replace"]).exit_code == 0
    rows = sqlite3.connect(tmp_path / "office.db").execute("SELECT id, public_key FROM inspectors").fetchall()
    assert rows == [("zhangwei", other)]
