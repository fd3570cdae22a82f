"""The unit directory (责任单位名录) the ledger names responsible units from:
every unit with its role, city, district and contact; `n` adds one, `e`
edits the highlighted one, `x` disables it (never deleted: entries keep
naming it). Each change runs in a worker on its own connection through
office/ledger/units with the version the screen showed; a change someone made
since is refused in one line and the list reloads."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from inspector.i18n import label, labels

from ..bindings import localize_bindings
from ..dialogs.base import Dialog, field
from ..widgets.cells import EMPTY

CELLS = ("name", "role", "city", "district", "contact", "phone")


class UnitDialog(Dialog[dict]):
    """A unit's cells, as they are now (empty for a new one). Returns the
    cells changed (all, for a new one); the core checks them as it checks a
    row of an imported file and refuses in one line."""

    def __init__(self, lang: str, title: str, unit=None) -> None:
        super().__init__(lang)
        self._title = title
        self.unit = unit

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        u = self.unit
        name = lambda cell: self.t(f"ounits.col.{cell}")  # noqa: E731
        yield field(name("name"), Input(u.name if u else "", id="name", compact=True, select_on_focus=False))
        roles = [(word, code) for code, word in labels("UnitRole", self.lang).items()]
        yield field(name("role"), Select(roles, value=u.role if u else "local", id="role", allow_blank=False,
                                         compact=True))
        cities = [(self.t("ounits.no_city"), "")] + [(word, code) for code, word in labels("City", self.lang).items()]
        yield field(name("city"), Select(cities, value=(u.city or "") if u else "", id="city", allow_blank=False,
                                         compact=True))
        for cell in ("district", "contact", "phone"):
            yield field(name(cell), Input(getattr(u, cell) or "" if u else "", id=cell, compact=True,
                                          select_on_focus=False))

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def collect(self) -> dict | None:
        typed = {cell: str(self.query_one(f"#{cell}").value or "").strip() for cell in CELLS}
        if not typed["name"]:
            self.refuse_at(self.query_one("#name", Input), self.t("dialog.required"))
            return None
        if self.unit is None:
            return {cell: value or None for cell, value in typed.items()}
        changes = {cell: value for cell, value in typed.items() if value != (getattr(self.unit, cell) or "")}
        if not changes:
            self.refuse(self.t("ounits.nothing_changed"))
            return None
        return changes


class OfficeUnitsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("n", "add", "key.ounits_add"),
        Binding("e", "edit", "key.ounits_edit"),
        Binding("x", "disable", "key.ounits_disable"),
        Binding("f5", "reload", "key.otui_reload", show=False),
        Binding("question_mark", "app.toggle_keys", "key.help", key_display="?"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.lang = lang
        self.units: list = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Static(self.app.t("ounits.title", count=0), id="units-title", markup=False)
        table = DataTable(id="units", cursor_type="row", zebra_stripes=True)
        # The state before the contact cells: at 80 columns the phone is what gives way (e shows it whole).
        table.add_columns(*(self.app.t(f"ounits.col.{cell}") for cell in CELLS[:3]), self.app.t("ounits.col.state"),
                          *(self.app.t(f"ounits.col.{cell}") for cell in CELLS[3:]))
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.loaded = False
        self._load()

    @work(thread=True, exclusive=True, group="office-units", exit_on_error=False)
    def _load(self) -> None:
        from inspector.office.ledger.units import units

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                found = units(db)
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(self._show, found)

    def _show(self, found: list) -> None:
        table = self.query_one("#units", DataTable)
        row = table.cursor_row
        table.clear()
        self.units = sorted(found, key=lambda u: (u.disabled, u.city or "", u.role, u.name))
        for u in self.units:
            table.add_row(u.name, label("UnitRole", u.role, self.lang), label("City", u.city, self.lang) or EMPTY,
                          self.app.t("ounits.disabled" if u.disabled else "ounits.active"),
                          u.district or "", u.contact or "", u.phone or "", key=u.id)
        if self.units:
            table.move_cursor(row=min(row, len(self.units) - 1))
        self.query_one("#units-title", Static).update(self.app.t("ounits.title", count=len(self.units)))
        table.focus()
        self.loaded = True

    def highlighted(self):
        table = self.query_one("#units", DataTable)
        return self.units[table.cursor_row] if self.units and 0 <= table.cursor_row < len(self.units) else None

    def action_add(self) -> None:
        def answered(cells) -> None:
            if cells:
                self.change("add", None, cells)

        self.app.push_screen(UnitDialog(self.lang, self.app.t("ounits.add_title")), answered)

    def action_edit(self) -> None:
        unit = self.highlighted()
        if unit is None:
            return

        def answered(cells) -> None:
            if cells:
                self.change("edit", unit, cells)

        self.app.push_screen(UnitDialog(self.lang, self.app.t("ounits.edit_title", name=unit.name), unit), answered)

    def action_disable(self) -> None:
        unit = self.highlighted()
        if unit is None:
            return
        from ..dialogs.text_prompt import TextPrompt

        def answered(reason) -> None:
            if reason:
                self.change("disable", unit, {"reason": reason})

        self.app.push_screen(TextPrompt(self.lang, self.app.t("ounits.disable_title", name=unit.name),
                                        self.app.t("ounits.disable_reason")), answered)

    @work(thread=True, exit_on_error=False, group="office-units-change")
    def change(self, step: str, unit, cells: dict) -> None:
        from inspector.office.ledger import LedgerRefused
        from inspector.office.ledger import units as U

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                if step == "add":
                    U.add(db, **cells, by=app.office_user)
                elif step == "edit":
                    U.edit(db, unit.id, seen_version=unit.version, by=app.office_user, **cells)
                else:
                    U.disable(db, unit.id, by=app.office_user, reason=cells["reason"], seen_version=unit.version)
            finally:
                db.close()
        except LedgerRefused as exc:
            app.call_from_thread(self.refused, exc)
            return
        except Exception as exc:  # noqa: BLE001
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(self.changed, step)

    def changed(self, step: str) -> None:
        self.notify(self.app.t(f"ounits.done.{step}"), markup=False)
        self.reload()

    def refused(self, exc) -> None:
        from inspector.office.ledger.words import refusal

        self.notify(refusal(exc, self.lang), severity="error", markup=False, timeout=8)
        self.reload()
