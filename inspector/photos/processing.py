"""One photo in, one stored JPEG and a thumbnail out.

EXIF is read before any pixel is decoded; JPEGs are decoded in draft mode at
the smallest scale (1/2, 1/4, 1/8) still at least as large as the target, so a
12 MP photo is never fully decoded to make a 1600 px copy; orientation is
applied to the small image, not the large one. Hostile files (not an image,
truncated, decompression bombs, absurd sizes) raise PhotoError naming the file.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image, UnidentifiedImageError

# EXIF tags we use (numbers: Pillow's names moved between versions).
ORIENTATION = 0x0112
MAKE, MODEL, DATETIME = 0x010F, 0x0110, 0x0132
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
DATETIME_ORIGINAL, OFFSET_TIME_ORIGINAL = 0x9003, 0x9011
GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON = 1, 2, 3, 4

# Beyond this a photo is no photo: a phone makes 50 MP at most today (and two
# import threads each decoding one must fit a laptop's memory).
MAX_PIXELS = 60_000_000
MAX_SIDE = 30_000

_TRANSPOSE = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}


class PhotoError(Exception):
    """A photo could not be taken in; str() is one line naming the file (English,
    for logs); `code` lets a screen say it in the user's language."""

    def __init__(self, file: str, message: str, code: str = "damaged") -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message
        self.code = code


@dataclass(frozen=True)
class PhotoSettings:
    long_edge: int = 1600
    quality: int = 85
    thumb_edge: int = 320
    keep_gps_in_file: bool = False  # GPS always goes to the database; in the JPEG only if asked


@dataclass(frozen=True)
class Processed:
    jpeg: bytes
    thumbnail: bytes
    width: int
    height: int
    original_name: str
    taken_at: datetime | None
    lat: float | None
    lon: float | None
    camera: str | None


def _register_heif() -> None:
    try:
        import pillow_heif
    except ImportError:  # pragma: no cover - HEIC is optional; everything else works without it
        return
    pillow_heif.register_heif_opener()


_register_heif()

# A decompression bomb is an error, not a warning. Set once for the process:
# catch_warnings() per call is not thread-safe, and imports run on threads.
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)


def process(path: Path | str, settings: PhotoSettings = PhotoSettings()) -> Processed:
    path = Path(path)
    name = str(path)
    try:
        with Image.open(path) as image:
            return _process(image, path, settings)
    except PhotoError:
        raise
    except FileNotFoundError:
        raise PhotoError(name, "the file is gone (moved or the card was removed?)", "gone") from None
    except IsADirectoryError:
        raise PhotoError(name, "a folder, not a photo", "not_image") from None
    except PermissionError:
        if path.is_dir():
            raise PhotoError(name, "a folder, not a photo", "not_image") from None
        raise PhotoError(name, "permission denied", "permission") from None
    except UnidentifiedImageError:
        raise PhotoError(name, "not an image Pillow can read", "not_image") from None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PhotoError(name, "refused: too many pixels (decompression bomb?)", "bomb") from None
    except MemoryError:
        raise PhotoError(name, "too large to process", "bomb") from None
    except Exception as exc:  # noqa: BLE001 - a damaged file must never stop a folder import
        raise PhotoError(name, f"damaged or unreadable image ({type(exc).__name__}: {exc})") from None


def _process(image: Image.Image, path: Path, settings: PhotoSettings) -> Processed:
    width, height = image.size
    if width < 1 or height < 1 or width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise PhotoError(str(path), f"refused: {width}x{height} pixels is not a photo", "absurd")
    if Image.MAX_IMAGE_PIXELS and width * height > Image.MAX_IMAGE_PIXELS:
        # Formats that announce their size late could slip past open(): check here as well.
        raise PhotoError(str(path), "refused: too many pixels (decompression bomb?)", "bomb")
    exif = image.getexif()
    orientation = exif.get(ORIENTATION, 1)
    taken_at = _taken_at(exif)
    lat, lon = _gps(exif)
    make, model = _text(exif.get(MAKE)), _text(exif.get(MODEL))
    camera = " ".join(v for v in (make, model) if v)[:200] or None

    icc = image.info.get("icc_profile") if image.mode in ("RGB", "RGBA", "P", "L", "LA") else None
    scale = min(1.0, settings.long_edge / max(width, height))
    if image.format == "JPEG":
        # Decode at 1/2, 1/4 or 1/8 scale when that still covers the target.
        image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
    image.load()
    image = _to_rgb(image)
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    if image.size != target:
        image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    for step in _TRANSPOSE.get(orientation, ()):
        image = image.transpose(step)

    # The stored file's EXIF is written afresh from values we parsed, never
    # copied: a camera's odd tag types must not break the save.
    out_exif = Image.Exif()
    if taken_at is not None:
        out_exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    if make:
        out_exif[MAKE] = make[:100]
    if model:
        out_exif[MODEL] = model[:100]
    if settings.keep_gps_in_file and lat is not None and lon is not None:
        gps = out_exif.get_ifd(GPS_IFD)
        gps[GPS_LAT_REF], gps[GPS_LAT] = ("S" if lat < 0 else "N"), _dms(abs(lat))
        gps[GPS_LON_REF], gps[GPS_LON] = ("W" if lon < 0 else "E"), _dms(abs(lon))
    jpeg = io.BytesIO()
    # The colour profile goes along, so Display-P3 or Adobe RGB photos keep their colours.
    image.save(jpeg, "JPEG", quality=settings.quality, exif=out_exif.tobytes(), icc_profile=icc)

    thumb = image.copy()
    thumb.thumbnail((settings.thumb_edge, settings.thumb_edge), Image.Resampling.LANCZOS)
    thumbnail = io.BytesIO()
    thumb.save(thumbnail, "JPEG", quality=80)
    return Processed(jpeg.getvalue(), thumbnail.getvalue(), image.width, image.height, path.name[:255], taken_at,
                     lat, lon, camera)


