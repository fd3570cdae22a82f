"""What one report covers, and why a report is refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from inspector.office.ledger import STATUSES as LEDGER_STATUSES

# The formats a report can be asked in. docx is the supervision report and the
# rectification notices; csv is both lists and the photo archive named by number.
FORMATS = ("html", "xlsx", "docx", "csv")
# A problem's status in a report: its ledger status once confirmed, else
# where its review stands (a problem still under review is reported as such).
REVIEW_STATUSES = ("received", "query", "sent_back", "confirmed")
STATUSES = REVIEW_STATUSES + LEDGER_STATUSES
# Records a report never lists, only counts.
LEFT_OUT = ("rejected", "duplicate")
NOTICES_BY = ("city", "unit")


class ReportRefused(Exception):
    """Nothing was written. `code` names the i18n text "report.<code>"."""

    def __init__(self, code: str, **params: object):
        self.code, self.params = code, params
        super().__init__(self.say("en"))

    def say(self, lang: str) -> str:
        from inspector.i18n import t
        from inspector.i18n.said import os_error, say

        # an error behind the refusal (a full disk) in the same language; the message names the file itself
        params = {k: (os_error(v, lang) if isinstance(v, OSError) else say(v, lang)) if isinstance(v, BaseException)
                  else v for k, v in self.params.items()}
        if self.code == "bad_status":  # the statuses one may name, as this language names them
            from .words import status_label

            params["known"] = t("validation.list_sep", lang).join(
                f"{status_label(s, lang)}（{s}）" if lang == "zh" else f"{s} ({status_label(s, lang)})"
                for s in self.params["known"])
        return t(f"report.{self.code}", lang, **params)


@dataclass(frozen=True)
class ReportScope:
    round_id: str
    cities: frozenset[str] = frozenset()  # empty: every city of the round
    statuses: frozenset[str] = frozenset()  # empty: every status (rejected and duplicates never)
    tags: frozenset[str] = frozenset()  # empty: every finding; else those whose checklist item carries one
    formats: tuple[str, ...] = FORMATS
    with_gps: bool = False
    notices_by: str = "city"  # one rectification notice per city, or per responsible unit
    lang: str = "zh"
    today: date | None = None  # None: today
    user: str = ""  # the member of staff making it (office_users.id)
    reply_days: int = 15  # a notice asks for the unit's reply this many days after it is issued
    extra: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown or not self.formats:
            raise ReportRefused("bad_format", value=",".join(unknown) or "", known=",".join(FORMATS))
        bad = sorted(s for s in self.statuses if s not in STATUSES)
        if bad:
            raise ReportRefused("bad_status", value=",".join(bad), known=STATUSES)
        from inspector.models.tags import is_known

        unknown_tags = sorted(tag for tag in self.tags if not is_known(tag))
        if unknown_tags:
            raise ReportRefused("bad_tag", value=unknown_tags[0])
        if self.notices_by not in NOTICES_BY:
            raise ReportRefused("bad_by", value=self.notices_by)

    def wants(self, fmt: str) -> bool:
        return fmt in self.formats
