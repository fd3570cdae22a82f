"""Photos into a Word document at a constant cost each.

python-docx's `add_picture` looks for an identical image by re-hashing every
image already in the package, names the new part by listing them all, and
finds a free shape id by an XPath over the whole document: each picture
costs as much as all before it. A notice handing 800 problems to one city
with their photos took minutes. Here one document keeps its own index (SHA-1
-> relationship) and counters, so the 800th photo costs what the first did.
The XML written is python-docx's own (`CT_Inline.new_pic_inline`): Word,
WPS and LibreOffice read the result as any python-docx document.
"""

from __future__ import annotations

import hashlib
import io
from typing import BinaryIO

from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart

_ATTRIBUTE = "_inspector_pictures"


class Pictures:
    """The pictures of one document (`pictures_of(doc)` gives it)."""

    def __init__(self, doc) -> None:
        self.part = doc.part
        used = [int(v) for v in self.part.element.xpath("//@id") if v.isdigit()]  # once, not per picture
        self.shape_id = max(used, default=0)
        self.images: dict[str, tuple[str, Image]] = {}
        self.count = 0

    def add(self, run, image: bytes | BinaryIO, *, width=None, height=None):
        """Put the image in `run`, scaled to `width` and/or `height` (EMU
        lengths such as Cm(6)); the same bytes twice are stored once."""
        blob = image if isinstance(image, bytes) else image.read()
        sha = hashlib.sha1(blob).hexdigest()
        if sha not in self.images:
            picture = Image.from_blob(blob)
            self.count += 1
            # a name of our own, apart from python-docx's image1, image2 ...
            part = ImagePart.from_image(picture, PackURI(f"/word/media/photo{self.count}.{picture.ext}"))
            rid = f"rIdPhoto{self.count}"  # an id of our own: finding a free rId also scans them all
            self.part.rels.add_relationship(RT.IMAGE, part, rid)
            self.images[sha] = (rid, picture)
        rid, picture = self.images[sha]
        cx, cy = picture.scaled_dimensions(width, height)
        self.shape_id += 1
        inline = CT_Inline.new_pic_inline(self.shape_id, rid, picture.filename, cx, cy)
        run._r.add_drawing(inline)
        return inline


def pictures_of(doc) -> Pictures:
    found = getattr(doc, _ATTRIBUTE, None)
    if found is None:
        found = Pictures(doc)
        setattr(doc, _ATTRIBUTE, found)
    return found


def add_picture(doc, run, image, *, width=None, height=None):
    """`run.add_picture` at constant cost: `image` is bytes, a stream or a path."""
    if not isinstance(image, (bytes, io.IOBase)) and not hasattr(image, "read"):
        with open(image, "rb") as handle:
            image = handle.read()
    return pictures_of(doc).add(run, image, width=width, height=height)
