"""Sections 二 to 七 of the supervision report (supervision.py writes the
rest). Each takes the `Writing` under way, writes its numbered heading and
what it has, or a sentence saying it has nothing, and ticks once."""

from __future__ import annotations

from collections import Counter

from inspector.i18n import labels

from . import figures as fig
from .gongwen import SIZE_5
from .supervision import (CASE_PHOTOS, Writing, cases, pct, ratio, typical_problems)
from .words import city_label

PROJECT_SCORES = 60  # up to this many scored projects get a row each; more: the city means alone
TENDENCY_ROWS = 30  # tendency problems listed in the table; the problem list holds the rest
OVERDUE_ROWS = 300  # the most overdue entries listed (about ten pages); the problem list holds the rest


def _severity_columns(out: Writing) -> list[str]:
    return [out.word("Severity", s) for s in fig.SEVERITIES]


def problems(out: Writing) -> None:
    """二、发现的主要问题: by city and severity, by scenario, typical problems with a photo."""
    total = out.total
    out.heading(1, out.w("report_docx.s2"))
    if not total.problems:
        out.body(out.w("report_docx.s2.none"))
        out.work.tick()
        return
    def severity(code: str) -> str:  # within an English sentence: "1 severe", not "1 Severe"
        word = out.word("Severity", code)
        return word if out.lang == "zh" else word.lower()

    parts = [out.w("report_docx.s2.severity_part", severity=severity(s), count=total.by_severity[s])
             for s in fig.SEVERITIES if total.by_severity[s]]
    out.body(out.w("report_docx.s2.summary", problems=total.problems, severities=out.joined(parts)))

    out.heading(2, out.w("report_docx.s2.by_city"))
    rows = [[out.city(f.city), f.visited, f.problems, *(f.by_severity[s] for s in fig.SEVERITIES),
             ratio(f.problems_per_project)] for f in out.figures]
    rows.append([out.w("report_docx.col.total"), total.visited, total.problems,
                 *(total.by_severity[s] for s in fig.SEVERITIES), ratio(total.problems_per_project)])
    out.table([out.col("city"), out.w("report_docx.col.visited"), out.w("report_docx.col.problems"),
               *_severity_columns(out), out.w("report_docx.col.per_project")], rows,
              widths_cm=[2.2, 2.0, 2.0, 1.9, 1.9, 1.9, 3.7])

    out.heading(2, out.w("report_docx.s2.by_scenario"))
    by_scenario: dict[str, Counter] = {}
    for problem in out.report.problems:
        by_scenario.setdefault(problem.scenario, Counter())[problem.severity] += 1
    order = list(labels("Scenario", out.lang))
    rows = [[out.word("Scenario", code), sum(counts.values()), *(counts[s] for s in fig.SEVERITIES)]
            for code, counts in sorted(by_scenario.items(),
                                       key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))]
    rows.append([out.w("report_docx.col.total"), total.problems, *(total.by_severity[s] for s in fig.SEVERITIES)])
    out.table([out.col("scenario"), out.w("report_docx.col.problems"), *_severity_columns(out)], rows,
              widths_cm=[4.4, 2.8, 2.8, 2.8, 2.8])

    out.heading(2, out.w("report_docx.s2.typical"))
    chosen, more = typical_problems(out.report)
    if not chosen:
        out.body(out.w("report_docx.s2.typical_none"))
    else:
        out.body(out.w("report_docx.s2.typical_intro"))
    for problem in chosen:
        out.heading(3, out.w("report_docx.s2.typical_heading", project=problem.project_name,
                             city=out.city(problem.city), scenario=out.word("Scenario", problem.scenario),
                             category=out.word("ProblemCategory", problem.category)))
        out.lead("report_docx.lead.project", out.w(
            "report_docx.project_line", project=problem.project_name, city=out.city(problem.city),
            district=problem.district, severity=out.word("Severity", problem.severity), ref=problem.ref))
        out.lead("report_docx.lead.found", out.w("report_docx.found_line", inspector=problem.inspector,
                                                 date=out.day(problem.found_on)))
        out.lead("report_docx.lead.description", problem.description)
        out.lead("report_docx.lead.unit", problem.unit or out.w("report_docx.unit_unknown"))
        if problem.rectification:
            kind = out.word("Rectification", problem.rectification)
            terms = (out.w("report_docx.terms_line", rectification=kind, deadline=out.day(problem.deadline))
                     if problem.deadline else out.w("report_docx.terms_open", rectification=kind))
            out.lead("report_docx.lead.terms", terms)
        if problem.photos:
            out.photos(problem.photos, problem.photos[0].caption or f"{problem.project_name} {problem.ref}", most=1)
    if more:
        out.body(out.w("report_docx.s2.typical_more", count=more))
    out.work.tick()


