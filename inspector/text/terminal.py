"""Text made safe for a terminal, whatever it holds.

Files we read refuse control characters now (strictjson.py), but a database
may hold text from before, and a name is printed in many places. Every line
the command line prints passes through `SafeStream`: a character a terminal
acts on (ESC and its sequences, BEL, a CR in the middle of a line, C1
controls, bidi overrides) is shown as <U+001B> instead of being obeyed.
Our own progress lines start with a CR and hide the cursor while they run:
those, and only those, pass."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_OURS = re.compile(r"\x1b\[\?25[lh]")  # the progress bar's cursor hide/show


def safe(text: str) -> str:
    """`text` with every character a terminal would act on made visible."""
    return _UNSAFE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def _safe_output(text: str) -> str:
    lead = len(text) - len(text.lstrip("\r"))  # a progress line rewriting itself
    parts = _OURS.split(text[lead:])
    kept = _OURS.findall(text[lead:])
    out = [safe(parts[0])]
    for sequence, part in zip(kept, parts[1:]):
        out += [sequence, safe(part)]
    return text[:lead] + "".join(out)


class SafeStream:
    """A text stream that passes `_safe_output` of everything written to it."""

    def __init__(self, inner) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(_safe_output(text) if isinstance(text, str) else text)
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


@contextlib.contextmanager
def safe_output() -> Iterator[None]:
    """sys.stdout and sys.stderr through SafeStream while the block runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
