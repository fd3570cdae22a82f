"""Helpers shared by the TUI and snapshot tests."""

from __future__ import annotations

from pathlib import Path

from inspector.models import Assignment
from inspector.store import open_db
from inspector.store.assignments import save_assignment

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def make_db(path: Path, assignment: Assignment | None = None) -> Path:
    db = open_db(path)
    if assignment is not None:
        save_assignment(db, assignment)
    db.close()
    return path


async def settle(pilot) -> None:
    """Wait until background reads are done and their results drawn."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    for _ in range(200):  # a worker's result arrives as a message: let it be handled
        if getattr(app.screen, "loaded", True):
            break
        await pilot.pause(0.01)
    await pilot.pause()


def widget_text(widget) -> str:
    """What a person sees in a widget: its rendered lines, as plain text."""
    from textual.geometry import Region

    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(strip.text for strip in strips).replace("\u00a0", " ")


async def wait_for(pilot, condition, tries: int = 300) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the screen never got there")
