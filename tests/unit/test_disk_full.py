"""A disk that fills up (issue 14 item 7), on a real small filesystem: a
size-limited tmpfs mounted for the test (Linux, as root; skipped with the
reason elsewhere). During load, photo import, export, ingest and a report:
one clear line, nothing stored changed, nothing half-written left behind,
and the same command succeeds once space is freed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import bundles as B
from reportdata import demo_office  # noqa: F401 - a fixture
from inspector.cli import cli

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "fixtures"
DISK_MB = 12


@pytest.fixture
def small_disk(tmp_path):
    """A real filesystem of DISK_MB, and `fill(leave)` to fill it up to `leave` bytes free."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a size-limited tmpfs needs Linux and root (mount -t tmpfs)")
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs", str(disk)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {done.stderr.strip()}")

    def fill(leave: int) -> Path:
        filler = disk / "filler"
        free = shutil.disk_usage(disk).free
        with open(filler, "ab") as handle:
            handle.write(b"\0" * max(free - leave, 0))
        return filler

    try:
        yield disk, fill
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.startswith((".incoming-", ".unsealing-")))


def one_line(result) -> str:
    lines = [line for line in (result.stderr or result.output).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "Traceback" not in result.output + result.stderr
    return lines[0]


def test_load_on_a_full_disk(small_disk, tmp_path):
    disk, fill = small_disk
    db = disk / "inspector.db"
    env = {"INSPECTOR_DATA_DIR": str(disk / "data")}
    from inspector.store import open_db

    open_db(db).close()  # the laptop's database, made before the disk filled up
    before = dump(db)
    filler = fill(leave=16 * 1024)
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", str(db), "load", str(FIXTURES / "assignment.json")],
                                env=env)
    assert result.exit_code != 0
    assert "full" in one_line(result)
    zh = CliRunner().invoke(cli, ["--db", str(db), "load", str(FIXTURES / "assignment.json")], env=env)
    assert "满" in one_line(zh)
    filler.unlink()  # (on a full disk even reading fails: SQLite cannot make the -shm file it reads through)
    assert dump(db) == before
    again = CliRunner().invoke(cli, ["--lang", "en", "--db", str(db), "load", str(FIXTURES / "assignment.json")],
                               env=env)
    assert again.exit_code == 0, again.output + again.stderr


def test_photo_import_on_a_full_disk(small_disk, tmp_path):
    from PIL import Image

    from inspector.photos.importing import import_photos
    from inspector.photos.library import PhotoLibrary

    disk, fill = small_disk
    card = tmp_path / "card"
    card.mkdir()
    for n in range(3):
        Image.effect_noise((1600, 1200), 60 + n).convert("RGB").save(card / f"IMG_{n}.jpg", quality=95)
    library = PhotoLibrary(disk / "photos")
    filler = fill(leave=64 * 1024)
    report = import_photos(sorted(card.glob("*.jpg")), library, workers=1)
    assert not report.imported and len(report.failed) == 3
    assert leftovers(disk) == [] and not any((disk / "photos").rglob("*.jpg"))
    filler.unlink()
    assert len(import_photos(sorted(card.glob("*.jpg")), library, workers=1).imported) == 3


@pytest.mark.parametrize("sealed", [False, True])
def test_export_to_a_full_stick(small_disk, tmp_path, sealed):
    from laptop import recorded_laptop

    from inspector.identity import sealing

    disk, fill = small_disk
    made = recorded_laptop(tmp_path / "laptop", photos=4)
    if sealed:  # as an assignment carrying the office's encryption key leaves it
        conn = sqlite3.connect(made.db_path)
        conn.execute("INSERT INTO meta (key, value) VALUES ('office_recipient', ?)",
                     (sealing.recipient(tmp_path / "office-keys"),))
        conn.commit()
        conn.close()
    out = disk / "usb"
    filler = fill(leave=4 * 1024)
    result = CliRunner().invoke(cli, ["--lang", "en", "--db", str(made.db_path), "export", "-o", str(out)],
                                env={"INSPECTOR_DATA_DIR": str(made.root)})
    assert result.exit_code != 0
    assert "full" in one_line(result)
    assert leftovers(disk) == [] and list(out.iterdir()) == []
    filler.unlink()
    again = CliRunner().invoke(cli, ["--lang", "en", "--db", str(made.db_path), "export", "-o", str(out)],
                               env={"INSPECTOR_DATA_DIR": str(made.root)})
    assert again.exit_code == 0, again.output + again.stderr
    (written,) = [p.name for p in out.iterdir()]
    assert written.startswith("bundle-zhangwei-0001")  # the number of the failed one
    assert written.endswith(".zip.age" if sealed else ".zip")


def test_ingest_on_a_full_disk(small_disk, tmp_path, monkeypatch):
    disk, fill = small_disk
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(disk / "data"))
    office = B.make_office(disk)
    office.catalogue()
    path = office.bundle().write(tmp_path / "bundle.zip")
    before = office.dump()
    filler = fill(leave=8 * 1024)
    result = office.ingest(path)
    assert result.exit_code != 0
    assert "full" in one_line(result)
    filler.unlink()
    assert office.dump() == before and leftovers(disk) == []
    again = office.ingest(path)
    assert again.exit_code == 0, again.output + again.stderr


def test_a_report_on_a_full_disk(small_disk, demo_office, monkeypatch):
    disk, fill = small_disk
    monkeypatch.setenv("INSPECTOR_OFFICE_USER", "liming")
    args = ["--lang", "en", "office", "--office-db", str(demo_office.db_path), "report", "R2026-2",
            "-o", str(disk / "reports")]
    filler = fill(leave=8 * 1024)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert "full" in one_line(result)
    assert leftovers(disk) == [] and not [p for p in (disk / "reports").rglob("*") if p.is_file()]
    filler.unlink()
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output + again.stderr


def test_a_read_only_data_folder_is_said_as_such(small_disk):
    disk, _ = small_disk
    db = disk / "data" / "inspector.db"
    env = {"INSPECTOR_DATA_DIR": str(disk / "data")}
    assert CliRunner().invoke(cli, ["--db", str(db), "load", str(FIXTURES / "assignment.json")], env=env).exit_code == 0
    before = dump(db)
    done = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"remounting read-only is not permitted here: {done.stderr.strip()}")
    try:
        for lang, said in (("en", "is read-only"), ("zh", "是只读的")):
            result = CliRunner().invoke(cli, ["--lang", lang, "--db", str(db), "load",
                                              str(FIXTURES / "assignment-lina.json")], env=env)
            assert result.exit_code != 0
            assert said in one_line(result) and str(disk / "data") in one_line(result)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], capture_output=True)
    assert dump(db) == before
