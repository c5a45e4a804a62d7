"""Degrees: the schooling a resume lists, each with its degree, school and dates."""

import json
import re
from functools import lru_cache
from pathlib import Path

from resumes.reading.contact import is_location, is_region, strip_location
from resumes.reading.dates import MONTH, YEAR, find_point, find_range
from resumes.reading.lines import display_case, entry_lines, is_description, split_fields, trim, without_full_stop
from resumes.reading.places import is_town
from resumes.reading.schemas import EducationEntry
from resumes.reading.text import is_bullet, strip_bullet
from resumes.reading.vocabulary import AWARD_RE, COMPANY_RE, EDUCATION_NOISE_RE, INSTITUTION_RE

_DEGREE_RE = re.compile(
    r"\b(?:bachelor(?:'s|s)?|master(?:'s|s)?|doctor(?:ate)?(?: of)?|ph\.?\s?d\.?|associate(?:'s)? (?:degree|of|in)|"
    r"diploma|certificate|high school|ged|mba|m\.b\.a\.?|b\.?eng|m\.?eng|b\.?tech|m\.?tech|bsn|msn|adn|dnp|bba|"
    r"b\.?com|mph|llb|ll\.b|llm|ll\.m|j\.d\.|juris doctor|m\.?d\.|a\.a\.s?\.?|b\.?f\.?a|m\.?f\.?a|m\.?ed|ed\.?d|"
    r"postgraduate|undergraduate|degree|a-levels?|gcses?|abitur|licence|licenciatura|bscn|b\.?sc\.?n|bcomm?|pharm\.?d|"
    r"dds|dvm|psy\.?d|msw|bsw|mpa|mpp|b\.?arch|m\.?arch|b\.?ed|dpt|mphil|dphil|d\.phil|b\.?s\.?n|"
    r"dr\.?\s?(?:rer|med|phil|ing|jur)\.?(?:\s?(?:nat|pol|oec|soc)\.?)?|dipl\.?[- ]?(?:ing|kfm|inf|math|phys)\.?|diplom|"
    r"magist(?:er|ra|ro)|ma[iî]trise|laurea(?: magistrale| triennale)?|mestrado|bacharelado|licenciado|"
    r"ingenier[oí]a?|engineer['’]s degree|hnd|hnc|btec|nvq|ib diploma|foundation degree|bakalavr|magistr|licentiate|"
    r"bca|mca|m\.?com|b\.?pharm|m\.?pharm|mbbs|bds|bvsc|m\.phil|pgdm|pgd(?:ip)?|pgce|postgraduate diploma|"
    r"graduate (?:certificate|diploma)|intermediate(?=\s*(?:\(|$|in\b|[-–,]))|hssc|sslc|f\.?sc|i\.?com|"
    r"(?:class|std\.?|standard)\s+(?:x|xii|10|12)(?:th)?|1[02]th\s+(?:grade|standard|class)|"
    r"(?:yüksek\s+)?lisans|önlisans|sarjana|bachiller(?:ato)?|maturit[àa]|matura|staatsexamen|"
    r"tecn[oó]logo|t[eé]cnico\s+superior|"
    r"(?<![\w.])(?:a\.b|s\.b|s\.m|b\.e|m\.e|b\.s\.e|m\.s\.e|b\.a\.sc|m\.a\.sc)\.)(?:\b|(?<=\.))"
    r"|\b(?:B\.?S\.?c?|B\.?A\.?|M\.?S\.?c?|M\.?A\.?|B\.?Sc|M\.?Sc|BS|BA|MS|MA|AS|AA|AAS|BEng|MEng|BSc|MSc)\b(?=[\s,.]|$)"
    r"|(?:硕士|本科|博士|学士|研究生|专科|大专)|\b(?:бакалавр|магистр|специалист)|\b(?:sijil|ijazah)\b"
    r"|\b(?:matric(?:ulation)?|grade\s+1[0-2]|o-levels?|hsc|ssc|(?:higher\s+|senior\s+)?secondary(?=\s*(?:\(|school|$))|"
    r"baccalaur[eé]ate?|national\s+senior\s+certificate|nsc)\b",
    re.IGNORECASE,
)


