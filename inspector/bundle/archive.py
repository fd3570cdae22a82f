"""A zip archive someone handed us, read without trusting it.

We parse the central directory ourselves instead of asking `zipfile`, which
forgives a great deal (prepended data, duplicate names, the last of two
entries winning) and hides what we need to see (raw name bytes, the unix mode
of an entry, where each entry really lies). Before any member is read:

* the file and the central directory have bounded sizes and entry counts;
* every name is one the bundle format allows, spelled exactly (no folders,
  no absolute paths, no `..`, no backslashes, ASCII only): names are matched,
  never used as paths;
* no entry is a symlink, a folder or another special file, none is
  encrypted, each is stored or deflated (photos stored), names are unique;
* declared sizes are within limits and a deflated entry's declared ratio is
  plausible (zip bombs);
* every local header agrees with the central directory, and no entry
  overlaps another or the central directory (overlapping-entry bombs).

Members are then read only through a bounded reader that stops as soon as
an entry yields more than it declared, and checks the CRC and the size at
the end.
"""

from __future__ import annotations

import re
import stat
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from inspector.models.bundle import MANIFEST_NAME, SIGNATURE_NAME

from .errors import BundleError, refused

# Limits. A bundle of a busy round (a few hundred visits, a few thousand
# photos of ~400 KB) is well under a gigabyte.
MAX_BUNDLE_BYTES = 4 * 1024**3
MAX_MEMBERS = 100_000
MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024**2
MAX_MANIFEST_BYTES = 64 * 1024**2
MAX_SIGNATURE_BYTES = 64 * 1024
MAX_RECORDS_FILE_BYTES = 512 * 1024**2
MAX_PHOTO_BYTES = 64 * 1024**2
MAX_UNPACKED_BYTES = 8 * 1024**3
# JSON Lines deflate about 5-15x; deflate itself cannot exceed ~1032x. Past
# this ratio a member is a bomb, not a record file. Tiny members compress
# oddly and cannot hurt, so the ratio is only checked above RATIO_FLOOR.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024

CHUNK = 1024 * 1024

STORED, DEFLATED = 0, 8

PHOTO_NAME = re.compile(r"photos/([0-9a-f]{64})\.jpg")
RECORDS_NAME = re.compile(r"records/(visits|answers|problems|innovations|follow_ups|photos|replies)\.jsonl")

_EOCD = struct.Struct("<4s4H2LH")
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_MAX_COMMENT = 0xFFFF

_FLAG_ENCRYPTED = 0x0001
_FLAG_STRONG_ENCRYPTION = 0x0040
_FLAG_MASKED_HEADERS = 0x2000


def name_limit(name: str) -> int:
    """The most bytes a member of that name may hold once unpacked."""
    if name == MANIFEST_NAME:
        return MAX_MANIFEST_BYTES
    if name == SIGNATURE_NAME:
        return MAX_SIGNATURE_BYTES
    if RECORDS_NAME.fullmatch(name):
        return MAX_RECORDS_FILE_BYTES
    return MAX_PHOTO_BYTES


def allowed_name(name: str) -> bool:
    return name in (MANIFEST_NAME, SIGNATURE_NAME) or bool(
        RECORDS_NAME.fullmatch(name) or PHOTO_NAME.fullmatch(name)
    )


def _why_not_allowed(name: str) -> str:
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "absolute"
    if "\\" in name:
        return "backslash"
    if ".." in name.split("/"):
        return "climbs"
    if name.endswith("/"):
        return "folder"
    return "unknown"


@dataclass(frozen=True)
class Entry:
    name: str
    method: int
    flags: int
    crc: int
    compress_size: int
    file_size: int
    header_offset: int
    data_offset: int


