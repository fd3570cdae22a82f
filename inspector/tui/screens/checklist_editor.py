"""Editing a checklist's draft: the outline of sections and items on the left,
the highlighted part's fields on the right.

Every change is saved to the office database the moment it is made (through
the app's office writer), valid or not, and checked at once: items with a
problem are marked in the outline, and the form says what is wrong with the
part being edited. Publishing lists every problem and is refused until there
are none."""

from __future__ import annotations

import asyncio
import copy

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, OptionList, Select, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from inspector.checklists.validation import Problem, check
from inspector.checklists.wording import field_label, part_label, problem_message
from inspector.i18n import t

from ..bindings import localize_bindings
from ..widgets.checklist_forms import CHANGES, ItemForm, SectionForm, TemplateForm
from .checklist_structure import TEMPLATE, DraftShape

# Which widget edits a field (a problem's path), for going to it; the
# answer's own fields depend on its type (ChecklistEditorScreen.answer_widget).
FIELDS = {
    "t": {"title": "#template-title", "title_en": "#template-title-en", "description": "#template-description"},
    "s": {"id": "#section-id", "title": "#section-title", "title_en": "#section-title-en"},
    "i": {"id": "#item-id", "prompt": "#item-prompt", "prompt_en": "#item-prompt-en", "guidance": "#item-guidance",
          "guidance_en": "#item-guidance-en", "scenario": "#item-scenario", "evidence": "#item-evidence",
          "answer.type": "#item-answer-type", "max_score": "#item-max-score", "required": "#item-required",
          "veto": "#item-veto", "problem_category": "#item-problem-category",
          "innovation_category": "#item-innovation-category", "applies.setting": "#applies-setting",
          "applies.creation_types": "#applies-creation-types", "applies.orientations": "#applies-orientations",
          "applies.declared_scenario": "#applies-scenario", "applies.scenario_roles": "#applies-roles",
          "answer.integer": "#number-integer", "answer.multiline": "#text-multiline"},
}


def option_id(target: tuple) -> str:
    return ":".join(str(part) for part in target)


def target_of(option: str) -> tuple:
    kind, *rest = option.split(":")
    return (kind, *map(int, rest))


def preview_for_publishing(db, template_id: str):
    """What publishing would change, and the titles of the sections on both
    sides (a removed section is named from the version it leaves)."""
    from inspector.checklists.versions import get_draft, preview, published

    from ..widgets.changes import section_titles

    changes = preview(db, template_id)
    old = published(db, template_id, changes.old.version) if changes.old else None
    draft = get_draft(db, template_id)
    return changes, section_titles(old, draft.data if draft else None)


class Outline(OptionList):
    """Sections and items; with it focused, single keys change the structure."""

    BINDINGS = [
        Binding("enter", "edit_fields", "key.edit_fields", show=False),
        Binding("a", "add_item", "key.add_item"),
        Binding("s", "add_section", "key.add_section", show=False),
        Binding("c", "duplicate", "key.duplicate", show=False),
        Binding("x,delete", "remove", "key.remove"),
        # (in the help, not the footer: it must fit 80 columns and show ?)
        Binding("ctrl+up,K", "move(-1)", "key.move_up", key_display="^↑", show=False),
        Binding("ctrl+down,J", "move(1)", "key.move_down", key_display="^↓", show=False),
    ]

    def __init__(self, *args, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self, lang)

    async def action_edit_fields(self) -> None:
        self.screen.focus_form()

    async def action_add_item(self) -> None:
        await self.screen.add_item()

    async def action_add_section(self) -> None:
        await self.screen.add_section()

    async def action_duplicate(self) -> None:
        await self.screen.duplicate()

    def action_remove(self) -> None:
        self.screen.remove_part()

    async def action_move(self, delta: int) -> None:
        await self.screen.move(delta)


