"""Every wrapping widget obeys kinsoku: Textual's line breaker replaced by ours.

Textual has no supported hook for where lines break. Static, Label,
OptionList, Button and every other Content-based widget fold text through
the name `divide_line` that textual.content imports from rich._wrap; Rich
renderables shown through RichVisual use rich.text's copy of the same name;
TextArea's soft wrap uses `compute_wrap_offsets` imported into
textual.document._wrapped_document. A Visual of our own would need every
screen to remember to use it; replacing these three module names catches
every screen, present and future, at one place.

The patch is pinned: tests/tui/test_kinsoku_screens.py fails when Textual is
no longer the version it was written against, so an upgrade re-reads those
three call sites first. At run time a missing name only means Textual's own
breaking (ugly, never broken): the app must start whatever Textual does.
"""

from __future__ import annotations

from inspector.text.kinsoku import break_offsets, needs_kinsoku

WRITTEN_FOR = "8.2.8"  # the textual version whose call sites were read
_installed = False


def install() -> None:
    """Make Textual (and Rich inside it) break lines by kinsoku. Idempotent."""
    global _installed
    if _installed:
        return
    _installed = True
    import rich.text
    import textual.content

    try:
        import textual.document._wrapped_document as wrapped_document
    except ImportError:  # pragma: no cover - only if Textual moves it
        wrapped_document = None

    for module in (textual.content, rich.text):
        original = getattr(module, "divide_line", None)
        if original is not None:
            module.divide_line = _divide_line(original)
    if wrapped_document is not None and hasattr(wrapped_document, "compute_wrap_offsets"):
        wrapped_document.compute_wrap_offsets = _compute_wrap_offsets(wrapped_document.compute_wrap_offsets)


def _divide_line(original):
    def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
        # Text without Chinese keeps Textual's own breaks, to the cell.
        if not needs_kinsoku(text):
            return original(text, width, fold)
        return break_offsets(text, width, fold=fold)

    divide_line.kinsoku = True
    return divide_line


def _compute_wrap_offsets(original):
    def compute_wrap_offsets(text: str, width: int, tab_size: int, fold: bool = True,
                             precomputed_tab_sections=None) -> list[int]:
        # Tabs have widths that depend on their column: Textual's own code measures them.
        if "\t" in text or not needs_kinsoku(text):
            return original(text, width, tab_size, fold, precomputed_tab_sections)
        # In an editor the cursor can sit on trailing spaces: they count.
        return break_offsets(text, width, fold=fold, count_spaces=True)

    compute_wrap_offsets.kinsoku = True
    return compute_wrap_offsets
