"""The one way to build the app: used by the CLI, the tests and the benchmarks."""

from __future__ import annotations

from inspector.settings import Settings


def make_app(settings: Settings):
    from .app import InspectorApp

    return InspectorApp(settings)
