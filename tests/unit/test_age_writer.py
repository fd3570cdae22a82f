"""Our age writer (identity/age_writer.py) against two independent
implementations: pyrage (rage, Rust) opens every file it writes, at every
chunk boundary, however the writes are cut; the `age` command line tool
(Go) too where it is installed; a mistyped recipient is refused."""

from __future__ import annotations

import io
import random
import shutil
import subprocess

import pytest
from pyrage import decrypt, x25519

from inspector.identity.age_writer import CHUNK, AgeWriter, BadRecipient, recipient_key

SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 16 * CHUNK + 1, 3 * CHUNK + 5]


def sealed(data: bytes, recipient: str, seed: int) -> bytes:
    out, rng, at = io.BytesIO(), random.Random(seed), 0
    writer = AgeWriter(out, recipient)
    while at < len(data):
        step = rng.choice([1, 7, 8192, CHUNK, CHUNK + 1, 1 << 20])
        writer.write(data[at:at + step])
        at += step
    writer.close()
    return out.getvalue()


@pytest.mark.parametrize("size", SIZES)
def test_pyrage_opens_what_we_seal(size):
    identity = x25519.Identity.generate()
    data = random.Random(size).randbytes(size)
    assert decrypt(sealed(data, str(identity.to_public()), size), [identity]) == data


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command line tool is not installed")
def test_the_age_tool_opens_what_we_seal(tmp_path):
    identity = x25519.Identity.generate()
    (tmp_path / "key").write_text(f"{identity}\n")
    for size in (0, CHUNK, 3 * CHUNK + 5):
        data = random.Random(size).randbytes(size)
        done = subprocess.run(["age", "-d", "-i", str(tmp_path / "key")], input=sealed(data, str(identity.to_public()), 1),
                              capture_output=True, timeout=60)
        assert done.returncode == 0 and done.stdout == data, done.stderr


def test_a_mistyped_or_foreign_recipient_is_refused():
    good = str(x25519.Identity.generate().to_public())
    assert len(recipient_key(good)) == 32
    for bad in (good[:-1] + ("q" if good[-1] != "q" else "p"), good + "q", "age1", "ssh-ed25519 AAAA", good[:10]):
        with pytest.raises(BadRecipient):
            recipient_key(bad)
