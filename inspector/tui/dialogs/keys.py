"""Every key of the screen underneath, in the user's language."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static

from inspector.i18n import LANGS, t

from ..bindings import localize_bindings

# Textual's own keys worth knowing, by action, in our words. The rest of its
# keys (scrolling, an input's cursor keys) speak English and go unlisted.
BUILT_IN = {
    "app.focus_next": "key.focus_next",
    "app.focus_previous": "key.focus_previous",
    "screen.copy_text": "key.copy",
    "copy": "key.copy",
    "undo": "key.undo",
    "redo": "key.redo",
}
# …and a list's, where moving means going from one entry to the next
IN_A_LIST = {
    "cursor_up": "key.move",
    "cursor_down": "key.move",
    "first": "key.first_last",
    "last": "key.first_last",
    "page_up": "key.page",
    "page_down": "key.page",
}


def key_rows(screen: Screen, lang: str) -> list[tuple[str, str]]:
    """(keys, what they do) for every key active on `screen`, each meaning
    once: a binding with two keys (x and del) or two bindings saying the same
    (↑ and ↓: previous/next) share a row."""
    ours = {text for key, text in LANGS[lang].MESSAGES.items() if key.startswith("key.")} \
        if lang in LANGS else set()
    rows: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        description = binding.description
        if description not in ours:
            key = BUILT_IN.get(binding.action) or \
                (IN_A_LIST.get(binding.action) if isinstance(active.node, OptionList) else None)
            if key is None:
                continue
            description = t(key, lang)
        shown = screen.app.get_key_display(binding)
        keys = rows.setdefault(description, [])
        if shown not in keys and not binding.key.startswith("super+"):  # a Mac's ⌘, not on our keyboards
            keys.append(shown)
    return [(" ".join(keys), description) for description, keys in rows.items()]


class KeysDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1,enter", "dismiss", "key.close")]
    DEFAULT_CLASSES = "dialog"

    def __init__(self, lang: str, title: str, under: Screen) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.lang = lang
        self.title_text = title
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        self.rows = key_rows(self.under, self.lang)
        for keys, description in self.rows:
            table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="dialog-box"):
            yield Static(self.title_text, id="dialog-title", markup=False)
            yield Static(table)
        yield Footer()
