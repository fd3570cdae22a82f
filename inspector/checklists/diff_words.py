"""A checklist diff in the words the editor uses: fields by the names of its
form, sections by their titles, codes as words, options by their name.

One wording for every place a diff is shown: the command line prints `lines`,
the editor (tui/widgets/changes.py) styles the same `rows`, so the two never
say different things ("（party）" in one, "（党建统领）" in the other)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.i18n import labels, t

from .diff import MISSING, FieldChange, TemplateDiff
from .wording import field_label

# the vocabulary a field's codes come from, so they show as words
VOCABULARY = {
    "kind": "ChecklistKind", "scenario": "Scenario", "evidence": "EvidenceType", "answer.type": "AnswerType",
    "problem_category": "ProblemCategory", "innovation_category": "InnovationCategory",
    "applies.setting": "Setting", "applies.creation_types": "CreationType", "applies.orientations": "Orientation",
    "applies.declared_scenario": "Scenario", "applies.scenario_roles": "ScenarioRole",
}


@dataclass(frozen=True)
class DiffRow:
    """One line of a diff. `sign` is "+", "-", "~" (or "" for the header and
    "no changes"); a field's row carries its change, worded."""

    prefix: str  # what goes before the text: "+ ", "    " …
    sign: str
    text: str  # the whole line after the prefix, as plain text
    change: FieldChange | None = None
    label: str = ""  # a field's row: its name as the line starts it ("检查内容：")
    before: str = ""  # its values in words
    after: str = ""


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


class DiffWords:
    """The rows of a diff, worded in `lang`."""

    def __init__(self, changes: TemplateDiff, lang: str, *, titles: dict | None = None,
                 old_label: str | None = None, new_label: str | None = None) -> None:
        self.lang = lang
        self.titles = titles or {}  # section id -> (title, English title)
        self.rows: list[DiffRow] = []
        self._build(changes, old_label, new_label)

    @property
    def lines(self) -> list[str]:
        """Plain text; a changed field as "name：before → after", in full."""
        return [row.prefix + row.text for row in self.rows]

    def t(self, key: str, **fields) -> str:
        return t(key, self.lang, **fields)

    def title(self, section_id: str) -> str:
        """A section by its title (its id when it has none): an item's place."""
        title, title_en = self.titles.get(section_id, ("", None))
        return (title_en if self.lang == "en" and title_en else title) or section_id

    def section(self, section_id: str) -> str:
        """A section by its title and id: the section itself."""
        title = self.title(section_id)
        return self.t("diff.section_name", title=title, id=section_id) if title != section_id else section_id

    def add(self, sign: str, key: str, **fields) -> None:
        text = self.t(key, **fields)
        prefix = f"{sign} " if sign else ""
        self.rows.append(DiffRow(prefix, sign, text.removeprefix(prefix)))

    def _build(self, changes: TemplateDiff, old_label: str | None, new_label: str | None) -> None:
        ref = changes.new or changes.old
        old = old_label or (f"v{changes.old.version}" if changes.old else "—")
        new = new_label or (f"v{changes.new.version}" if changes.new else "—")
        self.add("", "diff.header", id=ref.id if ref else "", old=old, new=new, **changes.counts())
        if changes.empty:
            self.add("", "diff.same")
            return
        if changes.template:
            self.add("~", "diff.template")
            self.fields(changes.template)
        for sid in changes.sections_added:
            self.add("+", "diff.section_added", section=self.section(sid))
        for sid in changes.sections_removed:
            self.add("-", "diff.section_removed", section=self.section(sid))
        for section in changes.sections_changed:
            self.add("~", "diff.section_changed", section=self.section(section.section))
            self.fields(section.changes)
        for sign, key, placed in [("+", "diff.added", p) for p in changes.added] + \
                                 [("-", "diff.removed", p) for p in changes.removed]:
            self.add(sign, key, item=placed.item, section=self.title(placed.section),
                     prompt=" ".join((placed.prompt_en if self.lang == "en" and placed.prompt_en
                                      else placed.prompt).split()))
        for item in changes.changed:
            self.add("~", "diff.changed", item=item.item, section=self.title(item.section))
            self.fields(item.changes)

    def fields(self, changes) -> None:
        for change in changes:
            name = field_label(change.path, self.lang)
            before, after = self.value(change.path, change.old), self.value(change.path, change.new)
            if before == after:  # absent before, empty now ("— → —"): no change a person could see
                continue
            text = self.t("diff.field", path=name, old=before, new=after).lstrip()
            lead = self.t("editor.problem_here", field=name, message="")
            self.rows.append(DiffRow("    ", "", text, change, lead, before, after))

    def value(self, path: str, value: Any) -> str:
        """A value in words: — for nothing, 是/否, codes named, options by their name."""
        if value is MISSING or value is None or value == []:
            return "—"
        if isinstance(value, bool):
            return self.t("diff.yes" if value else "diff.no")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        names = labels(VOCABULARY[path], self.lang) if path in VOCABULARY else {}
        if path == "section":  # an item moved: from which section to which, by title
            return self.title(str(value))
        if path == "sections (order)":  # sections by their titles, as the editor lists them
            return self.t("diff.list_separator").join(self.title(str(v)) for v in value)
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


def diff_lines(changes: TemplateDiff, lang: str = "zh", *, titles: dict | None = None,
               old_label: str | None = None, new_label: str | None = None) -> list[str]:
    """The diff as lines a person reads (the command line's form)."""
    return DiffWords(changes, lang, titles=titles, old_label=old_label, new_label=new_label).lines
