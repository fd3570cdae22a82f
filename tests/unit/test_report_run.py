"""A report folder appears whole or not at all (office/reports/run.py,
output.py): a full disk, a cancel, a killed process each leave no folder and
no half-made sibling; a folder holding files, or one inside the office's
data folder, is refused untouched. The formats are stand-ins
(tests/report_writers.py): these tests are about the folder."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import report_writers
from reportdata import NOW, ROUND, demo_office, scope  # noqa: F401 - demo_office is a fixture

from inspector.office.db import open_office_db
from inspector.office.reports.run import Cancelled, make_report
from inspector.office.reports.scope import ReportRefused

ROOT = Path(__file__).resolve().parents[2]


def dump(office) -> list[str]:
    conn = sqlite3.connect(office.db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def siblings(out: Path) -> list[str]:
    """What is left beside the target: a killed or failed run's incoming folder would show here."""
    return sorted(p.name for p in out.parent.iterdir()) if out.parent.exists() else []


def run(office, out: Path, *, on_progress=None, cancel=None, **given):
    db = open_office_db(office.db_path)
    try:
        return make_report(db, scope(**given), out, now=NOW, on_progress=on_progress, cancel=cancel)
    finally:
        db.close()


def test_the_folder_appears_whole(demo_office, tmp_path, monkeypatch):
    report_writers.use(monkeypatch)
    out = tmp_path / "reports" / "督导报告-R2026-2"
    seen = []
    written = run(demo_office, out, on_progress=lambda phase, done, total: seen.append((phase, done, total)))
    assert written.folder == out
    assert siblings(out) == ["督导报告-R2026-2"]  # no incoming folder beside it
    on_disk = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    photos = sum(len(r.photos) for r in (*written.report.problems, *written.report.innovations))
    assert on_disk == sorted(written.files) and len(on_disk) == 4 * (1 + photos)  # 4 formats: a list and the photos
    assert "2026-2-HZ-001" in (out / "csv" / "问题清单.txt").read_text(encoding="utf-8")
    assert seen[0][0] == "gather" and seen[-1][0] == "done" and seen[-1][1] == seen[-1][2]
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)  # the bar never goes back


def test_a_full_disk_midway_leaves_nothing(demo_office, tmp_path, monkeypatch):
    report_writers.use(monkeypatch, "full")
    before = dump(demo_office)
    out = tmp_path / "usb" / "report"
    with pytest.raises(ReportRefused) as refused:
        run(demo_office, out)
    assert refused.value.code == "write_failed"
    assert refused.value.say("en").endswith(": the disk is full; no report was made and nothing was left behind")
    assert "磁盘已满" in refused.value.say("zh") and ".report.incoming" not in refused.value.say("zh")
    assert siblings(out) == []  # neither the folder nor .report.incoming-*
    assert dump(demo_office) == before


def test_cancel_leaves_nothing(demo_office, tmp_path, monkeypatch):
    report_writers.use(monkeypatch)
    out = tmp_path / "report"
    cancel = threading.Event()

    def progress(phase, done, total):
        if phase == "report_writers":  # the writing has begun: files are on disk
            assert any(p.name.startswith(".report.incoming-") for p in tmp_path.iterdir())
            cancel.set()

    with pytest.raises(Cancelled):
        run(demo_office, out, on_progress=progress, cancel=cancel)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["full", "inside", "office"])
def test_a_folder_that_must_not_be_written_is_refused_untouched(demo_office, tmp_path, monkeypatch, where):
    report_writers.use(monkeypatch)
    office_folder = demo_office.db_path.parent
    if where == "full":
        out = tmp_path / "report"
        out.mkdir()
        (out / "mine.docx").write_bytes(b"someone's work")
        code = "folder_not_empty"
    elif where == "inside":
        out = office_folder / "reports" / "R2026-2"
        code = "in_office_folder"
    else:
        out = office_folder
        code = "in_office_folder"
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    office_before = sorted((p.relative_to(office_folder), p.stat().st_size) for p in office_folder.rglob("*"))
    db_before = dump(demo_office)
    with pytest.raises(ReportRefused) as refused:
        run(demo_office, out)
    assert refused.value.code == code
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert sorted((p.relative_to(office_folder), p.stat().st_size) for p in office_folder.rglob("*")) == office_before
    assert dump(demo_office) == db_before


CHILD = """
import sys
sys.path.insert(0, {tests!r})
import report_writers
from inspector.office.reports import run
run.WRITERS = report_writers.writers()
from inspector.cli import main
main(sys.argv[1:])
"""


def test_a_killed_report_leaves_no_folder_and_the_next_run_sweeps_up(demo_office, tmp_path, monkeypatch):
    out = tmp_path / "report"
    before = dump(demo_office)
    env = {**__import__("os").environ, "INSPECTOR_TEST_WRITER": "slow", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(tests=str(ROOT / "tests")), "--lang", "en", "office", "--office-db",
         str(demo_office.db_path), "--as", demo_office.user, "report", ROUND, "-o", str(out)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        incoming = []
        while time.monotonic() < deadline and child.poll() is None:
            incoming = [p for p in tmp_path.glob(".report.incoming-*") if any(p.rglob("*.txt"))]
            if incoming:
                break
            time.sleep(0.02)
        assert incoming, child.communicate(timeout=5)
    finally:
        child.kill()
        child.communicate(timeout=30)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == [incoming[0].name]  # only the killed run's remains
    assert dump(demo_office) == before
    report_writers.use(monkeypatch)
    run(demo_office, out)
    assert siblings(out) == ["report"]  # the next run swept the remains up
