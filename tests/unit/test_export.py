"""Bundles written on the laptop: content, incremental repeats, receipts,
and what a killed export leaves behind."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import uuid
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

import factories
from laptop import LIN_01, LIN_02, laptop, recorded_laptop

from inspector.bundle.receipts import ReceiptError, accept_receipt
from inspector.bundle.writing import ExportError, NothingToExport, export_bundle
from inspector.cli import cli
from inspector.identity import create_identity, sign_document
from inspector.identity.keys import verify
from inspector.inspection import record
from inspector.models import (
    Answer, BundleManifest, BundleSignature, FollowUp, Photo, Problem, Receipt, Visit,
)
from inspector.store.sync import sync_state
from inspector.store.trust import TrustedOffice, trust_office

MODELS = {"visits": Visit, "answers": Answer, "problems": Problem, "follow_ups": FollowUp, "photos": Photo}


def read_bundle(path: Path) -> tuple[BundleManifest, dict[str, list], dict[str, bytes]]:
    """Checks a bundle the way a careful reader would and returns its content."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        manifest_bytes = archive.read("manifest.json")
        manifest = BundleManifest.model_validate_json(manifest_bytes)
        signature = BundleSignature.model_validate_json(archive.read("signature.json"))
        assert verify(base64.b64decode(signature.public_key), base64.b64decode(signature.signature), manifest_bytes)
        assert sorted(names) == sorted([m.name for m in manifest.members] + ["manifest.json", "signature.json"])
        records, photos = {}, {}
        for member in manifest.members:
            data = archive.read(member.name)
            assert len(data) == member.size and hashlib.sha256(data).hexdigest() == member.sha256
            if member.name.startswith("records/"):
                kind = member.name[len("records/"):-len(".jsonl")]
                lines = data.decode("utf-8").splitlines()
                records[kind] = [MODELS[kind].model_validate_json(line) for line in lines] if kind in MODELS else lines
            else:
                assert archive.getinfo(member.name).compress_type == zipfile.ZIP_STORED
                photos[member.name] = data
    return manifest, records, photos


def export(made, **kw):
    return export_bundle(made.db_path, made.photo_root, made.identity, made.out, **kw)


def office_receipt(office, made, exported, *, acknowledged=None, inspector="zhangwei") -> str:
    manifest, _, _ = read_bundle(exported.path)
    receipt = Receipt(
        office=office.id, inspector=inspector, bundle=manifest.id, sequence=manifest.sequence,
        acknowledged=manifest.sequence if acknowledged is None else acknowledged,
        records=1, conflicts=0, photos=0, issued_at=datetime.now(timezone.utc),
    )
    return sign_document(office, "receipt", receipt.model_dump_json()).decode("utf-8")


@pytest.fixture
def office(tmp_path):
    return create_identity(tmp_path / "office-identity", "zhuanban", "专班办公室")


def trusting(made, office):
    db = made.db()
    trust_office(db, TrustedOffice(office.id, office.name, office.public_key_text))
    db.close()


def test_a_bundle_holds_what_was_recorded_signed_and_hashed(tmp_path):
    made = recorded_laptop(tmp_path / "laptop")
    exported = export(made)
    assert exported.path.name == "bundle-zhangwei-0001.zip" and exported.sequence == 1
    manifest, records, photos = read_bundle(exported.path)
    assert (manifest.sequence, manifest.previous, manifest.since, manifest.full) == (1, None, 0, False)
    assert manifest.inspector.id == "zhangwei"
    assert len(records["visits"]) == 1 and len(records["answers"]) == 2
    assert {p.description for p in records["problems"]} >= {"邻里活动室长期闲置"}
    # the office's own problem goes back only as the revision the verdict made here
    office_problem = [p for p in records["problems"] if str(p.id) == factories.problem()["id"]]
    assert [(p.rev, p.base_rev) for p in office_problem] == [(2, 1)]
    assert len(records["follow_ups"]) == 1 and len(records["photos"]) == 2 and len(photos) == 2
    for kind in records.values():
        assert all(r.author == "zhangwei" for r in kind)
    assert {f"photos/{p.sha256}.jpg" for p in records["photos"]} == set(photos)
    assert not list(made.out.glob(".incoming-*"))


