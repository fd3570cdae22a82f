"""The vocabularies the office owns (词表): problem categories, evidence
types, rectification types, the unit directory and the three tag lists.

The upper table lists the kinds with their version and whether a draft is
open; the lower one the highlighted kind's entries as the draft has them,
each change since the version in force marked, so what `p` will publish is
in view before it is. Every step runs in a worker on its own connection
through office/vocabularies; a refusal is one line and stores nothing. The
unit directory is edited on its own screen (n/e/x open it): its entries are
the office's units, and publishing takes them as they stand."""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, Static

from inspector.models.vocabulary import VOCABULARY_KINDS, Vocabulary, VocabularyEntry

from ..bindings import localize_bindings
from ..dialogs.base import Dialog, field
from ..widgets.cells import EMPTY


@dataclass(frozen=True)
class KindView:
    """One kind as the screen shows it: the version in force and what the
    draft holds (the version itself when there is none)."""

    kind: str
    current: Vocabulary
    shown: Vocabulary
    has_draft: bool
    changes: dict[str, str] = dataclass_field(default_factory=dict)  # code -> added/renamed/retired/restored

    @property
    def count(self) -> int:
        return len(self.changes)


def _view(kind: str, current: Vocabulary, draft: Vocabulary | None) -> KindView:
    from inspector.office.vocabularies.store import changes

    if draft is None:
        return KindView(kind, current, current, False)
    marks = {code: change for change, codes in changes(current, draft).items() for code in codes}
    return KindView(kind, current, draft, True, marks)


def _draft(V, db, kind: str) -> Vocabulary | None:
    """The draft of `kind`; for the unit directory, the units as they stand
    when they differ from the version in force (what publishing would take)."""
    if kind == "unit":
        live = V.draft(db, kind)
        return live if V.changes(V.current(db, kind), live) else None
    return V.draft(db, kind) if V.has_draft(db, kind) else None


class EntryDialog(Dialog[dict]):
    """An entry's code (new ones only: a code never changes) and names."""

    def __init__(self, lang: str, title: str, entry: VocabularyEntry | None = None) -> None:
        super().__init__(lang)
        self._title = title
        self.entry = entry

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        e = self.entry
        if e is None:
            yield Label(self.t("ovocab.code_hint"), markup=False)
            yield field(self.t("ovocab.code"), Input("", id="code", compact=True, select_on_focus=False))
        yield field(self.t("ovocab.zh"), Input(e.zh if e else "", id="zh", compact=True, select_on_focus=False))
        yield field(self.t("ovocab.en"), Input((e.en or "") if e else "", id="en", compact=True,
                                                select_on_focus=False))

    def on_mount(self) -> None:
        self.query_one("#code" if self.entry is None else "#zh", Input).focus()

    def collect(self) -> dict | None:
        typed = {name: box.value.strip() for name in ("code", "zh", "en")
                 for box in self.query(f"#{name}").results(Input)}
        for name in ("code", "zh"):
            if name in typed and not typed[name]:
                self.refuse_at(self.query_one(f"#{name}", Input), self.t("dialog.required"))
                return None
        if self.entry is not None and (typed["zh"], typed["en"] or None) == (self.entry.zh, self.entry.en):
            self.refuse(self.t("ovocab.nothing_changed"))
            return None
        return typed


