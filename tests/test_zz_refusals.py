"""Every refusal the suite provoked, in both languages, in its user's script
(issue 13, item 1).

tests/refusals.py recorded each message a user saw with the t() calls that
built it; here each is checked as it was said and as the other language
would have said it (its t() calls made again in that language). Run alone,
the walk provokes a small corpus of refusals itself, so it never passes on
nothing.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

import factories
import refusals
from inspector import i18n
from script_check import offending, other, replay
from support import signed, staffed


def said_in(refusal, lang: str, how: str) -> tuple[str, list]:
    chain: list = []
    i18n.observers.append(lambda *call: chain.append(call))
    try:
        return refusals.originals[how](refusal, lang), chain
    finally:
        i18n.observers.pop()


def versions(found: refusals.Seen):
    """(lang, how it was got, text, chain) for each language."""
    if found.said is not None:
        for lang in ("zh", "en"):
            yield (lang, f"{found.where} of a {type(found.said).__name__}", *said_in(found.said, lang, found.where))
        return
    yield found.lang, f"{found.where}, as said", found.text, found.chain
    text, chain = replay(found.text, found.lang, found.chain)
    yield other(found.lang), f"{found.where}, said again in {other(found.lang)}", text, chain


def offenders(seen) -> list[str]:
    """One line per wrong message: test · language · message [wrong words] (how)."""
    first: dict[tuple[str, str], list] = {}
    for found in seen:
        for lang, how, text, chain in versions(found):
            wrong = offending(text, lang, chain)
            if wrong:
                entry = first.setdefault((lang, text), [found.test, how, wrong, 0])
                entry[3] += 1
    return [f"{test} · {lang} · {text!r}  [{'; '.join(wrong)}] ({how}{f'; seen {times}×' if times > 1 else ''})"
            for (lang, text), (test, how, wrong, times) in first.items()]


def provoke(tmp_path) -> None:
    """Refusals a new user meets first, in both languages, through the command line."""
    missing = tmp_path / "nowhere.json"
    malformed = tmp_path / "broken.json"
    malformed.write_text("{ not json", encoding="utf-8")
    new_york = tmp_path / "new-york.json"
    data = factories.assignment()
    data["projects"][0]["city"] = "纽约"
    new_york.write_bytes(signed(data))
    bundle = tmp_path / "bundle.zip"
    bundle.write_bytes(b"PK not a bundle")
    runner = CliRunner()
    for lang in ("zh", "en"):
        laptop = ["--lang", lang, "--db", str(tmp_path / f"laptop-{lang}.db")]
        office = ["--lang", lang, "office", "--office-db", str(tmp_path / f"office-{lang}.db")]
        runner.invoke(refusals_cli(), [*office, "init"])
        staffed(tmp_path / f"office-{lang}.db")
        for args in ([*laptop, "load", str(missing)], [*laptop, "load", str(malformed)],
                     [*laptop, "load", str(new_york)], [*office, "ingest", str(bundle)],
                     [*office, "ingest", str(missing)], [*office, "checklists", "import", str(missing)],
                     [*office, "checklists", "import", str(malformed)], [*office, "projects", "import", str(missing)],
                     [*office, "projects", "import", str(malformed)], [*office, "round", "plan", "R1"],
                     [*laptop, "export", "-o", str(malformed)]):
            result = runner.invoke(refusals_cli(), args)
            assert result.exit_code != 0, (args, result.output)


def refusals_cli():
    from inspector.cli import cli

    return cli


def test_every_refusal_in_its_users_script(request, tmp_path):
    here = request.node.nodeid.split("::")[0]
    if not any(found.test.split("::")[0] != here for found in refusals.seen):  # run alone: provoke some
        provoke(tmp_path)
    seen = [found for found in refusals.seen]
    assert seen, "no refusal was recorded: is tests/refusals.py registered?"
    wrong = offenders(seen)
    assert not wrong, (f"{len(wrong)} message(s) in the wrong script "
                       f"(of {len(seen)} recorded):\n" + "\n".join(wrong))


def test_the_walk_is_last(request):
    names = [item.nodeid for item in request.session.items]
    walks = [index for index, name in enumerate(names) if name.endswith(refusals.WALK)]
    assert walks == [len(names) - 1] or not walks


def test_a_malformed_assignment_is_recorded(tmp_path):
    """The recording itself: a refusal on the command line lands in `seen` with its t() calls."""
    path = tmp_path / "broken.json"
    path.write_text(json.dumps([1])[:-1], encoding="utf-8")
    before = len(refusals.seen)
    CliRunner().invoke(refusals_cli(), ["--lang", "en", "--db", str(tmp_path / "x.db"), "load", str(path)])
    mine = [found for found in refusals.seen[before:] if found.said is None]
    assert mine and mine[-1].lang == "en" and mine[-1].text.startswith("error:")
    assert any(call[0] == "cli.error" for call in mine[-1].chain)
