"""Sections of a resume: which lines are headings, and the zones between them.

A heading is a line whose words are a known heading ("Work Experience"), or an ALL-CAPS / colon-ended line
ending in a heading word, or a Title Case line of heading modifiers and a heading word; the vocabulary is
`data/vocabulary.toml`.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from resumes.reading.taxonomy import get_taxonomy
from resumes.reading.text import is_bullet
from resumes.reading.vocabulary import (
    HEADING_MODIFIERS,
    HEADING_TRAILERS,
    HEADING_WORDS,
    HEADINGS,
    INLINE_HEADINGS,
    SKILL_LIST_LABELS,
)


def _heading_key(text: str) -> str:
    key = re.sub(r"^[^\w]+|[^\w)]+$", "", text.strip())
    key = re.sub(r"^\d+[.)]?\s*", "", key)
    key = key.lower().replace("&", " and ").replace("/", " and ").replace("+", " and ")
    return " ".join(key.split())


def _joined_heading(key: str) -> str | None:
    """The section of two known headings joined in one ("Experience & Leadership", "Certifications & Education",
    "Work Experience / Internships"): education beside anything but experience, since a list of degrees and
    certificates is read for its degrees; experience beside other roles or projects; otherwise none."""
    sides = [side.strip() for side in key.split(" and ")]
    if len(sides) < 2 or not all(sides):
        return None
    sections = [HEADINGS.get(side) for side in sides]
    if None in sections:
        return None
    kinds = set(sections)
    if len(kinds) == 1:
        return sections[0]
    if "education" in kinds and "experience" not in kinds:
        return "education"
    if "experience" in kinds and kinds <= {"experience", "involvement", "projects"}:
        return "experience"  # "Experience & Leadership": roles either way
    return None  # "Activities & Certifications": neither reading is safe


@dataclass(frozen=True)
class Heading:
    section: str  # a SectionName, or "contact"
    rest: str = ""  # content written on the heading's own line ("Skills: Python, SQL")


_LABELLED_RE = re.compile(r"^[^:：\t]{2,40}[:：]")


@lru_cache(maxsize=8192)  # pure, and asked of the same lines many times
def heading_of(line: str, *, current: str | None = None) -> Heading | None:
    """The section a line opens, or None when the line is content."""
    stripped = line.strip()
    if not stripped or is_bullet(stripped) or (len(stripped) > 70 and not _LABELLED_RE.match(stripped)):
        return None  # a long line is content, unless a label opens it ("Skills: Python, SQL, …")
    if "\t" in stripped:
        return None
    key = _heading_key(stripped)
    if not key:
        return None
    if key in HEADINGS:
        return Heading(HEADINGS[key])
    joined = _joined_heading(key)
    if joined is not None:
        return Heading(joined)
    inline = re.match(r"^([A-Za-z][A-Za-z &/+]{1,40}?|[\u4e00-\u9fff]{2,6}|[А-Яа-яЁё ]{3,30}?)\s*[:：]\s*(\S.*)$", stripped)
    if inline:
        label = _heading_key(inline.group(1))
        if label in INLINE_HEADINGS and label in HEADINGS:
            section = HEADINGS[label]
            if label in SKILL_LIST_LABELS and (current == "skills" or _has_tech_skill(inline.group(2))):
                section = "skills"
            if section == current:
                return None
            return Heading(section, inline.group(2).strip())
        return None
    words = key.split()
    if len(words) > 1 and words[-1] in HEADING_TRAILERS:  # "Projects Done", "Courses Taken": the noun heads it
        words = words[:-1]
        if " ".join(words) in HEADINGS and (stripped.endswith(":") or stripped.isupper()):
            return Heading(HEADINGS[" ".join(words)])
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in stripped):
        return None
    letters = [ch for ch in stripped if ch.isalpha()]
    all_caps = bool(letters) and all(ch.isupper() for ch in letters)
    keyword = HEADING_WORDS.get(words[-1])
    if keyword is None:
        return None
    if "volunteer" in words or "volunteering" in words:
        keyword = "involvement"
    if all_caps or stripped.endswith(":"):
        return Heading(keyword)
    title_case = all(word[0].isupper() for word in stripped.replace("&", "").split() if word[0].isalpha() and len(word) > 3)
    if title_case and all(word in HEADING_MODIFIERS for word in words[:-1]):
        return Heading(keyword)
    return None


def _has_tech_skill(text: str) -> bool:
    taxonomy = get_taxonomy()
    return any(taxonomy.category(name) not in {"soft", ""} for name in taxonomy.find_in_line(text))


@dataclass
class Zones:
    header: list[str] = field(default_factory=list)  # before the first heading, plus any "Contact" section
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # in order, blank lines kept

    def lines_of(self, section: str) -> list[str]:
        return [line for name, lines in self.sections if name == section for line in lines]


def _is_role_label(line: str, heading: Heading) -> bool:
    """ "Accomplishments:" or "Highlights:" inside a role labels its bullets; it does not end the experience."""
    return line.strip().endswith(":") and not heading.rest and heading.section in ("other", "summary")


def _icon_heading(line: str, *, current: str | None) -> Heading | None:
    """A heading set after an icon ("• Education" once the icon font's glyph is read as a bullet): the whole rest
    of the line must be a known heading phrase, not just end in a heading word, and open another section."""
    rest = line[1:].strip()
    if not rest or _heading_key(rest) not in HEADINGS:
        return None
    heading = heading_of(rest, current=current)
    return heading if heading is not None and heading.section != current and not heading.rest else None


def split_zones(lines: list[str]) -> Zones:
    zones = Zones()
    current: str | None = None
    target = zones.header
    for line in lines:
        heading = heading_of(line, current=current) if line else None
        if heading is None and "\t" in line:
            # A side heading: "Experience<tab>Zalando, Berlin — Senior Frontend Engineer" (Google Docs' Swiss).
            label, rest = line.split("\t", 1)
            side = heading_of(label, current=current)
            if side is not None and not side.rest:
                heading, line = Heading(side.section, rest.strip()), ""
        if heading is None and is_bullet(line):
            heading = _icon_heading(line, current=current)
        if heading is not None and current == "experience" and _is_role_label(line, heading):
            heading = None
        if heading is not None:
            current = heading.section
            if heading.section == "contact":
                target = zones.header
            else:
                target = []
                zones.sections.append((heading.section, target))
            if heading.rest:
                target.append(heading.rest)
            continue
        target.append(line)
    return zones


def _is_date_line(line: str) -> bool:
    from resumes.reading.dates import find_range

    found = find_range(line)
    return found is not None and len(line.strip()) <= len(found.text) + 2


def rejoin_continued_experience(zones: Zones) -> Zones:
    """Roles a two-column page set after the sidebar's last section ("INTERESTS", then page 2's "Feb 2021 – Dec 2021" /
    "Nokia, Noida" / "Engineer") go back to the experience: the run from the first line that is only a date range,
    when two or more such lines follow a short section that is neither experience, education nor projects."""
    if not any(name == "experience" for name, _ in zones.sections):
        return zones
    sections: list[tuple[str, list[str]]] = []
    for name, lines in zones.sections:
        start = next((index for index, line in enumerate(lines) if _is_date_line(line)), None)
        if name in ("other", "skills") and start is not None and sum(_is_date_line(line) for line in lines[start:]) >= 2:
            sections += [(name, lines[:start]), ("experience", lines[start:])]
        else:
            sections.append((name, lines))
    zones.sections = sections
    return zones
