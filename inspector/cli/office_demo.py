"""`inspector office demo`: the office interface on a throwaway office
database holding a living round (office/demo.py makes it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from inspector.i18n import t
from inspector.settings import Settings

from .base import UserError, cause, run_interface
from .office import _ACTING, office


@office.command("demo")
@click.pass_context
def office_demo(ctx: click.Context) -> None:
    """Open the office interface on a throwaway office: two inspectors, two rounds, really
    ingested. Acts as 李明 (liming), or --as wangfang; deleted on exit."""
    from inspector.office import demo

    settings, _ = ctx.obj  # the --office-db given is left alone: the demo never touches a real office
    lang = settings.lang
    staff = dict(demo.STAFF)
    wanted = ctx.meta.get(_ACTING)
    user = wanted if wanted in staff else demo.STAFF[0][0]
    click.echo(t("office_demo.building", lang), err=True)
    folder = demo.new_folder()
    try:
        try:
            built = demo.build(folder, user=user)
        except demo.DemoUnavailable as exc:
            raise UserError(t("cli.no_fixtures", lang, path=exc.path)) from None
        except (OSError, sqlite3.Error, RuntimeError) as exc:  # a full disk, an unwritable temp folder
            raise UserError(t("office_demo.failed", lang, error=cause(exc, lang))) from None
        click.echo(t("office_demo.built", lang, seconds=f"{built.seconds:.1f}", name=staff[user], user=user),
                   err=True)
        _open(settings, built)
    finally:
        demo.remove(folder)


def _open(settings: Settings, built) -> None:
    from inspector.tui.factory import make_app

    # Whatever the interface keeps (its own files, a laptop database it may
    # open) stays in the throwaway folder too.
    demo_settings = Settings(db_path=Path(built.folder) / "inspector.db", lang=settings.lang,
                             data_dir=built.db_path.parent)
    run_interface(make_app(demo_settings, start="office", office_db=built.db_path, office_user=built.user))
