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
import warnings
from copy import deepcopy
from pathlib import Path
from typing import BinaryIO

from docx.image.image import Image as WordImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Emu
from PIL import Image, ImageOps

_ATTRIBUTE = "_inspector_pictures"
PHOTO_EDGE = 800  # px: sharp at 12 cm on paper, ~100 KB a photo in the file


class Pictures:
    """The pictures of one document (`pictures_of(doc)` gives it)."""

    def __init__(self, doc) -> None:
        self.part = doc.part
        used = [int(v) for v in self.part.element.xpath("//@id") if v.isdigit()]  # once, not per picture
        self.shape_id = max(used, default=0)
        self.images: dict[str, tuple[str, tuple[int, int], str]] = {}
        self.count = 0
        self._template = None

    def add(self, run, image: bytes | BinaryIO, *, width=None, height=None, pixels: tuple[int, int] | None = None):
        """Put the image in `run`, scaled to `width` or `height` (EMU lengths
        such as Cm(6)); the same bytes twice are stored once. `pixels`, when
        the caller knows the size, spares reading the image's header again."""
        blob = image if isinstance(image, bytes) else image.read()
        sha = hashlib.sha1(blob).hexdigest()
        if sha not in self.images:
            self.count += 1
            kind = _kind(blob)
            if kind is not None and pixels is not None:
                content_type, ext = kind
                size = pixels
            else:
                picture = WordImage.from_blob(blob)
                content_type, ext, size = picture.content_type, picture.ext, (picture.px_width, picture.px_height)
            # a name of our own, apart from python-docx's image1, image2 ...
            part = ImagePart(PackURI(f"/word/media/photo{self.count}.{ext}"), content_type, blob)
            rid = f"rIdPhoto{self.count}"  # an id of our own: finding a free rId also scans them all
            self.part.rels.add_relationship(RT.IMAGE, part, rid)
            self.images[sha] = (rid, size, f"photo{self.count}.{ext}")
        rid, (px_width, px_height), filename = self.images[sha]
        if width is None and height is None:
            width = Emu(px_width * 9525)  # 96 dpi, as Word places a picture without a size
        if height is None:
            height = Emu(round(int(width) * px_height / px_width))
        elif width is None:
            width = Emu(round(int(height) * px_width / px_height))
        self.shape_id += 1
        inline = self._inline(self.shape_id, rid, filename, Emu(int(width)), Emu(int(height)))
        run._r.add_drawing(inline)
        return inline

    def _inline(self, shape_id: int, rid: str, filename: str, cx: Emu, cy: Emu):
        """python-docx's picture XML, parsed once and copied: parsing it costs more than the photo."""
        if self._template is None:
            self._template = CT_Inline.new_pic_inline(0, "rIdX", "x.jpg", cx, cy)
        inline = deepcopy(self._template)
        inline.extent.cx, inline.extent.cy = cx, cy
        inline.docPr.id, inline.docPr.name = shape_id, f"Picture {shape_id}"
        pic = inline.graphic.graphicData.pic
        pic.nvPicPr.cNvPr.name = filename
        pic.blipFill.blip.set(qn("r:embed"), rid)
        pic.spPr.cx, pic.spPr.cy = cx, cy
        return inline


def _kind(blob: bytes) -> tuple[str, str] | None:
    if blob[:3] == b"\xff\xd8\xff":
        return "image/jpeg", "jpg"
    if blob[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png", "png"
    return None


def pictures_of(doc) -> Pictures:
    found = getattr(doc, _ATTRIBUTE, None)
    if found is None:
        found = Pictures(doc)
        setattr(doc, _ATTRIBUTE, found)
    return found


def add_picture(doc, run, image, *, width=None, height=None, pixels: tuple[int, int] | None = None):
    """`run.add_picture` at constant cost: `image` is bytes, a stream or a path."""
    if not isinstance(image, (bytes, io.IOBase)) and not hasattr(image, "read"):
        with open(image, "rb") as handle:
            image = handle.read()
    return pictures_of(doc).add(run, image, width=width, height=height, pixels=pixels)


def downsized_jpeg(source: Path, stored_thumbnail: Path | None = None, *,
                   edge: int = PHOTO_EDGE) -> tuple[io.BytesIO, int, int]:
    """A photo small enough to embed (stream, width px, height px): the
    store's thumbnail when it has one, else a copy at most `edge` px made
    with Pillow's JPEG draft mode (decodes at 1/2..1/8 scale, so a 12 MP
    photo never sits whole in memory). No metadata is written: no GPS
    leaves in an embedded photo. Raises one of photofiles.UNREADABLE when
    the photo cannot be read."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a library warning never reaches a user
        if stored_thumbnail is not None and Path(stored_thumbnail).is_file():
            data = Path(stored_thumbnail).read_bytes()
            with Image.open(io.BytesIO(data)) as image:
                size = image.size
            return io.BytesIO(data), size[0], size[1]
        with Image.open(source) as image:
            image.draft("RGB", (edge, edge))
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((edge, edge), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=82, optimize=True)
            out.seek(0)
            return out, image.width, image.height


def print_width_cm(width_px: int, *, most: float = 12.0) -> float:
    """How wide to print a photo: at most `most` cm, and a small thumbnail no
    wider than ~96 dpi makes it, so it is not blown up to a blur."""
    return round(min(most, width_px / 96 * 2.54), 2)