_DEGREE_ABBREVIATIONS = re.compile(
    r"^(?:B\.?S\.?c?|B\.?A\.?|M\.?S\.?c?|M\.?A\.?|BS|BA|MS|MA|AS|AA|AAS|A\.B\.|S\.B\.|S\.M\.|B\.E\.|M\.E\.)$")


# What a line adds to a degree's name that is not the degree: a grade, an honour, a status.
_DEGREE_EXTRA_RE = re.compile(
    r"\s*(?:\((?=[^)]*\b(?:c?gpa|grade(?!\s*\d)(?<!\d(?:st|nd|rd|th) grade)|cum laude|honou?rs|distinction|incomplete|"
    r"ongoing|expected|in progress|first class|merit|dean)\b)[^)]*\)?"
    r"|,?\s*\b(?:with\s+)?(?:(?:high|highest|first[- ]class)\s+)?(?:distinction|honou?rs)$"
    r"|,?\s*(?:magna |summa )?cum laude$"
    r"|[,;]?\s*\(?(?:c?gpa|percentage|score|marks)\b.*$)",
    re.IGNORECASE,
)


_IN_PROGRESS_RE = re.compile(r"^(?:currently\s+)?(?:pursuing|studying|enrolled in|completing)\s+(?:an?\s+|the\s+)?",
                             re.IGNORECASE)


def degree_name(text: str) -> str:
    """The degree without the grade, honour or status written beside it: "B.S. Computer Science (cum laude)" → "B.S.
    Computer Science", "BACHELOR OF COMPUTER SCIENCE WITH DISTINCTION" → "BACHELOR OF COMPUTER SCIENCE", "Pursuing
    B.Tech in IT" → "B.Tech in IT"."""
    cleaned = _DEGREE_EXTRA_RE.sub("", text).strip(" ,;-–")
    status = _IN_PROGRESS_RE.match(cleaned)
    if status and _degree_at_start(cleaned[status.end():]):
        cleaned = cleaned[status.end():]
    return cleaned or text


def _degree_at_start(text: str) -> bool:
    match = _DEGREE_RE.search(text)
    return match is not None and match.start() == 0


_STRONG_DEGREE_RE = re.compile(r"\b(?:diploma|degree|bachelor|master|certificate|ged|associate of|doctor of)\b", re.IGNORECASE)


def _degree_part(text: str) -> bool:
    """A degree, also when it names a kind of school ("High School Diploma")."""
    return is_degree(text) and (not INSTITUTION_RE.search(text) or bool(_STRONG_DEGREE_RE.search(text))
                                 and not re.search(r"\b(?:university|college|institute)\b", text, re.IGNORECASE))


_CJK_SCHOOL_RE = re.compile(r"(?:大学|学院|学校|中学)$")


def _institution_part(text: str) -> bool:
    return bool(INSTITUTION_RE.search(text) or _CJK_SCHOOL_RE.search(text)) and not _degree_part(text)


def is_degree(text: str) -> bool:
    match = _DEGREE_RE.search(text)
    if not match:
        return False
    # "MA" or "AS" alone in a sentence is a state or a word; a degree abbreviation leads its part.
    short = match.group(0).isupper() and len(match.group(0)) <= 3
    if short and match.start() > 0 and not _DEGREE_ABBREVIATIONS.match(text.strip()):
        return text.strip().upper().startswith(match.group(0))
    return True


