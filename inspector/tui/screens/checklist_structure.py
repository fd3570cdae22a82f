"""Changing the shape of a checklist draft in the editor: adding, taking back,
duplicating, removing and moving sections and items, and an item's options.
A mixin of ChecklistEditorScreen, which owns the draft, the form and saving."""

from __future__ import annotations

import copy

from inspector.checklists import editing

from ..widgets.checklist_forms import CHANGES, ItemForm, OptionRow

TEMPLATE = ("t",)


class DraftShape:
    # ------------------------------------------------------------ structure
    def where(self) -> tuple[int | None, int | None]:
        target = self.target or TEMPLATE
        if target[0] == "i":
            return target[1], target[2]
        if target[0] == "s":
            return target[1], None
        return None, None

    async def restructured(self, draft: dict, target: tuple) -> None:
        self.draft = draft
        self.changed(structure=True)
        await self.show(target)

    async def add_item(self) -> None:
        section, item = self.where()
        if section is None:
            if not self.sections:
                await self.add_section()
                return
            section = 0
        was = self.target
        draft, (s, i) = editing.add_item(self.draft, section, item)
        await self.restructured(draft, ("i", s, i))
        self._fresh = (("i", s, i), copy.deepcopy(self.sections[s]["items"][i]), was)
        self.focus_form()

    async def add_section(self) -> None:
        was = self.target
        section, _ = self.where()
        draft, (s, _) = editing.add_section(self.draft, section)
        await self.restructured(draft, ("s", s))
        self._fresh = (("s", s), copy.deepcopy(self.sections[s]), was)
        self.focus_form()

    async def take_back_fresh(self) -> bool:
        """Remove the part just added if nothing was typed into it; True if it was."""
        fresh, self._fresh = self._fresh, None
        if fresh is None or fresh[0] != self.target:
            return False
        (kind, s, *i), added, was = fresh
        if kind == "i":
            if self.sections[s]["items"][i[0]] != added:
                return False
            draft, _ = editing.remove_item(self.draft, s, i[0])
        else:
            if self.sections[s] != added:
                return False
            draft, _ = editing.remove_section(self.draft, s)
        await self.restructured(draft, was or self.first_target())  # where was: before the part, unmoved
        self.query_one("#outline").focus()
        return True

    async def duplicate(self) -> None:
        section, item = self.where()
        if section is None:
            return
        if item is None:
            draft, (s, _) = editing.duplicate_section(self.draft, section)
            await self.restructured(draft, ("s", s))
        else:
            draft, (s, i) = editing.duplicate_item(self.draft, section, item)
            await self.restructured(draft, ("i", s, i))

    def remove_part(self) -> None:
        from ..dialogs.text_prompt import ConfirmDialog

        section, item = self.where()
        if section is None:
            return
        if item is None:
            chosen = self.sections[section]
            title = self.t("editor.remove_section_title")
            question = self.t("editor.remove_section", id=chosen.get("id") or "", name=chosen.get("title") or "",
                              count=len(chosen.get("items", [])))
        else:
            # By id and words: two items can read alike, and a blank one has only its id.
            chosen = self.sections[section]["items"][item]
            title = self.t("editor.remove_item_title")
            question = self.t("editor.remove_item", id=chosen.get("id") or "",
                              name=chosen.get("prompt") or self.t("editor.untitled"))

        async def confirmed(yes) -> None:
            if not yes:
                return
            if item is None:
                draft, (s, _) = editing.remove_section(self.draft, section)
                target = TEMPLATE if s is None else ("s", s)
            else:
                draft, (s, i) = editing.remove_item(self.draft, section, item)
                target = ("s", s) if i is None else ("i", s, i)
            await self.restructured(draft, target)

        self.app.push_screen(ConfirmDialog(self.lang, title, question, destructive=True, yes=self.t("key.remove")),
                             confirmed)

    async def move(self, delta: int) -> None:
        section, item = self.where()
        if section is None:
            return
        if item is None:
            draft, (s, _) = editing.move_section(self.draft, section, delta)
            target = ("s", s)
        else:
            draft, (s, i) = editing.move_item(self.draft, section, item, delta)
            target = ("i", s, i)
        if draft != self.draft:
            await self.restructured(draft, target)

    # -------------------------------------------------------------- options
    def focused_option(self) -> OptionRow | None:
        focused = self.focused
        if focused is None:
            return None
        return next((node for node in focused.ancestors_with_self if isinstance(node, OptionRow)), None)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "add_option":
            if self.target is None or self.target[0] != "i" or not self.in_form():
                return False
            return self.query_one(ItemForm).answer_type() == "single_choice"
        if action in ("remove_option", "move_option"):
            return self.focused_option() is not None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    async def action_add_option(self) -> None:
        form = self.query_one(ItemForm)
        rows = form.option_rows()
        options = [row.read() for row in rows]
        here = self.focused_option()
        index = rows.index(here) + 1 if here in rows else len(options)
        taken = {o["value"] for o in options}
        number = len(options) + 1
        while str(number) in taken:
            number += 1
        options.insert(index, {"value": str(number), "label": "", "label_en": None, "score": None, "flag": False})
        await self.replace_options(options, focus=index)

    def option_here(self) -> tuple[list[OptionRow], int] | None:
        """The option rows and the index of the focused one, if one is."""
        rows = self.query_one(ItemForm).option_rows()
        here = self.focused_option()
        return (rows, rows.index(here)) if here in rows else None

    async def action_remove_option(self) -> None:
        if (found := self.option_here()) is None:
            return
        rows, index = found
        options = [row.read() for i, row in enumerate(rows) if i != index]
        await self.replace_options(options, focus=min(index, len(options) - 1))

    async def action_move_option(self, delta: int) -> None:
        if (found := self.option_here()) is None:
            return
        rows, index = found
        target = index + delta
        if not 0 <= target < len(rows):
            return
        options = [row.read() for row in rows]
        options[index], options[target] = options[target], options[index]
        await self.replace_options(options, focus=target)

    async def set_options(self, options: list[dict]) -> None:
        """New option rows, mounted before the form may be read again."""
        async with self._showing:
            self._loading = True
            try:
                with self.prevent(*CHANGES):
                    await self.query_one(ItemForm).set_options(options)
            finally:
                self._loading = False

    async def replace_options(self, options: list[dict], *, focus: int | None = None) -> None:
        form = self.query_one(ItemForm)
        await self.set_options(options)
        self.form_changed()
        rows = form.option_rows()
        if focus is not None and 0 <= focus < len(rows):
            rows[focus].query_one(".opt-label").focus()
