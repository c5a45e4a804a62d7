"""Contact details: the name, e-mail, phone, links and the place a resume gives, and which lines hold them."""

import re
from functools import lru_cache

import phonenumbers

from resumes.reading.dates import find_range
from resumes.reading.places import find_address, is_country, is_street, is_subdivision, is_town, region_alias
from resumes.reading.sections import heading_of
from resumes.reading.taxonomy import get_taxonomy
from resumes.reading.text import is_bullet
from resumes.reading.vocabulary import (
    COMPANY_RE,
    CREDENTIALS_RE,
    MAIL_WORDS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    REGION_CODES,
    REGIONS,
    ROLE_RE,
    WORK_MODES,
)

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")


# Any common notation: "+49 30 1234 5678", "(716) 555–0143" (an en dash), "(909) 555‐0199" (U+2010), "617.555.0182",
# "(+82) 10-9876-5432".
_PHONE_DASH = "\\-–‐‑−—"


PHONE_RE = re.compile(
    rf"(?<![\w+/])(?:\(\+\d{{1,3}}\)\s?|\+\s?\d{{1,3}}[\s.{_PHONE_DASH}]?)?(?:\(\d{{1,5}}\)[\s.{_PHONE_DASH}]?)?"
    rf"\d[\d\s.{_PHONE_DASH}]{{5,16}}\d(?![\w/])"
)


_DATE_LIKE_RE = re.compile(r"^(?:19|20)\d\d\s*[-–.]\s*(?:19|20)\d\d$|^\d{1,2}[.-]\d{1,2}[.-]\d{2,4}$")


PROFILE_RE = re.compile(
    r"(?:https?://)?(?:[\w-]+\.)?(?:linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|behance\.net|dribbble\.com|"
    r"medium\.com|stackoverflow\.com|kaggle\.com|twitter\.com|x\.com|huggingface\.co|orcid\.org|scholar\.google\.com|"
    r"codepen\.io|leetcode\.com|substack\.com)/[^\s|,;()<>\"']+",
    re.IGNORECASE,
)


URL_RE = re.compile(r"(?:https?://|www\.)[^\s|,;()<>\"']+", re.IGNORECASE)


BARE_DOMAIN_RE = re.compile(
    r"(?<![@\w.\-/])(?:[a-z0-9][a-z0-9-]*\.)+(?:com|dev|io|me|net|org|co|ai|app|page|site|xyz|tech|design|studio|online|"
    r"blog|info|uk|de|ca|au|in|us|eu|fr|nl|es|it|ch|se|host|website|pro|ly|gg|so|cc|tv|ua|ru|pl|br|za|ng|pk|my|sg|nz|ie|"
    r"pt|be|at|dk|no|fi)(?:/[^\s|,;()<>\"']*)?(?![\w@-])",
    re.IGNORECASE,
)


_LOCATION_RE = re.compile(
    r"^(?P<city>[A-ZÀ-Þ][\w.'’\-]*(?:[ -](?:[A-ZÀ-Þ][\w.'’\-]*|de|del|la|am|upon|on|sur))*)"
    r"(?:,\s*(?P<middle>[A-ZÀ-Þ][\w.'’\- ]*?))?,\s*(?P<last>[A-ZÀ-Þ][\w.'’\- ]*?)"
    r"(?:\s+(?:\d{4,6}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d))?$"
)


_LOCATION_LABEL_RE = re.compile(r"^(?:location|address|based in|city|home)\s*:?\s*", re.IGNORECASE)


# A lone lower-case "l" between spaces is a bar in a font that draws it so ("011-1126 3076 l adam@gmail.com l Melaka").
_CONTACT_SPLIT_RE = re.compile(r"\s*[|•·◦▪♦◆●]\s*|\t|\s{3,}|;\s*|\s+l\s+")


@lru_cache(maxsize=8192)  # pure, and asked of the same lines many times
def is_location(text: str) -> bool:
    """ "Berlin, Germany", "Austin, TX", "San Francisco, CA 94105", "Leeds, West Yorkshire, UK"."""
    match = _LOCATION_RE.match(text.strip())
    if not match:
        return False
    city = match.group("city")
    if len(city.split()) > 3 or COMPANY_RE.search(city) or ROLE_RE.search(city):
        return False  # "St. David's Medical Center, Austin, TX" is an employer with its place
    last = match.group("last")
    # A subdivision that is also a town (Berlin, Hamburg) follows an employer as often as a town: "Zalando, Berlin".
    return is_region(last) or (is_subdivision(last) and not is_town(last))


def is_region(text: str) -> bool:
    """A state, province or country ("TX", "Ontario", "Portugal", "S.Korea")."""
    text = text.strip()
    return text in REGION_CODES or text.lower() in REGIONS or region_alias(text) is not None or is_country(text)


