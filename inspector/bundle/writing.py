"""Writing a sync bundle on the laptop.

Three steps, so that a kill at any moment leaves something correct:

1. one short transaction reserves the sequence number and seals every
   revision that goes out (a sealed revision never changes again, so what is
   written is what the laptop keeps; later edits become new revisions);
2. the zip is written under a temporary name from a read snapshot, streamed
   (photos are copied in chunks, never held whole), fsynced and renamed: the
   bundle appears whole or not at all;
3. one short transaction marks the bundle written.

When an assignment carried the office's encryption key (store meta
'office_recipient'), step 2 streams the zip through the encryption to that
key (identity/sealing.py) into `bundle-….zip.age`: the plain zip never
touches the disk. The file name carries the start of the bundle's id, so a kill
after the rename is recognised without opening what the laptop cannot open.

Killed in step 2, the reservation stays 'writing' and the next export reuses
its sequence number: no bundle that never left the laptop leaves a gap.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import uuid
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from inspector.files import sweep, whole_file
from inspector.i18n.said import Refusal
from inspector.identity import Identity
from inspector.identity.sealing import SUFFIX, SealError, is_sealed, sealed_file
from inspector.models import BundleManifest, BundleMember, BundleSignature
from inspector.models.bundle import MANIFEST_NAME, OPTIONAL_FILES, RECORD_FILES, SIGNATURE_NAME
from inspector.photos.library import PhotoLibrary
from inspector.store.connection import connect
from inspector.store.identity import device_id
from inspector.store.ownership import LeftBehind, left_behind, loaded_inspectors, record_inspector, sendable
from inspector.store.sync import acknowledged

CHUNK = 1 << 20

# Record tables in the order the office applies them (visits first).
TABLES = RECORD_FILES


class ExportError(Refusal):
    """Refused; one line saying why, in the user's language."""


class NotThisLaptops(ExportError):
    """The identity exporting is not the inspector of any assignment loaded here."""

    def __init__(self, identity_id: str, inspectors: list[str]) -> None:
        super().__init__("owner.export_other", identity=identity_id, inspectors=", ".join(inspectors))
        self.identity_id, self.inspectors = identity_id, inspectors


class NothingToExport(Exception):
    """Everything recorded here has been acknowledged by the office already
    (but for `left_behind`, which no bundle of this laptop can carry)."""

    def __init__(self, acknowledged: int, left_behind: tuple[LeftBehind, ...] = ()) -> None:
        super().__init__(acknowledged)
        self.acknowledged = acknowledged
        self.left_behind = left_behind


@dataclass(frozen=True)
class Exported:
    path: Path
    sequence: int
    since: int
    full: bool
    records: int
    photos: int
    size: int
    # Recorded here, not acknowledged, and not this inspector's to send (a
    # laptop an older version let hold two inspectors' assignments).
    left_behind: tuple[LeftBehind, ...] = ()
    inspector: str = ""
    sealed_to: str = ""  # the office it is encrypted to (its name); empty: a plain bundle

    def summary(self, lang: str) -> str:
        """One line for the person who exported, in their language, and one
        for each inspector whose records stayed behind."""
        from inspector.i18n import t

        size = f"{self.size / 1_000_000:.1f} MB" if self.size >= 1_000_000 else f"{max(self.size // 1000, 1)} KB"
        # what was asked for, in its words: unticked "everything" with nothing
        # acknowledged yet is still "what the office has not acknowledged"
        if self.full:
            scope = t("export.scope_all", lang)
        elif self.since:
            scope = t("export.scope_since", lang, since=self.since)
        else:
            scope = t("export.scope_unacknowledged", lang)
        line = t("export.written", lang, path=self.path, sequence=self.sequence, records=self.records,
                 photos=self.photos, size=size, scope=scope)
        sealed = [t("export.sealed", lang, office=self.sealed_to)] if self.sealed_to else []
        return "\n".join([line, *sealed, *left_behind_lines(self.left_behind, self.inspector, lang)])


def left_behind_lines(left: tuple[LeftBehind, ...], me: str, lang: str) -> list[str]:
    """What an export could not carry, one line per inspector and reason."""
    from inspector.i18n import t

    return [t(f"owner.left_{item.reason}", lang, records=item.records, author=item.author, me=me) for item in left]


# progress(done_bytes, total_bytes)
Progress = Callable[[int, int], None]


