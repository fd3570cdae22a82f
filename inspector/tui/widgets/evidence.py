"""Tick boxes whose tick shows without colour, and the four evidence types as a row of them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.message import Message
from textual.widgets import Checkbox

from inspector.i18n import labels


class TickBox(Checkbox):
    """A checkbox drawn [X] when ticked and [ ] when not: Textual's stock one
    differs only by colour, which a monochrome or sunlit screen loses."""

    @property
    def _button(self):
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class EvidenceTicks(HorizontalGroup):
    """On-site check, resident interview, ledger, platform data."""

    class Changed(Message):
        def __init__(self, ticks: "EvidenceTicks") -> None:
            super().__init__()
            self.ticks = ticks

        @property
        def control(self) -> "EvidenceTicks":
            return self.ticks

    def __init__(self, lang: str, chosen: list[str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self._initial = set(chosen or [])

    def compose(self) -> ComposeResult:
        for code, name in labels("EvidenceType", self.lang).items():
            box = TickBox(name, code in self._initial, compact=True)
            box.evidence = code
            yield box

    @property
    def selected(self) -> list[str]:
        return [box.evidence for box in self.query(TickBox) if box.value]

    def set_selected(self, codes) -> None:
        """Show `codes` ticked. The Changed messages this posts carry the
        same selection as stored, which listeners recognise and ignore."""
        wanted = set(codes)
        for box in self.query(TickBox):
            box.value = box.evidence in wanted

    def focus_first(self) -> None:
        boxes = list(self.query(TickBox))
        if boxes:
            boxes[0].focus()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))