def negative_and_tendencies(out: Writing) -> None:
    """三、负面清单（一票否决）hits and the “四化” tendencies, or that there were none."""
    report = out.report
    out.heading(1, out.w("report_docx.s3"))
    out.heading(2, out.w("report_docx.s3.veto"))
    hits: list[tuple[str, str, str]] = []
    told: set[tuple[str, str]] = set()
    for problem in report.problems:
        if problem.veto or problem.category == fig.NEGATIVE_CATEGORY:
            hits.append((problem.city, problem.project_name, problem.description))
            told.add((problem.project_code, problem.item_prompt or ""))
    for project in report.projects:
        # a hit already told through its problem is not counted twice
        hits += [(project.city, project.name, prompt) for prompt in project.veto_hits
                 if (project.code, prompt) not in told]
    if hits:
        out.body(out.w("report_docx.s3.veto_found", projects=len({(c, p) for c, p, _ in hits}), count=len(hits)))
        out.table([out.col("seq"), out.col("city"), out.col("project"), out.w("report_docx.col.matter")],
                  [[n, out.city(c), p, matter] for n, (c, p, matter) in enumerate(hits, 1)],
                  widths_cm=[1.2, 1.8, 4.0, 8.6], centred=(0, 1))
    else:
        out.body(out.w("report_docx.s3.veto_none"))

    out.heading(2, out.w("report_docx.s3.tendency"))
    leaning = [p for p in report.problems if p.category in fig.TENDENCY_CATEGORIES]
    if leaning:
        out.body(out.w("report_docx.s3.tendency_found", count=sum(out.total.tendencies.values())))
        out.table([out.col("seq"), out.col("city"), out.col("project"), out.col("description")],
                  [[n, out.city(p.city), p.project_name, p.description]
                   for n, p in enumerate(leaning[:TENDENCY_ROWS], 1)],
                  widths_cm=[1.2, 1.8, 4.0, 8.6], centred=(0, 1))
        if len(leaning) > TENDENCY_ROWS:
            out.body(out.w("report_docx.s2.typical_more", count=len(leaning) - TENDENCY_ROWS))
    else:
        out.body(out.w("report_docx.s3.tendency_none"))
    out.work.tick()


def scores(out: Writing) -> None:
    """四、评分情况, where the checklists define scores; a sentence when they do not."""
    out.heading(1, out.w("report_docx.s4"))
    scored = [p for p in out.report.projects if p.score is not None and p.score_max]
    if not scored:
        out.body(out.w("report_docx.s4.none"))
        out.work.tick()
        return
    out.body(out.w("report_docx.s4.text", count=len(scored), mean=pct(out.total.mean_score)))
    out.body(out.w("report_docx.s4.by_city"))
    counted = Counter(p.city for p in scored)
    out.table([out.col("city"), out.w("report_docx.col.scored"), out.w("report_docx.col.mean_score")],
              [[out.city(f.city), counted[f.city], pct(f.mean_score)] for f in out.figures if counted[f.city]]
              + [[out.w("report_docx.col.total"), len(scored), pct(out.total.mean_score)]])
    if len(scored) <= PROJECT_SCORES:
        out.body(out.w("report_docx.s4.by_project"))
        rank = fig.city_rank_order()
        ordered = sorted(scored, key=lambda p: (rank(p.city), -(p.score / p.score_max), p.code))
        out.table([out.col("project"), out.col("city"), out.w("report_docx.col.score"),
                   out.w("report_docx.col.score_max"), out.w("report_docx.col.score_rate")],
                  [[p.name, out.city(p.city), _number(p.score), _number(p.score_max), pct(p.score / p.score_max)]
                   for p in ordered], widths_cm=[5.0, 2.6, 2.6, 2.6, 2.8])
    out.work.tick()


def _number(value: float) -> str:
    return f"{value:g}"


