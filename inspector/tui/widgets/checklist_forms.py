"""The checklist editor's forms: the template's head, a section, an item.

Each form shows one part of the draft (`load`) and reads it back as draft
data with every field present (`read`), so the editor can tell a real edit
from the echo of loading and save only the former. Numbers typed as text
that is not a number are kept as typed: the draft may be invalid while it is
edited, and validation says what is wrong at that field."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from inspector.i18n import labels, t
from inspector.models.tags import KINDS as TAG_KINDS
from inspector.models.tags import codes as tag_codes
from inspector.models.tags import kind_name, tag_name

from ..dialogs.base import field
from .evidence import TickBox

ANSWER_TYPES = ("pass_fail", "single_choice", "score", "number", "text", "date")
SETTINGS = ("any", "urban", "rural")
ROLES = ("standard", "optional")



class TickList(Vertical):
    """Codes to tick, in a grid of tick boxes (a ticked box reads [X] without
    colour). `selected` keeps the order things were ticked in: evidence is
    listed in the order the template gives it."""

    class Changed(Message):
        def __init__(self, ticks: "TickList") -> None:
            super().__init__()
            self.ticks = ticks

        @property
        def control(self) -> "TickList":
            return self.ticks

    def __init__(self, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.choices = choices
        self._order: list[str] = []

    def compose(self) -> ComposeResult:
        for name, code in self.choices:
            box = TickBox(name, False, compact=True)
            box.code = code
            yield box

    @property
    def selected(self) -> list[str]:
        return list(self._order)

    def set_selected(self, codes) -> None:
        known = {code for _, code in self.choices}
        self._order = [code for code in dict.fromkeys(codes or []) if code in known]
        for box in self.query(TickBox):
            box.value = box.code in self._order

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        code = event.checkbox.code
        if event.value and code not in self._order:
            self._order.append(code)
        elif not event.value and code in self._order:
            self._order.remove(code)
        self.post_message(self.Changed(self))


CHANGES = (Input.Changed, TextArea.Changed, Select.Changed, Checkbox.Changed, TickList.Changed)


def number_text(value) -> str:
    """A stored number as it is typed: 5.0 shows as 5; text kept as typed."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def typed_number(text: str):
    """What was typed, as a number when it is one; None when empty."""
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return text  # kept as typed; validation points at it
    return number if math.isfinite(number) else text


def block(label: str, widget) -> Vertical:
    """A label above its field (text areas, tick lists): together, so the
    label can light up while its field has the focus."""
    return Vertical(Label(label, markup=False), widget, classes="block")


def show_text(field: Input, text: str) -> None:
    """Give a field a new value, shown from its start. An Input keeps its
    cursor, and with it its scroll, when its value is set: a long text edited
    at its end would show the next item's text from the middle."""
    field.value = text
    field.cursor_position = 0


def short_input(value: str = "", **kwargs) -> Input:
    """A field for a code or a number: focusing it selects the whole value, so
    typing replaces it (typing 2 into a score of 1 gives 2, not 12)."""
    return Input(value, compact=True, select_on_focus=True, **kwargs)


def text_input(value: str = "", **kwargs) -> Input:
    """A field for words: focusing it keeps the text and puts the cursor in it."""
    return Input(value, compact=True, select_on_focus=False, **kwargs)


