"""The project list: every assigned project, filtered as you type."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from inspector.i18n import labels
from inspector.store.projects import ProjectRow

from ..bindings import localize_bindings
from ..widgets.cells import clip, clip_text
from ..widgets.project_table import Column, ProjectTable, TableHeader

SORT_KEYS = ("name", "place", "type", "setting", "batch", "visit", "problems")


def _name_key(row: ProjectRow):
    # Chinese names sort by pinyin initials, as people look them up, then by name.
    return (row.sort_name, row.name)


SORTERS = {
    "name": _name_key,
    "place": lambda r: (r.city, r.district, _name_key(r)),
    "type": lambda r: (r.creation_type, _name_key(r)),
    "setting": lambda r: (-r.rural, _name_key(r)),
    "batch": lambda r: (batch_order(r.batch), _name_key(r)),
    "visit": lambda r: ({"in_progress": 0, "none": 1, "finished": 2}[r.visit_state], _name_key(r)),
    "problems": lambda r: (-r.open_problems, _name_key(r)),
}


# Batches are free text from the office; the known ones sort in the order they
# were named, others after them alphabetically.
_BATCH_PATTERNS = (
    (re.compile(r"乡村.*2019|2019.*乡村"), 0),
    (re.compile(r"试点第一批|第一批试点"), 1),
    (re.compile(r"试点第二批|第二批试点"), 2),
    (re.compile(r"2021"), 3),
    (re.compile(r"第三批"), 4),
    (re.compile(r"第四批"), 5),
    (re.compile(r"第五批"), 6),
    (re.compile(r"第六批"), 7),
    (re.compile(r"第七批"), 8),
)


def batch_order(batch: str) -> tuple[int, str]:
    for pattern, rank in _BATCH_PATTERNS:
        if pattern.search(batch):
            return (rank, batch)
    return (len(_BATCH_PATTERNS), batch)


class FilterInput(Input):
    """The filter box; arrow and page keys move the list below it."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
    ]

    def action_move(self, delta: int) -> None:
        self.screen.table.action_cursor(delta)

    def action_page(self, direction: int) -> None:
        self.screen.table.action_page(direction)


class ListTable(ProjectTable):
    """The project table; with it focused, single keys work and typing goes to the filter."""

    BINDINGS = [
        Binding("slash", "to_filter", "key.filter_slash"),
        Binding("s", "sort", "key.sort_s"),
        Binding("r", "reverse", "key.reverse_r"),
        Binding("q", "app.quit", "key.quit_q", show=False),
    ]

    def action_to_filter(self) -> None:
        self.screen.action_focus_filter()

    def action_sort(self) -> None:
        self.screen.action_sort()

    def action_reverse(self) -> None:
        self.screen.action_reverse()

    def __init__(self, *args, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, lang)

    def on_key(self, event) -> None:
        if event.is_printable and event.character and event.character not in "/srq":
            event.stop()
            self.screen.type_into_filter(event.character)


def matches(row: ProjectRow, terms: list[str]) -> bool:
    return all(term in row.search for term in terms)


class ProjectListScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+f", "focus_filter", "key.filter"),
        Binding("ctrl+s", "sort", "key.sort"),
        Binding("ctrl+r", "reverse", "key.reverse"),
        Binding("escape", "clear", "key.clear"),
        Binding("ctrl+b", "export", "key.export"),
    ]

    class Loaded(Message):
        def __init__(self, rows: list[ProjectRow], assignments: list, sync) -> None:
            super().__init__()
            self.rows = rows
            self.assignments = assignments
            self.sync = sync

    class Failed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, lang: str) -> None:
        super().__init__()
        # Before the first compose, so the footer is drawn once, in the right language.
        localize_bindings(self, lang)
        self.all_rows: list[ProjectRow] = []
        self.sorted_rows: list[ProjectRow] = []
        self.sort_index = 0
        self.descending = False
        self.loaded = False

    def compose(self) -> ComposeResult:
        app = self.app
        lang = app.lang
        self.city_labels = labels("City", lang)
        self.type_labels = labels("CreationType", lang)
        self.visit_labels = labels("VisitState", lang)
        self.rural_label = app.t("list.rural")
        self.urban_label = app.t("list.urban")
        def fits(title: str, values, cap: int) -> int:
            # Wide enough for the title and every label, in this language.
            # (+1 for the sort arrow after the title)
            return min(max(cell_len(title) + 1, *(cell_len(v) for v in values)), cap)

        type_title = app.t("list.col.type")
        setting_title = app.t("list.col.setting")
        visit_title = app.t("list.col.visit")
        problems_title = app.t("list.col.problems")
        columns = [
            Column("name", app.t("list.col.name"), 18, flex=3, keep=18),
            Column("place", app.t("list.col.place"), 13, flex=1, short=app.t("list.col.place_short")),
            Column("type", type_title, fits(type_title, self.type_labels.values(), 10), flex=1),
            Column("setting", setting_title, fits(setting_title, (self.rural_label, self.urban_label), 8)),
            Column("batch", app.t("list.col.batch"), 10, flex=1),
            Column("visit", visit_title, fits(visit_title, self.visit_labels.values(), 12)),
            Column("problems", problems_title, fits(problems_title, ("0",), 9), align="right"),
        ]
        yield Static(id="context")
        # Typing on the list carries on in the box: focusing it must not select (and so replace) its text.
        yield FilterInput(placeholder=app.t("list.filter_placeholder"), id="filter", select_on_focus=False)
        self.table = ListTable(columns, self.cells, lang=lang, id="projects")
        self.header = TableHeader(columns, self.table)
        yield self.header
        yield self.table
        yield Static("", id="status")
        yield Footer()

    def cells(self, row: ProjectRow) -> tuple[str, ...]:
        place = f"{self.city_labels[row.city]} {row.district}"
        return (
            row.name, place, self.type_labels[row.creation_type],
            self.rural_label if row.rural else self.urban_label, row.batch,
            self.visit_labels[row.visit_state],
            str(row.open_problems) if row.open_problems else "",
        )

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()
        self.load_rows()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load_rows()  # visits may have changed on another screen

    @work(thread=True, exclusive=True, group="project-list", exit_on_error=False)
    def load_rows(self) -> None:
        import sqlite3

        from inspector.store import read_project_list

        try:
            prefetched = self.app.take_prefetched_rows()
            if prefetched is not None:
                rows, assignments, sync = prefetched.result()
            else:
                db = self.app.open_reader()
                try:
                    rows, assignments, sync = read_project_list(db)
                finally:
                    db.close()
        except (sqlite3.Error, OSError) as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Loaded(rows, assignments, sync))

    def on_project_list_screen_failed(self, message: Failed) -> None:
        self.table.placeholder = self.app.t("app.db_error", path=self.app.settings.db_path, error=message.error)
        self.table.refresh()

    def on_project_list_screen_loaded(self, message: Loaded) -> None:
        self.all_rows = message.rows  # the store returns them in name order
        self.loaded = True
        if not self.app.resume_checked:  # once per run, after the list is on screen
            self.app.resume_checked = True
            self.call_after_refresh(self.find_unfinished_visit)
        self.context = (message.assignments, message.sync)
        self.show_context()
        self.resort()

    @work(thread=True, exit_on_error=False)
    def find_unfinished_visit(self) -> None:
        """A visit left in progress (closed terminal, killed process, a quit)
        is resumed on start, on the screen and item where it was left."""
        import sqlite3

        from inspector.store.positions import last_position

        try:
            conn = self.app.open_reader()
            try:
                where = last_position(conn)
            finally:
                conn.close()
        except (sqlite3.Error, OSError):
            return
        if where is not None:
            self.app.call_from_thread(self.resume, where)

    def resume(self, where) -> None:
        from .project_detail import ProjectDetailScreen

        code, visit_id, screen, item = where
        self.app.push_screen(ProjectDetailScreen(code, self.app.lang))
        self.app.open_visit(visit_id, start_at=item, screen=screen)

    def on_resize(self) -> None:
        self.show_context()

    def show_context(self) -> None:
        context = getattr(self, "context", None)
        if context is not None:
            line = self.query_one("#context", Static)
            line.update(self.context_line(*context, width=max(line.content_size.width, self.app.size.width - 2)))

    def context_line(self, assignments: list, sync, width: int = 78) -> Text:
        """Which rounds and inspectors the list comes from, and whether the
        office holds what was recorded here, in one line of `width` cells: in
        full when it fits, else said shorter (the inspectors of a round
        together, then "2 轮督导"), never cut in the middle of a word."""
        t = self.app.t
        if not assignments:
            return Text(clip(t("list.no_assignment"), width), style="dim")
        rounds: dict[str, list[str]] = {}
        for a in assignments:
            names = rounds.setdefault(a.round_name, [])
            if a.inspector_name not in names:
                names.append(a.inspector_name)
        everyone = list(dict.fromkeys(name for names in rounds.values() for name in names))
        separator = t("list.name_separator")

        def inspectors(names: list[str]) -> dict:
            return {"inspector": separator.join(names)} if len(names) == 1 else \
                {"inspectors": separator.join(names)}

        def said(round_name: str, names: list[str]) -> str:
            key = "list.context" if len(names) == 1 else "list.context_inspectors"
            return t(key, round=round_name, **inspectors(names))

        whole = "  ·  ".join(said(r, names) for r, names in rounds.items())
        rounds_key = "list.context_rounds_one" if len(everyone) == 1 else "list.context_rounds"
        summary = t(rounds_key, count=len(rounds), **inspectors(everyone)) if len(rounds) > 1 else whole
        sync_parts: list[tuple[str, str]] = [("", "")]
        if sync.unacknowledged:
            sync_parts = [(t("list.sync_due", count=sync.unacknowledged), "bold"),
                          (t("list.sync_due_short", count=sync.unacknowledged), "bold")]
        elif sync.exported:
            sync_parts = [(t("list.sync_done", acknowledged=sync.acknowledged), "dim"),
                          (t("list.sync_done_short", acknowledged=sync.acknowledged), "dim")]
        for who in (whole, summary):
            for state, style in sync_parts:
                line = Text(who)
                if state:
                    line.append("  ·  ")
                    line.append(state, style=style)
                if line.cell_len <= width:
                    return line
        line = Text(summary)  # a very narrow terminal: what there is room for, cut with "⋯"
        line.append("  ·  ")
        line.append(*sync_parts[-1])
        return clip_text(line, width)

    def resort(self) -> None:
        """Sort once per sort change; filtering a sorted list keeps it sorted,
        so a keystroke only filters."""
        key = SORT_KEYS[self.sort_index]
        if key == "name" and not self.descending:
            self.sorted_rows = self.all_rows
        else:
            self.sorted_rows = sorted(self.all_rows, key=SORTERS[key], reverse=self.descending)
        self.apply(keep_cursor=True)

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.apply()

    @on(Input.Submitted, "#filter")
    def open_current(self) -> None:
        self.table.action_select()

    def apply(self, *, keep_cursor: bool = False) -> None:
        """Filter and show; fast enough to run on every keystroke."""
        query = self.query_one("#filter", Input).value
        terms = query.lower().split()
        if not terms:
            rows = self.sorted_rows
        elif len(terms) == 1:
            term = terms[0]
            rows = [r for r in self.sorted_rows if term in r.search]
        else:
            rows = [r for r in self.sorted_rows if matches(r, terms)]
        current = self.table.current if keep_cursor else None
        if not self.all_rows:
            self.table.placeholder = self.app.t("list.empty")
        else:
            self.table.placeholder = self.app.t("list.no_match", query=query.strip())
        self.table.set_rows(rows, keep=current)
        self.header.marker = (self.sort_index, self.descending)
        self.header.refresh()
        column = self.header.columns[self.sort_index].title
        self.query_one("#status", Static).update(
            self.app.t("list.count", shown=len(rows), total=len(self.all_rows))
            + "  ·  " + self.app.t("list.sorted_by", column=column)
        )

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # With the list focused its single keys (/ s r) do these; hiding the
        # Ctrl twins keeps the footer short enough for 80 columns.
        if action in ("focus_filter", "sort", "reverse") and self.focused is self.table and \
                self.focused is not None:
            return False
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def type_into_filter(self, text: str) -> None:
        box = self.query_one("#filter", Input)
        box.focus()
        box.insert_text_at_cursor(text)

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORT_KEYS)
        self.descending = False
        self.resort()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.resort()

    def action_clear(self) -> None:
        self.query_one("#filter", Input).value = ""

    def action_export(self) -> None:
        from ..dialogs.export import ExportDialog

        self.app.push_screen(ExportDialog(self.app.lang, self.app.settings.data_dir / "bundles"))

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
    def open_project(self, message: ProjectTable.Selected) -> None:
        from .project_detail import ProjectDetailScreen

        self.app.push_screen(ProjectDetailScreen(message.row.code, self.app.lang))
