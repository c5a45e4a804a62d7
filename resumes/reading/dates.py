"""Dates as resumes write them: "Jan 2020 – Present", "2019–2021", "03/2018 - 06/2020", "Summer 2022".

A month makes the date exact. A year on its own reads as January of that year, at either end of a
range, so "2019 – 2021" counts two years rather than three; a range within one year
("2021 – 2021") reads as that whole year.
"""

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12, "spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 1,
}
# Months in French, Spanish, Portuguese, German and Italian, as whole words (their first three letters may be another
# month's: "juin" and "juillet").
_OTHER_MONTHS = {
    1: "janvier enero janeiro januar gennaio", 2: "février fevrier febrero fevereiro februar febbraio",
    3: "mars marzo março märz", 4: "avril abril aprile", 5: "mai mayo maio maggio", 6: "juin junio junho juni giugno",
    7: "juillet julio julho juli luglio", 8: "août aout agosto", 9: "septembre septiembre setiembre setembro settembre",
    10: "octobre octubre outubro oktober ottobre", 11: "novembre noviembre novembro", 12: "décembre decembre diciembre "
    "dezembro dezember dicembre",
}
_MONTHS.update({name: number for number, names in _OTHER_MONTHS.items() for name in names.split()})
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|fall|autumn|winter|"
    + "|".join(sorted((name for names in _OTHER_MONTHS.values() for name in names.split()), key=len, reverse=True))
    + r")\.?"
)
YEAR = r"(?:19[5-9]\d|20\d\d)"
POINT = (
    rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+)?{MONTH}\s*,?\s*['’]?{YEAR}|{MONTH}\s*['’]\d\d|\d{{1,2}}[/.]\d{{1,2}}[/.]{YEAR}|(?:0?[1-9]|1[0-2])\s*[/.]\s*{YEAR}"
    rf"|{YEAR}[-/.](?:0[1-9]|1[0-2])(?!\d)|{YEAR}\s*年\s*(?:0?[1-9]|1[0-2])\s*月?|{YEAR}\s*年?)"
)
PRESENT = (
    r"(?:present|current(?:ly)?|now|today|ongoing|to\s+date|date|continu(?:e|ing)|(?:till|until|up\s+to)\s+(?:now|date|today)"
    r"|至今|现在|今|настоящее\s+время|н\.\s?в\.|сейчас|heute|aujourd'hui|actualidad|presente|atual(?:mente)?|oggi|"
    r"in\s+corso|en\s+cours|actuel(?:lement)?|aktuell|bis\s+heute|obecnie|sekarang|günümüz|hoy)"
)
_SEPARATOR = r"\s*(?:-{1,2}|–{1,2}|—|‒|―|‐|‑|−|~|→|->|⟶|to|until|till|through|thru)\s*"
RANGE_RE = re.compile(
    rf"(?<![\w/.])(?:from\s+)?(?P<start>{POINT}){_SEPARATOR}(?P<end>{POINT}|{PRESENT})(?![\w/])", re.IGNORECASE
)
# Academic years and short ends: "2019/2020", "2017-18", "2016–17".
_YEARS_RE = re.compile(rf"(?<![\w/.+-])(?P<start>{YEAR})\s*(?:/|[-–—]\s*(?=\d\d(?!\d)))\s*(?P<end>{YEAR}|\d\d)(?![\w/%+])")
SINCE_RE = re.compile(rf"(?<![\w/.])(?:since|from)\s+(?P<start>{POINT})(?![\w/])", re.IGNORECASE)
POINT_RE = re.compile(
    rf"(?<![\w/.$£€#])(?:(?:expected|graduated|graduating|class\s+of|anticipated)\s*:?\s*)?(?P<point>{POINT})(?![\w/%+])",
    re.IGNORECASE,
)
_PRESENT_RE = re.compile(PRESENT, re.IGNORECASE)
_YEAR_RE = re.compile(YEAR)


@dataclass(frozen=True)
class DateRange:
    text: str  # as written
    start: str | None  # "YYYY-MM"
    end: str | None  # "YYYY-MM"; None when current
    current: bool
    span: tuple[int, int]  # where the text was found in its line


def _point(text: str) -> tuple[int, int | None] | None:
    """(year, month or None) of one written date."""
    lowered = text.lower().strip()
    years = _YEAR_RE.findall(lowered)
    if years:
        year = int(years[0])
    else:
        short = re.search(r"['’](\d\d)", lowered)
        if not short:
            return None
        year = 2000 + int(short.group(1)) if int(short.group(1)) < 50 else 1900 + int(short.group(1))
    word = re.match(r"(?:\d{1,2}(?:st|nd|rd|th|er)?\.?\s+)?([^\W\d_]+)", lowered)
    if word:
        key = word.group(1) if word.group(1) in _MONTHS else word.group(1)[:3]
        if key in _MONTHS:
            return year, _MONTHS[key]
    full = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.]\d{4}", lowered)
    if full:  # "15/09/2019" (Europass: day first); "09/15/2019" when the second number cannot be a month
        first, second = int(full.group(1)), int(full.group(2))
        month = second if 1 <= second <= 12 else first
        return (year, month) if 1 <= month <= 12 else (year, None)
    numeric = (re.fullmatch(r"(\d{1,2})\s*[/.]\s*\d{4}", lowered) or re.fullmatch(r"\d{4}[-/.](\d{2})", lowered)
               or re.fullmatch(r"\d{4}\s*年\s*(\d{1,2})\s*月?", lowered))
    if numeric:
        return year, int(numeric.group(1))
    return year, None


