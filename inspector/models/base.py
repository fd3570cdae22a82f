"""The one base every file format and record shares."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError


# Whole numbers we store must fit SQLite's integers with room to spare.
MAX_INT = 2**31 - 1
# A number a checklist or an answer may hold: finite (no inf or nan) and far
# from the edges of a double, so a sum or an average of them stays one.
MAX_NUMBER = 1e12
Number = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_NUMBER, le=MAX_NUMBER)]


class Model(BaseModel):
    # Unknown fields are refused: a typo in an office file must not vanish silently.
    # Infinity and NaN are never meaningful in our files; refuse them everywhere.
    model_config = ConfigDict(extra="forbid", use_enum_values=True, allow_inf_nan=False)


# Error types of our own validators: i18n "validation.<type>" says each in the
# user's language (i18n/validation.py); the English template is for logs.
CUSTOM_ERRORS: set[str] = set()


def refusal(code: str, message: str, /, **context: object) -> PydanticCustomError:
    """A validator's refusal with a type of its own, so it can be said in any
    language: raise refusal("item_twice", "item id '{item}' used twice", item=...)."""
    CUSTOM_ERRORS.add(code)
    return PydanticCustomError(code, message, context)


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise refusal("timezone_missing", "timestamp must carry a time zone (e.g. +08:00)")
    return value


class Record(Model):
    """Identity every record a user creates carries, so the office can merge,
    deduplicate and see conflicts instead of silently overwriting."""

    id: UUID = Field(description="Client-made UUID, stable across revisions")
    rev: int = Field(ge=1, le=MAX_INT, description="Revision number of this copy")
    base_rev: int | None = Field(
        default=None, ge=1, le=MAX_INT, description="Revision this one was edited from; null for the first"
    )
    author: str = Field(min_length=1, description="Inspector id who wrote this revision")
    device: str = Field(min_length=1, description="Device id the revision was written on")
    created_at: datetime
    updated_at: datetime

    _aware_created = field_validator("created_at", "updated_at")(_aware)
