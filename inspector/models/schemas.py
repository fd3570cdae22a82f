"""Writes the JSON Schema of every file format and record type into schemas/.

    python -m inspector.models.schemas [DIR]

The committed files are checked against the models by tests/unit/test_schemas.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import (
    Answer, Assignment, BundleManifest, BundleSignature, ChecklistTemplate, FollowUp, Innovation, Photo,
    PlanRow, Problem, Project, Receipt, Reply, Signed, Visit,
)
from .backup import BackupManifest
from .signed import KeyHandover

SCHEMAS = {
    "assignment": Assignment,
    "checklist-template": ChecklistTemplate,
    "project": Project,
    "visit": Visit,
    "answer": Answer,
    "problem": Problem,
    "innovation": Innovation,
    "photo": Photo,
    "follow-up": FollowUp,
    "reply": Reply,
    "signed": Signed,
    "bundle-manifest": BundleManifest,
    "bundle-signature": BundleSignature,
    "receipt": Receipt,
    "key-handover": KeyHandover,
    "office-backup-manifest": BackupManifest,
    "plan-row": PlanRow,
}


def render_all() -> dict[str, str]:
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(mode="validation")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"inspector/{name}.schema.json",
            **schema,
        }
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_all(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, text in render_all().items():
        path = directory / filename
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "schemas"
    for path in write_all(target):
        print(path)
