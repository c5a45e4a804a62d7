"""Hostile PDFs from the security probe, generated at test time in a few lines each.

* `glyph_flood_pdf`: one page of 150,000 tiny glyphs (reportlab). Reading it held the parser for
  ~15 s at ~480 MB before reading moved into a limited child process.
* `page_flood_pdf`: a page tree of a million pages packed into compressed object streams with a
  cross-reference stream (PDF 1.5), about 1 MB; `declared` sets the root's /Count, so a file can
  also lie about its size. Building every page object first took two minutes and 4.7 GB.
* `text_object_flood_pdf`: one page with 400,000 separate text objects in one content stream.
* `line_flood_pdf`: 20 pages of 500 small lines each (10,000 lines, ~450,000 letters). It was read
  whole (11.7 s) before being refused for its size.

`reader_children()` lists the live resume-reader processes this test process started (from /proc).
"""

import os
import zlib
from pathlib import Path

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas


def glyph_flood_pdf(glyphs: int = 150_000) -> bytes:
    import io

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    per_line = 600
    text = pdf.beginText(2, 790)
    text.setFont("Helvetica", 1)
    text.setLeading(1.2)
    line = ("resume " * (per_line // 7 + 1))[:per_line]
    for _ in range(glyphs // per_line):
        text.textLine(line)
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


class _Writer:
    """The smallest PDF 1.5 writer: numbered objects, object streams and a cross-reference stream."""

    def __init__(self):
        self.chunks = [b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"]
        self.size = len(self.chunks[0])
        self.entries: dict[int, bytes] = {}  # object id -> 7-byte xref entry (type, field 2, field 3)

    def put(self, objid: int, body: bytes) -> None:
        self.entries[objid] = b"\x01" + self.size.to_bytes(4, "big") + b"\x00\x00"
        data = b"%d 0 obj\n" % objid + body + b"\nendobj\n"
        self.chunks.append(data)
        self.size += len(data)

    def put_stream(self, objid: int, header: bytes, data: bytes) -> None:
        packed = zlib.compress(data, 6)
        self.put(objid, b"<<" + header + b"/Length %d/Filter/FlateDecode>>\nstream\n" % len(packed) + packed
                 + b"\nendstream")

    def put_object_stream(self, objid: int, members: list[tuple[int, bytes]]) -> None:
        offsets, bodies, position = [], [], 0
        for index, (member, body) in enumerate(members):
            offsets.append(b"%d %d" % (member, position))
            bodies.append(body)
            position += len(body) + 1
            self.entries[member] = b"\x02" + objid.to_bytes(4, "big") + index.to_bytes(2, "big")
        head = b" ".join(offsets) + b"\n"
        self.put_stream(objid, b"/Type/ObjStm/N %d/First %d" % (len(members), len(head)),
                        head + b"\n".join(bodies) + b"\n")

    def finish(self, root: int) -> bytes:
        xref_id = max(self.entries) + 1
        self.entries[xref_id] = b"\x01" + self.size.to_bytes(4, "big") + b"\x00\x00"
        start = self.size
        table = b"".join(self.entries.get(i, b"\x00" * 7) for i in range(xref_id + 1))
        packed = zlib.compress(table, 6)
        self.chunks.append(
            b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %d 0 R/Length %d/Filter/FlateDecode>>\nstream\n"
            % (xref_id, xref_id + 1, root, len(packed)) + packed + b"\nendstream\nendobj\n"
            + b"startxref\n%d\n%%%%EOF\n" % start
        )
        return b"".join(self.chunks)


def page_flood_pdf(pages: int = 1_000_000, *, declared: int | None = None, per_node: int = 1000) -> bytes:
    """`pages` real, empty pages under `pages / per_node` intermediate nodes; the root says /Count `declared`."""
    writer = _Writer()
    nodes = -(-pages // per_node)
    first_node, first_page = 3, 3 + nodes
    writer.put(1, b"<</Type/Catalog/Pages 2 0 R>>")
    kids = b" ".join(b"%d 0 R" % (first_node + n) for n in range(nodes))
    writer.put(2, b"<</Type/Pages/Kids[%s]/Count %d>>" % (kids, pages if declared is None else declared))
    next_id = first_page + pages
    members: list[tuple[int, bytes]] = []
    for n in range(nodes):
        start = first_page + n * per_node
        count = min(per_node, pages - n * per_node)
        node_kids = b" ".join(b"%d 0 R" % page for page in range(start, start + count))
        members.append((first_node + n, b"<</Type/Pages/Parent 2 0 R/Count %d/Kids[%s]>>" % (count, node_kids)))
        if len(members) == 10 or n == nodes - 1:  # ten nodes to a stream, as a real writer might
            writer.put_object_stream(next_id, members)
            next_id, members = next_id + 1, []
    for n in range(nodes):
        start = first_page + n * per_node
        count = min(per_node, pages - n * per_node)
        page = b"<</Type/Page/Parent %d 0 R/MediaBox[0 0 612 792]>>" % (first_node + n)
        writer.put_object_stream(next_id, [(start + i, page) for i in range(count)])
        next_id += 1
    return writer.finish(root=1)


def text_object_flood_pdf(objects: int = 400_000) -> bytes:
    """One page whose content stream holds `objects` text objects of one glyph each."""
    writer = _Writer()
    writer.put(1, b"<</Type/Catalog/Pages 2 0 R>>")
    writer.put(2, b"<</Type/Pages/Kids[3 0 R]/Count 1>>")
    writer.put(3, b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
                  b"/Resources<</Font<</F1 5 0 R>>>>>>")
    ops = b"".join(b"BT /F1 1 Tf %d %d Td (x) Tj ET\n" % (i % 600, (i // 600) % 790) for i in range(objects))
    writer.put_stream(4, b"", ops)
    writer.put(5, b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")
    return writer.finish(root=1)


def line_flood_pdf(pages: int = 20, lines_per_page: int = 500, *, size: float = 1) -> bytes:
    """`pages` pages of `lines_per_page` lines of 45 characters in `size`-point type (reportlab)."""
    import io

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    for page in range(pages):
        text = pdf.beginText(10, 785)
        text.setFont("Helvetica", size)
        text.setLeading(size * 1.5)
        for line in range(lines_per_page):
            text.textLine(f"Page {page + 1:02d} line {line + 1:03d} built a service fast")
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def reader_children() -> list[Path]:
    """The /proc folders of live (not zombie) resume-reader processes started by this process."""
    from resumes.reading import sandbox

    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and sandbox.CHILD_MODULE.encode() in command:
            found.append(stat.parent)
    return found
