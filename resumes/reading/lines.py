"""Line-level helpers the field readers share: separators, descriptions, and re-casing text set in capitals."""

import re

from resumes.reading.dates import find_entry_dates, find_range
from resumes.reading.text import is_bullet, join_wrapped, starts_lowercase
from resumes.reading.vocabulary import (
    ACTION_VERB_RE,
    COMPANY_RE,
    CORPORATE_SUFFIXES,
    INSTITUTION_RE,
    ROLE_END_RE,
    ROLE_RE,
    SMALL_WORDS,
)

STRONG_SEPARATOR_RE = re.compile(r"\s+[|•·–—/]\s+|\s*\|\s*|\s+-\s+|(?<=[)）])-\s*(?=\S)|\t|\s+@\s+|;\s+")


DECORATION = " \t,;:()[]–—-|•·"
_EDGES = DECORATION.replace("(", "").replace(")", "")


def trim(text: str) -> str:
    """`text` without the separators and brackets around it, keeping a bracket that closes or opens one inside it:
    "Software Engineer (Front-End)," keeps its ")", "(Remote)" loses both."""
    text = re.sub(r"\s*[(\[]\s*[)\]]", "", text).strip(_EDGES)  # brackets emptied of their dates
    while True:
        if text.endswith("(") or text.startswith(")"):  # a bracket whose content was taken out (dates)
            text = (text[:-1] if text.endswith("(") else text[1:]).strip(_EDGES)
        elif text.endswith(")") and text.count(")") > text.count("("):
            text = text[:-1].strip(_EDGES)
        elif text.startswith("(") and text.count("(") > text.count(")"):
            text = text[1:].strip(_EDGES)
        elif text.startswith("(") and text.endswith(")") and text.count("(") == 1 and text.count(")") == 1:
            text = text[1:-1].strip(_EDGES)
        else:
            return text


_ABBREVIATED_END_RE = re.compile(rf"(?:\b(?:{CORPORATE_SUFFIXES}|jr|sr|st|dr|etc|dept|univ|no)|\.\w+|\b\w)\.$", re.IGNORECASE)


def without_full_stop(text: str) -> str:
    """A header field without the full stop some templates end every entry line with (moderncv writes "Job title,
    Employer, City." and "Degree, Institution, City."), keeping the stop of an abbreviation ("Acme Inc.", "B.Sc.")."""
    text = text.rstrip()
    if not text.endswith(".") or text.endswith("..") or _ABBREVIATED_END_RE.search(text):
        return text
    if len(text.rsplit(",", 1)[-1].split()) > 4:
        return text  # a sentence, not a field
    return text[:-1].rstrip()