def parse_education(lines: list[str]) -> list[EducationEntry]:
    """Degrees with their institutions and dates, filling one entry until a second degree or school shows up."""
    lines = entry_lines(lines)
    entries: list[EducationEntry] = []
    current: EducationEntry | None = None
    school_first: bool | None = None  # the first school was written on a line before its degree

    def start() -> EducationEntry:
        entry = EducationEntry()
        entries.append(entry)
        return entry

    for position, raw in enumerate(lines):
        if not raw:
            continue
        line = strip_bullet(raw)
        if EDUCATION_NOISE_RE.match(line) or (_HONOUR_LINE_RE.search(line) and not is_degree(line)) or _is_award(line):
            noted = find_range(line) if current is not None and not current.dates and "\t" in line else None
            if noted is not None:
                current.dates = noted.text  # "Main Interests: CS, Neuroscience<tab>2016 – 2019": the school's dates
            continue
        graduation = _GRADUATION_RE.search(line)
        if graduation and current is not None and (not current.dates or _ends_present(current.dates)):
            current.dates = graduation.group(0)  # "Expected: Spring 2023" says when the degree ends
        dates_text = ""
        found = find_range(line)
        if found is not None:
            dates_text = found.text
            line = line[:found.span[0]] + "\t" + line[found.span[1]:]
        else:
            point = find_point(line)
            if point is not None:
                dates_text = point[0]
                line = line[:point[1][0]] + "\t" + line[point[1][1]:]
        if graduation and graduation.group(0) in line:
            line = line.replace(graduation.group(0), "\t")  # "…, Expected: Spring 2023": a date, not a field
        labelled = _DEGREE_LABEL_RE.split(line, maxsplit=1)
        if len(labelled) == 2 and trim(labelled[1]):
            # "Kyiv Transport College. Degree - Junior Specialist in land surveying": the label says which is which.
            line = labelled[0]
        parts = [p for p in _education_parts(line) if not EDUCATION_NOISE_RE.match(p)]
        degree = next((p for p in parts if _degree_part(p)), "")
        institution = next((p for p in parts if _institution_part(p)), "")
        if len(labelled) == 2 and trim(labelled[1]):
            degree = trim(labelled[1])
            institution = institution or next((p for p in parts if _looks_like_org(p)), "")
        institution = _IN_TOWN_RE.sub(r"\1", institution)  # "National Transport University in Kyiv"
        if degree and not institution:
            # "Google Data Analytics Certificate, Coursera", "HTW Berlin — B.Sc. Applied Computer Science".
            institution = next((p for p in parts if p != degree and _looks_like_org(p) and not _is_field_of_study(p)
                                and not is_degree(p)), "")
        if degree and institution and not _institution_part(institution) and _looks_like_field(institution) and not re.search(
                r"[\d:%]", institution) and _school_follows(lines[position + 1:]):
            # "Associate of Applied Science, Web Development" over "Community College of Philadelphia": the field.
            degree, institution = f"{degree}, {institution}", ""
        if not degree and not institution and current is not None and current.degree and not current.institution:
            institution = next((p for p in parts if _looks_like_org(p)), "")
        if not degree and not institution and current is not None and current.institution and not current.degree:
            degree = next((p for p in parts if _looks_like_field(p)), "")
        elif (not degree and not institution and not dates_text and current is not None and current.degree
              and position > 0 and lines[position - 1] and _degree_part(strip_bullet(lines[position - 1]).split("\t")[0])
              and len(parts) == 1 and _looks_like_field_line(degree_name(line)) and "," not in current.degree
              and not is_bullet(raw) and not re.search(r"[:：]", line)):
            # "Master of Arts<tab>June 2009" over "Political Science and Ethnic Studies": the degree's field.
            current.degree = f"{current.degree}, {degree_name(line).strip()}"
            continue
        if school_first is None and (degree or institution):
            school_first = bool(institution) and not degree
        if degree:
            if current is None or current.degree:
                previous = current
                current = start()
                if school_first and not institution and previous is not None and previous.institution \
                        and not _undated_school_follows(lines[position + 1:]):
                    current.institution = previous.institution  # "Yale University" over a PhD, an MPhil and an MA
            current.degree = degree
        if institution:
            if current is None or (current.institution and not degree):
                current = start()
            current.institution = current.institution or institution
        if graduation and (degree or institution) and current is not None:
            dates_text = graduation.group(0)
        if dates_text and current is not None and (not current.dates or (graduation and _ends_present(current.dates))):
            current.dates = dates_text
        elif dates_text and (current is None or (not degree and not institution and not parts and not graduation
                                                 and current.dates and (current.degree or current.institution))):
            # Dates on a line of their own after a dated entry open the next one ("2015" over "National Senior
            # Certificate" over "Soweto High School").
            current = start()
            current.dates = dates_text
    for entry in entries:
        entry.institution, field_of_study = _school_and_field(entry.institution)
        if field_of_study and _DEGREE_ABBREVIATIONS.match(entry.degree.strip()):
            entry.degree = f"{entry.degree}, {field_of_study}"  # "BS" beside "Boğaziçi University, Computer Engineering"
        entry.degree, entry.institution = display_case(degree_name(entry.degree)), display_case(entry.institution)
    return [entry for entry in entries if entry.degree or entry.institution]


