"""The text of a PDF in reading order.

pdfplumber's own `extract_text()` reads a page row by row across its whole width, so a two-column
resume comes out with every line of the left column glued to the line beside it on the right. Here
the words of a page are laid out again:

1. words are grouped into rows by vertical overlap;
2. a *gutter* is looked for: a vertical band of whitespace at least `MIN_GUTTER` points wide that
   no word crosses over a run of consecutive rows covering most of the page (a full-width header
   above it or a footer below it may cross it), with real text on both sides;
3. when there is one, the rows above are read first, then the left column, then the right column,
   then the rows below; each part is searched again (a column can hold a table, a page can have
   three columns);
4. right-aligned dates and locations ("Acme Corp ........ 2019 – 2021") also leave a band of
   whitespace, so a gutter whose narrow side is mostly dates or places, or whose narrow side only
   ever sits on rows shared with the other side in short runs, is a tab stop, not a column;
5. in each part, words on a row become a line (a wide gap becomes a tab, which later parsing reads
   as a column break), and lines that are only wrapped (a bullet's hanging indent, a paragraph that
   ran to the margin) are joined back into one line.
"""

import contextlib
import io
import itertools
import re
import statistics
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from math import ceil, floor

import pdfplumber
import pdfplumber.page
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from resumes.reading.errors import NoTextLayer, ResumeRejected
from resumes.reading.pdfwords import DEFAULT_WORD_GAP, RawWord, dedupe, overprinted, page_chars, word_gap_ratio, words_of
from resumes.reading.sections import heading_of
from resumes.reading.text import cid_ratio, starts_lowercase

MAX_LETTERS = 200_000  # a 20-page resume holds about 60,000; reading stops at the first page past this
MIN_GUTTER = 8  # points; a space between words is about 3 at 10 pt
_MIN_WINDOW_ROWS = 5
_BULLET_CHARS = set("•●▪■◦○◆◇►▸‣⁃∙·➢➤✓✔❖♦-–*") | {chr(c) for c in range(0xE000, 0xF900)}
_DATEISH_RE = re.compile(
    r"\b(?:19|20)\d{2}\b|\b(?:present|current|remote)\b|^[A-Z][\w.'\- ]*,\s*[A-Z]{2}$"
    r"|^[A-Z][a-z]+(?: [A-Z][a-z]+)*, [A-Z][a-z]+$",
    re.IGNORECASE,
)


_ENDS_WITH_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\)?$|\b(?:present|current|now)$", re.IGNORECASE)
_STARTS_WITH_DATES_RE = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?:19|20)\d\d\s*[-–—]", re.IGNORECASE
)
_CONNECTOR_END_RE = re.compile(r"(?:,|\b(?:and|or|of|the|to|with|in|for|a|an|on|by|from|at|&))$", re.IGNORECASE)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    style: str = ""  # "b" bold, "i" italic, "bi" both, "" upright: read from the font's name


# Font names say the style: "CMBX10", "Arial-BoldMT", "LMRoman10-Italic", "CMTI10", "Helvetica-Oblique".
# Computer Modern Sans (moderncv's default) names its bold "CMSSBX10" and its italic "CMSSI10"; EC fonts "SFSX1000", "SFSI1000".
_BOLD_FONT_RE = re.compile(r"bold|black|heavy|semibold|demibold|(?:cm|sf|ec|lm)(?:ss|tt)?bx|cmb\d|cmssdc|sf(?:sx|bx)\d",
                           re.IGNORECASE)
