"""Provides a quicker way for fpdf2 to write a long PDF: its pages, their content and the bookmarks, byte for byte as fpdf2 writes them.

fpdf2 writes every object of a PDF with one generic serialiser (it lists each object's attributes
with dir(), converts their names and values one by one). For the ten-year summary's 3,729 pages,
3,729 content streams and 1,567 bookmarks that is most of output()'s time (docs/performance.md).
QuickOutput is fpdf2's own OutputProducer (given to output() as its documented
output_producer_class) in which those three kinds of object write themselves directly. Any such
object in a shape the direct way does not know (an annotation, a page of its own size, a
transition, encryption ...) is written by fpdf2's serialiser as before; everything else in the
file (catalog, fonts, metadata, cross-reference table) is fpdf2's, unchanged.

The pages' content is compressed as fpdf2 compresses it (zlib, at its level), but on two cores at once
when there are two (compressed_in_parallel): zlib lets go of Python's lock while it works.
"""

from __future__ import annotations

import os
import zlib
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, cast

from fpdf.outline import OutlineItemDictionary
from fpdf.output import OutputProducer, PDFPage
from fpdf.syntax import Name, PDFContentStream, PDFObject

if TYPE_CHECKING:
    from fpdf.encryption import StandardSecurityHandler

PAGE = Name("Page")
FLATE = Name("FlateDecode")
SPLIT_FROM = 64  # pages: a shorter document is compressed in one thread (a thread's start would cost more)


class QuickPage(PDFPage):
    """A page that writes its own dictionary when it holds only what a summary's pages hold."""

    __slots__ = ()  # the same layout as PDFPage, so a page can become one

    def serialize(self, obj_dict: dict[str, Any] | None = None,
                  _security_handler: StandardSecurityHandler | None = None) -> str:
        if (obj_dict is not None or _security_handler is not None or self.annots or self.dur is not None
                or self.trans is not None or self.media_box is not None or self.struct_parents is not None
                or self.type != PAGE or not isinstance(self.contents, PDFObject)
                or not isinstance(self.resources, PDFObject) or self.parent is None
                or not isinstance(self.group, (str, type(None)))):
            return super().serialize(obj_dict, _security_handler)
        # fpdf2 writes the keys in alphabetical order of the attributes (dir()), one to a line.
        group = f"/Group {self.group}\n" if self.group is not None else ""
        return (f"{self.id} 0 obj\n<<\n/Contents {self.contents.id} 0 R\n{group}/Parent {self.parent.id} 0 R\n"
                f"/Resources {self.resources.id} 0 R\n/Type /Page\n>>\nendobj")


class QuickContentStream(PDFContentStream):
    """A page's content stream (already compressed by fpdf2) that writes itself directly."""

    def serialize(self, obj_dict: dict[str, Any] | None = None,  # type: ignore[override]
                  _security_handler: StandardSecurityHandler | None = None) -> str | bytes:
        if obj_dict is not None or _security_handler is not None or vars(self).keys() != {"_id", "_contents",
                                                                                         "filter", "length"}:
            return super().serialize(obj_dict, _security_handler)
        head = f"{self.id} 0 obj\n<<\n" + (f"/Filter {self.filter.serialize()}\n" if self.filter is not None else "")
        # bytes: OutputProducer._out takes them as they are (fpdf2 decodes and encodes them again as Latin-1)
        return b"".join((f"{head}/Length {self.length}\n>>\nstream\n".encode("latin-1"), self._contents,
                         b"\nendstream\nendobj"))


class QuickOutlineItem(OutlineItemDictionary):
    """A bookmark that writes its own dictionary (its title and destination still written by fpdf2)."""

    __slots__ = ()

    def serialize(self, obj_dict: dict[str, Any] | None = None,
                  _security_handler: StandardSecurityHandler | None = None) -> str:
        if obj_dict is not None or _security_handler is not None or self.struct_elem is not None:
            return super().serialize(obj_dict, _security_handler)
        parts = [f"{self.id} 0 obj\n<<\n/Count {self.count}"]
        if self.dest is not None:
            parts.append(f"/Dest {self.dest.serialize()}")
        for key, item in (("First", self.first), ("Last", self.last), ("Next", self.next), ("Parent", self.parent),
                          ("Prev", self.prev)):
            if item is not None:
                parts.append(f"/{key} {item.id} 0 R")
        parts.append(f"/Title {self.title.serialize()}\n>>\nendobj")
        return "\n".join(parts)


def compressed_in_parallel(contents: list[bytes], level: int) -> list[bytes]:
    """Each of contents compressed by zlib at level, in order; with two cores or more and many pages, the second half
    in another thread while this one does the first (zlib works outside Python's lock, so both run at once).

    On the ten-year summary's 29 MB of page content: zlib's 0.17 s of the PDF's time becomes about 0.09 s.
    """
    if len(contents) < SPLIT_FROM or (os.cpu_count() or 1) < 2:
        return [zlib.compress(data, level) for data in contents]
    half = len(contents) // 2
    with ThreadPoolExecutor(max_workers=1) as other:
        second = other.submit(lambda: [zlib.compress(data, level) for data in contents[half:]])
        first = [zlib.compress(data, level) for data in contents[:half]]
        return first + second.result()


class QuickOutput(OutputProducer):
    """fpdf2's OutputProducer, with pages, page content and bookmarks written directly (see the module's docstring)."""

    def _add_pages(self, _slice: slice = slice(0, None)) -> list[PDFPage]:
        compress, self.fpdf.compress = self.fpdf.compress, False  # fpdf2 would compress each page in turn
        try:
            pages = super()._add_pages(_slice)
        finally:
            self.fpdf.compress = compress
        if compress:
            streams = [cast(PDFContentStream, page.contents) for page in pages]  # fpdf2's, holding the content as it is
            level = getattr(PDFContentStream, "_COMPRESSION_LEVEL", -1)  # as fpdf2 reads it (-1: zlib's default)
            for stream, data in zip(streams, compressed_in_parallel([stream._contents for stream in streams], level)):
                stream._contents, stream.filter, stream.length = data, FLATE, len(data)
        for page in pages:
            if type(page) is PDFPage:
                page.__class__ = QuickPage
            if type(page.contents) is PDFContentStream:
                page.contents.__class__ = QuickContentStream
        return pages

    def _add_document_outline(self) -> Any:
        outline, items = super()._add_document_outline()
        for item in items:
            if type(item) is OutlineItemDictionary:
                item.__class__ = QuickOutlineItem
        return outline, items
