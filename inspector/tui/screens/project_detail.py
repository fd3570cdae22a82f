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
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("backspace", "app.pop_screen", show=False),
        Binding("q", "app.pop_screen", show=False),
    ]

    class Loaded(Message):
        def __init__(self, project, problems, visits) -> None:
            super().__init__()
            self.project = project
            self.problems = problems
            self.visits = visits

    def __init__(self, code: str, lang: str) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.code = code
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Static(self.code, id="title")
        with DetailScroll(id="detail", lang=self.app.lang):
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

        from inspector.store import get_project, problems_to_recheck, visits_of

        try:
            db = self.app.open_reader()
            try:
                loaded = self.Loaded(
                    get_project(db, self.code), problems_to_recheck(db, self.code), visits_of(db, self.code)
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
                lines.append(f"{visit.date.isoformat()}  {labels('VisitState', lang)[state]}  {'、'.join(visit.inspectors)}\n")
            self.query_one("#visits", Static).update(lines)
        else:
            self.query_one("#visits", Static).update(tr("detail.no_visits"))
