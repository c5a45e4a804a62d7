"""A whole `ParsedResume` from clean text: the zones, then each field's reader, then the skills.

Everything here works on clean text (see `text.clean_text`): one line per written line, "• " before
list items, a tab where a layout put a column break ("Senior Engineer<tab>Jan 2020 – Present").
"""

import re
from datetime import date

from resumes.reading.contact import (
    NAME_DASH_RE,
    contact_neighbourhood,
    contact_parts,
    find_email,
    find_links,
    find_name,
    find_phone,
    is_contact_line,
    is_headline_part,
    is_location,
    is_region,
    lift_contact_blocks,
)
from resumes.reading.dates import find_range, years_of_experience
from resumes.reading.degrees import is_degree, parse_education
from resumes.reading.places import find_address
from resumes.reading.projects import parse_projects
from resumes.reading.roles import parse_appointments, parse_experience
from resumes.reading.schemas import Contact, EducationEntry, ExperienceEntry, ParsedResume, SkillEvidence
from resumes.reading.sections import Zones, heading_of, rejoin_continued_experience, split_zones
from resumes.reading.taxonomy import get_taxonomy
from resumes.reading.text import is_bullet, strip_bullet
from resumes.reading.vocabulary import INSTITUTION_RE, ROLE_END_RE


def _headline(lines: list[str], name_line: str, experience: list[ExperienceEntry]) -> str:
    if name_line and name_line in lines:
        index = lines.index(name_line)
        parts = contact_parts(name_line)
        beside = NAME_DASH_RE.split(parts[0], maxsplit=1)[1:] if parts else []  # "Jane Doe — Backend Engineer"
        tail = [part for part in beside + parts[1:] if is_headline_part(part)]
        if tail:
            return " | ".join(tail)
        for line in lines[index + 1:index + 4]:
            if not line:
                continue
            if heading_of(line) is not None:
                break
            parts = [part for part in contact_parts(line) if is_headline_part(part)]
            if parts and len(" ".join(parts).split()) <= 14 and not line.rstrip().endswith("."):
                return " | ".join(parts)
    current = [entry for entry in experience if entry.current and entry.title]
    if current:
        return current[0].title
    return experience[0].title if experience and experience[0].title else ""


# A running page footer between two roles: "John Doe – 1/3", "Page 2 of 3", "- 2 -".
_PAGE_FOOTER_RE = re.compile(
    r"^\s*(?:[^\W\d][\w .'’-]{0,40}\s[–—-]\s*\d{1,2}\s*/\s*\d{1,2}|page\s+\d{1,2}(?:\s+of\s+\d{1,2})?|[-–]\s*\d{1,2}\s*[-–])\s*$",
    re.IGNORECASE,
)
_PLACE_LABEL_RE = re.compile(r"^\s*(?:address|location|based in|city|lives in|residence)\s*:", re.IGNORECASE)


def _exact_email(written: str, linked: str) -> str:
    """The address as written, unless the PDF's own mailto: link gives it exactly and the text glued words to it
    ("PAadrienne@gmail.com" beside a link to adrienne@gmail.com)."""
    if written and linked and written.casefold() != linked.casefold() and linked.casefold() in written.casefold():
        return linked
    return written or linked


