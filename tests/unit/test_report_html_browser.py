"""The web report in a real browser: Debian's headless Chromium (no browser
package from PyPI). What a reader sees is checked on the DOM after the
page's script ran (--dump-dom): the problem table filters (?q= and the
selects start filtered), every image loads (report.js counts the broken
ones), the charts' bars are laid out with a size, and printing gives pages.
Four browser launches, a few seconds in all."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from inspector.office.reports import web
from inspector.office.reports.run import Work
from reportdata import demo_office, report_of, scope  # noqa: F401

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary on this machine (Debian package "
                                                          "'chromium'; .ci/run installs it when it can)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


class Dom(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def first(self, tag: str) -> dict:
        return next(a for t, a in self.tags if t == tag)


@pytest.fixture(scope="module")
def built(demo_office, tmp_path_factory) -> tuple[Path, str]:
    """The report's folder, and the number of its one severe problem (numbers follow confirmation order)."""
    out = tmp_path_factory.mktemp("web-report")
    s = scope()
    report = report_of(demo_office)
    web.write(report, out, s, Work(10**9))
    return out / web.folder_name(s), next(p.number for p in report.problems if p.severity == "severe")


@pytest.fixture
def site(built) -> Path:
    return built[0]


def browse(site: Path, page: str, *extra: str, query: str = "") -> str:
    profile = site.parent / f"profile-{len(list(site.parent.glob('profile-*')))}"
    url = (site / page).as_uri() + (f"?{query}" if query else "")
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url],
                          capture_output=True, text=True, encoding="utf-8", timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dom_after_scripts(site: Path, page: str, query: str = "") -> Dom:
    return Dom(browse(site, page, "--run-all-compositor-stages-before-draw", "--virtual-time-budget=2000",
                      "--dump-dom", query=query))


def problem_rows(dom: Dom) -> dict[str, bool]:
    """Each problem row's severity -> shown (not filtered out)."""
    return {a["data-severity"]: "filtered-out" not in a.get("class", "")
            for t, a in dom.tags if t == "tr" and "data-severity" in a}


def test_filter_from_the_address_and_charts_drawn(built):
    site, severe = built
    # the round has one severe and one major problem: filter on the severe one's number
    dom = dom_after_scripts(site, "index.html", "q=" + quote(severe))
    assert problem_rows(dom) == {"major": False, "severe": True}
    table = next(a for t, a in dom.tags if t == "table" and a.get("id") == "problems")
    assert table["data-shown"] == "1"
    bars = sum(1 for t, a in dom.tags if t == "rect" and "bar" in a.get("class", ""))
    body = dom.first("body")
    assert bars >= 3 and int(body["data-drawn-bars"]) == bars  # every bar laid out with a size


def test_severity_select_filters(site):
    dom = dom_after_scripts(site, "city-hangzhou.html", "severity=major")
    assert problem_rows(dom) == {"major": True, "severe": False}
    select = next(a for t, a in dom.tags if t == "select" and a.get("data-field") == "severity")
    assert select is not None


class Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.srcs.append(dict(attrs)["src"])


def test_every_image_loads(site, tmp_path):
    # One launch for every image of every page: a page holding them all (and
    # one missing on purpose, so the count is seen to count).
    found = Images()
    for page in site.glob("*.html"):
        found.feed(page.read_text(encoding="utf-8"))
    assert len(found.srcs) >= 3
    probe = site / "probe.html"
    imgs = "".join(f'<img src="{src}" alt="">' for src in [*found.srcs, "thumbs/not-there.jpg"])
    probe.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><script src="assets/report.js" defer>'
                     f'</script></head><body>{imgs}</body></html>', encoding="utf-8")
    try:
        body = dom_after_scripts(site, "probe.html").first("body")
    finally:
        probe.unlink()
    assert body["data-images"] == str(len(found.srcs) + 1)
    assert body["data-broken-images"] == "1"  # only the missing one


def test_prints_on_pages(site, tmp_path):
    pdf = tmp_path / "index.pdf"
    browse(site, "index.html", "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert "595 x 842" in info or "595.92 x 842.88" in info or "594.96 x 841.92" in info, info  # A4
    assert pages >= 1