_ITALIC_FONT_RE = re.compile(
    r"italic|oblique|slant|(?:cm|sf|ec)(?:ti|sl)\d|cmss(?:i|sl)\d|cmbxti|cmitt|sf(?:si|so)\d|-it$|-it[,-]|mediumit|lightit",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def font_style(fontname: str) -> str:
    return ("b" if _BOLD_FONT_RE.search(fontname) else "") + ("i" if _ITALIC_FONT_RE.search(fontname) else "")


_FIELD_PUNCTUATION = {",", ";", "|", "–", "—", "-"}


def _style_break(words: list["Word"]) -> int | None:
    """Where a bold field ends and an italic one begins in a cell that starts in bold: moderncv and its relatives
    write "Title, Employer, City" and "Degree, School, City" with the title in bold and the employer in italics
    (after the dates, when a column holds them), so the comma between them is a field break like a tab. The index of
    the first italic word, or None."""
    cell = next((index for index, word in enumerate(words[:6]) if "b" in word.style), None)
    if cell is None:
        return None
    for index, word in enumerate(words[cell + 1:cell + 9], start=cell + 1):
        if "b" in word.style:
            continue
        if word.text in _FIELD_PUNCTUATION:
            continue
        before = words[index - 1].text
        if word.style == "i" and (before.endswith(",") or before in _FIELD_PUNCTUATION):
            return index
        return None
    return None


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0

    def add(self, word: Word) -> None:
        if not self.words:
            self.top, self.bottom = word.top, word.bottom
        else:
            self.top, self.bottom = min(self.top, word.top), max(self.bottom, word.bottom)
        self.words.append(word)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def size(self) -> float:
        return max(word.size for word in self.words)

    @property
    def text(self) -> str:
        parts = [self.words[0].text]
        tab_gap = max(10.0, 1.5 * self.height)
        style_break = _style_break(self.words)
        for index, (previous, word) in enumerate(zip(self.words, self.words[1:], strict=False), start=1):
            gap = word.x0 - previous.x1
            if index == style_break:
                while parts and (parts[-1] in _FIELD_PUNCTUATION or parts[-1] == " "):
                    parts.pop()
                parts[-1] = parts[-1].rstrip(",;")
                parts.append("\t")
            elif gap > tab_gap:
                parts.append("\t")
            elif gap > 0.1 * (previous.size or 10.0):
                parts.append(" ")
            # else: touching words split only by a change of font ("Developer" in bold, "," in roman)
            parts.append(word.text)
        return "".join(parts)


@dataclass
class PdfText:
    text: str
    pages: int
    title: str = ""  # the most prominent line of the first page (largest type), usually the candidate's name
    links: list[str] = field(default_factory=list)  # web addresses the PDF links to (mailto:, tel:, https:)
    scanned: int = 0  # pages read by OCR (resumes/reading/scan.py) from a PDF with no text layer


def read_pdf(data: bytes, *, max_pages: int, deadline: float, time_limit: float, max_letters: int = MAX_LETTERS) -> PdfText:
    """Text of every page in reading order. Raises ResumeRejected (encrypted, corrupt, too_many_pages,
    too_large as soon as the pages read hold more than `max_letters`, timeout, no_text); no
    pdfminer/pdfplumber exception escapes."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFEncryptionError):
            raise ResumeRejected("encrypted") from exc
        raise ResumeRejected("corrupt") from exc
    except Exception as exc:
        raise ResumeRejected("corrupt") from exc
    try:
        return _read_pages(pdf, max_pages=max_pages, deadline=deadline, time_limit=time_limit, max_letters=max_letters)
    except ResumeRejected:
        raise
    except Exception as exc:
        # pdfminer raises whatever a damaged file provokes (TypeError, KeyError, zlib.error, PSEOF…).
        raise ResumeRejected("corrupt") from exc
    finally:
        # Not `pdf.close()`: it walks `pdf.pages`, building every page object of the file. The pages
        # read were closed one by one; only the stream is left.
        with contextlib.suppress(Exception):
            pdf.stream.close()


def declared_page_count(pdf: pdfplumber.PDF) -> int | None:
    """The /Count the page tree's root declares, read without building any page (None when absent)."""
    try:
        root = resolve1(pdf.doc.catalog.get("Pages"))
        count = resolve1(root.get("Count")) if isinstance(root, dict) else None
    except Exception:  # noqa: BLE001 - a damaged tree is found out when the pages are read
        return None
    return count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else None


def first_pages(pdf: pdfplumber.PDF, limit: int) -> list[pdfplumber.page.Page]:
    """At most `limit` pages, built one by one from the page tree. `pdf.pages` would build every page
    object of the file first (a million-page file took minutes and gigabytes before any check)."""
    pages: list[pdfplumber.page.Page] = []
    doctop = 0.0
    for number, page_obj in enumerate(itertools.islice(PDFPage.create_pages(pdf.doc), limit), start=1):
        page = pdfplumber.page.Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        doctop += page.height
        pages.append(page)
    return pages


def _too_many_pages(count: int | None, max_pages: int) -> ResumeRejected:
    has = f"{count:,} pages" if count is not None else f"more than {max_pages} pages"
    return ResumeRejected(
        "too_many_pages",
        f"This PDF has {has}; we read resumes of up to {max_pages} pages. "
        "Upload your resume on its own, without a cover letter or attachments.",
    )


def _too_many_letters(max_letters: int, page: int) -> ResumeRejected:
    return ResumeRejected(
        "too_large",
        f"This PDF holds more than {max_letters:,} letters by its page {page}, far more than a resume. "
        "Upload your resume on its own, without a cover letter or attachments.",
    )


def _read_pages(pdf: pdfplumber.PDF, *, max_pages: int, deadline: float, time_limit: float, max_letters: int) -> PdfText:
    declared = declared_page_count(pdf)
    if declared is not None and declared > max_pages:
        raise _too_many_pages(declared, max_pages)
    pages = first_pages(pdf, max_pages + 1)  # a file whose /Count lies is caught at one page over
    if not pages:
        raise ResumeRejected("corrupt")
    if len(pages) > max_pages:
        raise _too_many_pages(None, max_pages)
    chunks: list[str] = []
    title = ""
    links: list[str] = []
    gap_ratio: float | None = None
    letters = 0
    for number, page in enumerate(pages):
        if time.monotonic() > deadline:
            raise _timeout(time_limit)
        try:
            chars = page_chars(page)
            letters += len(chars)
            if letters > max_letters:  # refused at the first page over the limit, not after reading every page
                raise _too_many_letters(max_letters, number + 1)
            if gap_ratio is None and chars:
                gap_ratio = word_gap_ratio(chars)
            if overprinted(chars):
                chars = dedupe(chars)  # costs as much as reading the page, so only then
            raw_words = words_of(chars, gap_ratio=gap_ratio or DEFAULT_WORD_GAP)
            left, right = float(page.bbox[0]), float(page.bbox[2])
            links.extend(_page_links(page))
        finally:
            page.close()  # drop the page's cached objects: memory stays flat over many pages
        text, page_title = lay_out_page([_word(w) for w in raw_words if w.text.strip()], left=left,
                                        top=float(page.bbox[1]), right=right, bottom=float(page.bbox[3]))
        if number == 0:
            title = page_title
        chunks.append(text)
    if time.monotonic() > deadline:
        raise _timeout(time_limit)
    text = "\n\n".join(chunk for chunk in chunks if chunk.strip())
    if not text.strip():
        raise NoTextLayer()
    if cid_ratio(text) > 0.3:
        raise ResumeRejected(
            "no_text",
            "The text in this PDF is stored in a way we cannot read (its fonts hide the letters). "
            "Export it to PDF again from your editor, or paste your resume text instead.",
        )
    return PdfText(text=text, pages=len(pages), title=title, links=list(dict.fromkeys(links)))


def lay_out_page(words: list[Word], *, left: float, top: float, right: float, bottom: float) -> tuple[str, str]:
    """(text in reading order, its most prominent line) of one page's words, without page numbers and running
    headers; a scan's words (`ocrwords.py`) are laid out by this too."""
    words = _without_running_lines(words, top=top, bottom=bottom)
    return "\n".join(page_lines(words, left=left, right=right)), prominent_line(words)


def _page_links(page) -> list[str]:
    """The addresses a page links to: LaTeX templates link their icons ("\\faGithub dokafor" → github.com/dokafor)."""
    found = []
    try:
        annotations = page.hyperlinks
    except Exception:  # a damaged annotation must not cost the page's text
        return []
    for annotation in annotations:
        uri = annotation.get("uri")
        if isinstance(uri, bytes):
            uri = uri.decode("latin-1", "replace")
        if isinstance(uri, str) and re.match(r"^(?:https?://|mailto:|tel:)\S+$", uri.strip(), re.IGNORECASE):
            found.append(uri.strip()[:300])
    return found


_LONE_CID_RE = re.compile(r"^\(cid:\d+\)$")
_PAGE_NUMBER_RE = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,3})?$", re.IGNORECASE)
# What running headers and footers say: "March 3, 2025 · Jane Doe · Résumé · 1", "Last updated on 3rd March 2025".
_RUNNING_RE = re.compile(
    r"\b(?:r[ée]sum[ée]|curriculum vitae|cv|page\s+\d+|last\s+updated|updated\s+on|updated:)(?!\w)", re.IGNORECASE
)
_UPDATED_RE = re.compile(r"\b(?:last\s+updated|updated\s+on|page\s+\d+)\b", re.IGNORECASE)