def build_resume(
    text: str, *, pages: int = 0, title_hint: str = "", links_hint: tuple[str, ...] = (), today: date | None = None
) -> ParsedResume:
    """A ParsedResume from clean text. `title_hint` is the line a PDF set in its largest type; `links_hint` the
    addresses it links to (mailto:, tel:, https:), used where the text does not spell them out."""
    for cached in (heading_of, is_location, is_headline_part, is_contact_line):
        cached.cache_clear()  # the caches serve one resume's repeated questions; no resume leaks into the next
    lines, lifted = lift_contact_blocks([line for line in text.split("\n") if not _PAGE_FOOTER_RE.match(line)])
    zones = rejoin_continued_experience(split_zones(lines))
    zones.header.extend(lifted)
    if not zones.sections:
        # No headings at all: the header is what comes before the first dated line or bullet.
        first_body = next((i for i, line in enumerate(lines) if is_bullet(line) or find_range(line)), len(lines))
        zones.header = lines[:min(first_body, 8)]
    header = [line for line in zones.header if line]
    early = [line for line in lines[:15] if line]
    name, name_line = find_name(header or early, hint=title_hint)
    if not name and header:
        name, name_line = find_name(early)
    contact_search = header + [line for line in lines if line and line not in header]
    header_set = set(header) | set(early[:6])
    linked_email = next((uri[7:].split("?")[0] for uri in links_hint if uri.lower().startswith("mailto:")), "")
    linked_phone = next((uri[4:] for uri in links_hint if uri.lower().startswith("tel:")), "")
    contact = Contact(
        name=name,
        email=_exact_email(find_email(contact_search), find_email([linked_email])),
        phone=find_phone(header) or find_phone(early) or find_phone([line for line in lines if is_contact_line(line)])
        or find_phone([linked_phone]),
        links=find_links(contact_search, header=header_set, linked=links_hint),
    )
    # The address is in the header, or in a footer (moderncv's casual style), or on a line of contact details.
    labelled = [line for line in lines if _PLACE_LABEL_RE.match(line)]  # "Address: Kyiv 04208, Ukraine", anywhere
    place = find_address(header, is_location=is_location, is_region=is_region) or find_address(
        contact_neighbourhood(lines), is_location=is_location, is_region=is_region) or find_address(
        labelled, is_location=is_location, is_region=is_region) or find_address(
        header + labelled, is_location=is_location, is_region=is_region, town_alone=True)
    if place is not None:
        contact.location, contact.address = place.location, place.address

    sections: dict[str, str] = {}
    for zone, section_lines in zones.sections:
        section = "other" if zone == "involvement" else zone  # shown with the other sections; its roles are read
        body = "\n".join(line for line in section_lines if line)
        if body:
            sections[section] = f"{sections[section]}\n{body}" if section in sections else body
    if "summary" not in sections:
        prose = [line for line in header if len(line.split()) >= 12 and not is_contact_line(line)]
        if prose:
            sections["summary"] = "\n".join(prose)

    experience_lines = zones.lines_of("experience")
    if not zones.sections:
        experience_lines = lines[len(zones.header):]
    experience = parse_experience(experience_lines)
    education = parse_education(zones.lines_of("education"))
    if not zones.lines_of("education"):
        # Without an Education heading, a "job" whose header names a degree or a school is schooling.
        # A role held at a school ("Research Assistant, Smith Lab, University of Washington") stays a role.
        schooling = [entry for entry in experience if is_degree(entry.title) or (
            INSTITUTION_RE.search(entry.company) and not ROLE_END_RE.search(entry.title))]
        experience = [entry for entry in experience if entry not in schooling]
        education = [EducationEntry(degree=e.title, institution=e.company, dates=e.dates) for e in schooling]
    # Years of experience count work only; roles held in clubs and as a volunteer are roles all the same.
    years = years_of_experience([(entry.start, entry.end) for entry in experience if entry.start], today=today)
    experience += parse_experience(zones.lines_of("involvement"))
    if not experience:
        experience = parse_appointments(zones.lines_of("other"))  # an academic's fellowships, when no job is listed

    skills = _skills(lines, name_line=name_line, zones=zones)
    return ParsedResume(
        contact=contact,
        headline=_headline(lines, name_line, experience),
        sections=sections,
        experience=experience,
        education=education,
        skills=skills,
        projects=parse_projects(zones.lines_of("projects")),
        years_experience=years,
        pages=pages,
        text=text,
    )


def _skills(lines: list[str], *, name_line: str, zones: Zones) -> list[SkillEvidence]:
    """The skills the resume names, each with the lines that name it. A line that only names a section or a
    heading ("PANELS AND OTHER PRESENTATIONS") claims nothing, and neither does a soft skill that only the
    schooling's own lines name ("B.Tech in Electronics and / Communication" is a field of study, not a skill; a
    bullet under a degree, "collaborative software projects", still shows what it says)."""
    listed = set(zones.lines_of("skills"))
    evidence_lines = [
        strip_bullet(line).replace("\t", "  ") for line in lines
        if line and line != name_line and not _is_heading_line(line, listed=listed)
    ]
    found = get_taxonomy().find("\n".join(evidence_lines), skip_quoted_titles=True)
    schooling = {line.replace("\t", "  ").strip() for line in zones.lines_of("education") if line and not is_bullet(line)}
    return [skill for skill in found
            if skill.category != "soft" or not all(line in schooling for line in skill.evidence)]


def _is_heading_line(line: str, *, listed: set[str]) -> bool:
    """A heading, or a line in capitals outside the skills list (a heading the reader did not know, a name)."""
    heading = heading_of(line)
    if heading is not None and not heading.rest:
        return True
    return line not in listed and line.isupper() and len(line.split()) >= 2 and "," not in line
