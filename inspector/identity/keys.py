"""An identity is a folder holding `identity.json` (id, name, public key) and
`private.pem` (readable by its owner only). Files are written whole."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from inspector.files import write_whole
from inspector.i18n.said import Refusal

PUBLIC_FILE = "identity.json"
PRIVATE_FILE = "private.pem"


class IdentityError(Refusal):
    """Refused; one line, said in the user's language (i18n/areas/keys_receipts.py)."""


@dataclass(frozen=True)
class Identity:
    id: str
    name: str
    public_key: bytes  # raw 32 bytes
    folder: Path

    @property
    def public_key_text(self) -> str:
        return base64.b64encode(self.public_key).decode("ascii")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def private_key(self) -> Ed25519PrivateKey:
        try:
            data = (self.folder / PRIVATE_FILE).read_bytes()
            key = serialization.load_pem_private_key(data, password=None)
        except (OSError, ValueError) as exc:
            raise IdentityError("identity.private_unreadable", file=str(self.folder / PRIVATE_FILE), cause=exc) from None
        if not isinstance(key, Ed25519PrivateKey):
            raise IdentityError("identity.private_not_ed25519", file=str(self.folder / PRIVATE_FILE))
        return key

    def sign(self, data: bytes) -> bytes:
        return self.private_key().sign(data)


def fingerprint(public_key: bytes) -> str:
    """Short enough to read over the phone: 'A1B2-C3D4-E5F6-0718'."""
    digest = hashlib.sha256(public_key).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def verify(public_key: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def create_identity(folder: Path, identity_id: str, name: str, *, replace: bool = False) -> Identity:
    import re

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", identity_id):
        raise IdentityError("identity.bad_id", id=identity_id)
    if not name.strip():
        raise IdentityError("identity.no_name")
    folder = Path(folder)
    if (folder / PUBLIC_FILE).exists() and not replace:
        raise IdentityError("identity.exists", folder=str(folder))
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    folder.mkdir(parents=True, exist_ok=True)
    write_whole(folder / PRIVATE_FILE, pem, private=True)
    record = {"id": identity_id, "name": name.strip(), "public_key": base64.b64encode(public).decode("ascii")}
    write_whole(folder / PUBLIC_FILE, (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode())
    return Identity(identity_id, name.strip(), public, folder)


def load_identity(folder: Path) -> Identity:
    path = Path(folder) / PUBLIC_FILE
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        public = base64.b64decode(record["public_key"], validate=True)
        if len(public) != 32:
            raise ValueError("public key is not 32 bytes")
        return Identity(str(record["id"]), str(record["name"]), public, Path(folder))
    except FileNotFoundError:
        raise IdentityError("identity.none_yet", file=str(path)) from None
    except json.JSONDecodeError as exc:
        raise IdentityError("identity.damaged_json", file=str(path), line=exc.lineno, column=exc.colno) from None
    except KeyError as exc:
        raise IdentityError("identity.damaged_field", file=str(path), field=str(exc.args[0])) from None
    except OSError as exc:
        raise IdentityError("identity.unreadable", file=str(path), cause=exc) from None
    except (ValueError, TypeError):
        raise IdentityError("identity.damaged_key", file=str(path)) from None
