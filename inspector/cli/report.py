"""`inspector office report ROUND -o DIR`: a round's reports, written whole
or not at all (office/reports/run.py). Thin: it turns what was typed (city
names, status words, formats) into a ReportScope, runs make_report with a
progress line, and says what it wrote. Ctrl+C stops it at the next row or
photo and leaves nothing behind."""

from __future__ import annotations

import re
import shutil
import signal
import sys
import threading
from pathlib import Path

import click

from inspector.i18n import has, t

from .office import acting_id, office, refusing_session

EXIT_CANCELLED = 130  # what a shell expects of a command stopped by Ctrl+C
_SPLIT = re.compile(r"[,，、;；]+")  # not spaces: "to rectify" is one status


def _values(given: tuple[str, ...]) -> list[str]:
    """Repeated options and comma-separated lists (either comma, or 、) alike."""
    return [part.strip() for value in given for part in _SPLIT.split(value) if part.strip()]


def city_codes(given: tuple[str, ...]) -> frozenset[str]:
    """hangzhou, 杭州, 杭州市 or Hangzhou -> hangzhou; refused when it names no city."""
    from inspector.office.names import vocabulary_code
    from inspector.office.reports.scope import ReportRefused

    codes = set()
    for value in _values(given):
        code = vocabulary_code("City", value)
        if code is None:
            raise ReportRefused("bad_city", value=value)
        codes.add(code)
    return frozenset(codes)


def status_codes(given: tuple[str, ...]) -> frozenset[str]:
    """A ledger status or review state by its code or its word in either
    language (待整改, 已销号, to rectify …); refused when it names none."""
    from inspector.i18n import LANGS
    from inspector.office.names import normal
    from inspector.office.reports.scope import STATUSES, ReportRefused
    from inspector.office.reports.words import status_label

    known: dict[str, str] = {}
    for code in STATUSES:
        known[normal(code)] = code
        for lang in LANGS:
            known.setdefault(normal(status_label(code, lang)), code)
    codes = set()
    for value in _values(given):
        code = known.get(normal(value))
        if code is None:
            raise ReportRefused("bad_status", value=value, known=STATUSES)
        codes.add(code)
    return frozenset(codes)


def tag_codes(given: tuple[str, ...]) -> frozenset[str]:
    """dimension:operation, 运营可持续性 or Operating sustainability -> dimension:operation."""
    from inspector.models.tags import tag_from_words
    from inspector.office.reports.scope import ReportRefused

    codes = set()
    for value in _values(given):
        code = tag_from_words(value)
        if code is None:
            raise ReportRefused("bad_tag", value=value)
        codes.add(code)
    return frozenset(codes)


def phase_word(phase: str, lang: str) -> str:
    key = f"report.phase.{phase}"
    return t(key, lang) if has(key, lang) else phase


class ProgressLine:
    """One line on stderr, redrawn in place; only on a terminal (a log file
    gets the summary alone, not hundreds of carriage returns)."""

    def __init__(self, lang: str, stream=None) -> None:
        self.lang = lang
        self.stream = stream or sys.stderr
        self.shown = bool(getattr(self.stream, "isatty", lambda: False)())
        self.width = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.shown:
            return
        percent = 100 * done // total if total else 0
        text = t("report_cli.progress", self.lang, phase=phase_word(phase, self.lang), percent=percent,
                 done=done, total=total)
        from rich.cells import cell_len, set_cell_size

        columns = shutil.get_terminal_size((80, 24)).columns - 1
        # padded to the widest line so far: a shorter phase word leaves none of the last one
        self.width = min(columns, max(self.width, cell_len(text)))
        self.stream.write("\r" + set_cell_size(text, self.width))
        self.stream.flush()

    def clear(self) -> None:
        if self.shown and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


class CtrlC:
    """The first Ctrl+C asks the report to stop (the cancel Event: the writer
    stops at its next row or photo and the temporary folder goes); a second
    one stops at once (the folder left half-made is swept by the next run)."""

    def __init__(self) -> None:
        self.cancel = threading.Event()
        self._before = None

    def _heard(self, signum, frame) -> None:
        if self.cancel.is_set():
            raise KeyboardInterrupt
        self.cancel.set()

    def __enter__(self) -> threading.Event:
        if threading.current_thread() is threading.main_thread():
            self._before = signal.signal(signal.SIGINT, self._heard)
        return self.cancel

    def __exit__(self, *exc) -> None:
        if self._before is not None:
            signal.signal(signal.SIGINT, self._before)


@office.command("report")
@click.argument("round_id", metavar="ROUND")
@click.option("--city", "cities", multiple=True, metavar="CITY")
@click.option("--status", "statuses", multiple=True, metavar="STATUS")
@click.option("--tag", "tags", multiple=True, metavar="TAG")
@click.option("--format", "formats", multiple=True, metavar="FORMATS")
@click.option("--by", "notices_by", default="city", show_default=True, metavar="city|unit")
@click.option("--with-gps", is_flag=True)
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path))
@click.pass_obj
def office_report(context, round_id: str, cities, statuses, tags, formats, notices_by: str, with_gps: bool,
                  out: Path) -> None:
    """A round's reports (督导报告, 问题清单, 创新清单, 整改通知书, web pages, CSV and photos) into a new folder."""
    from inspector.office.reports.run import Cancelled, make_report
    from inspector.office.reports.scope import FORMATS, ReportRefused, ReportScope
    from inspector.office.reports.written import summary_lines

    settings, office_db = context
    lang = settings.lang
    progress = ProgressLine(lang)
    with refusing_session(settings, office_db, ReportRefused, lambda exc, lang: exc.say(lang)) as db:
        scope = ReportScope(round_id.strip(), cities=city_codes(cities), statuses=status_codes(statuses), tags=tag_codes(tags),
                            formats=tuple(dict.fromkeys(_values(formats))) or FORMATS,
                            with_gps=with_gps, notices_by=notices_by.strip().lower(), lang=lang,
                            user=acting_id())
        try:
            with CtrlC() as cancel:
                written = make_report(db, scope, out, on_progress=progress, cancel=cancel)
        except (Cancelled, KeyboardInterrupt):
            progress.clear()
            click.echo(t("report.cancelled", lang), err=True)
            raise SystemExit(EXIT_CANCELLED) from None
        finally:
            progress.clear()
    for line in summary_lines(written, lang):
        click.echo(line)

