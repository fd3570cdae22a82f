"""What the review queue and a record's detail share: the review keys
(confirm, query, send back, reject, comment), each run in a worker on its own
connection through office/review/states, and words for stored values.

A change refused as stale (someone else, or ingest, changed the record since
it was read) is said in one line and the screen reloads, so what it shows is
what is really there before anyone decides again."""

from __future__ import annotations

from textual import work
from textual.binding import Binding

from inspector.i18n import has, label, labels as labels_of, t

# Comment-taking review steps and the state each sets ("comment" sets none).
ASKING = ("query", "sent_back", "rejected", "comment")

REVIEW_BINDINGS = [
    Binding("c", "review('confirmed')", "key.otui_confirm"),
    Binding("q", "review('query')", "key.otui_query"),
    Binding("b", "review('sent_back')", "key.otui_send_back"),
    Binding("x", "review('rejected')", "key.otui_reject"),
    # (in the keys list, ?: the footer holds the rest at 80 columns)
    Binding("m", "review('comment')", "key.otui_comment", show=False),
]

# Which vocabulary names a field's codes, per kind of record.
_VOCABULARY = {
    "scenario": "Scenario", "severity": "Severity", "verdict": "Verdict", "evidence": "EvidenceType",
    "evidence_used": "EvidenceType",
}


def word(field: str, value, lang: str, kind: str = "") -> str:
    """A stored value as a person reads it: codes named, lists joined, yes/no."""
    if value is None or value == "" or value == []:
        return t("otui.empty_value", lang)
    if isinstance(value, bool):
        return t("otui.yes" if value else "otui.no", lang)
    vocabulary = _VOCABULARY.get(field)
    if field == "category":
        vocabulary = "InnovationCategory" if kind == "innovation" else "ProblemCategory"
    elif field == "status":
        vocabulary = "VisitState" if kind == "visit" else "ProblemStatus"
    if field == "templates" and isinstance(value, list):
        return ", ".join(f"{v.get('id')} v{v.get('version')}" for v in value if isinstance(v, dict))
    if isinstance(value, list):
        return "、".join(word(field, v, lang, kind) for v in value) if lang == "zh" else \
            ", ".join(word(field, v, lang, kind) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if vocabulary:
        try:
            return label(vocabulary, str(value), lang)
        except KeyError:
            return str(value)
    return str(value)


def field_name(field: str, lang: str) -> str:
    key = f"otui.field.{field}"
    return t(key, lang) if has(key, lang) else field


class ReviewActions:
    """Mixed into a Screen that has `selected_records()` (the Seen list the
    keys act on), `describe()` (a few words naming them) and `reload()`."""

    def selected_records(self) -> list:  # pragma: no cover - each screen says
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover
        raise NotImplementedError

    def reload(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def action_review(self, state: str) -> None:
        seen = self.selected_records()
        if not seen:
            self.notify(self.app.t("otui.nothing_selected"), markup=False)
            return
        if state not in ASKING:
            self.run_review(seen, state, None)
            return
        from ..dialogs.text_prompt import TextPrompt

        def answered(text) -> None:
            if text:
                self.run_review(seen, state, text)

        self.app.push_screen(TextPrompt(self.app.lang, self.app.t(f"otui.comment_title.{state}", what=self.describe()),
                                        self.app.t(f"otui.comment_label.{state}")), answered)

    def confirm_many(self, seen: list) -> None:
        """Confirm a whole set, after a question naming how many."""
        if not seen:
            self.notify(self.app.t("otui.nothing_selected"), markup=False)
            return
        from ..dialogs.text_prompt import ConfirmDialog

        def answered(yes) -> None:
            if yes:
                self.run_review(seen, "confirmed", None)

        count = len(seen)
        self.app.push_screen(ConfirmDialog(self.app.lang, self.app.t("otui.confirm_all_title"),
                                           self.app.t("otui.confirm_all_question", count=count),
                                           yes=self.app.t("otui.confirm_all_yes", count=count)), answered)

    @work(thread=True, exit_on_error=False, group="office-review")
    def run_review(self, seen: list, state: str, text: str | None) -> None:
        from inspector.office.review import ReviewRefused
        from inspector.office.review.states import comment, set_state

        app = self.app
        try:
            db = app.open_office_reader()
            try:
                if state == "comment":
                    comment(db, seen[0], text or "", by=app.office_user)
                    result = None
                else:
                    result = set_state(db, seen, state, by=app.office_user, comment=text)
            finally:
                db.close()
        except ReviewRefused as exc:
            app.call_from_thread(self.review_refused, exc)
            return
        except Exception as exc:  # noqa: BLE001 - said in one line; the screen stays usable
            app.call_from_thread(app.report_error, exc)
            return
        app.call_from_thread(self.reviewed, state, result)

    def reviewed(self, state: str, result) -> None:
        t = self.app.t
        if result is not None and result.changed == 0:
            message = t("otui.done.unchanged")
        elif state == "confirmed":
            message = t("otui.done.confirmed_numbered", count=result.changed, numbers=", ".join(result.numbered)) \
                if result.numbered else t("otui.done.confirmed", count=result.changed)
        else:
            message = t(f"otui.done.{state}")
        self.notify(message, markup=False)
        self.reload()

    def review_refused(self, exc) -> None:
        if exc.code == "stale":
            self.notify(self.app.t("otui.stale"), severity="warning", markup=False, timeout=8)
        else:
            params = dict(exc.params)
            if params.get("state") in labels_of("ReviewState", self.app.lang):
                params["state"] = label("ReviewState", params["state"], self.app.lang)
            self.notify(self.app.t(f"review.{exc.code}", **params), severity="error", markup=False, timeout=8)
        self.reload()
