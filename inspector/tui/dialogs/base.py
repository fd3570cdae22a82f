"""What every dialog shares: a framed box, a title, OK/Cancel, Esc to cancel."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalGroup, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from ..bindings import localize_bindings

T = TypeVar("T")


def field(label: str, widget) -> HorizontalGroup:
    """A label and its field on one line: forms must fit 80x24."""
    return HorizontalGroup(Label(label, classes="field-label", markup=False), widget, classes="field")


class Dialog(ModalScreen[T]):
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "submit", "key.save", priority=True),
    ]
    DEFAULT_CLASSES = "dialog"
    # What ctrl+s (and OK) does, as the footer says it; None for a dialog that
    # only chooses or confirms: saying "save" there promises what it does not do.
    SUBMIT_KEY: str | None = "key.save"

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        if self.SUBMIT_KEY != "key.save":
            table = self._bindings.key_to_bindings
            table["ctrl+s"] = [replace(b, description=self.SUBMIT_KEY or "", show=self.SUBMIT_KEY is not None)
                               for b in table.get("ctrl+s", [])]
        localize_bindings(self, lang)
        self._draft_spec: tuple[str, str, str, dict] | None = None  # key, visit id, kind, context
        # When the form was first drawn, on the clock events are stamped with.
        self.shown_at: float | None = None

    def on_show(self, event) -> None:
        # Show is stamped as the form is first laid out on the terminal; keys
        # stamped before it were typed at the screen below.
        if self.shown_at is None:
            self.shown_at = event.time

    def typed_before_shown(self, event) -> bool:
        """A key typed while this form was opening: the app drops it, so a key
        meant for the screen below (a second v, an answer key typed ahead)
        never lands in a field or presses ^s."""
        return self.shown_at is None or event.time < self.shown_at

    def keep_draft(self, key: str, visit_id: str, kind: str, context: dict) -> "Dialog[T]":
        """Store what is typed here as it is typed, under `key`, so a killed
        process loses none of it; the visit reopens the form from it."""
        self._draft_spec = (key, visit_id, kind, context)
        return self

    def raw(self) -> dict:
        """The fields as typed, unchecked, JSON-ready (for drafts)."""
        return {}

    def _typed(self) -> None:
        if self._draft_spec is None or not self.is_mounted:
            return
        from inspector.store.drafts import save_draft

        key, visit_id, kind, context = self._draft_spec
        self.app.save(save_draft, key, visit_id, kind, {"context": context, "fields": self.raw()})

    def _drop_draft(self) -> None:
        if self._draft_spec is not None:
            from inspector.store.drafts import delete_draft

            self.app.save(delete_draft, self._draft_spec[0])

    def on_input_changed(self, event) -> None:
        if event.input.has_class("-refused"):
            self.clear_refusal(event.input)
        self._typed()

    def on_text_area_changed(self) -> None:
        self._typed()

    def on_select_changed(self) -> None:
        self._typed()

    def on_checkbox_changed(self) -> None:
        self._typed()

    def on_radio_set_changed(self) -> None:
        self._typed()

    def on_evidence_ticks_changed(self) -> None:
        self._typed()

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
        self._drop_draft()
        self.dismiss(None)

    def action_submit(self) -> None:
        # Each submit judges the form afresh: what an earlier one refused and
        # has since been put right must not stay on screen beside a new refusal.
        self.clear_refusals()
        result = self.collect()
        if result is not None:
            # The draft stays until whoever receives the result has queued the
            # record's save and then the draft's deletion: a kill in between
            # must leave one or the other.
            self.dismiss(result)

    def collect(self) -> T | None:  # pragma: no cover
        raise NotImplementedError

    def refuse(self, message: str) -> None:
        """Say what is wrong, in the dialog, and keep it open."""
        self.query_one("#dialog-error", Label).update(message)

    def refuse_at(self, widget, message: str) -> None:
        """Say what is wrong right under the field that is wrong, and go there;
        the words stay until that field is changed."""
        group = widget.parent if widget.parent is not None and widget.parent.has_class("field") else widget
        error_id = f"{widget.id}-error"
        found = self.query(f"#{error_id}")
        if found:
            label = found.first(Label)
            label.update(message)
            label.display = True
        else:
            self.query_one("#dialog-box").mount(Label(message, id=error_id, classes="field-error", markup=False),
                                                after=group)
        widget.add_class("-refused")
        widget.focus()

    def clear_refusal(self, widget) -> None:
        # Emptied and hidden, not removed: a refusal right after (the next
        # submit) finds the same label at once instead of one still leaving.
        for label in self.query(f"#{widget.id}-error"):
            label.update("")
            label.display = False
        widget.remove_class("-refused")

    def clear_refusals(self) -> None:
        """Forget every refusal shown: the form's own and each field's."""
        self.query_one("#dialog-error", Label).update("")
        for widget in self.query(".-refused"):
            self.clear_refusal(widget)