def display_case(text: str) -> str:
    """A title or a name set in capitals, as it is normally written: "MARKETING MANAGER" → "Marketing Manager",
    "CORNELL UNIVERSITY" → "Cornell University"; short words in capitals stay ("SRE", "IBM", "UX")."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(text.split()) < 2 or not all(ch.isupper() for ch in letters):
        return text  # one word in capitals may be how the brand is written ("XING", "BBVA", "DATADOG")

    def word(match: re.Match) -> str:
        token = match.group(0)
        if token.lower() in SMALL_WORDS and match.start() > 0:
            return token.lower()
        return token if len(token) <= 3 else token.capitalize()

    return re.sub(r"[^\W\d_]+(?:['’][^\W\d_]+)?", word, text)


def starts_with_action_verb(text: str) -> bool:
    """ "Managed a team…", "Built…"; not an acronym in capitals that spells a verb ("RAN Assistant Manager")."""
    match = ACTION_VERB_RE.match(text)
    return match is not None and not (match.group(0).isupper() and len(match.group(0)) > 1)


_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def is_description(text: str) -> bool:
    if len(_CJK_RE.findall(text)) >= 20 or re.match(r"^[\u3400-\u9fff]{2,8}\s*[:：]", text):
        return True  # Chinese is written without spaces: a sentence, or a "宣传策划:" label before one
    words = text.split()
    if len(words) <= 6 and ROLE_END_RE.search(text):
        return False  # "Managing Director", "Working Student", "Leading Hand" name a role
    if starts_with_action_verb(text):
        return True
    if len(words) > 12:
        return True
    abbreviation = re.search(rf"\b(?:{CORPORATE_SUFFIXES}|jr|sr|st)\.$", text, re.IGNORECASE)
    return text.endswith(".") and not abbreviation and len(words) > 4


_DURATION_RE = re.compile(r"^(?:\d+\s*(?:yrs?|years?|mos?|months?)\s*)+$|^less than a year$", re.IGNORECASE)


def _is_date_cell(cell: str) -> bool:
    found = find_range(cell)
    return found is not None and len(cell.strip()) <= len(found.text) + 3


def _is_meta_line(line: str) -> bool:
    """A line of icon-led facts about an entry (AltaCV: a calendar icon and the dates, a pin and the place): every
    cell a date range or a place, one of them the dates."""
    from resumes.reading.contact import is_location  # the contact reader builds on these helpers

    cells = [trim(cell) for cell in line.split("\t") if trim(cell)]
    return any(_is_date_cell(cell) for cell in cells) and all(_is_date_cell(cell) or is_location(cell) for cell in cells)


def _is_bulleted_header(line: str, following: list[str]) -> bool:
    """ "• Google<tab>Mountain View, CA" over "Software Engineer<tab>Oct 2016 – Present" (Jake's resume and its
    relatives mark each employer with a bullet): an organisation and its place, then a dated line that is no bullet."""
    from resumes.reading.contact import is_location

    cells = [trim(cell) for cell in line.split("\t") if trim(cell)]
    return (len(cells) == 2 and is_location(cells[1]) and len(cells[0].split()) <= 8 and bool(following)
            and not is_bullet(following[0]) and find_entry_dates(following[0]) is not None)


def _is_role_item(line: str) -> bool:
    """ "• Senior Software Engineer (2020 – Present)": a list item that is a title and its dates, nothing more."""
    text = line[1:].strip()
    found = find_range(text)
    if found is None or starts_with_action_verb(text):
        return False
    title = trim(text[:found.span[0]] + " " + text[found.span[1]:])
    return (bool(title) and len(title.split()) <= 8 and ROLE_RE.search(title) is not None and not title.endswith(".")
            and ":" not in title)  # "• Previous statuses: Member: Jan 2020 – Sep 2020" is a note, not a role


def _roles_listed_under_employer(lines: list[str]) -> list[str]:
    """Roles listed as items under their employer ("Google (2018 – Present)" / "- Senior Engineer (2020 – Present)" /
    "- Engineer (2018 – 2020)") read as an employer line over dated titles: the items lose their bullet and the
    employer line its overall dates, so each title takes the employer."""
    out = list(lines)
    for index, line in enumerate(out):
        if not (is_bullet(line) and _is_role_item(line)):
            continue
        out[index] = line[1:].strip()
        above = next((i for i in range(index - 1, -1, -1) if out[i] and not is_bullet(out[i])), None)
        if above is not None and _is_employer_line(out[above]):
            found = find_range(out[above])
            out[above] = trim(out[above][:found.span[0]] + " " + out[above][found.span[1]:])
    return out


def _is_employer_line(line: str) -> bool:
    found = find_range(line)
    if found is None:
        return False
    rest = trim(line[:found.span[0]] + " " + line[found.span[1]:])
    return bool(rest) and len(rest.split()) <= 6 and ROLE_RE.search(rest) is None


def entry_lines(lines: list[str]) -> list[str]:
    """The lines of a list of entries (roles, degrees) as a reader sees them, before their headers are read.

    Empty list items go; roles listed as items under their employer become header lines; an icon-led line of dates
    and place, or a bulleted employer over a dated title, is a header line. Some layouts (RenderCV, moderncv's
    relatives) set the dates and a duration ("4 months") in a right column whose rows fall beside the first bullets
    rather than beside the header, so the text reads "• Built X<tab>May 2022 – Aug 2022": the date goes back to the
    header above when that header has none, the duration is dropped, and a bullet the column cut in two ("submis-" /
    "sions") is joined again.
    """
    out: list[str] = []
    header_at: int | None = None  # index in `out` of the last header line (not a bullet)
    lines = _roles_listed_under_employer([line for line in lines if line.strip() != "•"])  # "•" alone: an empty item
    for position, line in enumerate(lines):
        if is_bullet(line) and (_is_meta_line(line) or _is_bulleted_header(line, lines[position + 1:position + 2])):
            line = "\t".join(trim(cell) for cell in line.split("\t"))  # "• July 2012 – Ongoing<tab>• Sunnyvale, CA"
        cells = line.split("\t")
        if len(cells) > 1 and _DURATION_RE.match(cells[-1].strip()):
            cells = cells[:-1]
        moved = ""
        if is_bullet(line) and len(cells) > 1 and _is_date_cell(cells[-1]):
            moved, cells = cells[-1].strip(), cells[:-1]
        text = "\t".join(cells)
        if moved and header_at is not None and find_range(out[header_at]) is None:
            out[header_at] = f"{out[header_at]}\t{moved}"
        elif moved:
            text = f"{text}\t{moved}"
        if out and text and not is_bullet(text) and "\t" not in text and is_bullet(out[-1]) and starts_lowercase(text):
            out[-1] = join_wrapped(out[-1], text)  # "submis-" + "sions"
            continue
        out.append(text)
        if text and not is_bullet(text):
            header_at = len(out) - 1
        elif not text:
            header_at = None
    return out


_ACRONYM_RE = re.compile(r"^[A-Z][A-Z&@.]{1,7}$")


def split_fields(line: str) -> list[str]:
    """A header line cut at its strong separators, keeping an acronym with the name it stands for ("PUCIT - University
    of the Punjab" is one field)."""
    pieces = STRONG_SEPARATOR_RE.split(line)
    out: list[str] = []
    for piece in pieces:
        if out and out[-1].count("(") > out[-1].count(")") and piece.strip(" )"):
            out[-1] = f"{out[-1]}; {piece}" if f"{out[-1]}; {piece}" in line else f"{out[-1]} {piece}"  # "BA (Philosophy; Music)"
        elif out and _ACRONYM_RE.match(out[-1].strip()) and (INSTITUTION_RE.search(piece) or COMPANY_RE.search(piece)) \
                and f"{out[-1]} - {piece}" in line:
            out[-1] = f"{out[-1].strip()} - {piece.strip()}"
        else:
            out.append(piece)
    return out
