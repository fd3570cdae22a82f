"""Answering what the office sent back (退回): the function the visit and
project screens call through the writer. The answer is saved at once and
goes out in the next bundle; correcting the record itself is an ordinary
edit with the ordinary forms (the office's revision is stored, so the edit
is based on it)."""

from __future__ import annotations

from sqlite_utils import Database

from inspector.models import Reply
from inspector.store import records
from inspector.store.errors import StoreError
from inspector.store.sentback import reply_to

from .record import identity

MAX_REPLY = 4000


def answer(db: Database, kind: str, record_id: str, text: str) -> Reply:
    """Save the inspector's answer to the record sent back. Refused
    (StoreError, nothing saved) when empty or too long."""
    text = (text or "").strip()
    if not text:
        raise StoreError("the answer is empty", record=f"{kind} {record_id}", field="text", code="reply_empty")
    if len(text) > MAX_REPLY:
        raise StoreError(f"the answer is longer than {MAX_REPLY} characters", record=f"{kind} {record_id}",
                         field="text", code="reply_long", limit=MAX_REPLY)
    who = identity(db)
    return reply_to(db, kind, record_id, text, author=who.inspector_id, device=who.device_id, at=records.now())
