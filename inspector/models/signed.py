"""Documents one party signs for another: the office's assignments and
receipts. The signed text travels inside the envelope as a string, so the
signature covers exactly the bytes that are later parsed."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .base import Model
from .project import Code, Text

# 32 raw bytes of an Ed25519 public key, base64 (44 characters with padding).
PublicKeyText = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{43}=$")]
# The public half of an X25519 key in the age format (bech32, "age1" and 58
# characters): what bundles are encrypted to (identity/sealing.py).
AgeRecipient = Annotated[str, StringConstraints(pattern=r"^age1[02-9ac-hj-np-z]{58}$")]
# 64 raw bytes of an Ed25519 signature, base64 (88 characters with padding).
SignatureText = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{86}==$")]


class Signer(Model):
    id: Code
    name: Text
    public_key: PublicKeyText


SignedKind = Literal["assignment", "receipt", "handover"]


class Signed(Model):
    format: Literal["inspector-signed"] = "inspector-signed"
    schema_version: Literal[1, 2] = Field(
        default=2, description="2: the signature covers the kind as well as the payload, so no signed text can be "
                               "passed off as another kind of document; 1: older files (assignments and receipts), "
                               "whose signature covers the payload only")
    kind: SignedKind = Field(description="What the payload is")
    signer: Signer
    algorithm: Literal["ed25519"] = "ed25519"
    signature: SignatureText = Field(
        description="Ed25519 signature, base64, of the UTF-8 bytes of 'inspector-signed/2', a line feed, the kind, "
                    "a line feed and the payload (schema_version 2); of the payload alone (1)")
    payload: str = Field(description="The signed document (JSON text), exactly as signed")


class KeyHandover(Model):
    """The office's word, signed with its old key, that its new key speaks for
    it from now on (kind "handover"). Every assignment carries the chain of
    them, so a laptop that trusts any earlier key follows it by itself."""

    format: Literal["inspector-key-handover"] = "inspector-key-handover"
    schema_version: Literal[1] = 1
    office: Code
    name: Text
    old_public_key: PublicKeyText
    new_public_key: PublicKeyText
    handed_over_at: datetime