_GRADUATION_RE = re.compile(
    rf"\b(?:expected|anticipated|graduat(?:ed|ing|ion)|class\s+of)(?:\s+graduation)?\s*:?\s*(?P<when>(?:{MONTH}\s*,?\s*)?{YEAR})",
    re.IGNORECASE,
)


_LEVEL_WORDS = frozenset({"undergraduate", "postgraduate"})


def _is_award(line: str) -> bool:
    """A prize or grant listed under a degree ("Undergraduate Student Research Award from NSERC", "MOST Research Grant
    for Undergraduate Students"): award words, and no degree but the level of the student it was given to."""
    return AWARD_RE.search(line) is not None and not any(
        match.group(0).lower() not in _LEVEL_WORDS for match in _DEGREE_RE.finditer(line))


def _ends_present(dates: str) -> bool:
    found = find_range(dates)
    return found is not None and found.current


_LEADING_DEGREE_RE = re.compile(
    r"^((?:Ph\.?\s?D|B\.?S\.?c?|M\.?S\.?c?|B\.?A|M\.?A|MBA|BEng|MEng|BSc|MSc|LLB|LLM|MD|JD)\.?)\s+(?=[A-Z])"
)
_DEGREE_LABEL_RE = re.compile(r"[.,;]?\s*\b(?:degree|qualification|diploma)\s*[-:–]\s*", re.IGNORECASE)
_IN_TOWN_RE = re.compile(r"\b(university|college|institute|school|academy)\s+in\s+[A-Z][\w'’-]+$", re.IGNORECASE)
_HONOUR_LINE_RE = re.compile(r"\bdean['’]?s\s+list\b|\bhonou?r\s+roll\b", re.IGNORECASE)
_FACULTY_RE = re.compile(r"\b(?:faculty|department|dept\.?)\b", re.IGNORECASE)


def _school_and_field(institution: str) -> tuple[str, str]:
    """The school without a faculty or a field of study written after it: ("Boğaziçi University", "Computer
    Engineering") from "Boğaziçi University, Computer Engineering"; "…University, AI faculty" is the university."""
    pieces = [piece.strip() for piece in institution.split(",")]
    if len(pieces) < 2 or not INSTITUTION_RE.search(pieces[0]):
        return institution, ""
    last = pieces[-1]
    if _FACULTY_RE.search(last) and not INSTITUTION_RE.search(last):
        return ", ".join(pieces[:-1]), ""
    if _is_field_of_study(last):
        return ", ".join(pieces[:-1]), last
    return institution, ""


def _undated_school_follows(rest: list[str]) -> bool:
    """The next line names a school without dates: the school of the degree above it, not a heading over the next
    degrees ("Associate Degree … 2008 – 2010" over "Northern Virginia Community College, Annandale, VA")."""
    following = next((line for line in rest if line), "")
    return _school_follows(rest) and find_range(following) is None and find_point(following) is None


def _school_follows(rest: list[str]) -> bool:
    following = next((line for line in rest if line), "")
    return bool(following) and any(_institution_part(part) for part in _education_parts(strip_bullet(following))) and not any(
        _degree_part(part) for part in _education_parts(strip_bullet(following)))


# "Institution, City, Grade: 1.3." (moderncv): the grade after the school and its place.
_GRADE_TAIL_RE = re.compile(r",\s*(?:(?:final\s+)?grade|c?gpa|marks?|score|percentage)\b[^,]*$", re.IGNORECASE)


