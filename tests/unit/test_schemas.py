"""The committed JSON Schemas must be exactly what the models generate."""

from __future__ import annotations

from pathlib import Path

from inspector.models.schemas import render_all

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def test_committed_schemas_match_models():
    expected = render_all()
    committed = {p.name for p in SCHEMAS.glob("*.schema.json")}
    assert committed == set(expected), "schemas/ holds other files than the models make"
    for name, text in expected.items():
        on_disk = (SCHEMAS / name).read_text(encoding="utf-8")
        assert on_disk == text, (
            f"schemas/{name} has drifted from the models; run: python -m inspector.models.schemas"
        )


def test_every_format_has_a_schema():
    for name in ("assignment", "checklist-template", "project", "visit", "answer", "problem",
                 "innovation", "photo", "follow-up"):
        assert (SCHEMAS / f"{name}.schema.json").is_file()
