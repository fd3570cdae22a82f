"""What the office accepts from whom, from the command line: `office
plain-bundles` (sealed bundles only, or plain ones too during a transition)
and `office revoke` (a lost or replaced laptop). Thin: the core decides and
audits; a refusal is one line in the user's language."""

from __future__ import annotations

import click

from inspector.i18n import t

from .office import acting_id, fail, office, refusing_session


@office.command("plain-bundles")
@click.argument("choice", required=False, type=click.Choice(["allow", "refuse"]))
@click.pass_obj
def plain_bundles(context, choice: str | None) -> None:
    """Without CHOICE: what this office accepts. allow: plain bundles too (a transition); refuse: sealed only."""
    from inspector.identity.sealing import SealError
    from inspector.office.sealed import allow_plain, plain_allowed, recipient

    from .office import _office_key

    settings, office_db = context
    lang = settings.lang
    key = _office_key(settings, office_db)
    with refusing_session(settings, office_db, SealError, lambda exc, lang: exc.say(lang)) as db:
        if choice is not None:
            allow_plain(db, choice == "allow", by=acting_id())
            click.echo(t("office.plain.allowed" if choice == "allow" else "office.plain.refused", lang))
        allowed = plain_allowed(db)
        sealing_key = recipient(key.folder)
    click.echo(t("office.plain.status_allowed" if allowed else "office.plain.status_refused", lang,
                 recipient=sealing_key))


@office.command("revoke")
@click.option("--inspector", "inspector_id", required=True)
@click.option("--device", required=True)
@click.option("--after", type=click.IntRange(min=0), default=None)
@click.option("--reason", default=None)
@click.pass_obj
def revoke_device(context, inspector_id: str, device: str, after: int | None, reason: str | None) -> None:
    """A lost or replaced laptop: its bundles after N are refused; what it sent before stays."""
    from inspector.office.revocation import RevokeRefused, revoke

    settings, office_db = context
    lang = settings.lang
    with refusing_session(settings, office_db, RevokeRefused, lambda exc, lang: exc.say(lang)) as db:
        done = revoke(db, inspector_id, device, by=acting_id(), after=after, reason=reason)
    click.echo(t("revoke.done", lang, inspector=done.inspector, device=done.device, after=done.after))
    click.echo(t("revoke.hint", lang, inspector=done.inspector))


@office.group("key")
def office_key() -> None:
    """The office's own key pair."""


@office_key.command("rotate")
@click.pass_obj
def key_rotate(context) -> None:
    """A new key pair, handed over by the old one: laptops move to it by themselves."""
    import sqlite3

    from inspector.i18n.said import say
    from inspector.identity import IdentityError
    from inspector.office.keys import find_office_key
    from inspector.office.rotation import rotate

    from .office import _office_db

    settings, office_db = context
    lang = settings.lang
    db = _office_db(settings, office_db)
    try:
        found = find_office_key(office_db, settings.data_dir, rotating=True)
        if found is None:
            raise fail(lang, t("rotate.no_key", lang, path=office_db))
        done = rotate(db, found.folder, by=acting_id())
    except (IdentityError, OSError, sqlite3.Error) as exc:
        raise fail(lang, say(exc, lang)) from None
    finally:
        db.close()
    if done.finished_earlier:
        click.echo(t("rotate.finished_earlier", lang))
    click.echo(t("rotate.done", lang, old=done.old_fingerprint, new=done.new_fingerprint, retired=done.retired))
