"""A signed document says what kind it is inside what is signed (issue 14
item 5): the office's signature on an assignment cannot be passed off as a
receipt or a key handover. Older envelopes (schema_version 1, the payload
alone signed) still open as the assignments and receipts they were."""

from __future__ import annotations

import base64
import json

import pytest

from inspector.identity import SignatureError, create_identity, open_document, sign_document
from inspector.identity.signing import signed_bytes


@pytest.fixture
def office(tmp_path):
    return create_identity(tmp_path / "office", "zhuanban", "未来社区专班办公室")


def relabel(envelope: bytes, **changes) -> str:
    data = json.loads(envelope)
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


def test_the_kind_is_signed_with_the_payload(office):
    envelope = sign_document(office, "assignment", '{"id": "R2026-2-zhangwei"}')
    assert json.loads(envelope)["schema_version"] == 2
    assert open_document(envelope.decode(), "assignment").payload == '{"id": "R2026-2-zhangwei"}'
    for kind in ("receipt", "handover"):
        with pytest.raises(SignatureError) as refused:  # asked for another kind: refused by its label
            open_document(envelope.decode(), kind)
        assert refused.value.say("zh") == f"这是签名的任务包，不是{'回执' if kind == 'receipt' else '办公室密钥交接声明'}"
        with pytest.raises(SignatureError) as refused:  # relabelled: the signature no longer matches
            open_document(relabel(envelope, kind=kind), kind)
        assert refused.value.key == "signature.mismatch"


def test_a_relabelled_version_2_signature_does_not_pass_as_version_1(office):
    envelope = sign_document(office, "receipt", '{"bundle": "x"}')
    with pytest.raises(SignatureError) as refused:
        open_document(relabel(envelope, schema_version=1), "receipt")
    assert refused.value.key == "signature.mismatch"


def test_older_envelopes_open_as_assignments_and_receipts_only(office):
    payload = '{"bundle": "x"}'
    old = json.dumps({
        "format": "inspector-signed", "schema_version": 1, "kind": "receipt",
        "signer": {"id": office.id, "name": office.name, "public_key": office.public_key_text},
        "algorithm": "ed25519", "signature": base64.b64encode(office.sign(signed_bytes("receipt", payload, 1))).decode(),
        "payload": payload,
    }, ensure_ascii=False)
    assert open_document(old, "receipt").payload == payload  # an old receipt stays valid
    handover = old.replace('"kind": "receipt"', '"kind": "handover"')
    with pytest.raises(SignatureError) as refused:  # a kind added since is never taken from a version 1 envelope
        open_document(handover, "handover")
    assert refused.value.key == "signature.other_kind"
