"""The problem ledger (问题台账): every entry with its number, city, project,
severity, unit, type, deadline, status, days overdue and light (a word, not
colour alone); filtered as you type and by status, city and overdue;
sortable. Enter opens the problem in full; the step keys (office_ledger_steps)
take the highlighted entry on towards 销号.

The entries are read once (office/ledger/entries) and every keystroke only
filters the list in memory (office/ledger/browse); the database is read again
after a step, or when coming back from a record."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from inspector.i18n import labels
from inspector.office.ledger.browse import SORTS, LedgerFilter, search_words, sort

from ..bindings import localize_bindings
from ..widgets.cells import EMPTY, clip
from ..widgets.project_table import Column, ProjectTable, TableHeader
from .office_dashboard import LIGHT_STYLES
from .office_ledger_steps import STEP_KEYS, LedgerActions, step_bindings
from .project_list import FilterInput

# Letters that act on the list; any other letter typed there goes to the filter.
ACTION_KEYS = "".join(key for key, *_ in STEP_KEYS) + "ofsrd/"


class LedgerFilterInput(FilterInput):
    """The filter box; Tab goes to the list, where the step keys work."""

    BINDINGS = [Binding("tab", "screen.focus_table", "key.oled_to_list")]

    def __init__(self, *args, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, lang)


class LedgerTable(ProjectTable):
    BINDINGS = [
        Binding("enter", "select", "key.oled_open"),
        *step_bindings(show=True),
        Binding("o", "screen.overdue", "key.oled_overdue", show=False),
        Binding("f", "screen.choose", "key.oled_choose", show=False),
        Binding("slash", "screen.focus_filter", "key.filter_slash", show=False),
        Binding("s", "screen.sort", "key.sort_s", show=False),
        Binding("r", "screen.reverse", "key.reverse_r", show=False),
        Binding("d", "screen.units", "key.ounits", show=False),
    ]

    def __init__(self, *args, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, lang)

    def action_ledger_step(self, step: str) -> None:
        self.screen.action_ledger_step(step)

    def on_key(self, event) -> None:
        if event.is_printable and event.character and event.character not in ACTION_KEYS + "?":
            event.stop()
            self.screen.type_into_filter(event.character)


class OfficeLedgerScreen(LedgerActions, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "key.back", show=False),
        Binding("ctrl+f", "focus_filter", "key.filter", show=False),
        Binding("f5", "reload", "key.otui_reload", show=False),
        Binding("question_mark", "app.toggle_keys", "key.help", key_display="?"),
        Binding("f1", "app.toggle_keys", "key.help"),
    ]

    class Loaded(Message):
        def __init__(self, rows: list) -> None:
            super().__init__()
            self.rows = rows

    def __init__(self, lang: str, *, cities: frozenset[str] = frozenset()) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.lang = lang
        self.all_rows: list = []
        self.sorted_rows: list = []
        self.shown: list = []
        self.words: dict[str, str] = {}
        self.filter = LedgerFilter(cities=cities)
        self.sort_index = 0
        self.descending = False
        self.loaded = False

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    def compose(self) -> ComposeResult:
        t, lang = self.t, self.lang
        self.status_labels = labels("LedgerStatus", lang)
        self.type_labels = labels("Rectification", lang)
        self.short_status = {code: t(f"oled.short.status.{code}") for code in self.status_labels}
        self.short_type = {code: t(f"oled.short.type.{code}") for code in self.type_labels}
        self.city_labels = labels("City", lang)
        self.severity_labels = labels("Severity", lang)

        def fits(key: str, values, cap: int) -> int:
            title = t(f"oled.col.{key}")
            return min(max(cell_len(title), *(cell_len(v) for v in values)), cap)

        lights = [t(f"oled.light.{x}") for x in ("red", "yellow", "green")] + [t("oled.light.none")]
        # At 80 columns the number, the dates and the words of state stay whole; project and unit give way
        # (the line under the list holds them in full).
        columns = [
            Column("number", t("oled.col.number"), 13, keep=13),
            Column("light", t("oled.col.light"), fits("light", lights, 8), keep=5),
            Column("city", t("oled.col.city"), fits("city", self.city_labels.values(), 9), keep=4),
            Column("project", t("oled.col.project"), 6, flex=2, keep=6),
            Column("severity", t("oled.col.severity"), fits("severity", self.severity_labels.values(), 6), keep=6),
            Column("unit", t("oled.col.unit"), 4, flex=1, keep=4),
            Column("type", t("oled.col.type"), fits("type", self.short_type.values(), 10), keep=7),
            Column("deadline", t("oled.col.deadline"), 10, keep=10),
            Column("status", t("oled.col.status"), fits("status", self.short_status.values(), 12), keep=9),
            Column("overdue", t("oled.col.overdue"), max(cell_len(t("oled.col.overdue")), 3), align="right",
                   keep=4),
        ]
        yield Static(id="list-title")
        yield LedgerFilterInput(placeholder=t("oled.filter_placeholder"), id="filter", select_on_focus=False,
                                lang=lang)
        self.table = LedgerTable(columns, self.cells, lang=lang, id="ledger")
        self.header = TableHeader(columns, self.table)
        yield self.header
        yield self.table
        yield Static("", id="ledger-detail")
        yield Static("", id="status")
        yield Footer()

    def cells(self, e) -> tuple:
        light = Text(self.t(f"oled.light.{e.light}"), style=LIGHT_STYLES[e.light]) if e.light else \
            Text(self.t("oled.light.none"), style="dim")
        return (e.number, light, self.city_labels.get(e.city, e.city), e.project_name,
                self.severity_labels.get(e.severity, e.severity), e.unit_name or EMPTY,
                self.short_type.get(e.rectification, e.rectification), e.deadline or EMPTY,
                self.short_status.get(e.status, e.status), str(e.days_overdue) if e.days_overdue else EMPTY)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()
        self.watch(self.table, "cursor", lambda _: self.call_after_refresh(self.show_detail), init=False)
        self.reload()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.reload()  # a step may have been taken on the record's own screen

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="office-ledger", exit_on_error=False)
    def _load(self) -> None:
        from inspector.office.ledger.entries import entries

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                rows = entries(db, today=app.office_today())
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            app.call_from_thread(app.report_error, exc)
            return
        self.post_message(self.Loaded(rows))

    def on_office_ledger_screen_loaded(self, message: Loaded) -> None:
        self.all_rows = message.rows
        self.words = {e.problem_id: search_words(e) for e in message.rows}
        self.loaded = True
        self.resort()

    def resort(self) -> None:
        self.sorted_rows = sort(self.all_rows, SORTS[self.sort_index], descending=self.descending)
        self.apply(keep_cursor=True)

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter = LedgerFilter(**{**self.filter.__dict__, "text": event.value})
        self.apply()

    @on(Input.Submitted, "#filter")
    def open_current(self) -> None:
        self.table.action_select()

    def apply(self, *, keep_cursor: bool = False) -> None:
        """Filter and show: one pass over the list, fast enough for every keystroke."""
        current = self.table.current if keep_cursor else None
        at = self.table.cursor
        self.shown = self.filter.apply(self.sorted_rows, self.words)
        self.table.placeholder = self.t("oled.empty") if not self.all_rows else self.t("oled.no_match")
        self.table.set_rows(self.shown)
        if current is not None:
            # the same entry if it is still shown, else whatever took its place
            self.table.cursor = next((i for i, e in enumerate(self.shown) if e.problem_id == current.problem_id),
                                     min(at, max(len(self.shown) - 1, 0)))
        self.header.marker = (self.sort_index, self.descending)
        self.header.refresh()
        self.query_one("#list-title", Static).update(
            Text(self.t("oled.title", shown=len(self.shown), total=len(self.all_rows)), style="bold"))
        column = self.header.columns[self.sort_index].title
        self.query_one("#status", Static).update(
            Text(self.filter_words() + "  ·  " + self.t("oled.sorted_by", column=column), style="dim"))
        self.show_detail()

    def filter_words(self) -> str:
        f = self.filter
        parts = [self.status_labels.get(s, s) for s in sorted(f.statuses)]
        parts += [self.city_labels.get(c, c) for c in sorted(f.cities)]
        if f.overdue:
            parts.append(self.t("oled.overdue_only"))
        return self.t("oled.filters", parts=", ".join(parts)) if parts else self.t("oled.filters_none")

    def show_detail(self) -> None:
        """The highlighted entry in one line: what the columns cut short."""
        e = self.table.current
        box = self.query_one("#ledger-detail", Static)
        if e is None:
            box.update("")
            return
        overdue = self.t("oled.detail_overdue", days=e.days_overdue) if e.days_overdue else ""
        first = self.t("oled.detail", number=e.number, status=self.status_labels.get(e.status, e.status),
                       type=self.type_labels.get(e.rectification, e.rectification), deadline=e.deadline or "—",
                       overdue=overdue)
        more = self.t("oled.detail_more", unit=e.unit_name or self.t("oled.no_unit"), project=e.project_name,
                      description=" ".join(e.description.split()))
        width = max(self.size.width - 2, 10)
        line = Text(clip(first, width) + "\n" + clip(more, width))
        box.update(line)

    # -- what the step keys act on --------------------------------------------------------

    def ledger_target(self) -> tuple[str, int] | None:
        e = self.table.current
        return (e.problem_id, e.version) if e is not None else None

    # -- filtering and sorting ------------------------------------------------------------

    def action_overdue(self) -> None:
        self.filter = LedgerFilter(**{**self.filter.__dict__, "overdue": not self.filter.overdue})
        self.apply()

    def action_choose(self) -> None:
        from ..dialogs.ledger_filter import LedgerFilterDialog

        def chosen(result) -> None:
            if result is not None:
                self.filter = LedgerFilter(text=self.filter.text, overdue=self.filter.overdue, **result)
                self.apply()

        self.app.push_screen(LedgerFilterDialog(self.lang, self.filter, self.all_rows), chosen)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "focus_filter" and self.focused is self.table:
            return False
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
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.descending = False
        self.resort()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.resort()

    def action_units(self) -> None:
        """The unit directory the terms choose from; coming back reloads (a unit renamed shows)."""
        from .office_units import OfficeUnitsScreen

        self.app.push_screen(OfficeUnitsScreen(self.lang), lambda _: self.reload())

    def action_back(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        else:
            self.app.pop_screen()

    @on(TableHeader.Clicked)
    def header_clicked(self, message: TableHeader.Clicked) -> None:
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
        self.app.push_screen(OfficeRecordScreen(self.lang, [("problem", e.problem_id) for e in self.shown], index))
