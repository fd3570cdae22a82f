"""A sync bundle (a zip the laptop writes, the office ingests) and the
receipt the office signs for it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, StringConstraints, field_validator

from .base import MAX_INT, Model, _aware
from .project import Code, Text
from .signed import PublicKeyText, SignatureText

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]

# Every member a bundle may hold. The office matches names against this list
# and never uses them as paths.
# Replies come last: the records they answer are applied first.
RECORD_FILES = ("visits", "answers", "problems", "innovations", "follow_ups", "photos", "replies")
# Members a bundle may leave out: a bundle without replies is written as before, so an office
# that does not know replies yet still reads it.
OPTIONAL_FILES = ("replies",)
MemberName = Annotated[
    str,
    StringConstraints(
        pattern=r"^(records/(visits|answers|problems|innovations|follow_ups|photos|replies)\.jsonl|photos/[0-9a-f]{64}\.jpg)$"
    ),
]
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "signature.json"


class BundleMember(Model):
    name: MemberName
    size: int = Field(ge=0, le=2**40)
    sha256: Sha256


class BundleInspector(Model):
    id: Code
    name: Text


class BundleManifest(Model):
    format: Literal["inspector-bundle"] = "inspector-bundle"
    schema_version: Literal[1] = 1
    id: UUID = Field(description="Bundle id, unique per export")
    inspector: BundleInspector
    device: Code
    sequence: int = Field(ge=1, le=MAX_INT, description="1, 2, 3… per inspector")
    previous: UUID | None = Field(description="Id of the bundle with sequence - 1; null for the first")
    since: int = Field(
        ge=0, le=MAX_INT,
        description="Last sequence the office had acknowledged when this was written: the bundle holds "
                    "every revision recorded after it (0: everything)",
    )
    full: bool = Field(description="Written with --all: every record and photo, acknowledged or not")
    created_at: datetime
    members: list[BundleMember]

    _aware_created = field_validator("created_at")(_aware)


class BundleSignature(Model):
    """signature.json: the inspector's signature over manifest.json's exact bytes."""

    format: Literal["inspector-bundle-signature"] = "inspector-bundle-signature"
    signer: Code = Field(description="Inspector id")
    public_key: PublicKeyText
    algorithm: Literal["ed25519"] = "ed25519"
    signature: SignatureText


class Receipt(Model):
    """Signed by the office (inside a Signed envelope, kind 'receipt') for each
    bundle it has applied; loading it on the laptop advances what counts as
    acknowledged."""

    format: Literal["inspector-receipt"] = "inspector-receipt"
    schema_version: Literal[1] = 1
    office: Code
    inspector: Code
    bundle: UUID
    sequence: int = Field(ge=1, le=MAX_INT)
    acknowledged: int = Field(
        ge=0, le=MAX_INT,
        description="Every revision the laptop had put in bundles up to this sequence is held by the office",
    )
    records: int = Field(ge=0, le=MAX_INT, description="Record revisions applied (new to the office)")
    conflicts: int = Field(ge=0, le=MAX_INT, description="Revisions kept as conflicts for review")
    photos: int = Field(ge=0, le=MAX_INT, description="Photo files received")
    issued_at: datetime

    _aware_issued = field_validator("issued_at")(_aware)
