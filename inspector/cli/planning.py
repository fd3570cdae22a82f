"""Planning the next round: inspectors' home cities (`office inspectors
set-city`), the proposed plan (`office round plan`) and issuing an edited
plan (`office assign --plan`, in office.py beside the other assign options)."""

from __future__ import annotations

from pathlib import Path

import click

from inspector.i18n import label, t
from inspector.i18n.said import os_error, say

from .base import UserError, cause
from .office import _office_db, acting_id, office


def planning_refusal(exc, lang: str) -> UserError:
    return UserError(t("cli.error", lang, message=t(f"planning.{exc.code}", lang, **exc.params)))


@office.group("inspectors")
def office_inspectors() -> None:
    """Enrolled inspectors: their home city (交叉检查)."""


@office_inspectors.command("set-city")
@click.argument("inspector_id", metavar="ID")
@click.argument("city", required=False)
@click.option("--clear", is_flag=True)
@click.pass_obj
def office_inspectors_set_city(context, inspector_id: str, city: str | None, clear: bool) -> None:
    """Record the city an inspector lives in (hangzhou or 杭州); plans never send them there."""
    from inspector.office.planning import PlanRefused
    from inspector.office.planning.home import set_home_city

    settings, office_db = context
    lang = settings.lang
    if (city is None) == (not clear):
        raise UserError(t("cli.error", lang, message=t("planning.city_or_clear", lang)))
    db = _office_db(settings, office_db)
    try:
        code = set_home_city(db, inspector_id, None if clear else city, by=acting_id())
    except PlanRefused as exc:
        raise planning_refusal(exc, lang) from None
    finally:
        db.close()
    if code is None:
        click.echo(t("planning.home_city_cleared", lang, inspector=inspector_id))
    else:
        click.echo(t("planning.home_city_set", lang, inspector=inspector_id, city=label("City", code, lang)))


@office.group("round")
def office_round() -> None:
    """Rounds of inspection: planning the next one."""


@office_round.command("plan")
@click.argument("round_id", metavar="ROUND")
@click.option("--inspector", "inspectors", multiple=True, metavar="ID")
@click.option("--per-inspector", type=int, metavar="N")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), hidden=True)
@click.pass_obj
def office_round_plan(context, round_id: str, inspectors: tuple[str, ...], per_inspector: int | None,
                      output: Path | None, today) -> None:
    """Propose who visits what in ROUND and write it as a CSV to edit, then issue
    with `office assign --plan`. Most needed first (an open severe problem, an
    overdue one, then longest unvisited); never an inspector's own city (交叉检查);
    balanced across inspectors."""
    from datetime import date

    from inspector.office.planning import PlanRefused
    from inspector.office.planning.plan import propose
    from inspector.office.planning.planfile import write_plan

    settings, office_db = context
    lang = settings.lang
    target = output or Path(f"plan-{round_id}.csv")
    db = _office_db(settings, office_db)
    try:
        plan = propose(db, round_id, inspectors=list(inspectors) or None, per_inspector=per_inspector,
                       today=today.date() if today else date.today())
        write_plan(db, plan, target, by=acting_id(), lang=lang)
    except PlanRefused as exc:
        raise planning_refusal(exc, lang) from None
    except OSError as exc:
        raise UserError(t("cli.error", lang, message=t(
            "office.write_failed", lang, path=target, error=os_error(exc, lang)))) from None
    finally:
        db.close()
    counts = plan.counts()
    click.echo(t("planning.written", lang, path=target, round=round_id, projects=len(plan.rows),
                 inspectors=len(counts), counts=", ".join(f"{who} {n}" for who, n in counts.items())))
    for left in plan.unplaced:
        click.echo(t("planning.unplaced_line", lang, project=left.need.project, name=left.need.name,
                     city=label("City", left.need.city, lang), why=t(f"planning.unplaced.{left.why}", lang)))
    if plan.left_over:
        click.echo(t("planning.left_over", lang, count=plan.left_over))
    click.echo(t("planning.next_step", lang, path=target))


def assign_plan(settings, office_db: Path, plan_file: Path, *, round_id: str | None, round_name: str,
                templates: list[str], allow_own_city: bool, folder: Path | None) -> None:
    """`office assign --plan`: check the whole plan, then issue one assignment
    per inspector; if one fails midway, say exactly which were issued."""
    import sqlite3

    from inspector.assignment.errors import InputFileError
    from inspector.identity import IdentityError
    from inspector.office.assigning import AssignRefused
    from inspector.office.planning.issue import PlanIssueStopped, issue_plan
    from inspector.office.planning.planfile import read_plan

    from .base import _input_error
    from .office import _office_key, _refuse_laptop_db

    lang = settings.lang
    _refuse_laptop_db(settings, office_db)
    office_identity = _office_key(settings, office_db)
    db = _office_db(settings, office_db)
    try:
        plan = read_plan(db, plan_file, round_id=round_id, allow_own_city=allow_own_city)
        issued = issue_plan(db, office_identity, plan, round_name=round_name, templates=templates,
                            by=acting_id(), folder=folder)
    except InputFileError as exc:
        raise UserError(t("cli.error", lang, message=_input_error(exc, lang))) from None
    except AssignRefused as exc:
        raise UserError(t("cli.error", lang, message=say(exc, lang))) from None
    except IdentityError as exc:
        raise UserError(t("cli.error", lang, message=say(exc, lang))) from None
    except PlanIssueStopped as exc:
        for done in exc.issued:
            _say_issued(done, office_identity, lang)
        raise UserError(t("cli.error", lang, message=t(
            "planning.issue_stopped", lang, inspector=exc.failed, cause=_cause(exc.cause, lang),
            issued=", ".join(f"{d.assignment.id} ({d.path})" for d in exc.issued) or "—",
            not_issued=", ".join(exc.not_issued)))) from None
    except sqlite3.Error as exc:
        raise UserError(t("cli.error", lang, message=t("app.db_error", lang, path=office_db, error=cause(exc, lang, office_db)))) from None
    finally:
        db.close()
    for done in issued:
        _say_issued(done, office_identity, lang)
    if plan.unassigned:
        click.echo(t("planning.unassigned", lang, count=len(plan.unassigned), projects=", ".join(plan.unassigned)))
    click.echo(t("planning.issued", lang, count=len(issued), round=plan.round_id))


def _cause(exc: Exception, lang: str) -> str:
    from inspector.office.assigning import AssignRefused

    if isinstance(exc, AssignRefused):
        return say(exc, lang)
    if isinstance(exc, OSError):
        return t("planning.write_failed", lang, path=exc.filename or "", error=os_error(exc, lang))
    return say(exc, lang)


def _say_issued(done, office_identity, lang: str) -> None:
    a = done.assignment
    for left in done.left_out:
        click.echo(t("office.assign.left_out", lang, problem=left.problem, project=left.project, rev=left.rev,
                     inspector=a.inspector.id))
    click.echo(t("office.assigned", lang, assignment=a.id, round=a.round.name, inspector=a.inspector.id,
                 name=a.inspector.name, projects=len(a.projects), templates=len(a.checklists),
                 problems=len(a.open_problems), path=done.path, fingerprint=office_identity.fingerprint))
