"""Reading a scanned PDF (pages that are only images) with Tesseract OCR, then with the same reader as any PDF.

A PDF with no text layer used to be refused. Here each of its first `OcrOptions.max_pages` pages is

1. rendered with pdfium (pypdfium2, already installed as a pdfplumber dependency) at `OCR_DPI` in grey, at most
   `MAX_PIXELS` pixels (a hostile page of 200 × 200 inches is rendered smaller, not at 3.6 gigapixels);
2. piped as a PNG to `tesseract - - tsv` (Debian's `tesseract-ocr`, English), which answers on stdout with a row per
   word: its box in pixels, the line Tesseract put it on, and how sure it is;
3. made into the reader's words by `ocrwords.py` (each word where it was seen, its type size worked out from its
   height, round bullets seen by their shape, specks dropped) and laid out by `pdf.lay_out_page`, like any text
   PDF's, so columns, gaps and sections are found the same way. Bold and italic are lost in OCR.

Tesseract's own PDF output was read here before: it sets all the words of one of its lines, which often runs across
both columns of a page, on one baseline at one size, and such a page was read line by line across both columns.

Nothing is written to disk (the reader's sandbox forbids it: RLIMIT_FSIZE=0), and Tesseract runs as a child of
the sandboxed reader, so it inherits its memory and CPU limits, is given the time left before the reader's
deadline, and is killed with the reader's process group (`sandbox.py`). OMP_THREAD_LIMIT=1 keeps it on one core.
Where Tesseract is not installed, or `RESUME_OCR_PAGES` is 0, a scan is refused with a sentence that says so.
"""

import contextlib
import io
import math
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass

from resumes.reading.errors import NoTextLayer, ResumeRejected
from resumes.reading.ocrwords import ocr_words
from resumes.reading.pdf import PdfText, lay_out_page, read_pdf
from resumes.reading.sections import heading_of
from resumes.reading.vocabulary import MAIL_WORDS

OCR_DPI = 300
MAX_PIXELS = 16_000_000  # a letter page at 300 DPI is 8.4 million
DEFAULT_OCR_PAGES = 4
CONTACT_LINES = 8  # the top of the first page, where the contact details are
PAGE_SEGMENTATION = "3"  # Tesseract's automatic layout analysis: measured best on two-column resumes (README)
TESSERACT_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "TESSDATA_PREFIX")


@dataclass(frozen=True)
class OcrOptions:
    tesseract: str  # the program's path; "" when OCR is off or not installed
    max_pages: int  # scanned pages read, from the first; the rest are left out (and the candidate told)
    segmentation: str = PAGE_SEGMENTATION  # Tesseract's --psm (evaluate_parsing --scanned --psm compares them)

    @property
    def available(self) -> bool:
        return bool(self.tesseract) and self.max_pages > 0


def find_tesseract(configured: str = "tesseract") -> str:
    """The Tesseract program's full path (`configured` as a path or a name on PATH), or "" when it is not there."""
    if not configured:
        return ""
    return shutil.which(configured) or ""


def ocr_unavailable() -> ResumeRejected:
    return ResumeRejected(
        "no_text",
        "This PDF looks like a scanned image, and this server cannot read scans (its text recognition is not "
        "installed). Paste your resume text instead.",
    )


def read_pdf_or_scan(data: bytes, *, max_pages: int, deadline: float, time_limit: float, max_letters: int,
                     ocr: OcrOptions) -> PdfText:
    """`pdf.read_pdf`, and for a PDF without a text layer the text Tesseract reads on its pages (`PdfText.scanned`
    says how many). Raises what `read_pdf` raises; a scan where OCR is off is refused as `no_text`."""
    try:
        return read_pdf(data, max_pages=max_pages, deadline=deadline, time_limit=time_limit, max_letters=max_letters)
    except NoTextLayer:
        if not ocr.available:
            raise ocr_unavailable() from None
    return read_scanned_pdf(data, ocr=ocr, deadline=deadline, time_limit=time_limit, max_letters=max_letters)


def read_scanned_pdf(data: bytes, *, ocr: OcrOptions, deadline: float, time_limit: float, max_letters: int) -> PdfText:
    """The text of a scanned PDF's first `ocr.max_pages` pages. Raises ResumeRejected: `timeout` when the deadline
    passes, `no_text` when no page gives any text, `corrupt` when pdfium cannot open it."""
    import pypdfium2 as pdfium  # only a scan needs it

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ResumeRejected("corrupt") from exc
    chunks: list[str] = []
    title = ""
    try:
        total = len(document)
        count = min(total, ocr.max_pages)
        for number in range(count):
            if time.monotonic() > deadline:
                raise _timeout(time_limit)
            try:
                image, dpi, size = _render(document, number)
            except pdfium.PdfiumError as exc:  # a damaged page pdfplumber passed over
                raise ResumeRejected("corrupt") from exc
            tsv = _recognise(image, dpi=dpi, ocr=ocr, deadline=deadline, time_limit=time_limit)
            del image
            words = ocr_words(tsv, dpi=dpi)
            if not words:
                continue  # a blank page, or a picture with no words
            if sum(len(word.text) for word in words) > max_letters:
                raise ResumeRejected(
                    "too_large", f"This scanned PDF holds more than {max_letters:,} letters on its page {number + 1}, "
                                 "far more than a resume. Upload your resume on its own.")
            width, height = size
            text, page_title = lay_out_page(words, left=0.0, top=0.0, right=width, bottom=height)
            if not text.strip():
                continue
            if not chunks:
                title = page_title
            chunks.append(tidy_ocr_text(text, first_page=not chunks))
    finally:
        with contextlib.suppress(Exception):
            document.close()
    if not chunks:
        raise ResumeRejected(
            "no_text", "This PDF looks like a scanned image, and we could not read any words in it. "
                       "Paste your resume text instead.")
    return PdfText(text="\n\n".join(chunks), pages=total, title=tidy_ocr_title(title), scanned=count)


