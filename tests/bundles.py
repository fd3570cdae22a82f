"""Test-side sync bundles: valid ones made from records built in code, and
knobs to craft hostile variants down to the byte.

The zip is written here by hand (`raw_zip`) so a test can say exactly what a
hostile archive holds: names, unix modes, flags, declared sizes, offsets.
`zipfile_bundle` writes the same bundle with Python's zipfile, as a real
exporter would, to show the office accepts that too.
"""

from __future__ import annotations

import base64
import copy
import functools
import io
import hashlib
import json
import struct
import uuid
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import factories
from support import register_staff
from inspector.identity import Identity
from inspector.models import Answer, FollowUp, Innovation, Photo, Problem, Reply, Visit
from inspector.models.bundle import OPTIONAL_FILES, RECORD_FILES

STORED, DEFLATED = 0, 8
INSPECTOR = "zhangwei"
DEVICE = "laptop-zhangwei-01"
NS = uuid.UUID("1c0e7d3a-5b7f-4a52-9d8c-2f4e6a8b0c11")
MODELS = {"visits": Visit, "answers": Answer, "problems": Problem, "innovations": Innovation,
          "follow_ups": FollowUp, "photos": Photo, "replies": Reply}


def uid(name: str) -> str:
    return str(uuid.uuid5(NS, name))


def _identity(n: str, rev: int, author: str, device: str) -> dict:
    return {
        "id": uid(n), "rev": rev, "base_rev": rev - 1 if rev > 1 else None, "author": author, "device": device,
        "created_at": "2026-11-27T09:30:00+08:00", "updated_at": f"2026-11-27T09:{30 + rev:02d}:00+08:00",
    }


def visit(n: str = "v1", rev: int = 1, project: str = "HZ-GL-001", author: str = INSPECTOR,
          device: str = DEVICE, **over) -> dict:
    data = {**_identity(n, rev, author, device), "project_code": project, "date": "2026-11-27",
            "inspectors": ["张伟"], "templates": [{"id": "zj-problem", "version": 1}], "status": "finished",
            "finished_at": "2026-11-27T11:00:00+08:00"}
    return {**data, **over}


def answer(n: str = "a1", visit_n: str = "v1", rev: int = 1, author: str = INSPECTOR, device: str = DEVICE,
           **over) -> dict:
    data = {**_identity(n, rev, author, device), "visit_id": uid(visit_n),
            "item": {"template": "zj-problem", "version": 1, "item": "lin-01"}, "value": "fail",
            "note": "大门紧锁"}
    return {**data, **over}


def problem(n: str = "p1", visit_n: str = "v1", rev: int = 1, project: str = "HZ-GL-001", author: str = INSPECTOR,
            device: str = DEVICE, **over) -> dict:
    data = factories.problem(project)
    data.update(_identity(n, rev, author, device))
    data.update(visit_id=uid(visit_n), history=[{"status": "open", "at": "2026-11-27T10:00:00+08:00",
                                                 "by": author}])
    return {**data, **over}


def innovation(n: str = "i1", visit_n: str = "v1", rev: int = 1, project: str = "HZ-GL-001",
               author: str = INSPECTOR, device: str = DEVICE, **over) -> dict:
    data = {**_identity(n, rev, author, device), "project_code": project, "visit_id": uid(visit_n),
            "category": "operation", "scenario": "neighbourhood", "title": "邻里积分兑换", "replicable": True}
    return {**data, **over}


def follow_up(n: str = "f1", visit_n: str = "v1", problem_n: str = "p1", rev: int = 1, author: str = INSPECTOR,
              device: str = DEVICE, **over) -> dict:
    data = {**_identity(n, rev, author, device), "visit_id": uid(visit_n), "problem_id": uid(problem_n),
            "verdict": "rectified"}
    return {**data, **over}


@functools.lru_cache(maxsize=None)
def _tiny_jpeg(n: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8 + n % 8, 6), (n * 37 % 256, 90, 200)).save(out, "JPEG", quality=70)
    return out.getvalue()


