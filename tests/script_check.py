"""Whether a message reached its user in their script, and the same message
said in the other language.

A message is checked together with the chain of t() (and label()) calls made
while it was built: (key, lang, fields, output). The chain tells words from
values: a field that is no t() output and no prose (a file, an id, a project's
name) is the user's own and may be in any script, so it is taken out before
the check, as are paths and quoted spans. What remains must be the user's
script: no run of three English words in Chinese, no CJK character in English.
A raw str(exc) or a library's sentence comes from no t() call and so stays,
which is what the check is for.
"""

from __future__ import annotations

import os
import re

from inspector import i18n
from inspector.i18n import label, t

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
# Words (and numbers among them: "line 1 column 1") joined by spaces or by
# ASCII punctuation before a space, as English prose is; Chinese punctuation
# ends a run.
_TOKEN = r"(?:[A-Za-z][A-Za-z'’-]*|\d+)"
_RUN = re.compile(rf"{_TOKEN}(?:[,;:.!?)(]?[ \t]+[(]?{_TOKEN})+")
_ALPHA = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def english_runs(text: str) -> list[str]:
    """Runs of three or more words and numbers, two of them words at least."""
    return [run for run in _RUN.findall(text)
            if len(re.findall(_TOKEN, run)) >= 3 and len(_ALPHA.findall(run)) >= 2]
# Values a sentence quotes (user data by the house rule), commands written
# out for the user to type, and paths.
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|「[^」\n]*」|『[^』\n]*』|‘[^’\n]*’|`[^`\n]*`'
                    r"|(?<![A-Za-z])'[^'\n]*'(?![A-Za-z])")
# A command with its arguments (an example name among them) up to the
# bracket or stop that ends it.
# (`cli` is the program's name when a test runs the group through click's CliRunner.)
COMMAND = re.compile(r"\b(?:inspector|cli)(?:[ \t]+[^\s)）;；,，。]+)+")
PATH = re.compile(r"\S*[/\\]\S*")
# Fields that carry sentences rather than values: whatever is in them must be
# the user's words already (an error's English str() is not).
PROSE = frozenset({"message", "error", "reason", "detail", "problem", "failure", "because", "said"})
CUT = "\x00"  # stands where a value was: joins no words on either side

Call = tuple  # (key, lang, fields, output); key is (kind, code) for label()
# A refusal object said whole (say(), input_error()): its fields hold `again`,
# which says it in a given language. Said again whole, it needs no guessing
# at code that words a message differently by language.
SAID = "<said>"


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def _outputs(chain) -> list[str]:
    # One-letter outputs ("是", a separator) would be found inside anything.
    return [call[3] for call in chain if isinstance(call[3], str) and len(call[3]) >= 2]


def user_values(chain) -> set[str]:
    """The values the chain's calls were given that are no words of ours."""
    outputs = _outputs(chain)
    values: set[str] = set()
    for _key, _lang, fields, _output in chain:
        for name, value in fields.items():
            if name in PROSE or not isinstance(value, str | os.PathLike):
                continue
            text = str(value)
            if text and not any(output in text for output in outputs):
                values.add(text)
    return values


def _cut(text: str, values) -> str:
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, CUT)
    return text


def offending(text: str, lang: str, chain=()) -> list[str]:
    """The spans of `text` that are not in `lang`'s script ([] when it is)."""
    rest = _cut(text, user_values(chain))
    rest = PATH.sub(CUT, COMMAND.sub(CUT, QUOTED.sub(CUT, rest)))
    if lang == "zh":
        return english_runs(rest)
    return CJK.findall(rest)


def _substitute(text: str, mapping: dict[str, str]) -> str:
    """Each original output replaced by its other-language one, longest first, in one pass."""
    keys = [key for key in sorted(mapping, key=len, reverse=True) if key and mapping[key] != key]
    if not keys:
        return text
    pattern = re.compile("|".join(map(re.escape, keys)))
    return pattern.sub(lambda found: mapping[found.group(0)], text)


def replay(text: str, lang: str, chain) -> tuple[str, list[Call]]:
    """The message as the other language would have said it: every call made
    in `lang` whose words are in the message is made again in the other one
    (a field that was an earlier call's output gets that call's new output).
    Calls in another language than the user's are not replayed: their words
    were wrong already."""
    there = other(lang)
    mapping: dict[str, str] = {}
    replayed: list[Call] = []
    for call in chain:
        key, call_lang, fields, output = call
        # A call whose words are not in the message may still have fed a field
        # of one that is (a label inside "code (name)"): it is replayed too.
        if call_lang != lang or not output:
            replayed.append(call)
            continue
        if key == SAID:
            inner: list = []
            i18n.observers.append(lambda *made: inner.append(made))
            try:
                mapping[output] = fields["again"](there)
            finally:
                i18n.observers.pop()
            replayed.extend(inner)
            continue
        new_fields = {name: _substitute(value, mapping) if isinstance(value, str) else value
                      for name, value in fields.items()}
        try:
            new = label(key[0], key[1], there) if isinstance(key, tuple) else t(key, there, **new_fields)
        except (KeyError, IndexError, ValueError):  # a field the other table does not take: keep
            new = output
        mapping[output] = new
        replayed.append((key, there, new_fields, new))
    return _substitute(text, mapping), replayed
