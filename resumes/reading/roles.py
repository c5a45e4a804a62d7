"""Roles: the jobs a resume lists, each with its title, employer, dates and the lines describing it."""

import re
from dataclasses import dataclass, field

from resumes.reading.contact import is_location, is_region, strip_location
from resumes.reading.dates import DateRange, find_entry_dates, find_point, find_range
from resumes.reading.lines import (
    display_case,
    entry_lines,
    is_description,
    split_fields,
    starts_with_action_verb,
    trim,
    without_full_stop,
)
from resumes.reading.places import is_subdivision, is_town
from resumes.reading.schemas import ExperienceEntry
from resumes.reading.sections import heading_of
from resumes.reading.taxonomy import get_taxonomy
from resumes.reading.text import is_bullet, strip_bullet
from resumes.reading.vocabulary import (
    AWARD_RE,
    COMPANY_END_RE,
    COMPANY_RE,
    CORPORATE_PIECE_RE,
    ROLE_END_RE,
    ROLE_RE,
    ROLE_WORDS,
    WORK_MODES,
)

_AT_RE = re.compile(r"\s+at\s+(?=[\w@])")  # "Developer at Plaid", "Developer at moon-client"


# What job sites add beside a role ("Google · Full-time", "Jan 2020 - Present · 4 yrs 11 mos").
_EMPLOYMENT_NOISE_RE = re.compile(
    r"^(?:full[- ]time|part[- ]time|contract|permanent|temporary|temp|internship|apprenticeship|seasonal|"
    r"remote|hybrid|on[- ]?site|"
    r"(?:\d+\s*(?:yrs?|years?|mos?|months?)\s*)+|less than a year)$",
    re.IGNORECASE,
)


_WORK_MODE_BESIDE_RE = re.compile(
    r"\s*[(\[](?:remote|hybrid|on-?site|contract|contractor|freelance|part-time|full-time|internship)[)\]]\s*$"
    r"|\s+[-–]\s*(?:remote|hybrid|on-?site)$",  # "Atlanta, GA - remote"
    re.IGNORECASE,
)


@dataclass
class _Part:
    text: str
    line: int  # index of the header line it came from


@dataclass
class _Header:
    title: str = ""
    company: str = ""
    dates: DateRange | None = None
    company_line_alone: bool = False  # the company stood on its own line (roles below may share it)
    inherited: bool = False  # the role took the employer of the role above (the roles below it may too)
    before: list[str] = field(default_factory=list)  # description lines that came before the header proper
    after: list[str] = field(default_factory=list)


# "Vice President of Location & Services", "Head of Growth", "Director, Product": a role named first, then what it covers.
_ROLE_FIRST_RE = re.compile(
    rf"^(?:(?:senior|junior|lead|chief|vice|associate|assistant|deputy|executive|general|principal|staff)\s+)*"
    rf"(?:{ROLE_WORDS})\s+(?:of|for)\s+\S",
    re.IGNORECASE,
)


# Chinese titles and organisations end in a word that says which: 实习生 (intern), 工程师 (engineer)…; 公司, 集团, 大学.
_CJK_ROLE_END_RE = re.compile(
    r"(?:实习生|工程师|经理|助理|专员|主管|总监|设计师|分析师|顾问|编辑|记者|策划|运营|开发|负责人|教师|研究员)$"
)
_CJK_COMPANY_END_RE = re.compile(r"(?:公司|集团|大学|学院|研究院|研究所|银行|工作室|医院|中心)(?:[(（][^)）]*[)）])?$")


def _title_score(text: str) -> int:
    return (2 if ROLE_END_RE.search(text) or _CJK_ROLE_END_RE.search(text) else 0) + (1 if ROLE_RE.search(text) else 0) + (
        3 if _ROLE_FIRST_RE.search(text) else 0)


def _company_score(text: str) -> int:
    return (2 if COMPANY_END_RE.search(text) or _CJK_COMPANY_END_RE.search(text) else 0) + (
        1 if COMPANY_RE.search(text) else 0)


_BRACKET_RE = re.compile(r"\s*[(\[]([^()\[\]]{1,80})[)\]]")


