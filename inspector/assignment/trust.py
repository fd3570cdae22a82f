"""Which office's signature this laptop accepts, and loading under that rule.

A laptop trusts one office key. It is set explicitly (`inspector trust`) or,
on a laptop that trusts nobody yet, pinned from the first signed assignment
loaded (trust on first use, with the fingerprint printed for the inspector to
check with the office). After that, an assignment signed by any other key is
refused: a stranger's file must never reach the inspector's work list.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from sqlite_utils import Database

from inspector.i18n.said import Refusal
from inspector.identity import fingerprint
from inspector.models import Signer
from inspector.store.assignments import LoadOutcome, save_assignment
from inspector.store.ownership import check_load
from inspector.store.trust import TrustedOffice, trust_office, trusted_office

from .reader import SignedAssignment

# The public half of fixtures/demo-office (whose private key is published with
# the source). A laptop that trusts it is running the demo, and is told so.
DEMO_OFFICE_KEY = "ySYc8KDXOJLlclLrx/lo/9OwXXve+iuntB3McipgQpo="


class ForeignSigner(Exception):
    """Signed by a key other than the trusted office's."""

    def __init__(self, file: str, signer: Signer, trusted: TrustedOffice):
        self.file, self.signer, self.trusted = file, signer, trusted
        super().__init__(
            f"{file}: signed by {signer.name} (fingerprint {key_fingerprint(signer.public_key)}), but this "
            f"laptop trusts {trusted.name} (fingerprint {key_fingerprint(trusted.public_key)})"
        )


class TrustRefused(Exception):
    """`inspector trust` would replace a different trusted key without --replace."""

    def __init__(self, trusted: TrustedOffice, offered: TrustedOffice):
        self.trusted, self.offered = trusted, offered
        super().__init__(f"this laptop trusts {trusted.name} already; use --replace")


@dataclass(frozen=True)
class Loaded:
    outcome: LoadOutcome
    pinned: TrustedOffice | None  # set when this load made the signer the trusted office


def key_fingerprint(key_text: str) -> str:
    return fingerprint(base64.b64decode(key_text))


def is_demo_key(key_text: str) -> bool:
    return key_text == DEMO_OFFICE_KEY


def office_to_pin(db: Database, signed: SignedAssignment) -> TrustedOffice | None:
    """The office to pin with this load (none trusted yet), None when the
    signer is the trusted office already; ForeignSigner otherwise."""
    trusted = trusted_office(db)
    signer = signed.signer
    if trusted is None:
        return TrustedOffice(signer.id, signer.name, signer.public_key)
    if trusted.public_key != signer.public_key:
        raise ForeignSigner(signed.file, signer, trusted)
    return None


def accept_assignment(db: Database, signed: SignedAssignment, *, identity_id: str | None = None) -> Loaded:
    """Store a signed assignment if its signer is (or, on a fresh laptop,
    becomes) the trusted office and it is for this laptop's inspector
    (`identity_id`, the laptop's identity, when it has one; see
    store.ownership). Pinning and storing are one transaction: a refusal
    leaves the database as it was. Raises ForeignSigner, ForeignAssignment,
    StoreError."""
    pin = office_to_pin(db, signed)
    check_load(db, signed.assignment.inspector.id, identity_id)
    outcome = save_assignment(db, signed.assignment, pin=pin, owner=True)
    return Loaded(outcome, pin)


class KeyRefused(Refusal, ValueError):
    """An office key that is not one, said in the user's language."""


def parse_office_key(text: str) -> str:
    """Normalised base64 of a 32-byte Ed25519 public key; ValueError otherwise."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        raise KeyRefused("trust.key_not_base64") from None
    if len(key) != 32:
        raise KeyRefused("trust.key_length", size=len(key))
    return base64.b64encode(key).decode("ascii")


def set_office(db: Database, office: TrustedOffice, *, replace: bool = False) -> tuple[str, TrustedOffice | None, TrustedOffice]:
    """Trust `office` from now on. Another key already trusted is replaced only
    with `replace` (TrustRefused otherwise). Returns what happened ("trusted",
    "replaced", "unchanged"), the office trusted before and the one trusted now."""
    before = trusted_office(db)
    if before is not None and before.public_key == office.public_key:
        # The same key: keep its id and name unless new ones are given.
        after = office._replace(id=office.id or before.id, name=office.name or before.name)
        if after == before:
            return "unchanged", before, before
        trust_office(db, after)
        return "trusted", before, after
    if before is not None and not replace:
        raise TrustRefused(before, office)
    trust_office(db, office)
    return ("replaced" if before is not None else "trusted"), before, office