class OfficeVocabulariesScreen(Screen[None]):
    DEFAULT_CSS = """
    OfficeVocabulariesScreen #kinds { height: auto; max-height: 9; margin-bottom: 1; }
    OfficeVocabulariesScreen #entries { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("n", "add", "key.ovocab_add"),
        Binding("e", "rename", "key.ovocab_rename"),
        Binding("x", "retire", "key.ovocab_retire"),
        Binding("p", "publish", "key.ovocab_publish"),
        Binding("d", "discard", "key.ovocab_discard"),
        Binding("i", "import_csv", "key.ovocab_import"),
        Binding("o", "export_csv", "key.ovocab_export"),
        Binding("f5", "reload", "key.otui_reload", show=False),
        Binding("question_mark", "app.toggle_keys", "key.help", key_display="?"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.lang = lang
        self.views: list[KindView] = []
        self.loaded = False
        self._goto: str | None = None  # the code just changed: the cursor goes to it

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    def compose(self) -> ComposeResult:
        yield Static("", id="vocab-title", markup=False)
        kinds = DataTable(id="kinds", cursor_type="row", zebra_stripes=True)
        kinds.add_columns(*(self.t(f"ovocab.col.{c}") for c in ("kind", "version", "entries", "draft")))
        yield kinds
        entries = DataTable(id="entries", cursor_type="row", zebra_stripes=True)
        # The change before the names: at 80 columns the English name is what gives way.
        entries.add_columns(*(self.t(f"ovocab.col.{c}") for c in ("code", "zh", "state", "change", "en")))
        yield entries
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.loaded = False
        self._load()

    @work(thread=True, exclusive=True, group="office-vocab", exit_on_error=False)
    def _load(self) -> None:
        from inspector.office.vocabularies import store as V

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                views = [_view(kind, V.current(db, kind), _draft(V, db, kind)) for kind in VOCABULARY_KINDS]
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(self._show, views)

    def _show(self, views: list[KindView]) -> None:
        kinds = self.query_one("#kinds", DataTable)
        row = kinds.cursor_row
        kinds.clear()
        self.views = views
        for v in views:
            kinds.add_row(self.t(f"vocab.kind.{v.kind}"), str(v.current.version), str(len(v.current.entries)),
                          self.t("ovocab.has_draft") if v.has_draft else EMPTY, key=v.kind)
        kinds.move_cursor(row=min(max(row, 0), len(views) - 1))
        self._show_entries()
        if self.focused is None:
            kinds.focus()
        self.loaded = True

    @on(DataTable.RowHighlighted, "#kinds")
    def _kind_moved(self) -> None:
        if self.views:
            self._show_entries()

    def kind(self) -> KindView | None:
        row = self.query_one("#kinds", DataTable).cursor_row
        return self.views[row] if self.views and 0 <= row < len(self.views) else None

    def _show_entries(self) -> None:
        view = self.kind()
        if view is None:
            return
        table = self.query_one("#entries", DataTable)
        row = table.cursor_row
        table.clear()
        for e in view.shown.entries:
            change = view.changes.get(e.code)
            table.add_row(e.code, e.zh, self.t("ovocab.retired" if e.retired else "ovocab.active"),
                          self.t(f"ovocab.change.{change}") if change else EMPTY, e.en or EMPTY, key=e.code)
        codes = [e.code for e in view.shown.entries]
        if self._goto in codes:
            row, self._goto = codes.index(self._goto), None
            table.focus()
        if codes:
            table.move_cursor(row=min(max(row, 0), len(codes) - 1))
        name = self.t(f"vocab.kind.{view.kind}")
        if view.kind == "unit" and not view.has_draft:
            state = self.t("ovocab.state.units", version=view.current.version)
        elif view.has_draft:
            state = self.t("ovocab.state.draft", changes=view.count, version=view.current.version)
        else:
            state = self.t("ovocab.state.published", version=view.current.version)
        self.query_one("#vocab-title", Static).update(self.t("ovocab.title", name=name, state=state))

    def entry(self) -> VocabularyEntry | None:
        view = self.kind()
        if view is None or not view.shown.entries:
            return None
        row = self.query_one("#entries", DataTable).cursor_row
        return view.shown.entries[row] if 0 <= row < len(view.shown.entries) else None

    # -- steps ---------------------------------------------------------------------------------

    def _units_instead(self, view: KindView) -> bool:
        """The unit directory's entries are the office's units: edited where units are."""
        if view.kind != "unit":
            return False
        from .office_units import OfficeUnitsScreen

        self.app.push_screen(OfficeUnitsScreen(self.lang), lambda _: self.reload())
        return True

    def action_add(self) -> None:
        view = self.kind()
        if view is None or self._units_instead(view):
            return

        def answered(typed) -> None:
            if typed:
                self.change("add", view.kind, typed)

        self.app.push_screen(EntryDialog(self.lang, self.t("ovocab.add_title", name=self.t(f"vocab.kind.{view.kind}"))),
                             answered)

    def action_rename(self) -> None:
        view, entry = self.kind(), self.entry()
        if view is None or self._units_instead(view) or entry is None:
            return

        def answered(typed) -> None:
            if typed:
                self.change("rename", view.kind, {"code": entry.code, **typed})

        self.app.push_screen(EntryDialog(self.lang, self.t("ovocab.rename_title", code=entry.code), entry), answered)

    def action_retire(self) -> None:
        view, entry = self.kind(), self.entry()
        if view is None or self._units_instead(view) or entry is None:
            return
        self.change("restore" if entry.retired else "retire", view.kind, {"code": entry.code})

    def action_publish(self) -> None:
        view = self.kind()
        if view is None:
            return
        from ..dialogs.text_prompt import TextPrompt

        def answered(summary) -> None:
            if summary is not None:
                self.change("publish", view.kind, {"summary": summary})

        name = self.t(f"vocab.kind.{view.kind}")
        self.app.push_screen(TextPrompt(self.lang, self.t("ovocab.publish_title", name=name,
                                                          version=view.current.version + 1),
                                        self.t("ovocab.publish_summary"), required=False), answered)

    def action_discard(self) -> None:
        view = self.kind()
        if view is None or not view.has_draft or self._units_instead(view):
            return
        from ..dialogs.text_prompt import ConfirmDialog

        def answered(yes) -> None:
            if yes:
                self.change("discard", view.kind, {})

        name = self.t(f"vocab.kind.{view.kind}")
        self.app.push_screen(ConfirmDialog(
            self.lang, self.t("ovocab.discard_title", name=name),
            self.t("ovocab.discard_question", changes=view.count, version=view.current.version),
            destructive=True, yes=self.t("ovocab.discard_yes")), answered)

    def action_import_csv(self) -> None:
        view = self.kind()
        if view is None or self._units_instead(view):
            return
        from ..dialogs.text_prompt import TextPrompt

        def answered(path) -> None:
            if path:
                self.change("import", view.kind, {"path": path})

        self.app.push_screen(TextPrompt(self.lang, self.t("ovocab.import_title", name=self.t(f"vocab.kind.{view.kind}")),
                                        self.t("ovocab.import_file")), answered)

    def action_export_csv(self) -> None:
        view = self.kind()
        if view is None:
            return
        from ..dialogs.text_prompt import TextPrompt

        def answered(path) -> None:
            if path:
                self.change("export", view.kind, {"path": path})

        suggested = str(Path.cwd() / f"{view.kind}-v{view.current.version}.csv")
        self.app.push_screen(TextPrompt(
            self.lang, self.t("ovocab.export_title", name=self.t(f"vocab.kind.{view.kind}"),
                              version=view.current.version),
            self.t("ovocab.export_file"), value=suggested), answered)

    @work(thread=True, exit_on_error=False, group="office-vocab-change")
    def change(self, step: str, kind: str, given: dict) -> None:
        from inspector.i18n import t
        from inspector.i18n.said import os_error
        from inspector.office.vocabularies import VocabularyRefused
        from inspector.office.vocabularies import files as F
        from inspector.office.vocabularies import store as V

        app, lang = self.app, self.lang
        try:
            db = app.open_office_reader()
            try:
                if step == "add":
                    V.add(db, kind, given["code"], given["zh"], given["en"] or None)
                elif step == "rename":
                    V.rename(db, kind, given["code"], zh=given["zh"], en=given["en"])
                elif step in ("retire", "restore"):
                    V.retire(db, kind, given["code"], retired=step == "retire")
                elif step == "publish":
                    done = V.publish(db, kind, by=app.office_user, summary=given["summary"])
                    said = t("vocab.cli.published_now", lang, name=t(f"vocab.kind.{kind}", lang), version=done.version)
                elif step == "discard":
                    V.discard(db, kind)
                    said = t("vocab.cli.discarded", lang)
                elif step == "import":
                    path = Path(given["path"]).expanduser()
                    got = F.import_csv(db, kind, path)
                    said = t("vocab.cli.imported", lang, file=path.name, added=got.added, renamed=got.renamed,
                             unchanged=got.unchanged)
                else:
                    path = Path(given["path"]).expanduser()
                    vocabulary = V.current(db, kind)
                    try:
                        count = F.export_csv(vocabulary, path)
                    except OSError as exc:
                        raise VocabularyRefused("cli.cannot_write", file=path, error=os_error(exc, lang)) from None
                    said = t("vocab.cli.exported", lang, file=path, count=count, version=vocabulary.version)
            finally:
                db.close()
        except VocabularyRefused as exc:
            app.call_from_thread(self.refused, exc)
            return
        except Exception as exc:  # noqa: BLE001
            app.call_from_thread(app.report_error, exc)
            return
        if step in ("add", "rename", "retire", "restore"):
            said = t(f"ovocab.done.{step}", lang, code=given["code"])
        app.call_from_thread(self.changed, said, given.get("code"))

    def changed(self, said: str, code: str | None = None) -> None:
        self._goto = code
        self.notify(said, markup=False)
        self.reload()

    def refused(self, exc) -> None:
        self.notify(exc.say(self.lang), severity="error", markup=False, timeout=8)
        self.reload()
