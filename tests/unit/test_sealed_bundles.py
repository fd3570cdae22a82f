"""Bundles encrypted to the office (issue 14 item 1), through the command
line: the office's encryption key travels inside the signed assignment, the
laptop seals its bundle to it, the office opens it and runs every check. A
bundle sealed to another office, a truncated one, one with an altered byte
and a plain one (where the office accepts only sealed bundles) are refused
in one line with the office database unchanged; a second tool (age) opens
what we seal."""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_trip import Side, laptop_side, office, receipt_of, written  # noqa: F401 - fixtures

from inspector.cli import cli
from inspector.identity import load_identity, sealing
from inspector.inspection import record
from inspector.store import open_db

from laptop import LIN_01


def dump(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def refused(side: Side, *args: str, lang: str = "en") -> str:
    result = CliRunner().invoke(cli, ["--lang", lang, *side.db_flag, *args], env={"INSPECTOR_DATA_DIR": str(side.root)})
    assert result.exit_code == 2, result.output + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines  # one line
    return lines[0]


@pytest.fixture
def sealed_bundle(tmp_path, office, laptop_side) -> Path:
    me = load_identity(laptop_side.root / "identity")
    office.run("office", "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", me.public_key_text)
    out = tmp_path / "assignment.json"
    office.run("office", "assign", "--inspector", "zhangwei", "--round", "R2026-2", "--round-name", "第二轮",
               "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(out))
    laptop_side.run("load", str(out))
    db = open_db(laptop_side.root / "inspector.db")
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    record.save_answer(db, visit.id, LIN_01, value="fail", note="活动室大门紧锁")
    db.close()
    said = laptop_side.run("export", "-o", str(tmp_path / "usb"))
    assert "encrypted to 未来社区专班办公室" in said
    return written(said)


def test_an_exported_bundle_is_sealed_to_the_office_and_ingested(sealed_bundle, office, laptop_side):
    assert sealed_bundle.name.endswith(".zip.age") and sealing.is_sealed(sealed_bundle)
    assert b"records/" not in sealed_bundle.read_bytes()  # nothing readable on the stick
    assert not list(sealed_bundle.parent.glob(".incoming-*"))  # the plain zip it was made from is gone
    said = office.run("office", "ingest", str(sealed_bundle))
    assert sealed_bundle.name in said
    conn = sqlite3.connect(office.root / "office.db")
    assert conn.execute("SELECT count(*) FROM records WHERE kind = 'answer'").fetchone() == (1,)
    conn.close()
    assert not list(office.root.glob(".unsealing-*"))  # the decrypted copy is gone
    laptop_side.run("load", str(receipt_of(said)))
    assert "already" in office.run("office", "ingest", str(sealed_bundle)).lower()


@pytest.mark.parametrize("damage", ["truncated", "tag", "header"])
def test_a_damaged_sealed_bundle_is_refused_and_nothing_changes(sealed_bundle, office, tmp_path, damage):
    data = bytearray(sealed_bundle.read_bytes())
    if damage == "truncated":
        data = data[: len(data) * 2 // 3]
    elif damage == "tag":
        data[-20] ^= 0x01  # inside the last chunk's ciphertext or tag
    else:
        data[40] ^= 0x01  # inside the recipient stanza: the header's MAC no longer matches
    bad = tmp_path / sealed_bundle.name
    bad.write_bytes(bytes(data))
    before = dump(office.root / "office.db")
    line = refused(office, "office", "ingest", str(bad))
    assert bad.name in line and ("truncated or altered" in line or "another office" in line)
    assert dump(office.root / "office.db") == before
    assert not list(office.root.glob(".unsealing-*"))
    zh = refused(office, "office", "ingest", str(bad), lang="zh")
    assert "加密" in zh


def test_a_bundle_sealed_to_another_office_is_refused(sealed_bundle, office, tmp_path):
    stranger = tmp_path / "stranger"
    plain = tmp_path / "plain.zip"
    with open(plain, "wb") as out:  # what the laptop sealed, opened with the right key ...
        sealing.unseal(sealed_bundle, out, sealing.opening_keys(office.root / "office-identity"), limit=1 << 30)
    other = tmp_path / "other.zip.age"
    sealing.seal(plain, other, sealing.recipient(stranger))  # ... and sealed to someone else
    before = dump(office.root / "office.db")
    line = refused(office, "office", "ingest", str(other))
    assert line == f"refused: {other}: this bundle is encrypted to another office (no key of this office opens " \
                   "it); check that the inspector works from an assignment this office issued"
    assert dump(office.root / "office.db") == before


def test_a_plain_bundle_is_refused_unless_the_office_allows_them(sealed_bundle, office, tmp_path):
    plain = tmp_path / "bundle.zip"
    with open(plain, "wb") as out:
        sealing.unseal(sealed_bundle, out, sealing.opening_keys(office.root / "office-identity"), limit=1 << 30)
    office.run("office", "users", "add", "--id", "ceshi2", "--name", "测试员二")
    before = dump(office.root / "office.db")
    line = refused(office, "office", "ingest", str(plain))
    assert "not encrypted" in line and "plain-bundles allow" in line
    assert dump(office.root / "office.db") == before
    assert "encrypted only" in office.run("office", "plain-bundles")
    office.run("office", "plain-bundles", "allow")  # a transition
    assert "applied" in office.run("office", "ingest", str(plain)).lower()
    conn = sqlite3.connect(office.root / "office.db")
    assert conn.execute("SELECT action, subject FROM audit_log WHERE action = 'office.plain_bundles'").fetchall() == [
        ("office.plain_bundles", "allow")]
    conn.close()


def test_the_standard_tool_opens_what_we_seal(sealed_bundle, office, tmp_path):
    age = shutil.which("age")
    if age is None:
        pytest.skip("the age command line tool is not installed (Debian: apt-get install age; .ci/run does)")
    out = tmp_path / "by-hand.zip"
    done = subprocess.run([age, "-d", "-i", str(office.root / "office-identity" / "bundle-key.age"), "-o", str(out),
                           str(sealed_bundle)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    mine = io.BytesIO()
    sealing.unseal(sealed_bundle, mine, sealing.opening_keys(office.root / "office-identity"), limit=1 << 30)
    assert out.read_bytes() == mine.getvalue() and out.read_bytes()[:2] == b"PK"


def test_a_missing_or_foreign_file_is_said_as_such_not_as_a_plain_bundle(office, tmp_path):
    line = refused(office, "office", "ingest", str(tmp_path / "missing.zip"))
    assert "not encrypted" not in line and "missing.zip" in line
    (tmp_path / "photo.zip").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert "not encrypted" not in refused(office, "office", "ingest", str(tmp_path / "photo.zip"))
