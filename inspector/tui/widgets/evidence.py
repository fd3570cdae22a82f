"""Tick boxes whose tick shows without colour, and the four evidence types as a row of them."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Container
from textual.message import Message
from textual.widgets import Checkbox

from inspector.vocabularies import choices


class TickBox(Checkbox):
    """A checkbox drawn [X] when ticked and [ ] when not: Textual's stock one
    differs only by colour, which a monochrome or sunlit screen loses."""

    @property
    def _button(self):
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


GAP = 2  # cells between two boxes on a row


def columns_for(widths: list[int], room: int) -> tuple[int, list[int]]:
    """How many boxes a row takes (4, 2 or 1) and each column's width, so that
    every box is drawn whole in `room` cells: one row when all fit, else two
    rows of two, else one a row."""
    for count in (len(widths), 2, 1):
        count = max(1, min(count, len(widths)))
        columns = [max(widths[i::count]) for i in range(count)]
        if sum(columns) + GAP * (count - 1) <= room or count == 1:
            return count, columns
    return 1, [max(widths)]  # pragma: no cover - the loop always returns


class EvidenceTicks(Container):
    """On-site check, resident interview, ledger, platform data: all four
    always in sight, on one row when they fit, else wrapped onto more rows
    (a box cut at the edge is a choice the inspector cannot see)."""

    DEFAULT_CSS = """
    EvidenceTicks {
        layout: grid;
        grid-size: 4;
        grid-rows: 1;
        grid-gutter: 0 2;
        height: auto;
    }
    EvidenceTicks TickBox {
        width: 100%;
    }
    """

    class Changed(Message):
        def __init__(self, ticks: "EvidenceTicks") -> None:
            super().__init__()
            self.ticks = ticks

        @property
        def control(self) -> "EvidenceTicks":
            return self.ticks

    def __init__(self, lang: str, chosen: list[str] | None = None, vocabulary=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self._initial = set(chosen or [])
        # The evidence types the assignment offers (the built-in ones without
        # one); a code the record already holds stays, even if retired since.
        self._choices = choices("evidence_type", lang, vocabulary, keep=sorted(self._initial))

    def compose(self) -> ComposeResult:
        yield from self._boxes(self._initial)

    def _boxes(self, ticked: set[str]):
        for code, name in self._choices:
            box = TickBox(name, code in ticked, compact=True)
            box.evidence = code
            yield box

    def offer(self, vocabulary, keep=()) -> None:
        """Offer the evidence types of `vocabulary` (a visit's assignment's),
        keeping what is ticked; nothing is redrawn when they are the same."""
        wanted = choices("evidence_type", self.lang, vocabulary, keep=sorted(set(keep) | set(self.selected)))
        if wanted == self._choices:
            return
        ticked = set(self.selected) | set(keep)
        self._choices = wanted
        self.remove_children()
        self.mount_all(list(self._boxes(ticked)))
        self.call_after_refresh(lambda: self.fit_columns(self.content_size.width))

    def on_resize(self, event: events.Resize) -> None:
        self.fit_columns(self.content_size.width)

    def on_mount(self) -> None:
        self.fit_columns(self.content_size.width)

    def fit_columns(self, room: int) -> None:
        boxes = list(self.query(TickBox))
        if not boxes or room <= 0:
            return
        # each box whole: ▐X▌, the name and what Textual puts around them
        screen = self.app.size
        widths = [box.get_content_width(screen, screen) + box.styles.gutter.width for box in boxes]
        count, columns = columns_for(widths, room)
        if count == 1:
            columns = [room]
        self.styles.grid_size_columns = count
        self.styles.grid_columns = " ".join(str(width) for width in columns)

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
