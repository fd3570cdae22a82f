"""Who signs what: the inspector's and the office's Ed25519 key pairs (via the
`cryptography` library: no home-made crypto)."""

from .keys import Identity, IdentityError, create_identity, fingerprint, load_identity

__all__ = ["Identity", "IdentityError", "create_identity", "fingerprint", "load_identity"]