def _without_tech_brackets(piece: str) -> str:
    """A title without the technologies bracketed after it: "Frontend Developer (React, TypeScript)" and "Full-Stack
    Engineer(Golang/JS)" are the titles; "Software Engineer (Front-End)" keeps its bracket (not a technology)."""
    def drop(match: re.Match) -> str:
        items = [item.strip() for item in re.split(r"[,/;&]|\band\b", match.group(1)) if item.strip()]
        return "" if items and match.start() > 0 and all(_is_technology(item) for item in items) else match.group(0)

    return _BRACKET_RE.sub(drop, piece).strip()


# Skill families whose members are tools and languages a title may bracket ("Engineer (Go/JS)"); a subject taught
# ("Teaching Assistant (Data Structures & Algorithms)") is part of the title.
_TOOL_CATEGORIES = frozenset({"language", "frontend", "backend", "cloud", "devops", "database", "mobile", "tools", "data",
                              "ml", "testing"})


def _is_technology(term: str) -> bool:
    """A tool or language ("React", "Golang"), not a practice that names a kind of role ("Front-End"), a subject or a
    licence ("RN")."""
    taxonomy = get_taxonomy()
    name = taxonomy.canonical(term)
    return name is not None and not name.endswith("Development") and taxonomy.category(name) in _TOOL_CATEGORIES


def _header_parts(line: str, places: list[str] | None = None) -> list[str]:
    """A header line cut into its fields, with any location removed. What stood before a region in a field read as a
    place ("Shopify" in "Shopify, Ontario", unless it is a town we know) is added to `places`: the employer when the
    header names no other."""
    pieces = []
    for piece in split_fields(_without_tech_brackets(line)):
        piece = without_full_stop(piece)
        before = _AT_RE.split(piece, maxsplit=1)
        # "Software Engineer at Plaid", but not "University of Texas at Austin"
        pieces.extend(before if len(before) == 2 and ROLE_RE.search(before[0]) else [piece])
    pieces = [trim(piece) for piece in pieces if trim(piece)]
    strong = len(pieces) > 1
    parts: list[str] = []
    for piece in pieces:
        if piece.lower() in WORK_MODES:
            continue
        # "Austin, TX (contract)", "Berlin (remote)": the work mode said beside a place or an employer.
        piece = _WORK_MODE_BESIDE_RE.sub("", piece)
        if not piece:
            continue
        if strong and "," not in piece and (is_town(piece) or is_region(piece)):
            continue  # "Deloitte | London": a place in a field of its own
        if is_location(piece):
            first, *rest = [p.strip() for p in piece.split(",")]
            # "Shopify, Toronto, ON": an employer before its place, unless the first piece is a place itself.
            if len(rest) == 2 and not (is_town(first) or is_region(first)) and is_location(", ".join(rest)):
                parts.append(first)
            elif len(rest) == 1 and places is not None and not (is_town(first) or is_region(first)):
                places.append(first)
            continue
        piece, place = strip_location(piece)
        if not piece:
            continue
        employer = _employer_before_town(piece, place)
        if employer:
            parts.extend([piece, employer])  # "Software Engineer, Cafe Bazaar, Tehran, Iran"
            continue
        if "," not in piece:
            parts.extend(_caps_title_and_employer(piece) if not strong else [piece])
            continue
        if strong:
            parts.append(piece)
            continue
        commas = [c.strip() for c in piece.split(",") if c.strip()]
        merged: list[str] = []
        for comma_piece in commas:
            if merged and CORPORATE_PIECE_RE.match(comma_piece):
                merged[-1] = f"{merged[-1]}, {comma_piece}"
            else:
                merged.append(comma_piece)
        parts.extend(merged)
    if strong and len(parts) == 1:
        parts = _title_and_employer(parts[0])
    return [trim(part) for part in parts if trim(part)]


def _employer_before_town(title: str, place: str) -> str:
    """The employer a three-part place swallowed after a title: in "Software Engineer, Cafe Bazaar, Tehran, Iran"
    the place read is "Cafe Bazaar, Tehran, Iran", but a title is far more often followed by its employer than by a
    town, a region and a country ("Nurse, Leeds, West Yorkshire, UK" names a town we know and is left alone)."""
    cells = [cell.strip() for cell in place.split(",")]
    if len(cells) != 3 or "," in title or not ROLE_END_RE.search(title):
        return ""
    first, middle = cells[0], cells[1]
    if is_town(first) or is_region(first) or is_subdivision(first) or is_region(middle):
        return ""
    return first


