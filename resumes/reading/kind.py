"""Whether a text is a resume at all.

A job posting pasted or uploaded as a resume would be stored with "About Us" as the candidate's name and
"Benefits" as experience, and would match its own job at 100 %. Postings speak to the reader ("you will",
"we offer", "what you'll do", "benefits", "apply"), in sections a resume never has; resumes speak of
their owner, with contact details, dated roles and schools. A text that reads as a posting is refused;
one that shows nothing of a resume (no roles, no schools, no contact details) is kept with a warning
the candidate sees. The cues live in `resumes/reading/data/document_kinds.json`.
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from resumes.reading.errors import ResumeRejected
from resumes.reading.schemas import ParsedResume

DATA_FILE = Path(__file__).resolve().parent / "data" / "document_kinds.json"


@dataclass(frozen=True)
class _Cues:
    posting_headings: frozenset[str]
    posting_phrases: re.Pattern[str]
    cover_letter: re.Pattern[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))

    def alternation(phrases: list[str]) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b", re.IGNORECASE)

    return _Cues(
        posting_headings=frozenset(_key(heading) for heading in data["posting_headings"]),
        posting_phrases=alternation(data["posting_phrases"]),
        cover_letter=alternation(data["cover_letter_phrases"]),
    )


def _key(line: str) -> str:
    key = re.sub(r"^[^\w]+|[^\w)?!']+$", "", line.strip().lower().replace("’", "'"))
    return " ".join(key.replace("&", "and").split())


_READER_RE = re.compile(r"\b(?:you|your|you'll|you're|yours)\b", re.IGNORECASE)
_COMPANY_VOICE_RE = re.compile(r"\b(?:we|our|we're|we'll|us)\b", re.IGNORECASE)
_OWNER_RE = re.compile(r"\b(?:I|my|I'm|I've|me)\b")


@dataclass(frozen=True)
class Reading:
    posting_score: int
    resume_score: int
    reasons: list[str]  # what made it read as a posting, in the candidate's words


def read_kind(text: str, parsed: ParsedResume) -> Reading:
    """How much `text` reads as a job posting, and how much as a resume."""
    cues = _cues()
    lines = [line for line in text.split("\n") if line.strip()]
    headings = [line.strip() for line in lines if len(line) <= 60 and _key(line) in cues.posting_headings]
    phrases = {match.group(0).lower() for match in cues.posting_phrases.finditer(text)}
    reader = len(_READER_RE.findall(text)) + len(_COMPANY_VOICE_RE.findall(text))
    owner = len(_OWNER_RE.findall(text))
    posting = 2 * min(len(headings), 4) + min(len(phrases), 4) + (3 if reader >= 6 and reader > 3 * (owner + 1) else 0)
    dated_roles = sum(1 for entry in parsed.experience if entry.start)
    resume = (2 if parsed.contact.email or parsed.contact.phone else 0) + min(dated_roles, 3) + (
        1 if parsed.education else 0) + (1 if parsed.contact.name else 0)
    reasons = []
    if headings:
        reasons.append("headings such as " + _quoted(headings[:2]))
    if phrases:
        reasons.append("phrases such as " + _quoted(sorted(phrases)[:2]))
    return Reading(posting_score=posting, resume_score=resume, reasons=reasons)


def _quoted(items: list[str]) -> str:
    quoted = [f"“{item}”" for item in items]
    return quoted[0] if len(quoted) == 1 else f"{quoted[0]} and {quoted[1]}"


def check_document(text: str, parsed: ParsedResume) -> list[str]:
    """Raise ResumeRejected (`not_a_resume`) for a job posting; return warnings (plain sentences) for text that
    shows nothing of a resume, or reads as a cover letter. An empty list means it reads as a resume."""
    reading = read_kind(text, parsed)
    if reading.posting_score >= 6 and reading.posting_score >= 2 * reading.resume_score:
        raise ResumeRejected(
            "not_a_resume",
            f"This reads like a job posting, not a resume ({' and '.join(reading.reasons) or 'it speaks to applicants'}). "
            "Add it under Jobs instead, and upload or paste your own resume here.",
        )
    warnings = []
    if _cues().cover_letter.search(text) and not parsed.experience:
        warnings.append(
            "This reads like a cover letter rather than a resume: Saylo found no roles with dates. Questions work best "
            "from your resume — upload it, or add your roles below."
        )
    elif not parsed.experience and not parsed.education and not (parsed.contact.email or parsed.contact.phone):
        warnings.append(
            "This does not look like a resume: Saylo found no roles, no education and no contact details in it. Check "
            "that you picked your resume; if it is, correct what Saylo read below."
        )
    return warnings
