"""Backups of the office that restore (issue 14 item 4): `making` writes a
consistent copy while the office keeps working, `restoring` checks a whole
backup before it touches anything and never leaves half an office,
`checking` verifies the live office and changes nothing.

What an office is, on disk: its database and, beside it, the folders ingest
and the ledger fill (photos/, held/, receipts/, evidence/), and its key
folder (only with --with-keys: private keys leave the machine on purpose)."""

from __future__ import annotations

from pathlib import Path

from inspector.i18n.said import Refusal

MANIFEST = "manifest.json"
DATABASE = "office.db"
FOLDERS = ("photos", "held", "receipts", "evidence")
KEYS = "keys"  # where the key folder goes inside a backup


class BackupRefused(Refusal):
    """Nothing was written or changed; key "backup.<code>" of i18n/areas/backup.py."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        super().__init__(f"backup.{code}", **params)


def office_files(db_path: Path) -> dict[str, Path]:
    """The folders of the office at `db_path`, by their name in a backup."""
    return {name: Path(db_path).parent / name for name in FOLDERS}
