"""The visit's header and its end: correcting the date, who was present and
the note; finishing (after the gaps are dealt with) and reopening with a
reason. A mixin of VisitScreen (visit.py), as FindingForms is: it uses the
screen's snapshot, visit_id, t(), go_to(), _open(), load() and refresh_header()."""

from __future__ import annotations

from inspector.inspection import record


class VisitLifecycle:
    # ----------------------------------------------------------- the header
    def action_edit_header(self) -> None:
        """Correct the date, who was present and the note: saved through the
        core like any other change (a new revision once the old one is sealed)."""
        if self.snapshot is None:
            return
        if self.read_only or self.finishing:
            self.notify(self.t("visit.read_only_hint"), severity="warning", timeout=4)
            return
        from ..dialogs.start_visit import VisitHeaderDialog

        snapshot = self.snapshot
        deadlines = [p.deadline for p in snapshot.problems if p.status != "closed"]

        def saved(visit) -> None:
            self.snapshot.visit = visit
            self.refresh_header()
            self.notify(self.t("visit.header_saved"), timeout=2)

        def done(result) -> None:
            if result is not None:
                self.app.save(record.update_visit, self.visit_id, on=result.on, inspectors=result.inspectors,
                              note=result.note, on_saved=saved)

        self.app.push_screen(VisitHeaderDialog(self.lang, snapshot.project.name, snapshot.visit, deadlines), done)

    # ---------------------------------------------------------------- finish
    def action_finish(self) -> None:
        if self.snapshot is None:
            return
        if self.read_only:
            self.reopen()
            return
        from inspector.inspection.gaps import find_gaps

        from ..dialogs.gaps import GapsDialog
        from ..dialogs.text_prompt import ConfirmDialog

        gaps = find_gaps(self.snapshot)
        if gaps:
            self.app.push_screen(GapsDialog(self.lang, gaps), self.jump_to_gap)
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.finishing = True
                self.app.save(record.finish_visit, self.visit_id, on_saved=self.finished,
                              on_refused=self.finish_refused)

        self.app.push_screen(ConfirmDialog(self.lang, self.t("finish.title"), self.t("finish.confirm")), confirmed)

    def jump_to_gap(self, gap) -> None:
        if gap is None:
            return
        if gap.entry is not None:
            self.go_to(gap.entry)
        else:
            self._open("follow_ups")

    def finish_refused(self, exc: BaseException) -> None:
        self.finishing = False
        self.app.report_error(exc)

    def finished(self, visit) -> None:
        self.finishing = False
        self.snapshot.visit = visit
        self.notify(self.t("finish.done"), timeout=4)
        self._open("summary")
        self.refresh_header()

    def reopen(self) -> None:
        from ..dialogs.text_prompt import TextPrompt

        def done(reason: str | None) -> None:
            if reason:
                self.app.save(record.reopen_visit, self.visit_id, reason, on_saved=self.reopened)

        self.app.push_screen(TextPrompt(self.lang, self.t("reopen.title"), self.t("reopen.label")), done)

    def reopened(self, visit) -> None:
        self.snapshot.visit = visit
        self.notify(self.t("reopen.done"), timeout=4)
        self.load()
