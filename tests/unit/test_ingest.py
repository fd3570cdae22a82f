"""`inspector office ingest` and `office status`: bundles applied, recognised,
held, merged with conflicts kept; receipts signed by the office."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile

import pytest

import bundles as B
from inspector.identity import create_identity, open_document
from inspector.models import Receipt
from inspector.photos.library import PhotoLibrary


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    return B.make_office(tmp_path)


# -- happy paths -----------------------------------------------------------------------


def test_a_bundle_is_applied_with_its_photos_and_a_signed_receipt(office):
    bundle = office.bundle()
    result = office.ingest(office.file(bundle))
    assert result.exit_code == 0, result.output + result.stderr
    assert "applied bundle 1 of zhangwei: 6 new revisions, 0 kept as conflicts" in result.output
    kinds = office.rows("SELECT kind, rev, base_rev, project_code FROM records ORDER BY kind")
    assert kinds == [("answer", 1, None, "HZ-GL-001"), ("follow_up", 1, None, "HZ-GL-001"),
                     ("innovation", 1, None, "HZ-GL-001"), ("photo", 1, None, "HZ-GL-001"),
                     ("problem", 1, None, "HZ-GL-001"), ("visit", 1, None, "HZ-GL-001")]
    assert len(office.rows("SELECT * FROM current")) == 6
    # the photo is in the office's content-addressed store, under its verified hash
    data = B.photo_bytes()
    sha = hashlib.sha256(data).hexdigest()
    assert PhotoLibrary(office.data / "photos").path(sha).read_bytes() == data
    assert office.rows("SELECT sha256, size FROM photo_files") == [(sha, len(data))]
    # the receipt verifies with the office's key, and acknowledges this bundle
    path = office.data / "receipts" / f"receipt-zhangwei-1-{bundle.bundle_id.replace('-', '')[:8]}.json"
    assert str(path) in result.output  # two laptops of one inspector each have a bundle 1: the id tells them apart
    envelope = open_document(path.read_text(encoding="utf-8"), "receipt")
    assert envelope.signer.public_key == office.key.public_key_text
    receipt = Receipt.model_validate_json(envelope.payload)
    assert (receipt.office, receipt.inspector, str(receipt.bundle), receipt.sequence, receipt.acknowledged,
            receipt.records, receipt.conflicts, receipt.photos) == (
        "zhuanban", "zhangwei", bundle.bundle_id, 1, 1, 6, 0, 1)


def test_the_same_bundle_twice_changes_nothing_and_says_so(office):
    path = office.file(office.bundle())
    assert office.ingest(path).exit_code == 0
    (receipt,) = (office.data / "receipts").glob("receipt-zhangwei-1-*.json")
    first = receipt.read_bytes()
    receipt.unlink()  # lost on the way back to the laptop
    before = office.dump()
    again = office.ingest(path)
    assert again.exit_code == 0 and "already ingested; nothing changed" in again.output
    assert office.dump() == before
    assert receipt.read_bytes() == first  # issued again, the same


def test_chinese_is_the_default_language(office):
    result = office.ingest(office.file(office.bundle()), lang="zh")
    assert "已接收督导员 zhangwei 的第 1 号同步包" in result.output


def test_identical_revisions_are_accepted_silently_and_new_ones_applied(office):
    first = office.bundle()
    assert office.ingest(office.file(first, "1.zip")).exit_code == 0
    records = B.sample_records()
    records["visits"].append(B.visit(rev=2, note="复查补记"))
    second = office.bundle(records=records, sequence=2, since=1, previous=first.bundle_id)
    result = office.ingest(office.file(second, "2.zip"))
    assert result.exit_code == 0, result.stderr
    assert "1 new revisions, 0 kept as conflicts for review, 0 photos (6 revisions already here)" in result.output
    assert office.rows("SELECT rev FROM current WHERE kind = 'visit'") == [(2,)]


def test_a_revision_not_based_on_the_offices_current_one_is_kept_as_a_conflict(office):
    first = office.bundle()
    assert office.ingest(office.file(first, "1.zip")).exit_code == 0
    # The office edits the visit meanwhile (its own revision 2 of the record).
    conn = sqlite3.connect(office.db)
    office_rev = B.visit(rev=2, author="zhuanban", device="office", note="办公室更正")
    conn.execute("INSERT INTO records (kind, id, rev, base_rev, author, device, project_code, visit_id, data, "
                 "sha256) VALUES ('visit', ?, 2, 1, 'zhuanban', 'office', 'HZ-GL-001', ?, ?, ?)",
                 (B.uid("v1"), B.uid("v1"), json.dumps(office_rev), "f" * 64))
    conn.execute("UPDATE current SET rev = 2 WHERE kind = 'visit'")
    conn.commit()
    conn.close()
    # The laptop, unaware, made its own revisions 2 and 3 of the visit, and revision 2 of the problem.
    records = B.sample_records()
    records["visits"] += [B.visit(rev=2, note="现场补记"), B.visit(rev=3, note="再补")]
    records["problems"].append(B.problem(rev=2, severity="severe"))
    second = office.bundle(records=records, sequence=2, since=1, previous=first.bundle_id)
    result = office.ingest(office.file(second, "2.zip"))
    assert result.exit_code == 0, result.stderr
    assert "1 new revisions, 2 kept as conflicts" in result.output
    kept = office.rows("SELECT kind, rev, base_rev, office_rev FROM conflicts ORDER BY rev")
    assert kept == [("visit", 2, 1, 2), ("visit", 3, 2, 2)]  # nothing dropped, nothing overwritten
    assert office.rows("SELECT rev, author FROM records WHERE kind = 'visit' ORDER BY rev") == [
        (1, "zhangwei"), (2, "zhuanban")]
    assert office.rows("SELECT kind, rev FROM current WHERE kind IN ('visit', 'problem') ORDER BY kind") == [
        ("problem", 2), ("visit", 2)]
    # sent again (the receipt was not loaded): nothing kept twice
    third = office.bundle(records=records, sequence=3, since=1, previous=second.bundle_id)
    again = office.ingest(office.file(third, "3.zip"))
    assert "0 new revisions, 0 kept as conflicts" in again.output
    status = office.status("--conflicts")
    assert status.exit_code == 0
    assert "visit " + B.uid("v1") + " rev 3 (based on 2; the office has 2)" in status.output
    row = [line for line in status.output.splitlines() if line.startswith("zhangwei")][0]
    assert row.split()[-1] == "2"


def test_a_bundle_before_its_predecessor_is_held_then_released(office):
    records1 = {"visits": [B.visit()]}
    one = office.bundle(records=records1, photos=[])
    records2 = {"visits": [B.visit(), B.visit(rev=2)], "answers": [B.answer()]}
    two = office.bundle(records=records2, photos=[], sequence=2, since=1, previous=one.bundle_id)
    records3 = {"visits": [B.visit(), B.visit(rev=2), B.visit(rev=3)], "answers": [B.answer()]}
    three = office.bundle(records=records3, photos=[], sequence=3, since=2, previous=two.bundle_id)

    before = office.dump()
    held = office.ingest(office.file(three, "3.zip"))
    assert held.exit_code == 0 and "bundle 3 of zhangwei checked and held: it is waiting for bundle 2" in held.output
    after = office.dump()
    for table in ("records", "current", "conflicts", "photo_files"):
        assert after[table] == before[table]
    assert office.rows("SELECT sequence, status FROM bundles") == [(3, "held")]
    assert (office.data / "held" / f"{three.bundle_id}.zip").is_file()
    assert "already held" in office.ingest(office.file(three, "3.zip")).output
    assert office.dump() == after

    status = office.status()
    line = [x for x in status.output.splitlines() if x.startswith("zhangwei")][0]
    assert "1-2" in line and "3 (needs 2)" in line

    assert "waiting for bundle 1" in office.ingest(office.file(two, "2.zip")).output
    released = office.ingest(office.file(one, "1.zip"))
    assert released.exit_code == 0, released.stderr
    lines = released.output.splitlines()
    assert "applied bundle 1" in lines[0]
    assert "held bundle 2 of zhangwei applied" in lines[1] and "held bundle 3 of zhangwei applied" in lines[2]
    assert office.rows("SELECT sequence, status, held_file FROM bundles ORDER BY sequence") == [
        (1, "applied", None), (2, "applied", None), (3, "applied", None)]
    assert office.rows("SELECT kind, rev FROM current ORDER BY kind") == [("answer", 1), ("visit", 3)]
    assert not list((office.data / "held").iterdir())
    for n in (1, 2, 3):
        assert any((office.data / "receipts").glob(f"receipt-zhangwei-{n}-*.json"))


def test_a_bundle_covers_the_sequences_skipped_since_its_acknowledgement(office):
    one = office.bundle(records={"visits": [B.visit()]}, photos=[])
    assert office.ingest(office.file(one, "1.zip")).exit_code == 0
    # bundles 2 and 3 never arrived; 4 repeats everything since 1
    four = office.bundle(records={"visits": [B.visit(), B.visit(rev=2)]}, photos=[], sequence=4, since=1,
                         previous=B.uid("lost"))
    result = office.ingest(office.file(four, "4.zip"))
    assert result.exit_code == 0 and "applied bundle 4" in result.output
    line = [x for x in office.status().output.splitlines() if x.startswith("zhangwei")][0]
    assert " 4 " in line


def test_a_held_bundle_covered_by_a_later_one_is_released_by_it(office):
    one = office.bundle(records={"visits": [B.visit()]}, photos=[])
    assert office.ingest(office.file(one, "1.zip")).exit_code == 0
    # bundle 2 never arrives; 3 (since 2) is held; 4 (since 1) repeats all of 2 and 3
    three = office.bundle(records={"visits": [B.visit(rev=2)]}, photos=[], sequence=3, since=2,
                          previous=B.uid("b2"))
    assert "waiting for bundle 2" in office.ingest(office.file(three, "3.zip")).output
    four = office.bundle(records={"visits": [B.visit(rev=2), B.visit(rev=3)]}, photos=[], sequence=4, since=1,
                         previous=three.bundle_id)
    result = office.ingest(office.file(four, "4.zip"))
    assert result.exit_code == 0, result.stderr
    lines = result.output.splitlines()
    assert "applied bundle 4" in lines[0]
    assert "held bundle 3 of zhangwei applied" in lines[1] and "0 new revisions" in lines[1]
    assert office.rows("SELECT rev FROM current") == [(3,)]
    # and one that arrives late, after a later one covering it, applies at once
    late = office.bundle(records={"visits": [B.visit(rev=2)]}, photos=[], sequence=2, since=1,
                         previous=one.bundle_id)
    assert "applied bundle 2" in office.ingest(office.file(late, "2.zip")).output
    assert "Held" in office.status().output and "needs" not in office.status().output


def test_a_photo_already_at_the_office_or_a_deleted_one_needs_no_file(office):
    one = office.bundle()
    assert office.ingest(office.file(one, "1.zip")).exit_code == 0
    records = B.sample_records()
    records["photos"] += [B.photo("ph2"),  # same bytes as ph1: the file is at the office
                          B.photo("ph3", data=b"never sent", deleted=True)]
    two = office.bundle(records=records, photos=[], sequence=2, since=1, previous=one.bundle_id)
    result = office.ingest(office.file(two, "2.zip"))
    assert result.exit_code == 0, result.stderr
    assert "2 new revisions" in result.output


def test_a_bundle_written_by_pythons_zipfile_is_accepted(office):
    one = office.bundle()
    result = office.ingest(B.zipfile_bundle(one, office.root / "zf.zip"))
    assert result.exit_code == 0, result.stderr
    two = office.bundle(sequence=2, since=1, previous=one.bundle_id)
    result = office.ingest(B.zipfile_bundle(two, office.root / "zf64.zip", force_zip64=True))
    assert result.exit_code == 0, result.stderr
    three = office.bundle(sequence=3, since=2, previous=two.bundle_id)
    streamed = B.zipfile_bundle(three, office.root / "streamed.zip", streamed=True)
    assert zipfile.ZipFile(streamed).infolist()[0].flag_bits & 0x08  # sizes in data descriptors
    result = office.ingest(streamed)
    assert result.exit_code == 0, result.stderr


def test_receipts_go_where_asked(office):
    result = office.ingest(office.file(office.bundle()), extra=("--receipts", str(office.root / "out")))
    assert result.exit_code == 0
    assert any((office.root / "out").glob("receipt-zhangwei-1-*.json"))


def test_without_an_office_key_nothing_is_ingested(office):
    import shutil

    shutil.rmtree(office.data / "office-identity")
    before = office.dump()
    result = office.ingest(office.file(office.bundle()))
    assert result.exit_code == 2 and "office init" in result.stderr
    assert office.dump() == before


def test_status_lists_inspectors_even_before_any_bundle(office):
    result = office.status(lang="zh")
    assert result.exit_code == 0
    assert "督导员" in result.output and "zhangwei" in result.output and "张伟" in result.output
    assert office.me.fingerprint in result.output
    assert "没有待审核的冲突" in office.status("--conflicts", lang="zh").output


def test_every_file_gets_its_own_line_and_a_refusal_sets_the_exit_code(office):
    good = office.file(office.bundle(), "good.zip")
    bad = office.root / "bad.zip"
    bad.write_bytes(b"not a zip at all")
    result = office.ingest(bad, good)
    assert result.exit_code == 2
    assert "applied bundle 1" in result.output
    assert result.stderr.startswith("refused: ") and "bad.zip" in result.stderr
    assert "Traceback" not in result.output + result.stderr


# -- hostile bundles: each refused with a clear line, the office database unchanged ------------

PHOTO = f"photos/{hashlib.sha256(B.photo_bytes()).hexdigest()}.jpg"


def _edit_entries(change):
    def edit(entries):
        change(entries)
        return entries
    return edit


def _flip(name: str, at: int = 5):
    def make(office: B.Office) -> bytes:
        return B.flip_byte_in_member(office.bundle().build(), name, at)
    return make


def _bundle(**knobs):
    def make(office: B.Office) -> bytes:
        return office.bundle(**knobs).build()
    return make


def _truncated(office: B.Office) -> bytes:
    blob = office.bundle().build()
    return blob[: len(blob) // 2]


def _truncated_tail(office: B.Office) -> bytes:
    return office.bundle().build()[:-7]


def _extra_entry(name, data=b"x", **entry):
    return _bundle(entries_edit=_edit_entries(lambda e: e.append(B.RawEntry(name, data, **entry))))


def _deflate_bomb(office: B.Office) -> bytes:
    bomb = b"0" * (16 * 1024 * 1024)

    def manifest(m):
        member = next(x for x in m["members"] if x["name"] == "records/visits.jsonl")
        member.update(size=len(bomb), sha256=hashlib.sha256(bomb).hexdigest())

    def entries(e):
        B.entry(e, "records/visits.jsonl").data = bomb

    return office.bundle(manifest_edit=manifest, entries_edit=_edit_entries(entries)).build()


def _lying_bomb(office: B.Office) -> bytes:
    """Declares 1,000 bytes (a plausible ratio) but inflates to 16 MiB."""
    bomb = b"0" * (16 * 1024 * 1024)

    def manifest(m):
        member = next(x for x in m["members"] if x["name"] == "records/visits.jsonl")
        member.update(size=1000)

    def entries(e):
        target = B.entry(e, "records/visits.jsonl")
        target.data, target.declared_size = bomb, 1000

    return office.bundle(manifest_edit=manifest, entries_edit=_edit_entries(entries)).build()


def _overlap_nested(office: B.Office) -> bytes:
    """The photo's data is, byte for byte, the local record of answers.jsonl,
    and the directory points answers.jsonl inside it (a Fifield-style bomb)."""
    def layout(entries):
        inner = B.entry(entries, "records/answers.jsonl")
        outer = B.entry(entries, PHOTO)
        outer.data = outer.payload = inner.local()
        out, offsets = b"", []
        for item in entries:
            if item is inner:
                offsets.append(None)
                continue
            offsets.append(len(out))
            if item is outer:
                outer_data = len(out) + 30 + len(item.name_bytes())
            out += item.local()
        offsets[entries.index(inner)] = outer_data
        return out, offsets

    bundle = office.bundle()
    entries = [B.RawEntry(name, data, method) for name, data, method in bundle.parts()]
    return B.raw_zip(entries, layout=layout)


def _overlap_same_offset(office: B.Office) -> bytes:
    def entries(e):
        B.entry(e, "records/answers.jsonl").offset_override = 0  # manifest.json's local header
    return office.bundle(entries_edit=_edit_entries(entries)).build()


def _duplicate(office: B.Office) -> bytes:
    def entries(e):
        e.append(B.RawEntry("records/visits.jsonl", B.entry(e, "records/visits.jsonl").data))
    return office.bundle(entries_edit=_edit_entries(entries)).build()


def _missing(office: B.Office) -> bytes:
    def entries(e):
        e.remove(B.entry(e, PHOTO))
    return office.bundle(entries_edit=_edit_entries(entries)).build()


def _signed_by_a_new_key(office: B.Office) -> bytes:
    reset = create_identity(office.root / "reset", "zhangwei", "张伟")
    return B.Bundle(reset).build()


def _unenrolled(office: B.Office) -> bytes:
    stranger = create_identity(office.root / "wangwu", "wangwu", "王五")
    return B.Bundle(stranger).build()


def _wrong_signer(office: B.Office) -> bytes:
    return office.bundle(sign_with=office.lina).build()


def _signature_key_swapped(office: B.Office) -> bytes:
    """Signed by lina, who claims to be zhangwei and hands in zhangwei's key."""
    return B.Bundle(office.lina, signature_edit=lambda s: s.update(
        signer="zhangwei", public_key=office.me.public_key_text)).build()