def test_exporting_again_repeats_the_unacknowledged_and_adds_the_new(tmp_path):
    made = recorded_laptop(tmp_path / "laptop")
    first = export(made)
    first_manifest, first_records, _ = read_bundle(first.path)
    db = made.db()
    visit = first_records["visits"][0]
    edited = record.save_answer(db, visit.id, LIN_02, value="none", note="复查不合格")
    db.close()
    assert (edited.rev, edited.base_rev) == (2, 1)  # the exported revision was sealed, not overwritten
    second = export(made)
    manifest, records, photos = read_bundle(second.path)
    assert (manifest.sequence, manifest.previous, manifest.since) == (2, first_manifest.id, 0)
    first_lines = {(r.id, r.rev): r for kind in first_records.values() for r in kind}
    for kind in records.values():
        for r in kind:
            if (r.id, r.rev) in first_lines:
                assert first_lines[(r.id, r.rev)] == r  # repeated byte for byte
    assert [(a.rev) for a in records["answers"] if a.id == edited.id] == [1, 2]
    assert len(photos) == 2  # not acknowledged yet: sent again


def test_a_receipt_advances_what_is_acknowledged(tmp_path, office):
    made = recorded_laptop(tmp_path / "laptop")
    trusting(made, office)
    first = export(made)
    db = made.db()
    accepted = accept_receipt(db, office_receipt(office, made, first))
    assert (accepted.sequence, accepted.acknowledged, accepted.already) == (1, 1, False)
    assert accept_receipt(db, office_receipt(office, made, first)).already
    assert sync_state(db) == (1, 1, 0)
    db.close()
    with pytest.raises(NothingToExport):
        export(made)
    db = made.db()
    visit_id = db.conn.execute("SELECT id FROM visits").fetchone()[0]
    record.save_answer(db, uuid.UUID(visit_id), LIN_01, value="fail", note="补充说明")
    assert sync_state(db) == (1, 1, 1)
    db.close()
    second = export(made)
    assert sync_state(made.db()) == (2, 1, 1)
    manifest, records, photos = read_bundle(second.path)
    assert (manifest.sequence, manifest.since) == (2, 1)
    assert sum(len(v) for v in records.values()) == 1 and photos == {}
    full = export(made, full=True)
    manifest, records, photos = read_bundle(full.path)
    assert (manifest.sequence, manifest.since, manifest.full) == (3, 0, True)
    assert len(records["answers"]) == 3 and len(photos) == 2


def test_receipts_that_are_refused(tmp_path, office):
    made = recorded_laptop(tmp_path / "laptop")
    first = export(made)
    db = made.db()
    with pytest.raises(ReceiptError, match="trusts no office"):
        accept_receipt(db, office_receipt(office, made, first))
    trust_office(db, TrustedOffice(office.id, office.name, office.public_key_text))
    stranger = create_identity(tmp_path / "stranger", "zhuanban", "专班办公室")
    with pytest.raises(ReceiptError, match="not by the office"):
        accept_receipt(db, office_receipt(stranger, made, first))
    with pytest.raises(ReceiptError, match="for inspector lina"):
        accept_receipt(db, office_receipt(office, made, first, inspector="lina"))
    with pytest.raises(ReceiptError, match="beyond"):
        accept_receipt(db, office_receipt(office, made, first, acknowledged=5))
    text = office_receipt(office, made, first)
    envelope = json.loads(text)
    payload = json.loads(envelope["payload"])
    payload["bundle"] = str(uuid.uuid4())
    with pytest.raises(ReceiptError, match="does not match"):
        accept_receipt(db, json.dumps({**envelope, "payload": json.dumps(payload)}))
    other = sign_document(office, "receipt", json.dumps(payload)).decode()
    with pytest.raises(ReceiptError, match="did not write"):
        accept_receipt(db, other)
    assert db.conn.execute("SELECT count(*) FROM receipts").fetchone()[0] == 0
    db.close()


