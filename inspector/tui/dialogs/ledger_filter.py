"""The ledger's choosers: status and city, one line each (80x24), "(any)"
for no choice. Cities offered are those the ledger holds."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select

from inspector.i18n import labels
from inspector.office.ledger import STATUSES

from .base import Dialog, field


class LedgerFilterDialog(Dialog[dict]):
    SUBMIT_KEY = "key.oled_choose"

    def __init__(self, lang: str, current, rows) -> None:
        super().__init__(lang)
        self.current = current
        self.rows = rows

    def title_text(self) -> str:
        return self.t("oled.choose_title")

    def body(self) -> ComposeResult:
        statuses = labels("LedgerStatus", self.lang)
        cities = labels("City", self.lang)
        present = {e.city for e in self.rows} | set(self.current.cities)
        for name, options, chosen in (
            ("status", [(statuses[s], s) for s in STATUSES], self.current.statuses),
            ("city", [(cities.get(c, c), c) for c in sorted(present, key=lambda c: (c not in cities, c))],
             self.current.cities),
        ):
            first = sorted(chosen)
            yield field(self.t(f"oled.choose.{name}"),
                        Select(options, prompt=self.t("oled.choose.any"), value=first[0] if first else Select.NULL,
                               id=f"choose-{name}", compact=True))

    def on_mount(self) -> None:
        self.query_one("#choose-status", Select).focus()

    def collect(self) -> dict | None:
        out = {}
        for name, attribute in (("status", "statuses"), ("city", "cities")):
            value = self.query_one(f"#choose-{name}", Select).value
            out[attribute] = frozenset() if value is Select.NULL or value is None else frozenset({value})
        return out
