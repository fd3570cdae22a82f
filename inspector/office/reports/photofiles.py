"""Photo files as a report gives them out.

A stored photo may carry its GPS position in its EXIF (the laptop's
keep_gps_in_file setting). A report hands photos to people outside the
office, so the position leaves only when the report is asked for it
(--with-gps): otherwise the EXIF is rewritten without its GPS directory and
any XMP packet is dropped, the image data copied byte for byte (no
re-encoding, so nothing is lost and it costs a copy). Thumbnails come from
the store when it has one, else are made here once per report."""

from __future__ import annotations

import io
import os
import shutil
import struct
from pathlib import Path

from PIL import Image

GPS_IFD = 0x8825
# What reading a stored photo can raise: gone, damaged, or not an image Pillow can open.
UNREADABLE = (OSError, ValueError, SyntaxError, struct.error, Image.DecompressionBombError)
THUMB_EDGE = 320
_APP1 = 0xE1
_SOS = 0xDA
_EXIF = b"Exif\x00\x00"
_XMP = b"http://ns.adobe.com/xap/1.0/\x00"


def without_gps(jpeg: bytes) -> bytes:
    """The JPEG with no GPS position in it; the same bytes when it has none.
    Not a JPEG we can walk: returned unchanged only if it has no EXIF marker
    at all, else re-encoded through Pillow without metadata (rare; safe)."""
    if jpeg[:2] != b"\xff\xd8":
        return _reencoded(jpeg)
    out = bytearray(b"\xff\xd8")
    pos, changed = 2, False
    while pos + 4 <= len(jpeg):
        if jpeg[pos] != 0xFF:
            return _reencoded(jpeg)
        marker = jpeg[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == _SOS or 0xD0 <= marker <= 0xD9:
            break
        (length,) = struct.unpack(">H", jpeg[pos + 2:pos + 4])
        segment = jpeg[pos:pos + 2 + length]
        if len(segment) < 2 + length or length < 2:
            return _reencoded(jpeg)
        body = segment[4:]
        if marker == _APP1 and body.startswith(_XMP):
            changed = True  # XMP may repeat the position: it goes
        elif marker == _APP1 and body.startswith(_EXIF):
            exif = Image.Exif()
            exif.load(body)
            if GPS_IFD in exif:
                del exif[GPS_IFD]
                fresh = exif.tobytes()
                if not fresh.startswith(_EXIF):
                    fresh = _EXIF + fresh
                out += b"\xff\xe1" + struct.pack(">H", len(fresh) + 2) + fresh
                changed = True
            else:
                out += segment
        else:
            out += segment
        pos += 2 + length
    if not changed:
        return jpeg
    return bytes(out + jpeg[pos:])


def _reencoded(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=90)
        return buffer.getvalue()


def give_out(source: Path, dest: Path, *, with_gps: bool, given: dict[str, Path] | None = None) -> bool:
    """Copy a stored photo to `dest` (a new file in a report folder being
    written: the folder as a whole is what appears atomically). `given`
    remembers what this report wrote already: the same photo asked for again
    (the web pages' copy of the photo archive's) is a hard link to it, one
    write instead of two, where the disk allows it (not on FAT sticks).
    False, and nothing written, when the stored photo cannot be read."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    key = f"{source}\x1f{with_gps}"
    if given is not None and key in given:
        try:
            os.link(given[key], dest)
            return True
        except OSError:
            pass
    try:
        data = Path(source).read_bytes()
        if not with_gps:
            data = without_gps(data)
    except UNREADABLE:
        return False  # the lists still name it; the folder has what could be read
    dest.write_bytes(data)
    if given is not None:
        given[key] = dest
    return True


def thumbnail(source: Path, stored: Path | None, dest: Path) -> bool:
    """A thumbnail at `dest`: the store's (made on import, no metadata), or
    made now from the photo (older offices kept none). False, and nothing
    written, when neither can be read."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if stored is not None and stored.is_file():
        shutil.copyfile(stored, dest)
        return True
    try:
        with Image.open(source) as image:
            image.draft("RGB", (THUMB_EDGE, THUMB_EDGE))
            image = image.convert("RGB")
            image.thumbnail((THUMB_EDGE, THUMB_EDGE), Image.Resampling.LANCZOS)
    except UNREADABLE:
        return False
    image.save(dest, "JPEG", quality=80)
    return True