def strip_location(text: str) -> tuple[str, str]:
    """(text without a trailing location, the location) for "Acme Corp, Austin, TX" or "Zalando, Berlin"."""
    pieces = [piece.strip() for piece in text.split(",")]
    for size in (3, 2):
        if size == 3 and len(pieces) > 3 and is_town(pieces[-2]) and not is_town(pieces[-3]):
            continue  # "Software Engineer, Shopify, Ottawa, Canada": the town is Ottawa, Shopify is no place
        if len(pieces) > size and is_location(", ".join(pieces[-size:])):
            return ", ".join(pieces[:-size]), ", ".join(pieces[-size:])
    if len(pieces) in (2, 3) and is_location(text):
        return "", text.strip()
    rest = ", ".join(pieces[:-1])
    # "University of California, Berkeley" names a campus, not a place beside an employer.
    campus = re.search(r"\b(?:university|college|institute|school)\s+of\s+([\w .'’&-]+)$", rest, re.IGNORECASE)
    campus = campus if campus and is_region(campus.group(1)) else None
    if len(pieces) >= 2 and is_town(pieces[-1]) and not is_town(pieces[0]) and not campus:
        return rest, pieces[-1]
    return text, ""


# Top-level domains an address ends in, to cut one glued to the next word ("gmail.comin", "safatli.comHerring").
_TLDS = frozenset(MAIL_WORDS["top_level_domains"])
_MAIL_PROVIDERS = frozenset(MAIL_WORDS["providers"])


def _unglued_email(address: str) -> str:
    """An address without the words a PDF set against it: "sereilly73@gmail.comshelbyreilly.com" is
    "sereilly73@gmail.com", "alex@safatli.comHerring" is "alex@safatli.com", "07765jane@…" (a phone before it) is
    "jane@…"."""
    local, _, domain = address.partition("@")
    local = re.sub(r"^\d{5,}(?=[A-Za-z])", "", local)
    labels = domain.split(".")
    if labels[0].lower() in _MAIL_PROVIDERS and len(labels) > 2:
        labels = labels[:2]
    last = labels[-1]
    glued = re.match(r"([a-z]{2,})(?=[A-Z])", last)
    if glued and glued.group(1) in _TLDS:
        last = glued.group(1)
    elif last.lower() not in _TLDS:
        known = [tld for tld in _TLDS if last.lower().startswith(tld) and len(last) > len(tld)]
        if known:
            last = last[:len(max(known, key=len))]
    return f"{local}@{'.'.join([*labels[:-1], last])}"


def find_email(lines: list[str]) -> str:
    for line in lines:
        match = EMAIL_RE.search(line.replace("mailto:", ""))
        if match:
            return _unglued_email(match.group(0))
    return ""


def find_phone(lines: list[str]) -> str:
    """The phone number in these lines, as written. Of several numbers, the one that most looks like a phone
    (a country code or an area code in brackets, ten digits or more) wins over a postal code ("1100-053 Lisbon")."""
    best, best_score = "", -1
    for line in lines:
        scrubbed = EMAIL_RE.sub(" ", URL_RE.sub(" ", line))
        for match in PHONE_RE.finditer(scrubbed):
            candidate = match.group(0).strip()
            if re.search(r"\w[./]$", scrubbed[:match.start()]):
                continue  # "neurips.2023.1234", "10.1234/…": a part of an identifier (a DOI, a version), not a phone
            digits = re.sub(r"\D", "", candidate)
            if not 7 <= len(digits) <= 15 or _DATE_LIKE_RE.match(candidate):
                continue
            separated = bool(re.search(rf"[\s.()+{_PHONE_DASH}]", candidate))
            if len(digits) < 10 and not separated:
                continue
            if find_range(_dashes(candidate)) is not None:
                continue
            plausible = _phone_plausibility(candidate)
            if plausible is None:
                continue
            score = (2 if re.search(r"[+(]", candidate) else 0) + (1 if len(digits) >= 10 else 0) + plausible
            if re.match(r"\s+[A-ZÀ-Þ][a-zà-ÿ]", scrubbed[match.end():]) and len(digits) <= 8:
                score -= 2  # "1100-053 Lisbon", "113 59 Stockholm": a postal code before its town
            if score > best_score:
                best, best_score = candidate, score
    return best


# Where a number without a country code is tried, most common first among the resumes Saylo reads.
_PHONE_REGIONS = ("US", "GB", "IN", "DE", "CA", "AU", "FR", "NL", "ES", "IT", "CN", "RU", "ZA", "NG", "PK", "MY", "BR", "TR")