_CAPS_ROLE_END_RE = re.compile(rf"^(?P<title>.*?\b(?:{ROLE_WORDS}))\s+(?P<employer>\S.*)$", re.IGNORECASE)


def _caps_title_and_employer(piece: str) -> list[str]:
    """ "SOFTWARE ENGINEER ACME LTD": a title and its employer set in capitals on one line with no mark between them
    (Europass): cut after the last role word when what follows names no role and no place."""
    letters = [ch for ch in piece if ch.isalpha()]
    match = _CAPS_ROLE_END_RE.match(piece)
    if not letters or not all(ch.isupper() for ch in letters) or match is None:
        return [piece]
    title, employer = match.group("title"), match.group("employer")
    if not 1 <= len(employer.split()) <= 5 or ROLE_RE.search(employer) or is_region(employer) or is_town(employer) \
            or re.match(r"(?:OF|FOR|IN|AT|TO|AND|&)\b", employer):
        return [piece]
    return [title, employer]


def _title_and_employer(piece: str) -> list[str]:
    """ "Nexus AI, Co-Founder & CTO" or "Research Intern, NVIDIA Research", the only field of its line beside a place
    or dates: a title and an employer when exactly one side names a role; otherwise one field with a comma in it
    ("Account Executive, Mid-Market" beside "Salesforce" is one title)."""
    halves = [half.strip() for half in piece.split(",")]
    roles = [half for half in halves if ROLE_END_RE.search(half)]
    if len(halves) == 2 and len(roles) == 1 and all(halves):
        other = next(half for half in halves if half not in roles)
        if not ROLE_RE.search(other) and not is_location(other):
            return halves
    return [piece]


def read_header(lines: list[str]) -> _Header:
    """Title, company and dates from the lines that head one job.

    Knows "Title — Company, Jan 2020 – Present", "Company | Title | 2019–2021", "Title at Company",
    a title line followed by a company line (either may carry the dates and a location), and the
    reverse. A part ending in a role noun ("…Engineer", "…Nurse") is a title; one with a corporate
    word ("Inc", "Hospital", "Labs") is a company; otherwise the first unknown part is the title
    and the next the company.
    """
    header = _Header()
    parts: list[_Part] = []
    places: list[_Part] = []
    seen_field = False
    for index, raw in enumerate(lines):
        line = raw
        found = find_entry_dates(line)
        if found is not None and header.dates is None:
            header.dates = found
            line = line[:found.span[0]] + "\t" + line[found.span[1]:]
            later = find_range(line[found.span[0]:]) if re.match(r"\t\s*[,;&]|\t\s*and\b", line[found.span[0]:]) else None
            if later is not None and found.end and (later.current or (later.end or "") > found.end):
                # "2012 – 2015, 2018 – 2023": terms of one role; it runs from the first start to the last end.
                header.dates = DateRange(f"{found.text}, {later.text}", found.start, later.end, later.current, found.span)
                cut = found.span[0] + later.span[1]
                line = line[:found.span[0]] + "\t" + line[cut:]
        line_places: list[str] = []
        line_parts = [part for part in _header_parts(line, line_places) if not _EMPLOYMENT_NOISE_RE.match(part)]
        places.extend(_Part(place, index) for place in line_places)
        if not line_parts:
            if found is not None:
                seen_field = True
            continue
        if all(is_description(part) for part in line_parts) and found is None:
            (header.after if seen_field else header.before).append(strip_bullet(raw))
            continue
        seen_field = True
        # A section heading ("LANGUAGES") or a date left in a cell is neither a title nor an employer.
        parts.extend(_Part(part, index) for part in line_parts
                     if not is_description(part) and heading_of(part) is None and not _is_bare_date(part))
    titles = [p for p in parts if _title_score(p.text) > _company_score(p.text)]
    companies = [p for p in parts if _company_score(p.text) > _title_score(p.text)]
    unknown = [p for p in parts if p not in titles and p not in companies]
    title = titles[0] if titles else None
    company = companies[0] if companies else None
    if company is None and len(titles) > 1:
        # "Android Developer" over "Heads & Hands": a second "title" on its own line that only contains a role word
        # (not ending in one) is the employer.
        weak = [p for p in titles[1:] if p.line != title.line and not ROLE_END_RE.search(p.text)]
        if weak:
            company = weak[0]
            titles.remove(company)
    if title is None and company is None and unknown:
        title = unknown.pop(0)
    if title is None and unknown:
        title = unknown.pop(0)
    if company is None and unknown:
        elsewhere = [p for p in unknown if title is None or p.line != title.line]
        company = (elsewhere or unknown)[0]
        unknown.remove(company)
    if company is None and title is not None and places:
        company = places[0]  # "Software Engineer" over "Shopify, Ontario": an employer and its province
        parts.append(company)
    if title is not None:
        extra = [p for p in unknown if p.line == title.line]
        if company is not None and company.line != title.line:
            # "Senator – Computer Science Department" under "Graduate Student Government": the unit the title is in.
            extra = [p for p in parts if p.line == title.line and p is not title and (p in unknown or p in companies)
                     and parts.index(p) > parts.index(title)]
        if extra and company is not None and company.line == title.line:
            # "CHARGE NURSE, CARDIAC ICU, SWEDISH MEDICAL CENTER": the unit between the title and the employer.
            first, last = sorted((parts.index(title), parts.index(company)))
            extra = [p for p in extra if first < parts.index(p) < last]
        if extra and company is not None:
            header.title = ", ".join([title.text, *(p.text for p in extra)])  # "Senior Engineer, Payments"
            unknown = [p for p in unknown if p not in extra]
        else:
            header.title = title.text
    if company is not None:
        header.company = company.text
        header.company_line_alone = len(lines) > 1 and all(p.line != company.line for p in parts if p is not company)
    used = {header.title, header.company}
    header.after.extend(p.text for p in unknown if p.text not in used)
    return header


