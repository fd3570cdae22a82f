"""The office's staff and its audit log: `office users` and `office log`."""

from __future__ import annotations

import click

from inspector.i18n import t

from .base import UserError
from .columns import table
from .office import _check_acting, _local_time, _office_db, _staff_refusal, acting_id, office


@office.group("users")
def office_users() -> None:
    """The office's staff: every office command acts as one of them (--as)."""


@office_users.command("add")
@click.option("--id", "user_id", required=True)
@click.option("--name", required=True)
@click.pass_obj
def office_users_add(context, user_id: str, name: str) -> None:
    """Register a member of staff. The first one registers themselves; after
    that an active member of staff (--as) registers the others."""
    from inspector.office.staff import StaffRefused, add, users

    settings, office_db = context
    db = _office_db(settings, office_db, staff=False)
    try:
        first = not users(db)
        if not first:
            _check_acting(settings, db)
        done = add(db, user_id, name, by=None if first else acting_id())
    except StaffRefused as exc:
        raise _staff_refusal(settings, exc) from None
    finally:
        db.close()
    click.echo(t("staff.added_first" if first else "staff.added", settings.lang, user=done.id, name=done.name))


@office_users.command("list")
@click.pass_obj
def office_users_list(context) -> None:
    """Every member of staff: id, name, since when, and whether disabled."""
    from inspector.office.staff import users

    settings, office_db = context
    lang = settings.lang
    db = _office_db(settings, office_db)
    try:
        found = users(db)
    finally:
        db.close()
    rows = [[t(f"staff.col.{c}", lang) for c in ("id", "name", "added", "state")]]
    for u in found:
        state = t("staff.state.disabled", lang, when=_local_time(u.disabled_at)) if u.disabled_at \
            else t("staff.state.active", lang)
        rows.append([u.id, u.name, _local_time(u.added_at), state])
    for line in table(rows):
        click.echo(line)


@office_users.command("disable")
@click.argument("user_id")
@click.option("--reason", required=True)
@click.pass_obj
def office_users_disable(context, user_id: str, reason: str) -> None:
    """Disable a member of staff: they can no longer act; what they did stays theirs."""
    from inspector.office.staff import StaffRefused, disable

    settings, office_db = context
    db = _office_db(settings, office_db)
    try:
        done = disable(db, user_id, by=acting_id(), reason=reason)
    except StaffRefused as exc:
        raise _staff_refusal(settings, exc) from None
    finally:
        db.close()
    click.echo(t("staff.disabled_now", settings.lang, user=done.id, name=done.name))


@office.command("log")
@click.option("--since")
@click.option("--user", "user_id")
@click.option("--csv", "as_csv", is_flag=True)
@click.pass_obj
def office_log(context, since: str | None, user_id: str | None, as_csv: bool) -> None:
    """The audit log: every office action, who did it, when and why, oldest first."""
    from inspector.office.audit import entries

    settings, office_db = context
    lang = settings.lang
    start = None
    if since is not None:
        start = _day_start_utc(since)
        if start is None:
            raise UserError(t("cli.error", lang, message=t("audit.bad_since", lang, since=since)))
    db = _office_db(settings, office_db)
    try:
        found = entries(db, since=start, user=user_id)
    finally:
        db.close()
    header = [t(f"audit.col.{c}", lang) for c in ("seq", "at", "user", "action", "subject", "reason", "detail")]
    rows = [[str(e.seq), _local_time(e.at), e.user, _action(e.action, lang), e.subject, e.reason or "",
             _detail(e.detail)] for e in found]
    if as_csv:
        import csv
        import io

        out = io.StringIO()
        csv.writer(out).writerows([header, *rows])
        click.get_binary_stream("stdout").write(("\ufeff" + out.getvalue()).encode("utf-8"))
        return
    if not rows:
        click.echo(t("audit.none", lang))
        return
    for line in table([header[:-1], *[row[:-1] for row in rows]], right=frozenset({0})):
        click.echo(line)


def _day_start_utc(text: str) -> str | None:
    """The first moment of a local day, as the log's UTC text; None: not a day."""
    from datetime import date, datetime, time, timezone

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return datetime.combine(day, time()).astimezone().astimezone(timezone.utc).isoformat(timespec="seconds")


def _action(code: str, lang: str) -> str:
    from inspector.i18n import has

    key = f"audit.action.{code}"
    return t(key, lang) if has(key, lang) else code  # an action of a newer version: its code


def _detail(detail: dict | None) -> str:
    import json

    return "" if not detail else json.dumps(detail, ensure_ascii=False, sort_keys=True)
