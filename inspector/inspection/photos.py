"""Photos as evidence on a visit: attached to an answer, a problem, an
innovation or a verdict; captioned; removed with a trace (never deleted)."""

from __future__ import annotations

import uuid

from sqlite_utils import Database

from inspector.models import Photo, PhotoTarget
from inspector.photos.importing import Imported
from inspector.store import records
from inspector.store.errors import StoreError

from .record import _open_visit, _stamp, identity
from inspector.store.transaction import immediate


def attach_photos(db: Database, visit_id, kind: str, target_id, imported: list[Imported]) -> list[Photo]:
    """Record the imported photos against one target, in one transaction.
    A photo already attached there (same stored bytes) is not added twice."""
    visit = _open_visit(db, visit_id)
    _check_target(db, visit.id, kind, target_id)
    who = identity(db)
    present = {
        photo.sha256 for photo in photos_of(db, visit.id)
        if photo.attached_to.kind == kind and str(photo.attached_to.id) == str(target_id) and not photo.deleted
    }
    added = []
    with immediate(db):
        for item in imported:
            if item.sha256 in present:
                continue
            present.add(item.sha256)
            p = item.photo
            photo = Photo(
                id=uuid.uuid4(), **_stamp(who), visit_id=visit.id, sha256=item.sha256,
                attached_to=PhotoTarget(kind=kind, id=target_id), original_name=p.original_name[:255],
                taken_at=p.taken_at, lat=p.lat, lon=p.lon, camera=p.camera, width=p.width, height=p.height,
            )
            added.append(records.save(db, photo))
    return added


_TARGET_TABLES = {"answer": "answers", "problem": "problems", "innovation": "innovations",
                  "follow_up": "follow_ups"}


def _check_target(db: Database, visit_id, kind: str, target_id) -> None:
    """The record the photos prove must belong to this visit."""
    table = _TARGET_TABLES.get(kind)
    found = table is not None and db.conn.execute(
        f"SELECT 1 FROM {table} WHERE id = ? AND visit_id = ? LIMIT 1", (str(target_id), str(visit_id))
    ).fetchone()
    if not found:
        raise StoreError("photos must be attached to a record of this visit", record=f"{kind} {target_id}",
                         code="not_here")


def _photo_on_visit(db: Database, visit_id, photo_id) -> Photo:
    visit = _open_visit(db, visit_id)
    photo = records.latest(db, Photo, photo_id)
    if photo is None or photo.visit_id != visit.id:
        raise StoreError("not a photo of this visit", record=f"photo {photo_id}", code="not_here")
    return photo


def set_caption(db: Database, visit_id, photo_id, caption: str) -> Photo:
    photo = _photo_on_visit(db, visit_id, photo_id)
    who = identity(db)
    return records.save(db, photo.model_copy(update={
        "caption": caption, "author": who.inspector_id, "device": who.device_id, "updated_at": records.now(),
    }))


def remove_photo(db: Database, visit_id, photo_id) -> Photo:
    """Marks the photo removed; the record (and the file) stay, as a trace."""
    photo = _photo_on_visit(db, visit_id, photo_id)
    who = identity(db)
    return records.save(db, photo.model_copy(update={
        "deleted": True, "author": who.inspector_id, "device": who.device_id, "updated_at": records.now(),
    }))


def photos_of(db, visit_id) -> list[Photo]:
    conn = getattr(db, "conn", db)
    rows = conn.execute(
        "SELECT data FROM photos_current WHERE visit_id = ? ORDER BY created_at, id", (str(visit_id),)
    )
    return [Photo.model_validate_json(data) for (data,) in rows]