def bundle_name(inspector_id: str, sequence: int, sealed_id: uuid.UUID | None = None) -> str:
    """bundle-zhangwei-0003.zip; sealed: bundle-zhangwei-0003-1a2b3c4d.zip.age."""
    if sealed_id is None:
        return f"bundle-{inspector_id}-{sequence:04d}.zip"
    return f"bundle-{inspector_id}-{sequence:04d}-{sealed_id.hex[:8]}.zip{SUFFIX}"


def _office_recipient(conn: sqlite3.Connection) -> tuple[str, str] | None:
    """The key an assignment of the trusted office said to encrypt to, and the office's name."""
    rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('office_recipient', 'office_name')"))
    return (rows["office_recipient"], rows.get("office_name", "")) if rows.get("office_recipient") else None


def export_bundle(
    db_path: Path, photo_root: Path, identity: Identity, out_dir: Path, *,
    full: bool = False, progress: Progress | None = None,
) -> Exported:
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError("export.refused.folder", folder=str(out_dir), cause=exc) from None
    with _one_export_at_a_time(db_path):
        return _export(db_path, photo_root, identity, out_dir, full=full, progress=progress)


# How long a second export waits for the first before it is refused.
EXPORT_WAIT_SECONDS = 3.0


@contextlib.contextmanager
def _one_export_at_a_time(db_path: Path) -> Iterator[None]:
    """Two exports at once on one laptop would both take the reservation the
    other is writing (step 1 reuses a 'writing' one: it looks killed): the
    second waits a moment for the first, then is refused (store/turns.py)."""
    from inspector.store.turns import Busy, one_at_a_time

    if str(db_path) == ":memory:":
        yield
        return
    try:
        with one_at_a_time(Path(db_path).with_name(Path(db_path).name + ".export-lock"), wait=EXPORT_WAIT_SECONDS):
            yield
    except Busy:
        raise ExportError("export.refused.busy") from None


def _export(db_path: Path, photo_root: Path, identity: Identity, out_dir: Path, *, full: bool,
            progress: Progress | None) -> Exported:
    sweep(out_dir)  # half-written bundles of a killed export
    conn = connect(db_path)
    try:
        inspectors = list(loaded_inspectors(conn))
        if not inspectors:
            raise ExportError("export.refused.nothing")
        if identity.id not in inspectors:
            raise NotThisLaptops(identity.id, inspectors)
        # The identity is who this laptop belongs to; from now on records are stamped so.
        record_inspector(conn, identity.id)
        device = device_id(conn)
        if device is None:  # written when the database is made: only a damaged one lacks it
            raise sqlite3.DatabaseError("no such row: meta device_id (the database names no device)")
        mine = {"me": identity.id, "device": device}
        left = tuple(left_behind(conn, identity.id, device, acknowledged(conn)))
        if not full and not _pending(conn, mine):
            raise NothingToExport(acknowledged(conn), left)
        sealed_to = _office_recipient(conn)
        reservation = _reserve(conn, mine, full, out_dir, sealed=sealed_to is not None)
        path = reservation.path
        if sealed_to is None:
            sink = lambda: whole_file(path)  # noqa: E731
        else:
            sink = lambda: sealed_file(path, sealed_to[0])  # noqa: E731
        try:
            records, photos = _write(conn, reservation, identity, mine, PhotoLibrary(photo_root), sink, progress)
        except SealError as exc:
            raise ExportError("export.refused.seal", cause=exc) from None
        size = path.stat().st_size
        with conn:
            conn.execute(
                "UPDATE bundles SET status = 'written', file = ?, size = ?, records = ?, photos = ? "
                "WHERE sequence = ?",
                (str(path), size, records, photos, reservation.sequence),
            )
    finally:
        conn.close()
    return Exported(path, reservation.sequence, reservation.since, full, records, photos, size, left, identity.id,
                    sealed_to[1] if sealed_to else "")


@dataclass(frozen=True)
class _Reservation:
    id: uuid.UUID
    sequence: int
    previous: uuid.UUID | None
    since: int
    full: bool
    created_at: datetime
    path: Path


def _pending(conn: sqlite3.Connection, mine: dict) -> bool:
    """Whether anything this inspector may send is not acknowledged yet.
    `mine`: the :me and :device of store.ownership.sendable."""
    since = acknowledged(conn)
    return any(
        conn.execute(
            f"SELECT 1 FROM {table} WHERE {sendable(table)} AND (exported_in IS NULL OR exported_in > :since) "
            "LIMIT 1", {**mine, "since": since},
        ).fetchone()
        for table in TABLES
    )