def test_export_refuses_a_foreign_identity_and_a_damaged_photo(tmp_path):
    made = recorded_laptop(tmp_path / "laptop")
    lina = create_identity(tmp_path / "lina", "lina", "李娜")
    with pytest.raises(ExportError, match="are for inspector zhangwei"):
        export_bundle(made.db_path, made.photo_root, lina, made.out)
    photo = next(made.photo_root.rglob("*.jpg"))
    if "thumbs" in photo.parts:
        photo = next(p for p in made.photo_root.glob("??/*.jpg"))
    photo.write_bytes(photo.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ExportError, match="damaged"):
        export(made)
    assert not list(made.out.iterdir())  # no partial bundle
    photo.unlink()
    with pytest.raises(ExportError, match="missing"):
        export(made)


def test_a_failed_export_leaves_nothing_and_the_next_takes_its_number(tmp_path):
    made = recorded_laptop(tmp_path / "laptop")

    def boom(done, total):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        export(made, progress=boom)
    assert list(made.out.iterdir()) == []
    again = export(made)
    manifest, records, photos = read_bundle(again.path)
    assert manifest.sequence == 1 and len(records["answers"]) == 2 and len(photos) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_export_leaves_no_bundle_and_the_next_is_right(tmp_path):
    made = recorded_laptop(tmp_path / "laptop", photos=6)
    script = f"""
import os, signal, sys
sys.path.insert(0, {str(Path(__file__).parents[1])!r})
from inspector.bundle.writing import export_bundle
from inspector.identity import load_identity
root = {str(made.root)!r}
def die(done, total):
    os.kill(os.getpid(), signal.SIGKILL)  # half the photos are in the zip
export_bundle(root + "/inspector.db", root + "/photos", load_identity(root + "/identity"), root + "/out",
              progress=die)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == -9
    leftovers = list(made.out.iterdir())
    assert all(p.name.startswith(".incoming-") for p in leftovers) and leftovers  # killed mid-write
    again = export(made)
    assert [p.name for p in made.out.iterdir()] == ["bundle-zhangwei-0001.zip"]  # swept, number reused
    manifest, records, photos = read_bundle(again.path)
    assert manifest.sequence == 1 and len(photos) == 6 and len(records["answers"]) == 2


def test_cli_export(tmp_path, monkeypatch):
    made = recorded_laptop(tmp_path / "laptop")
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(made.root))
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", str(made.db_path), "export", "-o", str(tmp_path / "usb")])
    assert done.exit_code == 0, done.output
    assert "bundle-zhangwei-0001.zip" in done.output and "2" in done.output
    assert (tmp_path / "usb" / "bundle-zhangwei-0001.zip").is_file()
    (made.root / "identity" / "identity.json").unlink()
    refused = runner.invoke(cli, ["--db", str(made.db_path), "export"])
    assert refused.exit_code == 2 and "identity init" in refused.stderr


def test_cli_loads_a_receipt(tmp_path, monkeypatch, office):
    made = recorded_laptop(tmp_path / "laptop")
    trusting(made, office)
    first = export(made)
    receipt = tmp_path / "receipt-zhangwei-1.json"
    receipt.write_text(office_receipt(office, made, first), encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", str(made.db_path), "--lang", "en", "load", str(receipt)])
    assert done.exit_code == 0 and "acknowledged" in done.output
    nothing = runner.invoke(cli, ["--db", str(made.db_path), "--lang", "en", "export"],
                            env={"INSPECTOR_DATA_DIR": str(made.root)})
    assert nothing.exit_code == 0 and "Nothing new" in nothing.output
    receipt.write_text(receipt.read_text(encoding="utf-8").replace('\\"sequence\\":1', '\\"sequence\\":2'),
                       encoding="utf-8")
    refused = runner.invoke(cli, ["--db", str(made.db_path), "load", str(receipt)])
    assert refused.exit_code == 2 and "receipt-zhangwei-1.json" in refused.stderr


def test_nothing_recorded_means_nothing_to_export(tmp_path):
    made = laptop(tmp_path / "laptop")
    with pytest.raises(NothingToExport):
        export(made)
    assert not made.out.exists() or list(made.out.iterdir()) == []


def test_a_save_waits_for_an_export_holding_the_write_lock(tmp_path):
    """An export run from the command line while the interface saves: the save
    waits its turn and then builds on what the export sealed."""
    import threading
    import time

    made = recorded_laptop(tmp_path / "laptop", photos=0)
    db = made.db()
    visit_id = uuid.UUID(db.conn.execute("SELECT id FROM visits").fetchone()[0])
    locked = threading.Event()

    def export_elsewhere():  # another process's connection, as far as SQLite can tell
        other = made.db()
        other.conn.execute("BEGIN IMMEDIATE")
        other.conn.execute("UPDATE answers SET sealed = 1")  # as an export's reservation does
        locked.set()
        time.sleep(0.3)
        other.conn.execute("COMMIT")
        other.close()

    worker = threading.Thread(target=export_elsewhere)
    worker.start()
    locked.wait(10)
    saved = record.save_answer(db, visit_id, LIN_01, note="锁等待之后")
    assert (saved.rev, saved.base_rev) == (2, 1)  # the sealed revision was seen, not overwritten
    worker.join()
    db.close()


def test_killed_after_the_rename_the_whole_bundle_counts_as_written(tmp_path):
    made = recorded_laptop(tmp_path / "laptop", photos=1)
    first = export(made)
    first_bytes = first.path.read_bytes()
    db = made.db()
    # the state a kill between the rename and the last step leaves
    db.conn.execute("UPDATE bundles SET status = 'writing', size = NULL WHERE sequence = 1")
    db.conn.commit()
    db.close()
    second = export(made)
    manifest, _, _ = read_bundle(second.path)
    first_manifest, _, _ = read_bundle(first.path)
    assert (manifest.sequence, manifest.previous) == (2, first_manifest.id)
    assert first.path.read_bytes() == first_bytes  # the bundle that may be on its way is left alone
    db = made.db()
    assert db.conn.execute("SELECT sequence, status, size FROM bundles ORDER BY sequence").fetchall() == [
        (1, "written", len(first_bytes)), (2, "written", second.size)]
    db.close()


def test_a_photo_removed_before_it_was_sent_goes_out_when_attached_again(tmp_path, office):
    from inspector.inspection.photos import remove_photo

    made = recorded_laptop(tmp_path / "laptop", photos=0)
    trusting(made, office)
    db = made.db()
    visit_id = uuid.UUID(db.conn.execute("SELECT id FROM visits").fetchone()[0])
    answer_id = uuid.UUID(db.conn.execute("SELECT id FROM answers LIMIT 1").fetchone()[0])
    [photo] = made.add_photos(db, visit_id, "answer", answer_id, 1)
    remove_photo(db, visit_id, photo.id)
    db.close()
    first = export(made)
    assert read_bundle(first.path)[2] == {}  # removed before it was sent: the record only
    db = made.db()
    accept_receipt(db, office_receipt(office, made, first))
    again = made.add_photos(db, visit_id, "answer", answer_id, 1)  # the same picture, attached anew
    db.close()
    assert again and again[0].sha256 == photo.sha256
    _, records, photos = read_bundle(export(made).path)
    assert set(photos) == {f"photos/{photo.sha256}.jpg"}


def test_a_second_export_started_meanwhile_is_refused_and_never_takes_the_same_number(tmp_path, monkeypatch):
    """Issue 14 item 5: the second of two exports at once on one laptop waits
    its turn and is refused clearly; it would otherwise take the 'writing'
    reservation of the first for a killed one and reuse its number."""
    import threading

    from inspector.bundle import writing

    made = recorded_laptop(tmp_path / "laptop")
    monkeypatch.setattr(writing, "EXPORT_WAIT_SECONDS", 0.2)
    inside, release = threading.Event(), threading.Event()

    def slow(done, total):
        inside.set()
        release.wait(10)

    first: list = []
    worker = threading.Thread(target=lambda: first.append(export(made, progress=slow)))
    worker.start()
    assert inside.wait(10)
    with pytest.raises(ExportError) as refused:
        export(made)
    assert refused.value.say("en").startswith("another export is running on this laptop")
    assert "另一个导出正在进行" in refused.value.say("zh")
    release.set()
    worker.join(10)
    assert read_bundle(first[0].path)[0].sequence == 1
    assert read_bundle(export(made, full=True).path)[0].sequence == 2  # the lock went with the first export
