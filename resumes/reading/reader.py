"""Reading a resume from bytes, a file or pasted text into a ParsedResume."""

import logging
import os
import time
from pathlib import Path

from resumes.reading.assemble import build_resume
from resumes.reading.detect import OLE_MAGIC, decode_text, detect_kind, zip_is_valid
from resumes.reading.errors import ResumeRejected
from resumes.reading.kind import check_document
from resumes.reading.scan import DEFAULT_OCR_PAGES, OcrOptions, find_tesseract, read_pdf_or_scan
from resumes.reading.schemas import ParsedResume
from resumes.reading.text import clean_text
from resumes.reading.word import read_docx

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PAGES = 20
DEFAULT_TIME_LIMIT = 20.0
MIN_WORDS = 5  # fewer than this is a name or a title, not a resume
MAX_TEXT_CHARS = 200_000  # a 20-page resume is about 60,000 characters
_UNPACKED_FACTOR = 20  # a .docx may unpack to this many times the upload limit, no more


def _setting(name: str, default: float) -> float:
    try:
        from django.conf import settings

        if settings.configured:
            return getattr(settings, name, default)
    except ImportError:  # pragma: no cover - Django is always installed here, but the parser does not need it
        pass
    return default


def _limits(max_bytes: int | None, max_pages: int | None, time_limit: float | None) -> tuple[int, int, float]:
    return (
        int(max_bytes if max_bytes is not None else _setting("RESUME_MAX_BYTES", DEFAULT_MAX_BYTES)),
        int(max_pages if max_pages is not None else _setting("RESUME_MAX_PAGES", DEFAULT_MAX_PAGES)),
        float(time_limit if time_limit is not None else _setting("RESUME_PARSE_SECONDS", DEFAULT_TIME_LIMIT)),
    )


def ocr_options() -> OcrOptions:
    """OCR for scanned PDFs as the RESUME_OCR_PAGES and TESSERACT_PATH settings say (on by default, with Tesseract
    found on PATH)."""
    return OcrOptions(tesseract=find_tesseract(str(_setting("TESSERACT_PATH", "tesseract"))),
                      max_pages=int(_setting("RESUME_OCR_PAGES", DEFAULT_OCR_PAGES)))


def _size(size: int, *, exact: bool = False) -> str:
    """ "10 MB" for a limit, "10.2 MB" for a file (`exact`), kilobytes below a tenth of a megabyte."""
    megabytes = size / (1024 * 1024)
    if megabytes < 0.1:
        return f"{max(1, round(size / 1024))} KB"
    if not exact and megabytes == int(megabytes):
        return f"{megabytes:.0f} MB"
    return f"{megabytes:.1f} MB"


def parse_resume_bytes(
    data: bytes,
    *,
    filename: str = "",
    max_bytes: int | None = None,
    max_pages: int | None = None,
    time_limit: float | None = None,
    ocr: OcrOptions | None = None,
) -> ParsedResume:
    """Read an uploaded PDF, .docx or .txt resume, judged by its content, not its name.

    Limits default to the RESUME_MAX_BYTES, RESUME_MAX_PAGES and RESUME_PARSE_SECONDS settings
    (10 MB, 20 pages, 20 s without Django). Raises ResumeRejected — and nothing else — for anything
    that cannot be read: too_large, wrong_type, encrypted, corrupt, no_text, too_many_pages,
    timeout, empty. The time limit is checked between pages. A PDF without a text layer is read with OCR
    (`ocr`, by default `ocr_options()`), or refused as no_text where OCR is off.
    """
    started = time.monotonic()
    byte_limit, page_limit, seconds = _limits(max_bytes, max_pages, time_limit)
    deadline = started + seconds
    if not data or not data.strip():
        raise ResumeRejected(
            "empty", "This file is empty. Check that you picked the right file, or paste your resume text instead."
        )
    if len(data) > byte_limit:
        raise _too_large(len(data), byte_limit)
    kind = detect_kind(data)
    title_hint, links_hint, scanned = "", (), 0
    if kind == "pdf":
        pdf = read_pdf_or_scan(data, max_pages=page_limit, deadline=deadline, time_limit=seconds,
                               max_letters=MAX_TEXT_CHARS, ocr=ocr or ocr_options())
        raw, pages, title_hint, links_hint, scanned = pdf.text, pdf.pages, pdf.title, tuple(pdf.links), pdf.scanned
    elif kind == "docx":
        raw, pages = read_docx(data, max_pages=page_limit, max_unpacked=byte_limit * _UNPACKED_FACTOR, deadline=deadline)
    elif kind == "txt":
        raw, pages = decode_text(data) or "", 1
    else:
        raise _not_a_resume_file(data, filename)
    if len(raw) > MAX_TEXT_CHARS * 2:
        raise _too_much_text(len(raw))
    text = clean_text(raw)
    if len(text) > MAX_TEXT_CHARS:
        raise _too_much_text(len(text))
    _require_enough_text(text, kind=kind)
    if time.monotonic() > deadline:
        raise ResumeRejected("timeout")
    parsed = _structure(text, pages=pages, title_hint=clean_text(title_hint), links_hint=links_hint)
    parsed.scanned_pages = scanned
    return parsed