def _foreign_project(office: B.Office) -> bytes:
    records = B.sample_records()
    records["visits"] = [B.visit(project="WZ-LC-001")]
    return office.bundle(records=records).build()


def _foreign_problem(office: B.Office) -> bytes:
    records = B.sample_records()
    records["problems"].append(B.problem("p2", project="HZ-XX-999"))
    return office.bundle(records=records).build()


def _someone_elses_record(office: B.Office) -> bytes:
    records = B.sample_records()
    records["answers"] = [B.answer(author="lina", device="laptop-lina")]
    return office.bundle(records=records).build()


def _bad_line(office: B.Office) -> bytes:
    good = B.Bundle(office.me).record_files()["answers"]
    line = json.loads(good)
    line["value"] = {"nested": "no"}
    return office.bundle(jsonl={"answers": good + (json.dumps(line) + "\n").encode()}).build()


def _not_json_line(office: B.Office) -> bytes:
    return office.bundle(jsonl={"visits": b'{"id": "broken\n'}).build()


def _unterminated(office: B.Office) -> bytes:
    good = B.Bundle(office.me).record_files()["visits"]
    return office.bundle(jsonl={"visits": good.rstrip(b"\n")}).build()


def _unknown_visit(office: B.Office) -> bytes:
    records = B.sample_records()
    records["answers"].append(B.answer("a2", visit_n="nowhere"))
    return office.bundle(records=records).build()


