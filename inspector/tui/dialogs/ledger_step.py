"""The forms of the ledger's steps: terms (type, deadline, unit from the
directory, reason), the unit's reply (measures, date, evidence files) and an
extension (new date, reason). Each checks what it can see for itself (a date
is a date, a file named exists) and says what is wrong under the field; the
rules of the ledger (later than now, not in the future, a different
approver) stay in the core, which refuses with its own line."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from inspector.i18n import labels

from .base import Dialog, field

# Several files on one line: ; or the full-width ； (a Windows path may hold spaces and commas).
FILE_SEPARATORS = re.compile(r"[;；]")


def _date_or_refuse(dialog: Dialog, box: Input, name: str, *, required: bool) -> str | None | bool:
    """The ISO date typed, None when empty and allowed, False when refused."""
    text = box.value.strip()
    if not text:
        if required:
            dialog.refuse_at(box, dialog.t("dialog.required"))
            return False
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        dialog.refuse_at(box, dialog.t("oled.bad_date", field=name, value=text))
        return False


def _input(value: str = "", *, id: str, placeholder: str = "") -> Input:
    return Input(value, id=id, placeholder=placeholder, compact=True, select_on_focus=False)


class TermsDialog(Dialog[dict]):
    """Who must fix it, how and by when; only what changed is passed on."""

    def __init__(self, lang: str, entry, units) -> None:
        super().__init__(lang)
        self.entry = entry
        self.units = units  # the directory's active units

    def title_text(self) -> str:
        return self.t("oled.terms_title", number=self.entry.number)

    def body(self) -> ComposeResult:
        e = self.entry
        kinds = labels("Rectification", self.lang)
        yield field(self.t("oled.field.type"), Select([(word, code) for code, word in kinds.items()],
                                                      value=e.rectification, allow_blank=False, id="type",
                                                      compact=True))
        yield field(self.t("oled.field.deadline"), _input(e.deadline or "", id="deadline",
                                                          placeholder=self.t("oled.deadline_hint")))
        roles, cities = labels("UnitRole", self.lang), labels("City", self.lang)
        options = [(f"{u.name} · {roles.get(u.role, u.role)}" + (f" · {cities[u.city]}" if u.city in cities else ""),
                    u.id) for u in self.units]
        current = e.unit_id if any(u.id == e.unit_id for u in self.units) else Select.NULL
        yield field(self.t("oled.field.unit"), Select(options, prompt=self.t("oled.unit_keep"), value=current,
                                                      id="unit", compact=True))
        yield field(self.t("oled.field.reason"), _input(id="reason"))

    def on_mount(self) -> None:
        self.query_one("#type", Select).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def collect(self) -> dict | None:
        e = self.entry
        rectification = self.query_one("#type", Select).value
        deadline = _date_or_refuse(self, self.query_one("#deadline", Input), self.t("oled.field.deadline"),
                                   required=False)
        if deadline is False:
            return None
        reason_box = self.query_one("#reason", Input)
        if not reason_box.value.strip():
            self.refuse_at(reason_box, self.t("dialog.required"))
            return None
        unit = self.query_one("#unit", Select).value
        out = {"reason": reason_box.value.strip()}
        if rectification != e.rectification:
            out["rectification"] = rectification
        if deadline is not None and deadline != e.deadline:
            out["deadline"] = deadline
        if unit not in (Select.NULL, None) and unit != e.unit_id:
            out["unit_id"] = unit
        return out


class ReplyDialog(Dialog[dict]):
    """The unit's answer recorded at the office: it requests closure."""

    def __init__(self, lang: str, entry, today: date) -> None:
        super().__init__(lang)
        self.entry = entry
        self.today = today

    def title_text(self) -> str:
        return self.t("oled.reply_title", number=self.entry.number)

    def body(self) -> ComposeResult:
        yield field(self.t("oled.field.measures"), _input(id="measures"))
        yield field(self.t("oled.field.replied_on"), _input(self.today.isoformat(), id="replied_on"))
        yield field(self.t("oled.field.files"), _input(id="files"))
        yield Label(self.t("oled.files_hint"), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#measures", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def raw(self) -> dict:
        return {name: self.query_one(f"#{name}", Input).value for name in ("measures", "replied_on", "files")}

    def collect(self) -> dict | None:
        measures_box = self.query_one("#measures", Input)
        if not measures_box.value.strip():
            self.refuse_at(measures_box, self.t("dialog.required"))
            return None
        replied = _date_or_refuse(self, self.query_one("#replied_on", Input), self.t("oled.field.replied_on"),
                                  required=True)
        if replied is False:
            return None
        files_box = self.query_one("#files", Input)
        files = []
        for part in FILE_SEPARATORS.split(files_box.value):
            name = part.strip().strip('"').strip("'").strip()
            if not name:
                continue
            path = Path(name).expanduser()
            if not path.is_file():  # said here, before the core reads anything
                self.refuse_at(files_box, self.t("oled.no_file", file=name))
                return None
            files.append(path)
        return {"measures": measures_box.value.strip(), "replied_on": replied, "files": files}


class ExtendDialog(Dialog[dict]):
    """A later deadline and why."""

    def __init__(self, lang: str, entry) -> None:
        super().__init__(lang)
        self.entry = entry

    def title_text(self) -> str:
        return self.t("oled.extend_title", number=self.entry.number, deadline=self.entry.deadline or "—")

    def body(self) -> ComposeResult:
        yield field(self.t("oled.field.new_deadline"), _input(id="to", placeholder="2027-01-31"))
        yield field(self.t("oled.field.reason"), _input(id="reason"))

    def on_mount(self) -> None:
        self.query_one("#to", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def collect(self) -> dict | None:
        to = _date_or_refuse(self, self.query_one("#to", Input), self.t("oled.field.new_deadline"), required=True)
        if to is False:
            return None
        reason_box = self.query_one("#reason", Input)
        if not reason_box.value.strip():
            self.refuse_at(reason_box, self.t("dialog.required"))
            return None
        return {"to": to, "reason": reason_box.value.strip()}
