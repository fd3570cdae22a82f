"""Shared by every benchmark: timing, synthetic data, the report line."""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _synthetic_module():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "fixtures" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module
    spec.loader.exec_module(module)
    return module


def synthetic_assignment(n: int) -> dict:
    return _synthetic_module().make_assignment(n)


def write_synthetic(path: Path, n: int) -> Path:
    """A signed synthetic assignment file (demo office key), as `inspector load` reads."""
    if not _is_signed(path):  # bench/out may hold an unsigned one from before signing
        module = _synthetic_module()
        path.write_bytes(module.signed(module.make_assignment(n)))
    return path


def _is_signed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return b'"inspector-signed"' in handle.read(64)
    except FileNotFoundError:
        return False


def photo_data(random_tail: bytes) -> bytes:
    """Bytes an office takes for a camera photo (it reads the header: a real
    JPEG, format and pixels) that stand in for its data: a tiny real image
    with `random_tail` after its end marker (JPEG does not compress)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 12), (40, 90, 200)).save(out, "JPEG", quality=70)
    return out.getvalue() + random_tail


def settle() -> None:
    """What the previous run wrote is flushed to the disk before the next
    one starts, so neither side pays for the other's write-back."""
    import os

    if hasattr(os, "sync"):
        os.sync()


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


@dataclass
class Figure:
    name: str
    measured: float  # seconds
    baseline: float | None  # seconds, None where the target is absolute
    target: str
    ok: bool
    detail: str = ""
    unit: str = "ms"  # "ms" (measured in seconds) or "MB" (measured in megabytes)
    faster_is_ratio: bool = False  # print baseline/measured ("2.3x faster") instead of measured/baseline

    def line(self) -> str:
        scale = 1000 if self.unit == "ms" else 1
        if self.baseline:
            ratio = self.baseline / self.measured if self.faster_is_ratio else self.measured / self.baseline
            word = "faster" if self.faster_is_ratio else ""
            numbers = (f"{self.measured * scale:9.1f} {self.unit}  vs {self.baseline * scale:9.1f} {self.unit}"
                       f"  = {ratio:5.2f}x {word}")
        else:
            numbers = f"{self.measured * scale:9.1f} {self.unit}  {'':27}"
        verdict = "ok  " if self.ok else "MISS"
        return f"{verdict} {self.name:<40} {numbers}  target {self.target}  {self.detail}"


def median(values: list[float]) -> float:
    return statistics.median(values)
