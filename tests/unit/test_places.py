"""Where the photo browser can go: home, removable media and other drives.
Every branch is tried on any machine: the roots, the system and the drive
lister are handed in."""

from __future__ import annotations

import os
from pathlib import Path

from inspector.photos.places import find_places, up_from, windows_drives


def _dirs(root: Path, *names: str) -> None:
    for name in names:
        (root / name).mkdir(parents=True, exist_ok=True)


def test_linux_lists_home_then_mounted_media_then_the_whole_disk(tmp_path):
    home = tmp_path / "home" / "zhangwei"
    _dirs(tmp_path, "home/zhangwei", "media/zhangwei/CANON_DC", "media/zhangwei/U盘", "media/usb0",
          "mnt/c", "mnt/.hidden", "run/media/zhangwei/SD_CARD")
    (tmp_path / "mnt" / "notes.txt").write_text("not a place")
    places = find_places(system="Linux", home=home, user="zhangwei", root=tmp_path)
    assert [(p.kind, p.path) for p in places] == [
        ("home", home),
        ("media", tmp_path / "media/zhangwei/CANON_DC"),
        ("media", tmp_path / "media/zhangwei/U盘"),
        ("media", tmp_path / "media/usb0"),  # not /media/zhangwei itself: its cards are listed
        ("media", tmp_path / "mnt/c"),
        ("media", tmp_path / "run/media/zhangwei/SD_CARD"),
        ("root", tmp_path),
    ]
    assert places[1].name == "CANON_DC"


def test_missing_mount_folders_are_no_error(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    places = find_places(system="Linux", home=home, user="lina", root=tmp_path)
    assert [p.kind for p in places] == ["home", "root"]


def test_macos_lists_volumes_but_not_the_startup_disk_twice(tmp_path):
    home = tmp_path / "Users" / "lina"
    _dirs(tmp_path, "Users/lina", "Volumes/NO NAME", "Volumes/EOS_DIGITAL", "media/stray")
    os.symlink(tmp_path, tmp_path / "Volumes" / "Macintosh HD")  # the startup disk, as macOS links it
    places = find_places(system="Darwin", home=home, user="lina", root=tmp_path)
    assert [(p.kind, p.name) for p in places] == [
        ("home", "lina"), ("media", "EOS_DIGITAL"), ("media", "NO NAME"), ("root", tmp_path.name),
    ]


def test_windows_lists_every_drive_letter_and_no_posix_folders(tmp_path):
    home = tmp_path / "Users" / "zhangwei"
    home.mkdir(parents=True)
    _dirs(tmp_path, "media/x", "mnt/y")
    places = find_places(system="Windows", home=home, user="zhangwei", root=tmp_path,
                         drives=lambda: ["C:\\", "E:\\"])
    assert [(p.kind, str(p.path)) for p in places] == [("home", str(home)), ("drive", "C:\\"), ("drive", "E:\\")]
    assert [p.name for p in places[1:]] == ["C:\\", "E:\\"]


def test_windows_drives_from_listdrives_when_python_has_it():
    # listdrives names a card reader with no card in it too (E:): only readable drives are shown
    listed = ["C:\\", "D:\\", "E:\\"]
    assert windows_drives(listdrives=lambda: listed, exists=lambda p: p != "E:\\") == ["C:\\", "D:\\"]


def test_windows_drives_probed_a_to_z_without_listdrives():
    present = {"C:\\", "F:\\"}
    probed = []

    def exists(path):
        probed.append(path)
        return path in present

    assert windows_drives(listdrives=None, exists=exists) == ["C:\\", "F:\\"]
    assert probed[0] == "A:\\" and probed[-1] == "Z:\\" and len(probed) == 26


def test_windows_drives_probed_when_listdrives_fails():
    def broken():
        raise OSError("no access")

    assert windows_drives(listdrives=broken, exists=lambda p: p == "D:\\") == ["D:\\"]


def test_a_drive_that_cannot_be_read_is_skipped_not_fatal():
    def exists(path):
        if path == "B:\\":
            raise OSError("device not ready")
        return path == "C:\\"

    assert windows_drives(listdrives=None, exists=exists) == ["C:\\"]


def test_up_goes_to_the_parent_until_the_top(tmp_path):
    assert up_from(tmp_path / "home" / "zhangwei") == tmp_path / "home"
    assert up_from(Path(tmp_path.anchor)) is None
