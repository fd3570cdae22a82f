"""The app: screens, bindings and what every screen shares (settings, language)."""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.binding import Binding

from inspector.i18n import t
from inspector.settings import Settings

from .bindings import localize_bindings
from .kinsoku import install as install_kinsoku
from .screens.project_list import ProjectListScreen


class InspectorApp(App[None]):
    CSS_PATH = "app.tcss"
    # The palette speaks only English and offers nothing an inspector needs.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "key.quit", priority=True)]

    def __init__(self, settings: Settings, prefetched=None, *, start: str = "projects", office_db=None,
                 office_user: str | None = None, today=None) -> None:
        install_kinsoku()  # Chinese lines break where a Chinese reader expects them
        super().__init__()
        self.settings = settings
        self.lang = settings.lang
        self.title = self.t("app.title")
        self._first_rows = prefetched
        self._writer = None
        # "projects" (the laptop), "checklists" (the office's checklist editor) or "office" (review)
        self.start = start
        self.office_db = office_db
        self.office_user = office_user  # who publishes, imports and discards, for the audit log
        self._office_writer = None
        self._today = today  # the office's "today" for deadlines; None: the computer's (tests fix one)
        self.resume_checked = False  # an unfinished visit is resumed once, at start-up
        localize_bindings(self, self.lang)

    def t(self, key: str, **fields: object) -> str:
        return t(key, self.lang, **fields)

    async def on_event(self, event) -> None:
        # Keys are queued as they are typed and go to whatever screen is on top
        # when their turn comes: letters typed right after v, meant for the
        # checklist, would land in the start form's fields (or ^s submit it).
        # A key typed before a form was drawn is dropped; ^q still quits.
        from textual import events

        from .dialogs.base import Dialog

        if isinstance(event, events.Key) and not event.is_forwarded and event.key != "ctrl+q":
            screen = self.screen_stack[-1] if self.screen_stack else None
            if isinstance(screen, Dialog) and screen.typed_before_shown(event):
                return
        await super().on_event(event)

    def get_default_screen(self):
        # The project list is the home screen itself: pushing it over Textual's
        # blank default screen would lay out and paint two screens at start-up.
        if self.start == "checklists":
            from .screens.checklist_list import ChecklistListScreen

            return ChecklistListScreen(self.lang)
        if self.start == "office":
            from .screens.office_dashboard import OfficeDashboardScreen

            return OfficeDashboardScreen(self.lang)
        return ProjectListScreen(self.lang)

    def take_prefetched_rows(self):
        """The project rows read at start-up, once; None afterwards."""
        future, self._first_rows = self._first_rows, None
        return future

    @property
    def writer(self):
        """The one thread every save goes through, started on first use."""
        if self._writer is None:
            from inspector.store.writer import Writer

            self._writer = Writer(self.settings.db_path)
        return self._writer

    def save(self, fn, /, *args, on_saved=None, on_refused=None, **kwargs) -> None:
        """Queue `fn(db, *args, **kwargs)` on the writer. `on_saved(result)` runs
        on the UI thread when it is stored; a refusal is shown to the user."""
        self._submit(self.writer, fn, args, kwargs, on_saved, on_refused)

    @property
    def office_writer(self):
        """The checklist editor's writer: the same one-thread queue, on the office database."""
        if self._office_writer is None:
            from inspector.office.db import open_office_db
            from inspector.store.writer import Writer

            self._office_writer = Writer(self.office_db, opener=open_office_db)
        return self._office_writer

    def save_office(self, fn, /, *args, on_saved=None, on_refused=None, **kwargs) -> None:
        """As save(), on the office database."""
        self._submit(self.office_writer, fn, args, kwargs, on_saved, on_refused)

    def office_today(self):
        """The day deadlines are judged against."""
        from datetime import date

        return self._today or date.today()

    def open_office_reader(self):
        """An office database connection for the calling thread (a worker's own)."""
        from inspector.office.db import open_office_db

        return open_office_db(self.office_db)

    def _submit(self, writer, fn, args, kwargs, on_saved, on_refused) -> None:
        def done(future) -> None:
            # Runs on the writer thread: hand over to the UI loop without waiting
            # for it (a blocking hand-over would deadlock with flush()).
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - any refusal is shown, none is lost silently
                callback, argument = on_refused or self.report_error, exc
            else:
                if on_saved is None:
                    return
                callback, argument = on_saved, result
            # post_message (under call_later) is thread-safe; it returns False
            # once the app has closed, and what was saved stays saved.
            self.call_later(callback, argument)

        writer.submit(fn, *args, **kwargs).add_done_callback(done)

    def report_error(self, exc: BaseException) -> None:
        from inspector.inspection.answers import InvalidAnswer
        from inspector.store.errors import StoreError

        import sqlite3

        from inspector.checklists.errors import ChecklistError, checklist_refusal
        from inspector.i18n.said import Said, say
        from inspector.inspection.gaps import Incomplete

        if isinstance(exc, InvalidAnswer):
            message = self.t(f"invalid.{exc.code}", **exc.params)
        elif isinstance(exc, Incomplete):
            message = self.t("finish.missing_title", count=len(exc.gaps))
        elif isinstance(exc, StoreError) and exc.code:
            message = self.t(f"store.{exc.code}", **exc.params)
        elif isinstance(exc, StoreError):
            message = self.t("store.refused", message=exc.message)
        elif isinstance(exc, ChecklistError):
            message = checklist_refusal(exc, self.lang)
        elif isinstance(exc, (Said, OSError, sqlite3.Error)):  # said by kind, never the platform's English
            message = self.t("app.save_failed", error=say(exc, self.lang))
        else:
            message = self.t("app.save_failed", error=f"{type(exc).__name__}: {exc}")
        self.notify(message, severity="error", markup=False, timeout=8)

    def flush(self) -> None:
        """Wait until every queued save is on disk."""
        for writer in (self._writer, self._office_writer):
            if writer is not None:
                writer.flush()

    def action_quit(self) -> None:
        # ^q is a priority key, handled the moment it arrives: the keys typed
        # just before it may not have reached their field yet. Quit once they
        # have, in a worker, so this queue stays free for the keys on their way.
        self.run_worker(self._quit_after_typing(), group="quit", exclusive=True, exit_on_error=False)

    async def _quit_after_typing(self) -> None:
        await self.keys_landed()
        for screen in reversed(self.screen_stack):
            hand_over = getattr(screen, "hand_over_edits", None)
            if hand_over is not None:
                hand_over()  # what a screen holds in its fields goes to the writer now
        try:
            self.flush()
        except Exception as exc:  # noqa: BLE001 - say so, and stay: quitting must not hide a lost save
            self.report_error(exc)
            return
        self.exit()

    async def keys_landed(self) -> None:
        """Wait until every key already sent has been handled. A key travels
        from the focused widget up through its ancestors to the app (where
        bound keys such as backspace run), one queue at a time: follow it.
        Twice, because what handling a key posts (a field's Changed) travels
        the same way behind it."""
        for _ in range(2):
            focused = self.focused
            chain = list(focused.ancestors_with_self) if focused is not None else [self.screen, self]
            for node in chain:
                landed = asyncio.Event()
                if node.call_later(landed.set):
                    try:
                        await asyncio.wait_for(landed.wait(), timeout=1)
                    except TimeoutError:
                        pass  # a node too busy to answer: quitting must not hang on it

    def close_writer(self) -> None:
        for writer in (self._writer, self._office_writer):
            if writer is not None:
                writer.close()
        self._writer = self._office_writer = None
        self.resume_checked = False  # an unfinished visit is resumed once, at start-up

    def open_visit(self, visit_id: str, *, start_at: str | None = None, screen: str = "checklist") -> None:
        from .screens.visit import VisitScreen

        visit_screen = VisitScreen(visit_id, self.lang, start_at=start_at)
        self.push_screen(visit_screen)
        if screen != "checklist":
            visit_screen.reopen_on_load = screen

    def _fatal_error(self) -> None:
        """An error nobody caught ends the app, as in Textual, but says so in
        one line of the user's language instead of a page of traceback with
        the locals of every frame (INSPECTOR_DEBUG=1 keeps Textual's). Saves
        already made are on disk; the CLI flushes the queue and exits 1.
        Overrides a private hook: textual is pinned to one release."""
        import os
        import sys

        if os.environ.get("INSPECTOR_DEBUG"):
            return super()._fatal_error()
        error = sys.exc_info()[1]
        what = f"{type(error).__name__}: {error}" if error is not None else "?"
        self.bell()
        self._exit_renderables.append(self.t("app.crashed", error=" ".join(what.split())))
        self._close_messages_no_wait()

    def action_help_quit(self) -> None:
        # ctrl+c with nothing to copy: Textual's own answer is English ("Do you want to quit?")
        self.notify(self.t("app.how_to_quit"), markup=False)

    def action_toggle_keys(self) -> None:
        """List every key of the current screen, translated (Textual's own key
        panel speaks English and lists its internals)."""
        from .dialogs.keys import KeysDialog

        self.push_screen(KeysDialog(self.lang, self.t("keys.title"), self.screen))

    def open_reader(self):
        """A read connection for the calling thread: each worker opens its own."""
        from inspector.store import open_reader

        return open_reader(self.settings.db_path)