def _education_parts(line: str) -> list[str]:
    pieces = [trim(without_full_stop(_GRADE_TAIL_RE.sub("", piece))) for piece in split_fields(line)]
    # "电子科技大学-985-新闻与传播 硕士": Chinese joins school, rank and degree with bare hyphens.
    pieces = [cell for piece in pieces for cell in (piece.split("-") if _CJK_SCHOOL_RE.search(piece.split("-")[0]) else [piece])]
    parts: list[str] = []
    for piece in pieces:
        if not piece or (is_location(piece) and not INSTITUTION_RE.search(piece.split(",")[0])):
            continue  # a place on its own, not "Sharif Polytechnic, Tehran, Iran" (a school before its place)
        piece = _without_place(piece)
        if not piece:
            continue
        school, _, country = piece.rpartition(",")
        if school and INSTITUTION_RE.search(school) and is_region(country.strip()) and not is_degree(school):
            piece = school.strip()  # "University of Cape Town, South Africa": the school without its country
        lead = _LEADING_DEGREE_RE.match(piece)
        if lead and _institution_part(piece[lead.end():].split(",")[0]):
            # "PhD Princeton University, Computer Science": the degree set before the school it was taken at.
            school, _, field_of_study = piece[lead.end():].partition(",")
            parts.extend([f"{lead.group(1)}, {field_of_study.strip()}" if field_of_study.strip() else lead.group(1), school])
            continue
        joined = next((f"{parts[-1]}{dash}{piece}" for dash in (" - ", " – ", " — ")
                       if parts and f"{parts[-1]}{dash}{piece}" in line), "")
        if joined and _degree_part(parts[-1]) and _is_track(piece):
            # "Bachelor of Science - Information Technology", "M.S. Computer Science – Interactive Intelligence":
            # a field or track after a dash belongs to the degree.
            parts[-1] = joined
            continue
        glued = _degree_and_school(piece)
        if glued:
            parts.extend(glued)  # "MASTER OF SCIENCE IN INFORMATICS Sofia University": one line, two fields
            continue
        at_school = re.split(r"\s+at\s+(?=[A-Z])", piece, maxsplit=1)
        if len(at_school) == 2 and is_degree(at_school[0]) and _institution_part(at_school[1]):
            parts.extend(at_school)  # "Bachelor’s Degree at Belarusian State University"
            continue
        if "," in piece and INSTITUTION_RE.search(piece) and any(is_degree(c) for c in piece.split(",")):
            # "M.Sc. in Computer Engineering, Sharif University of Technology, Tehran, Iran, GPA 3.8": the degree is
            # what comes before the school (after it, when the school comes first), without places and grades.
            commas = [c.strip() for c in piece.split(",") if c.strip()]
            institution = [c for c in commas if _institution_part(c)]
            first = commas.index(institution[0]) if institution else 0
            around = commas[:first] if first > 0 else commas[first + 1:]
            # Before the school, "MS" or "MA" is the degree, not a state ("MS, Electrical Engineering, University of …").
            rest = [c for c in around if not _institution_part(c) and not EDUCATION_NOISE_RE.match(c)
                    and (not _is_place(c) or (first > 0 and _DEGREE_ABBREVIATIONS.match(c)))]
            parts.extend([", ".join(rest), *institution])
        elif "," in piece and _DEGREE_ABBREVIATIONS.match(piece.split(",")[0].strip()):
            parts.append(piece)  # "B.S., Computer Science"
        elif "," in piece and all(is_degree(cell) for cell in piece.split(",")):
            parts.append(piece)  # "BSN, Bachelor of Science in Nursing": one degree by two names
        elif "," in piece and is_degree(piece.split(",")[0]) and not _is_field_of_study(piece.rsplit(",", 1)[1]):
            head, tail = piece.rsplit(",", 1)
            parts.extend([head, tail])  # "Google Data Analytics Certificate, Coursera"
        else:
            parts.append(piece)
    return [trim(part) for part in parts if trim(part)]


_SUFFIX_DEGREE_RE = re.compile(r"(?:diploma|certificate|degree|high school|(?:higher |senior )?secondary|matric|ged|"
                               r"[ao]-levels?|gcses?|hsc|ssc|nsc)", re.IGNORECASE)
_FIELD_AFTER_RE = re.compile(r"\b(?:in|of)\s+(?=[A-Z])")