def _without_running_lines(words: list[Word], *, top: float, bottom: float) -> list[Word]:
    """Drop page numbers ("Page 1 of 2", "- 2 -", "1/2") and running headers and footers ("March 3, 2025 · Jane
    Doe · Résumé · 1", "Last updated on 3rd March 2025") in the top or bottom tenth of the page; they are not
    the candidate's data. Each stretch of a line is judged alone (a name may share its row with a "last updated"
    note in the corner). A stretch at the top that only says "Résumé" is kept unless set smaller than the body."""
    margin = 0.1 * (bottom - top)
    body_size = statistics.median(w.size for w in words) if words else 0.0
    # Only rows near the edges can be running lines: group those alone (the bottom band is wider, for the rule
    # about the last line below).
    edge = [w for w in words if w.top < top + margin or w.bottom > bottom - 1.5 * margin]
    dropped = set()
    lines = group_lines(edge)
    for index, line in enumerate(lines):
        at_top, at_bottom = line.top < top + margin, line.bottom > bottom - margin
        last = index == len(lines) - 1 and line.top > top + margin
        if last and (index == 0 or line.top - lines[index - 1].bottom > 2 * line.height):
            at_bottom = True  # the page's last line, set apart from the text: a footer even above the last tenth
        if not (at_top or at_bottom):
            continue
        whole = line.text.replace("\t", " ").strip()
        if _PAGE_NUMBER_RE.match(whole) or (at_bottom and _RUNNING_RE.search(whole)):
            dropped.update(id(word) for word in line.words)
            continue
        for stretch in _stretches(line):
            text = " ".join(w.text for w in stretch)
            small = max(w.size for w in stretch) < body_size - 0.5
            if _UPDATED_RE.search(text) or (_RUNNING_RE.search(text) and small):
                dropped.update(id(word) for word in stretch)
    return [word for word in words if id(word) not in dropped] if dropped else words


