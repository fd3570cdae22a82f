"""Small dialogs of the office's review steps on one record: a value in
full (a conflict's long field), the record a duplicate joins, a
problem's wording edited with a reason, and an innovation's grade."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from inspector.i18n import labels

from .base import Dialog, field


class FullValueDialog(Dialog[bool]):
    """A field's values, each side in full, wrapped; OK or Esc closes."""

    SUBMIT_KEY = None  # reads; saves nothing

    DEFAULT_CSS = """
    FullValueDialog .full-value { width: 100%; height: auto; }
    """

    def __init__(self, lang: str, title: str, sides: list[tuple[str, str]]) -> None:
        super().__init__(lang)
        self._title = title
        self.sides = sides

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        for side, value in self.sides:
            yield Label(self.t("otui_review.full_side", side=side), markup=False)
            yield Static(Text(value), classes="full-value")

    def on_mount(self) -> None:
        self.query_one("#ok").focus()

    def collect(self) -> bool | None:
        return True


class DuplicateChooser(Dialog[object]):
    """Which record of the same project and kind this one duplicates:
    a list of candidates, each with its state, inspector and description."""

    SUBMIT_KEY = "key.otui_choose_record"

    DEFAULT_CSS = """
    DuplicateChooser #merge-candidates { height: auto; max-height: 10; }
    """

    def __init__(self, lang: str, title: str, candidates: list) -> None:
        super().__init__(lang)
        self._title = title
        self.candidates = candidates  # queue rows (office/review/queue.QueueRow)

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        yield Label(self.t("otui_review.merge_hint"), markup=False)
        states = labels("ReviewState", self.lang)
        options = []
        for index, row in enumerate(self.candidates):
            number = f"{row.number} · " if row.number else ""
            text = number + self.t("otui_review.merge_candidate", state=states.get(row.state, row.state),
                                   inspector=row.inspector_name, summary=" ".join(row.summary.split()))
            options.append(Option(Text(text), id=str(index)))  # user text, never markup
        yield OptionList(*options, id="merge-candidates")

    def on_mount(self) -> None:
        options = self.query_one("#merge-candidates", OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.candidates[int(event.option.id)])

    def collect(self):
        options = self.query_one("#merge-candidates", OptionList)
        if options.highlighted is None:
            return None
        return self.candidates[options.highlighted]


# A problem's wording: what a reviewer may change (office/review/edits.EDITABLE["problem"]).
WORDING = ("description", "severity", "category", "responsible_unit", "deadline")


class EditWordingDialog(Dialog[dict]):
    """A problem's description, severity, category, responsible unit and
    deadline, as the record holds them now, and a reason (required). Returns
    {"changes": {field: value}, "reason": text} with only what changed, each
    value as office/review/edits.parse_value reads what was typed."""

    def __init__(self, lang: str, title: str, data: dict) -> None:
        super().__init__(lang)
        self._title = title
        self.data = data

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        yield Label(self.t("otui_review.edit_hint"), markup=False)
        data = self.data
        name = lambda f: self.t(f"otui.field.{f}")  # noqa: E731
        yield field(name("description"), Input(data.get("description") or "", id="description", compact=True,
                                               select_on_focus=False))
        severities = [(word, code) for code, word in labels("Severity", self.lang).items()]
        yield field(name("severity"), Select(severities, value=data.get("severity") or Select.BLANK, id="severity",
                                             allow_blank=False, compact=True))
        categories = [(word, code) for code, word in labels("ProblemCategory", self.lang).items()]
        yield field(name("category"), Select(categories, value=data.get("category") or Select.BLANK, id="category",
                                             allow_blank=False, compact=True))
        yield field(name("responsible_unit"), Input(data.get("responsible_unit") or "", id="responsible_unit",
                                                    compact=True, select_on_focus=False))
        yield field(name("deadline"), Input(data.get("deadline") or "", id="deadline", compact=True,
                                            placeholder="2026-12-31", select_on_focus=False))
        yield field(self.t("otui_review.edit_reason"), Input("", id="reason", compact=True, select_on_focus=False))

    def on_mount(self) -> None:
        self.query_one("#description", Input).focus()

    def collect(self) -> dict | None:
        from inspector.office.review import ReviewRefused
        from inspector.office.review.edits import parse_value
        from inspector.office.review.words import refusal

        changes = {}
        for name in WORDING:
            widget = self.query_one(f"#{name}")
            typed = widget.value if isinstance(widget, Input) else str(widget.value)
            try:
                value = parse_value("problem", name, typed)
            except ReviewRefused as exc:
                self.refuse_at(widget, refusal(exc, self.lang))
                return None
            stored = value.isoformat() if hasattr(value, "isoformat") else value
            before = self.data.get(name)
            if name in ("responsible_unit", "deadline"):
                before = before or None  # empty and none are one: no unit, no deadline
            if stored != before:
                changes[name] = value
        if not changes:
            self.refuse(self.t("otui_review.edit_nothing"))
            return None
        reason = self.query_one("#reason", Input)
        if not reason.value.strip():
            self.refuse_at(reason, self.t("dialog.required"))
            return None
        return {"changes": changes, "reason": reason.value.strip()}


class GradeDialog(Dialog[dict]):
    """An innovation's grade (可复制推广 / 值得关注 / 一般 / none), whether it is a
    typical case (典型案例) for the report, and the caption the report prints
    under it. Returns {"grade": code or None, "typical": bool, "caption": text}."""

    def __init__(self, lang: str, title: str, current) -> None:
        super().__init__(lang)
        self._title = title
        self.current = current  # office/review/innovations.Grade

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        from ..widgets.evidence import TickBox

        grades = [(self.t("otui_review.grade_none"), "")] + [
            (word, code) for code, word in labels("InnovationGrade", self.lang).items()]
        yield field(self.t("otui_review.grade"), Select(grades, value=self.current.grade or "", id="grade",
                                                        allow_blank=False, compact=True))
        yield TickBox(self.t("otui_review.typical"), value=self.current.typical, id="typical", compact=True)
        yield field(self.t("otui_review.caption"), Input(self.current.caption or "", id="caption", compact=True,
                                                         select_on_focus=False))

    def on_mount(self) -> None:
        self.query_one("#grade", Select).focus()

    def collect(self) -> dict | None:
        from inspector.office.review.innovations import MAX_CAPTION

        caption = self.query_one("#caption", Input)
        if len(caption.value.strip()) > MAX_CAPTION:
            self.refuse_at(caption, self.t("otui_review.caption_long", limit=MAX_CAPTION))
            return None
        grade = str(self.query_one("#grade", Select).value) or None
        return {"grade": grade, "typical": bool(self.query_one("#typical").value), "caption": caption.value.strip()}
