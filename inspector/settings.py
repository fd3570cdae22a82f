"""Where the database lives and which language speaks, from flags, environment or defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ENV_DB = "INSPECTOR_DB"
ENV_LANG = "INSPECTOR_LANG"
ENV_DATA_DIR = "INSPECTOR_DATA_DIR"
ENV_PHOTO_LONG_EDGE = "INSPECTOR_PHOTO_LONG_EDGE"
ENV_PHOTO_QUALITY = "INSPECTOR_PHOTO_QUALITY"
ENV_PHOTO_KEEP_GPS = "INSPECTOR_PHOTO_KEEP_GPS"
LANGUAGES = ("zh", "en")


def default_data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("inspector", appauthor=False))


def _int_env(name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(os.environ.get(name, default))
    except ValueError:
        return default
    return min(max(value, low), high)


@dataclass(frozen=True)
class PhotoOptions:
    """How photos are stored: long edge in pixels, JPEG quality, and whether
    GPS stays inside the stored file (it always goes to the database)."""

    long_edge: int = 1600
    quality: int = 85
    keep_gps_in_file: bool = False

    @classmethod
    def from_env(cls) -> "PhotoOptions":
        return cls(
            long_edge=_int_env(ENV_PHOTO_LONG_EDGE, 1600, 320, 8000),
            quality=_int_env(ENV_PHOTO_QUALITY, 85, 40, 95),
            keep_gps_in_file=os.environ.get(ENV_PHOTO_KEEP_GPS, "").lower() in ("1", "true", "yes"),
        )


@dataclass(frozen=True)
class Settings:
    db_path: Path
    lang: str = "zh"
    data_dir: Path = field(default_factory=default_data_dir)
    photos: PhotoOptions = field(default_factory=PhotoOptions.from_env)

    @classmethod
    def resolve(cls, db: str | Path | None = None, lang: str | None = None) -> "Settings":
        """Flags win over the environment, which wins over the defaults."""
        data_dir = default_data_dir()
        db_path = Path(db or os.environ.get(ENV_DB) or data_dir / "inspector.db")
        chosen = (lang or os.environ.get(ENV_LANG) or "zh").lower()
        if chosen not in LANGUAGES:
            chosen = "zh"
        return cls(db_path=db_path, lang=chosen, data_dir=data_dir)
