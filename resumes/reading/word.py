"""The text of a Word document (.docx) in document order.

python-docx's `Document.paragraphs` skips tables, text boxes and the page header, and gives list
items without their bullets; resume templates use all of these. So the body XML is walked directly:
paragraphs (list items get a bullet), tables row by row (a row of one-line cells becomes one line
with tabs between the cells; a row of multi-line cells — a two-column layout table — is read cell
after cell), text boxes after the paragraph that anchors them (their VML fallback copy is skipped),
and the first page header before the body (templates often put the name and contact details there).
Deleted tracked changes and field codes are not text.
"""

import io
import re
import time
import zipfile

import docx
from lxml import etree

from resumes.reading.errors import ResumeRejected

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = {W + "del", W + "delText", W + "instrText", W + "rPr", W + "pPr", MC + "Fallback", W + "footnoteReference"}
_PAGE_NUMBER_RE = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE)
_CHARS_PER_PAGE = 3000  # used only when the document does not record its page count
_MAX_BODY_XML = 25 * 1024 * 1024  # a resume's document.xml is well under 1 MB; lxml holds all of it in memory


def read_docx(data: bytes, *, max_pages: int, max_unpacked: int, deadline: float) -> tuple[str, int]:
    """(text, pages) of a .docx. Raises ResumeRejected (too_large, corrupt, too_many_pages, timeout)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            body_size = archive.getinfo("word/document.xml").file_size
            app_xml = archive.read("docProps/app.xml") if "docProps/app.xml" in archive.namelist() else b""
    except Exception as exc:  # BadZipFile, zlib.error, NotImplementedError (an unknown compression)…
        raise ResumeRejected("corrupt") from exc
    if unpacked > max_unpacked or body_size > _MAX_BODY_XML:
        # A small zip that unpacks to gigabytes is an attack, not a resume.
        raise ResumeRejected(
            "too_large",
            f"This document unpacks to more than {max_unpacked // (1024 * 1024)} MB, far more than a resume needs. "
            "Save it again as PDF or .docx without embedded files and upload that.",
        )
    declared = _declared_pages(app_xml)
    if declared and declared > max_pages:
        raise ResumeRejected(
            "too_many_pages",
            f"This document has {declared} pages; we read resumes of up to {max_pages} pages. "
            "Upload your resume on its own, without a cover letter or attachments.",
        )
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        header_lines: list[str] = []
        if document.sections:
            header = document.sections[0].header
            if not header.is_linked_to_previous:
                header_lines = [line for line in _block_lines(header._element) if not _PAGE_NUMBER_RE.match(line.strip())]
        body = _block_lines(document.element.body)
        if time.monotonic() > deadline:
            raise ResumeRejected("timeout")
    except ResumeRejected:
        raise
    except Exception as exc:
        raise ResumeRejected("corrupt") from exc
    body_set = {line.strip() for line in body}
    lines = [line for line in header_lines if line.strip() not in body_set] + ([""] if header_lines else []) + body
    text = "\n".join(lines)
    pages = declared or max(1, -(-len(text) // _CHARS_PER_PAGE))
    return text, pages


def _declared_pages(app_xml: bytes) -> int | None:
    match = re.search(rb"<(?:\w+:)?Pages>(\d+)</(?:\w+:)?Pages>", app_xml)
    return int(match.group(1)) if match else None


def _block_lines(container: etree._Element) -> list[str]:
    lines: list[str] = []
    for child in container:
        tag = child.tag
        if tag == W + "p":
            lines.extend(_paragraph_lines(child))
        elif tag == W + "tbl":
            lines.extend(_table_lines(child))
        elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
            lines.extend(_block_lines(child))
    return lines


def _paragraph_lines(paragraph: etree._Element) -> list[str]:
    parts: list[str] = []
    boxes: list[etree._Element] = []
    _collect_text(paragraph, parts, boxes)
    text = "".join(parts)
    lines = text.split("\n")
    if _is_list_item(paragraph) and lines and lines[0].strip():
        lines[0] = "• " + lines[0].lstrip()
    for box in boxes:
        lines.extend(_block_lines(box))
    return [line for line in lines if line.strip()] or [""]


def _collect_text(element: etree._Element, parts: list[str], boxes: list[etree._Element]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "txbxContent":
            boxes.append(child)
        else:
            _collect_text(child, parts, boxes)


def _is_list_item(paragraph: etree._Element) -> bool:
    properties = paragraph.find(W + "pPr")
    if properties is None:
        return False
    if properties.find(W + "numPr") is not None:
        return True
    style = properties.find(W + "pStyle")
    return style is not None and "list" in (style.get(W + "val") or "").lower()


def _table_lines(table: etree._Element) -> list[str]:
    lines: list[str] = []
    for row in table:
        if row.tag != W + "tr":
            continue  # nested tables' rows are read inside their cell
        cells = [cell for cell in row if cell.tag == W + "tc" or cell.tag == W + "sdt"]
        cell_lines = []
        for cell in cells:
            content = cell.find(W + "sdtContent") if cell.tag == W + "sdt" else cell
            found = [line for line in _block_lines(content if content is not None else cell) if line.strip()]
            if found:
                cell_lines.append(found)
        if not cell_lines:
            continue
        if all(len(found) == 1 for found in cell_lines):
            lines.append("\t".join(found[0] for found in cell_lines))
        else:
            for found in cell_lines:
                lines.extend(found)
                lines.append("")
    return lines
