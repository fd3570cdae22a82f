"""Content that passes the signature and is still hostile (issue 14 item 6),
made as an attacker holding a laptop (its enrolled key) or a trusted office
key would make it: keys named twice, photos that are not the image they
claim. Each is refused in one line with nothing stored."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

import bundles as B
from inspector.identity import SignatureError, create_identity, open_document, sign_document


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    office = B.make_office(tmp_path)
    office.catalogue()
    return office


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 20, 30)).save(out, "PNG")
    return out.getvalue()


def huge_png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width x height: its header only (a decoder
    would need gigabytes for it; the office must not try)."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def jpeg_header_claiming(width: int, height: int) -> bytes:
    """A JPEG whose frame header claims width x height."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16)).save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5: sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


@pytest.mark.parametrize("data, said", [
    (png(40, 30), "not a JPEG photo (it is PNG)"),
    (huge_png_header(40000, 40000), "not a JPEG photo"),
    (jpeg_header_claiming(30000, 30000), "the photo has more pixels than the limit of 60,000,000"),
    (jpeg_header_claiming(9000, 8000), "the photo has more pixels than the limit of 60,000,000"),
    (b"\x00" * 3000, "not a JPEG photo (it is ?)"),
])
def test_a_photo_that_is_not_what_it_claims_is_refused(office, data, said):
    records = B.sample_records()
    records["photos"] = [B.photo("ph1", data)]
    path = office.file(office.bundle(records=records, photos=[data]))
    before = office.dump()
    result = office.ingest(path)
    assert result.exit_code == 2
    assert said in result.stderr and "photos/" in result.stderr
    assert office.dump() == before
    assert not list((office.data / "photos").rglob("*.jpg"))


def test_a_record_naming_a_key_twice_is_refused(office):
    records = B.sample_records()
    line = B.Bundle(office.me, records=records).record_files()["visits"].decode().rstrip("\n")
    doubled = line[:-1] + ', "note": "第二个备注"}'  # the last "note" would win in json and in pydantic
    path = office.file(office.bundle(records=records, jsonl={"visits": (doubled + "\n").encode()}))
    before = office.dump()
    result = office.ingest(path)
    assert result.exit_code == 2
    assert 'records/visits.jsonl line 1: "note" appears twice in one object' in result.stderr
    assert office.dump() == before
    assert "出现了两次" in office.ingest(path, lang="zh").stderr


def test_a_signed_document_naming_a_key_twice_is_refused(tmp_path):
    key = create_identity(tmp_path / "office", "zhuanban", "专班")
    payload = '{"bundle": "a", "bundle": "b"}'
    with pytest.raises(SignatureError) as refused:
        open_document(sign_document(key, "receipt", payload).decode(), "receipt")
    assert refused.value.key == "signature.duplicate_key" and "bundle" in refused.value.say("en")
    envelope = json.loads(sign_document(key, "receipt", '{"bundle": "a"}'))
    text = json.dumps(envelope)[:-1] + ', "kind": "assignment"}'
    with pytest.raises(SignatureError) as twice:
        open_document(text, "receipt")
    assert twice.value.key == "signature.duplicate_key"