def _degree_and_school(piece: str) -> list[str]:
    """A degree and its school written on one line with nothing between them but a change of case or of words:
    "MASTER OF SCIENCE IN INFORMATICS Sofia University" (the degree in capitals), "Sofia University Bachelor of
    Science" (the school first), "Bachelor of Science in Computer Science Stanford University" (a known field of
    study, then the school). Empty when the line is not so written."""
    if re.search(r"[,|;:–—\t]", piece) or not INSTITUTION_RE.search(piece) or not is_degree(piece):
        return []
    words = piece.split()
    capitals = 0
    while capitals < len(words) and not any(ch.islower() for ch in words[capitals]):
        capitals += 1
    if 1 <= capitals < len(words) and words[capitals][0].isupper():
        degree, school = " ".join(words[:capitals]), " ".join(words[capitals:])
        if _degree_part(degree) and _institution_part(school):
            return [degree, school]
    first = _DEGREE_RE.search(piece)
    # The school first, then a degree named by its own word ("Sofia University Bachelor of Science"); not a word that
    # ends a certificate's name ("West African Senior School Certificate", "High School Diploma").
    if first is not None and first.start() > 0 and first.group(0).lower() not in _LEVEL_WORDS \
            and not _SUFFIX_DEGREE_RE.match(first.group(0)):
        school, degree = piece[:first.start()].strip(), piece[first.start():].strip()
        if _institution_part(school) and _degree_part(degree) and not INSTITUTION_RE.search(degree):
            return [degree, school]
    if first is None or first.start() > 0:
        return []
    cuts = [match.end() for match in re.finditer(r"\b(?:diploma|degree|certificate)\b", piece, re.IGNORECASE)]
    for field_start in _FIELD_AFTER_RE.finditer(piece):
        rest = piece[field_start.end():].casefold()
        known = [name for name in _fields_of_study() if rest.startswith(f"{name.casefold()} ")]
        if known:
            cuts.append(field_start.end() + len(max(known, key=len)))
    for cut in sorted(cuts, reverse=True):
        degree, school = piece[:cut].strip(), piece[cut:].strip()
        if school[:1].isupper() and _degree_part(degree) and _institution_part(school):
            return [degree, school]
    return []


def _without_place(piece: str) -> str:
    """A school or degree without the place written after it: "Universität Heidelberg, Germany" is the university,
    "Vellore Institute of Technology, Vellore" too (the town its name already says)."""
    school, place = strip_location(piece)
    cells = [cell.strip() for cell in piece.split(",")]
    if not school and INSTITUTION_RE.search(cells[0]):
        return cells[0]  # the whole piece looked like "Town, Country", but its first part is a school
    cells = [cell.strip() for cell in school.split(",")]
    if len(cells) >= 2 and INSTITUTION_RE.search(cells[0]) and len(cells[-1].split()) == 1 \
            and re.search(rf"\b{re.escape(cells[-1])}\b", cells[0]):
        return ", ".join(cells[:-1])
    return school


def _is_track(text: str) -> bool:
    """What follows a degree after a dash and still names it: a field of study or a track ("Interactive
    Intelligence", "Distributed Systems track"), not a school, a place, a grade or a sentence."""
    return (_is_field_of_study(text) or _looks_like_field(text) and len(text.split()) <= 5) and not (
        _institution_part(text) or _is_place(text) or EDUCATION_NOISE_RE.match(text) or re.search(r"[\d:%]", text))


@lru_cache(maxsize=1)
def _fields_of_study() -> frozenset[str]:
    data = json.loads((Path(__file__).resolve().parent / "data" / "education.json").read_text(encoding="utf-8"))
    return frozenset(field.casefold() for field in data["fields"])


def _is_field_of_study(text: str) -> bool:
    return text.strip().casefold() in _fields_of_study()


def _is_place(text: str) -> bool:
    text = text.strip().rstrip(".")
    return is_location(text) or is_region(text) or is_town(text)


def _looks_like_org(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 7 and all(w[0].isupper() for w in words if w.isalpha() and len(w) > 3) and not is_description(text)


def _looks_like_field(text: str) -> bool:
    return _looks_like_org(text) and not COMPANY_RE.search(text)


def _looks_like_field_line(text: str) -> bool:
    """A field of study on its own line under its degree, which may name several fields ("Political Science and
    Ethnic, Immigration, and Pluralism Studies"): a few more words than a school's name, each longer one capitalised."""
    words = [word.strip(",;()") for word in text.split()]
    return (1 <= len(words) <= 12 and all(w[0].isupper() for w in words if w.isalpha() and len(w) > 3)
            and not is_description(text) and not COMPANY_RE.search(text))
