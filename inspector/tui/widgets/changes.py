"""A checklist diff as a person reads it: fields by the names the editor's form
uses, sections by their titles, codes as words, a long text shown once with
what changed marked, and wrapped lines kept under their own indent.

(inspector.checklists.diff.diff_lines stays the plain-text form for the CLI.)"""

from __future__ import annotations

from difflib import SequenceMatcher

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from inspector.checklists.diff import MISSING, TemplateDiff
from inspector.checklists.wording import field_label
from inspector.i18n import labels, t

STYLES = {"+": "green", "-": "red", "~": "yellow"}
# the vocabulary a field's codes come from, so they show as words
VOCABULARY = {
    "kind": "ChecklistKind", "scenario": "Scenario", "evidence": "EvidenceType", "answer.type": "AnswerType",
    "problem_category": "ProblemCategory", "innovation_category": "InnovationCategory",
    "applies.setting": "Setting", "applies.creation_types": "CreationType", "applies.orientations": "Orientation",
    "applies.declared_scenario": "Scenario", "applies.scenario_roles": "ScenarioRole",
}
LONG = 20  # characters: a changed text longer than this is shown once, with its changes marked


class DiffView:
    """The rows of a diff: `renderable` to show, `lines` as plain text."""

    def __init__(self, changes: TemplateDiff, lang: str, *, titles: dict | None = None,
                 old_label: str | None = None, new_label: str | None = None) -> None:
        self.lang = lang
        self.titles = titles or {}  # section id -> (title, English title)
        self.rows: list[tuple[str, Text]] = []
        self._build(changes, old_label, new_label)

    # -------------------------------------------------------------- output
    @property
    def lines(self) -> list[str]:
        return [prefix + text.plain for prefix, text in self.rows]

    @property
    def renderable(self) -> Group:
        # Each row a grid of its prefix and its text: a wrapped line stays
        # under its text, not under the sign or the indent.
        tables = []
        for prefix, text in self.rows:
            grid = Table.grid(expand=True)
            if prefix:
                grid.add_column(width=cell_len(prefix), no_wrap=True)
            grid.add_column(ratio=1)
            grid.add_row(*([Text(prefix, style=text.style)] if prefix else []), Folded(text))
            tables.append(grid)
        return Group(*tables)

    # ------------------------------------------------------------ building
    def t(self, key: str, **fields) -> str:
        return t(key, self.lang, **fields)

    def add(self, prefix: str, text: str | Text, style: str = "") -> None:
        self.rows.append((prefix, text if isinstance(text, Text) else Text(text, style=style)))

    def title(self, section_id: str) -> str:
        """A section by its title (its id when it has none): an item's place."""
        title, title_en = self.titles.get(section_id, ("", None))
        return (title_en if self.lang == "en" and title_en else title) or section_id

    def section(self, section_id: str) -> str:
        """A section by its title and id: the section itself."""
        title = self.title(section_id)
        return self.t("diff.section_name", title=title, id=section_id) if title != section_id else section_id

    def _build(self, changes: TemplateDiff, old_label: str | None, new_label: str | None) -> None:
        ref = changes.new or changes.old
        old = old_label or (f"v{changes.old.version}" if changes.old else "—")
        new = new_label or (f"v{changes.new.version}" if changes.new else "—")
        self.add("", self.t("diff.header", id=ref.id if ref else "", old=old, new=new, **changes.counts()),
                 "bold")
        if changes.empty:
            self.add("", self.t("diff.same"))
            return
        if changes.template:
            self.add("~ ", self.t("diff.template").removeprefix("~ "), STYLES["~"])
            self.fields(changes.template)
        for sid in changes.sections_added:
            self.add("+ ", self.t("diff.section_added", section=self.section(sid)).removeprefix("+ "), STYLES["+"])
        for sid in changes.sections_removed:
            self.add("- ", self.t("diff.section_removed", section=self.section(sid)).removeprefix("- "),
                     STYLES["-"])
        for section in changes.sections_changed:
            self.add("~ ", self.t("diff.section_changed", section=self.section(section.section)).removeprefix("~ "),
                     STYLES["~"])
            self.fields(section.changes)
        for sign, key, placed in [("+", "diff.added", p) for p in changes.added] + \
                                 [("-", "diff.removed", p) for p in changes.removed]:
            self.add(f"{sign} ", self.t(key, item=placed.item, section=self.title(placed.section),
                                        prompt=" ".join(placed.prompt.split())).removeprefix(f"{sign} "),
                     STYLES[sign])
        for item in changes.changed:
            self.add("~ ", self.t("diff.changed", item=item.item, section=self.title(item.section))
                     .removeprefix("~ "), STYLES["~"])
            self.fields(item.changes)

    def fields(self, changes) -> None:
        for change in changes:
            path = change.path
            text = Text(self.t("editor.problem_here", field=field_label(path, self.lang), message=""))
            before, after = self.value(path, change.old), self.value(path, change.new)
            if isinstance(change.old, str) and isinstance(change.new, str) and \
                    max(len(change.old), len(change.new)) > LONG:
                text.append_text(marked(" ".join(change.old.split()), " ".join(change.new.split())))
            else:
                text.append(before, style="red")
                text.append(" → ")
                text.append(after, style="green")
            self.add("    ", text)

    def value(self, path: str, value) -> str:
        """A value in words: — for nothing, 是/否, codes named, options by their name."""
        if value is MISSING or value is None or value == []:
            return "—"
        if isinstance(value, bool):
            return self.t("diff.yes" if value else "diff.no")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        names = labels(VOCABULARY[path], self.lang) if path in VOCABULARY else {}
        if isinstance(value, list):
            return self.t("diff.list_separator").join(names.get(v, str(v)) for v in value)
        if isinstance(value, dict):  # an option added or removed whole
            said = value.get("label") or ""
            if value.get("score") is not None:
                said += f" · {field_label('answer.options.0.score', self.lang).split(' · ')[-1]} " \
                        f"{self.value('', value['score'])}"
            if value.get("flag"):
                said += f" · {field_label('answer.options.0.flag', self.lang).split(' · ')[-1]}"
            return said
        return " ".join(names.get(value, str(value)).split())


