"""Helpers shared by the tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from inspector.identity import Identity
from inspector.models import Assignment
from inspector.store import open_db
from inspector.store.assignments import save_assignment

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def make_db(path: Path, assignment: Assignment | None = None) -> Path:
    db = open_db(path)
    if assignment is not None:
        save_assignment(db, assignment)
    db.close()
    return path


async def settle(pilot) -> None:
    """Wait until background reads are done and their results drawn."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    for _ in range(200):  # a worker's result arrives as a message: let it be handled
        if getattr(app.screen, "loaded", True):
            break
        await pilot.pause(0.01)
    await pilot.pause()


def widget_text(widget) -> str:
    """What a person sees in a widget: its rendered lines, as plain text."""
    from textual.geometry import Region

    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(strip.text for strip in strips).replace("\u00a0", " ")


async def wait_for(pilot, condition, tries: int = 300) -> None:
    for _ in range(tries):
        if condition():
            await _until_shown(pilot)
            return
        await pilot.pause(0.01)
    raise AssertionError("the screen never got there")


async def _until_shown(pilot) -> None:
    """A form drops keys typed before it was drawn (a person could not have
    seen it): a test that waited for a form to be pushed waits for it to be
    drawn too, before it types."""
    for _ in range(300):
        if getattr(pilot.app.screen, "shown_at", 0) is not None:
            return
        await pilot.pause(0.01)


@dataclass(frozen=True)
class _KeyInMemory(Identity):
    """An identity whose private key lives in the test, not in a folder."""

    seed: bytes = b""

    def private_key(self):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed)


@lru_cache(maxsize=None)
def office(name: str = "test-office") -> Identity:
    """A test office key, the same on every run (another `name`, another key)."""
    import hashlib

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    seed = hashlib.sha256(name.encode()).digest()
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return _KeyInMemory(name, f"测试专班办公室 {name}", public, Path(name), seed)


def signed(content, by: Identity | None = None) -> bytes:
    """An assignment file as the office sends it: `content` (a dict, JSON
    text or its UTF-8 bytes) signed by the test office (or `by`)."""
    from inspector.identity import sign_document

    if isinstance(content, dict):
        content = json.dumps(content, ensure_ascii=False, indent=1)
    if isinstance(content, bytes):
        content = content.decode("utf-8")
    return sign_document(by or office(), "assignment", content)


STAFF = ("ceshi", "测试员")  # the member of office staff tests act as (INSPECTOR_OFFICE_USER, conftest)


def register_staff(db) -> str:
    """Register STAFF in an open office database (the first member of staff); returns the id."""
    from inspector.office import staff

    if staff.find(db, STAFF[0]) is None:
        staff.add(db, *STAFF, by=None)
    return STAFF[0]


def staffed(path):
    """An office database at `path` (made if new) with STAFF registered; returns the path."""
    from inspector.office.db import open_office_db

    db = open_office_db(path)
    try:
        register_staff(db)
    finally:
        db.close()
    return path


def plain_bundle(path, key_folder):
    """The zip inside a bundle the laptop sealed to the office whose key is in
    `key_folder` (the path itself for a plain bundle), as the office opens it."""
    from pathlib import Path

    from inspector.identity import sealing

    path = Path(path)
    if not sealing.is_sealed(path):
        return path
    plain = path.with_name(path.name.removesuffix(sealing.SUFFIX) + ".opened.zip")
    with open(plain, "wb") as out:
        sealing.unseal(path, out, sealing.opening_keys(key_folder), limit=1 << 32)
    return plain
