"""Signed assignments on the laptop: only the trusted office's signature is
accepted; the first signed load pins its signer; every refusal is one line,
exit code 2, and leaves the database byte for byte as it was."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import factories
from inspector.assignment.trust import DEMO_OFFICE_KEY
from inspector.cli import cli
from inspector.identity import load_identity
from inspector.models import Assignment
from inspector.store import open_db
from inspector.store.assignments import save_assignment
from support import office, signed

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def run(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def trusted_key(db: Path) -> str | None:
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT value FROM meta WHERE key = 'office_key'").fetchone()
    conn.close()
    return None if row is None else row[0]


@pytest.fixture
def trusting_db(tmp_path, write_signed) -> Path:
    """A laptop that loaded one assignment from the test office (and so trusts it)."""
    db = tmp_path / "laptop.db"
    result = run(db, "load", str(write_signed(factories.assignment(), "first.json")))
    assert result.exit_code == 0, result.output
    return db


def second_assignment() -> dict:
    return factories.assignment(id="R2026-2-zhangwei-2", issued_at="2026-11-21T09:00:00+08:00")


def assert_refused(result, db: Path, before: str, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], f"{fragment!r} not in {lines[0]!r}"
    assert result.stdout == ""
    assert digest(db) == before


def test_first_load_pins_the_signer_and_shows_its_fingerprint(tmp_path, write_signed):
    db = tmp_path / "laptop.db"
    first = run(db, "load", str(write_signed(factories.assignment())))
    assert first.exit_code == 0, first.output
    pin, loaded, whose = first.stdout.strip().splitlines()  # no identity yet: says whose it is
    assert "identity init --id zhangwei" in whose
    assert "测试专班办公室 test-office" in pin and office().fingerprint in pin and "核对" in pin
    assert "演示" not in pin
    assert loaded.startswith("已载入任务包")
    assert trusted_key(db) == office().public_key_text

    again = run(db, "--lang", "en", "load", str(write_signed(second_assignment(), "second.json")))
    assert again.exit_code == 0 and "trusts" not in again.output  # pinned once, not again

    shown = run(db, "--lang", "en", "trust")
    assert shown.exit_code == 0
    assert office().fingerprint in shown.output and office().public_key_text in shown.output


def test_the_demo_key_is_pinned_and_named_as_such(tmp_path):
    db = tmp_path / "laptop.db"
    result = run(db, "--lang", "en", "load", str(FIXTURES / "assignment.json"))
    assert result.exit_code == 0, result.output
    assert "demo key" in result.output and "inspector trust --office-key" in result.output
    assert trusted_key(db) == DEMO_OFFICE_KEY
    assert "demo" in run(db, "--lang", "en", "trust").output


def test_the_demo_key_in_the_code_is_the_one_in_the_fixtures():
    from cryptography.hazmat.primitives import serialization

    record = json.loads((FIXTURES / "demo-office" / "identity.json").read_text(encoding="utf-8"))
    assert record["public_key"] == DEMO_OFFICE_KEY
    assert "演示" in record["name"] and "私钥公开" in record["name"]
    key = serialization.load_pem_private_key((FIXTURES / "demo-office" / "private.pem").read_bytes(), None)
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert base64.b64encode(public).decode() == DEMO_OFFICE_KEY
    assert "DEMO" in (FIXTURES / "demo-office" / "README.txt").read_text(encoding="utf-8")


def test_unsigned_assignment_is_refused(tmp_path, trusting_db, write_json):
    before = digest(trusting_db)
    path = write_json(second_assignment(), "plain.json")
    assert_refused(run(trusting_db, "load", str(path)), trusting_db, before, str(path), "没有签名", "签名的任务包")
    english = run(trusting_db, "--lang", "en", "load", str(path))
    assert_refused(english, trusting_db, before, "not signed", "Ask the office for a signed one")


def test_unsigned_assignment_never_creates_a_database(tmp_path, write_json):
    db = tmp_path / "new.db"
    assert run(db, "load", str(write_json(factories.assignment()))).exit_code == 2
    assert not db.exists()


def _envelope(**change) -> bytes:
    envelope = json.loads(signed(second_assignment()))
    for key, value in change.items():
        envelope[key] = value(envelope[key]) if callable(value) else value
    return json.dumps(envelope, ensure_ascii=False).encode()


def _flip(text: str, at: int) -> str:
    return text[:at] + chr(ord(text[at]) ^ 1) + text[at + 1:]


TAMPERED = [
    ("payload-byte-flipped", _envelope(payload=lambda p: p.replace("瓜沥七彩未来社区", "瓜沥八彩未来社区")),
     ["签名与内容不符", "测试专班办公室"]),
    ("payload-whitespace-added", _envelope(payload=lambda p: p + " "), ["签名与内容不符"]),
    ("signature-altered", _envelope(signature=lambda s: _flip(s, 10)), ["签名与内容不符"]),
    ("signer-key-swapped", _envelope(signer=lambda s: {**s, "public_key": office("other").public_key_text}),
     ["签名与内容不符"]),
    ("no-payload", json.dumps({k: v for k, v in json.loads(signed({})).items() if k != "payload"}).encode(),
     ["字段 payload", "缺少此项"]),
    # a receipt envelope around an assignment: the signature covers the kind, so it no longer matches
    ("a-receipt", _envelope(kind="receipt"), ["签名与内容不符"]),
    ("bad-key-text", _envelope(signer=lambda s: {**s, "public_key": "not a key"}),
     ["公钥", "signer.public_key"]),
]


@pytest.mark.parametrize("name, content, fragments", TAMPERED, ids=[t[0] for t in TAMPERED])
def test_tampered_envelope_is_refused(tmp_path, trusting_db, name, content, fragments):
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    before = digest(trusting_db)
    assert_refused(run(trusting_db, "load", str(path)), trusting_db, before, f"错误：{path}", *fragments)


def test_the_envelope_keys_may_come_in_any_order(tmp_path, trusting_db):
    envelope = json.loads(signed(second_assignment()))
    path = tmp_path / "reordered.json"
    path.write_text(json.dumps(dict(reversed(list(envelope.items()))), ensure_ascii=False), encoding="utf-8")
    assert run(trusting_db, "load", str(path)).exit_code == 0


def test_foreign_signer_is_refused_when_another_office_is_trusted(tmp_path, trusting_db, write_signed):
    before = digest(trusting_db)
    path = write_signed(second_assignment(), "foreign.json", by=office("other"))
    result = run(trusting_db, "load", str(path))
    assert_refused(result, trusting_db, before, str(path), office("other").fingerprint, office().fingerprint,
                   "测试专班办公室 other", "inspector trust --office-key", "--replace")
    english = run(trusting_db, "--lang", "en", "load", str(path))
    assert_refused(english, trusting_db, before, "signed by", "but this laptop trusts", "If the office changed its key")


def test_a_laptop_on_the_demo_key_is_told_so_when_the_real_office_signs(tmp_path, write_signed):
    db = tmp_path / "laptop.db"
    assert run(db, "load", str(FIXTURES / "assignment.json")).exit_code == 0
    before = digest(db)
    result = run(db, "--lang", "en", "load", str(write_signed(second_assignment())))
    assert_refused(result, db, before, "public demo key", "--replace")


def test_a_refused_assignment_pins_nothing(tmp_path, write_signed):
    """A laptop that trusts nobody yet (its assignment came before signatures):
    a signed assignment the store refuses leaves no trust behind."""
    db_path = tmp_path / "old-laptop.db"
    db = open_db(db_path)
    save_assignment(db, Assignment.model_validate(factories.assignment()))
    db.close()
    before = digest(db_path)
    clash = write_signed(factories.assignment(issued_by="别的办公室"), "clash.json")  # same id, other content
    assert_refused(run(db_path, "load", str(clash)), db_path, before, "内容却不同")
    assert trusted_key(db_path) is None

    # The very assignment it holds, now signed: nothing to store, but the signer is pinned.
    same = run(db_path, "load", str(write_signed(factories.assignment(), "same.json")))
    assert same.exit_code == 0 and office().fingerprint in same.output and "未做任何改动" in same.output
    assert trusted_key(db_path) == office().public_key_text


def test_trust_explicitly_then_replace(tmp_path, write_signed):
    db = tmp_path / "laptop.db"
    assert "尚未信任" in run(db, "trust").output and not db.exists()  # showing creates nothing
    key = office().public_key_text
    set_ = run(db, "trust", "--office-key", key, "--name", "省专班办公室")
    assert set_.exit_code == 0, set_.output
    assert set_.exit_code == 0 and office().fingerprint in set_.output and "省专班办公室" in set_.output
    assert trusted_key(db) == key
    assert "未做改动" in run(db, "trust", "--office-key", key).output  # and keeps the name
    assert "省专班办公室" in run(db, "trust").output
    renamed = run(db, "trust", "--office-key", key, "--name", "省未来社区专班")
    assert renamed.exit_code == 0 and "省未来社区专班" in run(db, "trust").output

    before = digest(db)
    foreign = write_signed(second_assignment(), "foreign.json", by=office("other"))
    assert_refused(run(db, "load", str(foreign)), db, before, "省未来社区专班", office().fingerprint)

    other = office("other").public_key_text
    refused = run(db, "trust", "--office-key", other)
    assert_refused(refused, db, before, "--replace", office().fingerprint, office("other").fingerprint)
    replaced = run(db, "trust", "--office-key", other, "--replace")
    assert replaced.exit_code == 0 and office("other").fingerprint in replaced.output
    assert office().fingerprint in replaced.output  # says what it no longer trusts
    assert trusted_key(db) == other
    assert run(db, "load", str(foreign)).exit_code == 0


def test_trust_from_the_office_identity_file(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "office"))
    assert CliRunner().invoke(cli, ["office", "init", "--name", "省未来社区专班办公室"]).exit_code == 0
    identity = tmp_path / "office" / "office-identity" / "identity.json"
    db = tmp_path / "laptop.db"
    result = run(db, "--lang", "en", "trust", "--office-key-file", str(identity))
    assert result.exit_code == 0 and "省未来社区专班办公室" in result.output
    assert trusted_key(db) == json.loads(identity.read_text(encoding="utf-8"))["public_key"]
    assert "省未来社区专班办公室" in run(db, "trust").output


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--office-key", "not base64!"], "base64"),
        (["--office-key", "QUJD"], "有 3 字节"),
        (["--name", "某办公室"], "--office-key"),
        (["--office-key", DEMO_OFFICE_KEY, "--office-key-file", "x.json"], "--office-key-file"),
        (["--office-key-file", "missing.json"], "missing.json"),
    ],
)
def test_bad_trust_arguments_are_refused(tmp_path, trusting_db, args, fragment):
    before = digest(trusting_db)
    result = run(trusting_db, "trust", *args)
    assert_refused(result, trusting_db, before, fragment)


def test_demo_loads_the_signed_sample_into_its_throwaway_database(monkeypatch):
    import inspector.cli

    seen = {}

    def run_app(settings):  # instead of the interface: look at the database it would open
        seen["key"] = trusted_key(settings.db_path)
        conn = sqlite3.connect(settings.db_path)
        seen["assignments"] = conn.execute("SELECT id FROM assignments").fetchall()
        conn.close()
        seen["identity"] = load_identity(settings.data_dir / "identity").id  # so exporting works in the demo

    monkeypatch.setattr(inspector.cli.laptop, "_run_app", run_app)
    result = CliRunner().invoke(cli, ["demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert seen == {"key": DEMO_OFFICE_KEY, "assignments": [("R2026-2-zhangwei",)], "identity": "zhangwei"}
