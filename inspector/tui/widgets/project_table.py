"""A virtual project table: only the rows on screen are ever drawn, so 10,000
projects cost no more to show than 20."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from .cells import clip, clip_text


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int  # cells; for a flexible column, its least width
    align: str = "left"
    flex: int = 0  # share of the spare width; 0 = fixed width
    keep: int = 4  # cells it keeps when the table is too narrow for every column
    short: str = ""  # a shorter title, a whole word, for when the title does not fit


def fit(text: str | Text, width: int, align: str = "left") -> Text:
    """Pad or cut `text` to exactly `width` terminal cells (CJK counts two);
    styled text keeps its style."""
    if isinstance(text, Text):
        cell = clip_text(text, width).copy()
        cell.no_wrap, cell.end = True, ""
    else:
        cell = Text(clip(text, width), no_wrap=True, end="")
    pad = width - cell.cell_len
    if pad > 0:
        if align == "right":
            cell = Text(" " * pad) + cell
        else:
            cell.pad_right(pad)
    return cell


def layout(columns: Sequence[Column], width: int) -> list[int]:
    """Cell widths of each column for a table `width` cells wide (one-cell gaps):
    fixed columns get their width, flexible ones their least width plus a
    share of what is left. When even that does not fit, the widest columns
    give up cells first, down to what each must keep, so every column stays
    on screen and the name stays readable."""
    available = width - (len(columns) - 1)
    widths = [c.width for c in columns]
    spare = available - sum(widths)
    weights = sum(c.flex for c in columns)
    if spare > 0 and weights:
        for i, column in enumerate(columns):
            widths[i] += spare * column.flex // weights
        first = next(i for i, c in enumerate(columns) if c.flex)
        widths[first] += available - sum(widths)  # rounding leftovers
    while sum(widths) > available:
        # the widest column that can still give a cell without going below its keep
        candidates = [i for i, c in enumerate(columns) if widths[i] > c.keep]
        if not candidates:
            candidates = [i for i in range(len(columns)) if widths[i] > 1]
            if not candidates:
                break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


class TableHeader(Widget):
    """The column titles; clicking one sorts by it."""

    DEFAULT_CSS = "TableHeader { height: 1; }"

    class Clicked(Message):
        def __init__(self, column: int) -> None:
            super().__init__()
            self.column = column

    def __init__(self, columns: Sequence[Column], table: "ProjectTable", **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self.table = table
        self.marker: tuple[int, bool] | None = None  # (column, descending)

    def _width(self) -> int:
        # The rows' width, not ours: the table loses a cell to its scrollbar,
        # and the titles must sit exactly over their columns.
        return self.table.scrollable_content_region.width or self.size.width

    def render(self) -> Text:
        widths = layout(self.columns, self._width())
        line = Text(no_wrap=True, end="")
        for index, (column, width) in enumerate(zip(self.columns, widths)):
            title = column.title
            if column.short and cell_len(title) + 1 > width:  # +1: the sort arrow
                title = column.short
            if self.marker and self.marker[0] == index:
                title += "v" if self.marker[1] else "^"  # ▼▲ are ambiguous width (see cells.py)
            line.append_text(fit(title, width, column.align))
            if index < len(self.columns) - 1:
                line.append(" ")
        return line

    def on_click(self, event: events.Click) -> None:
        widths = layout(self.columns, self._width())
        x = 0
        for index, width in enumerate(widths):
            if event.x < x + width + 1:
                self.post_message(self.Clicked(index))
                return
            x += width + 1


class ProjectTable(ScrollView, can_focus=True):
    """Rows are any objects; `cells(row)` turns one into strings for the columns."""

    COMPONENT_CLASSES = {"project-table--cursor", "project-table--muted"}
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class Selected(Message):
        def __init__(self, row: object) -> None:
            super().__init__()
            self.row = row

    def __init__(self, columns: Sequence[Column], cells: Callable[[object], Sequence[str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self.cells = cells
        self.rows: Sequence[object] = ()
        self.placeholder = ""

    def set_rows(self, rows: Sequence[object], *, keep: object | None = None) -> None:
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        target = 0
        if keep is not None:
            # Rows are matched by code: a row whose visit state changed is still the same project.
            code = getattr(keep, "code", None)
            target = next((i for i, row in enumerate(rows) if getattr(row, "code", None) == code), 0)
        self.cursor = target
        self.refresh()

    @property
    def current(self) -> object | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def watch_cursor(self, value: int) -> None:
        if self.rows:
            clamped = min(max(value, 0), len(self.rows) - 1)
            if clamped != value:
                self.cursor = clamped
                return
            self.scroll_to_region(Region(0, value, 1, 1), animate=False, force=True)
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.scrollable_content_region.height - 1, 1)

    def action_jump(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.rows) - 1

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))
        self.post_message(self.Resized())

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if 0 <= index < len(self.rows):
            if index == self.cursor or event.chain > 1:
                self.cursor = index
                self.action_select()
            else:
                self.cursor = index

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = self.scroll_offset.y + y
        if not self.rows:
            text = self.placeholder if y == 1 else ""
            muted = self.get_component_rich_style("project-table--muted")
            return Strip(fit(" " + text, width).render(self.app.console), width).apply_style(base + muted)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        widths = layout(self.columns, width)
        line = Text(no_wrap=True, end="")
        values = self.cells(self.rows[index])
        for i, (column, cell_width, value) in enumerate(zip(self.columns, widths, values)):
            line.append_text(fit(value, cell_width, column.align))
            if i < len(self.columns) - 1:
                line.append(" ")
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("project-table--cursor")
        segments = list(line.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, style).apply_style(style)
