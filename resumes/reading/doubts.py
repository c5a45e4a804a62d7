"""What the reader is unsure of in what it read, said so the candidate checks it before preparing an interview.

The reader marks a field it could not find, and one whose value looks like something other than what the field
holds: an employer that is a town, a date or a section heading; a title that is a sentence; a degree with no
school. Each doubt is a short phrase shown beside the entry ("unsure: employer not found"). Doubts are worked out
from the entry as it stands, so a candidate's correction clears them.
"""

import re

import phonenumbers

from resumes.reading.contact import is_location, is_region
from resumes.reading.dates import find_point, find_range
from resumes.reading.places import is_town
from resumes.reading.schemas import Contact, EducationEntry, ExperienceEntry, ParsedResume
from resumes.reading.sections import heading_of

_LONG_TITLE_WORDS = 10


def _is_place(text: str) -> bool:
    text = text.strip().rstrip(".")
    return is_location(text) or is_region(text) or is_town(text)


def _is_date(text: str) -> bool:
    point = find_point(text)
    return find_range(text) is not None or (point is not None and len(point[0]) >= len(text.strip()) - 2)


def _looks_like_something_else(text: str) -> str:
    """What `text` looks like instead of a name of an organisation or a role: "a place", "a date", "a heading"."""
    if _is_place(text):
        return "a place"
    if _is_date(text):
        return "a date"
    if heading_of(text) is not None:
        return "a section heading"
    return ""


def role_doubts(entry: ExperienceEntry) -> list[str]:
    """Phrases for what the reader is unsure of in one role; empty when it read title, employer and dates."""
    doubts = []
    if not entry.title:
        doubts.append("title not found")
    elif other := _looks_like_something_else(entry.title):
        doubts.append(f"the title looks like {other}")
    elif len(entry.title.split()) > _LONG_TITLE_WORDS:
        doubts.append("the title may hold more than the title")
    if not entry.company:
        doubts.append("employer not found")
    elif other := _looks_like_something_else(entry.company):
        doubts.append(f"the employer looks like {other}")
    if not entry.start:
        doubts.append("dates not found")
    return doubts


def degree_doubts(entry: EducationEntry) -> list[str]:
    """Phrases for what the reader is unsure of in one degree."""
    doubts = []
    if not entry.degree:
        doubts.append("degree not found")
    elif re.search(r"\bc?gpa\b|\bgrade\b", entry.degree, re.IGNORECASE):
        doubts.append("the degree may be a grade")
    if not entry.institution:
        doubts.append("school not found")
    elif other := _looks_like_something_else(entry.institution):
        doubts.append(f"the school looks like {other}")
    if not re.search(r"(?:19|20)\d\d|['’]\d\d", entry.dates or ""):
        doubts.append("year not found")
    return doubts


def contact_doubts(contact: Contact) -> list[str]:
    """Phrases for what the reader is unsure of in the contact details."""
    doubts = []
    if not contact.name:
        doubts.append("name not found")
    if not contact.email:
        doubts.append("e-mail address not found")
    if contact.phone and not _valid_phone(contact.phone):
        doubts.append("the phone number may be incomplete")
    return doubts


def _valid_phone(phone: str) -> bool:
    if len(re.sub(r"\D", "", phone)) < 7:
        return False
    regions = (None,) if phone.lstrip("( ").startswith("+") else ("US", "GB", "IN", "DE", "CA", "AU", "FR")
    for region in regions:
        try:
            if phonenumbers.is_possible_number(phonenumbers.parse(phone.replace("(+", "+"), region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def reading_doubts(parsed: ParsedResume) -> list[str]:
    """Phrases for what the reader is unsure of in the whole reading: a resume read from a scan by OCR (letters
    may be misread, bold and italic are lost), and the scanned pages it did not read."""
    if not parsed.scanned_pages:
        return []
    doubts = ["read from a scanned image, so letters, numbers and addresses may be misread"]
    if parsed.pages > parsed.scanned_pages:
        doubts.append(f"only the first {parsed.scanned_pages} of its {parsed.pages} pages were read")
    return doubts
