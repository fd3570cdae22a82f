"""`office check`: the live office verified, nothing changed. SQLite's
integrity_check; every stored record revision against its hash; every photo
and evidence file the database names, present and the bytes its hash says;
every receipt in the receipts folder signed by the office (or a key it
handed over from) and naming a bundle the office applied. Each discrepancy
is one Finding, said in the user's language."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 1 << 20


@dataclass(frozen=True)
class Finding:
    code: str  # the i18n key "check.<code>"
    params: dict = field(default_factory=dict)

    def say(self, lang: str) -> str:
        from inspector.i18n import t

        return t(f"check.{self.code}", lang, **self.params)


def check_office(db_path: Path, receipts: Path | None = None, office_key: str | None = None) -> list[Finding]:
    """Every discrepancy found; `office_key`: the office's public key (base64), which
    with the keys it handed over from must have signed every receipt."""
    db_path = Path(db_path)
    conn = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        found = _integrity(conn)
        if found:
            return found  # the rest would read a damaged file
        found += _records(conn)
        found += _files(conn, "SELECT sha256, size FROM photo_files", db_path.parent / "photos", _photo_path, "photo")
        found += _files(conn, "SELECT DISTINCT sha256, size FROM ledger_evidence", db_path.parent / "evidence",
                        lambda root, sha: root / sha, "evidence")
        found += _receipts(conn, receipts or db_path.parent / "receipts", office_key)
    finally:
        conn.close()
    return found


def _integrity(conn) -> list[Finding]:
    try:
        rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError:
        return [Finding("db_damaged")]
    return [] if rows == ["ok"] else [Finding("db_damaged")]


def _records(conn) -> list[Finding]:
    found = []
    for table in ("records", "conflicts"):
        for kind, rid, rev, data, sha in conn.execute(f"SELECT kind, id, rev, data, sha256 FROM {table}"):
            if hashlib.sha256(data.encode("utf-8")).hexdigest() != sha:
                found.append(Finding("record_altered", {"kind": kind, "id": rid, "rev": rev}))
    return found


def _photo_path(root: Path, sha: str) -> Path:
    from inspector.photos.library import PhotoLibrary

    return PhotoLibrary(root).path(sha)


def _files(conn, sql: str, root: Path, where, what: str) -> list[Finding]:
    found = []
    for sha, size in conn.execute(sql):
        path = where(root, sha)
        if not path.is_file():
            found.append(Finding(f"{what}_missing", {"sha": sha, "file": str(path)}))
            continue
        digest, length = hashlib.sha256(), 0
        with open(path, "rb") as handle:
            while block := handle.read(CHUNK):
                digest.update(block)
                length += len(block)
        if digest.hexdigest() != sha or (size is not None and length != size):
            found.append(Finding(f"{what}_altered", {"sha": sha, "file": str(path)}))
    return found


def _receipts(conn, folder: Path, office_key: str | None) -> list[Finding]:
    from pydantic import ValidationError

    from inspector.identity import SignatureError, open_document
    from inspector.models import Receipt

    if not folder.is_dir():
        return []
    applied = {bid: seq for bid, seq in conn.execute("SELECT id, sequence FROM bundles WHERE status = 'applied'")}
    office_keys = {key for (key,) in conn.execute(
        "SELECT old_public_key FROM key_handovers UNION SELECT new_public_key FROM key_handovers")}
    if office_key:
        office_keys.add(office_key)
    found = []
    for path in sorted(folder.glob("receipt-*.json")):
        try:
            envelope = open_document(path.read_text(encoding="utf-8"), "receipt")
            receipt = Receipt.model_validate_json(envelope.payload)
        except (OSError, UnicodeDecodeError, SignatureError, ValidationError):
            found.append(Finding("receipt_bad", {"file": path.name}))
            continue
        if office_keys and envelope.signer.public_key not in office_keys:
            found.append(Finding("receipt_foreign", {"file": path.name}))
        if applied.get(str(receipt.bundle)) != receipt.sequence:
            found.append(Finding("receipt_unknown", {"file": path.name, "bundle": str(receipt.bundle)}))
    return found
