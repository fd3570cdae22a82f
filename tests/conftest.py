from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
sys.path.insert(0, str(Path(__file__).parent))
# Records every refusal a user sees, for tests/test_zz_refusals.py.
pytest_plugins = ("refusals",)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test may touch the real user data folder or inherit the caller's settings."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(data))
    monkeypatch.delenv("INSPECTOR_DB", raising=False)
    monkeypatch.delenv("INSPECTOR_LANG", raising=False)
    # Office commands act as a member of staff: tests act as STAFF, whom every
    # test office registers (support.register_staff, or `office users add`).
    monkeypatch.setenv("INSPECTOR_OFFICE_USER", "ceshi")
    monkeypatch.delenv("INSPECTOR_OFFICE_DB", raising=False)
    for name in ("INSPECTOR_PHOTO_LONG_EDGE", "INSPECTOR_PHOTO_QUALITY", "INSPECTOR_PHOTO_KEEP_GPS"):
        monkeypatch.delenv(name, raising=False)
    # The vocabularies a process read from the databases it opened name codes
    # (inspector.vocabularies): one test's office must not rename another's.
    from inspector.vocabularies import forget

    forget()


@pytest.fixture
def write_json(tmp_path):
    def write(data, name: str = "assignment.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    return write


@pytest.fixture
def write_signed(tmp_path):
    """Writes an assignment file signed by the test office (support.office())."""
    from support import signed

    def write(data, name: str = "assignment.json", by=None) -> Path:
        path = tmp_path / name
        path.write_bytes(signed(data, by))
        return path

    return write


@pytest.fixture
def fixture_db(tmp_path) -> Path:
    from inspector.assignment import read_assignment
    from support import make_db

    return make_db(tmp_path / "fixtures.db", read_assignment(FIXTURES / "assignment.json"))


@pytest.fixture
def small_db(tmp_path) -> Path:
    import factories
    from inspector.models import Assignment
    from support import make_db

    return make_db(tmp_path / "small.db", Assignment.model_validate(factories.assignment()))


@pytest.fixture
def app_for():
    """Builds the app exactly as the CLI does, on a given database."""
    from inspector.settings import Settings
    from inspector.tui.factory import make_app

    def build(db: Path, lang: str = "zh"):
        return make_app(Settings(db_path=db, lang=lang, data_dir=db.parent))

    return build
