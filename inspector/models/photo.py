"""Metadata of a photo kept as evidence; the bytes live content-addressed on disk."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, StringConstraints

from .base import Model, Record
from .checklist import LongText


class PhotoTarget(Model):
    kind: Literal["answer", "problem", "innovation", "follow_up"]
    id: UUID


class Photo(Record):
    visit_id: UUID = Field(description="Visit the photo was taken in as evidence")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    attached_to: PhotoTarget
    original_name: Annotated[str, StringConstraints(max_length=255)]
    taken_at: datetime | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    camera: Annotated[str, StringConstraints(max_length=200)] | None = None
    width: int = Field(ge=1, le=100_000)
    height: int = Field(ge=1, le=100_000)
    caption: LongText = ""
    deleted: bool = False