# "Working as Customer Service Assistant at Zawati Optometrist": the title said in the role's first sentence.
_WORKED_AS_RE = re.compile(
    r"\b(?i:work(?:ed|ing)?|serv(?:ed|ing)|employed|hired|join(?:ed|ing))\s+as\s+(?:an?\s+|the\s+)?"
    r"(?P<title>[A-Z][\w&/'’-]*(?:\s+[A-Z][\w&/'’-]*){0,5})\s+(?:at|in|for|with|on)\b"
)


def _title_in_words(lines: list[str]) -> str:
    """The title a role's first lines say in words, when its header gave only the employer."""
    for line in lines:
        found = _WORKED_AS_RE.search(line)
        if found:
            return found.group("title")
    return ""


def _is_bare_date(text: str) -> bool:
    point = find_point(text)
    return point is not None and len(point[0]) >= len(text.strip()) - 1


def _is_header_candidate(line: str) -> bool:
    if not line or is_bullet(line):
        return False
    if find_entry_dates(line) is not None:
        return True
    text = line.replace("\t", " ")
    if len(text.split()) > 14 or starts_with_action_verb(text):
        return False
    if len(text.split()) >= 2 and without_full_stop(text) != text.rstrip():
        return False  # "Greeted patients.": a short sentence under the dates, not an employer
    return not is_description(text)


def _split_group(group: list[str]) -> list[list[str]]:
    """One group of header lines per job, when jobs follow each other without bullets in between.

    Jobs are written alike, so the dated lines recur at a fixed step; the lines before the first
    dated line show where each job's header starts ("Company" / "Title  2019 – 2021" repeats with
    the dates on the second line).
    """
    dated = [i for i, line in enumerate(group) if find_entry_dates(line) is not None]
    if len(dated) <= 1:
        return [group]
    steps = {b - a for a, b in zip(dated, dated[1:], strict=False)}
    if len(steps) > 1 and dated[0] > 0:
        # The first job's header opens with undated lines ("Association of IT Professionals<tab>Clarion, PA" over its
        # dates): the undated lines after each dated one open the next job, however many roles an employer lists.
        starts = [0] + [a + 1 if b > a + 1 else b for a, b in zip(dated, dated[1:], strict=False)]
        return [group[a:b] for a, b in zip(starts, [*starts[1:], len(group)], strict=True)]
    offset = dated[0] if len(steps) == 1 and dated[0] < min(steps) else 0
    starts = [0] + [i - offset for i in dated[1:]]
    return [group[a:b] for a, b in zip(starts, [*starts[1:], len(group)], strict=True)]