def _render(document, number: int) -> tuple[bytes, int, tuple[float, float]]:
    """The page as a grey PNG at OCR_DPI, or at the resolution that keeps it under MAX_PIXELS; its dpi and size in
    points."""
    page = document[number]
    try:
        width, height = page.get_size()  # points
        dpi = OCR_DPI
        pixels = (width * dpi / 72) * (height * dpi / 72)
        if pixels > MAX_PIXELS:
            dpi = max(1, math.floor(dpi * math.sqrt(MAX_PIXELS / pixels)))
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", compress_level=1, dpi=(dpi, dpi))
        return out.getvalue(), dpi, (width, height)
    finally:
        page.close()


def _recognise(image: bytes, *, dpi: int, ocr: OcrOptions, deadline: float, time_limit: float) -> str:
    """Tesseract's TSV (each word's box, line and confidence) for one page image, read from stdin and written to
    stdout."""
    environment = {name: os.environ[name] for name in TESSERACT_ENVIRONMENT if name in os.environ}
    environment["OMP_THREAD_LIMIT"] = "1"
    command = [ocr.tesseract, "-", "-", "-l", "eng", "--psm", ocr.segmentation, "--dpi", str(dpi),
               "tsv"]
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timeout(time_limit)
    try:
        done = subprocess.run(command, input=image, capture_output=True, timeout=remaining, env=environment,  # noqa: S603
                              close_fds=True, check=False)
    except subprocess.TimeoutExpired as exc:
        raise _timeout(time_limit) from exc
    except OSError as exc:  # removed since the check, or not executable
        raise ocr_unavailable() from exc
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise _timeout(time_limit)
    if done.returncode != 0 or not done.stdout.startswith(b"level\t"):
        if b"bad_alloc" in done.stderr or b"memory" in done.stderr.lower():
            raise MemoryError("tesseract ran out of memory")
        raise ResumeRejected(
            "no_text", "This PDF looks like a scanned image, and our text recognition failed on it. "
                       "Paste your resume text instead.")
    return done.stdout.decode("utf-8", "replace")


def _timeout(seconds: float) -> ResumeRejected:
    return ResumeRejected(
        "timeout",
        f"This scanned PDF took longer than {seconds:g} seconds to read. Paste your resume text instead, "
        "or upload a PDF exported from your editor (one with text you can select).",
    )


# An icon before a heading or a contact detail is read as a letter or two: "fT EDUCATION", "te WorK EXPERIENCE".
_ICON_BEFORE_HEADING_RE = re.compile(
    r"^(?:[^\w\s]{1,3}|[A-Za-z]{1,2}|[^\w\s][A-Za-z]|[A-Za-z][^\w\s])\s+(?=(?:[A-Z][A-Za-z&]*\s*){1,4}$)")
