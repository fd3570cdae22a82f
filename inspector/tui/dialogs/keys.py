"""Every key of the screen underneath, in the user's language."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from ..bindings import localize_bindings


class KeysDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,enter", "dismiss", "key.close")]
    DEFAULT_CLASSES = "dialog"

    def __init__(self, lang: str, title: str, under: Screen) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.title_text = title
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        seen: set[str] = set()
        nodes = [self.under]
        if self.under.focused is not None:
            nodes.insert(0, self.under.focused)
        for node in nodes:
            for key, binding in node._bindings:
                if not binding.description or binding.description.startswith("key.") or key in seen:
                    continue
                seen.add(key)
                table.add_row(Text(self.app.get_key_display(binding)), Text(binding.description))
        with VerticalScroll(id="dialog-box"):
            yield Static(self.title_text, id="dialog-title", markup=False)
            yield Static(table)
        yield Footer()
