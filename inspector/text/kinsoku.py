"""Where a line of mixed Chinese and Latin text may break (禁则, kinsoku).

Chinese has no spaces, so a terminal library that breaks only at spaces
folds a Chinese sentence wherever the width runs out: a line may then start
with "，" or end with "（", which a Chinese reader sees as a typesetting
error. The rules here follow W3C "Requirements for Chinese Text Layout"
(clreq) §3.1.7: no closing or pausing mark at a line's start (行首禁则), no
opening mark at its end (行尾禁则), "——" and "……" never split (分离禁则).
When a line would break badly the break moves back one unit, so the
character before a closing mark goes down with it (推出 / 追い出し,
"carry down"); we never let a mark hang past the width, since a terminal
has no margin to hang it in.

Widths are measured with rich.cells, the function Textual itself uses, so a
line that fits here fits on the screen. Latin words and numbers ("GB/T",
"70%", "30") stay whole unless a single one is wider than the line.

No Textual here: the interface installs `break_offsets` into Textual's
wrapping (inspector/tui/kinsoku.py); reports may use `wrap` directly.
"""

from __future__ import annotations

from rich.cells import cell_len, split_graphemes

# May not start a line: pausing and stop marks, closing brackets and quotes,
# the connecting marks (～ · ・), and units written after a number.
NO_START = frozenset(
    "，。、；：？！．,.;:?!"
    "）」』】》〉〕］｝〗〙)]}"
    "”’"
    "…‥～·・〜ー々"
    "％‰℃°%"
)
# May not end a line: opening brackets and quotes, and currency signs that
# belong to the number after them.
NO_END = frozenset("（「『【《〈〔［｛〖〘([{“‘￥＄$£€")
# Two of these in a row are one mark (破折号 ——, 省略号 ……).
INSEPARABLE = frozenset("—…")


def _is_wide_script(char: str) -> bool:
    """Characters between which a line may break although there is no space:
    ideographs, kana, hangul and full-width forms (all two cells wide), and
    the CJK marks that the terminal counts as one cell (“ ” … — ·)."""
    return cell_len(char) == 2 or char in NO_START or char in NO_END or char in INSEPARABLE


def needs_kinsoku(text: str) -> bool:
    """Does `text` hold anything these rules treat differently from
    space-separated words? Text without it breaks exactly where rich breaks it."""
    return any(_is_wide_script(char) for char in text if ord(char) > 0x7F)


def _units(text: str) -> list[tuple[int, int, int]]:
    # A unit is one grapheme (a base character with its combining marks, an
    # emoji with its joiners): never cut inside one.
    spans, _ = split_graphemes(text)
    return spans


def _kinsoku_allows(before: str, after: str) -> bool:
    """May a line end with `before` and the next begin with `after`?"""
    if after[0] in NO_START or before[-1] in NO_END:
        return False
    return not (before[-1] in INSEPARABLE and after[0] == before[-1])


def _may_break(before: str, after: str) -> bool:
    """Is the boundary between two units a place to break a line?"""
    if after.isspace():
        return False  # spaces stay at the end of the line they follow
    if not _kinsoku_allows(before, after):
        return False
    if before.isspace():
        return True
    # Between two Latin/digit units is inside a word or a number.
    return _is_wide_script(before[-1]) or _is_wide_script(after[0])


def break_offsets(text: str, width: int, fold: bool = True, count_spaces: bool = False) -> list[int]:
    """Code-point offsets at which to break one line of `text` (no newlines)
    so each piece fits in `width` cells: the same contract as
    rich._wrap.divide_line, so Textual can use it in its place.

    Spaces at a break stay at the end of the earlier line and, unless
    `count_spaces` (an editor, where the cursor can sit on them), do not count
    towards its width. A run without any allowed break wider than the line is
    folded where it fills the line (if `fold`), still avoiding a kinsoku
    violation where the run offers another place; without `fold` it is left
    to overflow, to be cropped by the caller.
    """
    width = max(width, 1)
    units = _units(text)
    pieces = [text[start:end] for start, end, _ in units]
    offsets: list[int] = []
    line_start = 0  # unit index of the current line's first unit
    line_width = 0  # cells used by units line_start..i-1, trailing spaces included
    last_break = None  # unit index of the latest allowed break on this line
    last_fold = None  # latest place a forced fold would not break kinsoku
    # Leading spaces belong to the first word: a line of nothing but spaces says nothing.
    first_ink = next((k for k, piece in enumerate(pieces) if not piece.isspace()), len(pieces))
    i = 0
    while i < len(units):
        piece, cells = pieces[i], units[i][2]
        if i > max(line_start, first_ink):
            if _may_break(pieces[i - 1], piece):
                last_break = i
            if not piece.isspace() and _kinsoku_allows(pieces[i - 1], piece):
                last_fold = i
        counted = line_width + cells
        if (piece.isspace() and not count_spaces) or counted <= width:
            line_width = counted
            i += 1
            continue
        # unit i does not fit on this line
        if last_break is not None:
            cut = last_break
        elif not fold:
            line_width = counted  # an unbreakable run overflows; the caller crops it
            i += 1
            continue
        elif last_fold is not None:
            cut = last_fold
        elif i > line_start:
            cut = i  # nothing better: fold here, as the terminal would
        else:
            cut = i + 1  # a single unit wider than the line gets a line of its own
        offsets.append(units[cut][0] if cut < len(units) else len(text))
        if cut >= len(units):
            break
        line_start, last_break, last_fold = cut, None, None
        line_width = sum(units[k][2] for k in range(cut, i))
        i = max(i, cut)
    return [offset for offset in offsets if 0 < offset < len(text)]


def wrap(text: str, width: int) -> list[str]:
    """`text` cut into lines of at most `width` cells (trailing spaces not
    counted), obeying kinsoku. Each newline ends a line and stays on it, so
    "".join(wrap(text, width)) == text."""
    lines: list[str] = []
    for paragraph in text.splitlines(keepends=True):
        body = paragraph.rstrip("\r\n")
        cuts = [0, *break_offsets(body, width), len(paragraph)]
        lines.extend(paragraph[a:b] for a, b in zip(cuts, cuts[1:]))
    return lines
