"""Receipts on the laptop: the office's signed word that it holds a bundle.
Loading one advances what counts as acknowledged, so the next export carries
only what is new."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timezone

from pydantic import ValidationError

from inspector.i18n.said import Explained, Refusal
from sqlite_utils import Database

from inspector.identity import SignatureError, fingerprint, open_document
from inspector.models import Receipt
from inspector.store.identity import current_identity
from inspector.store.trust import previous_office_keys, trusted_office
from inspector.store.transaction import immediate


class ReceiptError(Refusal):
    """Refused; one line saying why, in the user's language (the file name is added by the caller)."""


@dataclass(frozen=True)
class Accepted:
    sequence: int
    acknowledged: int
    already: bool


def accept_receipt(db: Database, text: str) -> Accepted:
    try:
        envelope = open_document(text, "receipt")
    except SignatureError as exc:
        raise ReceiptError("receipt.signature", cause=exc) from None
    office = trusted_office(db)
    if office is None:
        raise ReceiptError("receipt.no_office")
    # Signed by the office's key, or by one it handed over from (a receipt
    # issued before a key change stays valid).
    if envelope.signer.public_key != office.public_key and envelope.signer.public_key not in previous_office_keys(db):
        raise ReceiptError("receipt.other_office", signer=envelope.signer.name,
                           key=fingerprint(base64.b64decode(envelope.signer.public_key)), office=office.name,
                           trusted=fingerprint(base64.b64decode(office.public_key)))
    try:
        receipt = Receipt.model_validate_json(envelope.payload)
    except ValidationError as exc:
        raise ReceiptError("receipt.not_a_receipt", problem=Explained(exc.errors(include_url=False)[0])) from None
    who = current_identity(db)
    if who is None or receipt.inspector != who.inspector_id:
        raise ReceiptError("receipt.other_inspector", inspector=receipt.inspector,
                           laptop=who.inspector_id if who else "-")
    conn = db.conn
    bundle = conn.execute(
        "SELECT id, status FROM bundles WHERE sequence = ?", (receipt.sequence,)
    ).fetchone()
    if bundle is None or bundle[0] != str(receipt.bundle) or bundle[1] != "written":
        raise ReceiptError("receipt.not_written_here", sequence=receipt.sequence, bundle=str(receipt.bundle))
    if receipt.acknowledged > receipt.sequence:
        raise ReceiptError("receipt.beyond", acknowledged=receipt.acknowledged, sequence=receipt.sequence)
    with immediate(db):
        known = conn.execute("SELECT bundle_id FROM receipts WHERE sequence = ?", (receipt.sequence,)).fetchone()
        if known is None:
            conn.execute(
                "INSERT INTO receipts VALUES (?, ?, ?, ?, ?, ?, ?)",
                (receipt.sequence, str(receipt.bundle), receipt.acknowledged, receipt.office,
                 receipt.issued_at.isoformat(), datetime.now(timezone.utc).isoformat(), envelope.payload),
            )
        total = conn.execute("SELECT max(acknowledged) FROM receipts").fetchone()[0]
    return Accepted(receipt.sequence, total, known is not None)
