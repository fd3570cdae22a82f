"""Ask for one line of text (a reason, a note)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button, Input, Label

from .base import Dialog


class TextPrompt(Dialog[str]):
    def __init__(self, lang: str, title: str, label: str, *, value: str = "", required: bool = True) -> None:
        super().__init__(lang)
        self._title = title
        self._label = label
        self._value = value
        self._required = required

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        yield Label(self._label, markup=False)
        yield Input(self._value, id="text", compact=True, select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def raw(self) -> dict:
        return {"text": self.query_one("#text", Input).value}

    def collect(self) -> str | None:
        text = self.query_one("#text", Input).value.strip()
        if self._required and not text:
            self.refuse(self.t("dialog.required"))
            return None
        return text


class ConfirmDialog(Dialog[bool]):
    """Yes or no; Enter says yes. A `destructive` question (deleting) starts
    on Cancel, so Enter pressed out of habit deletes nothing, and its OK button
    says what it does (`yes`)."""

    SUBMIT_KEY = None

    def __init__(self, lang: str, title: str, question: str, *, destructive: bool = False,
                 yes: str | None = None) -> None:
        super().__init__(lang)
        self._title = title
        self._question = question
        self.destructive = destructive
        self._yes = yes

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        yield Label(self._question, markup=False)

    def on_mount(self) -> None:
        if self._yes:
            self.query_one("#ok", Button).label = self._yes
        if self.destructive:
            self.query_one("#ok", Button).variant = "error"
        self.query_one("#cancel" if self.destructive else "#ok").focus()

    def collect(self) -> bool | None:
        return True
