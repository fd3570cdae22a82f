"""Dates an inspector types: a visit's date, a rectification deadline, an
answer of type date. Each must be a day that exists, and a deadline cannot
fall before the visit that set it.

A refusal carries a code and the values to name, so a form can say why in
the user's language ("2027-02-30 does not exist: February 2027 has 28 days")
instead of repeating the format.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

# 2026-12-01, also 2026-1-5 as people type it; nothing else is a date here.
_SHAPE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class InvalidDate(ValueError):
    """`code` is the i18n key under "invalid." and `params` what it names;
    str() is the English for logs."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def parse_date(text: str) -> date:
    """The day `text` names, or InvalidDate saying what is wrong with it."""
    found = _SHAPE.fullmatch(text.strip())
    if found is None:
        raise InvalidDate("date", f"expected a date as YYYY-MM-DD, not {text!r}")
    year, month, day = (int(part) for part in found.groups())
    if year < 1:
        raise InvalidDate("date", f"expected a date as YYYY-MM-DD, not {text!r}")
    if not 1 <= month <= 12:
        raise InvalidDate("date_no_month", f"{text.strip()} does not exist: there is no month {month}",
                          date=text.strip(), month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise InvalidDate("date_no_day", f"{text.strip()} does not exist: {year}-{month:02d} has {days} days",
                          date=text.strip(), year=year, month=month, days=days)
    return date(year, month, day)


def check_deadline(deadline: date | None, visit_date: date) -> None:
    """A rectification deadline is set at a visit: it cannot come before it."""
    if deadline is not None and deadline < visit_date:
        raise InvalidDate("deadline_before_visit",
                          f"the rectification deadline {deadline} is before the visit date {visit_date}",
                          deadline=deadline.isoformat(), visit=visit_date.isoformat())


def default_deadline(visit_date: date) -> date:
    """The usual rectification period: one calendar month after the visit
    (2026-12-03 -> 2027-01-03), the month's last day when it has no such day
    (01-31 -> 02-28). A suggestion the inspector may change."""
    year, month = (visit_date.year + 1, 1) if visit_date.month == 12 else (visit_date.year, visit_date.month + 1)
    return date(year, month, min(visit_date.day, calendar.monthrange(year, month)[1]))


def check_visit_date(on: date, *, today: date) -> None:
    """A visit is recorded on the day it happens or after: a date after today
    is a slip (2031 for 2026) that would date every finding wrongly. `today`
    is the caller's clock, so this stays a rule about dates, testable as one."""
    if on > today:
        raise InvalidDate("visit_in_future", f"the visit date {on} is after today ({today})",
                          date=on.isoformat(), today=today.isoformat())
