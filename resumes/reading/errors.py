"""The one exception the resume reader raises, with the sentence a candidate sees."""

from typing import Literal

RejectionCode = Literal["too_large", "wrong_type", "encrypted", "corrupt", "no_text", "too_many_pages", "timeout", "empty",
                        "storage", "not_a_resume"]

MESSAGES: dict[str, str] = {
    "too_large": (
        "This file is too large to read. Save a smaller copy (for example, export the PDF without images) and upload that."
    ),
    "wrong_type": (
        "This file is not a PDF or Word document (.docx), whatever its name says. "
        "Upload your resume as a PDF or .docx, or paste the text instead."
    ),
    "encrypted": "This PDF is password-protected. Save a copy without a password and upload that.",
    "corrupt": (
        "This file looks damaged, so we could not read it. Open it on your computer, save or export a fresh copy "
        "as PDF or .docx, and upload that."
    ),
    "no_text": "This PDF looks like a scanned image, so there is no text to read. Paste your resume text instead.",
    "too_many_pages": "This file has too many pages to be a resume. Upload your resume on its own, without attachments.",
    "timeout": (
        "This file took too long to read, which usually means it is very complex or damaged. "
        "Export it to PDF again, or paste your resume text instead."
    ),
    # The file was fine but could not be stored (full disk, bucket unreachable); core/storage.py
    # passes the precise sentence.
    "storage": "Saylo could not store your file just now. Nothing was saved — try again in a moment.",
    "empty": "There is no resume text here. Paste or upload your whole resume, from your name to your last role.",
    "not_a_resume": (
        "This reads like a job posting, not a resume. Add it under Jobs instead, and upload or paste your own resume here."
    ),
}


class ResumeRejected(Exception):
    """A file or text we will not read, with a `code` for programs and a `message` for the candidate."""

    def __init__(self, code: RejectionCode, message: str | None = None):
        self.code = code
        self.message = message or MESSAGES[code]
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"ResumeRejected({self.code!r}, {self.message!r})"


class NoTextLayer(ResumeRejected):
    """A PDF with pages but no text on them: a scan, which `scan.read_pdf_or_scan` reads with OCR where it can."""

    def __init__(self):
        super().__init__("no_text")
