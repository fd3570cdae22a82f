"""Planning the next round: inspectors' home cities (`office inspectors
set-city`), the proposed plan (`office round plan`) and issuing an edited
plan (`office assign --plan`, in office.py beside the other assign options)."""

from __future__ import annotations

import click

from inspector.i18n import label, t

from .base import UserError
from .office import _office_db, acting_id, office


def planning_refusal(exc, lang: str) -> UserError:
    return UserError(t("cli.error", lang, message=t(f"planning.{exc.code}", lang, **exc.params)))


@office.group("inspectors")
def office_inspectors() -> None:
    """Enrolled inspectors: their home city (交叉检查)."""


@office_inspectors.command("set-city")
@click.argument("inspector_id", metavar="ID")
@click.argument("city", required=False)
@click.option("--clear", is_flag=True, help="Forget the home city (the inspector may then go anywhere).")
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
