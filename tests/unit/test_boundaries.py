"""The core must never import textual: it runs at the office, in scripts and tests."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "inspector",
    "inspector.models",
    "inspector.models.schemas",
    "inspector.store",
    "inspector.store.assignments",
    "inspector.store.records",
    "inspector.store.writer",
    "inspector.store.drafts",
    "inspector.store.positions",
    "inspector.inspection.record",
    "inspector.inspection.snapshot",
    "inspector.inspection.gaps",
    "inspector.inspection.scoring",
    "inspector.inspection.photos",
    "inspector.photos",
    "inspector.photos.importing",
    "inspector.photos.library",
    "inspector.photos.places",
    "inspector.identity",
    "inspector.office.db",
    "inspector.office.enrolment",
    "inspector.office.ingest",
    "inspector.office.receipts",
    "inspector.office.status",
    "inspector.bundle",
    "inspector.bundle.archive",
    "inspector.bundle.reading",
    "inspector.office.catalogue",
    "inspector.office.assigning",
    "inspector.checklists",
    "inspector.checklists.validation",
    "inspector.checklists.versions",
    "inspector.checklists.diff",
    "inspector.checklists.expressions",
    "inspector.checklists.xlsform",
    "inspector.checklists.editing",
    "inspector.assignment",
    "inspector.assignment.trust",
    "inspector.settings",
    "inspector.i18n",
    "inspector.pinyin",
    "inspector.cli",
]


def test_core_does_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core imported: {result.stdout.strip()}"


def test_models_import_nothing_of_ours():
    code = (
        "import sys\n"
        "import inspector.models\n"
        "ours = sorted(m for m in sys.modules if m.startswith('inspector.') and not m.startswith('inspector.models'))\n"
        "print(','.join(ours))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