def _phone_plausibility(candidate: str) -> int | None:
    """How much `candidate` is a telephone number by the numbering plans (libphonenumber): 2 a valid number, 0 one
    of a possible length, None none at all ("2023.1234", an article number, is no phone anywhere)."""
    text = candidate.replace("(+", "+").replace(")", " ", 1) if candidate.startswith("(+") else candidate
    regions = (None,) if text.lstrip().startswith("+") else _PHONE_REGIONS
    possible = False
    for region in regions:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return 2
        possible = possible or phonenumbers.is_possible_number(number)
    return 0 if possible else None


def _dashes(text: str) -> str:
    return re.sub(f"[{_PHONE_DASH}]", "-", text)


def find_links(lines: list[str], *, header: set[str], linked: tuple[str, ...] = ()) -> list[str]:
    """Profile and portfolio addresses, as written; a bare domain ("janedoe.dev") only in the header; then the
    web addresses a PDF links to (`linked`) that the text does not spell out ("\\faGithub dokafor")."""
    found: list[str] = []
    keys: set[str] = set()

    def add(raw: str) -> None:
        link = raw.rstrip(".,;:)]}>'\"")
        link = _X_HANDLE_RE.sub(r"\1", link)  # "x.com/@jane" is the profile "x.com/jane"
        key = re.sub(r"^(?:https?://)?(?:www\.)?", "", link.lower()).rstrip("/")
        if key and key not in keys and not any(key in other or other in key for other in keys):
            keys.add(key)
            found.append(link)

    for line in lines:
        # An address glued to the words after it ("jane@gmail.comjanedoe.com") leaves those words to be read.
        without_email = EMAIL_RE.sub(lambda match: " " + match.group(0)[len(_unglued_email(match.group(0))):] + " ", line)
        spans = []
        for pattern in (PROFILE_RE, URL_RE):
            for match in pattern.finditer(without_email):
                if not any(start <= match.start() < end for start, end in spans):
                    spans.append(match.span())
                    add(match.group(0))
        if line in header:
            for match in BARE_DOMAIN_RE.finditer(without_email):
                if not any(start <= match.start() < end for start, end in spans) and not _is_tech_token(match.group(0)):
                    add(match.group(0))
    for uri in linked:
        if re.match(r"^https?://", uri, re.IGNORECASE):
            add(uri)
    return found


_X_HANDLE_RE = re.compile(r"((?:^|//|\.|^www\.)(?:x|twitter)\.com/)@", re.IGNORECASE)


def _is_tech_token(token: str) -> bool:
    """A technology ("ASP.NET", "Node.js") or a degree's abbreviation ("B.Tech", "M.Tech") that looks like a domain."""
    return token.lower() in {"asp.net", "vb.net", "ado.net"} or get_taxonomy().canonical(token) is not None or bool(
        re.fullmatch(r"[A-Z]\.[A-Z][a-z]+", token))


def contact_parts(line: str) -> list[str]:
    return [part.strip(" ,") for part in _CONTACT_SPLIT_RE.split(line) if part.strip(" ,")]


def find_location(lines: list[str]) -> str:
    """ "Town, Region" from the first address or place in `lines` ("12 Main St, Austin, TX 78701" → "Austin, TX")."""
    found = find_address(lines, is_location=is_location, is_region=is_region)
    return found.location if found else ""


_NAME_TOKEN_RE = re.compile(r"^[^\W\d_][^\W\d_'’\-.]*(?:[-'’][^\W\d_]+)*\.?$")


def looks_like_name(text: str) -> bool:
    candidate = text.strip()
    if not candidate or len(candidate) > 45 or re.search(r"[\d@:/|]", candidate):
        return False
    if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", candidate):
        return True  # a Chinese name: a family name and a given name of one or two characters, no spaces
    tokens = candidate.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in NAME_PARTICLES:
            continue
        if not _NAME_TOKEN_RE.match(token) or not token[0].isupper():
            return False
        capitalised += 1
    if capitalised < 2:
        return False
    lowered = {token.lower().strip(".,") for token in tokens}
    if lowered & NOT_NAME_WORDS or ROLE_RE.search(candidate) or COMPANY_RE.search(candidate):
        return False
    if heading_of(candidate) is not None or is_location(candidate) or find_range(candidate):
        return False
    return not get_taxonomy().find_in_line(candidate)


# A form of address before a name is not part of it: "Dr. Florence Nightingale" is Florence Nightingale.
_HONORIFIC_RE = re.compile(r"^(?:dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame|rev)\.?\s+(?=\S+\s+\S)", re.IGNORECASE)


def _display_name(text: str) -> str:
    name = _HONORIFIC_RE.sub("", CREDENTIALS_RE.sub("", text.strip()).strip(" ,"))
    if name.isupper():
        name = re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name.lower())
        name = re.sub(r"\b(Mc|O')([a-z])", lambda m: m.group(1) + m.group(2).upper(), name)
    return " ".join(name.split())


