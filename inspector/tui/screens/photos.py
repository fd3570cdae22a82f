"""Photos of one answer, problem, innovation or verdict (or of the whole visit):
import a file or a folder (a camera card, a phone export), caption, remove.
The browser starts at home and reaches cards and other drives from a list of
places, and goes up from wherever it is."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DirectoryTree, Footer, Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from inspector.inspection import photos as photo_records
from inspector.inspection.snapshot import photo_counts
from inspector.photos.importing import IMAGE_SUFFIXES
from inspector.photos.places import Place, find_places, up_from

from ..bindings import localize_bindings
from ..widgets.photo_preview import PhotoPreview


class ImageTree(DirectoryTree):
    """Folders and image files only; backspace goes to the folder above."""

    BINDINGS = [Binding("backspace", "up", "key.folder_up")]

    def __init__(self, path: Path, lang: str, **kwargs) -> None:
        super().__init__(path, **kwargs)
        localize_bindings(self, lang)

    def filter_paths(self, paths):
        return [p for p in paths if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in IMAGE_SUFFIXES)]

    async def watch_path(self) -> None:
        await super().watch_path()
        # where am I: the folder's name first (what gets cut at 80 columns is the start of the path)
        here = Path(self.path)
        label = Text(here.name or str(here), style="bold")
        if here.name and here.parent != here:
            label.append(f"  {here.parent}", style="dim")
        self.root.label = label

    def action_up(self) -> None:
        parent = up_from(Path(self.path))
        if parent is not None:
            self.path = parent


PLACE_MARKS = {"home": "⌂", "media": "▣", "drive": "▣", "root": "/"}


class PhotoScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+o", "import_path", "key.import"),
        Binding("c", "caption", "key.caption"),
        Binding("d", "remove", "key.remove_photo"),
        Binding("a", "toggle_all", "key.all_photos"),
        Binding("escape", "back", "key.back"),
    ]

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Imported(Message):
        def __init__(self, report) -> None:
            super().__init__()
            self.report = report

    def __init__(self, visit_screen, kind: str, target_id, title: Callable[[int], str]) -> None:
        super().__init__()
        self.visit_screen = visit_screen
        self.lang = visit_screen.lang
        localize_bindings(self, self.lang)
        self.kind = kind
        self.target_id = str(target_id)
        self.title_text = title  # the title for a number of photos: the count is part of the sentence
        self.show_all = False
        self.photos = []
        self.cancel = threading.Event()
        self.importing = False
        self.places: list[Place] = []
        self._scanning = False

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    @property
    def library(self):
        from inspector.photos.library import PhotoLibrary

        return PhotoLibrary(self.app.settings.data_dir / "photos")

    def compose(self) -> ComposeResult:
        yield Static(self.title_text(0), id="photo-title", markup=False)
        yield Input(placeholder=self.t("photos.path_hint"), id="photo-path", compact=True)
        with Horizontal(id="photo-body"):
            with Vertical(id="photo-left"):
                yield OptionList(id="photo-places")
                yield ImageTree(Path.home(), self.lang, id="photo-tree")
                yield ProgressBar(id="photo-progress", show_eta=False)
            with Vertical(id="photo-right"):
                yield OptionList(id="photo-list")
                yield PhotoPreview(id="photo-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#photo-progress", ProgressBar).display = False
        self.query_one("#photo-path", Input).focus()
        self.reload()
        self.watch(self.query_one("#photo-tree", ImageTree), "path", lambda _: self.show_places(), init=False)
        self.rescan_places()
        self.set_interval(3, self.rescan_places)  # a card put in while the screen is open shows up by itself

    # ---------------------------------------------------------------- places
    def rescan_places(self) -> None:
        # One scan at a time: a thread blocked on a stale network mount cannot
        # be cancelled, and a new one every 3 s would pile up behind it.
        if not self._scanning:
            self._scanning = True
            self.scan_places()

    @work(thread=True, exclusive=True, group="photo-places", exit_on_error=False)
    def scan_places(self) -> None:
        try:
            places = find_places()  # off the UI thread: a stale network mount can take seconds
        finally:
            self.app.call_from_thread(self.scan_done)
        if places != self.places:
            self.app.call_from_thread(self.places_found, places)

    def scan_done(self) -> None:
        self._scanning = False

    def places_found(self, places: list[Place]) -> None:
        self.places = places
        self.show_places()

    def show_places(self) -> None:
        """Up from where the tree is, then the places; the row under the
        cursor stays when a card comes or goes."""
        listing = self.query_one("#photo-places", OptionList)
        keep = listing.highlighted_option.id if listing.highlighted_option else None
        here = Path(self.query_one("#photo-tree", ImageTree).path)
        parent = up_from(here)
        options = []
        if parent is not None:
            line = Text(f"↑ {self.t('photos.up')}  ", no_wrap=True, overflow="ellipsis")
            line.append(parent.name or str(parent), style="dim")
            options.append(Option(line, id="up"))
        for number, place in enumerate(self.places):
            name = self.t("photos.home") if place.kind == "home" else \
                self.t("photos.whole_disk") if place.kind == "root" else place.name
            line = Text(f"{PLACE_MARKS[place.kind]} ", no_wrap=True, overflow="ellipsis")
            line.append(name, style="bold" if place.path == here else "")
            if place.kind == "home" or (place.kind == "media" and place.path.parent != place.path):
                line.append(f"  {place.path if place.kind == 'home' else place.path.parent}", style="dim")
            options.append(Option(line, id=f"place-{number}"))
        listing.set_options(options)
        ids = [o.id for o in options]
        if keep in ids:
            listing.highlighted = ids.index(keep)

    @on(OptionList.OptionSelected, "#photo-places")
    def place_chosen(self, event: OptionList.OptionSelected) -> None:
        tree = self.query_one("#photo-tree", ImageTree)
        if event.option_id == "up":
            tree.action_up()
        else:
            tree.path = self.places[int(event.option_id.removeprefix("place-"))].path
            tree.focus()  # straight on to the card's folders

    @on(DirectoryTree.DirectorySelected, "#photo-tree")
    def folder_chosen(self, event: DirectoryTree.DirectorySelected) -> None:
        # a whole card is imported as a folder: put it in the box, ctrl+o takes it in
        self.query_one("#photo-path", Input).value = str(event.path)

    # ------------------------------------------------------------- listing
    @work(thread=True, exclusive=True, group="photo-list", exit_on_error=False)
    def reload(self) -> None:
        conn = self.app.open_reader()
        try:
            photos = photo_records.photos_of(conn, self.visit_screen.visit_id)
            counts = photo_counts(conn, self.visit_screen.visit_id)
        finally:
            conn.close()
        self.app.call_from_thread(self.show_photos, photos, counts)

    def on_unmount(self) -> None:
        self.cancel.set()  # leaving the screen stops an import before its next photo

    def show_photos(self, photos, counts=None) -> None:
        if counts is not None and self.visit_screen.snapshot is not None:
            self.visit_screen.snapshot.photos = counts  # the item panel counts them on return
        if not self.show_all:
            photos = [p for p in photos if p.attached_to.kind == self.kind and str(p.attached_to.id) == self.target_id]
        listing = self.query_one("#photo-list", OptionList)
        # the place in the list is kept across a caption, an import or a removal
        kept = self.current()
        row, scrolled = listing.highlighted, listing.scroll_y
        self.photos = [p for p in photos if not p.deleted]
        options = []
        for photo in self.photos:
            line = Text(photo.caption or photo.original_name, no_wrap=True, overflow="ellipsis")
            if photo.taken_at:
                line.append(f"  {photo.taken_at:%Y-%m-%d %H:%M}", style="dim")
            options.append(Option(line, id=str(photo.id)))
        listing.set_options(options)
        if options:
            ids = [p.id for p in self.photos]
            if kept is not None and kept.id in ids:
                listing.highlighted = ids.index(kept.id)
            else:
                listing.highlighted = min(row or 0, len(options) - 1)
            listing.scroll_to(y=scrolled, animate=False, immediate=True)
            listing.scroll_to_highlight()
        else:
            self.query_one(PhotoPreview).show(None)
        # the count early in the line: a long item prompt is what gets cut at 80 columns
        title = Text(self.title_text(len(self.photos)), style="bold", no_wrap=True, overflow="ellipsis")
        self.query_one("#photo-title", Static).update(title)

    @on(OptionList.OptionHighlighted, "#photo-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        photo = self.current()
        self.query_one(PhotoPreview).show(self.library.thumbnail_path(photo.sha256) if photo else None)

    def current(self):
        listing = self.query_one("#photo-list", OptionList)
        if listing.highlighted is None or listing.highlighted >= len(self.photos):
            return None
        return self.photos[listing.highlighted]

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.reload()

    # ------------------------------------------------------------ importing
    @on(DirectoryTree.FileSelected, "#photo-tree")
    def file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.start_import(Path(event.path))

    @on(Input.Submitted, "#photo-path")
    def path_entered(self, event: Input.Submitted) -> None:
        self.action_import_path()

    def action_import_path(self) -> None:
        text = self.query_one("#photo-path", Input).value.strip().strip('"')
        if not text:  # never a guess: an empty box imports nothing
            self.notify(self.t("photos.path_hint"), timeout=4)
            return
        path = Path(text).expanduser()
        if path.exists():
            self.start_import(path)
        else:
            self.notify(self.t("photos.no_such_path", path=text), severity="error", markup=False)

    def start_import(self, path: Path) -> None:
        if self.visit_screen.read_only:
            self.notify(self.t("visit.read_only_hint"), severity="warning")
            return
        if self.importing:
            return
        self.importing = True
        self.cancel = threading.Event()
        bar = self.query_one("#photo-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.run_import(path)

    class Attach(Message):
        def __init__(self, item) -> None:
            super().__init__()
            self.item = item

    @work(thread=True, exclusive=True, group="photo-import", exit_on_error=False)
    def run_import(self, path: Path) -> None:
        from inspector.photos import PhotoSettings
        from inspector.photos.importing import ImportReport, images_in, import_photos

        report = ImportReport()
        try:
            paths = images_in(path) if path.is_dir() else [path]  # the scan too stays off the UI thread
            options = self.app.settings.photos
            settings = PhotoSettings(long_edge=options.long_edge, quality=options.quality,
                                     keep_gps_in_file=options.keep_gps_in_file)
            report = import_photos(
                paths, self.library, settings, workers=2, cancel=self.cancel,
                progress=lambda done, total: self.post_message(self.Progress(done, total)),
                # each photo is recorded as soon as it is stored, not after the whole card
                on_imported=lambda item: self.post_message(self.Attach(item)),
            )
        except Exception as exc:  # noqa: BLE001 - the screen must always come back from an import
            self.app.call_from_thread(self.app.report_error, exc)
        finally:
            self.post_message(self.Imported(report))

    def on_photo_screen_attach(self, message: Attach) -> None:
        self.app.save(photo_records.attach_photos, self.visit_screen.visit_id, self.kind, self.target_id,
                      [message.item], on_saved=lambda added: self.reload())

    def on_photo_screen_progress(self, message: Progress) -> None:
        self.query_one("#photo-progress", ProgressBar).update(total=message.total, progress=message.done)

    def on_photo_screen_imported(self, message: Imported) -> None:
        report = message.report
        self.importing = False
        self.query_one("#photo-progress", ProgressBar).display = False
        for error in report.failed[:5]:
            self.notify(self.t(f"photo_error.{error.code}", file=error.file), severity="error", timeout=8,
                        markup=False)
        if len(report.failed) > 5:
            self.notify(self.t("photos.more_failed", count=len(report.failed) - 5), severity="error", timeout=8)
        key = "photos.cancelled" if report.cancelled else "photos.imported"
        self.notify(self.t(key, count=len(report.imported), failed=len(report.failed)), timeout=4)

    # -------------------------------------------------------------- editing
    def action_caption(self) -> None:
        photo = self.current()
        if photo is None or self.visit_screen.read_only:
            return
        from ..dialogs.text_prompt import TextPrompt

        def done(text: str | None) -> None:
            if text is not None:
                self.app.save(photo_records.set_caption, self.visit_screen.visit_id, photo.id, text,
                              on_saved=lambda _: self.reload())

        self.app.push_screen(TextPrompt(self.lang, self.t("photos.caption_title"), self.t("photos.caption_label"),
                                        value=photo.caption, required=False), done)

    def action_remove(self) -> None:
        photo = self.current()
        if photo is None or self.visit_screen.read_only:
            return
        from ..dialogs.text_prompt import ConfirmDialog

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.app.save(photo_records.remove_photo, self.visit_screen.visit_id, photo.id,
                              on_saved=lambda _: self.reload())

        self.app.push_screen(ConfirmDialog(self.lang, self.t("photos.remove_title"),
                                           self.t("photos.remove_confirm", name=photo.caption or photo.original_name)),
                             confirmed)

    def action_back(self) -> None:
        if self.importing:
            self.cancel.set()  # stops before the next photo; what is written is whole
            self.notify(self.t("photos.cancelling"), timeout=3)
            return
        if self.focused is self.query_one("#photo-path", Input) and self.query_one("#photo-path", Input).value:
            self.query_one("#photo-path", Input).value = ""
            return
        self.app.pop_screen()
