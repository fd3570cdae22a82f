"""The age file format (age-encryption.org/v1, https://c2sp.org/age) written
as a stream to one X25519 recipient, from the `cryptography` package's
primitives.

Why our own writer when pyrage writes age: pyrage's streaming call reads its
input through Python 8 KiB at a time, taking the interpreter lock for each
read, so sealing a 400 MB bundle on a second thread nearly doubled the
export (bench/sealed.py: 1.8x a plain export), and it swallowed a full
disk's error at the last chunk. Writing the format here costs one
ChaCha20-Poly1305 call per 64 KiB chunk (OpenSSL, ~3 GB/s) on the thread
that writes the zip, and every error of the file surfaces where it happens.
Only the writing side is ours: reading sealed bundles, which come from
outside, stays with pyrage, and the tests open what this writes with pyrage
and with the `age` command line tool.

The format, as the specification gives it:
    file key      = 16 random bytes, one per file
    X25519 stanza = "-> X25519 " b64(ephemeral share) LF b64(body) LF, where
                    wrap key = HKDF-SHA-256(ikm = X25519(ephemeral, recipient),
                               salt = ephemeral share || recipient,
                               info = "age-encryption.org/v1/X25519")
                    body     = ChaCha20-Poly1305(wrap key, nonce 0, file key)
    header MAC    = HMAC-SHA-256(HKDF(file key, salt "", info "header"),
                                 the header up to and including "---")
    payload       = 16-byte nonce, then 64 KiB chunks sealed with
                    HKDF(file key, salt = nonce, info "payload") and the nonce
                    counter (11 bytes, big endian) || final flag (1 byte)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import BinaryIO

CHUNK = 64 * 1024
TAG = 16  # Poly1305's, after each chunk
VERSION_LINE = b"age-encryption.org/v1\n"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


class BadRecipient(ValueError):
    """The text is not an age X25519 recipient ("age1…")."""


def recipient_key(text: str) -> bytes:
    """The 32-byte X25519 public key an "age1…" recipient encodes (Bech32,
    BIP 173: its checksum is checked, so a mistyped key is refused)."""
    text = text.strip()
    if text.lower() != text and text.upper() != text:
        raise BadRecipient(text)
    text = text.lower()
    hrp, sep, data = text.rpartition("1")
    if hrp != "age" or not sep or len(data) < 6 or any(c not in _BECH32 for c in data):
        raise BadRecipient(text)
    values = [_BECH32.index(c) for c in data]
    if _polymod([ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + values) != 1:
        raise BadRecipient(text)
    bits, acc, key = 0, 0, bytearray()
    for value in values[:-6]:
        acc, bits = (acc << 5) | value, bits + 5
        if bits >= 8:
            bits -= 8
            key.append((acc >> bits) & 0xFF)
    if bits >= 5 or acc & ((1 << bits) - 1) or len(key) != 32:
        raise BadRecipient(text)
    return bytes(key)


def _polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            check ^= generator[i] if (top >> i) & 1 else 0
    return check


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def header(recipient: bytes, file_key: bytes) -> bytes:
    """The header sealing `file_key` to the X25519 public key `recipient`."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    ephemeral = X25519PrivateKey.generate()
    share = ephemeral.public_key().public_bytes_raw()
    try:
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    except ValueError:  # a low-order point: the shared secret would be all zeros
        raise BadRecipient("low-order key") from None
    wrap_key = _hkdf(shared, share + recipient, b"age-encryption.org/v1/X25519")
    body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)  # 32 bytes: one line of 43
    head = VERSION_LINE + b"-> X25519 " + _b64(share) + b"\n" + _b64(body) + b"\n---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), head, hashlib.sha256).digest()
    return head + b" " + _b64(mac) + b"\n"


class AgeWriter:
    """A write-only stream whose bytes reach `out` sealed to `recipient`
    (the "age1…" text). close() writes the final chunk; until then the file
    is not a whole age file, so the caller writes to a temporary name and
    commits it after close()."""

    def __init__(self, out: BinaryIO, recipient: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

        file_key, nonce = os.urandom(16), os.urandom(16)
        out.write(header(recipient_key(recipient), file_key) + nonce)
        self._out = out
        self._aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
        self._pending = bytearray()
        self._sealed = bytearray()
        self._counter = 0
        self.closed = False

    def write(self, data) -> int:
        if self.closed:
            raise ValueError("write to a closed sealed stream")
        pending = self._pending
        pending += data
        # A chunk is sealed once more data follows it: only then is it known
        # not to be the final one (whose nonce carries the final flag).
        count = (len(pending) - 1) // CHUNK
        if count:
            self._seal(pending, count, final=False)
            del pending[:count * CHUNK]
        return len(data)

    def _seal(self, plain: bytearray, count: int, *, final: bool) -> None:
        """Seal `count` chunks of `plain` (the last one `final`) into one
        buffer, reused, and write them at once: no allocation per chunk."""
        size = count * (CHUNK + TAG)
        if len(self._sealed) < size:
            self._sealed = bytearray(size)
        written = 0
        with memoryview(plain) as source, memoryview(self._sealed) as target:
            for n in range(count):
                chunk = source[n * CHUNK:(n + 1) * CHUNK]
                last = final and n == count - 1
                nonce = self._counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
                self._aead.encrypt_into(nonce, chunk, None, target[written:written + len(chunk) + TAG])
                written += len(chunk) + TAG
                self._counter += 1
            self._out.write(target[:written])

    def flush(self) -> None:
        self._out.flush()

    def close(self) -> None:
        """Seal what is left as the final chunk (empty only if nothing at all was written)."""
        if self.closed:
            return
        self.closed = True
        self._seal(self._pending, 1, final=True)
        self._pending = bytearray()
        self._out.flush()

    def writable(self) -> bool:
        return True
