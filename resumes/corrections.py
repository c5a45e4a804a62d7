"""The candidate's corrections of what Saylo read, laid over the parser's reading.

Pure functions on schemas, no Django: the model applies them in `Resume.as_parsed()`, which is what
the match report and the interview coach read (an interview snapshots it when it is set up).
"""

import re

from resumes.reading.dates import years_of_experience
from resumes.reading.schemas import Contact, EducationEntry, ExperienceEntry, ParsedResume

CONTACT_FIELDS = ("name", "email", "phone", "location", "address", "links")


def apply_corrections(parsed: ParsedResume, corrections: dict) -> ParsedResume:
    """`parsed` with `corrections` laid over it: contact fields the candidate set, and their own lists of roles and
    degrees where they corrected any. Years of experience follow the corrected roles."""
    if not corrections:
        return parsed
    update: dict = {}
    contact = corrections.get("contact")
    if contact:
        fields = {name: contact[name] for name in CONTACT_FIELDS if name in contact}
        update["contact"] = parsed.contact.model_copy(update=Contact.model_validate(
            {**parsed.contact.model_dump(), **fields}).model_dump())
    if "experience" in corrections:
        experience = [ExperienceEntry.model_validate(entry) for entry in corrections["experience"]]
        update["experience"] = experience
        update["years_experience"] = years_of_experience(
            [(entry.start, None if entry.current else entry.end) for entry in experience if entry.start])
    if "education" in corrections:
        update["education"] = [EducationEntry.model_validate(entry) for entry in corrections["education"]]
    return parsed.model_copy(update=update)


def suggested_name(parsed: ParsedResume, *, fallback: str = "") -> str:
    """A human name for a resume: "Jane Doe — Backend Engineer" (the candidate's name and headline, or their latest
    title), else whichever of the two is known, else `fallback` (the file's name without its extension)."""
    title = parsed.headline or next((entry.title for entry in parsed.experience if entry.title), "")
    title = re.split(r"\s+[|·∙•]\s+", title)[0].strip()  # "Site Reliability Engineer · DevOps Lead" → its first part
    parts = [part for part in (parsed.contact.name.strip(), title) if part]
    if parts:
        return " — ".join(parts)[:200]
    stem = fallback.rsplit(".", 1)[0] if "." in fallback[-6:] else fallback
    return stem.strip()[:200]
