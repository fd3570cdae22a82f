"""Photos made here with Pillow, taken in, and checked pixel by pixel."""

from __future__ import annotations

import io
import threading
from fractions import Fraction
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from inspector.photos import PhotoError, PhotoSettings, process
from inspector.photos.importing import images_in, import_photos
from inspector.photos.library import PhotoLibrary
from inspector.photos.processing import EXIF_IFD, GPS_IFD, ORIENTATION

RED, BLUE, GREEN, WHITE = (220, 20, 20), (20, 20, 220), (20, 200, 20), (255, 255, 255)


def quadrants(width: int = 400, height: int = 300) -> Image.Image:
    """Red top-left, blue top-right, green bottom-left, white bottom-right:
    every rotation and mirror gives a different picture."""
    image = Image.new("RGB", (width, height), WHITE)
    image.paste(RED, (0, 0, width // 2, height // 2))
    image.paste(BLUE, (width // 2, 0, width, height // 2))
    image.paste(GREEN, (0, height // 2, width // 2, height))
    return image


def corners(image: Image.Image) -> tuple:
    w, h = image.size
    return tuple(_near(image.getpixel(p)) for p in ((w // 8, h // 8), (w * 7 // 8, h // 8),
                                                     (w // 8, h * 7 // 8), (w * 7 // 8, h * 7 // 8)))


def _near(pixel) -> str:
    for name, colour in (("R", RED), ("B", BLUE), ("G", GREEN), ("W", WHITE)):
        if all(abs(a - b) < 40 for a, b in zip(pixel[:3], colour)):
            return name
    return "?"


def save_jpeg(image: Image.Image, path: Path, **exif_tags) -> Path:
    exif = Image.Exif()
    for tag, value in exif_tags.get("top", {}).items():
        exif[tag] = value
    for tag, value in exif_tags.get("exif_ifd", {}).items():
        exif.get_ifd(EXIF_IFD)[tag] = value
    for tag, value in exif_tags.get("gps", {}).items():
        exif.get_ifd(GPS_IFD)[tag] = value
    image.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


# What a viewer shows for each EXIF orientation of the stored quadrant picture
# (top-left, top-right, bottom-left, bottom-right after applying the tag).
EXPECTED = {
    1: ("R", "B", "G", "W"),
    2: ("B", "R", "W", "G"),
    3: ("W", "G", "B", "R"),
    4: ("G", "W", "R", "B"),
    5: ("R", "G", "B", "W"),
    6: ("G", "R", "W", "B"),
    7: ("W", "B", "G", "R"),
    8: ("B", "W", "R", "G"),
}


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_is_applied(tmp_path, orientation):
    path = save_jpeg(quadrants(), tmp_path / f"o{orientation}.jpg", top={ORIENTATION: orientation})
    # the table above agrees with Pillow's own reading of the EXIF spec
    assert corners(ImageOps.exif_transpose(Image.open(path))) == EXPECTED[orientation]
    result = process(path)
    stored = Image.open(io.BytesIO(result.jpeg))
    assert corners(stored) == EXPECTED[orientation]
    rotated = orientation >= 5
    assert stored.size == ((300, 400) if rotated else (400, 300))
    assert stored.getexif().get(ORIENTATION, 1) == 1  # applied, so no longer tagged


def test_long_edge_and_thumbnail(tmp_path):
    path = save_jpeg(quadrants(4000, 3000), tmp_path / "big.jpg")
    result = process(path)
    stored = Image.open(io.BytesIO(result.jpeg))
    assert stored.size == (1600, 1200) == (result.width, result.height)
    assert corners(stored) == EXPECTED[1]
    thumb = Image.open(io.BytesIO(result.thumbnail))
    assert max(thumb.size) == 320
    small = process(path, PhotoSettings(long_edge=800))
    assert Image.open(io.BytesIO(small.jpeg)).size == (800, 600)


def test_draft_mode_never_decodes_the_full_photo(tmp_path, monkeypatch):
    path = save_jpeg(quadrants(4000, 3000), tmp_path / "big.jpg")
    sizes = []
    original = Image.Image.resize

    def spy(self, size, *args, **kwargs):
        sizes.append(self.size)
        return original(self, size, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "resize", spy)
    process(path)
    assert sizes and max(sizes[0]) == 2000  # decoded at 1/2 scale: 2000x1500, not 4000x3000


def test_time_gps_and_camera_go_to_the_database_not_the_file(tmp_path):
    gps = {1: "N", 2: (Fraction(30), Fraction(15), Fraction(36)), 3: "E", 4: (Fraction(120), Fraction(9), Fraction(0))}
    path = save_jpeg(quadrants(), tmp_path / "gps.jpg",
                     top={0x010F: "HUAWEI", 0x0110: "P60"},
                     exif_ifd={0x9003: "2026:11:20 10:31:05", 0x9011: "+08:00"}, gps=gps)
    result = process(path)
    assert (result.lat, result.lon) == (30.26, 120.15)
    assert result.taken_at.isoformat() == "2026-11-20T10:31:05+08:00"
    assert result.camera == "HUAWEI P60"
    stored = Image.open(io.BytesIO(result.jpeg)).getexif()
    assert not stored.get_ifd(GPS_IFD)  # removed from the file by default
    assert stored.get_ifd(EXIF_IFD).get(0x9003) == "2026:11:20 10:31:05"
    kept = Image.open(io.BytesIO(process(path, PhotoSettings(keep_gps_in_file=True)).jpeg)).getexif()
    assert kept.get_ifd(GPS_IFD).get(1) == "N"


def test_png_with_alpha_palette_cmyk_and_16_bit(tmp_path):
    rgba = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    rgba.paste((20, 20, 220, 255), (0, 0, 100, 100))
    rgba.save(tmp_path / "alpha.png")
    stored = Image.open(io.BytesIO(process(tmp_path / "alpha.png").jpeg))
    assert _near(stored.getpixel((50, 50))) == "B" and _near(stored.getpixel((150, 50))) == "W"  # on white

    palette = quadrants().convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
    palette.info["transparency"] = 0
    palette.save(tmp_path / "palette.png", transparency=palette.getpixel((350, 250)))
    assert Image.open(io.BytesIO(process(tmp_path / "palette.png").jpeg)).mode == "RGB"

    quadrants().convert("CMYK").save(tmp_path / "cmyk.jpg", "JPEG", quality=95)
    assert corners(Image.open(io.BytesIO(process(tmp_path / "cmyk.jpg").jpeg))) == EXPECTED[1]

    deep = Image.new("I;16", (64, 64), 0)
    # left half white, top right mid-grey (must stay mid-grey, not clip to white), bottom right black
    deep.putdata([65535 if x < 32 else (32768 if y < 32 else 0) for y in range(64) for x in range(64)])
    deep.save(tmp_path / "deep.png")
    grey = Image.open(io.BytesIO(process(tmp_path / "deep.png").jpeg))
    assert grey.getpixel((10, 10))[0] > 240 and grey.getpixel((50, 50))[0] < 15
    assert 110 < grey.getpixel((50, 10))[0] < 145


def test_heic_from_a_phone(tmp_path):
    pytest.importorskip("pillow_heif")
    quadrants().save(tmp_path / "phone.heic")
    assert corners(Image.open(io.BytesIO(process(tmp_path / "phone.heic").jpeg))) == EXPECTED[1]


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"just some text, not a picture"), "not an image"),
    (lambda p: p.write_bytes(save_jpeg(quadrants(), p).read_bytes()[:2000]), "truncated"),
    (lambda p: p.write_bytes(b""), "not an image"),
])
def test_hostile_files_are_refused_by_name(tmp_path, make, message):
    path = tmp_path / "bad.jpg"
    make(path)
    with pytest.raises(PhotoError, match=message) as caught:
        process(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_decompression_bomb_and_absurd_sizes(tmp_path, monkeypatch):
    Image.new("L", (3000, 3000)).save(tmp_path / "bomb.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)  # the warning fires above this, error at 2x
    with pytest.raises(PhotoError, match="decompression bomb"):
        process(tmp_path / "bomb.png")
    # between the limit and twice it Pillow only warns: that warning must refuse too, on any thread
    Image.new("L", (1200, 1000)).save(tmp_path / "warn.png")
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        errors = [f.exception() for f in [pool.submit(process, tmp_path / "warn.png") for _ in range(4)]]
    assert all(isinstance(e, PhotoError) and "decompression bomb" in str(e) for e in errors)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 200_000_000)
    Image.new("L", (31000, 2)).save(tmp_path / "strip.png")
    with pytest.raises(PhotoError, match="not a photo"):
        process(tmp_path / "strip.png")


def test_odd_exif_values(tmp_path):
    """Bytes where text belongs, a number as the camera make, a missing
    hemisphere: read what can be read, never fail the photo."""
    gps = {2: (Fraction(30), Fraction(0), Fraction(0)), 4: (Fraction(120), Fraction(0), Fraction(0))}  # no refs
    path = save_jpeg(quadrants(), tmp_path / "odd.jpg", top={0x010F: "Canon", 0x0110: "EOS " + "X" * 300},
                     exif_ifd={0x9003: "2026:11:20 10:31:05"}, gps=gps)
    result = process(path)
    assert (result.lat, result.lon) == (None, None)
    assert len(result.camera) == 200 and result.camera.startswith("Canon EOS")
    assert result.taken_at.year == 2026


def test_a_vanished_file(tmp_path):
    with pytest.raises(PhotoError, match="gone"):
        process(tmp_path / "never-there.jpg")


def test_library_stores_once_and_whole(tmp_path):
    library = PhotoLibrary(tmp_path / "photos")
    path = save_jpeg(quadrants(), tmp_path / "a.jpg")
    first = library.add(process(path))
    second = library.add(process(path))
    assert first == second and library.path(first).is_file() and library.thumbnail_path(first).is_file()
    assert len(list((tmp_path / "photos").rglob("*.jpg"))) == 2  # the photo and its thumbnail, once
    assert not list((tmp_path / "photos").rglob("*.tmp"))


def test_folder_import_goes_on_past_bad_files_and_can_be_cancelled(tmp_path):
    card = tmp_path / "DCIM"
    card.mkdir()
    for n in range(6):
        save_jpeg(quadrants(), card / f"IMG_{n:04d}.jpg", top={ORIENTATION: n % 8 + 1})
    (card / "IMG_9999.jpg").write_bytes(b"broken")
    (card / "notes.txt").write_text("not a photo")
    paths = images_in(card)
    assert len(paths) == 7
    seen = []
    report = import_photos(paths, PhotoLibrary(tmp_path / "lib"), workers=2,
                           progress=lambda done, total: seen.append((done, total)))
    assert len(report.imported) == 6 and [str(e.file) for e in report.failed] == [str(card / "IMG_9999.jpg")]
    assert seen[-1] == (7, 7)

    cancel = threading.Event()

    def stop_after_two(done, total):
        if done == 2:
            cancel.set()

    cancelled = import_photos(paths, PhotoLibrary(tmp_path / "lib2"), workers=1, cancel=cancel,
                              progress=stop_after_two)
    assert cancelled.cancelled and 1 <= len(cancelled.imported) <= 3 < len(paths)
    assert not list((tmp_path / "lib2").rglob("*.tmp"))  # nothing half-written
    for item in cancelled.imported:
        assert PhotoLibrary(tmp_path / "lib2").path(item.sha256).is_file()
        assert item.photo.jpeg == b""  # only metadata is kept in memory


def test_photos_attached_captioned_and_removed_with_a_trace(tmp_path):
    from datetime import date

    import factories
    from inspector.inspection import record
    from inspector.inspection.photos import attach_photos, photos_of, remove_photo, set_caption
    from inspector.models import Assignment, ItemRef, Photo
    from inspector.store import open_db, records
    from inspector.store.assignments import save_assignment

    db = open_db(tmp_path / "x.db")
    save_assignment(db, Assignment.model_validate(factories.assignment()))
    visit = record.start_visit(db, "HZ-GL-001", date(2026, 11, 27), ["张伟"])
    answer = record.save_answer(db, visit.id, ItemRef(template="zj-problem", version=1, item="lin-01"), value="fail")
    card = tmp_path / "card"
    card.mkdir()
    gps = {1: "N", 2: (Fraction(30), Fraction(0), Fraction(0)), 3: "E", 4: (Fraction(120), Fraction(0), Fraction(0))}
    save_jpeg(quadrants(), card / "a.jpg", gps=gps)
    save_jpeg(quadrants(200, 100), card / "b.jpg")
    report = import_photos(images_in(card), PhotoLibrary(tmp_path / "lib"))
    added = attach_photos(db, visit.id, "answer", answer.id, report.imported)
    assert len(added) == 2
    assert attach_photos(db, visit.id, "answer", answer.id, report.imported) == []  # the same photos: once
    first = next(p for p in added if p.original_name == "a.jpg")
    assert (first.lat, first.lon) == (30.0, 120.0)  # in the database, not the stored file
    set_caption(db, visit.id, first.id, "大门紧锁")
    remove_photo(db, visit.id, first.id)
    current = {p.original_name: p for p in photos_of(db, visit.id)}
    assert current["a.jpg"].deleted and current["a.jpg"].caption == "大门紧锁"
    assert [p.deleted for p in records.revisions(db, Photo, first.id)] == [True]  # working copy, unsealed
    from inspector.store import StoreError

    with pytest.raises(StoreError, match="this visit"):
        attach_photos(db, visit.id, "answer", visit.id, report.imported)  # not an answer of the visit
    db.close()


def test_a_killed_imports_leftovers_are_swept(tmp_path):
    library = PhotoLibrary(tmp_path / "lib")
    (tmp_path / "lib" / "ab").mkdir(parents=True)
    (tmp_path / "lib" / "ab" / ".incoming-x.tmp").write_bytes(b"half")
    assert library.sweep() == 1 and not list((tmp_path / "lib").rglob("*.tmp"))
