"""Signed documents (models.Signed): sealing a payload with an identity and
checking that an envelope's signature matches its payload. Whether the signer
is someone we trust is the caller's decision (a pinned office key, an
enrolled inspector)."""

from __future__ import annotations

import base64

from pydantic import ValidationError

from inspector.models import Signed, Signer
from inspector.strictjson import first_problem

from inspector.i18n.said import Explained, Refusal, Words

from .keys import Identity, verify


class SignatureError(Refusal):
    """The envelope is malformed or its signature does not match; one line,
    said in the user's language."""


# Kinds older files (schema_version 1) may be: their signature does not cover
# the kind, but each payload only validates as its own model. A kind added
# since (the office's key handover) is accepted only as version 2.
LEGACY_KINDS = frozenset({"assignment", "receipt"})


def signed_bytes(kind: str, payload: str, version: int = 2) -> bytes:
    """What the signature covers: the kind with the payload (version 2), so a
    signed assignment cannot be replayed as a receipt or a key handover."""
    if version == 1:
        return payload.encode("utf-8")
    return f"inspector-signed/2\n{kind}\n".encode("ascii") + payload.encode("utf-8")


def sign_document(identity: Identity, kind: str, payload: str) -> bytes:
    signature = identity.sign(signed_bytes(kind, payload))
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
    found = first_problem(text)
    try:
        envelope = Signed.model_validate_json(text)
    except ValidationError as exc:
        raise SignatureError("signature.not_signed", problem=Explained(exc.errors(include_url=False)[0])) from None
    found = first_problem(envelope.payload) or found  # the payload's own field named first, not "payload"
    if found is not None:  # signed, and still no text of ours may say two things or drive a terminal
        code, where, character = found
        if code == "duplicate_key":
            raise SignatureError("signature.duplicate_key", key=where)
        raise SignatureError("signature.control_character", field=where, character=character)
    if envelope.kind != kind or (envelope.schema_version == 1 and kind not in LEGACY_KINDS):
        raise SignatureError("signature.other_kind", given=Words(f"signature.kind.{envelope.kind}"),
                             expected=Words(f"signature.kind.{kind}"))
    key = base64.b64decode(envelope.signer.public_key)
    signature = base64.b64decode(envelope.signature)
    if not verify(key, signature, signed_bytes(kind, envelope.payload, envelope.schema_version)):
        raise SignatureError("signature.mismatch", signer=envelope.signer.name)
    return envelope


def key_bytes(text: str) -> bytes:
    return base64.b64decode(text, validate=True)
