"""The record detail's steps that change more than a review state: resolve
its open conflict (the conflict screen), mark it a duplicate of another
record of the same project and kind, reword a problem, grade an innovation
(创新清单: grade, typical case, caption). Each change runs in a
worker on its own connection through office/review; a change refused as
stale is said in one line and the record reloads."""

from __future__ import annotations

from textual import work
from textual.binding import Binding

RECORD_EDIT_BINDINGS = [
    Binding("r", "resolve_conflict", "key.otui_resolve_conflict"),
    Binding("d", "mark_duplicate", "key.otui_mark_duplicate", show=False),
    Binding("e", "edit_wording", "key.otui_edit_wording", show=False),
    Binding("g", "grade_innovation", "key.otui_grade", show=False),
]


class RecordEditActions:
    """Mixed into the record screen: it has `detail` (office/review/detail.RecordDetail
    or None), `lang`, `describe()` and `reload()`."""

    def open_conflict(self):
        d = getattr(self, "detail", None)
        if d is None:
            return None
        return next((c for c in d.conflicts if c.resolved_at is None), None)

    def check_action(self, action: str, parameters):
        # r shows in the footer only when there is a conflict to resolve
        if action == "resolve_conflict" and self.open_conflict() is None:
            return False
        return super().check_action(action, parameters)

    # -- a conflict ----------------------------------------------------------------------

    def action_resolve_conflict(self) -> None:
        d = self.detail
        if d is None or self.open_conflict() is None:
            self.notify(self.app.t("otui_review.no_open_conflict"), markup=False)
            return
        from .office_conflict import OfficeConflictScreen

        names = {c.author: c.author_name for c in d.conflicts}

        def done(resolved) -> None:
            self.reload()

        self.app.push_screen(OfficeConflictScreen(self.lang, d.kind, d.id, what=self.describe(), names=names), done)

    # -- a duplicate ---------------------------------------------------------------------

    def action_mark_duplicate(self) -> None:
        from inspector.office.review.duplicates import MERGED_KINDS

        d = self.detail
        if d is None:
            return
        if d.kind not in MERGED_KINDS or d.version is None:
            self.notify(self.app.t("otui_review.merge_kind_only"), markup=False)
            return
        self.find_candidates(d.kind, d.id, d.project_code, d.version)

    @work(thread=True, exit_on_error=False, group="office-merge")
    def find_candidates(self, kind: str, record_id: str, project: str, version: int) -> None:
        from inspector.office.review.queue import load

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                rows = load(db)
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            app.call_from_thread(app.report_error, exc)
            return
        found = [r for r in rows if r.kind == kind and r.project_code == project and r.id != record_id
                 and r.state != "duplicate"]
        found.sort(key=lambda r: (r.date, r.id))
        app.call_from_thread(self.choose_kept, kind, record_id, version, found)

    def choose_kept(self, kind: str, record_id: str, version: int, candidates: list) -> None:
        from inspector.i18n import label

        if not candidates:
            self.notify(self.app.t("otui_review.merge_none", kind=label("RecordKind", kind, self.lang)), markup=False)
            return
        from ..dialogs.office_record_edits import DuplicateChooser
        from ..dialogs.text_prompt import TextPrompt
        from inspector.office.review.states import Seen

        title = self.app.t("otui_review.merge_title", what=self.describe())

        def chosen(keep) -> None:
            if keep is None:
                return

            def answered(reason) -> None:
                if reason:
                    self.run_merge(Seen(kind, keep.id, keep.version), Seen(kind, record_id, version), reason,
                                   keep.number or keep.summary)

            self.app.push_screen(TextPrompt(self.lang, title, self.app.t("otui_review.merge_reason_label")), answered)

        self.app.push_screen(DuplicateChooser(self.lang, title, candidates), chosen)

    def run_merge(self, keep, duplicate, reason: str, keep_words: str) -> None:
        from inspector.office.review.duplicates import merge

        self.run_change(lambda db: merge(db, keep, duplicate, by=self.app.office_user, reason=reason),
                        lambda done: self.merged(done, keep_words))

    def merged(self, done, keep_words: str) -> None:
        from ..screens.office_conflict import clip

        keep = clip(keep_words, 24)
        message = self.app.t("otui_review.merged_number", keep=keep, number=done.duplicate_number) \
            if done.duplicate_number else self.app.t("otui_review.merged", keep=keep)
        self.notify(message, markup=False, timeout=8)
        self.reload()

    # -- wording -------------------------------------------------------------------------

    def action_edit_wording(self) -> None:
        d = self.detail
        if d is None:
            return
        if d.kind != "problem":
            self.notify(self.app.t("otui_review.edit_kind_only"), markup=False)
            return
        from ..dialogs.office_record_edits import EditWordingDialog

        kind, record_id, rev = d.kind, d.id, d.rev

        def answered(result) -> None:
            if result:
                self.run_edit(kind, record_id, rev, result["changes"], result["reason"])

        self.app.push_screen(EditWordingDialog(self.lang, self.app.t("otui_review.edit_title", what=self.describe()),
                                               dict(d.data)), answered)

    def run_edit(self, kind: str, record_id: str, rev: int, changes: dict, reason: str) -> None:
        from inspector.office.review.edits import edit_record

        self.run_change(lambda db: edit_record(db, kind, record_id, changes, by=self.app.office_user, reason=reason,
                                               seen_rev=rev), self.edited)

    def edited(self, rev: int) -> None:
        self.notify(self.app.t("otui_review.edited", rev=rev), markup=False)
        self.reload()

    # -- an innovation's grade -------------------------------------------------------------

    def action_grade_innovation(self) -> None:
        d = self.detail
        if d is None:
            return
        if d.kind != "innovation":
            self.notify(self.app.t("otui_review.grade_kind_only"), markup=False)
            return
        self.read_grade(d.id)

    @work(thread=True, exit_on_error=False, group="office-grade")
    def read_grade(self, innovation_id: str) -> None:
        from inspector.office.review.innovations import grade_of

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                current = grade_of(db, innovation_id)
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(self.ask_grade, current)

    def ask_grade(self, current) -> None:
        from ..dialogs.office_record_edits import GradeDialog

        def answered(result) -> None:
            if result is not None:
                self.run_grade(current.innovation_id, current.version, result)

        self.app.push_screen(GradeDialog(self.lang, self.app.t("otui_review.grade_title", what=self.describe()),
                                         current), answered)

    def run_grade(self, innovation_id: str, version: int, result: dict) -> None:
        from inspector.office.review.innovations import grade

        self.run_change(lambda db: grade(db, innovation_id, result["grade"], result["typical"], result["caption"],
                                         by=self.app.office_user, seen_version=version), lambda _: self.graded())

    def graded(self) -> None:
        self.notify(self.app.t("otui_review.graded"), markup=False)
        self.reload()

    @work(thread=True, exit_on_error=False, group="office-record-change")
    def run_change(self, change, then) -> None:
        """`change(db)` on a worker's own connection; `then(result)` on the
        app's thread, or the refusal said in one line and the record reloaded."""
        from inspector.office.review import ReviewRefused

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                result = change(db)
            finally:
                db.close()
        except ReviewRefused as exc:
            app.call_from_thread(self.change_refused, exc)
            return
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(then, result)

    def change_refused(self, exc) -> None:
        if exc.code in ("stale", "edit_stale", "grade_stale"):
            self.notify(self.app.t("otui.stale"), severity="warning", markup=False, timeout=8)
        else:
            from inspector.office.review.words import refusal

            self.notify(refusal(exc, self.lang), severity="error", markup=False, timeout=8)
        self.reload()
