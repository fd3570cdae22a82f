"""The review queue: what came in and awaits a decision, filtered as you type
(project, city, inspector, pinyin initials, text, ledger number) and by
choosers; single keys confirm, query, send back, reject or comment.

The rows are read once (office/review/queue.load) and every keystroke only
filters the list in memory (QueueFilter.apply); the database is read again
after a change, or when coming back from a record."""

from __future__ import annotations

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from inspector.i18n import label, labels
from inspector.office.review.queue import QueueFilter, QueueRow, sort

from ..bindings import localize_bindings
from ..widgets.project_table import Column, ProjectTable, TableHeader
from .office_review import REVIEW_BINDINGS, ReviewActions
from .project_list import FilterInput

# The columns, and what sorting by each means (queue.SORTS).
COLUMN_SORTS = ("kind", "state", "city", "project", "inspector", "date", "severity", None)
ACTION_KEYS = "cqbxmasrf/"


class QueueFilterInput(FilterInput):
    """The filter box; Tab goes to the list, where the review keys work."""

    BINDINGS = [Binding("tab", "screen.focus_table", "key.otui_to_list")]

    def __init__(self, *args, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, lang)


class QueueTable(ProjectTable):
    """With the queue focused, single keys act on the highlighted record and
    any other letter typed goes to the filter."""

    BINDINGS = [
        *REVIEW_BINDINGS,
        Binding("a", "screen.confirm_all", "key.otui_confirm_all"),
        Binding("f", "screen.choose", "key.otui_choose"),
        Binding("slash", "screen.focus_filter", "key.filter_slash", show=False),
        Binding("s", "screen.sort", "key.sort_s", show=False),
        Binding("r", "screen.reverse", "key.reverse_r", show=False),
    ]

    def __init__(self, *args, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, lang)

    def action_review(self, state: str) -> None:
        self.screen.action_review(state)

    def on_key(self, event) -> None:
        if event.is_printable and event.character and event.character not in ACTION_KEYS + "?":
            event.stop()
            self.screen.type_into_filter(event.character)