def photo_bytes(n: int = 0, size: int = 2000) -> bytes:
    """A JPEG of `size` bytes, different for each `n`: a tiny real image (the
    office reads its header: format and pixels) padded after its end marker
    with bytes a decoder ignores."""
    head = _tiny_jpeg(n)
    seed = hashlib.sha256(f"photo-{n}".encode()).digest()
    return head + (seed * (size // len(seed) + 1))[: max(size - len(head), 0)]


def photo(n: str = "ph1", data: bytes | None = None, visit_n: str = "v1", rev: int = 1, author: str = INSPECTOR,
          device: str = DEVICE, **over) -> dict:
    data = photo_bytes() if data is None else data
    body = {**_identity(n, rev, author, device), "visit_id": uid(visit_n),
            "sha256": hashlib.sha256(data).hexdigest(), "attached_to": {"kind": "answer", "id": uid("a1")},
            "original_name": "IMG_0001.jpg", "width": 1600, "height": 1200}
    return {**body, **over}


def sample_records() -> dict[str, list[dict]]:
    """One of each kind, about one visit to HZ-GL-001, each naming what it must
    (the office checks): the answer, problem, innovation and photo are of the
    visit, the photo proves the answer, the follow-up judges the problem (on a
    laptop a verdict is on an earlier visit's problem; the office checks only
    that the problem is of the visit's project)."""
    return {
        "visits": [visit()], "answers": [answer()], "problems": [problem()], "innovations": [innovation()],
        "follow_ups": [follow_up()], "photos": [photo()],
    }


LINA = "lina"
LINA_DEVICE = "laptop-lina"


def lina_records() -> dict[str, list[dict]]:
    """lina's visit v0 to WZ-LC-001 (her project), an answer a0 and a problem
    p0 raised there: someone else's records, for zhangwei to leave alone."""
    mine = {"author": LINA, "device": LINA_DEVICE}
    return {"visits": [visit("v0", project="WZ-LC-001", **mine)],
            "answers": [answer("a0", visit_n="v0", **mine)],
            "problems": [problem("p0", visit_n="v0", project="WZ-LC-001", **mine)]}


# -- a raw zip writer ------------------------------------------------------------


@dataclass
class RawEntry:
    name: str | bytes
    data: bytes
    method: int = DEFLATED
    mode: int = 0o100644  # unix mode, high 16 bits of the external attributes
    create_system: int = 3  # unix
    flags: int = 0
    declared_size: int | None = None  # what the headers claim; the real size if None
    declared_crc: int | None = None
    payload: bytes | None = None  # the bytes actually written as data; compressed `data` if None
    offset_override: int | None = None  # where the central directory says the local header is

    def name_bytes(self) -> bytes:
        return self.name if isinstance(self.name, bytes) else self.name.encode("utf-8")

    def packed(self) -> bytes:
        if self.payload is not None:
            return self.payload
        if self.method == DEFLATED:
            squeezer = zlib.compressobj(6, zlib.DEFLATED, -15)
            return squeezer.compress(self.data) + squeezer.flush()
        return self.data

    def local(self) -> bytes:
        packed = self.packed()
        name = self.name_bytes()
        crc = zlib.crc32(self.data) if self.declared_crc is None else self.declared_crc
        size = len(self.data) if self.declared_size is None else self.declared_size
        header = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, self.flags, self.method, 0, 0x5B21, crc,
                             len(packed), size, len(name), 0)
        return header + name + packed


def raw_zip(entries: list[RawEntry], *, layout: Callable[[list[RawEntry]], tuple[bytes, list[int]]] | None = None
            ) -> bytes:
    """A zip of `entries`, written in order. `layout` may lay the local records
    out itself (returning the bytes and each entry's offset)."""
    if layout is None:
        out, offsets = b"", []
        for entry in entries:
            offsets.append(len(out))
            out += entry.local()
    else:
        out, offsets = layout(entries)
    directory = b""
    for entry, offset in zip(entries, offsets):
        packed = entry.packed()
        name = entry.name_bytes()
        crc = zlib.crc32(entry.data) if entry.declared_crc is None else entry.declared_crc
        size = len(entry.data) if entry.declared_size is None else entry.declared_size
        where = offset if entry.offset_override is None else entry.offset_override
        directory += struct.pack(
            "<4s4B4HL2L5H2L", b"PK\x01\x02", 20, entry.create_system, 20, 0, entry.flags, entry.method, 0,
            0x5B21, crc, len(packed), size, len(name), 0, 0, 0, 0, (entry.mode << 16) & 0xFFFFFFFF, where,
        ) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(out), 0)
    return out + directory + end


# -- bundles ---------------------------------------------------------------------------


