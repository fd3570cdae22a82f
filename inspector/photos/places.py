"""Where photos may come from: the home folder, camera cards and USB sticks
where the system mounts them, and the other drives. The photo browser shows
these so an inspector never has to know that a card is /media/zhangwei/EOS_DIGITAL
or E:\\.

Plain os/pathlib only, no Windows or macOS APIs: the system, the filesystem
root and the drive lister are parameters, so every branch runs in tests on any
machine. Listing may be slow on a stale network mount: call it off the UI thread.
"""

from __future__ import annotations

import getpass
import os
import platform
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Place:
    kind: str  # "home", "media" (a mounted card, stick or disk), "drive" (a Windows letter), "root"
    path: Path

    @property
    def name(self) -> str:
        return self.path.name or str(self.path)  # "/" and "C:\" have no name of their own


def windows_drives(listdrives: Callable[[], list[str]] | None = getattr(os, "listdrives", None),
                   exists: Callable[[str], bool] = os.path.exists) -> list[str]:
    """Drive roots ("C:\\", "E:\\"): os.listdrives() where Python has it
    (3.12+), else each letter A–Z probed. A letter that cannot be read (a card
    reader with no card) is left out, never an error."""
    candidates = [f"{letter}:\\" for letter in string.ascii_uppercase]
    if listdrives is not None:
        try:
            candidates = sorted(listdrives())  # also lists a card reader with no card in it
        except OSError:
            pass
    found = []
    for drive in candidates:
        try:
            if exists(drive):
                found.append(drive)
        except OSError:
            continue
    return found


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a service, a container): only per-user folders are missed
        return ""


def _children(folder: Path) -> list[Path]:
    """Visible sub-folders, by name; a folder we may not read has none."""
    try:
        entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
        return sorted((p for p in entries if p.is_dir()), key=lambda p: p.name.casefold())
    except OSError:
        return []


def _mount_folders(system: str, root: Path, user: str) -> list[Path]:
    """Where the system mounts removable media, in the order they are listed."""
    if system == "Darwin":
        return _children(root / "Volumes")
    found = []
    if user:
        found += _children(root / "media" / user)  # udisks on Debian/Ubuntu: /media/<user>/<label>
    found += [p for p in _children(root / "media") if not (user and p.name == user)]  # /media/usb0 …
    found += _children(root / "mnt")  # hand-made mounts; WSL's /mnt/c
    if user:
        found += _children(root / "run" / "media" / user)  # udisks on Fedora, Arch
    return found


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def find_places(*, system: str | None = None, home: Path | None = None, user: str | None = None,
                root: Path | None = None, drives: Callable[[], list[str]] | None = None) -> list[Place]:
    """Home first, then removable media and drives, then (not on Windows)
    the whole filesystem. Only folders that exist now are listed."""
    system = system or platform.system()
    home = home if home is not None else Path.home()
    user = _user() if user is None else user
    places = [Place("home", home)]
    if system == "Windows":
        letters = (drives or windows_drives)()
        return places + [Place("drive", Path(letter)) for letter in letters]
    root = root if root is not None else Path("/")
    seen = {_resolved(home), _resolved(root)}  # macOS links "Macintosh HD" to /: not a card
    for folder in _mount_folders(system, root, user):
        real = _resolved(folder)
        if real not in seen:
            seen.add(real)
            places.append(Place("media", folder))
    places.append(Place("root", root))
    return places


def up_from(path: Path) -> Path | None:
    """The folder above, or None at the top of a disk."""
    parent = path.parent
    return None if parent == path else parent
