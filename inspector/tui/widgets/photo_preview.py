"""A photo drawn with half-block characters: each cell shows two pixels, the
upper as the character's colour and the lower as its background. Works in
every terminal that shows colour."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.strip import Strip
from textual.widget import Widget


class PhotoPreview(Widget):
    DEFAULT_CSS = "PhotoPreview { height: 1fr; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._photo: Path | None = None
        self._strips: list[Strip] = []
        self._drawn_for = (0, 0)

    def show(self, path: Path | None) -> None:
        self._photo = path
        self._strips = []
        self._drawn_for = (0, 0)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _draw(self) -> None:
        """Decoding and scaling the thumbnail happen off the UI thread."""
        width, height = self.size
        strips = self._render_rows(width, height)
        self.app.call_from_thread(self._drawn, strips, (width, height))

    def _drawn(self, strips, size) -> None:
        self._strips, self._drawn_for = strips, size
        self.refresh()

    def _render_rows(self, width: int, height: int) -> list[Strip]:
        from PIL import Image

        if self._photo is None or width < 2 or height < 1:
            return []
        try:
            with Image.open(self._photo) as image:
                image = image.convert("RGB")
                scale = min(width / image.width, (height * 2) / image.height)
                size = (max(1, int(image.width * scale)), max(2, int(image.height * scale) // 2 * 2))
                image = image.resize(size)
        except OSError:
            return []
        pixels = image.load()
        rows = []
        for y in range(0, size[1] - 1, 2):
            segments = []
            for x in range(size[0]):
                top, bottom = pixels[x, y], pixels[x, y + 1]
                style = Style(color=f"rgb({top[0]},{top[1]},{top[2]})",
                              bgcolor=f"rgb({bottom[0]},{bottom[1]},{bottom[2]})")
                segments.append(Segment("▀", style))
            rows.append(Strip(segments, size[0]))
        return rows

    def render_line(self, y: int) -> Strip:
        width, _ = self.size
        if y < len(self._strips):
            row = self._strips[y]
            pad = (width - row.cell_length) // 2
            return Strip([Segment(" " * pad), *row]).adjust_cell_length(width)
        return Strip.blank(width)
