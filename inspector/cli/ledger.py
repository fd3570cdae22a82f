"""The problem ledger and the unit directory from the command line:
`office ledger …`, `office units …`. Thin: each step reads the entry's
current version and passes it on, so a change someone made in between is
refused, not overwritten. Problems are named by their ledger number."""

from __future__ import annotations

from pathlib import Path

import click

from inspector.i18n import has, labels, t

from .columns import table
from .office import _local_time, acting_id, fail, office, refusing_session


def _session(settings, office_db):
    from inspector.office.ledger import LedgerRefused
    from inspector.office.ledger.words import refusal

    return refusing_session(settings, office_db, LedgerRefused, refusal)


def _code(lang: str, vocabulary: str, text: str, what: str) -> str:
    from inspector.office.names import choices, vocabulary_code

    code = vocabulary_code(vocabulary, text)
    if code is None:
        raise fail(lang, t("ledger.cli.bad_choice", lang, value=text, what=t(f"ledger.cli.what.{what}", lang),
                            choices=choices(vocabulary, lang)))
    return code


# -- office units -----------------------------------------------------------------------------


@office.group("units")
def office_units() -> None:
    """The directory of responsible units (牵头部门 / 属地政府 / 实施单位)."""


@office_units.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def units_import(context, file: Path) -> None:
    """Add or update units from a CSV (单位名称,类别,城市,区县,联系人,电话 or name,role,city,…)."""
    from inspector.office.ledger import units as U

    settings, office_db = context
    with _session(settings, office_db) as db:
        done = U.import_units(db, file, by=acting_id())
    click.echo(t("ledger.cli.units_imported", settings.lang, file=file, new=done.new, updated=done.updated,
                 unchanged=done.unchanged))


@office_units.command("list")
@click.option("--all", "show_all", is_flag=True)
@click.pass_obj
def units_list(context, show_all: bool) -> None:
    """Every unit: id, name, role, city, district, contact, phone."""
    from inspector.office.ledger import units as U

    settings, office_db = context
    lang = settings.lang
    with _session(settings, office_db) as db:
        found = U.units(db, include_disabled=show_all)
    if not found:
        click.echo(t("ledger.cli.no_units", lang))
        return
    roles, cities = labels("UnitRole", lang), labels("City", lang)
    rows = [[t(f"ledger.cli.col.{c}", lang) for c in ("id", "name", "role", "city", "district", "contact", "phone")]]
    for u in found:
        name = u.name + (t("ledger.cli.disabled", lang) if u.disabled else "")
        rows.append([u.id, name, roles.get(u.role, u.role), cities.get(u.city, u.city or ""), u.district or "",
                     u.contact or "", u.phone or ""])
    for line in table(rows):
        click.echo(line)


@office_units.command("add")
@click.option("--name", required=True)
@click.option("--role", required=True)
@click.option("--city", default=None)
@click.option("--district", default=None)
@click.option("--contact", default=None)
@click.option("--phone", default=None)
@click.option("--id", "unit_id", default=None)
@click.pass_obj
def units_add(context, name, role, city, district, contact, phone, unit_id) -> None:
    """Add one unit."""
    from inspector.office.ledger import units as U

    settings, office_db = context
    with _session(settings, office_db) as db:
        unit = U.add(db, name=name, role=role, city=city, district=district, contact=contact, phone=phone,
                     id=unit_id, by=acting_id())
    click.echo(t("ledger.cli.unit_added", settings.lang, name=unit.name, id=unit.id))


@office_units.command("edit")
@click.argument("unit")
@click.option("--name", default=None)
@click.option("--role", default=None)
@click.option("--city", default=None)
@click.option("--district", default=None)
@click.option("--contact", default=None)
@click.option("--phone", default=None)
@click.pass_obj
def units_edit(context, unit: str, **cells) -> None:
    """Change a unit's name, role, city, district, contact or phone (only the options given)."""
    from inspector.office.ledger import LedgerRefused
    from inspector.office.ledger import units as U

    settings, office_db = context
    changes = {field: value for field, value in cells.items() if value is not None}
    with _session(settings, office_db) as db:
        found = U.find(db, unit)
        if found is None:
            raise LedgerRefused("unknown_unit", unit=unit)
        U.edit(db, found.id, seen_version=found.version, by=acting_id(), **changes)
    click.echo(t("ledger.cli.unit_edited", settings.lang, name=changes.get("name", found.name)))