class LineArea(TextArea):
    """One line of text (a prompt), wrapped over a few rows so it is read whole
    while it is edited. Enter adds no line break; pasted ones become spaces."""

    BINDINGS = [
        Binding("ctrl+home", "text_start", show=False),
        Binding("ctrl+end", "text_end", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(soft_wrap=True, compact=True, **kwargs)

    def action_text_start(self) -> None:
        self.move_cursor((0, 0))  # home and end keep to the row on screen, as in any wrapped text

    def action_text_end(self) -> None:
        self.move_cursor(self.document.end)

    async def _on_key(self, event) -> None:
        if event.key == "enter":
            event.prevent_default()  # TextArea's own handler would insert "\n"
            event.stop()

    async def _on_paste(self, event) -> None:
        event.prevent_default()
        if self.read_only:
            return
        result = self.replace(" ".join(event.text.split("\n")).replace("\r", ""), *self.selection)
        self.move_cursor(result.end_location)


def optional(text: str) -> str | None:
    return text if text.strip() else None


def set_select(select: Select, value) -> None:
    """Show `value`; blank when it is not one of the choices (the draft's value
    stays until something is chosen: only a change is saved)."""
    try:
        select.value = Select.NULL if value is None else value
    except InvalidSelectValueError:
        try:
            select.clear()
        except InvalidSelectValueError:
            pass  # a required choice keeps what it showed


class OptionRow(Vertical):
    """One choice of a single-choice item: code, name, score, flag; English name below."""

    DEFAULT_CLASSES = "option-row"

    def __init__(self, option: dict, lang: str) -> None:
        super().__init__()
        self.option = option
        self.lang = lang

    def compose(self) -> ComposeResult:
        # Code, name and score on the first line (the name as wide as it can
        # be: at 80 columns it is what must be read), flag and English below.
        o = self.option
        with HorizontalGroup():
            yield short_input(str(o.get("value") or ""), placeholder=t("editor.field.option.value", self.lang),
                              classes="opt-value")
            yield text_input(o.get("label") or "", placeholder=t("editor.field.option.label", self.lang),
                             classes="opt-label")
            yield short_input(number_text(o.get("score")), placeholder=t("editor.field.option.score", self.lang),
                              classes="opt-score")
        with HorizontalGroup():
            yield TickBox(t("editor.field.option.flag", self.lang), bool(o.get("flag")), classes="opt-flag",
                          compact=True)
            yield text_input(o.get("label_en") or "", placeholder=t("editor.field.option.label_en", self.lang),
                             classes="opt-label-en")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_position = 0  # a long name shows its start (a new Input puts its cursor at the end)

    def read(self) -> dict:
        return {
            "value": self.query_one(".opt-value", Input).value,
            "label": self.query_one(".opt-label", Input).value,
            "label_en": optional(self.query_one(".opt-label-en", Input).value),
            "score": typed_number(self.query_one(".opt-score", Input).value),
            "flag": self.query_one(".opt-flag", Checkbox).value,
        }


class TemplateForm(Vertical):
    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(id="template-ident", markup=False)
        yield field(t("editor.field.title", lang), text_input(id="template-title"))
        yield field(t("editor.field.title_en", lang), text_input(id="template-title-en"))
        yield block(t("editor.field.description", lang), TextArea(id="template-description", soft_wrap=True,
                                                                  compact=True))

    def load(self, draft: dict) -> None:
        kind = draft.get("kind")
        kind_name = labels("ChecklistKind", self.lang).get(kind, str(kind))
        self.query_one("#template-ident", Static).update(f"{draft.get('id')} · {kind_name}")
        show_text(self.query_one("#template-title", Input), draft.get("title") or "")
        show_text(self.query_one("#template-title-en", Input), draft.get("title_en") or "")
        self.query_one("#template-description", TextArea).text = draft.get("description") or ""

    def read(self, draft: dict) -> dict:
        return dict(draft, title=self.query_one("#template-title", Input).value,
                    title_en=optional(self.query_one("#template-title-en", Input).value),
                    description=self.query_one("#template-description", TextArea).text)


class SectionForm(Vertical):
    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield field(t("editor.field.id", lang), short_input(id="section-id"))
        yield field(t("editor.field.title", lang), text_input(id="section-title"))
        yield field(t("editor.field.title_en", lang), text_input(id="section-title-en"))

    def load(self, section: dict) -> None:
        show_text(self.query_one("#section-id", Input), str(section.get("id") or ""))
        show_text(self.query_one("#section-title", Input), section.get("title") or "")
        show_text(self.query_one("#section-title-en", Input), section.get("title_en") or "")

    def read(self, section: dict) -> dict:
        return dict(section, id=self.query_one("#section-id", Input).value,
                    title=self.query_one("#section-title", Input).value,
                    title_en=optional(self.query_one("#section-title-en", Input).value))


class ItemForm(Vertical):
    """Every field of an item; the answer's own fields show for its type."""

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def choices(self, kind: str) -> list[tuple[str, str]]:
        return [(name, code) for code, name in labels(kind, self.lang).items()]

    def compose(self) -> ComposeResult:
        lang = self.lang

        def text(name: str, widget_id: str):
            return field(t(f"editor.field.{name}", lang), short_input(id=widget_id))

        yield text("id", "item-id")
        yield field(t("editor.field.prompt", lang), LineArea(id="item-prompt", classes="line-area"))
        yield field(t("editor.field.prompt_en", lang), LineArea(id="item-prompt-en", classes="line-area"))
        yield block(t("editor.field.guidance", lang), TextArea(id="item-guidance", soft_wrap=True, compact=True))
        yield block(t("editor.field.guidance_en", lang), TextArea(id="item-guidance-en", soft_wrap=True,
                                                                 compact=True))
        yield field(t("editor.field.scenario", lang), Select(self.choices("Scenario"), allow_blank=False,
                                                            id="item-scenario", compact=True))
        yield block(t("editor.field.evidence", lang), TickList(self.choices("EvidenceType"), id="item-evidence"))
        yield field(t("editor.field.answer", lang), Select(
            [(labels("AnswerType", lang)[a], a) for a in ANSWER_TYPES], allow_blank=False, id="item-answer-type",
            compact=True))
        with Vertical(id="answer-single_choice", classes="answer-fields"):
            yield Label(t("editor.options_hint", lang), classes="hint")
            yield Vertical(id="options")
            yield Button(t("editor.add_option", lang), id="add-option", compact=True)
        with Vertical(id="answer-number", classes="answer-fields"):
            yield text("unit", "number-unit")
            yield text("min", "number-min")
            yield text("max", "number-max")
            yield TickBox(t("editor.field.integer", lang), id="number-integer", compact=True)
        with Vertical(id="answer-score", classes="answer-fields"):
            yield text("min", "score-min")
            yield text("max", "score-max")
            yield text("step", "score-step")
        with Vertical(id="answer-text", classes="answer-fields"):
            yield TickBox(t("editor.field.multiline", lang), id="text-multiline", compact=True)
        yield text("max_score", "item-max-score")
        with HorizontalGroup(classes="ticks"):
            yield TickBox(t("editor.field.required", lang), id="item-required", compact=True)
            yield TickBox(t("editor.field.veto", lang), id="item-veto", compact=True)
        yield field(t("editor.field.problem_category", lang), Select(
            self.choices("ProblemCategory"), prompt=t("editor.none", lang), id="item-problem-category",
            compact=True))
        yield field(t("editor.field.innovation_category", lang), Select(
            self.choices("InnovationCategory"), prompt=t("editor.none", lang), id="item-innovation-category",
            compact=True))
        yield Label(t("tags.field", lang), classes="heading")
        for kind in TAG_KINDS:
            yield block(kind_name(kind, lang), TickList(
                [(tag_name(f"{kind}:{code}", lang), f"{kind}:{code}") for code in tag_codes(kind)], id=f"tags-{kind}"))
        yield Label(t("editor.field.applies", lang), classes="heading")
        yield field(t("editor.field.setting", lang), Select(
            [(labels("Setting", lang)[s], s) for s in SETTINGS], allow_blank=False, id="applies-setting",
            compact=True))
        yield block(t("editor.field.creation_types", lang), TickList(self.choices("CreationType"),
                                                                     id="applies-creation-types"))
        yield block(t("editor.field.orientations", lang), TickList(self.choices("Orientation"),
                                                                   id="applies-orientations"))
        yield field(t("editor.field.declared_scenario", lang), Select(
            self.choices("Scenario"), prompt=t("editor.none", lang), id="applies-scenario", compact=True))
        yield block(t("editor.field.scenario_roles", lang), TickList([(labels("ScenarioRole", lang)[r], r)
                                                                      for r in ROLES], id="applies-roles"))

    # ----------------------------------------------------------- showing
    def show_answer_fields(self, kind: str) -> None:
        for box in self.query(".answer-fields"):
            box.display = box.id == f"answer-{kind}"

    def option_rows(self) -> list[OptionRow]:
        return list(self.query_one("#options").query(OptionRow))

    async def set_options(self, options: list[dict]) -> None:
        box = self.query_one("#options")
        await box.remove_children()
        await box.mount_all([OptionRow(o, self.lang) for o in options])

    def load(self, item: dict) -> None:
        """Show `item` (options are set separately: mounting them is awaited)."""
        q = self.query_one
        show_text(q("#item-id", Input), str(item.get("id") or ""))
        q("#item-prompt", TextArea).text = item.get("prompt") or ""
        q("#item-prompt-en", TextArea).text = item.get("prompt_en") or ""
        q("#item-guidance", TextArea).text = item.get("guidance") or ""
        q("#item-guidance-en", TextArea).text = item.get("guidance_en") or ""
        set_select(q("#item-scenario", Select), item.get("scenario"))
        q("#item-evidence", TickList).set_selected(item.get("evidence"))
        answer = item.get("answer") if isinstance(item.get("answer"), dict) else {"type": "pass_fail"}
        kind = answer.get("type") if answer.get("type") in ANSWER_TYPES else "pass_fail"
        set_select(q("#item-answer-type", Select), kind)
        self.show_answer_fields(kind)
        show_text(q("#number-unit", Input), str(answer.get("unit") or "") if kind == "number" else "")
        show_text(q("#number-min", Input), number_text(answer.get("min")) if kind == "number" else "")
        show_text(q("#number-max", Input), number_text(answer.get("max")) if kind == "number" else "")
        q("#number-integer", Checkbox).value = bool(answer.get("integer")) if kind == "number" else False
        show_text(q("#score-min", Input), number_text(answer.get("min")) if kind == "score" else "0")
        show_text(q("#score-max", Input), number_text(answer.get("max")) if kind == "score" else "")
        show_text(q("#score-step", Input), number_text(answer.get("step")) if kind == "score" else "")
        q("#text-multiline", Checkbox).value = bool(answer.get("multiline", True)) if kind == "text" else True
        show_text(q("#item-max-score", Input), number_text(item.get("max_score")))
        q("#item-required", Checkbox).value = bool(item.get("required"))
        q("#item-veto", Checkbox).value = bool(item.get("veto"))
        set_select(q("#item-problem-category", Select), item.get("problem_category"))
        set_select(q("#item-innovation-category", Select), item.get("innovation_category"))
        tags = item.get("tags") if isinstance(item.get("tags"), list) else []
        for kind in TAG_KINDS:
            q(f"#tags-{kind}", TickList).set_selected(tags)
        applies = item.get("applies") if isinstance(item.get("applies"), dict) else {}
        set_select(q("#applies-setting", Select), applies.get("setting", "any"))
        q("#applies-creation-types", TickList).set_selected(applies.get("creation_types"))
        q("#applies-orientations", TickList).set_selected(applies.get("orientations"))
        set_select(q("#applies-scenario", Select), applies.get("declared_scenario"))
        q("#applies-roles", TickList).set_selected(applies.get("scenario_roles", list(ROLES)))

    # ----------------------------------------------------------- reading
    def answer_type(self) -> str:
        return self.query_one("#item-answer-type", Select).value

    def read_answer(self) -> dict:
        q = self.query_one
        kind = self.answer_type()
        if kind == "single_choice":
            return {"type": kind, "options": [row.read() for row in self.option_rows()]}
        if kind == "number":
            return {"type": kind, "unit": q("#number-unit", Input).value, "min": typed_number(q("#number-min",
                    Input).value), "max": typed_number(q("#number-max", Input).value),
                    "integer": q("#number-integer", Checkbox).value}
        if kind == "score":
            low = typed_number(q("#score-min", Input).value)
            return {"type": kind, "min": 0.0 if low is None else low,
                    "max": typed_number(q("#score-max", Input).value),
                    "step": typed_number(q("#score-step", Input).value)}
        if kind == "text":
            return {"type": kind, "multiline": q("#text-multiline", Checkbox).value}
        return {"type": kind}

    def read(self, item: dict) -> dict:
        """The item as the form shows it (keys the form does not know are kept)."""
        q = self.query_one

        def chosen(select_id: str):
            value = q(select_id, Select).value
            return None if value is Select.NULL else value

        return dict(
            item,
            id=q("#item-id", Input).value,
            prompt=q("#item-prompt", TextArea).text,
            prompt_en=optional(q("#item-prompt-en", TextArea).text),
            guidance=q("#item-guidance", TextArea).text,
            guidance_en=optional(q("#item-guidance-en", TextArea).text),
            scenario=q("#item-scenario", Select).value,
            evidence=list(q("#item-evidence", TickList).selected),
            answer=self.read_answer(),
            required=q("#item-required", Checkbox).value,
            applies={
                "creation_types": list(q("#applies-creation-types", TickList).selected),
                "orientations": list(q("#applies-orientations", TickList).selected),
                "setting": q("#applies-setting", Select).value,
                "declared_scenario": chosen("#applies-scenario"),
                "scenario_roles": list(q("#applies-roles", TickList).selected),
            },
            max_score=typed_number(q("#item-max-score", Input).value),
            veto=q("#item-veto", Checkbox).value,
            problem_category=chosen("#item-problem-category"),
            innovation_category=chosen("#item-innovation-category"),
            tags=self.read_tags(item.get("tags")),
        )

    def read_tags(self, before) -> list:
        """The ticked tags; a tag the office's lists do not hold (typed in a
        workbook, or from a newer list) is kept, not dropped by opening the form."""
        lists = [self.query_one(f"#tags-{kind}", TickList) for kind in TAG_KINDS]
        offered = {code for ticks in lists for _, code in ticks.choices}
        ticked = [tag for ticks in lists for tag in ticks.selected]
        before = [tag for tag in before if isinstance(tag, str)] if isinstance(before, list) else []
        kept = [tag for tag in before if tag not in offered or tag in ticked]  # in the order the item had them
        return kept + [tag for tag in ticked if tag not in kept]