def _photo_without_file(office: B.Office) -> bytes:
    records = B.sample_records()
    records["photos"].append(B.photo("ph2", data=b"a photo never sent"))
    return office.bundle(records=records).build()


def _oversize_declared(office: B.Office) -> bytes:
    def entries(e):
        B.entry(e, PHOTO).declared_size = 2**31
    return office.bundle(entries_edit=_edit_entries(entries)).build()


def _manifest_unknown_field(office: B.Office) -> bytes:
    return office.bundle(manifest_edit=lambda m: m.update(extra="x")).build()


def _manifest_altered_after_signing(office: B.Office) -> bytes:
    return office.bundle(signed_manifest_edit=lambda raw: raw.replace(b'"sequence": 1', b'"sequence": 9')).build()


def _member_altered_but_listed(office: B.Office) -> bytes:
    def entries(e):
        target = B.entry(e, "records/problems.jsonl")
        target.data = target.data.replace("major".encode(), "minor".encode())
    return office.bundle(entries_edit=_edit_entries(entries)).build()


def _photo_deflated(office: B.Office) -> bytes:
    def entries(e):
        B.entry(e, PHOTO).method = B.DEFLATED
    return office.bundle(entries_edit=_edit_entries(entries)).build()


def _encrypted(office: B.Office) -> bytes:
    def entries(e):
        B.entry(e, "records/visits.jsonl").flags = 0x1
    return office.bundle(entries_edit=_edit_entries(entries)).build()


