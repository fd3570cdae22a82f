"""Review at the office from the command line: `office review`, `office
conflicts`, `office innovations`. Thin: each command reads what it shows or
acts on, then calls office/review with the versions it just read, so a
change someone made in between is refused, not overwritten."""

from __future__ import annotations


import click

from inspector.i18n import labels, t

from .base import confirmed
from .columns import cells, table
from .office import _local_time, acting_id, fail, office, refusing_session

SHORT = 8  # id characters the lists show; 6 are enough to name one
MIN_SUMMARY = 12  # cells the summary keeps however narrow the terminal
VALUE_CELLS = 18


def _session(settings, office_db):
    from inspector.office.review import ReviewRefused
    from inspector.office.review.words import refusal

    return refusing_session(settings, office_db, ReviewRefused, refusal)


def _clip(text: str, width: int) -> str:
    """At most `width` terminal cells, on one line."""
    text = " ".join(str(text).split())
    if cells(text) <= width:
        return text
    out = ""
    for ch in text:
        if cells(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _code(lang: str, vocabulary: str, text: str, what: str) -> str:
    from inspector.office.names import choices, vocabulary_code

    code = vocabulary_code(vocabulary, text)
    if code is None:
        raise fail(lang, t("review.cli.bad_filter", lang, value=text, what=t(f"review.cli.what.{what}", lang),
                            choices=choices(vocabulary, lang)))
    return code


def _pairs(lang: str, option: str, given: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for text in given:
        field, sep, value = text.partition("=")
        if not sep or not field.strip():
            raise fail(lang, t("review.cli.bad_pair", lang, option=option, text=text))
        out[field.strip()] = value
    return out


# -- office review ------------------------------------------------------------------------


@office.group("review")
def office_review() -> None:
    """What came in, reviewed: list it, confirm, query, send back, reject, edit, merge duplicates."""


def _filters(command):
    for option in reversed((
        click.option("--state", "states", multiple=True),
        click.option("--kind", "kinds", multiple=True),
        click.option("--city", "cities", multiple=True),
        click.option("--inspector", "inspectors", multiple=True),
        click.option("--text", default=""),
    )):
        command = option(command)
    return command


def _matching(db, lang: str, states, kinds, cities, inspectors, text: str):
    from inspector.office.review import queue as Q

    wanted_states = frozenset(_code(lang, "ReviewState", s, "state") for s in states)
    wanted_kinds = frozenset(_code(lang, "RecordKind", k, "kind") for k in kinds)
    wanted_cities = frozenset(_code(lang, "City", c, "city") for c in cities)
    people = {}
    for person_id, name in db.conn.execute("SELECT id, name FROM inspectors"):
        people[person_id] = people[name] = person_id
    wanted_people = frozenset(people.get(p.strip(), p.strip()) for p in inspectors)
    rows = Q.load(db)
    return Q.QueueFilter(text=text, kinds=wanted_kinds, states=wanted_states, cities=wanted_cities,
                         inspectors=wanted_people).apply(rows)


@office_review.command("list")
@_filters
@click.option("--sort", "sort_by", default="date")
@click.option("--desc", is_flag=True)
@click.pass_obj
def review_list(context, states, kinds, cities, inspectors, text, sort_by, desc) -> None:
    """The review queue: every record received, with its review state."""
    from inspector.office.review import queue as Q

    settings, office_db = context
    lang = settings.lang
    if sort_by not in Q.SORTS:
        raise fail(lang, t("review.cli.bad_filter", lang, value=sort_by, what=t("review.cli.what.sort", lang),
                            choices=", ".join(Q.SORTS)))
    with _session(settings, office_db) as db:
        rows = Q.sort(_matching(db, lang, states, kinds, cities, inspectors, text), sort_by, descending=desc)
    if not rows:
        click.echo(t("review.cli.none", lang))
        return
    kind_words, state_words = labels("RecordKind", lang), labels("ReviewState", lang)
    city_words, severity_words = labels("City", lang), labels("Severity", lang)
    verdicts = labels("Verdict", lang)
    out = [[t(f"review.cli.col.{c}", lang) for c in
            ("id", "kind", "state", "project", "city", "inspector", "date", "severity", "number", "summary")]]
    for r in rows:
        out.append([r.id[:SHORT], kind_words.get(r.kind, r.kind), state_words.get(r.state, r.state), r.project_code,
                    city_words.get(r.city, r.city), r.inspector_name, r.date,
                    severity_words.get(r.severity or "", r.severity or ""), r.number or "",
                    _summary(r, verdicts)])
    # The summary takes what the terminal has left after the other columns.
    import shutil

    others = sum(max(cells(row[i]) for row in out) + 2 for i in range(len(out[0]) - 1))
    room = max(MIN_SUMMARY, shutil.get_terminal_size((100, 30)).columns - others - 1)
    for row in out[1:]:
        row[-1] = _clip(row[-1], room)
    for line in table(out):
        click.echo(line)
    click.echo(t("review.cli.count", lang, count=len(rows)))


def _summary(row, verdicts: dict) -> str:
    """A re-check verdict's code said as a word (rectified -> 已整改), then its note."""
    if row.kind == "follow_up":
        verdict, _, note = row.summary.partition(" ")
        return f"{verdicts.get(verdict, verdict)} {note}".strip()
    return row.summary


def _state_command(name: str, state: str):
    @office_review.command(name)
    @click.argument("ids", nargs=-1)
    @click.option("--comment")
    @click.option("--reason")
    @click.option("--all-matching", is_flag=True)
    @_filters
    @click.option("--yes", is_flag=True)
    @click.pass_obj
    def command(context, ids, comment, reason, all_matching, states, kinds, cities, inspectors, text, yes) -> None:
        from inspector.office.review.ids import find
        from inspector.office.review.states import Seen, set_state

        settings, office_db = context
        lang = settings.lang
        if bool(ids) == all_matching:
            raise fail(lang, t("review.cli.ids_and_filter" if ids else "review.cli.ids_or_filter", lang))
        words = " ".join(part for part in (comment, reason) if part and part.strip()) or None
        state_word = labels("ReviewState", lang)[state]
        with _session(settings, office_db) as db:
            if all_matching:
                rows = _matching(db, lang, states, kinds, cities, inspectors, text)
                if not rows:
                    click.echo(t("review.cli.none", lang))
                    return
                if not yes and not confirmed(t("review.cli.bulk_confirm", lang, count=len(rows), state=state_word)):
                    click.echo(t("review.cli.kept", lang), err=True)
                    raise SystemExit(1)
                seen = [Seen(r.kind, r.id, r.version) for r in rows]
            else:
                seen = []
                for given in dict.fromkeys(ids):
                    kind, record_id = find(db, given)
                    version = db.conn.execute("SELECT version FROM reviews WHERE kind = ? AND id = ?",
                                              (kind, record_id)).fetchone()[0]
                    seen.append(Seen(kind, record_id, version))
            done = set_state(db, seen, state, by=acting_id(), comment=words)
        click.echo(t("review.cli.done", lang, changed=done.changed, unchanged=done.unchanged, state=state_word))
        if done.numbered:
            click.echo(t("review.cli.numbered", lang, numbers=", ".join(done.numbered)))

    command.__doc__ = {
        "confirmed": "Confirm records (已确认); a confirmed problem gets its ledger number.",
        "query": "Mark records as having issues (有疑问), with a --comment.",
        "sent_back": "Send records back to the inspector (退回) with a --comment: the next assignment carries them.",
        "rejected": "Reject records (不予采纳), with a --reason.",
    }[state]
    return command


for _name, _state in (("confirm", "confirmed"), ("query", "query"), ("send-back", "sent_back"),
                      ("reject", "rejected")):
    _state_command(_name, _state)


@office_review.command("edit")
@click.argument("kind")
@click.argument("record_id", metavar="ID")
@click.option("--set", "sets", multiple=True, required=True)
@click.option("--reason", required=True)
@click.pass_obj
def review_edit(context, kind, record_id, sets, reason) -> None:
    """Edit the wording of a problem or innovation: a new revision by the office; the inspector's stays."""
    from inspector.office.review.edits import current_record, edit_record, parse_value
    from inspector.office.review.ids import find

    settings, office_db = context
    lang = settings.lang
    kind = _code(lang, "RecordKind", kind, "kind")
    changes = _pairs(lang, "--set", sets)
    with _session(settings, office_db) as db:
        values = {field: parse_value(kind, field, value) for field, value in changes.items()}
        kind, found = find(db, record_id, kinds=(kind,))
        rev, _ = current_record(db.conn, kind, found)
        new_rev = edit_record(db, kind, found, values, by=acting_id(), reason=reason, seen_rev=rev)
    click.echo(t("review.cli.edited", lang, kind=labels("RecordKind", lang)[kind], id=found[:SHORT], rev=new_rev))


@office_review.command("merge")
@click.argument("keep")
@click.argument("duplicate")
@click.option("--reason", required=True)
@click.pass_obj
def review_merge(context, keep, duplicate, reason) -> None:
    """Merge two reports of one problem (or innovation) on one project: DUPLICATE points to KEEP,
    whose photos and evidence include both."""
    from inspector.office.review.duplicates import MERGED_KINDS, merge
    from inspector.office.review.ids import find
    from inspector.office.review.states import Seen

    settings, office_db = context
    lang = settings.lang
    with _session(settings, office_db) as db:
        seen = []
        for given in (keep, duplicate):
            kind, record_id = find(db, given, kinds=MERGED_KINDS)
            version = db.conn.execute("SELECT version FROM reviews WHERE kind = ? AND id = ?",
                                      (kind, record_id)).fetchone()[0]
            seen.append(Seen(kind, record_id, version))
        done = merge(db, seen[0], seen[1], by=acting_id(), reason=reason)
    kind = labels("RecordKind", lang)[seen[0].kind]
    click.echo(t("review.cli.merged", lang, kind=kind, duplicate=done.duplicate[:SHORT], keep=done.keep[:SHORT]))
    if done.duplicate_number:
        click.echo(t("review.cli.merged_number", lang, duplicate=done.duplicate[:SHORT], number=done.duplicate_number))


# -- office conflicts ----------------------------------------------------------------------


@office.group("conflicts")
def office_conflicts() -> None:
    """Revisions kept at ingest as conflicts: list them, see one side by side, resolve it."""


@office_conflicts.command("list")
@click.pass_obj
def conflicts_list(context) -> None:
    """Every record with an open conflict: whose revision, against which of the office's."""
    from inspector.office.review.conflicts import open_conflicts

    settings, office_db = context
    lang = settings.lang
    with _session(settings, office_db) as db:
        found = open_conflicts(db)
    if not found:
        click.echo(t("review.cli.conflicts.none", lang))
        return
    kinds = labels("RecordKind", lang)
    rows = [[t(f"review.cli.conflicts.col.{c}", lang) for c in
             ("id", "kind", "project", "author", "inspector_rev", "office_rev", "kept")]]
    for c in found:
        rows.append([c.id[:SHORT], kinds.get(c.kind, c.kind), c.project_code, c.author, str(c.rev),
                     "" if c.office_rev is None else str(c.office_rev), _local_time(c.kept_at)])
    for line in table(rows):
        click.echo(line)


def _shown(value) -> str:
    import json

    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


VALUE_WORDS = {"severity": "Severity", "scenario": "Scenario", "status": "ProblemStatus", "verdict": "Verdict"}
CATEGORY_WORDS = {"problem": "ProblemCategory", "innovation": "InnovationCategory"}


def _value_word(kind: str, field: str, value, lang: str) -> str:
    """A vocabulary code as its word (severe -> 严重), anything else as stored."""
    vocabulary = CATEGORY_WORDS.get(kind) if field == "category" else VALUE_WORDS.get(field)
    if vocabulary and isinstance(value, str):
        return labels(vocabulary, lang).get(value, value)
    return _shown(value)


@office_conflicts.command("show")
@click.argument("record_id", metavar="ID")
@click.option("--all-fields", is_flag=True)
@click.pass_obj
def conflicts_show(context, record_id, all_fields) -> None:
    """One conflict field by field: the inspector's value, the office's current one, their common base."""
    from inspector.office.review.conflicts import conflict_view
    from inspector.office.review.ids import find
    from inspector.office.review.words import field_word

    settings, office_db = context
    lang = settings.lang
    with _session(settings, office_db) as db:
        kind, found = find(db, record_id, kinds=("visit", "answer", "problem", "innovation", "follow_up", "photo"),
                           conflicts=True)
        view = conflict_view(db, kind, found)
    base = t("review.cli.conflicts.no_base", lang) if view.base_rev is None else t(
        "review.cli.conflicts.base_rev", lang, rev=view.base_rev)
    click.echo(t("review.cli.conflicts.head", lang, kind=labels("RecordKind", lang).get(kind, kind), id=found[:SHORT],
                 author=view.author, rev=view.inspector_rev, office=view.office_rev or "-", base=base))
    rows = [[t(f"review.cli.conflicts.col.{c}", lang) for c in ("field", "inspector", "office", "base", "differs")]]
    long = []
    shown = [row for row in view.rows if all_fields or row.differs]
    for row in shown:
        values = [_value_word(kind, row.field, v, lang) for v in (row.inspector, row.office, row.base)]
        word = field_word(row.field, lang)
        # the code is what --take names; the word, for a reader of another language
        name = row.field if word == row.field or lang == "en" else f"{row.field} {word}"
        rows.append([name, *(_clip(v, VALUE_CELLS) for v in values),
                     t("review.cli.conflicts.differs", lang) if row.differs else ""])
        if row.differs and any(cells(v) > VALUE_CELLS for v in values):
            long.append((row.field, values))
    for line in table(rows):
        click.echo(line)
    hidden = len(view.rows) - len(shown)
    if hidden:
        click.echo(t("review.cli.conflicts.hidden", lang, count=hidden))
    for field, values in long:  # what the table had to cut, in full
        click.echo("")
        for side, value in zip(("inspector", "office", "base"), values):
            click.echo(f"{field} · {t(f'review.cli.conflicts.col.{side}', lang)}: {value}")
    click.echo("")
    click.echo(t("review.cli.conflicts.hint", lang, id=found[:SHORT]))


@office_conflicts.command("resolve")
@click.argument("record_id", metavar="ID")
@click.option("--take", "takes", multiple=True)
@click.option("--set", "sets", multiple=True)
@click.option("--all", "all_side")
@click.option("--reason", required=True)
@click.pass_obj
def conflicts_resolve(context, record_id, takes, sets, all_side, reason) -> None:
    """Resolve a conflict: a new office revision, field by field, becomes current and goes in the next assignment."""
    from inspector.office.review.conflicts import ALL, SIDES, conflict_view, resolve
    from inspector.office.review.edits import EDITABLE, parse_value
    from inspector.office.review.ids import find

    settings, office_db = context
    lang = settings.lang
    choices: dict = {}
    for field, side in _pairs(lang, "--take", takes).items():
        side = side.strip().lower()
        if side not in SIDES:
            raise fail(lang, t("review.bad_side", lang, side=side))
        choices[field] = side
    if all_side is not None:
        if all_side.strip().lower() not in SIDES:
            raise fail(lang, t("review.bad_side", lang, side=all_side))
        choices[ALL] = all_side.strip().lower()
    typed = _pairs(lang, "--set", sets)
    with _session(settings, office_db) as db:
        kind, found = find(db, record_id, kinds=("visit", "answer", "problem", "innovation", "follow_up", "photo"),
                           conflicts=True)
        for field, value in typed.items():
            choices[field] = parse_value(kind, field, value) if field in EDITABLE.get(kind, ()) else _literal(value)
        view = conflict_view(db, kind, found)
        done = resolve(db, kind, found, choices, by=acting_id(), reason=reason, seen_rev=view.office_rev,
                       inspector_rev=view.inspector_rev, author=view.author)
    state = labels("ReviewState", lang).get(done.state, "-") if done.state else "-"
    click.echo(t("review.cli.conflicts.resolved", lang, kind=labels("RecordKind", lang).get(kind, kind),
                 id=found[:SHORT], rev=done.rev, inspector_rev=done.inspector_rev, office_rev=done.office_rev or "-",
                 state=state))


def _literal(text: str):
    """A typed value for a field no form knows: JSON when it is JSON (a number, true, a list), else the text."""
    import json

    try:
        return json.loads(text)
    except ValueError:
        return text


# -- office innovations ---------------------------------------------------------------------


@office.group("innovations")
def office_innovations() -> None:
    """The innovation list (创新清单): grades and typical cases."""


@office_innovations.command("grade")
@click.argument("record_id", metavar="ID")
@click.option("--grade", "grade_text")
@click.option("--typical/--not-typical", default=None)
@click.option("--caption")
@click.pass_obj
def innovations_grade(context, record_id, grade_text, typical, caption) -> None:
    """Grade an innovation and mark typical cases; what is not given stays as it was."""
    from inspector.office.review.ids import find
    from inspector.office.review.innovations import grade, grade_of, parse_grade

    settings, office_db = context
    lang = settings.lang
    with _session(settings, office_db) as db:
        wanted = parse_grade(grade_text) if grade_text is not None else None
        _, found = find(db, record_id, kinds=("innovation",))
        before = grade_of(db, found)
        done = grade(db, found, wanted if grade_text is not None else before.grade,
                     before.typical if typical is None else typical,
                     before.caption if caption is None else caption, by=acting_id(), seen_version=before.version)
    click.echo(t("review.cli.graded", lang, id=found[:SHORT],
                 grade=labels("InnovationGrade", lang).get(done.grade, "") or t("review.cli.no_grade", lang),
                 typical=t("review.cli.yes" if done.typical else "review.cli.no", lang)))
