"""The web report: a folder (网页/, web/) that opens from a USB stick with no
server and no network.

    index.html               what it covers, overview figures, charts, cities, both lists
    city-<code>.html         a city's projects, problems and innovations
    project-<code>.html      visits, each problem with photos, re-checks and history, innovations
    thumbs/<photo>, photos/<photo>   thumbnails and full photos (GPS only with --with-gps)
    assets/report.css, assets/report.js   the one style sheet and the one script

Modules: layout (escaping, names, page frame, photos), tables (sortable,
filterable lists), charts (SVG), pages (the three kinds of page), assets.
Like every writer it writes what it is given: the scope (cities, statuses,
GPS) was applied by gather."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from inspector.i18n import t

from ..figures import CityFigures, city_figures, city_rank_order
from ..photofiles import give_out, thumbnail
from ..rows import PhotoRef, ProjectRow, RoundReport
from ..run import Work
from ..scope import ReportScope
from . import assets, pages
from .layout import CSS_FILE, JS_FILE, PHOTOS, THUMBS, city_file, photo_file, project_file

__all__ = ["units", "write", "folder_name"]


def folder_name(scope: ReportScope) -> str:
    return t("report_html.file.folder", scope.lang)


def _photos(report: RoundReport) -> dict[str, PhotoRef]:
    """Every photo once, by the file name the pages link to."""
    found: dict[str, PhotoRef] = {}
    for row in (*report.problems, *report.innovations):
        for photo in row.photos:
            found.setdefault(photo_file(photo), photo)
    return found


def _projects(report: RoundReport) -> dict[str, ProjectRow]:
    """Every project a page links to: the round's, and any a record names that
    the round did not list (so no link leads nowhere)."""
    out = {p.code: p for p in report.projects}
    for row in (*report.problems, *report.innovations):
        if row.project_code not in out:
            out[row.project_code] = ProjectRow(row.project_code, row.project_name, row.city, row.district, "",
                                               None, (), None, None, ())
    return out


def _cities(report: RoundReport, projects: Iterable[ProjectRow]) -> list[str]:
    seen = dict.fromkeys(report.coverage.cities)
    seen.update(dict.fromkeys(p.city for p in projects))
    return sorted(seen, key=city_rank_order())


def units(report: RoundReport, scope: ReportScope) -> int:
    projects = _projects(report)
    return 1 + len(_cities(report, projects.values())) + len(projects) + len(_photos(report))


def _page(path: Path, parts: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for part in parts:
            out.write(part)


def write(report: RoundReport, folder: Path, scope: ReportScope, work: Work) -> list[Path]:
    top = Path(folder_name(scope))
    root = folder / top
    (root / "assets").mkdir(parents=True, exist_ok=True)
    written: list[str] = []

    def done(name: str) -> None:
        written.append(name)
        work.tick()

    for name, text in ((CSS_FILE, assets.CSS), (JS_FILE, assets.JS)):
        (root / name).write_text(text, encoding="utf-8", newline="\n")
        written.append(name)

    _page(root / pages.INDEX, pages.index(report, scope))
    done(pages.INDEX)

    projects = _projects(report)
    problems: dict[str, list] = {}
    innovations: dict[str, list] = {}
    for pr in report.problems:
        problems.setdefault(pr.project_code, []).append(pr)
    for inn in report.innovations:
        innovations.setdefault(inn.project_code, []).append(inn)
    figs = {f.city: f for f in city_figures(report)[0]}
    for city in _cities(report, projects.values()):
        mine = [p for p in projects.values() if p.city == city]
        name = city_file(city)
        _page(root / name, pages.city(report, scope, city, figs.get(city, CityFigures(city)), mine,
                                      report.problems_of(city), report.innovations_of(city)))
        done(name)
    for code, project in projects.items():
        name = project_file(code)
        _page(root / name, pages.project(report, scope, project, problems.get(code, []), innovations.get(code, [])))
        done(name)

    for name, photo in _photos(report).items():
        # a photo the store cannot give shows as its caption alone (the lists name it)
        if thumbnail(photo.source, photo.thumbnail, root / THUMBS / name):
            written.append(f"{THUMBS}/{name}")
        if give_out(photo.source, root / PHOTOS / name, with_gps=scope.with_gps, given=report.given_out):
            written.append(f"{PHOTOS}/{name}")
        work.tick()
    return [top / name for name in written]
