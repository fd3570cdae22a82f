"""The app: screens, bindings and what every screen shares (settings, language)."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from inspector.i18n import t
from inspector.settings import Settings

from .bindings import localize_bindings
from .screens.project_list import ProjectListScreen


class InspectorApp(App[None]):
    CSS_PATH = "app.tcss"
    # The palette speaks only English and offers nothing an inspector needs.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "key.quit", priority=True)]

    def __init__(self, settings: Settings, prefetched=None) -> None:
        super().__init__()
        self.settings = settings
        self.lang = settings.lang
        self.title = self.t("app.title")
        self._first_rows = prefetched
        localize_bindings(self, self.lang)

    def t(self, key: str, **fields: object) -> str:
        return t(key, self.lang, **fields)

    def get_default_screen(self) -> ProjectListScreen:
        # The project list is the home screen itself: pushing it over Textual's
        # blank default screen would lay out and paint two screens at start-up.
        return ProjectListScreen(self.lang)

    def take_prefetched_rows(self):
        """The project rows read at start-up, once; None afterwards."""
        future, self._first_rows = self._first_rows, None
        return future

    def open_reader(self):
        """A read connection for the calling thread: each worker opens its own."""
        from inspector.store import open_reader

        return open_reader(self.settings.db_path)