@office_units.command("disable")
@click.argument("unit")
@click.option("--reason", default=None)
@click.pass_obj
def units_disable(context, unit: str, reason: str | None) -> None:
    """No longer offered as a responsible unit (never deleted: entries keep naming it)."""
    from inspector.office.ledger import LedgerRefused
    from inspector.office.ledger import units as U

    settings, office_db = context
    with _session(settings, office_db) as db:
        found = U.find(db, unit)
        if found is None:
            raise LedgerRefused("unknown_unit", unit=unit)
        U.disable(db, found.id, by=acting_id(), reason=reason, seen_version=found.version)
    click.echo(t("ledger.cli.unit_disabled", settings.lang, name=found.name))


# -- office ledger ----------------------------------------------------------------------------


@office.group("ledger")
def office_ledger() -> None:
    """The problem ledger (问题台账): each confirmed problem to its closure (销号)."""


def _entry(db, number: str):
    from inspector.office.ledger import LedgerRefused
    from inspector.office.ledger.entries import entry

    found = entry(db, number)
    if found is None:
        raise LedgerRefused("unknown_number", number=number)
    return found


@office_ledger.command("list")
@click.option("--city", default=None)
@click.option("--status", default=None)
@click.option("--overdue", is_flag=True)
@click.pass_obj
def ledger_list(context, city, status, overdue) -> None:
    """The ledger: number, light, status, deadline, days overdue, project, unit."""
    from inspector.office.ledger.entries import entries

    settings, office_db = context
    lang = settings.lang
    city_code = None if city is None else _code(lang, "City", city, "city")
    status_code = None if status is None else _code(lang, "LedgerStatus", status, "status")
    with _session(settings, office_db) as db:
        found = entries(db, city=city_code, status=status_code, overdue=overdue)
    if not found:
        click.echo(t("ledger.cli.none", lang))
        return
    statuses = labels("LedgerStatus", lang)
    rows = [[t(f"ledger.cli.col.{c}", lang) for c in ("number", "light", "status", "deadline", "overdue", "project",
                                                         "unit")]]
    for e in found:
        rows.append([e.number, t(f"ledger.light.{e.light}", lang) if e.light else "", statuses[e.status],
                     e.deadline or "", str(e.days_overdue) if e.days_overdue else "", e.project_name,
                     e.unit_name or ""])
    for line in table(rows, right=frozenset({4})):
        click.echo(line)


@office_ledger.command("show")
@click.argument("number")
@click.pass_obj
def ledger_show(context, number: str) -> None:
    """One entry in full: the problem, its terms, the unit's replies, every step."""
    from inspector.office.ledger.entries import history, replies

    settings, office_db = context
    lang = settings.lang
    with _session(settings, office_db) as db:
        e = _entry(db, number)
        steps = history(db, e.problem_id)
        answers = replies(db, e.problem_id)
    say = lambda key, value: click.echo(t("ledger.cli.field", lang, name=t(f"ledger.cli.col.{key}", lang),  # noqa: E731
                                          value=value))
    say("number", e.number)
    say("project", f"{e.project_code} {e.project_name} ({labels('City', lang).get(e.city, e.city)})")
    say("severity", labels("Severity", lang).get(e.severity, e.severity))
    say("description", e.description)
    say("status", labels("LedgerStatus", lang)[e.status] + (f" ({t(f'ledger.light.{e.light}', lang)})" if e.light
                                                           else ""))
    say("rectification", labels("Rectification", lang)[e.rectification])
    say("deadline", (e.deadline or "-") + (t("ledger.cli.overdue_days", lang, days=e.days_overdue)
                                           if e.days_overdue else ""))
    say("unit", f"{e.unit_name} ({labels('UnitRole', lang).get(e.unit_role, e.unit_role)})" if e.unit_name else "-")
    for measures, replied_on, by, at, files in answers:
        click.echo(t("ledger.cli.reply_line", lang, date=replied_on, by=by, measures=measures))
        for name, kind, size, sha in files:
            click.echo(f"    {name} ({size:,} B) evidence/{sha[:12]}…")
    click.echo(t("ledger.cli.history", lang))
    for step in steps:
        said = f"audit.action.ledger.{step.action}"  # what was done, as the audit log says it
        what = t(said, lang) if has(said, lang) else t(f"ledger.step.{step.action}", lang)
        status = labels("LedgerStatus", lang).get(step.status or "", "")
        line = f"  {_local_time(step.at)}  {step.by}  {what} → {status}"
        if step.action == "extend" and step.detail:
            line += f"  {step.detail.get('from')} → {step.detail.get('to')}"
        if step.action == "verdict" and step.detail:
            line += f"  {labels('Verdict', lang).get(step.detail.get('verdict'), step.detail.get('verdict'))}"
        if step.reason:
            line += f"  ({step.reason})"
        click.echo(line)