def _iso(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def find_range(line: str) -> DateRange | None:
    """The first date range in a line ("Jan 2020 – Present", "Since 2019"), or None."""
    match = RANGE_RE.search(line)
    if match:
        start = _point(match.group("start"))
        end_text = match.group("end")
        if start is None:
            return None
        if _PRESENT_RE.fullmatch(end_text.strip()):
            return DateRange(match.group(0).strip(), _iso(start[0], start[1] or 1), None, True, match.span())
        end = _point(end_text)
        if end is None:
            return None
        start_month = start[1] or 1
        end_month = end[1] or (12 if end[0] == start[0] and start[1] is None else 1)
        return DateRange(match.group(0).strip(), _iso(start[0], start_month), _iso(end[0], end_month), False, match.span())
    years = _YEARS_RE.search(line)
    if years:
        first, last = int(years.group("start")), years.group("end")
        end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
        if first <= end <= first + 10:
            return DateRange(years.group(0).strip(), _iso(first, 1), _iso(end, 12 if end == first else 1), False, years.span())
    since = SINCE_RE.search(line)
    if since:
        start = _point(since.group("start"))
        if start is not None:
            return DateRange(since.group(0).strip(), _iso(start[0], start[1] or 1), None, True, since.span())
    return None


_TRAILING_POINT_RE = re.compile(rf"\s*(?:,|\||–|—|\s-)\s*(?P<cell>(?:{MONTH}\s*,?\s*)?{YEAR})\s*$", re.IGNORECASE)


_TWO_YEARS_RE = re.compile(rf"(?P<first>(?:{MONTH}\s*,?\s*)?{YEAR})\s*(?:and|&|,)\s*(?P<last>{YEAR})", re.IGNORECASE)


def find_entry_dates(line: str) -> DateRange | None:
    """The dates of an entry's header line: a range, or one date alone in the line's last column ("Graduate Research
    Assistant<tab>September 2020"), read as a role that began and ended that month (a year alone: that year)."""
    found = find_range(line)
    if found is not None:
        return found
    if "\t" not in line:
        trailing = _TRAILING_POINT_RE.search(line)  # "Intern, Summer 2017"
        if trailing is None:
            return None
        parsed = _point(trailing.group("cell"))
        if parsed is None:
            return None
        year, month = parsed
        return DateRange(trailing.group("cell"), _iso(year, month or 1), _iso(year, month or 12), False, trailing.span("cell"))
    cell = line.rsplit("\t", 1)[1]
    point = POINT_RE.search(cell)
    offset = len(line) - len(cell)
    both = _TWO_YEARS_RE.fullmatch(cell.strip())
    if point is not None and both is not None:  # "Summer 2012 and 2013": the terms of one role, first to last
        first, last = _point(both.group("first")), int(both.group("last"))
        if first is not None and first[0] < last <= first[0] + 10:
            return DateRange(cell.strip(), _iso(first[0], first[1] or 1), _iso(last, first[1] or 12), False,
                             (offset, offset + len(cell)))
    if point is None or len(cell.strip()) > len(point.group(0)) + 2:
        return None
    parsed = _point(point.group("point"))
    if parsed is None:
        return None
    year, month = parsed
    start, end = _iso(year, month or 1), _iso(year, month or 12)
    return DateRange(point.group(0).strip(), start, end, False, (offset + point.start(), offset + point.end()))


def find_point(line: str) -> tuple[str, tuple[int, int]] | None:
    """A single written date ("May 2024", "Expected 2025", "2019") and where it is, or None."""
    match = POINT_RE.search(line)
    if match is None:
        return None
    return match.group(0).strip(), match.span()


def years_of_experience(ranges: list[tuple[str, str | None]], *, today: date | None = None) -> float | None:
    """Years covered by the union of (start, end) ranges; end None means to date. Overlaps count once."""
    today = today or date.today()
    now = today.year * 12 + today.month - 1
    intervals = []
    for start, end in ranges:
        sy, sm = (int(part) for part in start.split("-"))
        first = sy * 12 + sm - 1
        if end is None:
            last = now
        else:
            ey, em = (int(part) for part in end.split("-"))
            last = min(ey * 12 + em - 1, now)
        if first <= last:
            intervals.append((first, last))
    if not intervals:
        return None
    intervals.sort()
    total, (low, high) = 0, intervals[0]
    for first, last in intervals[1:]:
        if first <= high + 1:
            high = max(high, last)
        else:
            total += high - low + 1
            low, high = first, last
    total += high - low + 1
    return round(total / 12, 1)