class Folded:
    """Text wrapped as Chinese is, at any character. Rich wraps only at spaces:
    "删除 party.center（…）：<a prompt>" broke after 删除, then cut the prompt.
    A break inside a word of Latin letters moves back to the space before it."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console, options):
        width = max(options.max_width, 1)
        for line in self.text.split(allow_blank=True):
            plain, breaks, start, used = line.plain, [], 0, 0
            for index, char in enumerate(plain):
                cells = cell_len(char)
                if used + cells > width and index > start:
                    if char == " ":  # the space ends the line it does not fit on
                        breaks.append(index + 1)
                        start, used = index + 1, 0
                        continue
                    cut = index
                    if plain[index - 1].isascii() and plain[index - 1].isalnum() and char.isascii() \
                            and char.isalnum():
                        space = plain.rfind(" ", start + 1, index)
                        cut = space + 1 if space > start else index
                    breaks.append(cut)
                    start, used = cut, cell_len(plain[cut:index])
                used += cells
            for part in line.divide(breaks):
                part.rstrip()
                yield part

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement(1, options.max_width)


def marked(old: str, new: str) -> Text:
    """`new` with what it adds to `old` in green and what it drops from it in
    red and struck through: a long text read once, its change easy to find."""
    text = Text()
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            text.append(old[a1:a2], style="red strike")
        if op in ("insert", "replace"):
            text.append(new[b1:b2], style="bold green underline")
        if op == "equal":
            text.append(new[b1:b2])
    return text


def section_titles(*templates) -> dict[str, tuple[str, str | None]]:
    """Section id -> (title, English title) from templates or draft data, later ones first."""
    titles: dict[str, tuple[str, str | None]] = {}
    for template in templates:
        if template is None:
            continue
        sections = template.get("sections") if isinstance(template, dict) else template.sections
        for section in sections if isinstance(sections, list) else []:
            if isinstance(section, dict):
                if isinstance(section.get("id"), str) and isinstance(section.get("title"), str):
                    titles[section["id"]] = (section["title"], section.get("title_en"))
            else:
                titles[section.id] = (section.title, section.title_en)
    return titles
