"""Receipts: what the office signs for each bundle it applied. Loading one on
the laptop advances what counts as acknowledged there."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Mapping

from inspector.files import write_whole
from inspector.identity import Identity, sign_document
from inspector.models import Receipt


def receipt_path(folder: Path, inspector_id: str, sequence: int, bundle_id: str) -> Path:
    """receipt-zhangwei-3-1a2b3c4d.json: sequences count per laptop, so two
    laptops of one inspector (a replaced one) have a bundle 3 each; the start
    of the bundle's id keeps their receipts apart. Inspector ids are codes
    (letters, digits, . _ -, never starting with a dot)."""
    return Path(folder) / f"receipt-{inspector_id}-{sequence}-{str(bundle_id).replace('-', '')[:8]}.json"


def make_receipt(office: Identity, bundle: Mapping) -> bytes:
    """The signed receipt for an applied bundle (a row of `bundles`). Made
    from what the office recorded, so issuing it again gives the same bytes."""
    receipt = Receipt(
        office=office.id,
        inspector=bundle["inspector_id"],
        bundle=bundle["id"],
        sequence=bundle["sequence"],
        acknowledged=bundle["sequence"],
        records=bundle["records"],
        conflicts=bundle["conflicts"],
        photos=bundle["photos"],
        issued_at=datetime.fromisoformat(bundle["applied_at"]),
    )
    return sign_document(office, "receipt", receipt.model_dump_json())


def write_receipt(path: Path, office: Identity, bundle: Mapping) -> None:
    write_whole(path, make_receipt(office, bundle))
