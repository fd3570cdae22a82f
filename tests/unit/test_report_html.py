"""The web report (office/reports/web), read back with html.parser: every
link and image resolves inside the folder, nothing points outside it, field
text is escaped, a city's report holds nothing of another, GPS only when asked."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from inspector.i18n import LANGS
from inspector.office.reports import web
from inspector.office.reports.run import Work
from reportdata import demo_office, report_of, scope  # noqa: F401

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


class Page(HTMLParser):
    """The links, images, elements and text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def written(report, tmp_path: Path, **given) -> tuple[Path, list[Path]]:
    s = scope(**given)
    work = Work(10**9)
    files = web.write(report, tmp_path, s, work)
    assert work.done == web.units(report, s)  # the bar ends full
    return tmp_path / web.folder_name(s), files


def test_every_link_and_image_resolves_inside_the_folder(demo_office, tmp_path):
    report = report_of(demo_office)
    root, files = written(report, tmp_path)
    assert root.name == "网页"
    assert {f.as_posix() for f in files} == {p.relative_to(tmp_path).as_posix()
                                             for p in root.rglob("*") if p.is_file()}
    pages = sorted(root.glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "city-hangzhou.html", "project-HZ-XS-006.html"}
    images = 0
    for page in pages:
        parsed = parse(page)
        for link in parsed.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, (page.name, link)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file() and target.is_relative_to(root.resolve()), (page.name, link)
            if parts.fragment:  # an anchor names an element of the page it points to
                assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), (page.name, link)
        images += sum(tag == "img" for tag, _ in parsed.tags)
        assert parsed.scripts == 1  # the one script file, nothing inline
    # each problem's and each innovation's photos, once each
    assert images == sum(len(r.photos) for r in (*report.problems, *report.innovations))
    assert all(name.isascii() for name in (p.name for p in root.rglob("*")))


def test_no_external_address_in_any_file(demo_office, tmp_path):
    root, _ = written(report_of(demo_office), tmp_path)
    for path in root.rglob("*"):
        if path.is_file():
            assert b"http" not in path.read_bytes().lower(), path.name


def test_index_shows_coverage_figures_charts_and_the_lists(demo_office, tmp_path):
    report = report_of(demo_office)
    root, _ = written(report, tmp_path)
    page = parse(root / "index.html")
    text = "".join(page.text)
    assert "督导轮次" in text and "R2026-2" in text and "不予采纳的问题 1 条" in text
    assert "2026-2-HZ-001" in text and "2026-2-HZ-002" in text and "建设运营一体化" in text
    bars = [a for tag, a in page.tags if tag == "rect" and "bar" in a.get("class", "")]
    assert bars and all(float(a["width"]) > 0 for a in bars)
    assert {"杭州", "宁波", "衢州"} <= set(page.text)  # chart labels are text, not paths
    rows = [a for tag, a in page.tags if tag == "tr" and "data-severity" in a]
    assert sorted(a["data-severity"] for a in rows) == ["major", "severe"]


def test_project_page_has_photos_verdicts_and_attributed_history(demo_office, tmp_path):
    report = report_of(demo_office)
    root, _ = written(report, tmp_path)
    problem = next(p for p in report.problems if p.replies)  # the one whose unit asked for closure
    page = parse(root / f"project-{problem.project_code}.html")
    text = "".join(page.text)
    assert problem.description in text
    assert "列入台账" in text and "李明" in text  # ledger.open via words.step_label, with who
    assert problem.replies[0] in text
    links = {a.get("href") for tag, a in page.tags if tag == "a"}
    name = f"{problem.number}-1.jpg"
    assert f"photos/{name}" in links
    assert ("img", {"src": f"thumbs/{name}", "alt": name}) in page.tags


def test_hostile_field_text_is_escaped(demo_office, tmp_path):
    report = report_of(demo_office)
    first = dataclasses.replace(report.problems[0], description=HOSTILE, unit=HOSTILE)
    report.problems[0] = first
    root, _ = written(report, tmp_path)
    for name in ("index.html", "city-hangzhou.html", f"project-{first.project_code}.html"):
        raw = (root / name).read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<img src=x" not in raw
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in raw
        assert HOSTILE in "".join(parse(root / name).text)  # the reader still sees what was written


def test_city_report_holds_no_other_citys_project(demo_office, tmp_path):
    everyone = report_of(demo_office)
    others = {p.name for p in everyone.projects if p.city != "ningbo"} | {
        p.code for p in everyone.projects if p.city != "ningbo"}
    root, files = written(report_of(demo_office, cities=frozenset({"ningbo"})), tmp_path)
    assert not (root / "city-hangzhou.html").exists()
    for path in root.rglob("*.html"):
        raw = path.read_text(encoding="utf-8")
        assert not [name for name in others if name in raw], path.name
    assert "星阳未来社区" in (root / "index.html").read_text(encoding="utf-8")


def _with_position(report):
    def placed(row):
        return dataclasses.replace(row, photos=tuple(dataclasses.replace(ph, lat=29.123456, lon=120.654321)
                                                     for ph in row.photos))
    report.problems[:] = [placed(p) for p in report.problems]
    return report


def test_gps_coordinates_only_with_gps(demo_office, tmp_path):
    # gather gives positions only under --with-gps; the pages print them only then too
    root, _ = written(_with_position(report_of(demo_office)), tmp_path / "without")
    assert not any("29.123456" in p.read_text(encoding="utf-8") for p in root.rglob("*.html"))
    root, _ = written(_with_position(report_of(demo_office, with_gps=True)), tmp_path / "with", with_gps=True)
    assert any("29.123456, 120.654321" in p.read_text(encoding="utf-8") for p in root.rglob("*.html"))


def test_english_report(demo_office, tmp_path):
    root, _ = written(report_of(demo_office, lang="en"), tmp_path, lang="en")
    assert root.name == "web"
    text = "".join(parse(root / "index.html").text)
    assert "What this report covers" in text and "Problem list" in text


def test_both_languages_have_the_same_words():
    from inspector.i18n.areas import report_html

    assert set(report_html.MESSAGES["zh"]) == set(report_html.MESSAGES["en"])
    assert all(key in LANGS["en"].MESSAGES for key in report_html.MESSAGES["zh"])


@pytest.mark.parametrize("code", ["HZ-XS-006", "../x", "a b:c?"])
def test_page_names_are_safe_file_names(code):
    from inspector.office.reports.web.layout import project_file

    name = project_file(code)
    assert name.isascii() and "/" not in name and ":" not in name and " " not in name and "?" not in name
