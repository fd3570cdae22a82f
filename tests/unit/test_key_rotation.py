"""The office changes its key without a phone call (issue 14 item 3), end to
end through the command line: `office key rotate`, the next assignment
carries the handover signed with the old key, the laptop moves to the new
key by itself and prints both fingerprints, receipts signed before stay
valid, bundles go on being sealed and ingested; a handover not signed by the
pinned key is refused; an interrupted rotation blocks signing until the
command is run again, which finishes it."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_trip import Side, laptop_side, office, receipt_of, written  # noqa: F401 - fixtures

from inspector.cli import cli
from inspector.identity import create_identity, load_identity, sign_document
from inspector.inspection import record
from inspector.models.signed import KeyHandover
from inspector.store import open_db
from inspector.store.trust import trusted_office

from laptop import LIN_01, LIN_02


def assign(office: Side, out: Path) -> Path:
    office.run("office", "assign", "--inspector", "zhangwei", "--round", "R2026-2", "--round-name", "第二轮",
               "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(out))
    return out


def answer(laptop: Side, item: str, note: str, value: str = "fail") -> None:
    db = open_db(laptop.root / "inspector.db")
    visits = db.conn.execute("SELECT id FROM visits").fetchall()
    visit = visits[0][0] if visits else record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"]).id
    record.save_answer(db, visit, item, value=value, note=note)
    db.close()


def trusted_key(laptop: Side) -> str:
    db = open_db(laptop.root / "inspector.db")
    try:
        return trusted_office(db).public_key
    finally:
        db.close()


def refused(side: Side, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--lang", "en", *side.db_flag, *args], env={"INSPECTOR_DATA_DIR": str(side.root)})
    assert result.exit_code != 0, result.output
    return result.stderr


@pytest.fixture
def before_rotation(tmp_path, office, laptop_side):
    me = load_identity(laptop_side.root / "identity")
    office.run("office", "enrol", "--id", "zhangwei", "--name", "张伟", "--public-key", me.public_key_text)
    laptop_side.run("load", str(assign(office, tmp_path / "a1.json")))
    answer(laptop_side, LIN_01, "活动室大门紧锁")
    receipt = receipt_of(office.run("office", "ingest", str(written(laptop_side.run("export", "-o",
                                                                                    str(tmp_path / "usb"))))))
    return load_identity(office.root / "office-identity"), receipt  # the receipt not yet taken back


def test_the_laptop_follows_a_signed_handover_and_old_receipts_stay_valid(tmp_path, office, laptop_side,
                                                                           before_rotation):
    old, old_receipt = before_rotation
    said = office.run("office", "key", "rotate")
    new = load_identity(office.root / "office-identity")
    assert new.public_key != old.public_key
    assert f"{old.fingerprint} -> {new.fingerprint}" in said
    retired = list((office.root / "office-identity" / "retired").iterdir())
    assert len(retired) == 1 and (retired[0] / "private.pem").is_file()
    assert len(list((office.root / "office-identity").glob("bundle-key.*.age"))) == 1  # the old sealing key stays

    loaded = laptop_side.run("load", str(assign(office, tmp_path / "a2.json")))
    assert f"The office changed its key: fingerprint {old.fingerprint} -> {new.fingerprint}" in loaded
    assert trusted_key(laptop_side) == new.public_key_text
    assert "acknowledged" in laptop_side.run("load", str(old_receipt))  # signed by the old key: still valid

    answer(laptop_side, LIN_02, "积分兑换点未开放", value="none")  # bundles are sealed to the new key and ingested
    ingested = office.run("office", "ingest", str(written(laptop_side.run("export", "-o", str(tmp_path / "usb")))))
    laptop_side.run("load", str(receipt_of(ingested)))  # signed by the new key
    conn = sqlite3.connect(office.root / "office.db")
    assert conn.execute("SELECT user_id, action FROM audit_log WHERE action = 'office.key_rotate'").fetchall() == [
        ("ceshi", "office.key_rotate")]
    conn.close()


def test_a_handover_not_signed_by_the_pinned_key_is_refused(tmp_path, office, laptop_side, before_rotation):
    old, _ = before_rotation
    thief = create_identity(tmp_path / "thief", old.id, old.name)  # the office's id and name, another key
    handover = KeyHandover(office=old.id, name=old.name, old_public_key=old.public_key_text,
                           new_public_key=thief.public_key_text, handed_over_at=datetime.now(timezone.utc))
    genuine = json.loads(json.loads(assign(office, tmp_path / "a2.json").read_text(encoding="utf-8"))["payload"])
    genuine["id"] = "R2026-2-zhangwei-x"
    genuine["key_handovers"] = [sign_document(thief, "handover", handover.model_dump_json()).decode()]
    forged = tmp_path / "forged.json"
    forged.write_bytes(sign_document(thief, "assignment", json.dumps(genuine, ensure_ascii=False)))
    db = laptop_side.root / "inspector.db"
    before = list(sqlite3.connect(db).iterdump())
    said = refused(laptop_side, "load", str(forged))
    assert "a key handover in the assignment is not signed by the office key this laptop trusts" in said
    assert list(sqlite3.connect(db).iterdump()) == before
    assert trusted_key(laptop_side) == old.public_key_text
    # without any handover, a stranger's assignment is refused as before
    genuine["key_handovers"] = []
    forged.write_bytes(sign_document(thief, "assignment", json.dumps(genuine, ensure_ascii=False)))
    assert "but this laptop trusts" in refused(laptop_side, "load", str(forged))


def test_an_interrupted_rotation_blocks_signing_until_it_is_finished(tmp_path, office, laptop_side, before_rotation,
                                                                     monkeypatch):
    from inspector.office import rotation

    old, _ = before_rotation

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the journal is written: the change is decided, not done

    with monkeypatch.context() as patched:
        patched.setattr(rotation, "finish", killed)
        stopped = CliRunner().invoke(cli, ["--lang", "en", "office", "key", "rotate"],
                                     env={"INSPECTOR_DATA_DIR": str(office.root)})
    assert stopped.exit_code != 0
    assert (office.root / "office-identity" / "rotation.json").is_file()
    assert load_identity(office.root / "office-identity").public_key == old.public_key  # not switched yet
    said = refused(office, "office", "assign", "--inspector", "zhangwei", "--round", "R2026-2", "--round-name", "二",
                   "--project", "HZ-GL-001", "--template", "zj-problem", "-o", str(tmp_path / "a2.json"))
    assert "a change of the office's key is unfinished" in said
    finished = office.run("office", "key", "rotate")
    assert "The key change an earlier run started is finished" in finished
    assert not (office.root / "office-identity" / "rotation.json").exists()
    new = load_identity(office.root / "office-identity")
    assert new.public_key != old.public_key
    loaded = laptop_side.run("load", str(assign(office, tmp_path / "a2.json")))
    assert f"{old.fingerprint} -> {new.fingerprint}" in loaded