def find_name(lines: list[str], *, hint: str = "") -> tuple[str, str]:
    """(name as displayed, the line it was read from — its last line when it is set over two, "ANGELA" /
    "WHITFIELD"). `hint` is the line a PDF set in its largest type; the line returned is then the line of the
    text that holds it, when there is one."""
    candidates = ([(hint, hint)] if hint else []) + [(line, line) for line in lines]
    for first, second in zip(lines, lines[1:], strict=False):
        if _single_word(first) and _single_word(second):
            candidates.append((f"{first} {second}", second))
    for line, source in candidates:
        if not line or is_bullet(line):
            continue
        labelled = re.match(r"^\s*name\s*:\s*(.+)$", line, re.IGNORECASE)
        text = labelled.group(1) if labelled else line
        first = contact_parts(text)[0] if contact_parts(text) else ""
        first = NAME_DASH_RE.split(first, maxsplit=1)[0]  # "Tomás Herrera — Backend Engineer"
        for option in (CREDENTIALS_RE.sub("", first).strip(" ,"), first.split(",")[0].strip()):
            if re.search(r"[A-Za-z]", option):
                option = re.sub(r"\s+[\u4e00-\u9fff]{2,4}$", "", option)  # "Chih-Hsuan Yang 楊志璿"
            if looks_like_name(option):
                return _display_name(option), _source_line(lines, source)
    return "", ""


NAME_DASH_RE = re.compile(r"\s+[—–-]\s+")


def _single_word(line: str) -> bool:
    return bool(line) and len(line.split()) == 1 and line[:1].isupper() and not is_bullet(line)


def _source_line(lines: list[str], text: str) -> str:
    """The line of `lines` that ends `text` ("ANGELA WHITFIELD" was read from "ANGELA" / "WHITFIELD"; "Daniel Okafor"
    from "Daniel Okafor<tab>daniel.okafor@example.com")."""
    if text in lines:
        return text
    for line in lines:
        parts = contact_parts(line)
        if parts and parts[0] == text:
            return line
    for first, second in zip(lines, lines[1:], strict=False):
        if f"{first} {second}" == text:
            return second
    return text


_HANDLE_RE = re.compile(r"^@?[a-z0-9][\w.-]*$")  # "dokafor", "mjpark-sre": a profile name beside an icon


@lru_cache(maxsize=8192)  # pure, and asked of the same lines many times
def is_headline_part(part: str) -> bool:
    if re.search(r"\d", part) and find_address([part], is_location=is_location, is_region=is_region):
        return False  # "Sonnenallee 12, 12045 Berlin, Germany"
    return bool(part) and not _HANDLE_RE.match(part) and not (
        EMAIL_RE.search(part) or URL_RE.search(part) or PROFILE_RE.search(part) or find_phone([part])
        or is_location(part) or strip_location(part)[1] or BARE_DOMAIN_RE.fullmatch(part) or part.lower() in WORK_MODES
    )


def contact_neighbourhood(lines: list[str]) -> list[str]:
    """Lines of contact details outside the header, each with the line before it (a street above its town), then
    the last lines (a footer)."""
    nearby: dict[str, None] = {}
    for index, line in enumerate(lines):
        if line and len(line) < 60 and _CONTACTISH_RE.search(line) and is_contact_line(line):
            if index and 0 < len(lines[index - 1]) < 60:
                nearby.setdefault(lines[index - 1], None)
            nearby.setdefault(line, None)
    nearby.update((line, None) for line in lines[-8:] if line and len(line) < 90)
    return list(nearby)


@lru_cache(maxsize=8192)  # pure, and asked of the same lines many times
def is_contact_line(line: str) -> bool:
    parts = contact_parts(line)
    return bool(parts) and not any(is_headline_part(part) for part in parts)


_CONTACTISH_RE = re.compile(r"[\d@,/]|\.(?:com|net|org|io|dev|me|se|de|co)\b")


def lift_contact_blocks(lines: list[str]) -> tuple[list[str], list[str]]:
    """(lines without them, the contact blocks): runs of two or more lines made only of contact details (street,
    town, phone, e-mail), between blank lines or headings, that a two-column header put after the name's column —
    inside whatever section came before. The first run (the header itself) stays where it is."""
    kept: list[str] = []
    lifted: list[str] = []
    run: list[str] = []

    def flush() -> None:
        # Cheap test first: a contact detail has a digit, an "@" or a comma ("Toronto, ON").
        contact = 2 <= len(run) <= 8 and all(_CONTACTISH_RE.search(item) for item in run) and all(
            is_contact_line(item) or is_street(item) for item in run) and any(is_contact_line(item) for item in run)
        (lifted if contact and any(kept) else kept).extend(run)
        run.clear()

    for line in lines:
        if line and heading_of(line) is None:
            run.append(line)
            continue
        flush()
        kept.append(line)
    flush()
    return kept, lifted