def _bzip2(office: B.Office) -> bytes:
    def entries(e):
        B.entry(e, "records/visits.jsonl").method = 12
    return office.bundle(entries_edit=_edit_entries(entries)).build()


def _local_name_differs(office: B.Office) -> bytes:
    blob = office.bundle().build()
    return blob.replace(b"records/visits.jsonl", b"records/visitz.jsonl", 1)  # the first is the local header


def _prepended(office: B.Office) -> bytes:
    return b"MZ" + b"\0" * 100 + office.bundle().build()


def _with(**extra):
    """The sample bundle, plus records naming what is not the sender's to name."""
    def make(office: B.Office) -> bytes:
        records = B.sample_records()
        for kind, lines in extra.items():
            records[kind] = records.get(kind, []) + lines
        return office.bundle(records=records).build()
    return make


def _answer_from_another_device(office: B.Office) -> bytes:
    records = B.sample_records()
    records["answers"] = [B.answer(device="laptop-zhangwei-02")]
    return office.bundle(records=records).build()


def _unreferenced_photo(office: B.Office) -> bytes:
    return office.bundle(photos=[B.photo_bytes(), b"MZ not a photo at all" * 1000]).build()


HOSTILE = {
    "flipped byte in manifest.json": (_flip("manifest.json"), "manifest.json"),
    "manifest altered after signing": (_manifest_altered_after_signing, "does not match manifest.json"),
    "flipped byte in signature.json": (_flip("signature.json"), "signature.json"),
    **{f"flipped byte in {kind}.jsonl": (_flip(f"records/{kind}.jsonl"), f"records/{kind}.jsonl")
       for kind in ("visits", "answers", "problems", "innovations", "follow_ups", "photos")},
    "flipped byte in a photo": (_flip(PHOTO, at=100), f"{PHOTO}: damaged (its CRC does not match)"),
    "member altered but zip consistent": (_member_altered_but_listed, "records/problems.jsonl: its SHA-256 differs"),
    "truncated file": (_truncated, "not a zip archive, or truncated"),
    "truncated tail": (_truncated_tail, "not a zip archive, or truncated"),
    "not a zip": (lambda office: b"PK but not really a zip", "not a zip archive"),
    "prepended data": (_prepended, "not where the end record says"),
    "zip-slip name": (_extra_entry("../../.bashrc"), "climbs out of its folder"),
    "zip-slip inside a folder": (_extra_entry("photos/../../x.jpg"), "climbs out of its folder"),
    "absolute name": (_extra_entry("/etc/cron.d/evil"), "an absolute path"),
    "drive letter": (_extra_entry("C:/evil.jpg"), "an absolute path"),
    "backslash name": (_extra_entry("records\\visits.jsonl"), "backslash"),
    "folder entry": (_extra_entry("photos/", b""), "a folder"),
    "non-ASCII name": (_extra_entry("photos/照片.jpg".encode("utf-8")), "not a member a bundle may hold"),
    "unknown member": (_extra_entry("records/secrets.jsonl"), "not a member a bundle may hold"),
    "symlink entry": (_extra_entry(f"photos/{'a' * 64}.jpg", b"/etc/passwd", method=B.STORED, mode=0o120777),
                      "symbolic link"),
    "deflate bomb": (_deflate_bomb, "compression ratio"),
    "bomb lying about its size": (_lying_bomb, "holds more than the 1,000 bytes it declares"),
    "overlapping entries (nested)": (_overlap_nested, "overlap"),
    "overlapping entries (same offset)": (_overlap_same_offset, "overlap"),
    "duplicate names": (_duplicate, "appears twice"),
    "extra unlisted member": (_extra_entry(f"photos/{hashlib.sha256(b'x').hexdigest()}.jpg", b"x",
                                           method=B.STORED), "not listed in the signed manifest"),
    "missing member": (_missing, "listed in the manifest but not in the zip"),
    "oversize declared": (_oversize_declared, "declares 2,147,483,648 bytes; the limit is"),
    "photo deflated": (_photo_deflated, "photos must be stored"),
    "encrypted entry": (_encrypted, "encrypted"),
    "unknown compression": (_bzip2, "compression method 12"),
    "local header disagrees": (_local_name_differs, "local header disagrees"),
    "wrong signer": (_wrong_signer, "does not match manifest.json"),
    "claims another's identity": (_signature_key_swapped, "does not match manifest.json"),
    "key not the enrolled one": (_signed_by_a_new_key, "not the key enrolled for zhangwei"),
    "unenrolled inspector": (_unenrolled, "'wangwu', who is not enrolled"),
    "manifest field unknown": (_manifest_unknown_field, "manifest.json: field extra: unknown field"),
    "foreign project": (_foreign_project, "project WZ-LC-001 is not assigned to inspector zhangwei"),
    "foreign project on a problem": (_foreign_problem, "project HZ-XX-999 is not assigned to inspector zhangwei"),
    "record by someone else": (_someone_elses_record, "written by 'lina', not by 'zhangwei'"),
    "bad JSONL line": (_bad_line, f"records/answers.jsonl line 2 (id {B.uid('a1')}): field value"),
    "JSONL line not JSON": (_not_json_line, "records/visits.jsonl line 1: not valid JSON"),
    "JSONL unterminated": (_unterminated, "records/visits.jsonl: the last line does not end with a newline"),
    "unknown visit": (_unknown_visit, f"field visit: visit {B.uid('nowhere')} is neither in this bundle"),
    "photo record without its file": (_photo_without_file, "field file hash: photo file"),
    # what the records say, checked against what the office holds (lina's v0, a0 and p0 are there)
    "another's visit moved to my project": (
        _with(visits=[B.visit("v0", rev=2)]),
        f"records/visits.jsonl line 1 (id {B.uid('v0')} rev 2): field project code: the office holds it on project "
        "WZ-LC-001: a record never moves to another project"),
    "another's problem moved to my project": (
        _with(problems=[B.problem("p0", visit_n="v0", rev=2)]),
        f"(id {B.uid('p0')} rev 2): field project code: the office holds it on project WZ-LC-001"),
    "a record moved between its own revisions": (
        _with(visits=[B.visit(rev=2, project="NB-YZ-001")]),
        "field project code: its first revision in this bundle is on project HZ-GL-001"),
    "a problem in another's visit": (
        _with(problems=[B.problem("p2", visit_n="v0")]),
        f"field visit: visit {B.uid('v0')} was recorded by 'lina', not by 'zhangwei'"),
    "a problem on another project than its visit": (
        _with(problems=[B.problem("p2", project="NB-YZ-001")]),
        f"field project code: project NB-YZ-001 differs from that of its visit {B.uid('v1')} (HZ-GL-001)"),
    "an innovation in a visit nowhere": (
        _with(innovations=[B.innovation("i2", visit_n="ghost")]),
        f"field visit: visit {B.uid('ghost')} is neither in this bundle nor at the office"),
    "an answer in another's visit": (
        _with(answers=[B.answer("a2", visit_n="v0")]),
        "field visit: project WZ-LC-001 is not assigned to inspector zhangwei"),
    "a verdict on another project's problem": (
        _with(follow_ups=[B.follow_up("f2", problem_n="p0")]),
        f"field problem: problem {B.uid('p0')} is on project WZ-LC-001, not on its visit's project HZ-GL-001"),
    "a verdict on a problem nowhere": (
        _with(follow_ups=[B.follow_up("f2", problem_n="nowhere")]),
        f"field problem: problem {B.uid('nowhere')} is neither in this bundle nor at the office"),
    "a photo proving another visit's answer": (
        _with(photos=[B.photo("ph2", attached_to={"kind": "answer", "id": B.uid("a0")})]),
        f"field 'id' (attached_to.id): answer {B.uid('a0')} does not belong to the photo's visit {B.uid('v1')}"),
    "a photo proving a record nowhere": (
        _with(photos=[B.photo("ph2", attached_to={"kind": "innovation", "id": B.uid("ghost")})]),
        f"field 'id' (attached_to.id): innovation {B.uid('ghost')} is neither in this bundle nor at the office"),
    "a photo proving a record of another kind": (
        _with(photos=[B.photo("ph2", attached_to={"kind": "follow_up", "id": B.uid("a1")})]),
        f"field 'id' (attached_to.id): re-check verdict {B.uid('a1')} is neither in this bundle nor at the office"),
    "a revision from another device": (
        _answer_from_another_device,
        "field device: written on device 'laptop-zhangwei-02', not on 'laptop-zhangwei-01' that sent this bundle"),
    "a photo file no record names": (
        _unreferenced_photo,
        f"photos/{hashlib.sha256(b'MZ not a photo at all' * 1000).hexdigest()}.jpg: no photo record in this "
        "bundle refers to this photo file"),
}


