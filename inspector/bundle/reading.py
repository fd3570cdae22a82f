"""From a bundle file to what the office may trust, in two steps.

`open_signed` checks the zip's structure (archive.py), reads signature.json
and manifest.json (small, bounded), verifies the signature with the key the
office enrolled for the signer, parses the manifest and checks that the zip
holds exactly the members it lists. That is cheap, and enough to recognise a
bundle already ingested.

`SignedBundle.verify_contents` then reads every member through the bounded
reader, compares each one's size and SHA-256 with the manifest, and
validates every JSON Lines record with its model. Nothing here touches a
database: the caller passes the enrolment lookup in.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from inspector.bulk import paused_gc
from inspector.identity import fingerprint
from inspector.identity.keys import verify
from inspector.strictjson import first_problem
from inspector.models.base import CUSTOM_ERRORS
from inspector.models import Answer, FollowUp, Innovation, Photo, Problem, Record, Reply, Visit
from inspector.models.bundle import (
    MANIFEST_NAME,
    OPTIONAL_FILES,
    RECORD_FILES,
    SIGNATURE_NAME,
    BundleManifest,
    BundleMember,
    BundleSignature,
)

from .archive import CHUNK, PHOTO_NAME, Archive
from .errors import BundleError, refused

# A record revision is a few KB (a description is at most 4,000 characters):
# a "line" far longer is no record, and is not gathered into memory.
MAX_RECORD_LINE_BYTES = 1024 * 1024

# records/<file>.jsonl -> (the kind the office stores, the model). In this
# order visits come first, so everything else can find its visit.
RECORD_KINDS: dict[str, tuple[str, type[Record]]] = {
    "visits": ("visit", Visit),
    "answers": ("answer", Answer),
    "problems": ("problem", Problem),
    "innovations": ("innovation", Innovation),
    "follow_ups": ("follow_up", FollowUp),
    "photos": ("photo", Photo),
    "replies": ("reply", Reply),
}
assert tuple(RECORD_KINDS) == RECORD_FILES


def records_member(file: str) -> str:
    return f"records/{file}.jsonl"


@dataclass(frozen=True)
class EnrolledKey:
    """What the office knows of an inspector: the key it enrolled."""

    inspector_id: str
    name: str
    public_key: str  # base64 of the raw 32 bytes


KeyLookup = Callable[[str], "EnrolledKey | None"]


@dataclass(frozen=True)
class RecordLine:
    """One record revision of a bundle, checked against its model."""

    kind: str
    member: str
    line: int
    record: Record
    data: str  # canonical JSON (the model's own dump): what the office stores and compares
    sha256: str

    @property
    def where(self) -> str:
        return f"{self.member} line {self.line} (id {self.record.id} rev {self.record.rev})"


@dataclass
class VerifiedBundle:
    path: Path
    manifest: BundleManifest
    signer: EnrolledKey
    archive: Archive
    size: int
    sha256: str  # of the whole file
    records: list[RecordLine]  # visits first, then the other kinds; each kind by (id, rev)
    photos: dict[str, BundleMember]  # sha256 -> member
    where: str = ""  # the file as the user gave it (a sealed bundle is read from a decrypted copy)

    def photo_bytes(self, sha: str) -> bytes:
        """A photo's bytes, read again through the bounded reader and checked
        against the verified hash (never trust a second read blindly)."""
        member = self.photos[sha]
        data = self.archive.read(member.name)
        if hashlib.sha256(data).hexdigest() != sha:
            raise refused(self.where or str(self.path), "changed", record=member.name)
        return data

    def close(self) -> None:
        self.archive.close()


@dataclass
class SignedBundle:
    """Structure, signature and manifest checked; contents not yet read."""

    path: Path
    archive: Archive
    manifest: BundleManifest
    manifest_bytes: bytes
    signer: EnrolledKey
    members: dict[str, BundleMember] = field(default_factory=dict)
    where: str = ""  # the file as the user gave it (a sealed bundle is read from a decrypted copy)
    sha256: str = ""  # of the whole file, when known already (hashed while it was decrypted)

    @property
    def size(self) -> int:
        return self.archive.size

    def close(self) -> None:
        self.archive.close()

    def verify_contents(self) -> VerifiedBundle:
        where = self.where or str(self.path)
        records: list[RecordLine] = []
        for file, (kind, model) in RECORD_KINDS.items():
            name = records_member(file)
            if file in OPTIONAL_FILES and name not in self.members:
                continue
            records.extend(_parse_records(where, name, kind, model, self._member_lines(name), self.manifest))
        # A photo file travels only with a photo record naming it: anything
        # else would be stored at the office without a trace of why.
        named = {line.record.sha256 for line in records if line.kind == "photo"}
        photos: dict[str, BundleMember] = {}
        for name, member in sorted(self.members.items()):
            found = PHOTO_NAME.fullmatch(name)
            if not found:
                continue
            if member.sha256 not in named:
                raise refused(where, "photo_unreferenced", record=name)
            digest, head = hashlib.sha256(), b""
            for piece in self.archive.chunks(name):
                digest.update(piece)
                head = head or piece
            self._check_hash(name, digest.hexdigest())
            _check_photo(where, name, head)
            photos[member.sha256] = member
        return VerifiedBundle(
            path=self.path, manifest=self.manifest, signer=self.signer, archive=self.archive,
            size=self.archive.size, sha256=self.sha256 or file_sha256(self.path), records=records, photos=photos,
            where=where,
        )

    def _member_lines(self, name: str) -> Iterator[bytes]:
        """The member's lines (each with its line feed; the last one as it
        ends), read as a stream: memory holds one piece and one line at a
        time, not the member and copies of it. Its hash is checked once the
        last line is out: the caller trusts nothing of it before that."""
        digest, pending = hashlib.sha256(), b""
        for piece in self.archive.chunks(name):
            digest.update(piece)
            pending += piece
            start = 0
            while (end := pending.find(b"\n", start)) != -1:
                yield pending[start:end + 1]
                start = end + 1
            pending = pending[start:]
            if len(pending) > MAX_RECORD_LINE_BYTES:
                raise refused(self.where or str(self.path), "line_too_long", record=name, limit=MAX_RECORD_LINE_BYTES)
        if pending:
            yield pending
        self._check_hash(name, digest.hexdigest())

    def _member_bytes(self, name: str) -> bytes:
        data = self.archive.read(name)
        self._check_hash(name, hashlib.sha256(data).hexdigest())
        return data

    def _check_hash(self, name: str, actual: str) -> None:
        if actual != self.members[name].sha256:
            raise refused(self.where or str(self.path), "member_hash", record=name)


def _check_photo(where: str, name: str, head: bytes) -> None:
    """A photo file is the image it claims to be: a JPEG (the laptop stores
    nothing else) of no more pixels than the laptop would import. Read from
    its header only, so a 40000x40000 image is refused before anything
    decodes it."""
    import warnings

    from PIL import Image

    from inspector.photos.processing import MAX_PIXELS, MAX_SIDE

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit is said below
            with Image.open(io.BytesIO(head), formats=["JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP"]) as image:
                kind, (width, height) = image.format, image.size
    except Image.DecompressionBombError:  # far beyond any limit: Pillow will not even say its size
        raise refused(where, "photo_too_many_pixels", record=name, limit=MAX_PIXELS) from None
    except Exception:  # noqa: BLE001 - Pillow's many ways of saying "not an image I know"
        raise refused(where, "photo_not_jpeg", record=name, kind="?") from None
    if kind != "JPEG":
        raise refused(where, "photo_not_jpeg", record=name, kind=kind)
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise refused(where, "photo_too_many_pixels", record=name, limit=MAX_PIXELS)


def _no_duplicate_keys(where: str, member: str, data: bytes | str, line: int | None = None) -> None:
    """Refused when an object names a key twice, or a text holds a control
    character (strictjson.py says why)."""
    found = first_problem(data)
    if found is not None:
        code, key, character = found
        record = member if line is None else f"{member} line {line}"
        if code == "duplicate_key":
            raise refused(where, "duplicate_key", record=record, key=key)
        raise refused(where, "control_character", record=record, field=key, character=character)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def open_signed(path: Path | str, key_for: KeyLookup, *, shown_as: str | None = None,
                sha256: str | None = None) -> SignedBundle:
    """Open `path`, check its structure, signature and manifest. Raises
    BundleError (closing the file) when anything is wrong. `shown_as`: the
    file as refusals name it, when `path` is a decrypted copy."""
    path = Path(path)
    archive = Archive.open(path, shown_as=shown_as)
    try:
        signed = _open_signed(path, archive, key_for, shown_as or str(path))
        signed.sha256 = sha256 or ""
        return signed
    except BaseException:
        archive.close()
        raise


def _open_signed(path: Path, archive: Archive, key_for: KeyLookup, where: str) -> SignedBundle:
    for required in (MANIFEST_NAME, SIGNATURE_NAME):
        if required not in archive.entries:
            raise refused(where, "not_a_bundle", member=required)

    signature_bytes = archive.read(SIGNATURE_NAME)
    try:
        _no_duplicate_keys(where, SIGNATURE_NAME, signature_bytes)
        signature = BundleSignature.model_validate_json(signature_bytes)
    except ValidationError as exc:
        raise _explain(exc, where, SIGNATURE_NAME) from None
    enrolled = key_for(signature.signer)
    if enrolled is None:
        raise refused(where, "not_enrolled", record=SIGNATURE_NAME, field="signer", signer=signature.signer)
    if signature.public_key != enrolled.public_key:
        raise refused(where, "other_key", record=SIGNATURE_NAME, field="public_key",
                      key=fingerprint(base64.b64decode(signature.public_key)), inspector=enrolled.inspector_id,
                      enrolled=fingerprint(base64.b64decode(enrolled.public_key)))

    manifest_bytes = archive.read(MANIFEST_NAME)
    if not verify(base64.b64decode(enrolled.public_key), base64.b64decode(signature.signature), manifest_bytes):
        raise refused(where, "signature_mismatch", record=MANIFEST_NAME, inspector=enrolled.inspector_id)
    try:
        _no_duplicate_keys(where, MANIFEST_NAME, manifest_bytes)
        manifest = BundleManifest.model_validate_json(manifest_bytes)
    except ValidationError as exc:
        raise _explain(exc, where, MANIFEST_NAME) from None
    if manifest.inspector.id != signature.signer:
        raise refused(where, "manifest_other_inspector", record=MANIFEST_NAME, field="inspector.id",
                      inspector=manifest.inspector.id, signer=signature.signer)
    if manifest.since >= manifest.sequence:
        raise refused(where, "since_not_below", record=MANIFEST_NAME, field="since", since=manifest.since,
                      sequence=manifest.sequence)

    members: dict[str, BundleMember] = {}
    for index, member in enumerate(manifest.members):
        if member.name in members:
            raise refused(where, "member_twice", record=MANIFEST_NAME, field=f"members[{index}]", member=member.name)
        photo = PHOTO_NAME.fullmatch(member.name)
        if photo and photo.group(1) != member.sha256:
            raise refused(where, "member_hash_name", record=MANIFEST_NAME, field=f"members[{index}].sha256",
                          member=member.name)
        members[member.name] = member
    for file in RECORD_FILES:
        if records_member(file) not in members and file not in OPTIONAL_FILES:
            raise refused(where, "records_unlisted", record=MANIFEST_NAME, field="members", member=records_member(file))
    in_zip = archive.names() - {MANIFEST_NAME, SIGNATURE_NAME}
    missing = sorted(set(members) - in_zip)
    if missing:
        raise refused(where, "members_missing_more" if len(missing) > 3 else "members_missing", record=missing[0],
                      members=", ".join(missing[:3]), more=len(missing) - 3)
    extra = sorted(in_zip - set(members))
    if extra:
        raise refused(where, "member_unlisted", record=extra[0])
    for name, member in members.items():
        declared = archive.entries[name].file_size
        if declared != member.size:
            raise refused(where, "member_size", record=name, declared=declared, size=member.size)
    return SignedBundle(path, archive, manifest, manifest_bytes, enrolled, members, where)


def _parse_records(where: str, member: str, kind: str, model: type[Record], raw_lines: Iterable[bytes],
                   manifest: BundleManifest) -> list[RecordLine]:
    inspector, device = manifest.inspector.id, manifest.device
    lines = []
    seen: set[tuple[str, int]] = set()
    with paused_gc():
        for number, raw in enumerate(raw_lines, start=1):
            if not raw.endswith(b"\n"):
                raise refused(where, "no_last_newline", record=member)
            try:
                line = raw[:-1].decode("utf-8")
            except UnicodeDecodeError as exc:
                raise refused(where, "not_utf8", record=f"{member} line {number}",
                              byte=f"0x{raw[exc.start]:02x}") from None
            at = f"{member} line {number}"
            if not line.strip():
                raise refused(where, "empty_line", record=at)
            _no_duplicate_keys(where, member, line, number)
            try:
                record = model.model_validate_json(line)
            except ValidationError as exc:
                raise _explain(exc, where, at + _id_of(line)) from None
            at += f" (id {record.id} rev {record.rev})"
            if record.author != inspector:
                raise refused(where, "other_author", record=at, field="author", author=record.author,
                              inspector=inspector)
            if record.device != device:
                raise refused(where, "other_device", record=at, field="device", device=record.device, sender=device)
            if record.base_rev is not None and record.base_rev >= record.rev:
                raise refused(where, "base_not_older", record=at, field="base_rev", base=record.base_rev)
            if record.rev == 1 and record.base_rev is not None:
                raise refused(where, "first_with_base", record=at, field="base_rev")
            key = (str(record.id), record.rev)
            if key in seen:
                raise refused(where, "revision_twice", record=at)
            seen.add(key)
            data = record.model_dump_json()
            lines.append(RecordLine(kind, member, number, record, data,
                                    hashlib.sha256(data.encode("utf-8")).hexdigest()))
    lines.sort(key=lambda r: (str(r.record.id), r.record.rev))
    return lines


def _id_of(line: str) -> str:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return ""
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return f" (id {value['id'][:40]})"
    return ""


def _explain(exc: ValidationError, where: str, record: str) -> BundleError:
    error = exc.errors(include_url=False)[0]
    kind = error["type"]
    if kind == "json_invalid":
        return refused(where, "json_invalid", record=record)
    loc = ".".join(str(part) for part in error["loc"]) or None
    given = json.dumps(error.get("input"), ensure_ascii=False, default=str)
    if len(given) > 60:
        given = given[:57] + "..."
    if kind == "missing":
        message = "missing"
    elif kind == "extra_forbidden":
        message = "unknown field (not in the bundle format)"
    elif kind == "value_error" or kind in CUSTOM_ERRORS:
        message = str(error["msg"]).removeprefix("Value error, ")
    else:
        message = f"{error['msg']} (got {given})"
    more = exc.error_count() - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return BundleError(where, message, record=record, field=loc, error=error, more=more, what="bundle")
