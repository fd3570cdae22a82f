"""Ingesting sync bundles at the office: sequences, held bundles, the merge.

Every bundle is checked in full (inspector.bundle.reading) before anything of
it is trusted; then, in ONE transaction (BEGIN IMMEDIATE), it is either
recognised (already ingested), held until its predecessor arrives, or
applied. Sequences count per laptop (inspector and device): a reset laptop
starts at 1 again.

What the bundle says about records is checked against what the office holds
first (claims.py): whose records they are, which projects, visits, problems
and records they name. Then:

* a revision the office already has with the same content is skipped;
* the same (kind, id, rev) with other content from the same author and
  device refuses the whole bundle (a laptop never rewrites what it sent);
  from another inspector (a verdict on a problem: the only record two
  inspectors may both revise) it is kept as a conflict;
* a new revision based on the office's current one becomes current; any
  other new revision is kept in `conflicts` for review: nothing is dropped
  or overwritten.

Photos go into a content-addressed store beside the office database, keyed
by their verified hash; `photo_files` says which are really stored (a file
left by a killed run is not). Each applied bundle yields a signed receipt.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from inspector.bundle import BundleError
from inspector.bundle.errors import refused
from inspector.bundle.reading import EnrolledKey, VerifiedBundle, file_sha256, open_signed
from inspector.files import copy_whole, write_whole
from inspector.identity import Identity, sealing
from inspector.photos.library import PhotoLibrary
from inspector.photos.processing import PhotoError, thumbnail_of

from . import audit, sealed
from .ledger import recheck as ledger
from .review import intake as review
from .review.replies import replied
from .claims import check_claims
from .receipts import receipt_path, write_receipt
from .revocation import revocation_of


@dataclass(frozen=True)
class OfficePaths:
    """Where the office keeps what bundles bring, beside its database."""

    db: Path
    photos: Path
    held: Path
    receipts: Path

    @classmethod
    def beside(cls, db: Path, receipts: Path | None = None) -> "OfficePaths":
        folder = Path(db).parent
        return cls(Path(db), folder / "photos", folder / "held", Path(receipts) if receipts else folder / "receipts")


@dataclass
class Outcome:
    status: str  # applied | already | held | already_held | refused
    file: Path
    inspector: str = ""
    device: str = ""
    sequence: int = 0
    bundle: str = ""
    records: int = 0  # new revisions made current
    conflicts: int = 0  # new revisions kept for review
    photos: int = 0  # photo files new to the office
    identical: int = 0  # revisions the office had already
    waiting_for: int = 0  # held: the sequence the office must apply first
    receipt: Path | None = None
    message: str = ""  # refused: the one line saying why (English, for logs)
    refusal: Exception | None = None  # refused: the BundleError itself, to say it in the user's language
    failure: str = ""  # refused because the office database or its folder failed, not the bundle: why
    released: bool = False  # a held bundle applied once its gap was filled
    receipt_error: str = ""  # applied (or recognised), but the receipt could not be written
    cause: BaseException | None = None  # the error behind `failure` or `receipt_error`, to say it in any language


# How far beyond the highest sequence the office holds from a laptop a bundle
# may be: bundles lost on the way leave gaps, never thousands of them.
MAX_SEQUENCE_AHEAD = 1000


def _looks_like_zip(file: Path) -> bool:
    """A plain bundle is refused as such only when it is one; a missing file
    or one that is no zip is said as what it is by the bundle checks."""
    try:
        with open(file, "rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


class Refused(Exception):
    pass


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class Ingester:
    def __init__(self, db: Database, paths: OfficePaths, office: Identity, *, by: str) -> None:
        self.by = by  # the member of staff ingesting, named in the audit log
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.paths = paths
        self.office = office
        self.library = PhotoLibrary(paths.photos)

    # -- public ----------------------------------------------------------------

    def ingest(self, file: Path) -> list[Outcome]:
        """Ingest one file; returns its outcome, then those of held bundles it released."""
        outcome = self._ingest_one(Path(file))
        outcomes = [outcome]
        if outcome.status != "refused":
            # Not only after 'applied': a run stopped between applying a bundle
            # and releasing what waited for it leaves them ready.
            outcomes.extend(self._release_held(outcome.inspector, outcome.device))
        return outcomes

    # -- one file ----------------------------------------------------------------

    def _ingest_one(self, file: Path, *, releasing: str | None = None) -> Outcome:
        try:
            if releasing is not None:  # a held bundle: already opened and accepted once
                return self._check_and_settle(file, releasing)
            if sealing.is_sealed(file):
                return self._unseal_and_settle(file)
            if _looks_like_zip(file) and not sealed.plain_allowed(self.db):
                refusal = refused(str(file), "plain_refused")
                return Outcome("refused", file, message=str(refusal), refusal=refusal)
            return self._check_and_settle(file, releasing)
        except (sqlite3.Error, OSError) as exc:  # the database or its folder, not the bundle: nothing applied
            if self.conn.in_transaction:
                self.conn.rollback()
            return self._failed(file, exc)

    def _unseal_and_settle(self, file: Path) -> Outcome:
        """A sealed bundle is opened into a temporary plain copy, which every
        check then reads as if it had come plain; refusals name `file`."""
        try:
            with sealed.opened(file, self.office.folder, self.paths.db.parent) as (plain, sha256):
                outcome = self._check_and_settle(plain, None, shown_as=str(file), sha256=sha256)
        except sealing.SealError as exc:
            params = dict(exc.params)
            named = params.pop("file", "")  # the bundle, said as `where`; for a missing key, the key's file
            if exc.code == "no_opening_key":
                refusal = refused(str(file), "sealed_no_key", key=named)
            else:
                refusal = refused(str(file), f"sealed_{exc.code}", **params)
            return Outcome("refused", file, message=str(refusal), refusal=refusal)
        outcome.file = file
        return outcome

    def _failed(self, file: Path, exc: Exception) -> Outcome:
        reason = f"{type(exc).__name__}: {exc}" if isinstance(exc, sqlite3.Error) else str(exc)
        refusal = refused(str(file), "office_failed", cause=exc)
        return Outcome("refused", file, failure=reason, message=str(refusal), refusal=refusal, cause=exc)

    def _check_and_settle(self, file: Path, releasing: str | None, *, shown_as: str | None = None,
                          sha256: str | None = None) -> Outcome:
        try:
            signed = open_signed(file, self._key_for, shown_as=shown_as, sha256=sha256)
        except BundleError as exc:
            return Outcome("refused", file, message=str(exc), refusal=exc)
        try:
            manifest = signed.manifest
            base = Outcome("refused", file, inspector=manifest.inspector.id, device=manifest.device,
                           sequence=manifest.sequence, bundle=str(manifest.id))
            # A bundle seen before is recognised by its signed id and the hash of
            # the whole file, before the (long) checking of every member. A copy
            # that differs in any byte is checked in full like a new one.
            row = self._bundle_row(str(manifest.id))
            if (row is not None and releasing is None and row["size"] == signed.size
                    and (sha256 or file_sha256(file)) == row["sha256"]):
                return self._seen(base, row)
            try:
                verified = signed.verify_contents()
            except BundleError as exc:
                base.message, base.refusal = str(exc), exc
                return base
            try:
                return self._settle(verified, base, releasing)
            except BundleError as exc:
                base.status = "refused"
                base.message, base.refusal = str(exc), exc
                return base
            except OSError as exc:  # the photo store or held/ not writable, disk full: nothing was applied
                base.status = "refused"
                base.refusal = refused(shown_as or str(file), "cannot_store", cause=exc)
                base.message = str(base.refusal)
                return base
        finally:
            signed.close()

    def _seen(self, base: Outcome, row: sqlite3.Row) -> Outcome:
        if row["status"] == "held" and self._applicable(base.inspector, base.device, row["sequence"], row["since"]):
            return self._release(row)  # its predecessor came in a run that stopped before releasing it
        if row["status"] == "applied":
            base.status = "already"
            base.records, base.conflicts, base.photos = row["records"], row["conflicts"], row["photos"]
            try:
                base.receipt = self._receipt_for(row)
            except OSError as exc:
                base.receipt_error, base.cause = str(exc), exc
        else:
            base.status = "already_held"
            base.waiting_for = row["since"]
        return base

    def _settle(self, bundle: VerifiedBundle, base: Outcome, releasing: str | None) -> Outcome:
        manifest = bundle.manifest
        inspector, device = manifest.inspector.id, manifest.device
        where = bundle.where or str(bundle.path)
        conn = self.conn
        if releasing is not None and str(manifest.id) != releasing:
            raise refused(where, "held_changed", releasing=releasing, bundle=str(manifest.id))
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = self._bundle_row(str(manifest.id))
            if row is not None and not (releasing and row["status"] == "held"):
                conn.rollback()
                return self._seen(base, row)
            other = conn.execute(
                "SELECT id, status FROM bundles WHERE inspector_id = ? AND device = ? AND sequence = ? AND id != ?",
                (inspector, device, manifest.sequence, str(manifest.id)),
            ).fetchone()
            if other is not None:
                raise refused(where, "sequence_taken", record="manifest.json", field="sequence",
                              sequence=manifest.sequence, inspector=inspector, device=device, other=other["id"],
                              status=other["status"])
            self._check_order(bundle, where)
            revocation = revocation_of(conn, inspector, device)
            if revocation is not None and manifest.sequence > revocation.after:
                raise refused(where, "device_revoked", record="manifest.json", field="sequence",
                              sequence=manifest.sequence, inspector=inspector, device=device, after=revocation.after,
                              at=revocation.revoked_at[:10])
            enrolled = self._key_for(inspector)
            if enrolled is None or enrolled.public_key != bundle.signer.public_key:
                raise refused(where, "enrolment_changed", record="signature.json", inspector=inspector)
            if not self._applicable(inspector, device, manifest.sequence, manifest.since):
                if releasing:
                    conn.rollback()
                    base.status = "already_held"
                    base.waiting_for = manifest.since
                    return base
                held = self.paths.held / f"{manifest.id}.zip"
                copy_whole(bundle.path, held)
                self._insert_bundle(bundle, "held", held_file=str(held.relative_to(self.paths.db.parent)))
                audit.record(self.db, self.by, "bundle.hold", str(manifest.id),
                             detail={"inspector": inspector, "device": device, "sequence": manifest.sequence,
                                     "waiting_for": manifest.since, "file": Path(bundle.where or bundle.path).name})
                conn.commit()
                base.status = "held"
                base.waiting_for = manifest.since
                return base
            counts = self._apply(bundle)
            applied_at = _now()
            if releasing:
                conn.execute(  # the device too: a row held before devices were recorded may lack it
                    "UPDATE bundles SET status = 'applied', applied_at = ?, held_file = NULL, records = ?, "
                    "conflicts = ?, photos = ?, device = ? WHERE id = ?",
                    (applied_at, counts.records, counts.conflicts, counts.photos, device, str(manifest.id)),
                )
            else:
                self._insert_bundle(bundle, "applied", applied_at=applied_at, counts=counts)
            audit.record(self.db, self.by, "bundle.apply", str(manifest.id), at=applied_at,
                         detail={"inspector": inspector, "device": device, "sequence": manifest.sequence,
                                 "records": counts.records, "conflicts": counts.conflicts, "photos": counts.photos,
                                 "released": releasing is not None, "file": Path(bundle.where or bundle.path).name})
            conn.commit()
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        base.status = "applied"
        base.records, base.conflicts, base.photos, base.identical = (
            counts.records, counts.conflicts, counts.photos, counts.identical)
        base.released = releasing is not None
        try:
            base.receipt = self._receipt_for(self._bundle_row(str(manifest.id)))
        except OSError as exc:  # applied all the same; ingesting the file again issues the receipt
            base.receipt_error, base.cause = str(exc), exc
        return base

    # -- sequences ------------------------------------------------------------------

    def _check_order(self, bundle: VerifiedBundle, where: str) -> None:
        """A bundle follows what the office holds from its laptop: it names the
        bundle the office holds for the sequence before it (`previous`), and
        its number is not far beyond the highest one received (a sequence of
        2^31 - 1 would be applied, and its receipt refused by the laptop)."""
        manifest = bundle.manifest
        who = (manifest.inspector.id, manifest.device)
        before = self.conn.execute(
            "SELECT id FROM bundles WHERE inspector_id = ? AND device IS ? AND sequence = ?",
            (*who, manifest.sequence - 1)).fetchone()
        if before is not None and str(manifest.previous) != before[0]:
            raise refused(where, "previous_mismatch", record="manifest.json", field="previous",
                          sequence=manifest.sequence, previous=str(manifest.previous) if manifest.previous else "-",
                          held=before[0])
        (top,) = self.conn.execute("SELECT coalesce(max(sequence), 0) FROM bundles WHERE inspector_id = ? "
                                   "AND device IS ?", who).fetchone()
        if manifest.sequence > top + MAX_SEQUENCE_AHEAD:
            raise refused(where, "sequence_too_far", record="manifest.json", field="sequence",
                          sequence=manifest.sequence, top=top, ahead=MAX_SEQUENCE_AHEAD)

    def _applicable(self, inspector: str, device: str, sequence: int, since: int) -> bool:
        """A bundle repeats every revision of its laptop after `since`, so it
        applies once the office has applied that laptop's bundle `since`
        (whatever came between). It also applies when a later bundle of the
        laptop repeating at least as much was applied: everything in it is at
        the office already (it arrived late, or its predecessor never will)."""
        if since == 0:
            return True
        return self.conn.execute(
            "SELECT 1 FROM bundles WHERE inspector_id = ? AND device = ? AND status = 'applied' "
            "AND (sequence = ? OR (sequence > ? AND since <= ?))",
            (inspector, device, since, sequence, since),
        ).fetchone() is not None

    def _release_held(self, inspector: str, device: str) -> list[Outcome]:
        outcomes = []
        tried: set[str] = set()
        while True:
            try:
                rows = self.conn.execute(
                    "SELECT id, sequence, since, held_file FROM bundles WHERE inspector_id = ? AND device = ? "
                    "AND status = 'held' ORDER BY sequence", (inspector, device),
                ).fetchall()
                ready = [r for r in rows if r["id"] not in tried
                         and self._applicable(inspector, device, r["sequence"], r["since"])]
            except sqlite3.Error as exc:
                outcomes.append(self._failed(self.paths.held, exc))
                return outcomes
            if not ready:
                return outcomes
            tried.add(ready[0]["id"])
            outcomes.append(self._release(ready[0]))

    def _release(self, row: sqlite3.Row) -> Outcome:
        """Apply a held bundle from the copy kept in held/."""
        held = self.paths.db.parent / row["held_file"]
        outcome = self._ingest_one(held, releasing=row["id"])
        if outcome.status == "applied":
            try:
                held.unlink()
            except OSError:
                pass  # a leftover copy is harmless: the row says applied
        return outcome

    def _bundle_row(self, bundle_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM bundles WHERE id = ?", (bundle_id,)).fetchone()

    def _insert_bundle(self, bundle: VerifiedBundle, status: str, *, applied_at: str | None = None,
                       held_file: str | None = None, counts: "Counts | None" = None) -> None:
        m = bundle.manifest
        counts = counts or Counts()
        self.conn.execute(
            "INSERT INTO bundles (id, inspector_id, device, sequence, previous, since, full, status, sha256, size, "
            "created_at, received_at, applied_at, held_file, records, conflicts, photos) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (str(m.id), m.inspector.id, m.device, m.sequence, None if m.previous is None else str(m.previous), m.since,
             int(m.full), status, bundle.sha256, bundle.size, m.created_at.isoformat(), _now(), applied_at,
             held_file, counts.records, counts.conflicts, counts.photos),
        )

    def _key_for(self, inspector_id: str) -> EnrolledKey | None:
        row = self.conn.execute("SELECT id, name, public_key FROM inspectors WHERE id = ?",
                                (inspector_id,)).fetchone()
        return None if row is None else EnrolledKey(row[0], row[1], row[2])

    def _receipt_for(self, row: sqlite3.Row) -> Path:
        path = receipt_path(self.paths.receipts, row["inspector_id"], row["sequence"], row["id"])
        write_receipt(path, self.office, row)
        return path

    # -- the merge ------------------------------------------------------------------

    def _apply(self, bundle: VerifiedBundle) -> "Counts":
        projects = check_claims(self.conn, bundle)
        counts = Counts()
        bundle_id = str(bundle.manifest.id)
        for line in bundle.records:
            outcome = self._merge(line, bundle, bundle_id, projects[id(line)])
            setattr(counts, outcome, getattr(counts, outcome) + 1)
        for sha, member in bundle.photos.items():
            if self.conn.execute("SELECT 1 FROM photo_files WHERE sha256 = ?", (sha,)).fetchone():
                continue
            data = bundle.photo_bytes(sha)
            write_whole(self.library.path(sha), data)
            self._keep_thumbnail(sha, data)
            self.conn.execute("INSERT INTO photo_files (sha256, size, bundle_id, received_at) VALUES (?, ?, ?, ?)",
                              (sha, member.size, bundle_id, _now()))
            counts.photos += 1
        return counts

    def _keep_thumbnail(self, sha: str, data: bytes) -> None:
        """The store's thumbnail, as the laptop keeps one (lists and reports show
        it instead of decoding the photo). The bundle's checks have verified the
        bytes already: one Pillow cannot read is stored all the same, without a
        thumbnail (a report makes one when it needs it)."""
        thumb = self.library.thumbnail_path(sha)
        if thumb.exists():
            return
        try:
            small = thumbnail_of(data)
        except PhotoError:
            return
        write_whole(thumb, small)

    def _merge(self, line, bundle: VerifiedBundle, bundle_id: str, project: str) -> str:
        conn = self.conn
        record = line.record
        kind, rid, rev = line.kind, str(record.id), record.rev
        same = conn.execute("SELECT sha256, author, device FROM records WHERE kind = ? AND id = ? AND rev = ?",
                            (kind, rid, rev)).fetchone()
        current = conn.execute("SELECT rev FROM current WHERE kind = ? AND id = ?", (kind, rid)).fetchone()
        office_rev = None if current is None else current[0]
        if same is not None and same["sha256"] == line.sha256:
            return "identical"
        for kept in conn.execute("SELECT sha256, author, json_extract(data, '$.device') AS device FROM conflicts "
                                 "WHERE kind = ? AND id = ? AND rev = ?", (kind, rid, rev)).fetchall():
            if kept["sha256"] == line.sha256:
                return "identical"  # kept for review already, from an earlier bundle
            if (kept["author"], kept["device"]) == (record.author, record.device):
                raise self._rewritten(bundle, line)
        if same is not None:
            if (same["author"], same["device"]) == (record.author, record.device):
                raise self._rewritten(bundle, line)
            return self._keep_conflict(line, bundle_id, office_rev)
        base_kept = record.base_rev is not None and conn.execute(
            "SELECT 1 FROM conflicts WHERE kind = ? AND id = ? AND rev = ? AND author = ?",
            (kind, rid, record.base_rev, record.author),
        ).fetchone() is not None
        follows = (record.base_rev is None and current is None) or (
            current is not None and record.base_rev == office_rev)
        if base_kept or not follows:
            return self._keep_conflict(line, bundle_id, office_rev)
        conn.execute(
            "INSERT INTO records (kind, id, rev, base_rev, author, device, project_code, visit_id, data, sha256, "
            "bundle_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, rid, rev, record.base_rev, record.author, record.device, project,
             rid if kind == "visit" else _text(getattr(record, "visit_id", None)), line.data, line.sha256, bundle_id),
        )
        conn.execute("INSERT INTO current (kind, id, rev) VALUES (?, ?, ?) "
                     "ON CONFLICT(kind, id) DO UPDATE SET rev = excluded.rev", (kind, rid, rev))
        at = _now()
        review.received(conn, kind, rid, rev, at=at, by=self.by, bundle_id=bundle_id)
        ledger.verdict_received(conn, kind, line.data, by=self.by, at=at)  # a re-check moves its problem's entry
        if kind == "reply":
            replied(conn, record, at=at, by=self.by, bundle_id=bundle_id)
        return "records"

    def _keep_conflict(self, line, bundle_id: str, office_rev: int | None) -> str:
        record = line.record
        self.conn.execute(
            "INSERT INTO conflicts (bundle_id, kind, id, rev, base_rev, office_rev, author, data, sha256, kept_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (bundle_id, line.kind, str(record.id), record.rev, record.base_rev, office_rev, record.author,
             line.data, line.sha256, _now()),
        )
        return "conflicts"

    @staticmethod
    def _rewritten(bundle: VerifiedBundle, line) -> BundleError:
        return refused(bundle.where or str(bundle.path), "rewritten", record=line.where)


@dataclass
class Counts:
    records: int = 0
    conflicts: int = 0
    photos: int = 0
    identical: int = 0


def _text(value) -> str | None:
    return None if value is None else str(value)


def open_ingester(db_path: Path, office: Identity, receipts: Path | None = None, *, by: str) -> Ingester:
    from .db import open_office_db

    db = open_office_db(db_path)
    db.conn.row_factory = sqlite3.Row
    return Ingester(db, OfficePaths.beside(db_path, receipts), office, by=by)