@pytest.mark.parametrize("make, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_bundles_are_refused_and_change_nothing(office, make, message):
    # Something is there already (lina's visit, answer and problem): a hostile
    # bundle must not disturb it either, nor claim it.
    assert office.ingest(office.file(office.lina_bundle(), "0.zip")).exit_code == 0
    path = office.root / "hostile.zip"
    path.write_bytes(make(office))
    before = office.dump()
    receipts = sorted((office.data / "receipts").iterdir())
    result = office.ingest(path)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"refused: {path}"), result.stderr
    assert message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert office.dump() == before
    assert sorted((office.data / "receipts").iterdir()) == receipts
    assert not (office.data / "held").exists()


def _applied_first(office: B.Office) -> B.Bundle:
    first = office.bundle()
    assert office.ingest(office.file(first, "first.zip")).exit_code == 0
    return first


def test_same_id_and_revision_with_other_content_is_refused(office):
    first = _applied_first(office)
    records = B.sample_records()
    records["visits"] = [B.visit(note="改写过的已发送修订")]
    rewritten = office.bundle(records=records, sequence=2, since=1, previous=first.bundle_id)
    before = office.dump()
    result = office.ingest(office.file(rewritten, "2.zip"))
    assert result.exit_code == 2
    assert f"records/visits.jsonl line 1 (id {B.uid('v1')} rev 1): the office already holds this revision with " \
           "different content" in result.stderr
    assert office.dump() == before


def test_a_sequence_received_as_another_bundle_is_refused(office):
    _applied_first(office)
    before = office.dump()
    result = office.ingest(office.file(office.bundle(), "again.zip"))  # a new id, the same sequence
    assert result.exit_code == 2
    assert "sequence 1 of zhangwei on device laptop-zhangwei-01 was already received as bundle" in result.stderr
    assert office.dump() == before


def test_replay_is_recognised_and_changes_nothing(office):
    first = _applied_first(office)
    before = office.dump()
    result = office.ingest(office.root / "first.zip")
    assert result.exit_code == 0 and "already ingested" in result.output
    assert office.dump() == before
    # a copy with a damaged photo under the same signed manifest is not "the same
    # bundle": it is checked in full, refused, and nothing changes
    damaged = office.root / "damaged.zip"
    damaged.write_bytes(B.flip_byte_in_member((office.root / "first.zip").read_bytes(), PHOTO, 100))
    refused = office.ingest(damaged)
    assert refused.exit_code == 2 and PHOTO in refused.stderr and "already" not in refused.output
    assert office.dump() == before
    assert first.bundle_id in office.rows("SELECT id FROM bundles")[0]


def test_out_of_order_is_held_and_records_unchanged(office):
    _applied_first(office)
    before = office.dump()
    late = office.bundle(sequence=5, since=4, previous=B.uid("b4"))
    result = office.ingest(office.file(late, "5.zip"))
    assert result.exit_code == 0 and "waiting for bundle 4" in result.output
    after = office.dump()
    kept = {"bundles", "audit_log", "sqlite_sequence"}  # the held bundle, and who held it
    assert {k: v for k, v in after.items() if k not in kept} == {k: v for k, v in before.items() if k not in kept}
    assert office.rows("SELECT sequence, status FROM bundles ORDER BY sequence") == [(1, "applied"), (5, "held")]
    assert office.rows("SELECT user_id, action FROM audit_log ORDER BY seq DESC LIMIT 1") == [("ceshi", "bundle.hold")]
    line = [x for x in office.status().output.splitlines() if x.startswith("zhangwei")][0]
    assert "2-4" in line and "5 (needs 4)" in line


