"""Signed documents (models.Signed): sealing a payload with an identity and
checking that an envelope's signature matches its payload. Whether the signer
is someone we trust is the caller's decision (a pinned office key, an
enrolled inspector)."""

from __future__ import annotations

import base64

from pydantic import ValidationError

from inspector.models import Signed, Signer

from inspector.i18n.said import Explained, Refusal

from .keys import Identity, verify


class SignatureError(Refusal):
    """The envelope is malformed or its signature does not match; one line,
    said in the user's language."""


def sign_document(identity: Identity, kind: str, payload: str) -> bytes:
    signature = identity.sign(payload.encode("utf-8"))
    envelope = Signed(
        kind=kind,
        signer=Signer(id=identity.id, name=identity.name, public_key=identity.public_key_text),
        signature=base64.b64encode(signature).decode("ascii"),
        payload=payload,
    )
    return (envelope.model_dump_json(indent=1) + "\n").encode("utf-8")


def is_signed(text: str) -> bool:
    """Cheap look at the start of a JSON text: is this an envelope?"""
    head = text[:200].replace(" ", "").replace("\n", "")
    return '"format":"inspector-signed"' in head


def open_document(text: str, kind: str) -> Signed:
    """Parse an envelope of `kind` and check its signature against the key it
    names. Raises SignatureError."""
    try:
        envelope = Signed.model_validate_json(text)
    except ValidationError as exc:
        raise SignatureError("signature.not_signed", problem=Explained(exc.errors(include_url=False)[0])) from None
    if envelope.kind != kind:
        raise SignatureError("signature.other_kind", given=envelope.kind, expected=kind)
    key = base64.b64decode(envelope.signer.public_key)
    signature = base64.b64decode(envelope.signature)
    if not verify(key, signature, envelope.payload.encode("utf-8")):
        raise SignatureError("signature.mismatch", signer=envelope.signer.name)
    return envelope


def key_bytes(text: str) -> bytes:
    return base64.b64decode(text, validate=True)