def parse_experience(lines: list[str]) -> list[ExperienceEntry]:
    """Jobs in the order written: header lines (title, company, dates), then the lines describing them."""
    lines = entry_lines(lines)
    entries: list[ExperienceEntry] = []
    headers: list[_Header] = []
    dated_section = any(find_entry_dates(line) for line in lines if not is_bullet(line))
    group: list[str] = []

    def flush() -> None:
        nonlocal group
        if not group:
            return
        has_date = any(find_entry_dates(line) for line in group)
        if dated_section and not has_date:
            if entries:  # short undated lines between jobs describe the job above
                entries[-1].lines.extend(strip_bullet(line) for line in group)
            group = []
            return
        for chunk in _split_group(group):
            header = read_header(chunk)
            if entries and header.before:
                entries[-1].lines.extend(header.before)
            if not (header.title or header.company or header.dates):
                if entries:
                    entries[-1].lines.extend(header.after)
                continue
            company = header.company
            if not company and entries and headers and len(chunk) == 1 and (
                    headers[-1].company_line_alone or headers[-1].inherited):
                company = entries[-1].company  # another role at the same employer ("Deloitte" over three titles)
                header.inherited = bool(company)
            dates = header.dates
            entries.append(ExperienceEntry(
                title=display_case(header.title), company=display_case(company), dates=dates.text if dates else "",
                start=dates.start if dates else None, end=dates.end if dates else None,
                current=dates.current if dates else False,
                lines=([] if entries or not header.before else header.before) + header.after,
            ))
            headers.append(header)
        group = []

    for line in lines:
        if not line:
            if group and any(find_entry_dates(g) for g in group):
                flush()
            continue
        if _is_header_candidate(line):
            group.append(line)
            continue
        flush()
        if entries:
            entries[-1].lines.append(strip_bullet(line))
    flush()
    for entry in entries:
        if entry.company and not entry.title:
            entry.title = _title_in_words(entry.lines[:2])
    # An employer heading with its overall dates over the roles held there ("Association of IT Professionals" /
    # "Aug 2016 – Dec 2019" / "President…" / "Vice President…") is not a role of its own.
    return [entry for index, entry in enumerate(entries) if entry.title or entry.lines or not entry.company
            or index + 1 == len(entries) or entries[index + 1].company != entry.company]


_QUOTED_RE = re.compile(r"^[\"“‘'«]")


def parse_appointments(lines: list[str]) -> list[ExperienceEntry]:
    """Appointments an academic lists among fellowships and honours ("Senior Resident Fellow, Massey College, 2016-17"),
    for a resume with no work section: a list item of a title ending in a role noun, the organisation that appointed,
    and the dates closing the item. The organisation may come first ("Humanity in Action, Senior Fellow, 2014"). An
    item naming no organisation ("Echoing Green Global Fellow, 2015-17") or only an award ("Donald Gallup Fellowship,
    Beinecke Fellow") is an honour, and a talk's quoted title is no role."""
    entries: list[ExperienceEntry] = []
    for raw in lines:
        if not is_bullet(raw):
            continue
        line = strip_bullet(raw)
        found = find_entry_dates(line)
        if found is None or line[found.span[1]:].strip(" .") or _QUOTED_RE.match(line):
            continue
        pieces = [piece.strip() for piece in line[:found.span[0]].split(",") if piece.strip()]
        if len(pieces) < 2:
            continue
        if ROLE_END_RE.search(pieces[0]):
            title, employer = pieces[0], ", ".join(pieces[1:])
        elif len(pieces) == 2 and ROLE_END_RE.search(pieces[1]):
            title, employer = pieces[1], pieces[0]
        else:
            continue
        if ROLE_RE.search(employer) or AWARD_RE.search(employer) or is_location(employer):
            continue
        entries.append(ExperienceEntry(
            title=title, company=employer, dates=found.text, start=found.start, end=found.end, current=found.current,
        ))
    return entries
