"""Who signs what: the inspector's and the office's Ed25519 key pairs (via the
`cryptography` library: no home-made crypto)."""

from .keys import Identity, IdentityError, create_identity, fingerprint, load_identity
from .signing import SignatureError, is_signed, open_document, sign_document

__all__ = [
    "Identity", "IdentityError", "SignatureError", "create_identity", "fingerprint", "is_signed",
    "load_identity", "open_document", "sign_document",
]
