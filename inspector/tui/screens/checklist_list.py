"""The office's checklists: every template, its published versions and its
draft; Enter edits (starting a draft from the newest version)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from inspector.i18n import label

from ..bindings import localize_bindings


class TemplateList(OptionList):
    """The templates; Enter opens the highlighted one in the editor."""

    BINDINGS = [Binding("enter", "select", "key.edit_checklist")]

    def __init__(self, *args, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, lang)


class ChecklistListScreen(Screen[None]):
    BINDINGS = [
        Binding("n", "new", "key.new_checklist"),
        Binding("d", "compare", "key.compare_versions"),
        Binding("x", "discard", "key.discard_draft"),
        Binding("question_mark", "app.toggle_keys", "key.help", key_display="?"),
        Binding("f1", "app.toggle_keys", "key.help", show=False),
    ]

    class Loaded(Message):
        def __init__(self, templates: list, versions: dict, to_fix: dict) -> None:
            super().__init__()
            self.templates = templates
            self.versions = versions
            self.to_fix = to_fix

    def __init__(self, lang: str) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.lang = lang
        self.templates: list = []
        self.versions: dict = {}
        self.to_fix: dict[str, int] = {}  # template id -> how many problems its draft has
        self.loaded = False

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    def compose(self) -> ComposeResult:
        yield Static(Text(self.t("checklists.title", path=str(self.app.office_db)), no_wrap=True,
                          overflow="ellipsis"), id="list-title")
        with Horizontal(id="checklists-body"):
            yield TemplateList(id="templates", lang=self.lang)
            with VerticalScroll(id="template-info"):
                yield Static(id="template-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TemplateList).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load()  # the editor may have published or discarded

    @work(thread=True, exclusive=True, group="checklist-list", exit_on_error=False)
    def load(self) -> None:
        from inspector.checklists.validation import check
        from inspector.checklists.versions import get_draft, list_templates, list_versions

        try:
            db = self.app.open_office_reader()
            try:
                templates = list_templates(db)
                versions = {s.id: list_versions(db, s.id) for s in templates}
                drafts = {s.id: get_draft(db, s.id) for s in templates if s.has_draft}
            finally:
                db.close()
            # A draft that cannot be published says so here, not only when someone tries.
            to_fix = {tid: len(check(draft.data)) for tid, draft in drafts.items() if draft is not None}
        except Exception as exc:  # noqa: BLE001 - shown, not raised: the screen stays usable
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(templates, versions, to_fix))

    def on_checklist_list_screen_loaded(self, message: Loaded) -> None:
        listing = self.query_one(TemplateList)
        current = self.current.id if self.current else None
        self.templates, self.versions, self.to_fix = message.templates, message.versions, message.to_fix
        listing.clear_options()
        listing.add_options([Option(self.row(s), id=s.id) for s in self.templates])
        if not self.templates:
            self.query_one("#template-detail", Static).update(Text(self.t("checklists.tui_none")))
        else:
            index = next((i for i, s in enumerate(self.templates) if s.id == current), 0)
            listing.highlighted = index
        self.loaded = True

    def row(self, summary) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(summary.id, style="bold")
        text.append(f"  v{summary.latest}" if summary.latest else "  —")
        if summary.has_draft:
            text.append(f"  {self.t('checklists.tui_draft')}", style="bold yellow")
            if self.to_fix.get(summary.id):
                text.append(" ✗", style="bold red")
        text.append(f"  {summary.title}", style="dim")
        return text

    @property
    def current(self):
        listing = self.query_one(TemplateList)
        if listing.highlighted is None or listing.highlighted >= len(self.templates):
            return None
        return self.templates[listing.highlighted]

    @on(OptionList.OptionHighlighted, "#templates")
    def show_detail(self) -> None:
        summary = self.current
        if summary is None:
            return
        detail = Text()
        detail.append(f"{summary.title}\n", style="bold")
        detail.append(f"{summary.id} · {label('ChecklistKind', summary.kind, self.lang) if summary.kind else '—'}\n")
        if summary.has_draft:
            based = self.t("checklists.draft_based_on", version=summary.draft_based_on) \
                if summary.draft_based_on else self.t("checklists.draft_new")
            detail.append(f"{based}  {(summary.draft_updated_at or '')[:16].replace('T', ' ')}\n", style="yellow")
            if self.to_fix.get(summary.id):
                detail.append(self.t("checklists.draft_to_fix", count=self.to_fix[summary.id]) + "\n",
                              style="bold red")
        detail.append(f"\n{self.t('checklists.versions_heading')}\n", style="bold")
        for version in reversed(self.versions.get(summary.id, [])):
            # A version that came from a file (imported, or from an assignment) has no date or summary of ours.
            when = version.published_at[:10] if version.published_at else self.t("checklists.imported_version")
            detail.append(f"v{version.version}  {when}", style="bold")
            detail.append(f"  {version.summary}\n" if version.summary else "\n")
        self.query_one("#template-detail", Static).update(detail)

    @on(OptionList.OptionSelected, "#templates")
    def open_editor(self) -> None:
        summary = self.current
        if summary is not None:
            from .checklist_editor import ChecklistEditorScreen

            self.app.push_screen(ChecklistEditorScreen(summary.id, self.lang))

    def action_new(self) -> None:
        from ..dialogs.new_checklist import NewChecklistDialog

        def made(answer) -> None:
            if answer is None:
                return
            from inspector.checklists.versions import new_template

            template_id, kind, title = answer
            self.app.save_office(new_template, template_id, kind, title, by=self.app.office_user,
                                 on_saved=lambda draft: self.open_new(draft.template_id))

        self.app.push_screen(NewChecklistDialog(self.lang, {s.id for s in self.templates}), made)

    def open_new(self, template_id: str) -> None:
        from .checklist_editor import ChecklistEditorScreen

        self.app.push_screen(ChecklistEditorScreen(template_id, self.lang))

    def action_compare(self) -> None:
        summary = self.current
        if summary is None:
            return
        choices = [v.version for v in self.versions.get(summary.id, [])]
        if summary.has_draft:
            choices.append("draft")
        if len(choices) < 2:
            self.notify(self.t("checklists.nothing_to_compare"), markup=False)
            return
        from ..dialogs.compare_versions import CompareVersionsDialog

        def chosen(pair) -> None:
            if pair is not None:
                from .checklist_diff import ChecklistDiffScreen

                self.app.push_screen(ChecklistDiffScreen(summary.id, *pair, self.lang))

        self.app.push_screen(CompareVersionsDialog(self.lang, summary.id, choices), chosen)

    def action_discard(self) -> None:
        summary = self.current
        if summary is None or not summary.has_draft:
            self.notify(self.t("checklists.no_draft_here"), markup=False)
            return
        from ..dialogs.text_prompt import ConfirmDialog

        def confirmed(yes) -> None:
            if yes:
                from inspector.checklists.versions import discard_draft

                self.app.save_office(discard_draft, summary.id, by=self.app.office_user, on_saved=lambda _: self.load())

        self.app.push_screen(ConfirmDialog(self.lang, self.t("checklists.discard_title", id=summary.id),
                                           self.t("checklists.discard_question"), destructive=True,
                                           yes=self.t("key.discard_draft")), confirmed)