def test_a_held_bundle_is_still_checked_in_full(office):
    bad = office.bundle(sequence=3, since=2, previous=B.uid("b2"))
    blob = B.flip_byte_in_member(bad.build(), PHOTO, 100)
    path = office.root / "held-bad.zip"
    path.write_bytes(blob)
    before = office.dump()
    result = office.ingest(path)
    assert result.exit_code == 2 and f"{PHOTO}: damaged" in result.stderr
    assert office.dump() == before


def test_a_held_bundle_from_a_foreign_project_is_refused_when_released(office):
    records = B.sample_records()
    records["visits"] = [B.visit(project="WZ-LC-001")]
    first = office.bundle(records={"visits": [B.visit("v9")]}, photos=[])
    late = office.bundle(records=records, sequence=2, since=1, previous=first.bundle_id)
    assert "held" in office.ingest(office.file(late, "2.zip")).output
    result = office.ingest(office.file(first, "1.zip"))
    assert result.exit_code == 2
    assert "applied bundle 1" in result.output and "not assigned to inspector zhangwei" in result.stderr
    assert office.rows("SELECT sequence, status FROM bundles ORDER BY sequence") == [(1, "applied"), (2, "held")]


def test_a_receipt_that_cannot_be_written_is_issued_on_the_next_run(office):
    blocked = office.root / "receipts-blocked"
    blocked.write_text("a file where the receipts folder should be")
    path = office.file(office.bundle())
    result = office.ingest(path, extra=("--receipts", str(blocked / "receipts")))
    assert result.exit_code == 2
    assert "applied bundle 1" in result.output and "ingest the same file again" in result.stderr
    again = office.ingest(path, extra=("--receipts", str(office.root / "receipts")))
    assert again.exit_code == 0 and "already ingested" in again.output
    assert any((office.root / "receipts").glob("receipt-zhangwei-1-*.json"))


def test_a_photo_store_that_cannot_be_written_refuses_and_changes_nothing(office):
    (office.data / "photos").write_text("a file where the photo store should be")
    before = office.dump()
    result = office.ingest(office.file(office.bundle()))
    assert result.exit_code == 2 and "cannot store what it brings" in result.stderr
    assert office.dump() == before


# -- whose records a bundle may revise --------------------------------------------------------


def _refused_unchanged(office: B.Office, bundle: B.Bundle, name: str, message: str) -> None:
    before = office.dump()
    path = office.file(bundle, name)
    result = office.ingest(path)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"refused: {path}: ") and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert office.dump() == before


def test_on_a_shared_project_another_may_judge_a_problem_but_not_revise_their_records(office):
    assert office.ingest(office.file(office.lina_bundle(), "lina.zip")).exit_code == 0
    office.assign("zhangwei", "WZ-LC-001")  # a later round gives zhangwei lina's project too
    # zhangwei re-checks lina's problem on his own visit: his verdict revises the problem
    records = {"visits": [B.visit("z1", project="WZ-LC-001")],
               "follow_ups": [B.follow_up("zf", visit_n="z1", problem_n="p0", verdict="not_rectified")],
               "problems": [B.problem("p0", visit_n="v0", rev=2, project="WZ-LC-001", status="rectifying",
                                      history=[{"status": "open", "at": "2026-11-27T10:00:00+08:00", "by": "lina"},
                                               {"status": "rectifying", "at": "2026-12-20T10:00:00+08:00",
                                                "by": "zhangwei", "verdict": "not_rectified"}])]}
    first = office.bundle(records=records, photos=[])
    result = office.ingest(office.file(first, "z1.zip"))
    assert result.exit_code == 0, result.stderr
    assert office.rows("SELECT rev, author FROM records WHERE kind = 'problem' ORDER BY rev") == [
        (1, "lina"), (2, "zhangwei")]
    # but lina's visit and answer are hers alone, and a problem stays on the visit it was raised on
    later = dict(sequence=2, since=1, previous=first.bundle_id, photos=[])
    _refused_unchanged(office, office.bundle(records={"visits": [B.visit("v0", rev=2, project="WZ-LC-001")]},
                                             **later), "v0.zip",
                       f"records/visits.jsonl line 1 (id {B.uid('v0')} rev 2): field author: the office holds this "
                       "visit from 'lina' (its first revision): only its author revises it")
    _refused_unchanged(office, office.bundle(records={"answers": [B.answer("a0", visit_n="v0", rev=2)]}, **later),
                       "a0.zip", "field author: the office holds this answer from 'lina'")
    moved = B.problem("p0", visit_n="z1", rev=3, project="WZ-LC-001")
    _refused_unchanged(office, office.bundle(records={"problems": [moved]}, **later), "p0.zip",
                       f"field visit: the office holds it on visit {B.uid('v0')}: a problem never moves to "
                       "another visit")


def test_a_photo_proves_a_problem_raised_on_its_visit_not_one_judged_there(office):
    """Exactly what the laptop allows (inspection/photos.py): a verdict's evidence
    goes on the follow-up."""
    assert office.ingest(office.file(office.lina_bundle(), "lina.zip")).exit_code == 0
    office.assign("zhangwei", "WZ-LC-001")
    records = {"visits": [B.visit("z1", project="WZ-LC-001")],
               "follow_ups": [B.follow_up("zf", visit_n="z1", problem_n="p0")],
               "photos": [B.photo("zph", visit_n="z1", attached_to={"kind": "problem", "id": B.uid("p0")})]}
    _refused_unchanged(office, office.bundle(records=records), "judged.zip",
                       f"field 'id' (attached_to.id): problem {B.uid('p0')} does not belong to the photo's visit "
                       f"{B.uid('z1')}")
    records["photos"] = [B.photo("zph", visit_n="z1", attached_to={"kind": "follow_up", "id": B.uid("zf")})]
    result = office.ingest(office.file(office.bundle(records=records), "follow-up.zip"))
    assert result.exit_code == 0, result.stderr
    # and on its own visit a photo may prove the problem raised there (the sample does)
    records = B.sample_records()
    records["photos"] = [B.photo(attached_to={"kind": "problem", "id": B.uid("p1")})]
    result = office.ingest(office.file(office.bundle(records=records, sequence=2, since=1), "raised.zip"))
    assert result.exit_code == 0, result.stderr


# -- sequences per laptop ---------------------------------------------------------------------