# "AI" read with a small L: "Al tools", "Al-driven", "Al/ML"; "Al" before a capitalised word may be a name.
_AI_RE = re.compile(r"\bAl\b(?!\s+[A-Z][a-z])")
# Contact details: icons between them are read as "+", "&", "@", "§"; an address gains a space after its "@"
# ("name@ gmail.com") or a "Q" before it ("nameQ@gmail.com", the at sign's ring read twice).
_CONTACT_LINE_RE = re.compile(r"\w@\s?\w|\d{3}|[a-z], [A-Z]")
_CONTACT_ICON_RE = re.compile(r"(?:(?<=\s)|^)[^\w\s.,()\-‐‑‒–—―−~|·/:]{1,2}(?=\s)")  # a dash between dates stays
_EMAIL_GAP_RE = re.compile(r"(?<=\w)(?:Q@|@ )(?=\w[\w-]*\.[a-z]{2,})")
# E-mail addresses, repaired only where one reading is possible: an at sign read as "Q" before a mail provider
# ("nameQgmail.com") or set apart from it by spaces ("name @ gmail.com"), the dot before a domain's ending lost
# ("@safatlicom"), a digit or "rn" in the ending ("gmail.c0m", "gmail.corn") or in a provider's name ("gmai1.com").
_PROVIDERS = sorted(MAIL_WORDS["providers"], key=len, reverse=True)
_TLDS = frozenset(MAIL_WORDS["top_level_domains"])
_PROVIDER_AT_RE = re.compile(r"(?<=[\w.+-])(?:Q| ?@ ?)(?=(?:" + "|".join(_PROVIDERS) + r")\.[a-z]{2,})")
_UNDOTTED_DOMAIN_RE = re.compile(r"(?<=\w@)([A-Za-z0-9-]{2,}?)(com|org|net|edu|gov)(?![\w.@])")
_DOMAIN_RE = re.compile(r"(?<=\w@)([\w-]+)\.([a-z0-9]{2,6})(?![\w-])")
# Years in dates: "December 20238" (a fifth digit from a speck), "Oct 201]" (a one read as a bracket or an l).
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s"
_LONG_YEAR_RE = re.compile(r"(?i)(\b" + _MONTH + r"(?:19|20)\d\d)\d\b")
_ONE_IN_YEAR_RE = re.compile(r"(?i)(\b" + _MONTH + r"(?:19|20)\d)[\]|lI](?![\w])")
_APOSTROPHE_YEAR_RE = re.compile(r"(?i)(\b" + _MONTH + r")7(\d\d)\b")  # "August ’18" read as "August 718"
# A map pin read as an at sign at the start of a cell: "July 2012 – Ongoing<tab>@ Sunnyvale, CA".
_PIN_RE = re.compile(r"(?:(?<=\t)|^)@\s+(?=[A-Z])", re.MULTILINE)
_DOUBLE_DASH_RE = re.compile(r"(?<=\s)(?:[—–]-|-[—–])(?=\s)")
# Small capitals read with a lower-case twin before a capital: "WoORK EXPERIENCE".
_SMALL_CAP_TWIN_RE = re.compile(r"(?<=[A-Z])([a-z])(?=([A-Z]))")


# Tesseract reads a round bullet as a letter or a sign: "e Built…", "« Led…", "+ Filed…"; a dot between skills likewise.
_BULLET_START_RE = re.compile(r"^(?:[eo¢«°©®»*•]{1,2}|\+)\s+(?=[A-Z0-9\"“(])", re.MULTILINE)
_BULLET_BETWEEN_RE = re.compile(r"(?<=\w)\s+[e¢«°©»]\s+(?=[A-Z])")


def tidy_ocr_text(text: str, *, first_page: bool = True) -> str:
    """OCR's readings of bullets set back to bullets, of icons before headings (and, on the first page's contact
    lines, between details) dropped, of "AI" and e-mail addresses set right; other words are left as read."""
    text = _BULLET_START_RE.sub("• ", text)
    text = _BULLET_BETWEEN_RE.sub(" · ", text)
    text = "\n".join(_without_icon(line) for line in text.split("\n"))
    text = _EMAIL_GAP_RE.sub("@", text)
    text = repair_addresses(text)
    text = _LONG_YEAR_RE.sub(r"\1", text)
    text = _ONE_IN_YEAR_RE.sub(r"\g<1>1", text)
    text = _APOSTROPHE_YEAR_RE.sub(r"\1’\2", text)
    text = _DOUBLE_DASH_RE.sub("—", text)
    text = _PIN_RE.sub("• ", text)
    lines = text.split("\n")
    for index, line in enumerate(lines[:CONTACT_LINES if first_page else 0]):
        if _CONTACT_LINE_RE.search(line):
            lines[index] = _CONTACT_ICON_RE.sub("·", line)
    return _AI_RE.sub("AI", "\n".join(lines))


def repair_addresses(text: str) -> str:
    """E-mail addresses set right where OCR's misreading can only have been one thing (see the patterns above); a
    letter that could be a digit in the name before the at sign ("0xnull" or "Oxnull") is left as read."""
    text = _PROVIDER_AT_RE.sub("@", text)
    text = _UNDOTTED_DOMAIN_RE.sub(r"\1.\2", text)
    return _DOMAIN_RE.sub(_repaired_domain, text)


def _repaired_domain(match: re.Match) -> str:
    name, ending = match.group(1), match.group(2)
    if ending not in _TLDS:
        for guess in (ending.replace("0", "o").replace("1", "l"), ending.replace("rn", "m")):
            if guess in _TLDS:
                ending = guess
                break
    if name.lower() not in _PROVIDERS:
        guess = name.lower().replace("0", "o").replace("1", "l").replace("rn", "m")
        if guess in _PROVIDERS:
            name = guess
    return f"{name}.{ending}"


def tidy_ocr_title(title: str) -> str:
    """The largest line (the name) without what an icon beside it was read as ("Chih-Hsuan Yang #4")."""
    return re.sub(r"(?:\s+(?:[^\w\s]\S{0,2}|\d))+$", "", tidy_ocr_text(title)).strip()


def _without_icon(line: str) -> str:
    """A heading line ("EXPERIENCE") without the letters an icon before it was read as ("fT EDUCATION"), or the
    lower-case twins of its small capitals ("WoORK EXPERIENCE")."""
    rest = _SMALL_CAP_TWIN_RE.sub(lambda m: "" if m.group(1).upper() == m.group(2) else m.group(1), line)
    rest = _ICON_BEFORE_HEADING_RE.sub("", rest, count=1)
    if rest != line and heading_of(rest) is not None and heading_of(line) is None:
        return rest
    return line
