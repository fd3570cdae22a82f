"""The checklist screen: walking a visit item by item.

Every answer, note and evidence tick is queued to the store's writer the
moment it is made; there is no save button. What the store returns is put
back into the snapshot this screen draws from.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, OptionList, Static, TextArea

from inspector.inspection import record
from inspector.inspection.answers import FAIL, NA, PASS, InvalidAnswer, is_answered, item_prompt, normalize
from inspector.inspection.checklist import Entry
from inspector.inspection.scoring import section_scores, veto_hits
from inspector.inspection.snapshot import VisitSnapshot

from ..bindings import localize_bindings
from ..widgets.cells import clip_text
from ..widgets.evidence import EvidenceTicks
from .visit_forms import FindingForms
from .visit_lifecycle import VisitLifecycle
from ..widgets.item_list import ItemList, entry_id
from ..widgets.item_panel import ItemPanel


class VisitScreen(FindingForms, VisitLifecycle, Screen[None]):
    BINDINGS = [
        Binding("p", "answer('pass')", "key.pass"),
        Binding("f", "answer('fail')", "key.fail"),
        Binding("n", "answer('na')", "key.na"),
        Binding("1", "choose(1)", "key.choose", key_display="1-9", show=False),
        *[Binding(str(n), f"choose({n})", show=False) for n in range(2, 10)],
        Binding("e", "edit_value", "key.edit_value", show=False),
        # The footer holds what fits 80 columns in either language: the answers,
        # the header, finishing, ? (every key), back and ^q. The rest is under ?.
        Binding("m", "edit_note", "key.note", show=False),
        Binding("v", "edit_evidence", "key.evidence", show=False),
        Binding("a", "raise_problem", "key.raise_problem", show=False),
        Binding("w", "no_problem_reason", "key.no_problem_reason", show=False),
        Binding("i", "record_innovation", "key.innovation", show=False),
        Binding("u", "next_unanswered", "key.next_unanswered", show=False),
        Binding("r", "next_required", "key.next_required", show=False),
        Binding("h", "toggle_hidden", "key.toggle_hidden", show=False),
        Binding("l", "problems", "key.problems", show=False),
        Binding("c", "innovations", "key.innovations", show=False),
        Binding("g", "follow_ups", "key.follow_ups", show=False),
        Binding("s", "summary", "key.summary", show=False),
        Binding("t", "photos", "key.photos", show=False),
        Binding("b", "sent_back", "key.sent_back", show=False),
        Binding("d", "edit_header", "key.visit_header"),
        Binding("F", "finish", "key.finish"),
        Binding("question_mark", "app.toggle_keys", "key.help"),
        Binding("escape", "back", "key.back"),
        Binding("up", "noop", "key.move", key_display="↑↓", show=False),
    ]

    def action_noop(self) -> None:
        """↑↓ move in the item list; listed here so the key list names them."""

    class Loaded(Message):
        def __init__(self, snapshot: VisitSnapshot, drafts: list, sent_back=()) -> None:
            super().__init__()
            self.snapshot = snapshot
            self.drafts = drafts
            self.sent_back = list(sent_back)

    def __init__(self, visit_id: str, lang: str, *, start_at: str | None = None) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.visit_id = str(visit_id)
        self.lang = lang
        self.start_at = start_at
        self.snapshot: VisitSnapshot | None = None
        self.show_hidden = False
        self.loaded = False
        self.current: Entry | None = None
        self.reopen_on_load: str | None = None  # a list or summary screen to return to
        self.finishing = False  # confirmed; until the store says it is finished nothing may change
        self.sent_back: list = []  # what the office sent back of this visit (store.sentback)

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield Static(id="visit-header", markup=False)
        sent_back = Static(id="visit-sentback", markup=False)
        sent_back.display = False  # only when the office sent something of this visit back
        yield sent_back
        with Horizontal(id="visit-body"):
            items = ItemList(id="items")
            items.lang = self.lang
            yield items
            yield ItemPanel(self.lang, id="item")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ItemList).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        from inspector.inspection.snapshot import load_visit
        from inspector.store.drafts import drafts_for
        from inspector.store.sentback import sent_back_on_visit

        try:
            conn = self.app.open_reader()
            try:
                snapshot = load_visit(conn, self.visit_id)
                drafts = drafts_for(conn, self.visit_id)
                sent_back = sent_back_on_visit(conn, self.visit_id)
            finally:
                conn.close()
        except Exception as exc:  # noqa: BLE001 - shown, not raised: the screen stays usable
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(snapshot, drafts, sent_back))

    def on_visit_screen_loaded(self, message: Loaded) -> None:
        first_load = self.snapshot is None
        self.snapshot = message.snapshot
        self.show_sent_back(message.sent_back)
        self.loaded = True
        # check_action allows the answer keys only once a visit is loaded; the
        # footer asks again only when told (or when focus moves): resumed at
        # start-up, the list is focused long before the visit is read.
        self.refresh_bindings()
        target = self.start_at if first_load else (entry_id(self.current) if self.current else None)
        self.rebuild(target)
        if first_load and self.reopen_on_load:
            screen, self.reopen_on_load = self.reopen_on_load, None
            if screen in ("problems", "innovations", "follow_ups", "summary"):
                self._open(screen)
        if first_load and message.drafts and not self.read_only:
            self.restore_draft(*message.drafts[0])  # the form that was open when the program stopped

    # ------------------------------------------------------------ state
    @property
    def read_only(self) -> bool:
        return self.snapshot is None or self.snapshot.visit.status != "in_progress"

    def visible_entries(self) -> list[Entry]:
        assert self.snapshot is not None
        return [e for e in self.snapshot.entries if e.applies or self.show_hidden]

    def rebuild(self, target: str | None = None) -> None:
        """Redraw the list (after loading or toggling hidden items) and go to `target`."""
        snapshot = self.snapshot
        items = self.query_one(ItemList)
        items.show(self.visible_entries(), snapshot.values)
        index = None
        if target:
            try:
                index = items.get_option_index(target)
            except Exception:  # noqa: BLE001 - the item is hidden now: start at the top
                index = None
        if index is None:
            index = next((i for i in range(items.option_count) if not items.get_option_at_index(i).disabled), None)
        if index is not None:
            items.highlighted = index
            items.scroll_to_highlight()
        self.refresh_header()

    def refresh_header(self) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            return
        applicable = [e for e in snapshot.entries if e.applies]
        answered = sum(1 for e in applicable if is_answered(snapshot.values.get(e.key)))
        _, total = section_scores(snapshot.entries, snapshot.values)
        open_problems = [p for p in snapshot.problems if p.status != "closed"]
        counts = {"problems": len(open_problems), "innovations": len(snapshot.innovations),
                  "judged": len(snapshot.follow_ups), "carried": len(snapshot.carried)}
        score = self.t("visit.score", earned=f"{total.earned:g}", maximum=f"{total.maximum:g}") \
            if total.maximum else None

        def line(*, date: bool, score_shown: bool, short: bool) -> Text:
            header = Text(no_wrap=True, end="")
            header.append(snapshot.project.name, style="bold")
            if self.read_only:
                header.append(f"  {self.t('visit.finished_read_only')}", style="bold yellow")
            header.append(f"  {self.t('visit.progress', done=answered, total=len(applicable))}")
            if score and score_shown:
                header.append(f"  {score}")
            header.append(f"  {self.t('visit.counts_short' if short else 'visit.counts', **counts)}")
            if veto_hits(snapshot.entries, snapshot.values):
                header.append(f"  {self.t('visit.veto_hit')}", style="bold white on red")
            if date:
                header.append(f"  {snapshot.visit.date.isoformat()}", style="dim")
            return header

        # The whole line when it fits; else the least needed goes first (the
        # date, then shorter words for the counts, then the score), so the
        # problems and re-check counts stay; what still does not fit ends in "⋯".
        widget = self.query_one("#visit-header", Static)
        width = widget.content_size.width or max(self.app.size.width - 2, 1)
        tries = [line(date=True, score_shown=True, short=False), line(date=False, score_shown=True, short=False),
                 line(date=False, score_shown=True, short=True), line(date=False, score_shown=False, short=True)]
        header = next((candidate for candidate in tries if candidate.cell_len <= width), None)
        widget.update(header if header is not None else clip_text(tries[-1], width))

    def show_sent_back(self, items: list) -> None:
        """A line under the header while the office waits for an answer: what
        it asks (the first question), by whom, and the key to answer."""
        self.sent_back = items
        line = self.query_one("#visit-sentback", Static)
        waiting = [item for item in items if not item.answered]
        line.display = bool(items)
        if not items:
            return
        if waiting:
            first = waiting[0]
            text = self.t("sentback.in_visit", count=len(waiting), comment=" ".join(first.comment.split()),
                          name=first.by_name)
        else:
            text = self.t("sentback.in_visit_answered", count=len(items))
        width = line.content_size.width or max(self.app.size.width - 2, 1)
        line.update(clip_text(Text(text, no_wrap=True), width))

    class SentBackLoaded(Message):
        def __init__(self, items: list) -> None:
            super().__init__()
            self.items = items

    @work(thread=True, group="sent-back", exclusive=True, exit_on_error=False)
    def reload_sent_back(self) -> None:
        from inspector.store.sentback import sent_back_on_visit

        try:
            conn = self.app.open_reader()
            try:
                items = sent_back_on_visit(conn, self.visit_id)
            finally:
                conn.close()
        except Exception as exc:  # noqa: BLE001 - shown, not raised
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.SentBackLoaded(items))

    def on_visit_screen_sent_back_loaded(self, message: SentBackLoaded) -> None:
        self.show_sent_back(message.items)

    def action_sent_back(self) -> None:
        from .sent_back import SentBackScreen

        if not self.sent_back:
            self.notify(self.t("sentback.none"), timeout=3)
            return
        self.app.push_screen(SentBackScreen(self.lang, visit_id=self.visit_id))

    def on_resize(self) -> None:
        self.refresh_header()  # what fits the header line depends on the width

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    # --------------------------------------------------------- navigation
    @on(OptionList.OptionHighlighted, "#items")
    def item_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self.entry_by_id(event.option.id)
        if entry is None or self.snapshot is None:
            return
        self.current = entry
        self.query_one(ItemPanel).show(entry, self.snapshot, read_only=self.read_only)
        if not self.read_only:
            self.app.save(record.save_position, self.visit_id, "checklist", event.option.id)

    def entry_by_id(self, option_id: str | None) -> Entry | None:
        if option_id is None or self.snapshot is None:
            return None
        return next((e for e in self.snapshot.entries if entry_id(e) == option_id), None)

    def go_to(self, entry: Entry) -> None:
        if not entry.applies and not self.show_hidden:
            self.show_hidden = True
            self.rebuild(entry_id(entry))
            return
        items = self.query_one(ItemList)
        items.highlighted = items.get_option_index(entry_id(entry))
        items.scroll_to_highlight()
        items.focus()

    def _next(self, wanted) -> None:
        entries = [e for e in self.visible_entries() if e.applies]
        if not entries:
            return
        start = entries.index(self.current) + 1 if self.current in entries else 0
        for entry in entries[start:] + entries[:start]:
            if wanted(entry):
                self.go_to(entry)
                return
        self.notify(self.t("visit.nothing_left"), timeout=3)

    def action_next_unanswered(self) -> None:
        if self.snapshot is None:
            return
        self._next(lambda e: not is_answered(self.snapshot.values.get(e.key)))

    def action_next_required(self) -> None:
        if self.snapshot is None:
            return
        self._next(lambda e: e.item.required and not is_answered(self.snapshot.values.get(e.key)))

    def action_toggle_hidden(self) -> None:
        if self.snapshot is None:
            return
        self.show_hidden = not self.show_hidden
        self.rebuild(entry_id(self.current) if self.current else None)
        hidden = sum(1 for e in self.snapshot.entries if not e.applies)
        self.notify(self.t("visit.hidden_shown" if self.show_hidden else "visit.hidden_hidden", count=hidden),
                    timeout=3)

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, (TextArea, Input, Checkbox)):
            self.query_one(ItemList).focus()  # Esc leaves a field first, the screen second
            return
        self.app.pop_screen()

    # ------------------------------------------------------------ answering
    def writable(self) -> bool:
        if self.snapshot is None or self.current is None:
            return False
        if self.read_only or self.finishing:
            self.notify(self.t("visit.read_only_hint"), severity="warning", timeout=4)
            return False
        if not self.current.applies:
            self.notify(self.t("visit.hidden_item_hint"), severity="warning", timeout=4)
            return False
        return True

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "back":
            return True
        if self.snapshot is None:  # nothing to act on until the visit is loaded
            return False
        # Single letters belong to text fields while one is being typed in.
        if isinstance(self.focused, (TextArea, Input)) and action != "finish":
            return False
        return True

    def save_answer(self, entry: Entry, **changes) -> None:
        def saved(answer) -> None:
            self.snapshot.answers[entry.key] = answer
            self.after_change(entry)

        self.app.save(record.save_answer, self.visit_id, entry.ref, on_saved=saved, **changes)

    def after_change(self, entry: Entry) -> None:
        value = self.snapshot.values.get(entry.key)
        self.query_one(ItemList).update_entry(entry, value)
        if self.current == entry:
            # The field being typed in is ahead of the store: never write the
            # (possibly older) stored text back into it.
            self.query_one(ItemPanel).show(entry, self.snapshot, read_only=self.read_only, keep_focused=True)
        self.refresh_header()

    def action_answer(self, value: str) -> None:
        if not self.writable():
            return
        entry = self.current
        if entry.item.answer.type != "pass_fail":
            self.notify(self.t("visit.not_pass_fail"), timeout=3)
            return
        self.save_answer(entry, value=value)
        if value == FAIL and entry.template.kind == "problem" and not self.snapshot.problems_for(entry):
            self.action_raise_problem()
        elif value in (PASS, NA):
            if self.snapshot.problems_for(entry):
                self.notify(self.t("visit.problem_still_open"), severity="warning", timeout=5)
            self.advance(entry)

    def advance(self, entry: Entry) -> None:
        """Answered: on to the next item, as an inspector walking the list expects."""
        items = self.query_one(ItemList)
        index = items.highlighted
        if index is None:
            return
        for i in range(index + 1, items.option_count):
            if not items.get_option_at_index(i).disabled:
                items.highlighted = i
                items.scroll_to_highlight()
                return

    def action_choose(self, number: int) -> None:
        if not self.writable():
            return
        entry = self.current
        spec = entry.item.answer
        if spec.type != "single_choice":
            self.notify(self.t("visit.not_a_choice"), timeout=3)
            return
        if number > len(spec.options):
            return
        option = spec.options[number - 1]
        self.save_answer(entry, value=option.value)
        if option.flag and entry.template.kind == "problem" and not self.snapshot.problems_for(entry):
            self.action_raise_problem()
        elif option.flag and entry.template.kind == "innovation" and not self.snapshot.innovations_for(entry):
            self.action_record_innovation(option.value)
        # A choice often wants a note (residents' words, the ledger page): stay on the item.

    @on(Button.Pressed, "#answer-buttons Button")
    def answer_button(self, event: Button.Pressed) -> None:
        event.stop()
        name = event.button.name or ""
        if name.startswith("answer-"):
            self.action_answer(name.removeprefix("answer-"))
        elif name.startswith("choose-"):
            self.action_choose(int(name.removeprefix("choose-")))

    def action_edit_value(self) -> None:
        box = self.query_one("#value", Input)
        if box.display and self.writable():
            box.focus()

    def action_edit_note(self) -> None:
        if self.writable():
            self.query_one("#note", TextArea).focus()

    def action_edit_evidence(self) -> None:
        if self.writable():
            self.query_one("#evidence", EvidenceTicks).focus_first()

    @on(Input.Changed, "#value")
    def value_typed(self, event: Input.Changed) -> None:
        entry = self.current
        if entry is None or self.read_only or not event.input.has_focus:
            return
        try:
            value = normalize(entry.item, event.value)
        except InvalidAnswer as exc:
            event.input.border_subtitle = self.t(f"invalid.{exc.code}", **exc.params)
            event.input.add_class("-invalid-value")
            return  # half-typed; saved as soon as it is a valid value
        event.input.remove_class("-invalid-value")
        event.input.border_subtitle = ""
        stored = self.snapshot.answers.get(entry.key)
        if stored is None or stored.value != value:
            self.save_answer(entry, value=event.value)

    @on(Input.Submitted, "#value")
    def value_submitted(self, event: Input.Submitted) -> None:
        if event.input.has_class("-invalid-value"):
            self.notify(event.input.border_subtitle or "", severity="error", timeout=4, markup=False)
            return
        self.query_one(ItemList).focus()
        if self.current is not None:
            self.advance(self.current)

    @on(TextArea.Changed, "#note")
    def note_typed(self, event: TextArea.Changed) -> None:
        entry = self.current
        if entry is None or self.read_only:
            return
        stored = self.snapshot.answers.get(entry.key)
        if (stored.note if stored else "") != event.text_area.text:
            self.save_answer(entry, note=event.text_area.text)

    @on(EvidenceTicks.Changed, "#evidence")
    def evidence_ticked(self, event: EvidenceTicks.Changed) -> None:
        entry = self.current
        if entry is None or self.read_only:
            return
        chosen = sorted(event.ticks.selected)
        stored = self.snapshot.answers.get(entry.key)
        if sorted(stored.evidence_used if stored else []) != chosen:
            self.save_answer(entry, evidence_used=chosen)

    # ------------------------------------------------------- other screens
    def _open(self, screen_name: str) -> None:
        from .visit_lists import FollowUpScreen, InnovationListScreen, ProblemListScreen
        from .visit_summary import VisitSummaryScreen

        screen = {
            "problems": ProblemListScreen, "innovations": InnovationListScreen,
            "follow_ups": FollowUpScreen, "summary": VisitSummaryScreen,
        }[screen_name](self)
        if not self.read_only:
            self.app.save(record.save_position, self.visit_id, screen_name,
                          entry_id(self.current) if self.current else None)
        self.app.push_screen(screen)

    def on_screen_resume(self) -> None:
        if self.loaded and not self.read_only:
            self.app.save(record.save_position, self.visit_id, "checklist",
                          entry_id(self.current) if self.current else None)
        if self.loaded:
            self.refresh_header()
            self.reload_sent_back()  # answered meanwhile, perhaps
            if self.current is not None:
                self.after_change(self.current)

    def action_problems(self) -> None:
        if self.snapshot is not None:
            self._open("problems")

    def action_innovations(self) -> None:
        if self.snapshot is not None:
            self._open("innovations")

    def action_follow_ups(self) -> None:
        if self.snapshot is not None:
            self._open("follow_ups")

    def action_photos(self) -> None:
        """Photos of the current item's answer (the answer is made if there is none yet)."""
        if self.snapshot is None or self.current is None:
            return
        from .photos import PhotoScreen

        entry = self.current
        answer = self.snapshot.answers.get(entry.key)

        def open_for(answer) -> None:
            self.snapshot.answers[entry.key] = answer
            prompt = item_prompt(entry.item, self.lang)
            self.app.push_screen(PhotoScreen(self, "answer", answer.id,
                                             lambda count: self.t("photos.title", count=count, item=prompt)))

        if answer is None:
            if not self.writable():
                return
            self.app.save(record.save_answer, self.visit_id, entry.ref, on_saved=open_for)
        else:
            open_for(answer)

    def action_summary(self) -> None:
        if self.snapshot is not None:
            self._open("summary")