def test_a_reset_laptop_numbers_its_bundles_from_1_again(office):
    from inspector.office.db import open_office_db
    from inspector.office.enrolment import enrol

    one = office.bundle(records={"visits": [B.visit()]}, photos=[])
    two = office.bundle(records={"visits": [B.visit(rev=2)]}, photos=[], sequence=2, since=1,
                        previous=one.bundle_id)
    for n, bundle in ((1, one), (2, two)):
        assert office.ingest(office.file(bundle, f"old-{n}.zip")).exit_code == 0
    # the laptop is reset: a new key (enrolled again) and a new device, numbering from 1
    fresh = create_identity(office.root / "reset", "zhangwei", "张伟")
    db = open_office_db(office.db)
    enrol(db, "zhangwei", "张伟", fresh.public_key_text, replace=True, by="ceshi")
    db.close()
    new = "laptop-zhangwei-02"

    def bundle(n: int, since: int, name: str) -> B.Bundle:
        return B.Bundle(fresh, device=new, records={"visits": [B.visit(name, device=new)]}, photos=[],
                        sequence=n, since=since, bundle_id=B.uid(f"bundle-{name}"),
                        previous=B.uid(f"bundle-n{n - 1}") if n > 1 else None)  # as the laptop chains them

    result = office.ingest(office.file(bundle(1, 0, "n1"), "new-1.zip"))
    assert result.exit_code == 0 and "applied bundle 1 of zhangwei" in result.output, result.stderr
    # its bundle 3 waits for its own bundle 2, not for the old laptop's
    assert "waiting for bundle 2" in office.ingest(office.file(bundle(3, 2, "n3"), "new-3.zip")).output
    status = office.status()
    lines = [line for line in status.output.splitlines() if line.startswith("zhangwei")]
    assert "laptop-zhangwei-01" in lines[0] and " 2 " in lines[0] and "needs" not in lines[0]
    assert "laptop-zhangwei-02" in lines[1] and "3 (needs 2)" in lines[1]
    released = office.ingest(office.file(bundle(2, 1, "n2"), "new-2.zip"))
    assert released.exit_code == 0, released.stderr
    assert "applied bundle 2" in released.output and "held bundle 3 of zhangwei applied" in released.output
    assert office.rows("SELECT device, sequence FROM bundles ORDER BY device, sequence") == [
        ("laptop-zhangwei-01", 1), ("laptop-zhangwei-01", 2),
        ("laptop-zhangwei-02", 1), ("laptop-zhangwei-02", 2), ("laptop-zhangwei-02", 3)]
    # a second bundle 1 from the same new laptop is still refused
    _refused_unchanged(office, bundle(1, 0, "n9"), "new-1-again.zip",
                       "sequence 1 of zhangwei on device laptop-zhangwei-02 was already received as bundle")


def test_bundles_from_before_devices_were_recorded_get_theirs(tmp_path):
    """Migration o004: a row takes the device of the revisions it brought, else of
    its held copy, else the inspector's one device; otherwise it stays unknown."""
    import sqlite_utils

    from inspector.office.db import office_migrations, open_office_db
    from inspector.store.connection import connect

    path = tmp_path / "office.db"
    old = sqlite_utils.Database(connect(path))
    office_migrations.apply(old, stop_before="o004_bundle_devices")
    held = B.Bundle(create_identity(tmp_path / "lina", "lina", "李娜"), device="laptop-lina",
                    records={"visits": [B.visit("v0", author="lina", device="laptop-lina")]}, photos=[],
                    sequence=3, since=2)
    (tmp_path / "held").mkdir()
    held.write(tmp_path / "held" / "h.zip")
    with old.conn:
        for bundle_id, inspector, sequence, status, held_file in (
                ("b1", "zhangwei", 1, "applied", None),   # brought a revision
                ("b2", "zhangwei", 2, "applied", None),   # brought nothing new
                ("l3", "lina", 3, "held", "held/h.zip"),  # held: its copy says
                ("l1", "lina", 1, "applied", None),       # lina had two laptops: nothing says which
                ("l2", "lina", 2, "applied", None),
                ("w1", "wang", 1, "applied", None)):      # kept a conflict
            old.conn.execute(
                "INSERT INTO bundles (id, inspector_id, sequence, previous, since, full, status, sha256, size, "
                "created_at, received_at, held_file) VALUES (?, ?, ?, NULL, 0, 0, ?, '', 0, '', '', ?)",
                (bundle_id, inspector, sequence, status, held_file))
        old.conn.execute("INSERT INTO records (kind, id, rev, author, device, data, sha256, bundle_id) "
                         "VALUES ('visit', 'x', 1, 'zhangwei', 'laptop-z', '{}', '', 'b1')")
        old.conn.execute("INSERT INTO records (kind, id, rev, author, device, data, sha256, bundle_id) "
                         "VALUES ('visit', 'z', 1, 'lina', 'laptop-lina-old', '{}', '', 'l2')")
        old.conn.execute("INSERT INTO conflicts (bundle_id, kind, id, rev, author, data, sha256, kept_at) "
                         "VALUES ('w1', 'problem', 'y', 2, 'wang', '{\"device\": \"laptop-w\"}', '', '')")
    old.close()
    open_office_db(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT id, device FROM bundles ORDER BY id").fetchall() == [
        ("b1", "laptop-z"), ("b2", "laptop-z"), ("l1", None), ("l2", "laptop-lina-old"), ("l3", "laptop-lina"),
        ("w1", "laptop-w")]
    conn.close()


@pytest.mark.parametrize("again", ["the applied one", "the held one"])
def test_held_bundles_wait_for_no_one_after_a_run_stopped_before_releasing_them(office, monkeypatch, again):
    from inspector.office.ingest import Ingester

    one = office.bundle(records={"visits": [B.visit()]}, photos=[])
    two = office.bundle(records={"visits": [B.visit(rev=2)]}, photos=[], sequence=2, since=1,
                        previous=one.bundle_id)
    three = office.bundle(records={"visits": [B.visit(rev=3)]}, photos=[], sequence=3, since=2,
                          previous=two.bundle_id)
    assert office.ingest(office.file(one, "1.zip")).exit_code == 0
    assert "waiting for bundle 2" in office.ingest(office.file(three, "3.zip")).output
    # bundle 2 is applied, and the run stops before it releases bundle 3
    with monkeypatch.context() as patch:
        patch.setattr(Ingester, "_release_held", lambda self, inspector, device: [])
        stopped = office.ingest(office.file(two, "2.zip"))
    assert stopped.exit_code == 0 and "applied bundle 2" in stopped.output and "held bundle" not in stopped.output
    assert office.rows("SELECT sequence, status FROM bundles ORDER BY sequence") == [
        (1, "applied"), (2, "applied"), (3, "held")]

    result = office.ingest(office.root / ("2.zip" if again == "the applied one" else "3.zip"))
    assert result.exit_code == 0, result.stderr
    assert "held bundle 3 of zhangwei applied" in result.output
    if again == "the applied one":
        assert "bundle 2 of zhangwei was already ingested" in result.output
    assert "already held" not in result.output
    assert office.rows("SELECT sequence, status FROM bundles ORDER BY sequence") == [
        (1, "applied"), (2, "applied"), (3, "applied")]
    assert office.rows("SELECT rev FROM current") == [(3,)]


