"""Runs every benchmark and prints each figure beside its baseline.

    python -m bench            (from the repository root)

Exit code 1 when a target is missed, so a regression is hard to overlook.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

from .common import ROOT


def main() -> None:
    from . import backup, export, ingest, load, office, photos, report, sealed, tui, visit

    work = ROOT / "bench" / "out"
    work.mkdir(parents=True, exist_ok=True)
    print(f"python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} cores")
    figures = []
    for module in (load, tui, visit, photos, export, ingest, sealed, office, backup, report):
        for figure in module.run(work):
            print(figure.line(), flush=True)
            figures.append(figure)
    sys.exit(0 if all(f.ok for f in figures) else 1)


if __name__ == "__main__":
    main()
