"""What every dialog shares: a framed box, a title, OK/Cancel, Esc to cancel."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from ..bindings import localize_bindings

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "submit", "key.save", priority=True),
    ]
    DEFAULT_CLASSES = "dialog"

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        localize_bindings(self, lang)

    def t(self, key: str, **fields) -> str:
        from inspector.i18n import t

        return t(key, self.lang, **fields)

    def title_text(self) -> str:  # pragma: no cover - every dialog says what it is
        raise NotImplementedError

    def body(self) -> ComposeResult:  # pragma: no cover
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog-box"):
            yield Static(self.title_text(), id="dialog-title", markup=False)
            yield from self.body()
            yield Label("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button(self.t("dialog.ok"), id="ok", variant="primary", compact=True)
                yield Button(self.t("dialog.cancel"), id="cancel", compact=True)
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        result = self.collect()
        if result is not None:
            self.dismiss(result)

    def collect(self) -> T | None:  # pragma: no cover
        raise NotImplementedError

    def refuse(self, message: str) -> None:
        """Say what is wrong, in the dialog, and keep it open."""
        self.query_one("#dialog-error", Label).update(message)
