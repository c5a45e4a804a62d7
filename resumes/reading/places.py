"""Places on a resume: postal addresses over one or several lines, and the town and region they give.

Knows "4567 Main Street, Buffalo, NY 14201", "88 Harbour Street" / "Toronto, ON M5J 2L6",
"Rua Augusta 120" / "1100-053 Lisbon" / "Portugal", "Sveavägen 44 – 113 59 Stockholm – Sweden" and
"Torstraße 140, 10119 Berlin, Germany". The names of towns and other names of regions live in
`resumes/reading/data/places.json`.
"""

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "places.json"

_TOWN = r"[A-ZÀ-Þ][\w'’.]*(?:[ -](?:[A-ZÀ-Þ][\w'’.]*|de|del|la|am|upon|on|sur|an der|am Main)){0,3}"
# Postal codes written before the town: "10119 Berlin", "1100-053 Lisbon", "113 59 Stockholm", "00-950 Warszawa".
_POSTAL_TOWN_RE = re.compile(rf"^(?P<code>\d{{4,5}}|\d{{4}}-\d{{3}}|\d{{3}}\s\d{{2}}|\d{{2}}-\d{{3}})\s+(?P<town>{_TOWN})$")
# And after it: "Toronto, ON M5J 2L6", "Buffalo, NY 14201", "London SW1A 1AA".
POSTAL_SUFFIX_RE = re.compile(r"\s+(?:\d{4,6}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$")
_STREET_WORDS = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|terrace|square|sq|parkway|"
    r"pkwy|highway|hwy|suite|apt|apartment|unit|floor|close|crescent|row|strasse|straße|str|weg|gasse|platz|rua|"
    r"avenida|calle|via|rue|vägen|gatan|vej|gade|laan|straat|plein"
)
_STREET_RE = re.compile(
    rf"^(?:\d{{1,6}}[a-zA-Z]?\s+[\w'’.]+(?:\s+[\w'’.]+){{0,5}}"  # "4567 Main Street", "1200 Orange Grove Ave"
    rf"|(?:[\w'’.]+\s+){{0,4}}[\w'’.]*(?:{_STREET_WORDS})\w*\.?\s+\d{{1,5}}[a-zA-Z]?"  # "Rua Augusta 120", "Torstraße 140"
    rf"|[A-ZÀ-Þ][\w'’.]+(?:\s+[A-ZÀ-Þ][\w'’.]+){{0,3}}\s+\d{{1,5}}[a-zA-Z]?)$"  # "Sveavägen 44"
    , re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")  # "Berlin, 2019": a town and a date, not a postcode
_POSTCODE_PIECE_RE = re.compile(r"^\d{3,6}(?:[ -]\d{2,4})?$")
_SPLIT_RE = re.compile(r"\s*[|•·◦▪♦◆●]\s*|\t|\s{3,}|;\s*|\s+[–—-]\s+|\s+l\s+")  # " l ": a bar drawn as an l
_LABEL_RE = re.compile(r"^(?:location|address|based in|city|home)\s*:?\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _labelled_re() -> re.Pattern:
    labels = json.loads(DATA_FILE.read_text(encoding="utf-8"))["location_labels"]
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})\s*[:：]\s*(?P<value>\S.*)$", re.IGNORECASE)


def labelled_place(part: str) -> str:
    """The place a label gives ("Location: Lisbon", "现居城市: 成都"), known town or not; "" for a street address (its
    town is read as any other) or anything longer than a place's name."""
    match = _labelled_re().match(part.strip())
    if not match:
        return ""
    value = match.group("value").strip(" ,.")
    if re.search(r"[\d@/]", value) or len(value.split()) > 4 or (" " not in value and len(value) > 24):
        return ""
    return value


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], dict[str, str]]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return (frozenset(town.casefold() for town in data["cities"]),
            {alias.casefold(): name for alias, name in data["region_aliases"].items()})


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import pycountry  # ISO 3166 names; loaded on the first question, once per process

    names = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                names.add(name.casefold())
                names.add(name.split(",")[0].casefold())  # "Iran, Islamic Republic of" is "Iran"
    return frozenset(names | {_unaccented(name) for name in names})


