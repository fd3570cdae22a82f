"""Bundles sealed to the office: the age format (age-encryption.org/v1),
through pyrage.

Why age: a documented, versioned file format with independent
implementations (the `age` command line tool, rage, Go and Rust libraries),
so an office can open a bundle by hand with a tool that is not ours:

    age -d -i office-identity/bundle-key.age -o bundle.zip bundle-….zip.age

Why a key of its own: the office's Ed25519 key signs; sealing uses an X25519
key pair kept beside it (`bundle-key.age`, the file format `age-keygen`
writes, readable by its owner only). One key for one purpose; the public
half ("age1…") travels inside every signed assignment, so a laptop never
takes it from an unsigned source. Keys the office used before a rotation
stay in the folder (`bundle-key.<date>.age`) so bundles sealed to them still
open.

Decryption is a stream into a file bounded in size: age authenticates every
64 KiB chunk and marks the last, so a truncated file or an altered byte is
found, and a file sealed to another office has no stanza our key opens.
Whatever was written before such a failure is thrown away by the caller.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from inspector.files import whole_file, write_whole
from inspector.i18n.said import Refusal

HEADER = b"age-encryption.org/v1\n"
KEY_FILE = "bundle-key.age"
SUFFIX = ".age"


class SealError(Refusal):
    """A sealed file that cannot be opened, or a key that cannot be read;
    its key is "seal.<code>" of i18n/areas/keys_receipts.py."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        super().__init__(f"seal.{code}", **params)


def is_sealed(path: Path | str) -> bool:
    """Whether the file starts as an age file does."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(HEADER)) == HEADER
    except OSError:
        return False


def _x25519():
    from pyrage import x25519

    return x25519


def _read_identity(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SealError("key_unreadable", file=str(path), cause=exc) from None
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    try:
        (line,) = lines
        return _x25519().Identity.from_str(line)
    except Exception:  # noqa: BLE001 - pyrage raises its own kinds; all mean the same to a user
        raise SealError("key_damaged", file=str(path)) from None


def bundle_key(folder: Path | str, *, create: bool = True):
    """The office's current sealing key in `folder` (made on first need when
    `create`: an office set up before bundles were sealed gets one the first
    time it issues an assignment)."""
    path = Path(folder) / KEY_FILE
    if not path.exists() and create:
        identity = _x25519().Identity.generate()
        made = datetime.now(timezone.utc).isoformat(timespec="seconds")
        text = f"# created: {made}\n# public key: {identity.to_public()}\n{identity}\n"
        write_whole(path, text.encode("ascii"), private=True)
    if not path.exists():
        raise SealError("no_key", file=str(path))
    return _read_identity(path)


def recipient(folder: Path | str) -> str:
    """The public half of the office's sealing key: what assignments carry."""
    return str(bundle_key(folder).to_public())


def opening_keys(folder: Path | str) -> list:
    """Every sealing key of the office, current first, then those it used
    before (a bundle sealed to an older key still opens)."""
    folder = Path(folder)
    keys = []
    if (folder / KEY_FILE).exists():
        keys.append(_read_identity(folder / KEY_FILE))
    for path in sorted(folder.glob("bundle-key.*.age"), reverse=True):
        keys.append(_read_identity(path))
    return keys


def seal(source: Path, target: Path, to: str) -> None:
    """`source` sealed to the recipient `to` at `target`, written whole."""
    import shutil

    with open(source, "rb") as plain, sealed_file(target, to) as sink:
        shutil.copyfileobj(plain, sink, 1 << 20)


@contextlib.contextmanager
def sealed_file(target: Path, to: str) -> Iterator[BinaryIO]:
    """A stream whose bytes are sealed to `to` on their way to `target`
    (written whole once the stream is closed without error): the plain data
    never touches the disk. The stream cannot seek (a zip written to it puts
    each member's sizes after its data). Sealed by our age writer on the
    calling thread (age_writer.py says why not pyrage)."""
    from .age_writer import AgeWriter, BadRecipient

    with whole_file(target) as out:
        try:
            sink = AgeWriter(out, to)
        except BadRecipient:
            raise SealError("bad_recipient", recipient=to) from None
        yield sink
        sink.close()  # the final chunk: only now is the file a whole age file


class _Watched:
    """A writer that remembers the first error it raised: pyrage does not
    always pass an error of its writer on (a full disk at the last chunk was
    reported as success, leaving a truncated file), so the caller checks."""

    def __init__(self, out: BinaryIO) -> None:
        self.out, self.error, self.written = out, None, 0

    def write(self, data) -> int:
        try:
            count = self.out.write(data)
        except BaseException as exc:
            self.error = self.error or exc
            raise
        self.written += len(data)
        return count

    def flush(self) -> None:
        try:
            self.out.flush()
        except BaseException as exc:
            self.error = self.error or exc
            raise


class _Bounded(_Watched):
    """A writer that refuses more than `limit` bytes (a sealed file cannot
    unpack into more than a bundle may be) and hashes what it writes, so
    the plain bundle need not be read again to know its SHA-256."""

    def __init__(self, out: BinaryIO, limit: int) -> None:
        import hashlib

        super().__init__(out)
        self.limit = limit
        self.digest = hashlib.sha256()

    def write(self, data) -> int:
        if self.written + len(data) > self.limit:
            self.error = self.error or _TooBig()
            raise self.error
        count = super().write(data)
        self.digest.update(data)
        return count


class _TooBig(Exception):
    pass


def unseal(source: Path, out: BinaryIO, keys: list, *, limit: int, shown_as: str | None = None) -> tuple[int, str]:
    """Decrypt `source` into `out` (at most `limit` bytes); returns the size
    and SHA-256 of what was written. Raises SealError:
    sealed to another office (`not_ours`), truncated or altered (`damaged`),
    too big (`too_big`). What `out` holds after a SealError is worthless."""
    import pyrage

    name = shown_as or Path(source).name
    if not keys:
        raise SealError("no_opening_key", file=name)
    bounded = _Bounded(out, limit)
    try:
        with open(source, "rb") as sealed:
            pyrage.decrypt_io(sealed, bounded, keys)
        if bounded.error is not None:  # swallowed by pyrage: raised here
            raise bounded.error
    except _TooBig:
        raise SealError("too_big", file=name, limit_mb=limit // 1024**2) from None
    except pyrage.DecryptError as exc:
        # "No matching keys found": no stanza is for any of our keys.
        code = "not_ours" if "matching" in str(exc).lower() else "damaged"
        raise SealError(code, file=name) from None
    except OSError as exc:
        if getattr(exc, "errno", None) is not None or isinstance(exc, FileNotFoundError):
            raise  # the disk, not the file: said by errno
        raise SealError("damaged", file=name) from None  # pyrage's "decryption error": a chunk's tag failed
    except Exception as exc:  # noqa: BLE001 - a writer error surfacing through pyrage
        if isinstance(exc.__cause__, _TooBig) or "_TooBig" in repr(exc):
            raise SealError("too_big", file=name, limit_mb=limit // 1024**2) from None
        raise SealError("damaged", file=name) from None
    return bounded.written, bounded.digest.hexdigest()
