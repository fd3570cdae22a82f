"""Backups that restore (issue 14 item 4): a backup made while an ingest
runs in another process is consistent; it restores to the same office; a
truncated or altered backup is refused, naming what is wrong, with nothing
changed; `office check` finds a deleted photo and an altered record and
changes nothing; a full disk leaves no half backup."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import bundles as B
from support import STAFF as _STAFF
from test_disk_full import small_disk  # noqa: F401 - a fixture

from inspector.cli import cli
from inspector.office.backup import BackupRefused
from inspector.office.backup.checking import check_office
from inspector.office.backup.making import make_backup
from inspector.office.backup.restoring import restore
from inspector.office.backup.verifying import verify_folder

STAFF = _STAFF[0]


@pytest.fixture
def office(tmp_path, monkeypatch) -> B.Office:
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INSPECTOR_OFFICE_USER", STAFF)
    office = B.make_office(tmp_path)
    office.catalogue()
    assert office.ingest(office.file(office.bundle(photos=[B.photo_bytes(n) for n in range(1)]))).exit_code == 0
    return office


def run(office: B.Office, *args: str, lang: str = "en", db: Path | None = None):
    return CliRunner().invoke(cli, ["--lang", lang, "office", "--office-db", str(db or office.db), *args])


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_backup_restores_to_the_same_office(office, tmp_path):
    done = run(office, "backup", "-o", str(tmp_path / "backup"), "--with-keys")
    assert done.exit_code == 0, done.output + done.stderr
    assert "every one checked" in done.output and "private keys" in done.output
    key = tmp_path / "backup" / "keys" / "private.pem"
    assert key.is_file() and (sys.platform == "win32" or oct(key.stat().st_mode)[-3:] == "600")
    target = tmp_path / "elsewhere" / "office.db"
    restored = run(office, "restore", str(tmp_path / "backup"), db=target)
    assert restored.exit_code == 0, restored.output + restored.stderr
    assert dump(target) == dump(office.db)
    assert tree(target.parent / "photos") == tree(office.db.parent / "photos")
    assert (target.parent / "office-identity" / "private.pem").read_bytes() == \
        (office.data / "office-identity" / "private.pem").read_bytes()
    assert check_office(target) == []
    assert "checks out" in run(office, "check", db=target).output


def test_a_backup_made_while_an_ingest_runs_is_consistent(office, tmp_path):
    records = B.sample_records()
    records["visits"].append(B.visit(rev=2, note="补记"))
    photos = [B.photo_bytes(n, size=200_000) for n in range(1, 120)]
    records["photos"] += [B.photo(f"ph{n + 10}", data) for n, data in enumerate(photos)]  # each file named
    path = office.file(office.bundle(records=records, photos=photos, sequence=2, since=1), "2.zip")
    env = {**os.environ, "INSPECTOR_OFFICE_USER": STAFF}
    ingest = subprocess.Popen([sys.executable, "-m", "inspector", "--lang", "en", "office", "--office-db",
                               str(office.db), "ingest", str(path)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    store = office.db.parent / "photos"
    already = len(list(store.rglob("*.jpg")))
    deadline = time.monotonic() + 60
    while len(list(store.rglob("*.jpg"))) <= already and time.monotonic() < deadline:
        time.sleep(0.01)  # until the ingest is storing photos: the backup runs in the middle of it
    running = ingest.poll() is None
    manifest = make_backup(office.db, tmp_path / "backup", by=STAFF)
    out, err = ingest.communicate(timeout=120)
    assert ingest.returncode == 0, out + err
    assert running  # the backup did overlap the ingest
    assert verify_folder(tmp_path / "backup") == manifest
    restored = tmp_path / "restored" / "office.db"
    restore(tmp_path / "backup", restored, tmp_path / "restored" / "keys")
    assert check_office(restored) == []  # every photo the copy names is in it, every record matches its hash
    conn = sqlite3.connect(restored)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


@pytest.mark.parametrize("damage, said", [
    ("truncate database", "office.db should be"),
    ("alter photo", "does not match its hash in the manifest"),
    ("remove photo", "the backup is incomplete"),
    ("edit manifest", "manifest.json is damaged"),
    ("add file", "which its manifest does not list"),
    ("no manifest", "there is no manifest.json"),
])
def test_a_damaged_backup_is_refused_and_nothing_changes(office, tmp_path, damage, said):
    backup = tmp_path / "backup"
    make_backup(office.db, backup, by=STAFF)
    photo = next(p for p in (backup / "photos").rglob("*.jpg") if "thumbs" not in p.parts)
    if damage == "truncate database":
        data = (backup / "office.db").read_bytes()
        (backup / "office.db").write_bytes(data[: len(data) // 2])
    elif damage == "alter photo":
        data = bytearray(photo.read_bytes())
        data[10] ^= 1
        photo.write_bytes(bytes(data))
    elif damage == "remove photo":
        photo.unlink()
    elif damage == "edit manifest":
        text = (backup / "manifest.json").read_text(encoding="utf-8")
        (backup / "manifest.json").write_text(text.replace('"sha256": "', '"sha256": "x', 1), encoding="utf-8")
    elif damage == "add file":
        (backup / "photos" / "extra.jpg").write_bytes(b"\xff\xd8")
    else:
        (backup / "manifest.json").unlink()
    target = tmp_path / "restored" / "office.db"
    result = run(office, "restore", str(backup), db=target)
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and said in lines[0], lines
    assert not target.exists() and not (tmp_path / "restored").exists()  # nothing was made
    before = dump(office.db)  # over a live office, too: refused before anything is touched
    replaced = run(office, "restore", str(backup), "--replace")
    assert replaced.exit_code != 0 and dump(office.db) == before
    assert re.search("[\u4e00-\u9fff]", run(office, "restore", str(backup), "--replace", lang="zh").stderr)


def test_restoring_over_an_office_needs_replace_and_keeps_the_old_one(office, tmp_path):
    make_backup(office.db, tmp_path / "backup", by=STAFF)
    before = dump(office.db)
    refused = run(office, "restore", str(tmp_path / "backup"))
    assert refused.exit_code != 0 and "add --replace" in refused.stderr
    office.ingest(office.file(office.lina_bundle(), "lina.zip"))  # the office moves on after the backup
    changed = dump(office.db)
    done = run(office, "restore", str(tmp_path / "backup"), "--replace")
    assert done.exit_code == 0, done.output + done.stderr
    assert dump(office.db) == before
    (aside,) = office.db.parent.glob("office-before-restore-*")
    assert dump(aside / "office.db") == changed and "kept aside" in done.output


def test_check_finds_a_deleted_photo_and_an_altered_record_and_changes_nothing(office):
    assert run(office, "check").exit_code == 0
    photo = next(p for p in (office.db.parent / "photos").rglob("*.jpg") if "thumbs" not in p.parts)
    photo.unlink()
    conn = sqlite3.connect(office.db)
    conn.execute("UPDATE records SET data = replace(data, '\"rev\":1', '\"rev\": 1') WHERE kind = 'problem'")
    conn.commit()
    conn.close()
    before = dump(office.db)
    result = run(office, "check")
    assert result.exit_code == 2
    assert f"photo file {photo.stem} is missing" in result.output
    assert "record problem" in result.output and "does not match its hash" in result.output
    assert dump(office.db) == before
    assert "照片文件" in run(office, "check", lang="zh").output


def test_a_full_disk_leaves_no_half_backup(office, small_disk):
    disk, fill = small_disk
    filler = fill(leave=8 * 1024)
    result = run(office, "backup", "-o", str(disk / "backup"))
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "the disk is full" in lines[0]
    assert sorted(p.name for p in disk.iterdir()) == ["filler"]
    filler.unlink()
    assert run(office, "backup", "-o", str(disk / "backup")).exit_code == 0


def test_a_copy_that_reads_back_wrong_leaves_no_backup(office, tmp_path, monkeypatch):
    """Each file is read back from the backup after writing and compared with
    what the original holds (a photo's name is its hash): a faulty backup disk
    is said, and no backup folder is left that would restore wrong photos."""
    import inspector.office.backup.making as making

    real = shutil.copyfile

    def faulty(source, out):
        real(source, out)
        data = bytearray(Path(out).read_bytes())
        data[-1] ^= 0xFF  # one byte the disk got wrong
        Path(out).write_bytes(bytes(data))

    monkeypatch.setattr(making.shutil, "copyfile", faulty)
    done = run(office, "backup", "-o", str(tmp_path / "backup"), lang="zh")
    assert done.exit_code != 0
    assert "备份盘出错" in (done.output + done.stderr) and "Traceback" not in done.output + done.stderr
    assert not (tmp_path / "backup").exists() and not list(tmp_path.glob(".backup-incoming-*"))


def test_a_photo_that_rotted_in_the_office_is_backed_up_as_it_is(office, tmp_path):
    """A photo whose content no longer matches its name is copied as it is
    (the backup does not refuse the office its backup for one damaged file);
    the manifest holds what the copy holds, and `office check` names it."""
    photo = next((office.db.parent / "photos").glob("??/*.jpg"))  # the photo, not its thumbnail
    photo.write_bytes(photo.read_bytes()[:-1] + b"\x01")
    manifest = make_backup(office.db, tmp_path / "backup", by=STAFF)
    copy = tmp_path / "backup" / photo.relative_to(office.db.parent).as_posix()
    assert copy.read_bytes() == photo.read_bytes()
    assert verify_folder(tmp_path / "backup") == manifest
    assert [f.code for f in check_office(office.db)] == ["photo_altered"]
