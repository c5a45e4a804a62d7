"""What a file is, judged by its bytes and never by its name."""

import io
import zipfile
from typing import Literal

FileKind = Literal["pdf", "docx", "txt"]

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, .xls, .msg
# Bytes that never occur in text: C0 controls other than tab, newline, form feed and carriage return.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"


def detect_kind(data: bytes) -> FileKind | None:
    """"pdf", "docx" or "txt" from the content, or None for anything else (a renamed .exe, zip, image…).

    A PDF may carry a little junk before its `%PDF-` header (the spec tolerates 1 KB); a DOCX is a
    zip holding `word/document.xml`; text is UTF-8 (or UTF-16 with a byte-order mark, or Windows-1252)
    with no control bytes.
    """
    if not data:
        return None
    if _PDF_MAGIC in data[:1024]:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return "docx" if _zip_has(data, "word/document.xml") else None
    return "txt" if decode_text(data) is not None else None


def decode_text(data: bytes) -> str | None:
    """The text in `data`, or None when it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
        return None if any(ch in text for ch in "\x00\x7f") or _has_controls(text) else text
    if _contains_any(data, _CONTROL):
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if _contains_any(data, _CP1252_UNDEFINED):
        return None
    return data.decode("cp1252")


def _contains_any(data: bytes, forbidden: bytes) -> bool:
    return len(data.translate(None, forbidden)) != len(data)


def _has_controls(text: str) -> bool:
    return any(ord(ch) < 32 and ch not in "\t\n\f\r" for ch in text)


def _zip_has(data: bytes, name: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return name in archive.namelist()
    except Exception:  # a damaged zip raises BadZipFile, OSError, ValueError, zlib.error… alike
        return False


def zip_is_valid(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return bool(archive.namelist())
    except Exception:
        return False