class OfficeQueueScreen(ReviewActions, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "key.back", show=False),
        Binding("ctrl+f", "focus_filter", "key.filter"),
        Binding("question_mark", "app.toggle_keys", "key.help", key_display="?"),
        Binding("f1", "app.toggle_keys", "key.help"),
        Binding("f5", "reload", "key.otui_reload", show=False),
    ]

    class Loaded(Message):
        def __init__(self, rows: list[QueueRow]) -> None:
            super().__init__()
            self.rows = rows

    def __init__(self, lang: str, *, cities: frozenset[str] = frozenset(),
                 states: frozenset[str] = frozenset({"received"}), conflicted: bool = False) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.lang = lang
        self.all_rows: list[QueueRow] = []
        self.sorted_rows: list[QueueRow] = []
        self.shown: list[QueueRow] = []
        self.filter = QueueFilter(states=states, cities=cities, conflicted=conflicted)
        self.sort_index = COLUMN_SORTS.index("date")
        self.descending = False
        self.loaded = False

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    def compose(self) -> ComposeResult:
        lang = self.lang
        self.kind_labels = labels("RecordKind", lang)
        self.state_labels = labels("ReviewState", lang)
        self.city_labels = labels("City", lang)
        self.severity_labels = labels("Severity", lang)
        self.verdict_labels = labels("Verdict", lang)

        def fits(title: str, values, cap: int) -> int:
            return min(max(cell_len(title) + 1, *(cell_len(v) for v in values)), cap)

        t = self.t
        kinds = [self.kind_labels[k] for k in ("visit", "problem", "innovation", "follow_up")]
        columns = [
            Column("kind", t("otui.qcol.kind"), fits(t("otui.qcol.kind"), kinds, 8)),
            Column("state", t("otui.qcol.state"), fits(t("otui.qcol.state"), self.state_labels.values(), 9)),
            Column("city", t("otui.qcol.city"), fits(t("otui.qcol.city"), self.city_labels.values(), 9)),
            Column("project", t("otui.qcol.project"), 10, flex=2, keep=8),
            Column("inspector", t("otui.qcol.inspector"), fits(t("otui.qcol.inspector"), ("王小明",), 9)),
            Column("date", t("otui.qcol.date"), 5),
            Column("severity", t("otui.qcol.severity"), fits(t("otui.qcol.severity"),
                                                             self.severity_labels.values(), 6)),
            Column("summary", t("otui.qcol.summary"), 10, flex=3, keep=8),
        ]
        yield Static(id="list-title")
        yield QueueFilterInput(placeholder=t("otui.filter_placeholder"), id="filter", select_on_focus=False, lang=lang)
        self.table = QueueTable(columns, self.cells, lang=lang, id="queue")
        self.header = TableHeader(columns, self.table)
        yield self.header
        yield self.table
        yield Static("", id="status")
        yield Footer()

    def cells(self, row: QueueRow) -> tuple[str, ...]:
        return (
            self.kind_labels.get(row.kind, row.kind), self.state_labels.get(row.state, row.state),
            self.city_labels.get(row.city, row.city), row.project_name, row.inspector_name, row.date[5:10],
            self.severity_labels.get(row.severity, "") if row.severity else "", self.summary(row),
        )

    def summary(self, row: QueueRow) -> str:
        text = " ".join(row.summary.split())
        if row.kind == "follow_up" and text:  # "<verdict code> <note>"
            verdict, _, note = text.partition(" ")
            text = f"{self.verdict_labels.get(verdict, verdict)} {note}".strip()
        text = f"{row.number} {text}" if row.number else text
        return f"≠ {text}" if row.conflict else text  # an open conflict: marked in words' place, not by colour

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.reload()  # a record may have been reviewed on its own screen

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="office-queue", exit_on_error=False)
    def _load(self) -> None:
        from inspector.office.review.queue import load

        try:
            db = self.app.open_office_reader()
            try:
                rows = load(db)
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(rows))

    def on_office_queue_screen_loaded(self, message: Loaded) -> None:
        self.all_rows = message.rows
        self.loaded = True
        self.resort()

    def resort(self) -> None:
        by = COLUMN_SORTS[self.sort_index] or "date"
        self.sorted_rows = sort(self.all_rows, by, descending=self.descending)
        self.apply(keep_cursor=True)

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter = QueueFilter(**{**self.filter.__dict__, "text": event.value})
        self.apply()

    @on(Input.Submitted, "#filter")
    def open_current(self) -> None:
        self.table.action_select()

    def apply(self, *, keep_cursor: bool = False) -> None:
        """Filter and show: one pass over the list, fast enough for every keystroke."""
        current = self.table.current if keep_cursor else None
        at = self.table.cursor
        self.shown = self.filter.apply(self.sorted_rows)
        self.table.placeholder = self.t("otui.queue_empty") if not self.all_rows else self.t("otui.queue_no_match")
        self.table.set_rows(self.shown)
        if current is not None:
            # the same record if it is still shown, else whatever took its place
            index = next((i for i, r in enumerate(self.shown) if (r.kind, r.id) == (current.kind, current.id)),
                         min(at, max(len(self.shown) - 1, 0)))
            self.table.cursor = index
        self.header.marker = (self.sort_index, self.descending)
        self.header.refresh()
        self.query_one("#list-title", Static).update(
            self.t("otui.queue_title", shown=len(self.shown), total=len(self.all_rows)))
        column = self.header.columns[self.sort_index].title
        self.query_one("#status", Static).update(
            self.filter_words() + "  ·  " + self.t("otui.sorted_by", column=column))

    def filter_words(self) -> str:
        f = self.filter
        parts = []
        for vocabulary, chosen in (("RecordKind", f.kinds), ("ReviewState", f.states), ("City", f.cities),
                                   ("Scenario", f.scenarios), ("ProblemCategory", f.categories),
                                   ("Severity", f.severities)):
            parts += [label(vocabulary, code, self.lang) if code in labels(vocabulary, self.lang) else code
                      for code in sorted(chosen)]
        names = {r.inspector: r.inspector_name for r in self.all_rows}
        parts += [names.get(who, who) for who in sorted(f.inspectors)]
        if f.conflicted:
            parts.append(self.t("otui.only_conflicts"))
        return self.t("otui.filters", parts=", ".join(parts)) if parts else self.t("otui.filters_none")

    # -- what the review keys act on ------------------------------------------------

    def selected_records(self) -> list:
        from inspector.office.review.states import Seen

        row = self.table.current
        return [Seen(row.kind, row.id, row.version)] if row is not None else []

    def describe(self) -> str:
        row = self.table.current
        if row is None:
            return ""
        return f"{self.kind_labels.get(row.kind, row.kind)} · {row.project_name}"

    def action_confirm_all(self) -> None:
        from inspector.office.review.states import Seen

        self.confirm_many([Seen(r.kind, r.id, r.version) for r in self.shown])

    # -- filtering and sorting --------------------------------------------------------

    def action_choose(self) -> None:
        from ..dialogs.office_filter import QueueFilterDialog

        def chosen(result) -> None:
            if result is not None:
                self.filter = QueueFilter(text=self.filter.text, conflicted=self.filter.conflicted, **result)
                self.apply()

        self.app.push_screen(QueueFilterDialog(self.lang, self.filter, self.all_rows), chosen)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "focus_filter" and self.focused is self.table:
            return False  # "/" does it there; the footer stays short enough for 80 columns
        return True

    def action_focus_table(self) -> None:
        self.table.focus()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def type_into_filter(self, text: str) -> None:
        box = self.query_one("#filter", Input)
        box.focus()
        box.insert_text_at_cursor(text)

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(COLUMN_SORTS)
        if COLUMN_SORTS[self.sort_index] is None:
            self.sort_index = 0
        self.descending = False
        self.resort()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.resort()

    def action_back(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        else:
            self.app.pop_screen()

    @on(TableHeader.Clicked)
    def header_clicked(self, message: TableHeader.Clicked) -> None:
        if COLUMN_SORTS[message.column] is None:
            return
        if message.column == self.sort_index:
            self.descending = not self.descending
        else:
            self.sort_index, self.descending = message.column, False
        self.resort()

    @on(ProjectTable.Resized)
    def table_resized(self) -> None:
        self.header.refresh()

    @on(ProjectTable.Selected)
    def open_record(self, message: ProjectTable.Selected) -> None:
        from .office_record import OfficeRecordScreen

        index = self.shown.index(message.row) if message.row in self.shown else 0
        self.app.push_screen(OfficeRecordScreen(self.lang, [(r.kind, r.id) for r in self.shown], index))