def innovations(out: Writing) -> None:
    """五、典型创新案例: typical cases first, then replicable ones, with photos and captions."""
    total = out.total
    out.heading(1, out.w("report_docx.s5"))
    chosen, more = cases(out.report)
    if total.innovations:
        out.body(out.w("report_docx.s5.text", count=total.innovations, replicable=total.replicable,
                       typical=total.typical))
    if not chosen:
        out.body(out.w("report_docx.s5.none"))
    for case in chosen:
        out.heading(2, out.w("report_docx.s5.heading", project=case.project_name, title=case.title,
                             city=out.city(case.city), scenario=out.word("Scenario", case.scenario)))
        out.lead("report_docx.lead.project", f"{case.project_name}（{out.city(case.city)}{case.district}）"
                 if out.lang == "zh" else f"{case.project_name} ({case.district}, {out.city(case.city)})")
        out.lead("report_docx.lead.title", case.title)
        out.lead("report_docx.lead.practice", case.description)
        if case.photos:
            out.photos(case.photos, case.caption or case.photos[0].caption or case.title, most=CASE_PHOTOS)
    if more:
        out.body(out.w("report_docx.s5.more", count=more))
    out.work.tick()


def rectification(out: Writing) -> None:
    """六、往期问题整改情况: rates per city, and every overdue entry."""
    total = out.total
    out.heading(1, out.w("report_docx.s6"))
    earlier = total.earlier
    if earlier.entries:
        out.body(out.w("report_docx.s6.text", entries=earlier.entries, closed=earlier.closed, rate=pct(earlier.rate),
                       due=earlier.due, on_time=earlier.on_time, on_time_rate=pct(earlier.on_time_rate),
                       overdue=earlier.overdue))
    else:
        out.body(out.w("report_docx.s6.none"))
    continuing = earlier.continuing + total.this_round.continuing
    if continuing:
        out.body(out.w("report_docx.s6.continuing", count=continuing))
    if total.this_round.entries:
        out.body(out.w("report_docx.s6.this_round", entries=total.this_round.entries,
                       closed=total.this_round.closed))
    if earlier.entries:
        out.heading(2, out.w("report_docx.s6.by_city"))

        def line(name: str, r: fig.Rectification) -> list:
            return [name, r.entries, r.closed, pct(r.rate), r.due, r.on_time, pct(r.on_time_rate), r.overdue]

        out.table([out.col("city")] + [out.w(f"report_docx.col.{c}") for c in
                                       ("entries", "closed", "rate", "due", "on_time", "on_time_rate",
                                        "overdue_count")],
                  [line(out.city(f.city), f.earlier) for f in out.figures if f.earlier.entries]
                  + [line(out.w("report_docx.col.total"), earlier)], size=SIZE_5,
                  widths_cm=[1.8, 1.9, 1.7, 1.9, 1.7, 2.0, 2.6, 1.9])
    late = fig.overdue(out.report)
    out.heading(2, out.w("report_docx.s6.overdue"))
    if late:
        out.body(out.w("report_docx.s6.overdue_text", date=out.day(out.report.today), count=len(late)))
        out.table([out.col("seq"), out.col("number"), out.col("project"), out.col("unit"), out.col("deadline"),
                   out.col("overdue")],
                  [[n, r.number, r.project_name, r.unit or out.w("report.none"),
                    r.deadline.isoformat() if r.deadline else "", r.days_overdue]
                   for n, r in enumerate(late[:OVERDUE_ROWS], 1)],
                  widths_cm=[1.2, 3.2, 3.4, 3.6, 2.2, 2.0], size=SIZE_5, centred=(0, 1, 4, 5))
        if len(late) > OVERDUE_ROWS:
            out.body(out.w("report_docx.s2.typical_more", count=len(late) - OVERDUE_ROWS))
    else:
        out.body(out.w("report_docx.s6.overdue_none"))
    out.work.tick()


def ranking(out: Writing) -> None:
    """七、各地市排名 by the rule in figures.py (stated in the notes)."""
    out.heading(1, out.w("report_docx.s7"))
    ranked = fig.ranking(out.figures)
    if not ranked:
        out.body(out.w("report_docx.s7.none"))
        out.work.tick()
        return
    out.body(out.w("report_docx.s7.text"))
    out.table([out.w("report_docx.col.rank"), out.col("city"), out.w("report_docx.col.on_time_rate"),
               out.w("report_docx.col.per_project"), out.w("report_docx.col.innovations_per_project"),
               out.w("report_docx.col.mean_score")],
              [[r.rank, city_label(r.figures.city, out.lang), pct(r.on_time_rate),
                ratio(r.figures.problems_per_project), ratio(r.figures.innovations_per_project),
                pct(r.figures.mean_score)] for r in ranked], size=SIZE_5,
              widths_cm=[1.5, 2.1, 3.0, 3.0, 3.0, 3.0], centred=(0, 1, 2, 3, 4, 5))
    out.work.tick()
