"""Photos: one 12 MP JPEG through our pipeline vs a naive Pillow one (time and
peak memory, each in a fresh process), and a 40-photo folder import on two
workers vs one."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .common import ROOT, Figure

SPEED_TARGET = 2.0
MEMORY_TARGET_MB = 80
WORKERS_TARGET = 1.6


def make_photo(path: Path, size=(4000, 3000), seed: int = 0) -> Path:
    """A camera-like 12 MP JPEG: smooth light with sensor noise, ~3-5 MB."""
    from PIL import Image, ImageFilter

    if path.exists():
        return path
    w, h = size
    noise = Image.effect_noise((w // 4, h // 4), 40 + seed % 7).resize(size)
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (gradient, noise, Image.eval(gradient, lambda v: 255 - v)))
    image = image.filter(ImageFilter.GaussianBlur(1))
    exif = Image.Exif()
    exif[0x0112] = 6  # taken holding the phone upright
    image.save(path, "JPEG", quality=92, exif=exif.tobytes())
    return path


CHILD = """
import json, sys, time
from pathlib import Path
path, mode = Path(sys.argv[1]), sys.argv[2]
from PIL import Image, ImageOps
from inspector.photos import process
import io

def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])  # kB

# Reset the peak (a child starts with its parent's high-water mark) and measure from here.
open("/proc/self/clear_refs", "w").write("5")
before = status("VmRSS:")
start = time.perf_counter()
if mode == "ours":
    process(path)
else:
    image = ImageOps.exif_transpose(Image.open(path))
    scale = 1600 / max(image.size)
    small = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    small.save(io.BytesIO(), "JPEG", quality=85)
    thumb = image.copy()
    thumb.thumbnail((320, 320), Image.Resampling.LANCZOS)
    thumb.save(io.BytesIO(), "JPEG", quality=80)
elapsed = time.perf_counter() - start
after = status("VmHWM:")
print(json.dumps({"seconds": elapsed, "peak_mb": (after - before) / 1024}))
"""


def _child(path: Path, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), mode], check=True, capture_output=True,
                         text=True, cwd=ROOT).stdout
    return json.loads(out)


def single(work: Path, repeat: int = 5) -> list[Figure]:
    if not Path("/proc/self/clear_refs").exists():  # Linux only; the figure is taken on the CI machine
        return []
    photo = make_photo(work / "photo-12mp.jpg")
    ours = [_child(photo, "ours") for _ in range(repeat)]
    naive = [_child(photo, "naive") for _ in range(repeat)]
    t_ours = statistics.median(r["seconds"] for r in ours)
    t_naive = statistics.median(r["seconds"] for r in naive)
    peak = max(r["peak_mb"] for r in ours)
    speed = t_naive / t_ours
    return [
        Figure("ingest one 12 MP JPEG", t_ours, t_naive, f">= {SPEED_TARGET:g}x faster", speed >= SPEED_TARGET,
               "(vs open+exif_transpose+LANCZOS resize+save+thumbnail from the full image; median of "
               f"{repeat} fresh processes)", faster_is_ratio=True),
        Figure("ingest one 12 MP JPEG: peak memory", peak, None, f"<= {MEMORY_TARGET_MB} MB",
               peak <= MEMORY_TARGET_MB,
               f"(growth of peak RSS while processing; naive {max(r['peak_mb'] for r in naive):.0f} MB)",
               unit="MB"),
    ]


def folder(work: Path) -> list[Figure]:
    import shutil

    from inspector.photos.importing import images_in, import_photos
    from inspector.photos.library import PhotoLibrary

    card = work / "card-40"
    card.mkdir(exist_ok=True)
    for n in range(40):
        make_photo(card / f"IMG_{n:04d}.jpg", seed=n)
    paths = images_in(card)
    times = {}
    for workers in (1, 2):
        runs = []
        for _ in range(2):
            library = work / f"library-{workers}"
            shutil.rmtree(library, ignore_errors=True)
            start = time.perf_counter()
            report = import_photos(paths, PhotoLibrary(library), workers=workers)
            runs.append(time.perf_counter() - start)
            assert len(report.imported) == 40, report.failed
        times[workers] = min(runs)
    gain = times[1] / times[2]
    return [Figure("import 40 photos, 2 workers vs 1", times[2], times[1], f">= {WORKERS_TARGET:g}x throughput",
                   gain >= WORKERS_TARGET, "(threads: Pillow releases the GIL; best of 2)", faster_is_ratio=True)]


def run(work: Path) -> list[Figure]:
    return single(work) + folder(work)