class ChecklistEditorScreen(DraftShape, Screen[None]):
    BINDINGS = [
        Binding("ctrl+p", "publish", "key.publish"),
        Binding("ctrl+t", "problems", "key.all_problems"),
        Binding("escape", "back", "key.back"),
        Binding("ctrl+n", "add_option", "key.add_option"),
        Binding("ctrl+r", "remove_option", "key.remove_option"),
        Binding("ctrl+up", "move_option(-1)", "key.option_up", show=False),
        Binding("ctrl+down", "move_option(1)", "key.option_down", show=False),
        # ? lists every key; F1 too, where ? is typed into a field
        Binding("question_mark", "app.toggle_keys", "key.help", key_display="?"),
        Binding("f1", "app.toggle_keys", "key.help", show=False),
    ]

    def __init__(self, template_id: str, lang: str) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.template_id = template_id
        self.lang = lang
        self.draft: dict | None = None
        self.based_on: int | None = None
        self.problems: list[Problem] = []
        self.target: tuple | None = None
        self.loaded = False
        self.published = None  # what publishing made, once it did
        self._marked: dict[str, bool] = {}
        # Loading a part into the form awaits (option rows mount); meanwhile
        # the form is half one part, half another, and must not be read back.
        self._showing = asyncio.Lock()
        self._loading = False
        # The draft's revision this editor wrote last: read and set only on the
        # office writer's thread, in order with every save (see _save).
        self._revision: str | None = None
        # Someone else wrote the draft since it was opened here: edits are no
        # longer saved (nor published), and the header says so.
        self.changed_elsewhere = False
        # The part `a` or `s` just added, as added, and where the person was:
        # Esc before anything is typed into it takes it away again (a blank
        # item left behind blocks publishing for no reason anyone chose).
        self._fresh: tuple[tuple, dict, tuple] | None = None

    def t(self, key: str, **fields) -> str:
        return t(key, self.lang, **fields)

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield Static(id="editor-header")
        with Horizontal(id="editor-body"):
            yield Outline(id="outline", lang=self.lang)
            with VerticalScroll(id="editor-form"):
                yield Static(id="form-problems")
                yield TemplateForm(self.lang, id="template-form")
                yield SectionForm(self.lang, id="section-form")
                yield ItemForm(self.lang, id="item-form")
        yield Footer()

    def on_mount(self) -> None:
        for form in ("#template-form", "#section-form", "#item-form"):
            self.query_one(form).display = False
        self.query_one(Outline).focus()
        # Opening may start the draft (a write): through the writer, in order with later saves.
        self.app.save_office(self._open, on_saved=self.opened, on_refused=self.refused)

    def _open(self, db):
        """On the office writer's thread."""
        from inspector.checklists.versions import open_draft

        draft = open_draft(db, self.template_id)
        self._revision = draft.revision
        return draft

    def _save(self, db, data: dict) -> None:
        """On the office writer's thread, after every save queued before it: so
        each names the revision the one before it made."""
        from inspector.checklists.versions import save_draft

        self._revision = save_draft(db, self.template_id, data, revision=self._revision).revision

    def save_refused(self, exc: BaseException) -> None:
        from inspector.checklists.errors import ChecklistError

        if isinstance(exc, ChecklistError) and exc.code == "draft_changed":
            if self.changed_elsewhere:
                return  # said once; the header keeps saying it
            self.changed_elsewhere = True
            self.refresh_header()
        self.app.report_error(exc)

    def refused(self, exc: BaseException) -> None:
        self.app.report_error(exc)
        self.loaded = True
        self.app.pop_screen()

    async def opened(self, draft) -> None:
        self.draft = draft.data
        self.based_on = draft.based_on
        self.validate()
        self.rebuild_outline()
        await self.show(self.first_target())
        self.loaded = True

    def first_target(self) -> tuple:
        sections = self.sections
        if sections and sections[0].get("items"):
            return ("i", 0, 0)
        return TEMPLATE

    @property
    def sections(self) -> list[dict]:
        return self.draft.get("sections", []) if self.draft else []

    # ------------------------------------------------------------- outline
    def describe(self, target: tuple) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        bad = self.has_problem(target)
        if target == TEMPLATE:
            text.append("✗ " if bad else "", style="bold red")
            text.append(self.draft.get("title") or self.t("editor.untitled"), style="bold reverse")
            return text
        section = self.sections[target[1]]
        if target[0] == "s":
            text.append("✗ " if bad else "▍", style="bold red" if bad else "bold")
            text.append(section.get("title") or self.t("editor.untitled"), style="bold")
            return text
        item = section["items"][target[2]]
        text.append("  ✗ " if bad else "    ", style="bold red")
        prompt = item.get("prompt") if isinstance(item.get("prompt"), str) else ""
        if prompt.strip():
            text.append(prompt, style="bold red" if item.get("veto") else "")
        else:
            text.append(self.t("editor.untitled"), style="dim italic")
        return text

    def targets(self) -> list[tuple]:
        found = [TEMPLATE]
        for s, section in enumerate(self.sections):
            found.append(("s", s))
            found += [("i", s, i) for i in range(len(section.get("items", [])))]
        return found

    def rebuild_outline(self) -> None:
        outline = self.query_one(Outline)
        outline.clear_options()
        targets = self.targets()
        outline.add_options([Option(self.describe(target), id=option_id(target)) for target in targets])
        self._marked = {option_id(target): self.has_problem(target) for target in targets}

    def highlight(self, target: tuple) -> None:
        outline = self.query_one(Outline)
        try:
            outline.highlighted = outline.get_option_index(option_id(target))
        except OptionDoesNotExist:
            return
        outline.scroll_to_highlight()

    @on(OptionList.OptionHighlighted, "#outline")
    async def outline_moved(self) -> None:
        # Where the outline is now, not where the message says: a rebuilt
        # outline posts highlights that are stale by the time they arrive.
        option = self.query_one(Outline).highlighted_option
        if option is not None and target_of(option.id) != self.target:
            await self.show(target_of(option.id))

    # ---------------------------------------------------------------- forms
    async def show(self, target: tuple) -> None:
        """Put `target` in the form, without that counting as an edit."""
        if self._fresh is not None and self._fresh[0] != target:
            self._fresh = None  # moved on: what was added stays, filled in or not
        async with self._showing:
            self._loading = True
            try:
                self.target = target
                self.highlight(target)
                kind = target[0]
                forms = {"t": "#template-form", "s": "#section-form", "i": "#item-form"}
                for key, selector in forms.items():
                    self.query_one(selector).display = key == kind
                with self.prevent(*CHANGES):
                    if kind == "t":
                        self.query_one(TemplateForm).load(self.draft)
                    elif kind == "s":
                        self.query_one(SectionForm).load(self.sections[target[1]])
                    else:
                        item = self.sections[target[1]]["items"][target[2]]
                        form = self.query_one(ItemForm)
                        form.load(item)
                        answer = item.get("answer") if isinstance(item.get("answer"), dict) else {}
                        options = answer.get("options") if answer.get("type") == "single_choice" else []
                        await form.set_options(options if isinstance(options, list) else [])
            finally:
                self._loading = False
        self.show_problems()
        self.refresh_header()

    def focus_form(self) -> None:
        kind = (self.target or TEMPLATE)[0]
        first = {"t": "#template-title", "s": "#section-title", "i": "#item-prompt"}[kind]
        self.query_one(first).focus()

    def in_form(self) -> bool:
        focused = self.focused
        if focused is None or not self.is_mounted:
            return False
        return any(node.id == "editor-form" for node in focused.ancestors)

    def form_changed(self) -> None:
        """Something in the form was edited: take it into the draft, save, check."""
        if self.draft is None or self.target is None or self._loading:
            return
        target = self.target
        if target[0] == "t":
            edited = self.query_one(TemplateForm).read(self.draft)
            if edited == self.draft:
                return
            self.draft = edited
        elif target[0] == "s":
            section = self.sections[target[1]]
            edited = self.query_one(SectionForm).read(section)
            if edited == section:
                return
            self.sections[target[1]] = edited
        else:
            items = self.sections[target[1]]["items"]
            edited = self.query_one(ItemForm).read(items[target[2]])
            if edited == items[target[2]]:
                return
            items[target[2]] = edited
        self.changed()

    def hand_over_edits(self) -> None:
        """Take what the form shows into the draft (and the writer's queue) now,
        not when its Changed message arrives: quitting, leaving or a dialog on
        top must not lose the last keystroke."""
        if self.is_mounted and self.target is not None:
            self.form_changed()

    def on_screen_suspend(self) -> None:
        self.hand_over_edits()

    def on_input_changed(self) -> None:
        self.form_changed()

    def on_text_area_changed(self) -> None:
        self.form_changed()

    def on_checkbox_changed(self) -> None:
        self.form_changed()

    def on_tick_list_changed(self) -> None:
        self.form_changed()

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "item-answer-type":
            form = self.query_one(ItemForm)
            kind = event.value
            form.show_answer_fields(kind)
            if kind == "single_choice" and not form.option_rows():
                # A choice needs two options: start with two to fill in.
                await self.set_options([{"value": "1", "label": "", "flag": False},
                                        {"value": "2", "label": "", "flag": False}])
        self.form_changed()

    # --------------------------------------------------------- save + check
    def changed(self, *, structure: bool = False) -> None:
        if not self.changed_elsewhere:  # otherwise said once, and the header keeps saying it
            self.app.save_office(self._save, copy.deepcopy(self.draft), on_refused=self.save_refused)
        self.validate()
        if structure:
            self.rebuild_outline()
        else:
            self.refresh_marks()
        self.show_problems()
        self.refresh_header()

    def _changed_elsewhere_error(self):
        from inspector.checklists.errors import ChecklistError

        return ChecklistError("draft_changed", "changed elsewhere", id=self.template_id)

    def validate(self) -> None:
        self.problems = check(self.draft)

    def has_problem(self, target: tuple) -> bool:
        if target == TEMPLATE:
            return any(p.section is None for p in self.problems)
        if target[0] == "s":
            return any(p.section == target[1] and p.item is None for p in self.problems)
        return any(p.target == (target[1], target[2]) for p in self.problems)

    def problems_of(self, target: tuple) -> list[Problem]:
        if target == TEMPLATE:
            return [p for p in self.problems if p.section is None]
        if target[0] == "s":
            return [p for p in self.problems if p.section == target[1] and p.item is None]
        return [p for p in self.problems if p.target == (target[1], target[2])]

    def refresh_marks(self) -> None:
        """Redraw the outline rows whose text or mark may have changed."""
        outline = self.query_one(Outline)
        current = self.target
        for target in self.targets():
            key = option_id(target)
            bad = self.has_problem(target)
            if target == current or self._marked.get(key) != bad:
                self._marked[key] = bad
                try:
                    outline.replace_option_prompt(key, self.describe(target))
                except OptionDoesNotExist:
                    pass

    def describe_problem(self, problem: Problem) -> str:
        return self.t("checklists.problem_line", where=part_label(problem.where, self.lang),
                      field=field_label(problem.field, self.lang), message=problem_message(problem, self.lang))

    def show_problems(self) -> None:
        box = self.query_one("#form-problems", Static)
        found = self.problems_of(self.target) if self.target else []
        box.display = bool(found)
        text = Text()
        for problem in found:
            text.append("✗ " + self.t("editor.problem_here", field=field_label(problem.field, self.lang),
                                      message=problem_message(problem, self.lang)) + "\n")
        text.rstrip()  # (a last line break showed as an empty line above the fields)
        box.update(text)

    def refresh_header(self) -> None:
        if self.draft is None:
            return
        header = Text(no_wrap=True, overflow="ellipsis")
        header.append(self.template_id, style="bold")
        based = self.t("editor.based_on", version=self.based_on) if self.based_on else self.t("editor.new")
        items = sum(len(s.get("items", [])) for s in self.sections)
        header.append(f"  {based}  {self.t('editor.counts', sections=len(self.sections), items=items)}  ")
        if self.changed_elsewhere:
            header.append(self.t("editor.changed_elsewhere"), style="bold white on red")
        elif self.problems:
            header.append(self.t("editor.invalid", count=len(self.problems)), style="bold white on red")
        else:
            header.append(self.t("editor.valid"), style="bold green")
        self.query_one("#editor-header", Static).update(header)

    @on(Button.Pressed, "#add-option")
    async def add_option_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_add_option()

    # ------------------------------------------------------- leave, publish
    async def action_back(self) -> None:
        from inspector.checklists.versions import discard_if_unchanged

        self.hand_over_edits()
        if self.in_form():
            if not await self.take_back_fresh():
                self.query_one(Outline).focus()
            return
        # Looking is not editing: a draft still equal to its version goes, so
        # the list does not show drafts nobody made.
        self.app.save_office(discard_if_unchanged, self.template_id)
        if self.problems:
            self.notify(self.t("editor.left_with_problems", count=len(self.problems)), markup=False,
                        severity="warning")
        self.app.pop_screen()

    async def go_to(self, problem: Problem | None) -> None:
        if problem is None:
            return
        if problem.section is None:
            target = TEMPLATE
        elif problem.item is None:
            target = ("s", problem.section)
        else:
            target = ("i", problem.section, problem.item)
        await self.show(target)
        widget = self.field_widget(target[0], problem.field)
        if widget is None:
            self.query_one(Outline).focus()
            return
        widget.focus()  # and scrolled to: the form is long, the field may be far below
        self.call_after_refresh(self.query_one("#editor-form").scroll_to_widget, widget, animate=False)

    def field_widget(self, kind: str, path: str) -> Widget | None:
        """The widget that edits `path` of the part shown (a problem's field);
        None when no one widget does (the part as a whole)."""
        found: Widget | None = None
        if kind in FIELDS:
            selector = FIELDS[kind].get(path)
            if selector is None and kind == "i" and path.split(".")[:1] == ["answer"]:
                found = self.answer_widget(path.split(".")[1:])
            elif selector is not None:
                found = self.query_one(selector)
        if found is None or found.focusable:
            return found
        return next((w for w in found.query("*") if w.focusable), None)  # a tick list: its first box

    def answer_widget(self, parts: list[str]) -> Widget | None:
        form = self.query_one(ItemForm)
        if parts and parts[0] == "options":
            rows = form.option_rows()
            if len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(rows):
                name = parts[2] if len(parts) > 2 else "value"
                return rows[int(parts[1])].query_one(".opt-" + name.replace("_", "-"))
            return rows[0].query_one(".opt-label") if rows else self.query_one("#add-option")
        kind = form.answer_type()
        if parts and parts[0] in ("min", "max", "step", "unit") and kind in ("number", "score"):
            try:
                return self.query_one(f"#{kind}-{parts[0]}")
            except NoMatches:
                return None
        return self.query_one("#item-answer-type")

    def list_problems(self, title: str) -> None:
        from ..dialogs.checklist_problems import ChecklistProblemsDialog

        self.app.push_screen(ChecklistProblemsDialog(self.lang, self.problems, title, self.describe_problem),
                             self.go_to)

    def action_problems(self) -> None:
        self.hand_over_edits()
        if not self.problems:
            self.notify(self.t("editor.no_problems"), markup=False)
            return
        self.list_problems(self.t("editor.problems_title", count=len(self.problems)))

    def action_publish(self) -> None:
        if self.draft is None:
            return
        if self.changed_elsewhere:  # what is stored is not what is on screen
            self.app.report_error(self._changed_elsewhere_error())
            return
        self.hand_over_edits()
        if self.problems:
            self.list_problems(self.t("editor.cannot_publish", count=len(self.problems)))
            return
        # Through the writer: every save queued before is in the draft it checks.
        self.app.save_office(preview_for_publishing, self.template_id, on_saved=self.confirm_publish)

    def confirm_publish(self, previewed) -> None:
        from inspector.checklists.versions import automatic_summary

        from ..dialogs.publish import PublishDialog
        from ..widgets.changes import DiffView

        changes, titles = previewed
        dialog = PublishDialog(self.lang, self.template_id, changes.new.version,
                               DiffView(changes, self.lang, titles=titles), automatic_summary(changes, self.lang))
        self.app.push_screen(dialog, self.publish)

    def publish(self, summary: str | None) -> None:
        from inspector.checklists.versions import publish

        if summary is None:
            return
        self.app.save_office(publish, self.template_id, summary, lang=self.lang, by=self.app.office_user,
                             on_saved=self.done)

    def done(self, published) -> None:
        self.published = published
        self.notify(self.t("editor.published", id=published.template.id, version=published.template.version),
                    markup=False)
        self.app.pop_screen()
