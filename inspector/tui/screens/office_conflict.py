"""A conflict kept at ingest, resolved field by field (office/review/conflicts).

One row per field: the inspector's value, the office's current one and their
common base; a field where the two sides differ is marked ≠ (a symbol, so it
reads without colour) and needs a side: i takes the inspector's, o the
office's, a / A every differing field at once. Enter shows a long value in
full. Ctrl+S asks for a reason and resolves with the office revision this
screen showed: if anything changed since (a colleague resolved or edited it,
or a new bundle arrived), the core refuses, one line says so and the screen
reads the conflict again."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from inspector.i18n import label

from ..bindings import localize_bindings
from .office_review import field_name, word

FIELD_CELLS = 12  # the field's name, at most
MARK_CELLS = 1


def clip(text: str, width: int) -> str:
    """One line of at most `width` terminal cells (CJK counts two)."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


class ConflictTable(DataTable):
    """The fields; Enter shows the highlighted one in full (and says so in the keys list)."""

    BINDINGS = [Binding("enter", "screen.full_value", "key.otui_full_value", show=False)]

    def __init__(self, *args, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, lang)


class OfficeConflictScreen(Screen[bool]):
    """Dismissed with True when the conflict was resolved (the record below reloads)."""

    DEFAULT_CSS = """
    OfficeConflictScreen #cf-title { height: 1; padding: 0 1; background: $primary-darken-2; text-style: bold; }
    OfficeConflictScreen #cf-revs { height: 1; padding: 0 1; color: $text-muted; }
    OfficeConflictScreen #cf-table { height: 1fr; }
    OfficeConflictScreen #cf-status { height: 1; padding: 0 1; }
    OfficeConflictScreen #cf-values { height: auto; max-height: 4; padding: 0 1; border-top: hkey $primary-darken-2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "key.back"),
        Binding("i", "take('inspector')", "key.otui_take_inspector"),
        Binding("o", "take('office')", "key.otui_take_office"),
        Binding("a", "take_all('inspector')", "key.otui_take_all_inspector", show=False),
        Binding("A", "take_all('office')", "key.otui_take_all_office", show=False),
        Binding("ctrl+s", "resolve", "key.otui_resolve"),
        Binding("question_mark", "app.toggle_keys", "key.help", key_display="?"),
        Binding("f1", "app.toggle_keys", "key.help", show=False),
    ]

    class Loaded(Message):
        def __init__(self, view) -> None:
            super().__init__()
            self.view = view

    def __init__(self, lang: str, kind: str, record_id: str, *, what: str = "", names: dict | None = None) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.lang = lang
        self.kind = kind
        self.record_id = record_id
        self.what = what  # the record as its title says it (kind · project)
        self.names = names or {}  # user id -> name, for the inspector's side
        self.view = None
        self.rows: list = []  # the view's rows as shown: differing fields first
        self.choices: dict[str, str] = {}  # field -> inspector | office, for differing fields
        self.loaded = False

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    def compose(self) -> ComposeResult:
        yield Static(Text(self.t("otui_review.conflict_title", what=self.what), no_wrap=True, overflow="ellipsis"),
                     id="cf-title")
        yield Static(self.t("otui_review.conflict_loading"), id="cf-revs")
        table = ConflictTable(id="cf-table", cursor_type="row", zebra_stripes=False, lang=self.lang)
        yield table
        yield Static("", id="cf-values")
        yield Static("", id="cf-status")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#cf-table", DataTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.reload()

    def reload(self) -> None:
        self.loaded = False
        self._load()

    @work(thread=True, exclusive=True, group="office-conflict", exit_on_error=False)
    def _load(self) -> None:
        from inspector.office.review import ReviewRefused
        from inspector.office.review.conflicts import conflict_view

        try:
            db = self.app.open_office_reader()
            try:
                view = conflict_view(db, self.kind, self.record_id)
            finally:
                db.close()
        except ReviewRefused:
            view = None
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(view))

    def on_office_conflict_screen_loaded(self, message: Loaded) -> None:
        if message.view is None:
            self.notify(self.t("otui_review.conflict_gone"), severity="warning", markup=False, timeout=8)
            self.dismiss(True)  # nothing left to resolve here: the record shows what happened
            return
        view = self.view = message.view
        # the fields to decide on first, where the eye starts; the rest below, for context
        self.rows = [r for r in view.rows if r.differs] + [r for r in view.rows if not r.differs]
        # what was chosen stays chosen only for a view of the same two revisions
        self.choices = {}
        self.loaded = True
        base = self.t("otui_review.no_base") if view.base_rev is None else \
            self.t("otui_review.base_rev", rev=view.base_rev)
        revs = self.t("otui_review.conflict_revs", author=self.names.get(view.author, view.author),
                      rev=view.inspector_rev, office=view.office_rev or "—", base=base)
        self.query_one("#cf-revs", Static).update(Text(revs, no_wrap=True, overflow="ellipsis"))
        self.fill()

    def on_resize(self) -> None:
        if self.view is not None:
            self.fill()

    # -- the table ---------------------------------------------------------------------------

    def widths(self) -> tuple[int, int, int]:
        """Cells for the field's name, the side taken and each of the three values."""
        take = max(cell_len(self.t(f"otui_review.take.{w}")) for w in ("inspector", "office", "none", "same"))
        take = max(take + 1, cell_len(self.t("otui_review.col.take")))  # + the ✔ of a side taken
        # each column costs its width and one cell of padding either side; 2 for the scroll bar
        rows = self.rows or []
        name = min(max([cell_len(self.t("otui_review.col.field"))] +
                       [cell_len(field_name(r.field, self.lang)) for r in rows]), FIELD_CELLS)
        free = max(self.size.width or 80, 40) - 2 * 5 - MARK_CELLS - name - take - 2
        return name, take, max(free // 3, 6)

    def fill(self) -> None:
        table, view = self.table, self.view
        row_at = table.cursor_row
        name_w, take_w, value_w = self.widths()
        table.clear(columns=True)
        table.add_column("", width=MARK_CELLS, key="mark")
        table.add_column(self.t("otui_review.col.field"), width=name_w, key="field")
        table.add_column(self.t("otui_review.col.take"), width=take_w, key="take")
        for side in ("inspector", "office", "base"):
            table.add_column(clip(self.t(f"otui_review.col.{side}"), value_w), width=value_w, key=side)
        for row in self.rows:
            table.add_row(*self.cells(row, name_w, value_w), key=row.field)
        if self.rows:
            table.move_cursor(row=min(max(row_at, 0), len(self.rows) - 1))
        self.show_count()
        self.show_values()

    def cells(self, row, name_w: int, value_w: int) -> list:
        lang, kind = self.lang, self.kind
        chosen = self.choices.get(row.field)
        if not row.differs:
            take = Text(self.t("otui_review.take.same"), style="dim")
        elif chosen is None:
            take = Text(self.t("otui_review.take.none"), style="bold reverse")
        else:
            take = Text("✔" + self.t(f"otui_review.take.{chosen}"), style="bold")
        values = []
        for side in ("inspector", "office", "base"):
            value = getattr(row, side)
            style = "dim" if not row.differs else ("bold" if side == chosen else "")
            values.append(Text(clip(word(row.field, value, lang, kind), value_w), style=style))
        mark = Text(self.t("otui_review.differs") if row.differs else "", style="bold")
        return [mark, Text(clip(field_name(row.field, lang), name_w)), take, *values]

    def show_count(self) -> None:
        differ = len(self.view.differing)
        chosen = sum(1 for f in self.view.differing if f in self.choices)
        key = "otui_review.conflict_ready" if chosen == differ else "otui_review.conflict_count"
        self.query_one("#cf-status", Static).update(
            Text(self.t(key, differ=differ, chosen=chosen), no_wrap=True, overflow="ellipsis"))

    def show_values(self) -> None:
        """The highlighted field's values as wide as the screen allows, under the table."""
        row = self.highlighted()
        panel = self.query_one("#cf-values", Static)
        if row is None:
            panel.update("")
            return
        width = max((self.size.width or 80) - 2, 20)
        out = Text()
        for n, side in enumerate(("inspector", "office", "base")):
            name = self.t("otui_review.full_side", side=self.t(f"otui_review.col.{side}"))
            value = clip(word(row.field, getattr(row, side), self.lang, self.kind), width - cell_len(name) - 1)
            out.append(("\n" if n else "") + name, style="dim")
            out.append(" " + value, style="bold" if row.differs and self.choices.get(row.field) == side else "")
        panel.update(out)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.view is not None:
            self.show_values()

    def refresh_row(self, index: int) -> None:
        row = self.rows[index]
        name_w, _, value_w = self.widths()
        for column, cell in zip(("mark", "field", "take", "inspector", "office", "base"),
                                self.cells(row, name_w, value_w)):
            self.table.update_cell(row.field, column, cell)

    def highlighted(self):
        if self.view is None or not self.rows:
            return None
        return self.rows[min(self.table.cursor_row, len(self.rows) - 1)]

    # -- the keys ----------------------------------------------------------------------------

    def action_take(self, side: str) -> None:
        row = self.highlighted()
        if row is None:
            return
        if not row.differs:
            self.notify(self.t("otui_review.same_row"), markup=False)
            return
        self.choices[row.field] = side
        self.refresh_row(self.table.cursor_row)
        self.show_count()
        self.show_values()
        # on to the next field still to choose, as a person works down the list
        index = self.table.cursor_row
        for later in range(index + 1, len(self.rows)):
            if self.rows[later].differs and self.rows[later].field not in self.choices:
                self.table.move_cursor(row=later)
                break

    def action_take_all(self, side: str) -> None:
        if self.view is None:
            return
        for index, row in enumerate(self.rows):
            if row.differs:
                self.choices[row.field] = side
                self.refresh_row(index)
        self.show_count()
        self.show_values()

    def action_full_value(self) -> None:
        row = self.highlighted()
        if row is None:
            return
        from ..dialogs.office_record_edits import FullValueDialog

        def full(value) -> str:  # a list (a status history): one entry a line
            if isinstance(value, list) and value:
                return "\n".join(word(row.field, v, self.lang, self.kind) for v in value)
            return word(row.field, value, self.lang, self.kind)

        sides = [(self.t(f"otui_review.col.{side}"), full(getattr(row, side))) for side in ("inspector", "office", "base")]
        self.app.push_screen(FullValueDialog(self.lang, self.t("otui_review.full_title",
                                                               field=field_name(row.field, self.lang)), sides))

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_resolve(self) -> None:
        if self.view is None or not self.loaded:
            return
        missing = [f for f in self.view.differing if f not in self.choices]
        if missing:
            self.notify(self.t("otui_review.choose_first",
                               fields=self.t("validation.list_sep").join(field_name(f, self.lang) for f in missing)),
                        severity="warning", markup=False)
            first = next(i for i, row in enumerate(self.rows) if row.field == missing[0])
            self.table.move_cursor(row=first)
            return
        from ..dialogs.text_prompt import TextPrompt

        view, choices = self.view, dict(self.choices)

        def answered(reason) -> None:
            if reason:
                self.run_resolve(view, choices, reason)

        self.app.push_screen(TextPrompt(self.lang, self.t("otui_review.reason_title", what=self.what),
                                        self.t("otui_review.reason_label")), answered)

    @work(thread=True, exit_on_error=False, group="office-conflict-resolve")
    def run_resolve(self, view, choices: dict, reason: str) -> None:
        from inspector.office.review import ReviewRefused
        from inspector.office.review.conflicts import resolve

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                done = resolve(db, view.kind, view.id, choices, by=app.office_user, reason=reason,
                               seen_rev=view.office_rev, inspector_rev=view.inspector_rev, author=view.author)
            finally:
                db.close()
        except ReviewRefused as exc:
            app.call_from_thread(self.refused, exc)
            return
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays usable
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(self.resolved, done)

    def resolved(self, done) -> None:
        state = label("ReviewState", done.state, self.lang) if done.state else "—"
        self.notify(self.t("otui_review.resolved", rev=done.rev, state=state), markup=False, timeout=8)
        self.dismiss(True)

    def refused(self, exc) -> None:
        if exc.code in ("conflict_stale", "no_conflict"):
            self.notify(self.t("otui_review.conflict_stale"), severity="warning", markup=False, timeout=8)
        else:
            from inspector.office.review.words import refusal

            self.notify(refusal(exc, self.lang), severity="error", markup=False, timeout=8)
        self.reload()
