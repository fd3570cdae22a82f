"""One received record in full (office/review/detail): every field, the
checklist item and answer it came from, its photos (the laptop's terminal
preview), its revisions field by field, its history and conflicts. The
review keys act on it; n and p walk through the queue it was opened from."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from inspector.i18n import has, label, labels

from ..bindings import localize_bindings
from ..widgets.photo_preview import PhotoPreview
from .office_ledger_steps import LedgerActions, step_bindings
from .office_record_actions import RECORD_EDIT_BINDINGS, RecordEditActions
from .office_review import REVIEW_BINDINGS, ReviewActions, field_name, word


class OfficeRecordScreen(RecordEditActions, ReviewActions, LedgerActions, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back"),
        *REVIEW_BINDINGS,
        *RECORD_EDIT_BINDINGS,
        Binding("n", "step(1)", "key.otui_next", show=False),
        Binding("p", "step(-1)", "key.otui_previous", show=False),
        Binding("v", "next_photo", "key.otui_photo", show=False),
        # a problem in the ledger: its steps, as capitals here (e and g reword and grade the record itself)
        *step_bindings(show=False, capitals=True),
        Binding("question_mark", "app.toggle_keys", "key.help", key_display="?"),
        Binding("f1", "app.toggle_keys", "key.help", show=False),
    ]

    class Loaded(Message):
        def __init__(self, detail) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, lang: str, records: list[tuple[str, str]], index: int = 0) -> None:
        super().__init__()
        localize_bindings(self, lang)
        self.lang = lang
        self.records = records  # (kind, id) of the queue as it was filtered
        self.index = index
        self.detail = None
        self.photo_index = 0
        self.loaded = False

    def t(self, key: str, **fields) -> str:
        return self.app.t(key, **fields)

    def compose(self) -> ComposeResult:
        yield Static(self.t("otui.rec_loading"), id="rec-title")
        with Horizontal(id="rec-body"):
            with VerticalScroll(id="rec-text"):
                yield Static(id="rec-content")
            with Vertical(id="rec-photo"):
                yield Static(id="rec-photo-name")
                yield PhotoPreview(id="rec-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#rec-photo").display = False
        self.query_one("#rec-text").focus()
        self.reload()

    def reload(self) -> None:
        self.loaded = False
        self._load(*self.records[self.index])

    @work(thread=True, exclusive=True, group="office-record", exit_on_error=False)
    def _load(self, kind: str, record_id: str) -> None:
        from inspector.office.review.detail import NotFound, record_detail

        try:
            db = self.app.open_office_reader()
            try:
                detail = record_detail(db, kind, record_id)
            finally:
                db.close()
        except NotFound:
            detail = None
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(detail))

    def on_office_record_screen_loaded(self, message: Loaded) -> None:
        self.detail = detail = message.detail
        self.loaded = True
        title = self.query_one("#rec-title", Static)
        content = self.query_one("#rec-content", Static)
        if detail is None:
            title.update(self.t("otui.rec_gone"))
            content.update("")
            self.query_one("#rec-photo").display = False
            return
        state = label("ReviewState", detail.state, self.lang) if detail.state else ""
        position = f"  [{self.index + 1}/{len(self.records)}]" if len(self.records) > 1 else ""
        title.update(Text(self.t("otui.rec_title", kind=label("RecordKind", detail.kind, self.lang),
                                 project=detail.project_name, state=state) + position, no_wrap=True,
                          overflow="ellipsis"))
        content.update(self.render_detail(detail))
        self.refresh_bindings()  # r (resolve a conflict) shows only when there is one
        photos = detail.photos
        self.query_one("#rec-photo").display = bool(photos)
        self.photo_index = min(self.photo_index, max(len(photos) - 1, 0))
        self.show_photo()

    def show_photo(self) -> None:
        photos = self.detail.photos if self.detail else []
        if not photos:
            return
        photo = photos[self.photo_index]
        name = self.t("otui.photo_of", n=self.photo_index + 1, count=len(photos),
                      name=photo.caption or photo.original_name)
        if photo.path is None:
            name += "\n" + self.t("otui.photo_missing")
        self.query_one("#rec-photo-name", Static).update(Text(name, no_wrap=True, overflow="ellipsis"))
        self.query_one("#rec-preview", PhotoPreview).show(photo.path)

    def action_next_photo(self) -> None:
        if self.detail and self.detail.photos:
            self.photo_index = (self.photo_index + 1) % len(self.detail.photos)
            self.show_photo()

    def action_step(self, delta: int) -> None:
        target = self.index + delta
        if 0 <= target < len(self.records):
            self.index, self.photo_index = target, 0
            self.query_one("#rec-text", VerticalScroll).scroll_home(animate=False)
            self.reload()

    # -- the text ------------------------------------------------------------------------

    def render_detail(self, d) -> Text:
        t, lang = self.t, self.lang
        out = Text()

        def heading(text: str) -> None:
            out.append(("\n" if out.plain else "") + text + "\n", style="bold underline")

        def line(name: str, value: str, style: str = "") -> None:
            out.append(f"{name}：" if lang == "zh" else f"{name}: ", style="dim")
            out.append(value + "\n", style=style)

        city = labels("City", lang).get(d.city, d.city)
        out.append(f"{d.project_name}  {d.project_code}  {city}  ·  {d.author_name}\n", style="bold")
        heading(t("otui.h.review"))
        out.append(t("otui.review_line", state=label("ReviewState", d.state, lang) if d.state else "—",
                     version=d.version or "—"))
        if d.review_by:
            out.append("  ·  " + t("otui.review_by", by=d.review_by))
        out.append("\n")
        if d.review_comment:
            out.append(f"“{d.review_comment}”\n", style="italic")
        if d.ledger:
            heading(t("otui.h.ledger"))
            led = d.ledger
            out.append(t("otui.ledger_line", number=led["number"], status=label("LedgerStatus", led["status"], lang),
                         rectification=label("Rectification", led["rectification"], lang),
                         deadline=led["deadline"] or "—", unit=led["unit"] or "—") + "\n")
        heading(t("otui.h.fields"))
        for name, value in d.fields:
            line(field_name(name, lang), word(name, value, lang, d.kind))
        if d.visit:
            heading(t("otui.h.visit"))
            status = t("otui.visit_finished") if d.visit["status"] == "finished" else t("otui.visit_in_progress")
            out.append(t("otui.visit_line", date=d.visit["date"], status=status,
                         inspectors="、".join(d.visit["inspectors"])) + "\n")
        if d.problem:
            heading(t("otui.h.problem"))
            if d.problem.get("number"):
                out.append(d.problem["number"] + "  ", style="bold")
            out.append(f"{word('severity', d.problem['severity'], lang)}  {d.problem['description']}\n")
        if d.source:
            heading(t("otui.h.source"))
            s = d.source
            out.append(t("otui.source_line", template=s.template, version=s.version, item=s.item) + "\n", style="dim")
            prompt = (s.prompt_en or s.prompt) if lang == "en" else s.prompt
            out.append((prompt or t("otui.source_missing")) + "\n")
            heading(t("otui.h.answer"))
            if s.answer is None:
                out.append(t("otui.no_answer") + "\n", style="dim")
            else:
                for name in ("value", "note", "evidence_used", "no_problem_reason"):
                    if s.answer.get(name) not in (None, "", []):
                        value = s.answer[name]
                        if name == "value" and value in ("pass", "fail", "na"):
                            value = t(f"otui.answer.{value}")
                        line(field_name(name, lang), word(name, value, lang, "answer"))
        if d.counts:
            heading(t("otui.h.counts"))
            words = labels("RecordKind", lang)
            out.append("  ".join(f"{words.get(k, k)} {n}" for k, n in sorted(d.counts.items())) + "\n")
        heading(t("otui.h.photos", count=len(d.photos)))
        if not d.photos:
            out.append(t("otui.no_photos") + "\n", style="dim")
        kinds = labels("RecordKind", lang)
        for n, photo in enumerate(d.photos, 1):
            caption = f" · {photo.caption}" if photo.caption else ""
            out.append(f"{n}. " + t("otui.photo_line", name=photo.original_name,
                                    target=kinds.get(photo.attached_to, photo.attached_to), caption=caption))
            out.append((" " + t("otui.photo_missing") if photo.path is None else "") + "\n",
                       style="dim")
        heading(t("otui.h.revisions", count=len(d.revisions)))
        for rev in d.revisions:
            flags = (t("otui.rev_current") if rev.current else "") + (t("otui.rev_conflict") if rev.conflict else "")
            base = t("otui.rev_base", base=rev.base_rev) if rev.base_rev else ""
            out.append(t("otui.rev_line", rev=rev.rev, base=base, author=rev.author_name,
                         at=_when(rev.written_at), flags=flags) + "\n", style="bold" if rev.current else "")
            if rev is d.revisions[0]:
                out.append("  " + t("otui.rev_first") + "\n", style="dim")
            elif not rev.changes:
                out.append("  " + t("otui.rev_same") + "\n", style="dim")
            for name, before, after in rev.changes:
                self.change_line(out, name, before, after, d.kind)
        heading(t("otui.h.history"))
        for event in d.history:
            out.append(f"{_when(event.at)}  {event.by_name or '—'}  ", style="dim")
            out.append(self.event_words(event))
            if event.comment:
                out.append(f"：{event.comment}" if lang == "zh" else f": {event.comment}", style="italic")
            out.append("\n")
        if d.conflicts:
            heading(t("otui.h.conflicts", count=len(d.conflicts)))
            for c in d.conflicts:
                resolved = t("otui.conflict_resolved", by=c.resolved_by or "—") if c.resolved_at else ""
                out.append(t("otui.conflict_line", author=c.author_name, rev=c.rev, base=c.base_rev or "—",
                             office=c.office_rev or "—", kept=_when(c.kept_at), resolved=resolved) + "\n")
                if not c.differs:
                    out.append("  " + t("otui.conflict_same") + "\n", style="dim")
                for name, office, theirs in c.differs:
                    self.change_line(out, name, office, theirs, d.kind)
        heading(t("otui.h.identity"))
        for name, value in d.identity:
            line(field_name(name, lang), str(value) if value is not None else "—", style="dim")
        return out

    def change_line(self, out: Text, name: str, before, after, kind: str) -> None:
        out.append(f"  {field_name(name, self.lang)}: ", style="dim")
        out.append(word(name, before, self.lang, kind), style="strike red")
        out.append(" → ")
        out.append(word(name, after, self.lang, kind) + "\n", style="green")

    def event_words(self, event) -> str:
        t, lang = self.t, self.lang
        if event.source == "ledger":
            status = labels("LedgerStatus", lang).get(event.state or "", "")
            # each ledger step is named by the ledger's own words for the audit log, where it has them
            action = next((t(key) for key in (f"otui.ledger_action.{event.action}",
                                               f"audit.action.ledger.{event.action}") if has(key, lang)),
                          event.action)
            return t("otui.event.ledger", action=action, status=f" → {status}" if status else "")
        if event.action == "state":
            return t("otui.event.state", state=label("ReviewState", event.state, lang) if event.state else "")
        key = f"otui.event.{event.action}"
        return t(key) if has(key, lang) else event.action

    # -- what the review keys act on ------------------------------------------------------

    def selected_records(self) -> list:
        from inspector.office.review.states import Seen

        d = self.detail
        if d is None or d.version is None:
            return []
        return [Seen(d.kind, d.id, d.version)]

    def describe(self) -> str:
        d = self.detail
        return f"{label('RecordKind', d.kind, self.lang)} · {d.project_name}" if d else ""

    # -- what the ledger keys act on ------------------------------------------------------

    NO_TARGET = "oled.no_entry"

    def ledger_target(self) -> tuple[str, int] | None:
        d = self.detail
        if d is None or not d.ledger:
            return None
        return (d.id, d.ledger["version"])


# The zone times are shown in: None, the computer's own (tests fix one).
ZONE = None


def _when(at: str | None) -> str:
    """A stored time (laptops write +08:00, the office UTC) as this
    computer's clock says it: 2026-11-27 09:31."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(at or "")
    except ValueError:
        return (at or "")[:16].replace("T", " ")
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZONE)
    return moment.strftime("%Y-%m-%d %H:%M")
