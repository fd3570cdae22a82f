"""One checklist item: what to check, how, and the answer given so far."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from inspector.i18n import label
from inspector.inspection.answers import FAIL, NA, PASS, is_finding, item_prompt
from inspector.inspection.checklist import Entry
from inspector.inspection.snapshot import VisitSnapshot
from inspector.models.vocab import EvidenceType, Scenario

from .evidence import EvidenceTicks


class ItemPanel(VerticalScroll, can_focus=False):
    """Filled by `show(entry, snapshot)`; emits nothing itself: the visit
    screen listens to its buttons and fields."""

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.entry: Entry | None = None

    def t(self, key: str, **fields) -> str:
        from inspector.i18n import t

        return t(key, self.lang, **fields)

    def compose(self) -> ComposeResult:
        yield Static(id="item-head", markup=False)
        yield Static(id="item-prompt", markup=False)
        yield Static(id="item-guidance", markup=False)
        yield Static(id="item-answer", markup=False)
        yield Vertical(id="answer-buttons")
        yield Input(id="value", compact=True)
        yield Label(self.t("item.note"), id="note-label")
        yield TextArea(id="note", soft_wrap=True, compact=True)
        yield Label(self.t("item.evidence_used"), id="evidence-label")
        yield EvidenceTicks(self.lang, id="evidence")
        yield Static(id="item-findings", markup=False)

    def show(self, entry: Entry, snapshot: VisitSnapshot, *, read_only: bool, keep_focused: bool = False) -> None:
        """Fill every part for `entry`. Setting field values posts Changed
        messages; the screen ignores those that equal what is stored. With
        `keep_focused`, a field the user is typing in keeps what it shows."""
        self.entry = entry
        item = entry.item
        answer = snapshot.answers.get(entry.key)
        value = answer.value if answer else None

        head = Text(no_wrap=False)
        section = entry.section.title_en if self.lang == "en" and entry.section.title_en else entry.section.title
        head.append(section, style="bold")
        scenario = label(Scenario, item.scenario, self.lang)
        if scenario not in section:  # "党建统领 · 党建统领" says nothing twice
            head.append(f" · {scenario}", style="dim")
        if item.required:
            head.append(f" · {self.t('item.required')}", style="bold yellow")
        if item.veto:
            head.append(f" · {self.t('item.veto')}", style="bold red")
        if item.max_score is not None:
            head.append(f" · {self.t('item.max_score', score=f'{item.max_score:g}')}", style="dim")
        if not entry.applies:
            reasons = self.t("sep.clauses").join(self.t(f"hidden.{r}") for r in entry.hidden_because)
            head.append(f"\n{self.t('item.hidden', reasons=reasons)}", style="italic")
        self.query_one("#item-head", Static).update(head)

        self.query_one("#item-prompt", Static).update(Text(item_prompt(item, self.lang), style="bold"))
        guidance = item.guidance if self.lang == "zh" or not item.guidance_en else item.guidance_en
        evidence = self.t("sep.names").join(label(EvidenceType, e, self.lang) for e in item.evidence)
        text = Text(guidance, style="")
        if evidence:
            text.append(("\n" if guidance else "") + self.t("item.evidence_expected", evidence=evidence),
                        style="dim")
        self.query_one("#item-guidance", Static).update(text)

        line = self.describe(entry, value)
        # on the answer's line, seen without scrolling: the photos are the answer's evidence
        photos = snapshot.photo_count("answer", answer.id) if answer else 0
        line.append(f"  ·  {self.t('photos.on_item', count=photos)}", style="bold" if photos else "dim")
        self.query_one("#item-answer", Static).update(line)
        self._buttons(entry, value, read_only)

        box = self.query_one("#value", Input)
        kind = item.answer.type
        box.display = kind in ("score", "number", "date", "text")
        if box.display:
            box.placeholder = self.value_hint(entry)
            shown = "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
            if box.value != shown and not (keep_focused and box.has_focus):
                box.value = shown
            box.disabled = read_only
        note = self.query_one("#note", TextArea)
        stored_note = answer.note if answer else ""
        if note.text != stored_note and not (keep_focused and note.has_focus):
            note.text = stored_note
        note.read_only = read_only
        ticks = self.query_one("#evidence", EvidenceTicks)
        used = set(answer.evidence_used if answer else [])
        ticks.offer(snapshot.vocabularies.get("evidence_type"), used)
        if set(ticks.selected) != used and not (keep_focused and ticks.has_focus_within):
            ticks.set_selected(used)
        ticks.disabled = read_only

        findings = Text()
        for problem in snapshot.problems_for(entry):
            findings.append(f"{self.t('item.problem')} ", style="bold red")
            findings.append(f"[{label('Severity', problem.severity, self.lang)}] {problem.description}\n")
        if answer and answer.no_problem_reason:
            findings.append(f"{self.t('item.no_problem_reason')} ", style="bold")
            findings.append(answer.no_problem_reason + "\n")
        for innovation in snapshot.innovations_for(entry):
            findings.append(f"{self.t('item.innovation')} ", style="bold green")
            findings.append(innovation.title + "\n")
        if entry.template.kind == "problem" and is_finding(item, value) and not snapshot.problems_for(entry) \
                and not (answer and answer.no_problem_reason):
            findings.append(self.t("item.finding_needs_problem"), style="bold yellow")
        self.query_one("#item-findings", Static).update(findings)

    def describe(self, entry: Entry, value: object) -> Text:
        item = entry.item
        text = Text()
        text.append(self.t("item.answer"), style="bold")
        if self.lang != "zh":
            text.append(" ")
        if value is None:
            text.append(self.t("item.unanswered"), style="dim")
        elif item.answer.type == "pass_fail":
            style = {PASS: "bold green", FAIL: "bold red", NA: "dim"}[value]
            text.append(self.t(f"answer.{value}"), style=style)
        elif item.answer.type == "single_choice":
            option = next((o for o in item.answer.options if o.value == value), None)
            if option is not None:
                text.append(self.option_label(option), style="bold red" if option.flag else "bold")
        elif item.answer.type == "number":
            text.append(f"{value:g} {item.answer.unit}", style="bold")
        elif item.answer.type == "score":
            text.append(f"{value:g} / {item.answer.max:g}", style="bold")
        else:
            text.append(str(value), style="bold")
        return text

    def option_label(self, option) -> str:
        return option.label_en if self.lang == "en" and option.label_en else option.label

    def value_hint(self, entry: Entry) -> str:
        spec = entry.item.answer
        if spec.type == "number":
            return self.t("item.hint_number", unit=spec.unit)
        if spec.type == "score":
            return self.t("item.hint_score", low=f"{spec.min:g}", high=f"{spec.max:g}")
        if spec.type == "date":
            return "YYYY-MM-DD"
        return self.t("item.hint_text")

    def _buttons(self, entry: Entry, value: object, read_only: bool) -> None:
        # Buttons carry their action in `name`, not `id`: the old row is still
        # being removed while the new one mounts, and ids would clash.
        row = self.query_one("#answer-buttons", Vertical)
        row.remove_children()
        spec = entry.item.answer
        buttons: list[Button] = []
        if spec.type == "pass_fail":
            row.set_class(True, "-across")
            for key, code in (("p", PASS), ("f", FAIL), ("n", NA)):
                buttons.append(Button(f"{key} {self.t('answer.' + code)}", name=f"answer-{code}", compact=True,
                                      variant="primary" if value == code else "default"))
        elif spec.type == "single_choice":
            row.set_class(False, "-across")  # one option a line: long options stay readable
            for number, option in enumerate(spec.options[:9], start=1):
                buttons.append(Button(f"{number} {self.option_label(option)}", name=f"choose-{number}",
                                      compact=True, variant="primary" if value == option.value else "default"))
        for button in buttons:
            button.disabled = read_only
            button.can_focus = False  # keys answer; buttons are for the mouse
        row.display = bool(buttons)
        if buttons:
            row.mount_all(buttons)
