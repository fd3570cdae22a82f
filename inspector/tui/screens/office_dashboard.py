"""The office's home: the round at a glance, a row per city and the total,
each with its light (the word says it too: not colour alone). Enter opens the
review queue of the highlighted city (of every city on the total); l the
problem ledger; p the round's report; v the vocabularies the office owns."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from inspector.i18n import labels

from ..bindings import localize_bindings
from ..widgets.project_table import Column, ProjectTable, TableHeader
from ..widgets.cells import EMPTY

LIGHT_STYLES = {"red": "bold red", "yellow": "bold yellow", "green": "green"}


class DashboardTable(ProjectTable):
    BINDINGS = [Binding("enter", "select", "key.otui_queue")]

    def __init__(self, *args, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, lang)


class OfficeDashboardScreen(Screen[None]):
    BINDINGS = [
        Binding("l", "ledger", "key.oled_ledger"),
        Binding("k", "conflicts", "key.otui_conflicts", show=False),
        Binding("t", "next_round", "key.otui_round"),
        Binding("p", "report", "key.otui_report"),
        Binding("v", "vocabularies", "key.ovocab"),
        Binding("f5", "reload", "key.otui_reload", show=False),  # in ? with every key: 80 columns hold the rest
        Binding("question_mark", "app.toggle_keys", "key.help", key_display="?"),
        Binding("f1", "app.toggle_keys", "key.help", show=False),
        Binding("q", "app.quit", "key.quit_q", show=False),
    ]

    class Loaded(Message):
        def __init__(self, board, user: str) -> None:
            super().__init__()
            self.board = board
            self.user = user  # who is acting, as the title says it

    def __init__(self, lang: str) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.lang = lang
        self.board = None
        self.round_id: str | None = None  # None: the newest
        self.loaded = False

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    def compose(self) -> ComposeResult:
        t = self.t
        self.city_labels = labels("City", self.lang)

        def number(key: str, least: int = 4) -> Column:
            title = t(f"otui.col.{key}")
            return Column(key, title, max(cell_len(title), least), align="right")

        lights = [t(f"otui.light.{light}") for light in ("red", "yellow", "green")]
        columns = [
            Column("city", t("otui.col.city"), 8, keep=4),
            Column("light", t("otui.col.light"), max(cell_len(t("otui.col.light")), *map(cell_len, lights))),
            Column("projects", t("otui.col.projects"), max(cell_len(t("otui.col.projects")), 11), align="right"),
            number("problems"), number("severe"), number("to_review"), number("open"), number("due_soon"),
            number("overdue"), number("innovations"), number("conflicts"),
        ]
        yield Static(id="list-title")
        self.table = DashboardTable(columns, self.cells, lang=self.lang, id="dashboard")
        self.header = TableHeader(columns, self.table)
        yield self.header
        yield self.table
        yield Static(id="dash-detail")
        yield Footer()

    def cells(self, row) -> tuple:
        name = self.t("otui.total") if not row.city else self.city_labels.get(row.city, row.city)
        light = Text(self.t(f"otui.light.{row.light}"), style=LIGHT_STYLES[row.light])
        still_open = sum(n for status, n in row.by_ledger.items() if status != "closed")

        def n(value: int) -> str:
            return str(value) if value else EMPTY

        return (name, light, f"{row.assigned}/{row.visited}/{row.finished}", n(row.problems),
                n(row.by_severity.get("severe", 0)), n(row.to_review), n(still_open), n(row.due_soon),
                n(row.overdue), n(row.innovations), n(row.open_conflicts))

    def on_mount(self) -> None:
        self.table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_ledger(self) -> None:
        from .office_ledger import OfficeLedgerScreen

        self.app.push_screen(OfficeLedgerScreen(self.lang))

    def action_vocabularies(self) -> None:
        from .office_vocabularies import OfficeVocabulariesScreen

        self.app.push_screen(OfficeVocabulariesScreen(self.lang))

    def action_report(self) -> None:
        """The report of the round shown, every city of it ticked."""
        from .office_report import OfficeReportDialog

        board = self.board
        if board is None:
            return  # still loading: the key means nothing yet
        if not board.round_id:
            self.app.notify(self.t("otui.dash_title_none"), markup=False)
            return
        self.app.push_screen(OfficeReportDialog(self.lang, board.round_id, list(reversed(board.rounds)),
                                                [row.city for row in board.cities if row.city]))

    def action_conflicts(self) -> None:
        """The records of the highlighted city (the total: every city) with an open conflict, whatever their state."""
        from .office_queue import OfficeQueueScreen

        row = self.table.current
        city = getattr(row, "city", "") if row is not None else ""
        self.app.push_screen(OfficeQueueScreen(self.lang, cities=frozenset({city}) if city else frozenset(),
                                               states=frozenset(), conflicted=True))

    def action_next_round(self) -> None:
        if self.board is None or not self.board.rounds:
            return
        rounds = self.board.rounds
        at = rounds.index(self.board.round_id) if self.board.round_id in rounds else len(rounds) - 1
        self.round_id = rounds[(at - 1) % len(rounds)]  # newest first, then back in time
        self.reload()

    def reload(self) -> None:
        self._load(self.round_id)

    @work(thread=True, exclusive=True, group="office-dashboard", exit_on_error=False)
    def _load(self, round_id: str | None) -> None:
        from inspector.office import staff
        from inspector.office.dashboard import round_dashboard

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                board = round_dashboard(db, round_id, today=app.office_today())
                me = staff.find(db, app.office_user)
                user = app.t("otui.dash_as", name=me.name, id=me.id) if me is not None else app.office_user
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(board, user))

    def on_office_dashboard_screen_loaded(self, message: Loaded) -> None:
        board = self.board = message.board
        at = self.table.cursor
        self.loaded = True
        title = self.t("otui.dash_title", round=board.round_id) if board.round_id else self.t("otui.dash_title_none")
        line = Text(title, style="bold")
        line.append("  ·  " + message.user, style="dim")
        self.query_one("#list-title", Static).update(line)
        self.table.placeholder = self.t("otui.dash_empty")
        self.table.set_rows([*board.cities, board.total] if board.cities else [])
        self.table.cursor = min(at, max(len(self.table.rows) - 1, 0))
        self.show_detail()

    @on(ProjectTable.Resized)
    def table_resized(self) -> None:
        self.header.refresh()

    def on_key(self) -> None:
        self.call_after_refresh(self.show_detail)

    def show_detail(self) -> None:
        """What the row under the cursor holds beyond its columns."""
        board, row = self.board, self.table.current
        detail = self.query_one("#dash-detail", Static)
        if board is None:
            return
        row = row or board.total
        t = self.t

        def parts(vocabulary: str, counts: dict) -> str:
            words = labels(vocabulary, self.lang)
            shown = [f"{words.get(code, code)} {counts[code]}" for code in words if counts.get(code)]
            shown += [f"{code} {n}" for code, n in counts.items() if code not in words and n]
            return "  ".join(shown) or t("otui.none")

        name = t("otui.total") if not row.city else self.city_labels.get(row.city, row.city)
        text = Text(t("otui.dash_detail_title", city=name), style="bold")
        text.append("  " + t("otui.dash_projects", assigned=row.assigned, visited=row.visited, finished=row.finished))
        for line in (
            t("otui.dash_severity", parts=parts("Severity", row.by_severity)),
            t("otui.dash_review", parts=parts("ReviewState", row.by_review)),
            t("otui.dash_ledger", parts=parts("LedgerStatus", row.by_ledger)),
            t("otui.dash_other", innovations=row.innovations, follow_ups=row.follow_ups, to_review=row.to_review,
              conflicts=row.open_conflicts),
            t("otui.dash_deadlines", overdue=row.overdue, due_soon=row.due_soon),
            t("otui.dash_bundles", applied=board.bundles_applied, held=board.bundles_held,
              laptops=board.laptops_waiting, missing=board.missing_sequences),
        ):
            text.append("\n" + line)
        text.append("\n" + t("otui.dash_legend"), style="dim")
        detail.update(text)

    @on(ProjectTable.Selected)
    def open_queue(self, message: ProjectTable.Selected) -> None:
        from .office_queue import OfficeQueueScreen

        cities = frozenset({message.row.city}) if message.row.city else frozenset()
        self.app.push_screen(OfficeQueueScreen(self.lang, cities=cities))
