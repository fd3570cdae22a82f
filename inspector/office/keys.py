"""Where an office's key pair lives: beside its database, in a folder named
after it (office.db -> office-identity, test.db -> test-identity), so a test
office and the real one can live on one machine, each signing with its own.

Earlier versions kept the key in `office-identity` in the data folder,
whatever database was used. For the default database that is the same
folder. An office database elsewhere that has no key beside it goes on with
the key in the old place (the caller says so, and where it belongs): moving
it silently could hand one office's key to another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from inspector.identity import Identity, IdentityError, load_identity
from inspector.identity.keys import PUBLIC_FILE

LEGACY_FOLDER = "office-identity"
JOURNAL = "rotation.json"  # office/rotation.py: a key rotation decided and not finished


def office_key_folder(db_path: Path | str) -> Path:
    """The key folder that belongs to the office database at `db_path`."""
    db_path = Path(db_path)
    return db_path.parent / f"{db_path.stem}-identity"


def legacy_key_folder(data_dir: Path | str) -> Path:
    """Where every office kept its key before it moved beside its database."""
    return Path(data_dir) / LEGACY_FOLDER


@dataclass(frozen=True)
class OfficeKey:
    identity: Identity
    folder: Path
    legacy: bool  # read from the old place, not from beside the database
    belongs: Path  # where it belongs: beside the database


def find_office_key(db_path: Path | str, data_dir: Path | str, *, rotating: bool = False) -> OfficeKey | None:
    """The key of the office at `db_path`, or None when it has none yet.

    The old place counts only for a database that exists already (an office
    set up before): a new database gets a key of its own. Raises
    IdentityError when the key found is damaged, or while a key rotation is
    unfinished (nothing may be signed with half a key pair; `rotating`: the
    rotation itself, which finishes it)."""
    beside = office_key_folder(db_path)
    found = None
    if (beside / PUBLIC_FILE).exists():
        found = OfficeKey(load_identity(beside), beside, False, beside)
    else:
        legacy = legacy_key_folder(data_dir)
        if legacy != beside and Path(db_path).is_file() and (legacy / PUBLIC_FILE).exists():
            found = OfficeKey(load_identity(legacy), legacy, True, beside)
    if found is not None and not rotating and (found.folder / JOURNAL).exists():
        raise IdentityError("identity.rotation_unfinished", folder=str(found.folder))
    return found
