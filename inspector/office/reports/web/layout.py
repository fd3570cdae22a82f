"""What every page of the web report shares: escaping, file names, the page
frame, photos.

Every text that reaches a page goes through `e` (records come from the field
and may hold anything, `<script>` included). Every link is relative and every
file name ASCII (codes, not names): the folder is copied to USB sticks and
opened on Windows, where Chinese file names in links break in old browsers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import escape
from urllib.parse import quote

from inspector.i18n import label, t

from ..rows import PhotoRef
from ..scope import ReportScope

CSS_FILE = "assets/report.css"
JS_FILE = "assets/report.js"
THUMBS = "thumbs"
PHOTOS = "photos"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def e(text: object) -> str:
    """Text (or an attribute value) as HTML: nothing in it is markup."""
    return escape("" if text is None else str(text), quote=True)


def word(kind: str, code: str | None, lang: str) -> str:
    """A vocabulary code as the report's language says it; an unknown code (a
    newer version's) as itself rather than a failed report."""
    try:
        return label(kind, code, lang)
    except KeyError:
        return code or ""


def safe(code: str) -> str:
    """A code as a file-name part any system accepts (ASCII, no separators, no leading dot)."""
    return _UNSAFE.sub("_", code).lstrip(".") or "_"


def href(path: str) -> str:
    return e(quote(path, safe="/#?=&-_.~"))


def city_file(city: str) -> str:
    return f"city-{safe(city)}.html"


def project_file(code: str) -> str:
    return f"project-{safe(code)}.html"


def anchor(ref: str) -> str:
    return "r-" + safe(ref)


def photo_file(photo: PhotoRef) -> str:
    return safe(photo.name)


def head(title: str, lang: str, crumbs: Iterable[tuple[str, str | None]] = ()) -> str:
    """The start of a page, up to and including its <h1>. `crumbs` are (text, link or None)."""
    trail = ""
    parts = [f'<a href="{href(link)}">{e(text)}</a>' if link else e(text) for text, link in crumbs]
    if parts:
        trail = '<nav class="crumbs">' + " › ".join(parts) + "</nav>\n"
    return (f'<!DOCTYPE html>\n<html lang="{e(t("report_html.lang", lang))}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{e(title)}</title>\n<link rel="stylesheet" href="{CSS_FILE}">\n'
            f'<script src="{JS_FILE}" defer></script>\n</head>\n<body>\n{trail}<h1>{e(title)}</h1>\n')


def foot(lines: Iterable[str] = ()) -> str:
    said = "".join(f"<p>{e(line)}</p>" for line in lines)
    return f"<footer>{said}</footer>\n</body>\n</html>\n"


def facts(pairs: Iterable[tuple[str, str]], css: str = "facts") -> str:
    """(label, value) pairs as a definition list; both are text."""
    inner = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in pairs)
    return f'<dl class="{css}">{inner}</dl>\n'


def photos(refs: Iterable[PhotoRef], scope: ReportScope, lang: str) -> Iterator[str]:
    """Thumbnails, each a link to the full photo, with caption, time and (only
    when the report was asked for them) GPS coordinates."""
    refs = list(refs)
    if not refs:
        return
    yield '<div class="photos">'
    for photo in refs:
        name = photo_file(photo)
        said = [photo.caption] if photo.caption else []
        if photo.taken_at:
            said.append(t("report_html.photo_taken", lang, at=photo.taken_at.strftime("%Y-%m-%d %H:%M")))
        if scope.with_gps and photo.lat is not None and photo.lon is not None:
            said.append(t("report_html.photo_gps", lang, lat=f"{photo.lat:.6f}", lon=f"{photo.lon:.6f}"))
        caption = "<br>".join(e(s) for s in said) or e(photo.name)
        alt = photo.caption or photo.name
        yield (f'<figure><a href="{href(PHOTOS + "/" + name)}" title="{e(t("report_html.photo_full", lang))}">'
               f'<img src="{href(THUMBS + "/" + name)}" alt="{e(alt)}"></a>'
               f'<figcaption>{caption}</figcaption></figure>')
    yield "</div>\n"
