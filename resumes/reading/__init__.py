"""Reading resumes: uploaded PDF/DOCX/TXT files or pasted text into `ParsedResume`.

    parse_resume_bytes(data, filename=..., max_bytes=..., max_pages=..., time_limit=...)
    parse_resume_file(path)
    parse_resume_text(text)
    detect_kind(data) -> "pdf" | "docx" | "txt" | None

Every refusal is a `ResumeRejected` with a `code` and a `message` for the candidate.
"""

from resumes.reading.detect import detect_kind
from resumes.reading.errors import ResumeRejected
from resumes.reading.reader import parse_resume_bytes, parse_resume_file, parse_resume_text

__all__ = ["ResumeRejected", "detect_kind", "parse_resume_bytes", "parse_resume_file", "parse_resume_text"]