def _reserve(conn: sqlite3.Connection, mine: dict, full: bool, out_dir: Path, *, sealed: bool = False) -> _Reservation:
    created = datetime.now(timezone.utc).astimezone()
    conn.execute("BEGIN IMMEDIATE")
    try:
        last = conn.execute(
            "SELECT sequence, status, id, file FROM bundles ORDER BY sequence DESC LIMIT 1").fetchone()
        if last is not None and last[1] == "writing" and _is_bundle(last[3], last[2]):
            # Killed after the rename: the bundle is whole and may be on its way
            # to the office; record it as written and go on after it.
            conn.execute("UPDATE bundles SET status = 'written', size = ? WHERE sequence = ?",
                         (Path(last[3]).stat().st_size, last[0]))
            last = (last[0], "written")
        if last is None:
            sequence = 1
        elif last[1] == "writing":
            sequence = last[0]  # never left the laptop: take its place
            conn.execute("DELETE FROM bundles WHERE sequence = ?", (sequence,))
        else:
            sequence = last[0] + 1
        previous = conn.execute("SELECT id FROM bundles WHERE sequence = ?", (sequence - 1,)).fetchone()
        since = acknowledged(conn)
        bundle_id = uuid.uuid4()
        for table in TABLES:
            conn.execute(
                f"UPDATE {table} SET sealed = 1, exported_in = coalesce(exported_in, :sequence) "
                f"WHERE {sendable(table)} AND (sealed = 0 OR exported_in IS NULL)",
                {**mine, "sequence": sequence},
            )
        path = out_dir / bundle_name(mine["me"], sequence, bundle_id if sealed else None)
        conn.execute(
            "INSERT INTO bundles (sequence, id, previous, since, full, status, created_at, file) "
            "VALUES (?, ?, ?, ?, ?, 'writing', ?, ?)",
            (sequence, str(bundle_id), previous[0] if previous else None, since, int(full), created.isoformat(),
             str(path)),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return _Reservation(bundle_id, sequence, uuid.UUID(previous[0]) if previous else None, since, full, created,
                        path)


def _is_bundle(file: str | None, bundle_id: str) -> bool:
    """Whether `file` is the whole bundle `bundle_id` (our own file, written
    whole: its manifest says which bundle it is)."""
    if not file:
        return False
    if file.endswith(SUFFIX):  # sealed: the laptop cannot open it, but its name says which bundle it is
        return uuid.UUID(bundle_id).hex[:8] in Path(file).name and is_sealed(file)
    try:
        with zipfile.ZipFile(file) as archive:
            return BundleManifest.model_validate_json(archive.read(MANIFEST_NAME)).id == uuid.UUID(bundle_id)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return False


def _selection(reservation: _Reservation, table: str) -> str:
    """Which revisions of `table` go out: everything ours, or what the office
    has not acknowledged yet. Ours: store.ownership.sendable."""
    if reservation.full:
        return f"{sendable(table)} AND exported_in IS NOT NULL"
    return f"{sendable(table)} AND exported_in > :since"


def _write(conn, reservation: _Reservation, identity: Identity, mine: dict, library: PhotoLibrary,
           sink: Callable[[], contextlib.AbstractContextManager], progress: Progress | None) -> tuple[int, int]:
    """Write the bundle into what `sink()` opens: the file itself, written
    whole, or a stream sealed to the office on its way there."""
    device = mine["device"]
    params = {**mine, "since": reservation.since}
    conn.execute("BEGIN")  # one read snapshot for the whole bundle
    try:
        photo_files = _photo_files(conn, _selection(reservation, "photos"), params, reservation, library)
        total = sum(size for _, size in photo_files) or 1
        members: list[BundleMember] = []
        records = 0
        done = 0
        with sink() as handle, ThreadPoolExecutor(1, thread_name_prefix="photo-hash") as hasher:
            with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
                for table in TABLES:
                    if table in OPTIONAL_FILES and conn.execute(
                            f"SELECT 1 FROM {table} WHERE {_selection(reservation, table)} LIMIT 1",
                            params).fetchone() is None:
                        continue  # left out when empty: an office not yet knowing it still reads the bundle
                    member, count = _write_records(archive, conn, table, _selection(reservation, table), params,
                                                   reservation)
                    members.append(member)
                    records += count
                for sha, size in photo_files:
                    members.append(_write_photo(archive, library, sha, size, reservation, hasher))
                    done += size
                    if progress:
                        progress(done, total)
                manifest = BundleManifest(
                    id=reservation.id,
                    inspector={"id": identity.id, "name": identity.name},
                    device=device,
                    sequence=reservation.sequence,
                    previous=reservation.previous,
                    since=0 if reservation.full else reservation.since,
                    full=reservation.full,
                    created_at=reservation.created_at,
                    members=members,
                )
                manifest_bytes = (manifest.model_dump_json(indent=1) + "\n").encode("utf-8")
                signature = BundleSignature(
                    signer=identity.id,
                    public_key=identity.public_key_text,
                    signature=_b64(identity.sign(manifest_bytes)),
                )
                _write_small(archive, MANIFEST_NAME, manifest_bytes, reservation)
                _write_small(archive, SIGNATURE_NAME,
                             (signature.model_dump_json(indent=1) + "\n").encode("utf-8"), reservation)
    finally:
        conn.execute("ROLLBACK")
    if progress:
        progress(total, total)
    return records, len(photo_files)


def _photo_files(conn, where: str, params: dict, reservation: _Reservation,
                 library: PhotoLibrary) -> list[tuple[str, int]]:
    """Photo files to send: those of the photos going out that the office has
    not acknowledged receiving (all of them for a full bundle). A photo
    removed before it was ever sent travels as a record only."""
    wanted = {
        sha for sha, deleted in conn.execute(
            f"SELECT sha256, json_extract(data, '$.deleted') FROM photos WHERE {where} ORDER BY id, rev", params
        )
        if not deleted
    }
    if not reservation.full:
        # Files the office acknowledged: those of photo revisions that went out
        # not removed (a photo removed before it was ever sent left its file here).
        wanted -= {sha for (sha,) in conn.execute(
            "SELECT DISTINCT sha256 FROM photos WHERE exported_in <= :since "
            "AND NOT coalesce(json_extract(data, '$.deleted'), 0)", {"since": reservation.since}
        )}
    files = []
    for sha in sorted(wanted):
        try:
            files.append((sha, library.path(sha).stat().st_size))
        except OSError:
            raise ExportError("export.refused.photo_missing", file=str(library.path(sha))) from None
    return files


def _write_records(archive: zipfile.ZipFile, conn, table: str, where: str, params: dict,
                   reservation: _Reservation) -> tuple[BundleMember, int]:
    name = f"records/{table}.jsonl"
    digest = hashlib.sha256()
    size = count = 0
    info = _info(name, reservation, zipfile.ZIP_DEFLATED)
    with archive.open(info, "w", force_zip64=True) as member:
        rows = conn.execute(f"SELECT data FROM {table} WHERE {where} ORDER BY id, rev", params)
        while batch := rows.fetchmany(500):
            chunk = b"".join(data.encode("utf-8") + b"\n" for (data,) in batch)
            member.write(chunk)
            digest.update(chunk)
            size += len(chunk)
            count += len(batch)
    return BundleMember(name=name, size=size, sha256=digest.hexdigest()), count


def _write_photo(archive: zipfile.ZipFile, library: PhotoLibrary, sha: str, expected: int,
                 reservation: _Reservation, hasher: ThreadPoolExecutor) -> BundleMember:
    """Copy one stored photo into the zip, checking on the way that it is
    still the file its name promises. The hashing runs on `hasher`, a single
    thread (so the chunks are hashed in order), while this one writes:
    hashlib and file writes both release the GIL, so the check costs
    little time on a second core."""
    source = library.path(sha)
    name = f"photos/{sha}.jpg"
    try:
        handle = open(source, "rb")
    except OSError as exc:
        raise ExportError("export.refused.photo_unreadable", file=str(source), cause=exc) from None
    digest = hashlib.sha256()
    size = 0
    with handle:
        info = _info(name, reservation, zipfile.ZIP_STORED)
        info.file_size = os.fstat(handle.fileno()).st_size
        with archive.open(info, "w", force_zip64=info.file_size > 0x7FFFFFFF) as member:
            while chunk := handle.read(CHUNK):
                hasher.submit(digest.update, chunk)
                member.write(chunk)
                size += len(chunk)
    if hasher.submit(digest.hexdigest).result() != sha or size != expected:
        raise ExportError("export.refused.photo_damaged", file=str(source))
    return BundleMember(name=name, size=size, sha256=sha)


def _write_small(archive: zipfile.ZipFile, name: str, data: bytes, reservation: _Reservation) -> None:
    archive.writestr(_info(name, reservation, zipfile.ZIP_DEFLATED), data)


def _info(name: str, reservation: _Reservation, compression: int) -> zipfile.ZipInfo:
    stamp = reservation.created_at.astimezone().timetuple()[:6]
    info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
    info.compress_type = compression
    info.external_attr = 0o644 << 16  # a plain file, whatever the umask
    return info


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")
