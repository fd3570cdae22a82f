"""The vocabularies the office owns from the command line: `office vocab
list|add|rename|retire|restore|import|export|publish|discard`. Thin: every
step is office/vocabularies' own; a refusal is one line in the user's
language and changes nothing."""

from __future__ import annotations

from pathlib import Path

import click

from inspector.i18n import t

from .columns import table
from .office import _local_time, acting_id, fail, office, refusing_session


def _session(settings, office_db):
    from inspector.office.vocabularies import VocabularyRefused

    return refusing_session(settings, office_db, VocabularyRefused, lambda exc, lang: exc.say(lang))


KIND = click.argument("kind")


@office.group("vocab")
def office_vocab() -> None:
    """Vocabularies the office owns: problem categories, evidence types, rectification types, units, tags."""


@office_vocab.command("list")
@click.argument("kind", required=False)
@click.option("--version", "version", type=int, default=None)
@click.pass_obj
def vocab_list(context, kind: str | None, version: int | None) -> None:
    """Without KIND: every vocabulary and its newest version. With KIND: its entries."""
    from inspector.models.vocabulary import VOCABULARY_KINDS
    from inspector.office.vocabularies import VocabularyRefused
    from inspector.office.vocabularies import store as V

    settings, office_db = context
    lang = settings.lang
    with _session(settings, office_db) as db:
        if kind is None:
            rows = [[t(f"vocab.cli.col.{c}", lang) for c in ("kind", "name", "version", "entries", "draft")]]
            for each in VOCABULARY_KINDS:
                now = V.current(db, each)
                rows.append([each, t(f"vocab.kind.{each}", lang), str(now.version), str(len(now.entries)),
                             t("vocab.cli.yes", lang) if V.has_draft(db, each) else "-"])
            for line in table(rows, right=frozenset({2, 3})):
                click.echo(line)
            return
        if version is not None:
            found = [v for v in V.versions(db, kind) if v.version == version]
            if not found:
                raise VocabularyRefused("no_such_version", kind=kind, version=version)
            shown, state = found[0], t("vocab.cli.published", lang, version=version)
        elif V.has_draft(db, kind) or kind == "unit":
            shown = V.draft(db, kind)
            state = t("vocab.cli.draft", lang, version=shown.version - 1)
        else:
            shown = V.current(db, kind)
            state = t("vocab.cli.published", lang, version=shown.version)
    click.echo(t("vocab.cli.heading", lang, name=t(f"vocab.kind.{kind}", lang), state=state))
    rows = [[t(f"vocab.cli.col.{c}", lang) for c in ("code", "zh", "en", "retired")]]
    for entry in shown.entries:
        rows.append([entry.code, entry.zh, entry.en or "-", t("vocab.cli.yes", lang) if entry.retired else "-"])
    for line in table(rows):
        click.echo(line)


@office_vocab.command("add")
@KIND
@click.argument("code")
@click.argument("zh")
@click.argument("en", required=False)
@click.pass_obj
def vocab_add(context, kind: str, code: str, zh: str, en: str | None) -> None:
    """Add CODE named ZH (and EN) to the draft of KIND."""
    from inspector.office.vocabularies import store as V

    settings, office_db = context
    with _session(settings, office_db) as db:
        V.add(db, kind, code, zh, en)
    click.echo(t("vocab.cli.added", settings.lang, code=code, name=t(f"vocab.kind.{kind}", settings.lang)))


@office_vocab.command("rename")
@KIND
@click.argument("code")
@click.option("--zh", default=None)
@click.option("--en", default=None)
@click.pass_obj
def vocab_rename(context, kind: str, code: str, zh: str | None, en: str | None) -> None:
    """Rename CODE in the draft of KIND (the code itself never changes)."""
    from inspector.office.vocabularies import store as V

    settings, office_db = context
    with _session(settings, office_db) as db:
        V.rename(db, kind, code, zh=zh, en=en)
    click.echo(t("vocab.cli.renamed", settings.lang, code=code))


@office_vocab.command("retire")
@KIND
@click.argument("code")
@click.option("--restore", is_flag=True)
@click.pass_obj
def vocab_retire(context, kind: str, code: str, restore: bool) -> None:
    """Stop offering CODE for new records (old records keep its name)."""
    from inspector.office.vocabularies import store as V

    settings, office_db = context
    with _session(settings, office_db) as db:
        V.retire(db, kind, code, not restore)
    click.echo(t("vocab.cli.restored" if restore else "vocab.cli.retired", settings.lang, code=code))


@office_vocab.command("import")
@KIND
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def vocab_import(context, kind: str, file: Path) -> None:
    """Read a CSV (代码,中文名称,English name[,停用]) into the draft of KIND."""
    from inspector.office.vocabularies import files as F

    settings, office_db = context
    with _session(settings, office_db) as db:
        done = F.import_csv(db, kind, file)
    click.echo(t("vocab.cli.imported", settings.lang, file=file.name, added=done.added, renamed=done.renamed,
                 unchanged=done.unchanged))


@office_vocab.command("export")
@KIND
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def vocab_export(context, kind: str, file: Path) -> None:
    """Write the newest published version of KIND as a CSV Excel opens."""
    from inspector.i18n.said import os_error
    from inspector.office.vocabularies import files as F
    from inspector.office.vocabularies import store as V

    settings, office_db = context
    with _session(settings, office_db) as db:
        vocabulary = V.current(db, kind)
    try:
        count = F.export_csv(vocabulary, file)
    except OSError as exc:
        raise fail(settings.lang, t("vocab.cli.cannot_write", settings.lang, file=file,
                                    error=os_error(exc, settings.lang))) from None
    click.echo(t("vocab.cli.exported", settings.lang, file=file, count=count, version=vocabulary.version))


@office_vocab.command("publish")
@KIND
@click.option("--summary", default="")
@click.pass_obj
def vocab_publish(context, kind: str, summary: str) -> None:
    """Publish the draft of KIND as its next version; the next assignments carry it."""
    from inspector.office.vocabularies import store as V

    settings, office_db = context
    with _session(settings, office_db) as db:
        published = V.publish(db, kind, by=acting_id(), summary=summary)
    click.echo(t("vocab.cli.published_now", settings.lang, name=t(f"vocab.kind.{kind}", settings.lang),
                 version=published.version))


@office_vocab.command("discard")
@KIND
@click.pass_obj
def vocab_discard(context, kind: str) -> None:
    """Throw the draft of KIND away."""
    from inspector.office.vocabularies import store as V

    settings, office_db = context
    with _session(settings, office_db) as db:
        gone = V.discard(db, kind)
    click.echo(t("vocab.cli.discarded" if gone else "vocab.cli.no_draft", settings.lang))


@office_vocab.command("history")
@KIND
@click.pass_obj
def vocab_history(context, kind: str) -> None:
    """Every published version of KIND: when, by whom, why."""
    from inspector.office.vocabularies import store as V

    settings, office_db = context
    lang = settings.lang
    with _session(settings, office_db) as db:
        rows = [[t(f"vocab.cli.col.{c}", lang) for c in ("version", "published_at", "published_by", "summary")]]
        for h in V.history(db, kind):
            rows.append([str(h["version"]), _local_time(h["published_at"]), h["published_by"] or "-",
                         t("vocab.cli.built_in", lang) if h["summary"] == "built-in" else h["summary"] or "-"])
    for line in table(rows, right=frozenset({0})):
        click.echo(line)
