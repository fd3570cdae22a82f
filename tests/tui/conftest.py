from __future__ import annotations

import json
from pathlib import Path

import pytest

import factories
from inspector.assignment import read_assignment
from inspector.models import Assignment
from inspector.settings import Settings
from inspector.store import open_db
from inspector.store.assignments import save_assignment
from inspector.tui.factory import make_app

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def make_db(path: Path, assignment: Assignment | None = None) -> Path:
    db = open_db(path)
    if assignment is not None:
        save_assignment(db, assignment)
    db.close()
    return path


@pytest.fixture
def fixture_db(tmp_path) -> Path:
    return make_db(tmp_path / "fixtures.db", read_assignment(FIXTURES / "assignment.json"))


@pytest.fixture
def small_db(tmp_path) -> Path:
    return make_db(tmp_path / "small.db", Assignment.model_validate(factories.assignment()))


@pytest.fixture
def app_for():
    def build(db: Path, lang: str = "zh"):
        return make_app(Settings(db_path=db, lang=lang, data_dir=db.parent))

    return build