@dataclass
class Bundle:
    """A bundle to write; every knob defaults to a valid bundle."""

    identity: Identity
    records: dict[str, list[dict]] = field(default_factory=sample_records)
    photos: list[bytes] = field(default_factory=lambda: [photo_bytes()])
    sequence: int = 1
    since: int = 0
    previous: str | None = None
    bundle_id: str | None = None
    device: str = DEVICE
    full: bool = False
    # Knobs for hostile variants.
    jsonl: dict[str, bytes] = field(default_factory=dict)  # raw text of a records file, listed honestly
    manifest_edit: Callable[[dict], None] | None = None  # change the manifest before it is signed
    signed_manifest_edit: Callable[[bytes], bytes] | None = None  # change manifest.json after signing
    signature_edit: Callable[[dict], None] | None = None
    sign_with: Identity | None = None
    entries_edit: Callable[[list[RawEntry]], list[RawEntry]] | None = None

    def __post_init__(self) -> None:
        if self.bundle_id is None:
            self.bundle_id = str(uuid.uuid4())

    def record_files(self) -> dict[str, bytes]:
        files = {}
        for name in RECORD_FILES:
            if name in self.jsonl:
                files[name] = self.jsonl[name]
                continue
            if name in OPTIONAL_FILES and not self.records.get(name):
                continue  # as the laptop writes it: left out when empty
            model = MODELS[name]
            rows = sorted((model.model_validate(copy.deepcopy(r)) for r in self.records.get(name, [])),
                          key=lambda r: (str(r.id), r.rev))
            files[name] = "".join(r.model_dump_json() + "\n" for r in rows).encode("utf-8")
        return files

    def members(self) -> list[tuple[str, bytes, int]]:
        out = [(f"records/{name}.jsonl", data, DEFLATED) for name, data in self.record_files().items()]
        for data in self.photos:
            out.append((f"photos/{hashlib.sha256(data).hexdigest()}.jpg", data, STORED))
        return out

    def manifest_bytes(self, members: list[tuple[str, bytes, int]]) -> bytes:
        manifest = {
            "format": "inspector-bundle", "schema_version": 1, "id": self.bundle_id,
            "inspector": {"id": self.identity.id, "name": self.identity.name}, "device": self.device,
            "sequence": self.sequence, "previous": self.previous, "since": self.since, "full": self.full,
            "created_at": "2026-11-27T18:00:00+08:00",
            "members": [{"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                        for name, data, _ in members],
        }
        if self.manifest_edit:
            self.manifest_edit(manifest)
        return json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")

    def parts(self) -> list[tuple[str, bytes, int]]:
        """Every member in zip order: manifest, signature, records, photos."""
        members = self.members()
        manifest = self.manifest_bytes(members)
        signer = self.sign_with or self.identity
        signature = {
            "format": "inspector-bundle-signature", "signer": self.identity.id,
            "public_key": self.identity.public_key_text, "algorithm": "ed25519",
            "signature": base64.b64encode(signer.sign(manifest)).decode("ascii"),
        }
        if self.signature_edit:
            self.signature_edit(signature)
        if self.signed_manifest_edit:
            manifest = self.signed_manifest_edit(manifest)
        return [("manifest.json", manifest, DEFLATED),
                ("signature.json", json.dumps(signature).encode("utf-8"), DEFLATED), *members]

    def build(self) -> bytes:
        entries = [RawEntry(name, data, method) for name, data, method in self.parts()]
        if self.entries_edit:
            entries = self.entries_edit(entries)
        return raw_zip(entries)

    def write(self, path: Path) -> Path:
        path.write_bytes(self.build())
        return path


def zipfile_bundle(bundle: Bundle, path: Path, *, force_zip64: bool = False, streamed: bool = False) -> Path:
    """The same bundle written by Python's zipfile, as an exporter would;
    `streamed`: to a pipe-like file that cannot seek (data descriptors)."""
    import io
    import zipfile

    class Unseekable(io.RawIOBase):
        def __init__(self, handle):
            self.handle = handle

        def writable(self):
            return True

        def write(self, data):
            return self.handle.write(data)

    with open(path, "wb") as handle:
        target = Unseekable(handle) if streamed else handle
        with zipfile.ZipFile(target, "w") as archive:
            for name, data, method in bundle.parts():
                info = zipfile.ZipInfo(name, date_time=(2026, 11, 27, 18, 0, 0))
                info.compress_type = method
                with archive.open(info, "w", force_zip64=force_zip64) as out:
                    out.write(data)
    return path


def entry(entries: list[RawEntry], name: str) -> RawEntry:
    return next(e for e in entries if e.name == name)


def flip_byte_in_member(blob: bytes, name: str, at: int = 0) -> bytes:
    """Flip one byte of `name`'s stored data, found through the zip's own directory."""
    import zipfile
    import io

    info = zipfile.ZipFile(io.BytesIO(blob)).getinfo(name)
    header = info.header_offset
    n, m = struct.unpack_from("<HH", blob, header + 26)
    position = header + 30 + n + m + min(at, info.compress_size - 1)
    return blob[:position] + bytes([blob[position] ^ 0x01]) + blob[position + 1:]


def dump(db_path: Path) -> dict[str, list]:
    """Every row of every table: two dumps are equal when nothing changed."""
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: sorted(conn.execute(f"SELECT * FROM [{name}]").fetchall(), key=repr) for name in tables}
    finally:
        conn.close()


# -- an office to ingest into ---------------------------------------------------------


# The projects zhangwei's bundles speak of, as the office's catalogue holds them.
CATALOGUE = (("HZ-GL-001", "瓜沥七彩未来社区", "hangzhou"), ("NB-YZ-001", "姚江未来社区", "ningbo"))


@dataclass
class Office:
    root: Path
    data: Path
    db: Path
    key: Identity
    me: Identity  # zhangwei, assigned HZ-GL-001 and NB-YZ-001
    lina: Identity  # lina, assigned WZ-LC-001

    def ingest(self, *files: Path, lang: str = "en", extra: tuple[str, ...] = ()):
        from click.testing import CliRunner

        from inspector.cli import cli

        return CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(self.db), "ingest",
                                        *extra, *map(str, files)])

    def status(self, *args: str, lang: str = "en"):
        from click.testing import CliRunner

        from inspector.cli import cli

        return CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(self.db), "status", *args])

    def dump(self) -> dict:
        return dump(self.db)

    def catalogue(self, projects=CATALOGUE) -> None:
        """Put projects (code, name, city) in the office's catalogue, as `office projects import` would."""
        import json
        import sqlite3

        import factories as F

        with sqlite3.connect(self.db) as conn:
            for code, name, city in projects:
                conn.execute("INSERT INTO projects VALUES (?, ?, ?, ?, '2026-11-01')",
                             (code, name, city, json.dumps(F.project(code, name, city=city))))

    def rows(self, sql: str, *params) -> list[tuple]:
        import sqlite3

        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def file(self, bundle: Bundle, name: str = "bundle.zip") -> Path:
        """`bundle` written as its laptop would: naming as `previous` the bundle
        the office holds for the sequence before it, when the test gave none."""
        if bundle.previous is None and bundle.sequence > 1:
            before = self.rows("SELECT id FROM bundles WHERE inspector_id = ? AND device IS ? AND sequence = ?",
                               bundle.identity.id, bundle.device, bundle.sequence - 1)
            if before:
                bundle.previous = before[0][0]
        return bundle.write(self.root / name)

    def bundle(self, **knobs) -> Bundle:
        return Bundle(self.me, **knobs)

    def lina_bundle(self, **knobs) -> Bundle:
        knobs = {"records": lina_records(), "photos": [], **knobs}
        return Bundle(self.lina, device=LINA_DEVICE, **knobs)

    def assign(self, inspector: str, project: str) -> None:
        """The office gives `inspector` another project (a later round's assignment)."""
        import sqlite3

        conn = sqlite3.connect(self.db)
        try:
            with conn:
                conn.execute("INSERT INTO assignments (id, inspector_id, round_id, issued_at, sha256) VALUES (?, ?, 'R2026-3', '2026-12-01T09:00:00+08:00', ?)",
                             (f"R2026-3-{inspector}-{project}", inspector, "0" * 64))
                conn.execute("INSERT INTO assignment_projects VALUES (?, ?, ?)",
                             (f"R2026-3-{inspector}-{project}", inspector, project))
        finally:
            conn.close()


