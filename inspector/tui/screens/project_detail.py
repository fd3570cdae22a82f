"""One project: its attributes, declared scenarios, problems to re-check and visits."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from rich.columns import Columns
from rich.table import Table
from rich.text import Text

from inspector.i18n import label, labels
from inspector.models.vocab import (
    City, CreationType, Orientation, ProblemCategory, ProblemStatus, Scenario, ScenarioRole, Severity,
)

from ..bindings import localize_bindings


class DetailScroll(VerticalScroll):
    """The page body; says in the footer that it scrolls."""

    BINDINGS = [
        Binding("up", "scroll_up", "key.scroll", key_display="↑↓"),
        Binding("down", "scroll_down", "key.scroll", show=False),
    ]

    def __init__(self, *, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        localize_bindings(self, lang)


class ProjectDetailScreen(Screen[None]):
    BINDINGS = [
        Binding("v", "visit", "key.visit"),
        Binding("o", "open_visit", "key.open_visit"),
        Binding("b", "sent_back", "key.sent_back"),
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("backspace", "app.pop_screen", show=False),
        Binding("q", "app.pop_screen", show=False),
    ]

    class Loaded(Message):
        def __init__(self, project, problems, visits, identity, position, sent_back=()) -> None:
            super().__init__()
            self.sent_back = list(sent_back)  # what the office sent back on this project (store.sentback)
            self.project = project
            self.problems = problems
            self.visits = visits
            self.identity = identity
            self.position = position  # (screen, item) where the visit in progress was left

    def __init__(self, code: str, lang: str) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.code = code
        self.loaded = False
        self.project = None
        self.visits = []
        self.identity = None
        self.position = None
        self.sent_back = []

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "sent_back":
            return bool(self.sent_back)  # the key shows only when something was sent back
        return True

    def action_sent_back(self) -> None:
        from .sent_back import SentBackScreen

        if self.sent_back:
            self.app.push_screen(SentBackScreen(self.app.lang, code=self.code))

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load()  # a visit may have started or finished meanwhile

    def action_visit(self) -> None:
        """Resume the visit in progress where it was left, or start one."""
        if self.project is None:
            return
        from inspector.inspection import record

        current = next((v for v in self.visits if v.status == "in_progress"), None)
        if current is not None:
            screen, item = self.position or ("checklist", None)
            self.app.open_visit(str(current.id), start_at=item, screen=screen)
            return
        from datetime import date

        from ..dialogs.start_visit import StartVisitDialog

        identity = self.identity
        if identity is None:
            self.notify(self.app.t("visit.no_identity"), severity="error", timeout=6)
            return

        def done(result) -> None:
            if result is None:
                return
            self.app.save(record.start_visit, self.code, result.on, result.inspectors, result.note,
                          on_saved=lambda visit: self.app.open_visit(str(visit.id)))

        def start(ok: bool | None = True) -> None:
            if ok:
                self.app.push_screen(StartVisitDialog(self.app.lang, self.project.name, identity.inspector_name,
                                                      date.today()), done)

        if self.visits:  # finished before: a new visit is a deliberate choice, not a slip of v
            from ..dialogs.text_prompt import ConfirmDialog

            last = self.visits[0]
            self.app.push_screen(ConfirmDialog(self.app.lang, self.app.t("visit.again_title"),
                                               self.app.t("visit.again", date=last.date.isoformat())), start)
        else:
            start()

    def action_open_visit(self) -> None:
        """Open the newest visit, finished ones too (read-only until reopened)."""
        if self.visits:
            self.app.open_visit(str(self.visits[0].id))
        else:
            self.notify(self.app.t("detail.no_visits"), timeout=3)

    def compose(self) -> ComposeResult:
        yield Static(self.code, id="title")
        with DetailScroll(id="detail", lang=self.app.lang):
            for widget in (Static(classes="heading", id="sentback-heading"), Static(id="sentback")):
                widget.display = False  # until something sent back is loaded
                yield widget
            yield Static(id="attributes")
            yield Static(classes="heading", id="scenarios-heading")
            yield Static(id="scenarios")
            yield Static(classes="heading", id="problems-heading")
            yield Static(id="problems")
            yield Static(classes="heading", id="visits-heading")
            yield Static(id="visits")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#detail").focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        import sqlite3

        from pydantic import ValidationError

        from inspector.store.positions import position
        from inspector.store import get_project, problems_to_recheck, visits_of
        from inspector.store.identity import current_identity
        from inspector.store.sentback import sent_back_on_project

        try:
            db = self.app.open_reader()
            try:
                visits = visits_of(db, self.code)
                current = next((v for v in visits if v.status == "in_progress"), None)
                loaded = self.Loaded(
                    get_project(db, self.code), problems_to_recheck(db, self.code), visits,
                    current_identity(db), position(db, current.id) if current else None,
                    sent_back_on_project(db, self.code),
                )
            finally:
                db.close()
        except (sqlite3.Error, OSError, ValidationError) as exc:
            self.app.call_from_thread(
                self.app.notify,
                self.app.t("app.db_error", path=self.app.settings.db_path, error=exc),
                severity="error",
                markup=False,
            )
            return
        self.post_message(loaded)

    def on_project_detail_screen_loaded(self, message: Loaded) -> None:
        app = self.app
        lang = app.lang
        tr = app.t
        project = message.project
        self.loaded = True
        self.project = project
        self.visits = message.visits
        self.identity = message.identity
        self.position = message.position
        if project is None:
            self.app.pop_screen()
            return
        # Names are data, never markup: a '[' in a project name must print as itself.
        self.query_one("#title", Static).update(Text.assemble(project.name, "  ", (project.code, "dim")))

        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="bold", no_wrap=True)
        facts.add_column()
        unknown = tr("detail.unknown")

        def row(key: str, value: object) -> None:
            facts.add_row(tr(key), Text(str(value) if value not in (None, "") else unknown))

        row("detail.code", project.code)
        row("detail.city", f"{label(City, project.city, lang)} · {project.district}")
        row("detail.type", label(CreationType, project.creation_type, lang))
        row("detail.orientation", label(Orientation, project.orientation, lang))
        row("detail.batch", project.batch)
        row("detail.setting", tr("detail.rural") if project.rural else tr("detail.urban"))
        row("detail.lead_unit", project.lead_unit)
        contact = None
        if project.contact:
            contact = project.contact.name + (f"  {project.contact.phone}" if project.contact.phone else "")
        row("detail.contact", contact)
        row("detail.operator", project.operator)
        row("detail.households", project.households)
        investment = None
        if project.investment_wan is not None:
            investment = tr("detail.investment_value", wan=f"{project.investment_wan:,}",
                            million=f"{project.investment_wan / 100:,.2f}".rstrip("0").rstrip("."))
        row("detail.investment", investment)
        row("detail.location", project.location.address if project.location else None)
        self.query_one("#attributes", Static).update(facts)
        self.show_sent_back(message.sent_back)

        self.query_one("#scenarios-heading", Static).update(tr("detail.scenarios"))
        if project.scenarios:
            # Each declaration is one unbreakable cell: "Services (standard)" never splits.
            cells = [
                Text(tr("detail.scenario_role", scenario=label(Scenario, scenario, lang),
                        role=label(ScenarioRole, role, lang)),
                     style="bold" if role == "standard" else "dim", no_wrap=True)
                for scenario, role in project.scenarios.items()
            ]
            self.query_one("#scenarios", Static).update(Columns(cells, padding=(0, 2)))
        else:
            self.query_one("#scenarios", Static).update(tr("detail.no_scenarios"))

        self.query_one("#problems-heading", Static).update(tr("detail.problems", count=len(message.problems)))
        if message.problems:
            table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
            table.add_column(no_wrap=True)
            table.add_column(ratio=1, overflow="fold")  # CJK has no spaces to wrap at
            for problem in message.problems:
                severity = label(Severity, problem.severity, lang)
                style = {"severe": "bold red", "major": "yellow"}.get(problem.severity, "")
                meta = []
                if problem.deadline:  # first, so the date stays next to its label
                    meta.append(tr("detail.deadline", date=problem.deadline.isoformat()))
                meta += [label(Scenario, problem.scenario, lang), label(ProblemCategory, problem.category, lang),
                         label(ProblemStatus, problem.status, lang)]
                if problem.responsible_unit:
                    meta.append(problem.responsible_unit)
                body = Text(problem.description)
                body.append("\n" + " · ".join(meta), style="dim")
                table.add_row(Text(f"[{severity}]", style=style), body)
            self.query_one("#problems", Static).update(table)
        else:
            self.query_one("#problems", Static).update(tr("detail.no_problems"))

        self.query_one("#visits-heading", Static).update(tr("detail.visits"))
        if message.visits:
            lines = Text()
            for visit in message.visits:
                state = "in_progress" if visit.status == "in_progress" else "finished"
                lines.append(f"{visit.date.isoformat()}  ")
                lines.append(labels("VisitState", lang)[state], style="bold" if state == "in_progress" else "")
                lines.append(f"  {tr('sep.names').join(visit.inspectors)}\n")
            hint = "detail.resume_hint" if any(v.status == "in_progress" for v in message.visits) \
                else "detail.start_hint"
            lines.append(tr(hint), style="dim")
            self.query_one("#visits", Static).update(lines)
        else:
            self.query_one("#visits", Static).update(Text(tr("detail.no_visits") + "\n" + tr("detail.start_hint")))

    def show_sent_back(self, items) -> None:
        """First on the page, as the office's questions wait for an answer:
        how many, each record with what the office asks (the first few; b
        lists them all)."""
        from .sent_back import item_lines

        self.sent_back = items
        self.refresh_bindings()
        heading, body = self.query_one("#sentback-heading", Static), self.query_one("#sentback", Static)
        heading.display = body.display = bool(items)
        if not items:
            return
        waiting = sum(1 for item in items if not item.answered)
        heading.update(Text(self.app.t("sentback.heading", count=len(items), open=waiting), style="bold yellow"))
        lines = Text()
        for item in items[:3]:
            lines.append_text(item_lines(self.app, item))
            lines.append("\n")
        if len(items) > 3:
            lines.append("…\n", style="dim")
        lines.append(self.app.t("sentback.hint") + "\n", style="dim")
        body.update(lines)