def _stretches(line: Line) -> list[list[Word]]:
    """The parts of a row separated by wide gaps (a tab stop, a column)."""
    parts: list[list[Word]] = [[line.words[0]]]
    for previous, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - previous.x1 > max(10.0, 1.5 * min(previous.size or 10.0, word.size or 10.0)):
            parts.append([])
        parts[-1].append(word)
    return parts


_ICON_FONT_RE = re.compile(r"fontawesome|marvosym|academicons|wasy|dingbat|zapf|symbola|icons?\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _icon_font(fontname: str) -> bool:
    return _ICON_FONT_RE.search(fontname) is not None


def _word(raw: RawWord) -> Word:
    # A glyph of an icon font (moderncv's and Awesome-CV's phone, envelope and GitHub marks) reads as a random
    # letter ("I +351…", "§ dokafor"); it is a separator, like a bullet.
    text = "•" if _icon_font(raw.fontname) else _glyph(raw.text)
    return Word(text, raw.x0, raw.x1, raw.top, raw.bottom, raw.size or 0.0, font_style(raw.fontname))


# TeX's OT1 fonts have no "ä": they print "¨" and then "a" beneath it. Spacing accents before a letter
# become that letter's combining accent ("Sveav¨agen" → "Sveavägen").
_SPACING_ACCENTS = {"¨": "\u0308", "´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "^": "\u0302", "˜": "\u0303",
                    "~": "\u0303", "¸": "\u0327", "ˇ": "\u030c", "˘": "\u0306", "˚": "\u030a", "¯": "\u0304",
                    "˝": "\u030b", "˛": "\u0328"}
_ACCENT_RE = re.compile("([" + re.escape("".join(_SPACING_ACCENTS)) + r"])([^\W\d_])")


def _glyph(text: str) -> str:
    # A glyph standing alone that its font cannot map to a letter is, in practice, a bullet or an icon
    # (phone, envelope); read it as a bullet rather than dropping the line's list marker.
    if text.startswith("(cid:") and _LONE_CID_RE.match(text):
        return "•"
    if _ACCENT_RE.search(text):
        text = unicodedata.normalize("NFC", _ACCENT_RE.sub(lambda m: m.group(2) + _SPACING_ACCENTS[m.group(1)], text))
    return text


def _timeout(limit: float) -> ResumeRejected:
    return ResumeRejected(
        "timeout",
        f"This file took longer than {limit:g} second{'' if limit == 1 else 's'} to read, which usually means it is very "
        "complex or damaged. Export it to PDF again, or paste your resume text instead.",
    )


# --- Layout -----------------------------------------------------------------------------------

def _at_text_height(word: Word, typical: float) -> Word:
    text = word.text.strip()
    if len(text) != 1 or text.isalnum() or word.bottom - word.top <= 1.6 * typical:
        return word
    middle = (word.top + word.bottom) / 2
    return Word(word.text, word.x0, word.x1, middle - typical / 2, middle + typical / 2, word.size, word.style)


def group_lines(words: list[Word]) -> list[Line]:
    """Words on the same row (overlapping vertically by at least half the smaller height), top to bottom. A separator
    glyph set far larger than the text (a 25 pt "·" between 10 pt words) counts at the text's height, so its tall box
    does not chain two rows into one."""
    lines: list[Line] = []
    heights = sorted(w.bottom - w.top for w in words)
    typical = heights[len(heights) // 2] if heights else 0.0
    if typical > 0:
        words = [_at_text_height(word, typical) for word in words]
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            line = lines[-1]
            overlap = min(line.bottom, word.bottom) - max(line.top, word.top)
            if overlap >= 0.5 * min(line.bottom - line.top, word.bottom - word.top):
                line.add(word)
                continue
        line = Line()
        line.add(word)
        lines.append(line)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def page_lines(words: list[Word], *, left: float, right: float) -> list[str]:
    """Lines of one page in reading order; a blank line separates columns and widely spaced blocks."""
    out: list[str] = []
    for block in reading_blocks(words, left=left, right=right):
        if out and out[-1]:
            out.append("")
        out.extend(block_lines(block))
    return out


# --- Labels beside the text ---------------------------------------------------------------------

_MIN_LABEL_BAND = 5  # points of whitespace between a label column and the text
_LABEL_ZONE = (0.03, 0.45)  # where, across the block, a label column may end
_INCOMPLETE_DATE_RE = re.compile(
    r"(?:[-–—‐‒]|\bto|\bsince|\bfrom)$|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.IGNORECASE
)


def gather_labels(words: list[Word], *, rows: list[Line] | None = None) -> list[Word]:
    """Words in a narrow column of labels left of the text, moved onto the line they label.

    moderncv and its kin set dates in a column left of each entry, wrapped over as many rows as they
    need ("September" / "2017 –" / "February" / "2019" beside "Junior Web Developer, Uniplaces" and its
    bullets); Google Docs' side-heading templates set "Experience" beside the first line of its
    content. Read row by row, the date's pieces land in the bullets. A label column is a band of
    whitespace, in the left part of the block, that most rows do not cross, with short labels left of
    it that mostly sit on rows with text right of it. A label's rows are joined while the date they
    spell is unfinished ("June 2022 –" / "Present") or while the rows beside them hold no text, and
    the whole label is set on its first row. Rows that cross the band (a name, a heading) keep their words.
    Returns `words` itself when nothing moved.
    """
    rows = group_lines(words) if rows is None else rows
    if len(rows) < _MIN_WINDOW_ROWS:
        return words
    band = _label_band(rows)
    if band is None:
        return words
    x0, x1 = band
    clusters: list[list[tuple[Line, list[Word]]]] = []
    for row in rows:
        if _crosses(row, x0, x1):
            continue  # a name or a heading across the band: not a labelled row
        labels = [w for w in row.words if w.x1 <= x0 + 1.0]
        if not labels or all(w.text in _BULLET_CHARS for w in labels):
            continue
        has_text = len(labels) < len(row.words)
        if not has_text and heading_of(" ".join(w.text for w in labels)) is not None:
            clusters.append([])  # a section heading at the margin ends the label above it and is none itself
            continue
        if clusters and clusters[-1]:
            last_row, last_labels = clusters[-1][-1]
            text = " ".join(w.text for _, ws in clusters[-1] for w in ws)
            close = row.top - last_row.bottom <= 0.8 * min(row.height, last_row.height)
            piece = [w.text for w in labels]
            short = len(piece) <= 3 and not piece[-1].endswith(".")  # a date's end, not a line of description
            if close and ((not has_text and short) or _INCOMPLETE_DATE_RE.search(text)):
                clusters[-1].append((row, labels))
                continue
        clusters.append([(row, labels)])
    moved: dict[int, Word | None] = {}  # word → the label that replaces it, or None when it was folded into one
    for cluster in clusters:
        if len(cluster) < 2:
            continue
        anchor, anchor_labels = cluster[0]
        parts = [w for _, ws in cluster for w in ws]
        label = Word(" ".join(w.text for w in parts), min(w.x0 for w in anchor_labels), max(w.x1 for w in anchor_labels),
                     anchor.top, anchor.bottom, max(w.size for w in anchor_labels))
        for index, word in enumerate(parts):
            moved[id(word)] = label if index == 0 else None
    if not moved:
        return words
    kept = (moved.get(id(w), w) for w in words)
    return [w for w in kept if w is not None]


def _crosses(row: Line, x0: float, x1: float) -> bool:
    return any(min(w.x1, x1) - max(w.x0, x0) > 1.0 for w in row.words)


def _label_band(rows: list[Line]) -> tuple[float, float] | None:
    """(x0, x1) of the whitespace right of a label column, or None."""
    left = min(row.x0 for row in rows)
    right = max(row.x1 for row in rows)
    width = right - left
    if width < 150:
        return None
    origin = floor(left)
    cover = [0] * (ceil(right) - origin + 2)
    for row in rows:
        for word in row.words:
            if word.text in _BULLET_CHARS:
                continue  # a list's bullet hangs into the whitespace before its text
            cover[max(0, floor(word.x0) - origin)] += 1
            cover[ceil(word.x1) - origin] -= 1
    running = 0
    for x in range(len(cover)):
        running += cover[x]
        cover[x] = running
    limit = max(1, int(0.2 * len(rows)))
    low, high = (round(fraction * width) for fraction in _LABEL_ZONE)
    best: tuple[int, int] | None = None
    start = None
    for x in range(low, min(high, len(cover) - 1) + 1):
        if cover[x] <= limit:
            start = x if start is None else start
            continue
        if start is not None and x - start >= _MIN_LABEL_BAND and (best is None or x - start > best[1] - best[0]):
            best = (start, x)
        start = None
    if best is None:
        return None
    x0, x1 = origin + best[0], origin + best[1]
    # Labels a little longer than most ("Sep 2018 – Jun") end inside the band: its left edge is where they end.
    x0 = max([x0, *(w.x1 for row in rows for w in row.words if w.x0 < x0 < w.x1 < x1 - _MIN_LABEL_BAND)])
    labelled = beside_text = 0
    for row in rows:
        if _crosses(row, x0, x1):
            continue
        labels = [w for w in row.words if w.x1 <= x0 + 1.0 and w.text not in _BULLET_CHARS]
        if not labels:
            continue
        if len(labels) > 6:
            return None  # sentences, not labels
        beside = any(w.x0 >= x1 - 1.0 for w in row.words)
        if not beside and heading_of(" ".join(w.text for w in labels)) is not None:
            continue  # "Experience" at the margin over its dated entries: a section heading, not a label
        labelled += 1
        beside_text += beside
    if labelled < 3 or beside_text < 0.5 * labelled:
        return None  # headings in a margin, not labels beside text
    return float(x0), float(x1)


def reading_blocks(words: list[Word], *, left: float, right: float, depth: int = 0) -> list[list[Word]]:
    """The words split into blocks in reading order: above a gutter, its left column, its right, below."""
    if not words:
        return []
    rows = group_lines(words)
    if depth >= 4 or len(rows) < _MIN_WINDOW_ROWS:
        return [words]
    split = find_gutter(rows, left=left, right=right)
    if split is None:
        return [words]
    first, last, gap_start, gap_end = split
    above = [w for row in rows[:first] for w in row.words]
    window = [w for row in rows[first:last + 1] for w in row.words]
    left_words = [w for w in window if w.x1 <= gap_start + 0.5]
    right_words = [w for w in window if w.x0 >= gap_end - 0.5]
    below = [w for row in rows[last + 1:] for w in row.words]
    blocks: list[list[Word]] = []
    for part in (above, left_words, right_words, below):
        if part:
            blocks.extend(reading_blocks(
                part, left=min(w.x0 for w in part), right=max(w.x1 for w in part), depth=depth + 1
            ))
    return blocks


def _row_mask(row: Line, origin: int) -> int:
    mask = 0
    for word in row.words:
        start = max(0, floor(word.x0) - origin)
        end = max(start + 1, ceil(word.x1) - origin)
        mask |= ((1 << (end - start)) - 1) << start
    return mask


_ZERO_RUN = re.compile(f"0{{{MIN_GUTTER},}}")


def _gaps(mask: int, low: float, high: float) -> list[tuple[int, int]]:
    """Runs of empty points wider than MIN_GUTTER with ink on both sides, centred between low and high."""
    bits = format(mask, "b")[::-1]  # index = points from the origin
    start = bits.find("1")
    if start < 0:
        return []
    return [
        (match.start(), match.end())
        for match in _ZERO_RUN.finditer(bits, start)
        if low <= (match.start() + match.end()) / 2 <= high
    ]


def find_gutter(rows: list[Line], *, left: float, right: float) -> tuple[int, int, float, float] | None:
    """(first row, last row, gutter x0, gutter x1) of a column gutter, or None for a single column."""
    width = right - left
    if width < 150:
        return None
    origin = floor(left)
    masks = [_row_mask(row, origin) for row in rows]
    low, high = 0.12 * width, 0.88 * width
    count = len(rows)
    best: tuple[int, int, list[tuple[int, int]]] | None = None
    for first in range(count):
        if best is not None and best[1] - best[0] + 1 >= count - first:
            break  # no later start can make a longer run
        acc, last_good = 0, None
        for last in range(first, count):
            acc |= masks[last]
            gaps = _gaps(acc, low, high)
            if not gaps:
                break
            last_good = (last, gaps)
        if last_good is not None and (best is None or last_good[0] - first > best[1] - best[0]):
            best = (first, last_good[0], last_good[1])
    if best is None:
        return None
    first, last, gaps = best
    for end, end_gaps in _narrowing_windows(masks, first, last, gaps, low=low, high=high):
        for gap_start, gap_end in sorted(end_gaps, key=lambda g: g[0] - g[1]):
            x0, x1 = origin + gap_start, origin + gap_end
            if _is_column_gutter(rows, first, end, x0, x1, width):
                return first, end, float(x0), float(x1)
    return None


def _narrowing_windows(masks: list[int], first: int, last: int, gaps: list[tuple[int, int]], *, low: float,
                       high: float) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """The longest window first, then, should its gaps not be a gutter, each shorter window that ends where other gaps
    were still open: a column gutter that closes a row before a gap elsewhere does ("Personal Projects" under a grid
    of skills beside a column of soft skills) is found over the rows it runs through."""
    yield last, gaps
    acc, history = 0, []
    for row in range(first, last + 1):
        acc |= masks[row]
        history.append(_gaps(acc, low, high))
    seen = {gap[1] for gap in gaps}
    for offset in range(len(history) - 2, -1, -1):
        ends = {gap[1] for gap in history[offset]}
        if ends - seen:
            seen |= ends
            yield first + offset, history[offset]


def _is_column_gutter(rows: list[Line], first: int, last: int, x0: float, x1: float, width: float) -> bool:
    window = rows[first:last + 1]
    if len(window) < _MIN_WINDOW_ROWS:
        return False
    extent = rows[-1].bottom - rows[0].top
    if window[-1].bottom - window[0].top < 0.5 * extent and len(window) < 0.5 * len(rows):
        return False  # a table or a tab stop in part of the page, not columns
    sides = []
    for test in (lambda w: w.x1 <= x0 + 0.5, lambda w: w.x0 >= x1 - 0.5):
        per_row = [[w for w in row.words if test(w)] for row in window]
        side_words = [w for ws in per_row for w in ws]
        if sum(1 for ws in per_row if ws) < 3:
            return False
        if max(w.x1 for w in side_words) - min(w.x0 for w in side_words) < max(60.0, 0.12 * width):
            return False  # bullets in a margin, a column of numbers
        sides.append(per_row)
    left_rows, right_rows = sides
    narrow = left_rows if sum(map(bool, left_rows)) <= sum(map(bool, right_rows)) else right_rows
    wide = right_rows if narrow is left_rows else left_rows
    narrow_texts = [" ".join(w.text for w in ws) for ws in narrow if ws]
    if sum(1 for text in narrow_texts if _DATEISH_RE.search(text)) >= 0.5 * len(narrow_texts):
        return False  # right-aligned dates or places beside each entry
    both = [bool(a) and bool(b) for a, b in zip(narrow, wide, strict=True)]
    alone = sum(1 for a, b in zip(narrow, wide, strict=True) if a and not b)
    # A tab stop is part of its line: both sides sit on one baseline. Columns with their own leading
    # drift apart, even where their rows overlap.
    shared = [
        abs(max(w.bottom for w in a) - max(w.bottom for w in b)) <= 1.5 for a, b in zip(narrow, wide, strict=True) if a and b
    ]
    if shared and sum(shared) < 0.8 * len(shared):
        return True
    runs, current = [], 0
    for flag in both:
        if flag:
            current += 1
        elif current:
            runs.append(current)
            current = 0
    if current:
        runs.append(current)
    # When the narrow side only ever shares a row with the wide one, in short runs, it is a tab stop.
    return not (runs and alone < 0.25 * len(narrow_texts) and statistics.mean(runs) < 3)


def block_lines(words: list[Word]) -> list[str]:
    """The lines of one block, with labels set on the line they label (see `gather_labels`), wrapped lines joined
    and a blank line at wide vertical gaps."""
    lines = group_lines(words)
    gathered = gather_labels(words, rows=lines)
    vacated: list[tuple[float, float]] = []  # rows that held only a label's later pieces, now moved up
    if gathered is not words:
        kept = {id(w) for w in gathered}
        vacated = [(row.top, row.bottom) for row in lines if not any(id(w) in kept for w in row.words)]
        lines = group_lines(gathered)
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    left = min(line.x0 for line in lines)
    width = max(right - left, 1.0)
    out: list[str] = []
    paragraph: list[Line] = []
    for line in lines:
        if paragraph:
            previous = paragraph[-1]
            gap = line.top - previous.bottom
            height = min(previous.height, line.height)
            if _continues(paragraph, line, gap=gap, height=height, right=right, width=width):
                out[-1] = join_wrapped(out[-1], line.text)
                paragraph.append(line)
                continue
            emptied = any(previous.bottom <= top and bottom <= line.top for top, bottom in vacated)
            if gap > max(1.1 * height, 8.0) and not emptied:
                out.append("")  # a wide gap, unless it is only where a label's second row was
        out.append(line.text)
        paragraph = [line]
    return out


def _continues(paragraph: list[Line], line: Line, *, gap: float, height: float, right: float, width: float) -> bool:
    previous, head = paragraph[-1], paragraph[0]
    if gap > 0.9 * height or abs(line.size - previous.size) > 0.6:
        return False
    text, previous_text = line.text, previous.text
    if text[0] in _BULLET_CHARS or "\t" in text or "\t" in previous_text or previous_text.endswith((":", ".", "!", "?")):
        return False
    if text.isupper() and len(text.split()) <= 4:
        return False  # a heading
    if _STARTS_WITH_DATES_RE.match(text):
        return False  # "2013 – 2017 B.Tech. in …": the next entry, its dates set before it
    if previous.x1 < right - 0.2 * width:
        return False  # the line above stopped short of the margin: it ended there
    first = line.words[0]
    if previous.x1 + (first.x1 - first.x0) + 0.5 * height < right:
        return False  # the next line's first word would have fitted on this one: that line ended by choice
    if _ENDS_WITH_YEAR_RE.search(previous_text) and text[:1].isupper():
        return False  # "…, Erie Community College · May 2013" / "High School Diploma, …": one entry per line
    if head.words[0].text in _BULLET_CHARS and len(head.words) > 1:
        return abs(line.x0 - head.words[1].x0) <= 3.0  # the hanging indent of a bullet
    # Short lines that merely reach the edge of a narrow column are list items ("Python and Pandas" /
    # "Tableau and Looker"), not a wrapped sentence, unless the sentence visibly goes on.
    goes_on = starts_lowercase(text) or _CONNECTOR_END_RE.search(previous_text) is not None
    if len(previous.words) < 5 and not goes_on:
        return False
    return abs(line.x0 - head.x0) <= 3.0


_HYPHENATED_RE = re.compile(r"(?<![\w-])[^\W\d_]{4,}-$")


def join_wrapped(previous: str, text: str) -> str:
    """A line that wrapped, joined to the line before it; a word hyphenated at the margin ("deploy-" /
    "ment") is joined again, as pdftotext does, but not a compound ("in-" / "house", "end-to-" / "end")."""
    if _HYPHENATED_RE.search(previous) and text[:1].islower():
        return previous[:-1] + text
    return previous + " " + text


def prominent_line(words: list[Word]) -> str:
    """The line set in the largest type, when it stands out from the body text (≥ 1.15 × the median size)."""
    sized = [w for w in words if w.size > 0]
    if not sized:
        return ""
    median = statistics.median(w.size for w in sized)
    largest = max(w.size for w in sized)
    if largest < 1.15 * median:
        return ""
    top_words = [w for w in sized if w.size >= largest - 0.5]
    lines = group_lines(top_words)
    if not lines:
        return ""
    first = lines[0]
    # Small capitals: "I" at the full size, "SHWAK" a size smaller, on one row; the row's smaller capitals belong to it.
    beside = [w for w in sized if w.size >= 0.6 * largest and w.top < first.bottom and w.bottom > first.top]
    row = group_lines(beside)
    if len(row) == 1 and len(row[0].words) > len(first.words):
        first = row[0]
    if len(lines) > 1 and len(first.words) <= 2 and len(lines[1].words) <= 2 and abs(lines[1].x0 - first.x0) < 3 \
            and lines[1].top - first.bottom < 0.6 * first.height:
        return f"{first.text} {lines[1].text}".replace("\t", " ")  # a name set over two lines: "ANGELA" / "WHITFIELD"
    return first.text.replace("\t", " ")
