"""The visit summary: scores, negative-list hits, problems by severity and
category, innovations, follow-up verdicts, and what is still missing."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from inspector.i18n import label
from inspector.inspection.answers import item_prompt
from inspector.inspection.gaps import find_gaps
from inspector.inspection.scoring import section_scores, veto_hits

from ..bindings import localize_bindings


class VisitSummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("F", "finish", "key.finish_or_reopen"),
        Binding("escape", "app.pop_screen", "key.back"),
    ]

    def __init__(self, visit_screen) -> None:
        super().__init__()
        self.visit_screen = visit_screen
        self.lang = visit_screen.lang
        localize_bindings(self, self.lang)

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Static(id="summary-body")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()
        self.query_one("#summary").focus()

    def on_screen_resume(self) -> None:
        self.redraw()

    def action_finish(self) -> None:
        self.app.pop_screen()
        self.visit_screen.action_finish()

    def redraw(self) -> None:
        s = self.visit_screen.snapshot
        lang = self.lang
        parts = []

        title = Text(s.project.name, style="bold")
        title.append(f"  {s.visit.date.isoformat()}  {self.t('sep.names').join(s.visit.inspectors)}", style="dim")
        state = self.t("summary.finished") if s.visit.status == "finished" else self.t("summary.in_progress")
        title.append(f"  {state}", style="bold")
        parts.append(title)

        hits = veto_hits(s.entries, s.values)
        if hits:
            lines = Text(self.t("summary.veto_warning"), style="bold")
            for entry in hits:
                lines.append(f"\n✗ {item_prompt(entry.item, lang)}")
            parts.append(Panel(lines, title=self.t("summary.veto_title"), style="bold white on red"))

        scores, total = section_scores(s.entries, s.values)
        if scores:
            table = Table(title=self.t("summary.scores"), title_justify="left", expand=False, box=None,
                          padding=(0, 2))
            table.add_column(self.t("summary.section"))
            table.add_column(self.t("summary.score"), justify="right")
            table.add_column(self.t("summary.answered"), justify="right")
            for score in scores:
                title = score.title_en if lang == "en" and score.title_en else score.title
                table.add_row(Text(title), f"{score.earned:g} / {score.maximum:g}",
                              f"{score.answered}/{score.scored}")
            table.add_row(Text(self.t("summary.total"), style="bold"),
                          Text(f"{total.earned:g} / {total.maximum:g}", style="bold"),
                          f"{total.answered}/{total.scored}")
            parts.append(table)

        problems = [p for p in s.problems if p.status != "closed"]
        heading = Text(self.t("summary.problems", count=len(problems)), style="bold")
        by_severity = Counter(p.severity for p in problems)
        by_category = Counter(p.category for p in problems)
        heading.append("\n" + "  ".join(
            f"{label('Severity', k, lang)} {by_severity[k]}" for k in ("severe", "major", "minor") if by_severity[k]
        ) or "")
        if by_category:
            heading.append("\n" + "  ".join(f"{label('ProblemCategory', k, lang)} {n}"
                                            for k, n in by_category.most_common()), style="dim")
        parts.append(heading)

        innovations = Text(self.t("summary.innovations", count=len(s.innovations),
                                  replicable=sum(i.replicable for i in s.innovations)), style="bold")
        for innovation in s.innovations:
            innovations.append(f"\n· {innovation.title}", style="")
        parts.append(innovations)

        verdicts = Counter(f.verdict for f in s.follow_ups.values())
        follow = Text(self.t("summary.follow_ups", judged=len(s.follow_ups), total=len(s.carried)), style="bold")
        if verdicts:
            follow.append("\n" + "  ".join(f"{label('Verdict', k, lang)} {n}" for k, n in verdicts.most_common()))
        parts.append(follow)

        gaps = find_gaps(s) if s.visit.status == "in_progress" else []
        missing = Text(self.t("summary.missing", count=len(gaps)), style="bold yellow" if gaps else "bold green")
        counts = Counter(g.kind for g in gaps)
        for kind, n in counts.items():
            missing.append(f"\n· {self.t('summary.gap_' + kind, count=n)}", style="")
        parts.append(missing)

        self.query_one("#summary-body", Static).update(Group(*[Group(p, Text("")) for p in parts]))
