"""The ledger's step keys, shared by the ledger screen and a problem's record
detail: set terms, start, record the unit's reply (which requests closure),
approve (销号), return, extend, continue (持续整改). Each reads the entry on a worker's own
connection, asks what it needs in a dialog, and calls office/ledger/steps
with the version the screen showed: a change made meanwhile is refused by the
core (one line) and the screen reloads to show it. The core's other refusals
(the same person approving, no evidence, a date not later) are its one
translated line; nothing is written."""

from __future__ import annotations

from textual import work
from textual.binding import Binding

from inspector.i18n import label

# The step each key takes, with its words; the ledger screen shows the common ones in the footer.
STEP_KEYS = (
    ("t", "set_terms", "key.oled_terms", True),
    ("g", "start", "key.oled_start", True),
    ("y", "reply", "key.oled_reply", True),
    ("a", "approve", "key.oled_approve", True),
    ("u", "return", "key.oled_return", False),
    ("e", "extend", "key.oled_extend", False),
    ("c", "continue", "key.oled_continue", False),
)


def step_bindings(*, show: bool, capitals: bool = False) -> list[Binding]:
    """The step keys; `capitals` on a screen whose own lower-case keys act on
    something else (the record detail: e rewords, g grades)."""
    return [Binding(key.upper() if capitals else key, f"ledger_step('{step}')", words, show=show and shown)
            for key, step, words, shown in STEP_KEYS]


class LedgerActions:
    """Mixed into a Screen with `ledger_target()` -> (problem id, version
    shown) or None, and `reload()`."""

    NO_TARGET = "oled.nothing_selected"  # what is said when there is nothing to act on

    def ledger_target(self) -> tuple[str, int] | None:  # pragma: no cover - each screen says
        raise NotImplementedError

    def action_ledger_step(self, step: str) -> None:
        target = self.ledger_target()
        if target is None:
            self.notify(self.app.t(self.NO_TARGET), markup=False)
            return
        self._prepare(step, *target)

    @work(thread=True, exit_on_error=False, group="office-ledger-step")
    def _prepare(self, step: str, problem_id: str, seen: int) -> None:
        """What the dialog needs: the entry as it stands, and the unit directory for terms."""
        from inspector.office.ledger.entries import entry
        from inspector.office.ledger.units import units

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                found = entry(db, problem_id, today=app.office_today())
                directory = units(db, include_disabled=False) if step == "set_terms" else []
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(self._ask, step, found, directory, seen)

    def _ask(self, step: str, entry, directory: list, seen: int) -> None:
        from inspector.office.ledger import LedgerRefused

        if entry is None:
            self.notify(self.app.t("oled.no_entry"), markup=False)
            return
        if entry.version != seen:  # changed since the screen drew it: show that first
            self.ledger_refused(LedgerRefused("stale", number=entry.number))
            return
        from ..dialogs.ledger_step import ExtendDialog, ReplyDialog, TermsDialog
        from ..dialogs.text_prompt import ConfirmDialog, TextPrompt

        app, t, lang = self.app, self.app.t, self.app.lang

        def run(kwargs) -> None:
            if kwargs is not None and kwargs is not False:
                self._run(step, entry.problem_id, seen, {} if kwargs is True else kwargs)

        if step == "set_terms":
            app.push_screen(TermsDialog(lang, entry, directory), run)
        elif step == "start":
            app.push_screen(TextPrompt(lang, t("oled.start_title", number=entry.number), t("oled.start_label"),
                                       required=False), lambda text: run(None if text is None else {"reason": text}))
        elif step == "reply":
            app.push_screen(ReplyDialog(lang, entry, app.office_today()), run)
        elif step == "approve":
            app.push_screen(ConfirmDialog(lang, t("oled.approve_title", number=entry.number),
                                          t("oled.approve_question", number=entry.number,
                                            project=entry.project_name),
                                          yes=t("oled.approve_yes")), run)
        elif step == "return":
            app.push_screen(TextPrompt(lang, t("oled.return_title", number=entry.number), t("oled.return_label")),
                            lambda text: run({"reason": text} if text else None))
        elif step == "extend":
            app.push_screen(ExtendDialog(lang, entry), run)
        elif step == "continue":
            app.push_screen(TextPrompt(lang, t("oled.continue_title", number=entry.number), t("oled.continue_label")),
                            lambda text: run({"reason": text} if text else None))

    @work(thread=True, exit_on_error=False, group="office-ledger-step")
    def _run(self, step: str, problem_id: str, seen: int, kwargs: dict) -> None:
        from inspector.office.ledger import LedgerRefused
        from inspector.office.ledger import steps as S
        from inspector.office.ledger.entries import entry

        call = {"set_terms": S.set_terms, "start": S.start, "reply": S.reply, "approve": S.approve,
                "return": S.return_, "extend": S.extend,
                "continue": S.continue_}[step]
        app = self.app
        try:
            db = app.open_office_reader()
            try:
                call(db, problem_id, by=app.office_user, seen_version=seen, **kwargs)
                after = entry(db, problem_id, today=app.office_today())
            finally:
                db.close()
        except LedgerRefused as exc:
            app.call_from_thread(self.ledger_refused, exc)
            return
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays usable
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(self.ledger_stepped, step, after)

    def ledger_stepped(self, step: str, after) -> None:
        lang = self.app.lang
        self.notify(self.app.t("oled.done", number=after.number, step=self.app.t(f"ledger.step.{step}"),
                               status=label("LedgerStatus", after.status, lang)), markup=False)
        self.reload()

    def ledger_refused(self, exc) -> None:
        from inspector.office.ledger.words import refusal

        self.notify(refusal(exc, self.app.lang), severity="warning" if exc.code == "stale" else "error",
                    markup=False, timeout=8)
        self.reload()