def thumbnail_of(jpeg: bytes, edge: int = PhotoSettings.thumb_edge) -> bytes:
    """The thumbnail of a photo already stored (the office keeps one per photo
    a bundle brings, as the laptop does on import): decoded in draft mode, so a
    full-size photo costs a 1/8 decode; no EXIF, no GPS. Raises PhotoError
    when Pillow cannot read it."""
    try:
        with Image.open(io.BytesIO(jpeg)) as image:
            width, height = image.size
            if width < 1 or height < 1 or width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                raise PhotoError("photo", f"refused: {width}x{height} pixels is not a photo", "absurd")
            if image.format == "JPEG":
                image.draft("RGB", (edge, edge))
            small = _to_rgb(image)
            small.thumbnail((edge, edge), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            small.save(out, "JPEG", quality=80)  # nothing of the original's metadata is passed on
            return out.getvalue()
    except PhotoError:
        raise
    except Exception as exc:  # noqa: BLE001 - any unreadable image is the same to the caller
        raise PhotoError("photo", f"not an image Pillow can read ({type(exc).__name__})", "not_image") from None


def _to_rgb(image: Image.Image) -> Image.Image:
    """CMYK, 16-bit, palette, grey and transparent images as RGB on white."""
    mode = image.mode
    if mode.startswith("I;16"):
        image = image.convert("I")
        mode = "I"
    if mode == "I":  # 16-bit data in 32-bit pixels: scale 0..65535 to 0..255
        image = image.point(lambda v: v * (1 / 257)).convert("L")
        mode = image.mode
    elif mode == "F":  # floating point, 0..1
        image = image.point(lambda v: v * 255).convert("L")
        mode = image.mode
    if mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        mode = image.mode
    if mode in ("RGBA", "LA", "PA", "RGBa"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if mode != "RGB":
        return image.convert("RGB")
    return image


def _text(value) -> str | None:
    """An EXIF text value, whether stored as ASCII or as raw bytes."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    value = value.strip("\x00 ")
    return value or None


def _taken_at(exif: Image.Exif) -> datetime | None:
    ifd = exif.get_ifd(EXIF_IFD)
    text = _text(ifd.get(DATETIME_ORIGINAL)) or _text(exif.get(DATETIME))
    if not text:
        return None
    try:
        moment = datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = _text(ifd.get(OFFSET_TIME_ORIGINAL))
    if offset:
        try:
            moment = datetime.strptime(moment.strftime("%Y-%m-%dT%H:%M:%S") + offset, "%Y-%m-%dT%H:%M:%S%z")
        except ValueError:
            pass
    return moment


def _gps(exif: Image.Exif) -> tuple[float | None, float | None]:
    gps = exif.get_ifd(GPS_IFD)
    lat_ref, lon_ref = _text(gps.get(GPS_LAT_REF)), _text(gps.get(GPS_LON_REF))
    if lat_ref not in ("N", "S") or lon_ref not in ("E", "W"):
        return None, None  # without the hemisphere a position is a guess
    try:
        lat = _degrees(gps[GPS_LAT], lat_ref, "S")
        lon = _degrees(gps[GPS_LON], lon_ref, "W")
    except (KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return round(lat, 7), round(lon, 7)


def _degrees(value, ref: str, negative: str) -> float:
    d, m, s = (float(v) for v in value)
    result = d + m / 60 + s / 3600
    return -result if ref == negative else result


def _dms(value: float) -> tuple:
    """Decimal degrees as EXIF degrees, minutes, seconds (rationals)."""
    from fractions import Fraction

    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = Fraction(round(((value - degrees) * 60 - minutes) * 60 * 10000), 10000)
    return (Fraction(degrees), Fraction(minutes), seconds)
