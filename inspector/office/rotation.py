"""The office changes its key without a phone call (issue 14 item 3).

`rotate` makes a new key pair (and a new encryption key) and a handover
statement signed with the old key: "this new key speaks for the office from
now on". Every assignment issued afterwards carries the chain of handovers;
a laptop that trusts an earlier key checks each link with the key before it
and moves to the new key by itself (assignment/trust.py). The old pair is
kept under retired/, the old encryption key as bundle-key.<when>.age (a
bundle sealed to it still opens); receipts signed before stay valid on the
laptops, which remember the keys they moved from.

Switching the files of the key folder takes several steps, so a journal
(rotation.json) is written first: once it exists, the rotation is decided,
and an interrupted one is finished (never undone) by running the command
again. The office refuses to sign anything while a journal is open
(office/keys.py), so nothing is signed with half a key pair."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from inspector.files import write_whole
from inspector.identity import create_identity, fingerprint, load_identity, sign_document
from inspector.identity import sealing
from inspector.identity.keys import PRIVATE_FILE, PUBLIC_FILE
from inspector.models.signed import KeyHandover
from inspector.store.transaction import immediate

from . import audit
from .keys import JOURNAL

STAGING = "rotating"
RETIRED = "retired"
HANDOVER_FILE = "handover.json"


@dataclass(frozen=True)
class Rotation:
    old_fingerprint: str
    new_fingerprint: str
    retired: Path  # where the old pair is kept
    finished_earlier: bool = False  # this run only finished one an earlier run started


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def pending(key_folder: Path) -> bool:
    return (Path(key_folder) / JOURNAL).exists()


def rotate(db, key_folder: Path, *, by: str, now: datetime | None = None) -> Rotation:
    """A new key for the office, handed over by the old one. An interrupted
    rotation is finished instead (and said so)."""
    key_folder = Path(key_folder)
    if pending(key_folder):
        return finish(db, key_folder, finished_earlier=True)
    old = load_identity(key_folder)
    now = now or _now()
    staging = key_folder / STAGING
    shutil.rmtree(staging, ignore_errors=True)  # a run killed before its journal decided anything
    new = create_identity(staging, old.id, old.name)
    sealing.bundle_key(staging)  # the new encryption key beside it
    handover = KeyHandover(office=old.id, name=old.name, old_public_key=old.public_key_text,
                           new_public_key=new.public_key_text, handed_over_at=now)
    write_whole(staging / HANDOVER_FILE, sign_document(old, "handover", handover.model_dump_json()))
    journal = {"at": now.isoformat(), "stamp": now.strftime("%Y%m%dT%H%M%SZ"), "by": by,
               "old": old.public_key_text, "new": new.public_key_text}
    write_whole(key_folder / JOURNAL, (json.dumps(journal, indent=1) + "\n").encode("utf-8"))  # decided
    return finish(db, key_folder)


def finish(db, key_folder: Path, *, finished_earlier: bool = False) -> Rotation:
    """Every step after the journal, each one done only if not done yet."""
    import base64

    key_folder = Path(key_folder)
    journal = json.loads((key_folder / JOURNAL).read_text(encoding="utf-8"))
    staging = key_folder / STAGING
    old_print = fingerprint(base64.b64decode(journal["old"]))
    new_print = fingerprint(base64.b64decode(journal["new"]))
    retired = key_folder / RETIRED / f"{journal['stamp']}-{old_print}"

    # 1. The handover is recorded first: assignments issued from now on carry
    #    it (signed by either key, a laptop accepts them).
    envelope = (staging / HANDOVER_FILE).read_text(encoding="utf-8") if (staging / HANDOVER_FILE).exists() else None
    with immediate(db):
        known = db.conn.execute("SELECT 1 FROM key_handovers WHERE new_public_key = ?", (journal["new"],)).fetchone()
        if known is None:
            db.conn.execute("INSERT INTO key_handovers (old_public_key, new_public_key, envelope, made_at, made_by) "
                            "VALUES (?, ?, ?, ?, ?)", (journal["old"], journal["new"], envelope, journal["at"],
                                                       journal["by"]))
            audit.record(db, journal["by"], "office.key_rotate", new_print, at=journal["at"],
                         detail={"old": old_print, "new": new_print})

    # 2. The old pair kept (copied: the live files stay until replaced).
    retired.mkdir(parents=True, exist_ok=True)
    if _public_key(key_folder) == journal["old"]:
        for name in (PUBLIC_FILE, PRIVATE_FILE):
            if not (retired / name).exists():
                write_whole(retired / name, (key_folder / name).read_bytes(), private=name == PRIVATE_FILE)
    # 3. The encryption keys: the old one keeps opening what was sealed to it.
    if (staging / sealing.KEY_FILE).exists():
        if (key_folder / sealing.KEY_FILE).exists():
            os.replace(key_folder / sealing.KEY_FILE, key_folder / f"bundle-key.{journal['stamp']}.age")
        os.replace(staging / sealing.KEY_FILE, key_folder / sealing.KEY_FILE)
    # 4. The new pair, private half first; the journal stays until both are in place.
    if (staging / PRIVATE_FILE).exists():
        os.replace(staging / PRIVATE_FILE, key_folder / PRIVATE_FILE)
    if (staging / PUBLIC_FILE).exists():
        os.replace(staging / PUBLIC_FILE, key_folder / PUBLIC_FILE)
    shutil.rmtree(staging, ignore_errors=True)
    (key_folder / JOURNAL).unlink()
    return Rotation(old_print, new_print, retired, finished_earlier)


def _public_key(key_folder: Path) -> str | None:
    try:
        return json.loads((key_folder / PUBLIC_FILE).read_text(encoding="utf-8"))["public_key"]
    except (OSError, ValueError, KeyError):
        return None


def handovers(db) -> list[str]:
    """Every handover envelope, oldest first: what an assignment carries."""
    return [text for (text,) in db.conn.execute("SELECT envelope FROM key_handovers ORDER BY seq")]

