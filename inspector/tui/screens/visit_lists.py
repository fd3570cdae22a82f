"""The visit's problem list (问题清单), innovation list (创新清单) and the
follow-up of earlier problems (复查). Each edits through the visit screen's
snapshot and the store's writer."""

from __future__ import annotations


from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from inspector.i18n import label, labels
from inspector.inspection import record

from ..bindings import localize_bindings
from ..widgets.cells import EMPTY, clip, clip_text


class VisitListScreen(Screen[None]):
    """A titled table of the visit's records; subclasses fill rows and edit them."""

    BINDINGS = [Binding("escape", "app.pop_screen", "key.back")]
    TITLE_KEY = ""

    def __init__(self, visit_screen) -> None:
        super().__init__()
        self.visit_screen = visit_screen
        self.lang = visit_screen.lang
        localize_bindings(self, self.lang)

    @property
    def snapshot(self):
        return self.visit_screen.snapshot

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    def compose(self) -> ComposeResult:
        yield Static(id="list-title", markup=False)
        yield DataTable(id="records", cursor_type="row", zebra_stripes=True)
        yield Static(id="list-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        columns = self.columns()
        fixed = sum(w for _, w in columns if w) + 2 * len(columns) + 2
        # the text column takes what the fixed ones leave, so the last columns stay on screen
        self.widths = [width or max(self.app.size.width - fixed, 12) for _, width in columns]
        for (title, _), width in zip(columns, self.widths):
            table.add_column(clip(title, width), width=width)
        self.redraw()
        table.focus()

    @staticmethod
    def fits(title: str, values=(), cap: int = 12) -> int:
        """Cells for a column: its title and every value it may show, in this
        language, up to `cap`; a longer value is cut with "⋯" (redraw)."""
        return min(max(cell_len(title), *(cell_len(v) for v in values), 1), cap)

    def count(self) -> int:
        return len(self.rows())

    def marked(self, record_id: str, text: str, style: str = "") -> Text:
        return _sent_back_mark(self, record_id, text, style)

    def redraw(self) -> None:
        table = self.query_one(DataTable)
        keep = self.current_key()  # the cursor stays on the same record when rows re-sort
        row = table.cursor_row
        table.clear()
        rows = self.rows()
        for key, cells in rows:
            table.add_row(*(clip_text(cell if isinstance(cell, Text) else Text(cell), width)
                            for cell, width in zip(cells, self.widths)), key=key)
        if rows:
            keys = [k for k, _ in rows]
            table.move_cursor(row=keys.index(keep) if keep in keys else min(row, len(rows) - 1))
        title = Text(self.t(self.TITLE_KEY, count=self.count()), style="bold")
        title.append(f"  {self.snapshot.project.name}", style="dim")
        self.query_one("#list-title", Static).update(title)
        empty = self.query_one("#list-empty", Static)
        empty.display = not rows
        empty.update(self.t("list.records_empty"))
        if self.visit_screen.read_only:
            empty.display = True
            empty.update(self.t("visit.read_only_hint") if rows else self.t("list.records_empty"))

    def current_key(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def writable(self) -> bool:
        if self.visit_screen.read_only:
            self.notify(self.t("visit.read_only_hint"), severity="warning", timeout=4)
            return False
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.edit(event.row_key.value)

    def action_edit_current(self) -> None:
        key = self.current_key()
        if key:
            self.edit(key)


    PHOTO_KIND = ""

    def photo_target(self, key: str):
        """(id, screen title for a number of photos) of the record the photos of row `key` belong to, or None."""
        return None

    def action_photos(self) -> None:
        key = self.current_key()
        target = self.photo_target(key) if key else None
        if target is None:
            self.notify(self.t("photos.needs_record"), timeout=3)
            return
        from .photos import PhotoScreen

        target_id, title = target
        self.app.push_screen(PhotoScreen(self.visit_screen, self.PHOTO_KIND, target_id, title))

    def action_new(self) -> None:
        if self.writable():
            self._form()

    def _form(self, record=None) -> None:  # pragma: no cover - lists that add records say how
        raise NotImplementedError

    def columns(self) -> list[str]:  # pragma: no cover
        raise NotImplementedError

    def rows(self) -> list[tuple[str, list]]:  # pragma: no cover
        raise NotImplementedError

    def edit(self, key: str) -> None:  # pragma: no cover
        raise NotImplementedError


def _sent_back_mark(screen, record_id: str, text: str, style: str) -> Text:
    """The text, after a mark when the office sent the record back (退回)."""
    if any(item.record_id == record_id for item in getattr(screen.visit_screen, "sent_back", ())):
        marked = Text(f"[{screen.t('sentback.mark')}] ", style="bold yellow", no_wrap=True)
        marked.append(text, style=style)
        return marked
    return _short(text, style=style)


def _short(text: str, style: str = "") -> Text:
    return Text(text, no_wrap=True, style=style)  # cut to its column, with "⋯", by redraw


class ProblemListScreen(VisitListScreen):
    BINDINGS = [
        Binding("a", "new", "key.new_problem"),
        Binding("t", "photos", "key.photos"),
        Binding("enter", "edit_current", "key.edit", show=False),
        Binding("d", "withdraw", "key.withdraw"),
        *VisitListScreen.BINDINGS,
    ]
    TITLE_KEY = "problems.title"
    PHOTO_KIND = "problem"

    def photo_target(self, key: str):
        problem = next((p for p in self.snapshot.problems if str(p.id) == key), None)
        return (problem.id, lambda count: self.t("photos.title", count=count, item=problem.description)) if problem else None

    def columns(self) -> list[tuple[str, int | None]]:
        severity, category, unit, status = (self.t("problem.severity"), self.t("problem.category"),
                                            self.t("list.col.responsible"), self.t("problem.status"))
        statuses = [*labels("ProblemStatus", self.lang).values(), self.t("problem.withdrawn")]
        return [(severity, self.fits(severity, labels("Severity", self.lang).values())),
                (category, self.fits(category, labels("ProblemCategory", self.lang).values())),
                (self.t("problem.description"), None), (unit, self.fits(unit, ("-" * 10,))),
                (self.t("problem.deadline"), 10), (status, self.fits(status, statuses))]

    def rows(self):
        severity_style = {"severe": "bold red", "major": "yellow", "minor": ""}
        order = {"severe": 0, "major": 1, "minor": 2}
        problems = sorted(self.snapshot.problems, key=lambda p: (p.status == "closed", order[p.severity]))
        rows = []
        for p in problems:
            closed = p.status == "closed"  # withdrawn: kept on record, shown struck through
            dim = "dim strike" if closed else ""
            rows.append((str(p.id), [
                Text(label("Severity", p.severity, self.lang), style=dim or severity_style[p.severity]),
                Text(label("ProblemCategory", p.category, self.lang), style=dim),
                self.marked(str(p.id), p.description, dim),
                _short(p.responsible_unit or EMPTY, style=dim),
                Text(p.deadline.isoformat() if p.deadline else EMPTY, style=dim),
                Text(self.t("problem.withdrawn") if closed else label("ProblemStatus", p.status, self.lang),
                     style="dim" if closed else ""),
            ]))
        return rows

    def count(self) -> int:
        return sum(1 for p in self.snapshot.problems if p.status != "closed")

    def _form(self, problem=None) -> None:
        self.visit_screen.open_problem_form(problem=problem, after=lambda saved: self.redraw())

    def saved(self, problem) -> None:
        entry = None
        if problem.item is not None:
            entry = next((e for e in self.snapshot.entries if e.ref == problem.item), None)
        self.visit_screen.problem_saved(problem, entry)
        self.redraw()

    def edit(self, key: str) -> None:
        if not self.writable():
            return
        problem = next((p for p in self.snapshot.problems if str(p.id) == key), None)
        if problem is not None and problem.status != "closed":
            self._form(problem)

    def action_withdraw(self) -> None:
        key = self.current_key()
        if key is None or not self.writable():
            return
        from ..dialogs.text_prompt import TextPrompt

        def done(reason: str | None) -> None:
            if reason:
                self.app.save(record.withdraw_problem, self.visit_screen.visit_id, key, reason,
                              on_saved=self.saved)

        problem = next(p for p in self.snapshot.problems if str(p.id) == key)
        if problem.status == "closed":
            return
        self.app.push_screen(TextPrompt(self.lang, self.t("problem.withdraw_title", description=problem.description),
                                        self.t("problem.withdraw_label")), done)


class InnovationListScreen(VisitListScreen):
    BINDINGS = [
        Binding("i", "new", "key.new_innovation"),
        Binding("t", "photos", "key.photos"),
        Binding("enter", "edit_current", "key.edit", show=False),
        *VisitListScreen.BINDINGS,
    ]
    TITLE_KEY = "innovations.title"
    PHOTO_KIND = "innovation"

    def photo_target(self, key: str):
        innovation = next((i for i in self.snapshot.innovations if str(i.id) == key), None)
        return (innovation.id, lambda count: self.t("photos.title", count=count, item=innovation.title)) if innovation else None

    def columns(self) -> list[tuple[str, int | None]]:
        category, scenario, replicable = (self.t("innovation.category"), self.t("innovation.scenario"),
                                          self.t("list.col.replicable"))
        return [(category, self.fits(category, labels("InnovationCategory", self.lang).values(), 20)),
                (scenario, self.fits(scenario, labels("Scenario", self.lang).values(), 14)),
                (self.t("innovation.title"), None), (replicable, self.fits(replicable, (self.t("yes"), self.t("no"))))]

    def rows(self):
        return [
            (str(i.id), [
                label("InnovationCategory", i.category, self.lang),
                label("Scenario", i.scenario, self.lang),
                self.marked(str(i.id), i.title),
                self.t("yes") if i.replicable else self.t("no"),
            ])
            for i in self.snapshot.innovations
        ]

    def _form(self, innovation=None) -> None:
        self.visit_screen.open_innovation_form(innovation=innovation, after=lambda saved: self.redraw())

    def edit(self, key: str) -> None:
        if not self.writable():
            return
        innovation = next((i for i in self.snapshot.innovations if str(i.id) == key), None)
        if innovation is not None:
            self._form(innovation)


class FollowUpScreen(VisitListScreen):
    BINDINGS = [
        Binding("enter", "edit_current", "key.verdict"),
        Binding("t", "photos", "key.photos"),
        *VisitListScreen.BINDINGS,
    ]
    TITLE_KEY = "followups.title"
    PHOTO_KIND = "follow_up"

    def photo_target(self, key: str):
        # evidence of a verdict: there is something to attach to once the verdict is given
        follow_up = self.snapshot.follow_ups.get(key)
        carried = self.snapshot.carried
        number = next((n for n, p in enumerate(carried, start=1) if str(p.id) == key), None)
        if follow_up is None or number is None:
            return None
        # the verdict's photos say which earlier problem they prove, and what was found
        problem = carried[number - 1]
        verdict = label("Verdict", follow_up.verdict, self.lang)
        return (follow_up.id, lambda count: self.t("photos.verdict_title", count=count, number=number,
                                                   total=len(carried), verdict=verdict,
                                                   problem=problem.description))

    def columns(self) -> list[tuple[str, int | None]]:
        severity, status, verdict = self.t("problem.severity"), self.t("problem.status"), self.t("followup.verdict")
        return [(severity, self.fits(severity, labels("Severity", self.lang).values())),
                (self.t("problem.description"), None), (self.t("problem.deadline"), 10),
                (status, self.fits(status, labels("ProblemStatus", self.lang).values())),
                (verdict, self.fits(verdict, [*labels("Verdict", self.lang).values(), self.t("followup.pending")],
                                    16))]

    def rows(self):
        rows = []
        for p in self.snapshot.carried:
            follow_up = self.snapshot.follow_ups.get(str(p.id))
            verdict = Text(label("Verdict", follow_up.verdict, self.lang), style="bold") if follow_up \
                else Text(self.t("followup.pending"), style="bold yellow")
            rows.append((str(p.id), [
                label("Severity", p.severity, self.lang), _short(p.description),
                p.deadline.isoformat() if p.deadline else EMPTY, label("ProblemStatus", p.status, self.lang),
                verdict,
            ]))
        return rows

    def edit(self, key: str) -> None:
        if not self.writable():
            return
        problem = next(p for p in self.snapshot.carried if str(p.id) == key)
        self.visit_screen.open_verdict_form(problem, after=lambda pair: self.redraw())