def is_country(text: str) -> bool:
    """A country by its ISO 3166 name, short or official ("Iran", "Türkiye", "Viet Nam")."""
    return text.strip().rstrip(".").casefold() in _countries()


# Kinds of ISO 3166-2 subdivisions that resumes write after a town ("Gharuan, Punjab", "Lyon, Auvergne-Rhône-Alpes").
_SUBDIVISION_TYPES = frozenset({
    "State", "Province", "Region", "Union territory", "Autonomous community", "Land", "Canton", "Federal district",
    "Territory", "Emirate", "Prefecture", "Autonomous region", "Voivodship", "Metropolitan region",
})
_GENERIC_PLACE_WORDS = frozenset({"centre", "center", "central", "north", "south", "east", "west", "northern", "southern",
                                  "eastern", "western", "capital", "coast", "islands", "est", "nord", "sud", "ouest"})


def _unaccented(text: str) -> str:
    """ISO 3166-2 writes "Karnātaka", "Mahārāshtra", "Tamil Nādu"; resumes write them without the marks."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _subdivisions() -> frozenset[str]:
    import pycountry

    names = {
        subdivision.name.casefold() for subdivision in pycountry.subdivisions
        if subdivision.type in _SUBDIVISION_TYPES and len(subdivision.name) > 4
        and subdivision.name.casefold() not in _GENERIC_PLACE_WORDS
    }
    return frozenset(names | {_unaccented(name) for name in names})


def is_subdivision(text: str) -> bool:
    """A state, province or region of any country by its ISO 3166-2 name ("Punjab", "Bavaria" is "Bayern",
    "Karnataka" is "Karnātaka")."""
    return text.strip().rstrip(".").casefold() in _subdivisions()


def is_town(text: str) -> bool:
    """A town we know by name ("Berlin", "Seongnam", "Kitchener-Waterloo")."""
    return text.strip().casefold() in _places()[0]


def region_alias(text: str) -> str | None:
    """The usual name of a region written another way ("S.Korea" → "South Korea"), or None."""
    return _places()[1].get(text.strip().casefold())


def is_street(text: str) -> bool:
    return len(text) <= 60 and _STREET_RE.match(text.strip()) is not None


@dataclass(frozen=True)
class Address:
    address: str  # as written, its lines joined with ", "; empty when only a town is given
    location: str  # "Town, Region"


def find_address(lines: list[str], *, is_location: Callable[[str], bool], is_region: Callable[[str], bool],
                 town_alone: bool = False) -> Address | None:
    """The first postal address or place in `lines` (the resume's header, then its footer). `is_location` and
    `is_region` are the resume parser's own tests ("Austin, TX" is a location; "Portugal" a region). A town we know
    with no region beside it ("Lisbon", "Leeds LS1 4AP") counts only with `town_alone`; a town whose region is on the
    next line ("Lahore, 54782" over "Punjab, Pakistan") always does."""
    for index, line in enumerate(lines):
        if town_alone:
            labelled = next((place for place in map(labelled_place, _SPLIT_RE.split(line)) if place), "")
            if labelled:
                return Address(address="", location=labelled)
        parts = [_place_words(_LABEL_RE.sub("", part)) for part in _SPLIT_RE.split(line)]
        parts = [part for part in parts if part and "@" not in part and "://" not in part and "www." not in part]
        for position, part in enumerate(parts):
            found = _place_in(part, is_location=is_location, is_region=is_region)
            if found is None:
                continue
            street, written, town, region = found
            after = parts[position + 1] if position + 1 < len(parts) else (
                lines[index + 1].strip() if index + 1 < len(lines) and position == len(parts) - 1 else "")
            below = _cell_below(lines, index, part)
            if not region and after and (is_region(after) or (position == len(parts) - 1 and is_location(after))):
                region, written = after, f"{written}, {after}"
            elif not region and below and (is_region(below) or is_location(below)):
                region, written = below, f"{written}, {below}"
            if not region and not town_alone:
                continue
            before = parts[position - 1] if position > 0 else (lines[index - 1].strip() if index and position == 0 else "")
            if not street and before and is_street(before):
                street = before
            location = (f"{town}, {region_alias(region) or region}" if region else town) if town else region
            return Address(address=", ".join(piece for piece in (street, written) if piece) if street else "",
                           location=location)
    return None


# What a contact line sets around a place with no mark between them: an address, a link, a phone number.
_NOT_PLACE_RE = re.compile(r"\S+@\S+|\S*://\S+|\bwww\.\S+|(?<![\w-])\+?\(?\d[\d ().-]{7,}\d(?![\w-])")
_WORK_MODE_AROUND_RE = re.compile(
    r"^(?:remote|hybrid|on-?site)\s*(?:[(,:–—-]\s*|\bin\s+)|\s*(?:[(,–—-]\s*|\s+)\(?(?:remote|hybrid|on-?site)\)?$",
    re.IGNORECASE,
)
_GREATER_AREA_RE = re.compile(r"^(?:greater\s+)?(?P<town>.+?)\s+(?:metropolitan\s+|metro\s+)?area$", re.IGNORECASE)


def _place_words(part: str) -> str:
    """The words of a contact cell that may name a place: "San Francisco, CA" from "jane@x.com +1 555 123 4567 San
    Francisco, CA", "Lisbon, Portugal" from "Remote (Lisbon, Portugal)", "Boston" from "Greater Boston Area"."""
    if "@" in part or "://" in part or "www." in part:
        rest = _NOT_PLACE_RE.sub("\t", part)
        cells = [cell.strip(" ,") for cell in rest.split("\t") if cell.strip(" ,")]
        part = cells[-1] if cells else ""
    part = _WORK_MODE_AROUND_RE.sub("", part.strip(" ,")).strip(" ,()")
    area = _GREATER_AREA_RE.match(part)
    if area and is_town(area.group("town")):
        part = area.group("town")
    return part


def _cell_below(lines: list[str], index: int, part: str) -> str:
    """The cell under `part` when the header is a table ("Lahore, 54782<tab>GitHub" over "Punjab, Pakistan<tab>…")."""
    if index + 1 >= len(lines) or "\t" not in lines[index] or "\t" not in lines[index + 1]:
        return ""
    column = next((i for i, cell in enumerate(lines[index].split("\t")) if part in cell), None)
    cells = lines[index + 1].split("\t")
    return cells[column].strip() if column is not None and column < len(cells) else ""


def _place_in(part: str, *, is_location, is_region) -> tuple[str, str, str, str] | None:
    """(street, the place as written, town, region) of one part of a line, or None."""
    pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
    for start in range(len(pieces)):
        street = ", ".join(pieces[:start])
        if start and not is_street(street):
            continue
        rest = pieces[start:]
        written = ", ".join(rest)
        bare = POSTAL_SUFFIX_RE.sub("", written)
        bare = re.sub(r"^([^\W\d_][\w'’. -]*?)\s+\d{4,6}(?=,)", r"\1", bare)  # "Kyiv 04208, Ukraine": the postcode after the town
        if len(rest) >= 2 and is_location(bare):
            *towns, region = [piece.strip() for piece in bare.split(",")]
            town = ", ".join(_postal_town(t) or t for t in towns)
            return street, written, town, region
        postal = _postal_town(rest[0])
        if postal and (len(rest) == 1 or (len(rest) == 2 and is_region(rest[1]))):
            return street, written, postal, rest[1] if len(rest) == 2 else ""
    # A known town alone, or with its postcode in a piece of its own: "Lisbon", "Lahore, 54782", "Leeds LS1 4AP".
    named = [piece for piece in pieces if not _POSTCODE_PIECE_RE.match(piece)]
    if len(named) == 1 and named[0] == pieces[0] and not _YEAR_RE.search(part):
        town = _postal_town(named[0]) or POSTAL_SUFFIX_RE.sub("", named[0]).strip()
        if is_town(town):
            return "", part, town, ""
    return None


def _postal_town(text: str) -> str:
    match = _POSTAL_TOWN_RE.match(text.strip())
    if not match or re.search(rf"\b(?:{_STREET_WORDS})\b", match.group("town"), re.IGNORECASE):
        return ""  # "4567 Main Street" is a street, not a postal code and a town
    return match.group("town")
