"""What the office sent back (退回), on one project or one visit: each record
with the office's question, who asked and when, and the inspector's answer
so far. b (or Enter) answers; o opens the visit to correct the record with
the ordinary forms (a finished visit is reopened there, with a reason)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from inspector.i18n import label

from ..bindings import localize_bindings


def item_lines(app, item) -> Text:
    """One sent-back record in a few lines: what it is, what the office asks
    (by whom, when), and where the answer stands."""
    tr = app.t
    text = Text()
    text.append(f"[{label('RecordKind', item.kind, app.lang)}] ", style="bold yellow")
    text.append(item.summary or item.record_id)
    text.append("\n" + tr("sentback.asked", comment=item.comment), style="bold")
    text.append("\n" + tr("sentback.by", name=item.by_name, date=item.at[:10]), style="dim")
    if item.reply is not None:
        text.append("\n" + tr("sentback.reply", text=item.reply), style="green")
    if item.kept_local:
        text.append("\n" + tr("sentback.kept_local"), style="yellow")
    elif item.corrected:
        text.append("\n" + tr("sentback.corrected"), style="green")
    if not item.answered:
        text.append("\n" + tr("sentback.waiting"), style="yellow")
    return text


class SentBackScreen(Screen[None]):
    BINDINGS = [
        Binding("b", "answer", "key.answer"),
        Binding("enter", "answer", show=False),
        Binding("o", "open_visit", "key.open_record_visit"),
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("q", "app.pop_screen", show=False),
    ]

    class Loaded(Message):
        def __init__(self, items) -> None:
            super().__init__()
            self.items = items

    def __init__(self, lang: str, *, code: str | None = None, visit_id: str | None = None,
                 highlight: str | None = None) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.code, self.visit_id, self.highlight = code, visit_id, highlight
        self.items: list = []

    def compose(self) -> ComposeResult:
        yield Static(self.app.t("sentback.title"), id="title", markup=False)
        yield OptionList(id="sent-back")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()  # corrected in the visit meanwhile

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        from inspector.store.sentback import sent_back_on_project, sent_back_on_visit

        try:
            db = self.app.open_reader()
            try:
                items = (sent_back_on_visit(db, self.visit_id) if self.visit_id is not None
                         else sent_back_on_project(db, self.code))
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - shown, not raised: the screen stays usable
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(items))

    def on_sent_back_screen_loaded(self, message: Loaded) -> None:
        options = self.query_one(OptionList)
        keep = self.current()
        keep_id = keep.record_id if keep is not None else self.highlight
        self.items = message.items
        options.clear_options()
        if not self.items:
            options.add_option(Option(self.app.t("sentback.none"), disabled=True))
            return
        options.add_options([Option(item_lines(self.app, item), id=f"{item.kind}:{item.record_id}")
                             for item in self.items])
        index = next((i for i, item in enumerate(self.items) if item.record_id == keep_id),
                     next((i for i, item in enumerate(self.items) if not item.answered), 0))
        options.highlighted = index

    def current(self):
        if not self.items:
            return None
        index = self.query_one(OptionList).highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def action_answer(self) -> None:
        item = self.current()
        if item is None:
            return
        from inspector.inspection.sentback import answer

        from ..dialogs.text_prompt import TextPrompt

        def done(text: str | None) -> None:
            if text:
                self.app.save(answer, item.kind, item.record_id, text, on_saved=self.answered)

        self.app.push_screen(TextPrompt(self.app.lang, self.app.t("sentback.answer_title"),
                                        self.app.t("sentback.answer_label", comment=item.comment,
                                                   name=item.by_name),
                                        value=item.reply or ""), done)

    def answered(self, _reply) -> None:
        self.notify(self.app.t("sentback.answered"), timeout=4)
        self.load()

    def action_open_visit(self) -> None:
        item = self.current()
        if item is None:
            return
        if not item.visit_here:
            self.notify(self.app.t("sentback.not_on_laptop"), severity="warning", timeout=4)
            return
        if self.visit_id is not None and item.visit_id == self.visit_id:
            self.app.pop_screen()  # opened from that visit: back to it
            return
        self.app.open_visit(item.visit_id)
