"""The manifest of an office backup (office/backup): every file it holds,
with its size and SHA-256, and what made it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from .base import Model

# A path inside the backup folder: forward slashes, relative, no "..".
BackupPath = Annotated[str, StringConstraints(pattern=r"^[^/\\\x00-\x1f][^\\\x00-\x1f]{0,399}$")]


class BackupFile(Model):
    path: BackupPath
    size: int = Field(ge=0, le=2**53)
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]

    @field_validator("path")
    @classmethod
    def _inside(cls, path: str) -> str:
        if any(part in ("", ".", "..") for part in path.split("/")):
            raise ValueError("a path inside the backup: no empty, . or .. parts")
        return path


class BackupManifest(Model):
    format: Literal["inspector-office-backup"] = "inspector-office-backup"
    schema_version: Literal[1] = 1
    made_at: datetime
    made_by: str = Field(max_length=64, description="The member of staff who made it")
    app_version: str = Field(max_length=40)
    migrations: list[Annotated[str, StringConstraints(max_length=100)]] = Field(
        max_length=1000, description="The office database's migrations, in order")
    with_keys: bool = Field(description="Whether the office's private keys are in it (readable by the owner only)")
    files: list[BackupFile] = Field(max_length=10_000_000)