# -- when the office's side fails ---------------------------------------------------------------


@pytest.mark.parametrize("step, failure", [
    ("check_claims", sqlite3.OperationalError("disk I/O error")),  # inside the transaction
    ("open_signed", PermissionError(13, "Permission denied")),  # before it
])
def test_a_failure_of_the_office_side_refuses_that_file_and_the_rest_go_on(office, monkeypatch, step, failure):
    from inspector.office import ingest

    first = office.file(office.bundle(), "1.zip")
    second = office.file(office.lina_bundle(), "lina.zip")
    real = getattr(ingest, step)
    calls = []

    def fail_once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise failure
        return real(*args)

    monkeypatch.setattr(ingest, step, fail_once)
    before = office.dump()
    result = office.ingest(first, second)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"refused: {first}: the office could not ingest it (")
    from inspector.i18n.said import say

    assert f"({say(failure, 'en')})" in result.stderr and "nothing of it was applied" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output + result.stderr and "internal error" not in result.stderr
    assert "applied bundle 1 of lina" in result.output
    assert office.rows("SELECT inspector_id FROM bundles") == [("lina",)]
    # lina's bundle, and who applied it
    lina_only = ("bundles", "records", "current", "audit_log", "sqlite_sequence", "reviews", "review_events")
    assert {k: v for k, v in office.dump().items() if k not in lina_only} == \
        {k: v for k, v in before.items() if k not in lina_only}
    again = office.ingest(first)  # nothing of it was applied: it goes in now
    assert again.exit_code == 0 and "applied bundle 1 of zhangwei" in again.output


def test_status_says_in_one_line_when_the_database_fails(office):
    conn = sqlite3.connect(office.db)
    conn.execute("DROP TABLE conflicts")
    conn.commit()
    conn.close()
    result = office.status()
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot use the database") and "conflicts" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


# -- work done on a withdrawn assignment's projects (issue 10, item 5) ------------------


def _withdraw(office: B.Office, assignment_id: str, lang: str = "en", input: str | None = None):
    from click.testing import CliRunner

    from inspector.cli import cli

    args = ["--lang", lang, "office", "--office-db", str(office.db), "assignments", "withdraw", assignment_id,
            "--reason", "派错了人"]
    return CliRunner().invoke(cli, args + ([] if input else ["--yes"]), input=input)


def test_work_done_on_a_withdrawn_assignment_is_still_accepted(office):
    """lina was given NB-YZ-001 by mistake, visited it and had not exported
    when the office withdrew the assignment. Her laptop cannot drop that work
    (it removes an assignment only once its records are acknowledged), so the
    office takes it, and with it the rest of her bundle: nothing is stranded.
    That holds for work she did before she heard of the withdrawal too (her
    laptop knows only once she removes the assignment there)."""
    office.assign("lina", "NB-YZ-001")
    asked = _withdraw(office, "R2026-3-lina-NB-YZ-001", input="n\n")
    assert "will still be accepted" in asked.stderr, asked.stderr
    assert _withdraw(office, "R2026-3-lina-NB-YZ-001").exit_code == 0
    mine = {"author": B.LINA, "device": B.LINA_DEVICE}
    records = B.lina_records()  # her own round's work on WZ-LC-001
    records["visits"] += [B.visit("v5", project="NB-YZ-001", **mine),
                          B.visit("v6", project="NB-YZ-001", created_at="2099-01-01T09:00:00+08:00", **mine)]
    records["answers"].append(B.answer("a5", visit_n="v5", **mine))
    result = office.ingest(office.file(office.lina_bundle(records=records)))
    assert result.exit_code == 0, result.output + result.stderr
    assert office.rows("SELECT project_code, count(*) FROM records WHERE author = 'lina' GROUP BY project_code "
                       "ORDER BY project_code") == [("NB-YZ-001", 3), ("WZ-LC-001", 3)]
    # A project never given to her is still refused.
    stray = {"visits": [B.visit("v7", project="HZ-GL-001", **mine)]}
    refused = office.ingest(office.file(office.lina_bundle(records=stray, sequence=2, since=1), "2.zip"))
    assert refused.exit_code == 2 and "project HZ-GL-001 is not assigned to inspector lina" in refused.stderr


# -- thumbnails ------------------------------------------------------------------------


def _located_jpeg() -> bytes:
    """A real photo as a laptop stores it with keep_gps_in_file: EXIF with a position."""
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Camera"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (30.0, 15.0, 0.0), "E", (120.0, 10.0, 0.0)
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), (40, 120, 200)).save(out, "JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()


def test_ingest_keeps_a_thumbnail_without_metadata_as_the_laptop_does(office):
    from PIL import Image

    data = _located_jpeg()
    records = B.sample_records()
    records["photos"] = [B.photo("ph1", data=data)]
    result = office.ingest(office.file(office.bundle(records=records, photos=[data])))
    assert result.exit_code == 0, result.output + result.stderr
    library = PhotoLibrary(office.data / "photos")
    sha = hashlib.sha256(data).hexdigest()
    assert library.path(sha).read_bytes() == data  # the photo itself is kept as sent, GPS and all
    thumb = library.thumbnail_path(sha)
    assert thumb.is_file()
    with Image.open(thumb) as image:
        assert image.format == "JPEG" and max(image.size) == 320 and image.size == (320, 240)
        assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info
        assert image.getpixel((160, 120)) == pytest.approx((40, 120, 200), abs=6)


def test_a_stored_photo_gets_its_thumbnail(office):
    # Each photo's header was read at the check (a JPEG, not too many pixels: test_hostile_content.py).
    result = office.ingest(office.file(office.bundle()))
    assert result.exit_code == 0, result.output + result.stderr
    sha = hashlib.sha256(B.photo_bytes()).hexdigest()
    library = PhotoLibrary(office.data / "photos")
    assert library.path(sha).is_file() and library.thumbnail_path(sha).is_file()
    assert not list((office.data / "photos").rglob("*.tmp*"))