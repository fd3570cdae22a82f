"""Where the database lives and which language speaks, from flags, environment or defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ENV_DB = "INSPECTOR_DB"
ENV_LANG = "INSPECTOR_LANG"
ENV_DATA_DIR = "INSPECTOR_DATA_DIR"
LANGUAGES = ("zh", "en")


def default_data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("inspector", appauthor=False))


@dataclass(frozen=True)
class Settings:
    db_path: Path
    lang: str = "zh"
    data_dir: Path = field(default_factory=default_data_dir)

    @classmethod
    def resolve(cls, db: str | Path | None = None, lang: str | None = None) -> "Settings":
        """Flags win over the environment, which wins over the defaults."""
        data_dir = default_data_dir()
        db_path = Path(db or os.environ.get(ENV_DB) or data_dir / "inspector.db")
        chosen = (lang or os.environ.get(ENV_LANG) or "zh").lower()
        if chosen not in LANGUAGES:
            chosen = "zh"
        return cls(db_path=db_path, lang=chosen, data_dir=data_dir)