def parse_resume_text(text: str) -> ParsedResume:
    """Read a resume pasted as text (`pages` is 1). Raises ResumeRejected: `empty` when there is too little,
    `too_large` when there is far more than a resume."""
    if len(text or "") > MAX_TEXT_CHARS:
        raise _too_much_text(len(text), pasted=True)
    cleaned = clean_text(text or "")
    _require_enough_text(cleaned, kind="paste")
    return _structure(cleaned, pages=1)


def _structure(text: str, *, pages: int, title_hint: str = "", links_hint: tuple[str, ...] = ()) -> ParsedResume:
    """The resume's structure, refused when the text is a job posting (ResumeRejected `not_a_resume`) and with
    warnings when it shows little of a resume."""
    try:
        parsed = build_resume(text, pages=pages, title_hint=title_hint, links_hint=links_hint)
        parsed.warnings = check_document(text, parsed)
        return parsed
    except ResumeRejected:
        raise
    except Exception as exc:
        # A bug of ours on unusual text must not become a server error; it is logged with the text's size only.
        logger.exception("Reading the structure of a %d-character resume failed", len(text))
        raise ResumeRejected(
            "corrupt", "We could not make sense of this resume's layout. Paste your resume text instead."
        ) from exc


def parse_resume_file(
    path: str | os.PathLike[str],
    *,
    max_bytes: int | None = None,
    max_pages: int | None = None,
    time_limit: float | None = None,
    ocr: OcrOptions | None = None,
) -> ParsedResume:
    """Read a resume file from disk, as parse_resume_bytes does. A missing or unreadable file is refused as `empty`."""
    target = Path(path)
    byte_limit, _, _ = _limits(max_bytes, max_pages, time_limit)
    try:
        size = target.stat().st_size
        if size > byte_limit:
            raise _too_large(size, byte_limit)  # refused before reading it into memory
        data = target.read_bytes()
    except OSError as exc:
        raise ResumeRejected(
            "empty", f"There is no readable file called {target.name or path}. Check the path and try again."
        ) from exc
    return parse_resume_bytes(data, filename=target.name, max_bytes=max_bytes, max_pages=max_pages, time_limit=time_limit,
                              ocr=ocr)


def _too_much_text(length: int, *, pasted: bool = False) -> ResumeRejected:
    what = "This text is" if pasted else "This file holds"
    return ResumeRejected(
        "too_large",
        f"{what} {length:,} characters, far more than a resume ({MAX_TEXT_CHARS:,} at most). "
        + ("Paste only your resume." if pasted else "Upload your resume on its own."),
    )


def _too_large(size: int, limit: int) -> ResumeRejected:
    return ResumeRejected(
        "too_large",
        f"This file is {_size(size, exact=True)}, over the {_size(limit)} limit. "
        "Save a smaller copy (for example, export the PDF without images) and upload that.",
    )


def _require_enough_text(text: str, *, kind: str | None) -> None:
    words = len(text.split())
    if words >= MIN_WORDS:
        return
    if kind == "pdf":
        raise ResumeRejected("no_text")
    if words == 0:
        raise ResumeRejected("empty")
    raise ResumeRejected(
        "empty",
        f"This is too short to be a resume ({words} word{'s' if words != 1 else ''}). "
        "Paste or upload your whole resume, from your name to your last role.",
    )


def _not_a_resume_file(data: bytes, filename: str) -> ResumeRejected:
    if data.startswith(OLE_MAGIC):
        return ResumeRejected(
            "wrong_type",
            "This is an older Word document (.doc) or another Office file. Open it in Word, save it as .docx or PDF, "
            "and upload that.",
        )
    if data.startswith(b"PK\x03\x04") and not zip_is_valid(data) and filename.lower().endswith(".docx"):
        return ResumeRejected("corrupt")  # a Word document cut short, not some other kind of file
    return ResumeRejected("wrong_type")
