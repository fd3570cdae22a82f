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

from inspector.i18n.said import Explained, Refusal
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


class HandoverRefused(Refusal):
    """A key handover in the assignment does not follow from the trusted key."""


@dataclass(frozen=True)
class Loaded:
    outcome: LoadOutcome
    pinned: TrustedOffice | None  # set when this load made the signer the trusted office
    moved_from: TrustedOffice | None = None  # set when a signed handover moved trust to the signer's key


def key_fingerprint(key_text: str) -> str:
    return fingerprint(base64.b64decode(key_text))


def is_demo_key(key_text: str) -> bool:
    return key_text == DEMO_OFFICE_KEY


def office_to_pin(db: Database, signed: SignedAssignment) -> TrustedOffice | None:
    """The office to pin with this load (none trusted yet, or the trusted
    office handed over to the signer's key), None when the signer is the
    trusted office already; ForeignSigner or HandoverRefused otherwise."""
    trusted = trusted_office(db)
    signer = signed.signer
    if trusted is None:
        return TrustedOffice(signer.id, signer.name, signer.public_key)
    if trusted.public_key == signer.public_key:
        return None
    if signer.public_key in follow_handovers(trusted, signed.assignment.key_handovers, signed.file):
        return TrustedOffice(signer.id, signer.name, signer.public_key)
    raise ForeignSigner(signed.file, signer, trusted)


def follow_handovers(trusted: TrustedOffice, envelopes: list[str], file: str) -> list[str]:
    """The keys the trusted one handed over to, in order: each handover must
    be signed (kind handover) by the key it hands over from, starting with the
    one this laptop trusts. A handover that claims to come from a key on the
    chain but is not signed by it is refused outright: someone is trying."""
    from pydantic import ValidationError

    from inspector.identity import SignatureError, open_document
    from inspector.models.signed import KeyHandover

    reached, current = [], trusted.public_key
    for text in envelopes:
        try:
            envelope = open_document(text, "handover")
            handover = KeyHandover.model_validate_json(envelope.payload)
        except (SignatureError, ValidationError) as exc:
            problem = exc if isinstance(exc, SignatureError) else Explained(exc.errors(include_url=False)[0])
            raise HandoverRefused("load.handover_refused", file=file, trusted=key_fingerprint(trusted.public_key),
                                  problem=problem) from None
        if handover.old_public_key != current:
            continue  # a link of an older chain this laptop is already past
        if envelope.signer.public_key != current:
            raise HandoverRefused("load.handover_refused", file=file, trusted=key_fingerprint(trusted.public_key),
                                  problem=key_fingerprint(envelope.signer.public_key))
        current = handover.new_public_key
        reached.append(current)
    return reached


def accept_assignment(db: Database, signed: SignedAssignment, *, identity_id: str | None = None) -> Loaded:
    """Store a signed assignment if its signer is (or, on a fresh laptop,
    becomes) the trusted office and it is for this laptop's inspector
    (`identity_id`, the laptop's identity, when it has one; see
    store.ownership). Pinning and storing are one transaction: a refusal
    leaves the database as it was. Raises ForeignSigner, ForeignAssignment,
    StoreError."""
    before = trusted_office(db)
    pin = office_to_pin(db, signed)
    check_load(db, signed.assignment.inspector.id, identity_id)
    moved = before if pin is not None and before is not None else None
    outcome = save_assignment(db, signed.assignment, pin=pin, owner=True, moved_from=moved)
    return Loaded(outcome, pin if moved is None else None, moved)


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
