"""What changed between two versions of a checklist (or the draft), item by
item and field by field."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..bindings import localize_bindings
from ..widgets.changes import DiffView, section_titles


class ChecklistDiffScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "key.back")]

    class Compared(Message):
        def __init__(self, view: DiffView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, template_id: str, old: int | str, new: int | str, lang: str) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.template_id = template_id
        self.pair = (old, new)
        self.lang = lang
        self.loaded = False
        self.lines: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="list-title")
        with VerticalScroll(id="diff"):
            yield Static(id="diff-lines")
        yield Footer()

    def name_of(self, version: int | str) -> str:
        return self.app.t("checklists.draft_label") if version == "draft" else f"v{version}"

    def on_mount(self) -> None:
        self.query_one("#list-title", Static).update(Text(self.app.t(
            "checklists.diff_title", id=self.template_id, old=self.name_of(self.pair[0]),
            new=self.name_of(self.pair[1])), no_wrap=True, overflow="ellipsis"))
        self.query_one("#diff").focus()
        self.compare()

    @work(thread=True, exit_on_error=False)
    def compare(self) -> None:
        from inspector.checklists.diff import diff_templates
        from inspector.checklists.versions import draft_template, published

        try:
            db = self.app.open_office_reader()
            try:
                pair = [draft_template(db, self.template_id) if v == "draft" else
                        published(db, self.template_id, v) for v in self.pair]
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - an invalid draft, a vanished version: said, not raised
            self.app.call_from_thread(self.app.report_error, exc)
            return
        view = DiffView(diff_templates(*pair), self.lang, titles=section_titles(*pair),
                        old_label=self.name_of(self.pair[0]), new_label=self.name_of(self.pair[1]))
        self.post_message(self.Compared(view))

    def on_checklist_diff_screen_compared(self, message: Compared) -> None:
        self.lines = message.view.lines
        self.query_one("#diff-lines", Static).update(message.view.renderable)
        self.loaded = True