class Archive:
    """An opened, structurally checked bundle zip. Use as a context manager."""

    def __init__(self, path: Path, handle: BinaryIO, size: int, entries: dict[str, Entry], where: str = "") -> None:
        self.path = path
        self.where = where or str(path)  # the file as refusals name it
        self.size = size
        self.entries = entries
        self._handle = handle

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, shown_as: str | None = None) -> "Archive":
        path = Path(path)
        where = shown_as or str(path)
        try:
            if not path.is_file():
                raise refused(where, "missing" if not path.exists() else "not_a_file")
            size = path.stat().st_size
            if size > MAX_BUNDLE_BYTES:
                raise refused(where, "too_big", size=size, limit=MAX_BUNDLE_BYTES)
            handle = open(path, "rb")
        except PermissionError:
            raise refused(where, "permission") from None
        except OSError as exc:
            raise refused(where, "unreadable", cause=exc) from None
        try:
            entries = _read_directory(handle, size, where)
        except BaseException:
            handle.close()
            raise
        return cls(path, handle, size, entries, where)

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading -------------------------------------------------------------

    def names(self) -> set[str]:
        return set(self.entries)

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's bytes, never more than it declares; raises BundleError
        when it is damaged, truncated or differs from its declared size."""
        entry = self.entries[name]
        where = self.where
        produced = 0
        crc = 0
        for piece in self._unpacked(entry, where):
            produced += len(piece)
            if produced > entry.file_size:
                raise refused(where, "more_than_declared", record=name, size=entry.file_size)
            crc = zlib.crc32(piece, crc)
            yield piece
        if produced != entry.file_size:
            raise refused(where, "size_differs", record=name, size=produced, declared=entry.file_size)
        if crc != entry.crc:
            raise refused(where, "crc", record=name)

    def _unpacked(self, entry: Entry, where: str) -> Iterator[bytes]:
        """Pieces of at most CHUNK bytes; the caller stops us past the declared size."""
        name = entry.name
        remaining = entry.compress_size
        position = entry.data_offset  # kept here: other members may be read in between
        inflater = zlib.decompressobj(-15) if entry.method == DEFLATED else None
        while remaining:
            try:
                self._handle.seek(position)
                raw = self._handle.read(min(CHUNK, remaining))
            except OSError as exc:
                raise refused(where, "unreadable", record=name, cause=exc) from None
            position += len(raw)
            if not raw:
                raise refused(where, "ends_inside", record=name)
            remaining -= len(raw)
            if inflater is None:
                yield raw
                continue
            data = raw
            while not inflater.eof:
                try:
                    out = inflater.decompress(data, CHUNK)
                except zlib.error as exc:
                    raise refused(where, "inflate", record=name) from None
                data = inflater.unconsumed_tail
                if out:
                    yield out
                elif not data:
                    break
            if inflater.eof and (data or inflater.unused_data or remaining):
                raise refused(where, "inflate_past_end", record=name)
        if inflater is not None and not inflater.eof:
            raise refused(where, "inflate_early", record=name)

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))


# -- the central directory ----------------------------------------------------


def _read_at(handle: BinaryIO, offset: int, length: int) -> bytes:
    handle.seek(offset)
    return handle.read(length)


def _read_directory(handle: BinaryIO, size: int, where: str) -> dict[str, Entry]:
    def bad(code: str, member: str | None = None, **params: object) -> BundleError:
        return refused(where, code, record=member, **params)

    if size < _EOCD.size:
        raise bad("zip_too_short")
    tail_start = max(0, size - _EOCD.size - _MAX_COMMENT)
    tail = _read_at(handle, tail_start, size - tail_start)
    # The end record is the last signature whose comment reaches exactly the end of the file.
    eocd_at = -1
    search = len(tail)
    while True:
        found = tail.rfind(b"PK\x05\x06", 0, search)
        if found < 0 or found + _EOCD.size > len(tail):
            if found < 0:
                break
            search = found
            continue
        comment = struct.unpack_from("<H", tail, found + 20)[0]
        if found + _EOCD.size + comment == len(tail):
            eocd_at = found
            break
        search = found
    if eocd_at < 0:
        raise bad("zip_no_end")
    (_, disk, cd_disk, disk_entries, total, cd_size, cd_offset, _comment) = _EOCD.unpack_from(tail, eocd_at)
    eocd_pos = tail_start + eocd_at
    directory_end = eocd_pos
    if 0xFFFF in (disk, cd_disk, disk_entries, total) or 0xFFFFFFFF in (cd_size, cd_offset):
        locator_pos = eocd_pos - _EOCD64_LOCATOR.size
        if locator_pos < 0:
            raise bad("zip64_end")
        sig, _, eocd64_pos, disks = _EOCD64_LOCATOR.unpack(_read_at(handle, locator_pos, _EOCD64_LOCATOR.size))
        if sig != b"PK\x06\x07" or disks > 1 or eocd64_pos + _EOCD64.size > locator_pos:
            raise bad("zip64_end")
        raw = _read_at(handle, eocd64_pos, _EOCD64.size)
        (sig, record_size, _, _, disk, cd_disk, disk_entries, total, cd_size, cd_offset) = _EOCD64.unpack(raw)
        if sig != b"PK\x06\x06" or eocd64_pos + 12 + record_size != locator_pos:
            raise bad("zip64_end")
        directory_end = eocd64_pos
    if disk != 0 or cd_disk != 0 or disk_entries != total:
        raise bad("zip_multi_part")
    if total > MAX_MEMBERS:
        raise bad("zip_too_many", count=total, limit=MAX_MEMBERS)
    if cd_size > MAX_CENTRAL_DIRECTORY_BYTES:
        raise bad("zip_directory_too_big", size=cd_size, limit=MAX_CENTRAL_DIRECTORY_BYTES)
    if cd_offset + cd_size != directory_end:
        raise bad("zip_directory_misplaced")
    directory = _read_at(handle, cd_offset, cd_size)
    if len(directory) != cd_size:
        raise bad("zip_directory_truncated")

    entries: dict[str, Entry] = {}
    unpacked = 0
    position = 0
    raw_entries = []
    seen: set[str] = set()
    for _ in range(total):
        if position + _CENTRAL.size > cd_size:
            raise bad("zip_directory_truncated")
        (sig, _made_version, made_system, _need, _need_system, flags, method, _time, _date, crc,
         compress_size, file_size, n, m, k, _disk_start, _internal, external, offset) = _CENTRAL.unpack_from(
            directory, position)
        if sig != b"PK\x01\x02":
            raise bad("zip_entry_damaged")
        name_bytes = directory[position + _CENTRAL.size: position + _CENTRAL.size + n]
        extra = directory[position + _CENTRAL.size + n: position + _CENTRAL.size + n + m]
        position += _CENTRAL.size + n + m + k
        if position > cd_size:
            raise bad("zip_directory_truncated")
        try:
            name = name_bytes.decode("ascii")
        except UnicodeDecodeError:
            shown = name_bytes.decode("utf-8", "replace")
            raise bad("zip_name_not_allowed", name=shown)
        if "\x00" in name or not name.isprintable():
            raise bad("zip_name_control", name=repr(name))
        if 0xFFFFFFFF in (file_size, compress_size, offset):
            file_size, compress_size, offset = _zip64_sizes(extra, file_size, compress_size, offset, name, bad)
        if not allowed_name(name):
            raise bad(f"zip_name_{_why_not_allowed(name)}", name=name)
        if name in seen:
            raise bad("zip_name_twice", name=name)
        seen.add(name)
        mode = external >> 16
        if made_system == 3 and stat.S_IFMT(mode) not in (0, stat.S_IFREG):
            raise bad("zip_entry_link" if stat.S_ISLNK(mode) else "zip_entry_special", name)
        if external & 0x10:  # MS-DOS directory attribute
            raise bad("zip_entry_folder", name)
        if flags & (_FLAG_ENCRYPTED | _FLAG_STRONG_ENCRYPTION | _FLAG_MASKED_HEADERS):
            raise bad("zip_entry_encrypted", name)
        if method not in (STORED, DEFLATED):
            raise bad("zip_method", name, method=method)
        if PHOTO_NAME.fullmatch(name) and method != STORED:
            raise bad("zip_photo_compressed", name)
        limit = name_limit(name)
        if file_size > limit:
            raise bad("zip_entry_too_big", name, size=file_size, limit=limit)
        if method == STORED and compress_size != file_size:
            raise bad("zip_stored_sizes", name)
        if method == DEFLATED and file_size > RATIO_FLOOR and file_size > compress_size * MAX_RATIO:
            raise bad("zip_ratio", name, ratio=f"{file_size / max(compress_size, 1):,.0f}")
        unpacked += file_size
        if unpacked > MAX_UNPACKED_BYTES:
            raise bad("zip_unpacked_too_big", limit=MAX_UNPACKED_BYTES)
        raw_entries.append((name, name_bytes, flags, method, crc, compress_size, file_size, offset))
    if position != cd_size:
        raise bad("zip_directory_extra")

    # Where each entry really lies: local header, name, extra field, data.
    spans = []
    local_names = {}
    for name, name_bytes, flags, method, crc, compress_size, file_size, offset in raw_entries:
        if offset + _LOCAL.size > cd_offset:
            raise bad("zip_entry_outside", name)
        header = _read_at(handle, offset, _LOCAL.size)
        (sig, _v, _s, local_flags, local_method, _t, _d, _crc, _cs, _fs, n, m) = _LOCAL.unpack(header)
        if sig != b"PK\x03\x04":
            raise bad("zip_local_header", name)
        data_offset = offset + _LOCAL.size + n + m
        end = data_offset + compress_size
        if end > cd_offset:
            raise bad("zip_entry_overlaps_directory", name)
        spans.append((offset, end, name))
        local_names[name] = (_read_at(handle, offset + _LOCAL.size, n), local_flags, local_method)
        entries[name] = Entry(name, method, flags, crc, compress_size, file_size, offset, data_offset)
    spans.sort()
    for (_start_a, end_a, name_a), (start_b, _end_b, name_b) in zip(spans, spans[1:]):
        if start_b < end_a:
            raise bad("zip_entries_overlap", first=name_a, second=name_b)
    for name, name_bytes, _flags, method, *_ in raw_entries:
        local_name, local_flags, local_method = local_names[name]
        if local_name != name_bytes or local_method != method:
            raise bad("zip_local_disagrees", name)
        if local_flags & (_FLAG_ENCRYPTED | _FLAG_STRONG_ENCRYPTION | _FLAG_MASKED_HEADERS):
            raise bad("zip_entry_encrypted", name)
    return entries


def _zip64_sizes(extra: bytes, file_size: int, compress_size: int, offset: int, name: str, bad):
    position = 0
    while position + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, position)
        body = extra[position + 4: position + 4 + length]
        position += 4 + length
        if tag != 0x0001:
            continue
        values = []
        for i in range(0, len(body) - 7, 8):
            values.append(struct.unpack_from("<Q", body, i)[0])
        try:
            if file_size == 0xFFFFFFFF:
                file_size = values.pop(0)
            if compress_size == 0xFFFFFFFF:
                compress_size = values.pop(0)
            if offset == 0xFFFFFFFF:
                offset = values.pop(0)
        except IndexError:
            raise bad("zip64_sizes", name) from None
        return file_size, compress_size, offset
    raise bad("zip64_sizes", name)