def make_office(root: Path) -> Office:
    """An office (database, key) beside `root`/data, which must be the data
    folder (INSPECTOR_DATA_DIR) the CLI will use; zhangwei is enrolled and
    assigned HZ-GL-001 and NB-YZ-001, lina is enrolled and assigned WZ-LC-001."""
    from inspector.identity import create_identity
    from inspector.office.db import open_office_db
    from inspector.office.enrolment import enrol
    from inspector.office.sealed import allow_plain

    data = root / "data"
    key = create_identity(data / "office-identity", "zhuanban", "未来社区专班办公室")
    me = create_identity(root / "zhangwei", "zhangwei", "张伟")
    lina = create_identity(root / "lina", "lina", "李娜")
    db_path = data / "office.db"
    db = open_office_db(db_path)
    by = register_staff(db)
    enrol(db, "zhangwei", "张伟", me.public_key_text, by=by)
    enrol(db, "lina", "李娜", lina.public_key_text, by=by)
    # Bundles made by these helpers are plain: the office is in its transition
    # (tests/unit/test_sealed_bundles.py seals them and refuses plain ones).
    allow_plain(db, True, by=by)
    with db.atomic():
        for assignment, inspector, projects in (("R2026-2-zhangwei", "zhangwei", ("HZ-GL-001", "NB-YZ-001")),
                                                ("R2026-2-lina", "lina", ("WZ-LC-001",))):
            db.conn.execute("INSERT INTO assignments (id, inspector_id, round_id, issued_at, sha256) VALUES (?, ?, 'R2026-2', '2026-11-20T09:00:00+08:00', ?)",
                            (assignment, inspector, "0" * 64))
            for code in projects:
                db.conn.execute("INSERT INTO assignment_projects VALUES (?, ?, ?)", (assignment, inspector, code))
    db.close()
    return Office(root, data, db_path, key, me, lina)