def _step(context, number: str, call, done_key: str, **kwargs) -> None:
    """Read the entry (its version), take the step, say what it is now."""
    settings, office_db = context
    with _session(settings, office_db) as db:
        e = _entry(db, number)
        call(db, e.problem_id, by=acting_id(), seen_version=e.version, **kwargs)
        after = _entry(db, number)
    click.echo(t(done_key, settings.lang, number=after.number,
                 status=labels("LedgerStatus", settings.lang)[after.status], deadline=after.deadline or "-"))


@office_ledger.command("set")
@click.argument("number")
@click.option("--type", "rectification", default=None)
@click.option("--deadline", default=None)
@click.option("--unit", default=None)
@click.option("--reason", required=True)
@click.pass_obj
def ledger_set(context, number, rectification, deadline, unit, reason) -> None:
    """Set how, by when and by whom it is rectified."""
    from inspector.office.ledger import LedgerRefused
    from inspector.office.ledger import steps as S
    from inspector.office.ledger import units as U

    settings, office_db = context
    kind = None if rectification is None else _code(settings.lang, "Rectification", rectification, "type")
    unit_id = None
    if unit is not None:
        with _session(settings, office_db) as db:
            found = U.find(db, unit)
            if found is None:
                raise LedgerRefused("unknown_unit", unit=unit)
            unit_id = found.id
    _step(context, number, S.set_terms, "ledger.cli.done", rectification=kind, deadline=deadline, unit_id=unit_id,
          reason=reason)


@office_ledger.command("start")
@click.argument("number")
@click.option("--reason", default=None)
@click.pass_obj
def ledger_start(context, number, reason) -> None:
    """The unit has begun rectifying."""
    from inspector.office.ledger import steps as S

    _step(context, number, S.start, "ledger.cli.done", reason=reason)


@office_ledger.command("reply")
@click.argument("number")
@click.option("--measures", required=True)
@click.option("--date", "replied_on", required=True)
@click.option("--file", "files", multiple=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def ledger_reply(context, number, measures, replied_on, files) -> None:
    """Record the unit's reply and request closure (申请销号)."""
    from inspector.office.ledger import steps as S

    _step(context, number, S.reply, "ledger.cli.done", measures=measures, replied_on=replied_on, files=list(files))


@office_ledger.command("approve")
@click.argument("number")
@click.option("--reason", default=None)
@click.pass_obj
def ledger_approve(context, number, reason) -> None:
    """Close it (销号): someone other than who requested it, with evidence."""
    from inspector.office.ledger import steps as S

    _step(context, number, S.approve, "ledger.cli.done", reason=reason)


@office_ledger.command("return")
@click.argument("number")
@click.option("--reason", required=True)
@click.pass_obj
def ledger_return(context, number, reason) -> None:
    """Send it back for rectification (退回整改)."""
    from inspector.office.ledger import steps as S

    _step(context, number, S.return_, "ledger.cli.done", reason=reason)


@office_ledger.command("extend")
@click.argument("number")
@click.option("--to", "new_date", required=True)
@click.option("--reason", required=True)
@click.pass_obj
def ledger_extend(context, number, new_date, reason) -> None:
    """A later deadline, with a reason."""
    from inspector.office.ledger import steps as S

    _step(context, number, S.extend, "ledger.cli.done", to=new_date, reason=reason)


@office_ledger.command("continue")
@click.argument("number")
@click.option("--reason", required=True)
@click.option("--until", default=None)
@click.pass_obj
def ledger_continue(context, number, reason, until) -> None:
    """Move it to continuing rectification (持续整改): open, but not overdue."""
    from inspector.office.ledger import steps as S

    _step(context, number, S.continue_, "ledger.cli.done", reason=reason, until=until)
