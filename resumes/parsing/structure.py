"""Structure read from resume text: sections, contact details, experience, education, projects.

Everything here works on clean text (see `text.clean_text`): one line per written line, "• " before
list items, a tab where a layout put a column break ("Senior Engineer<tab>Jan 2020 – Present").
The rules are heuristics tuned on common layouts; each function documents the layouts it knows.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from resumes.parsing.dates import DateRange, find_point, find_range, years_of_experience
from resumes.parsing.places import find_address, is_street, is_town, region_alias
from resumes.parsing.text import is_bullet, strip_bullet
from resumes.schemas import Contact, EducationEntry, ExperienceEntry, ParsedResume
from resumes.taxonomy import get_taxonomy

# --- Headings ---------------------------------------------------------------------------------

_HEADING_PHRASES: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary", "professional summary", "career summary", "executive summary", "profile", "professional profile",
        "personal profile", "career profile", "about", "about me", "objective", "career objective",
        "professional objective", "overview", "professional overview", "introduction", "summary of qualifications",
        "highlights of qualifications", "qualifications summary", "qualifications", "highlights", "career highlights",
        "personal statement", "profile summary", "who i am",
    ),
    "experience": (
        "experience", "work experience", "professional experience", "employment", "employment history", "work history",
        "career history", "relevant experience", "professional background", "experience and employment",
        "clinical experience", "teaching experience", "industry experience", "positions held", "professional history",
        "internships", "internship experience", "research experience", "sales experience", "nursing experience",
        "related experience", "relevant work experience", "professional employment", "career", "work",
        "employment experience", "leadership experience", "selected experience", "recent experience",
        "experience highlights", "professional work experience", "work and leadership experience",
    ),
    "education": (
        "education", "education and training", "academic background", "academic history", "academic qualifications",
        "educational background", "education and certifications", "education and credentials", "academics",
        "education and qualifications", "training and education", "academic record", "degrees",
    ),
    "skills": (
        "skills", "technical skills", "core competencies", "competencies", "key skills", "core skills",
        "areas of expertise", "expertise", "skills and abilities", "skills and expertise", "technologies",
        "tech stack", "tools", "tools and technologies", "technical proficiencies", "proficiencies", "skill set",
        "skillset", "strengths", "capabilities", "clinical skills", "computer skills", "languages and tools",
        "programming languages", "hard skills", "soft skills", "skills summary", "key competencies", "specialties",
        "specializations", "technical expertise", "professional skills", "relevant skills", "skills and tools",
        "skills and interests", "skills and technologies", "technical skills and tools", "additional skills",
        "key strengths", "core strengths", "software", "tools and software", "toolbox", "stack",
    ),
    "projects": (
        "projects", "personal projects", "selected projects", "key projects", "side projects", "academic projects",
        "open source", "open source contributions", "portfolio", "notable projects", "project experience",
        "project highlights", "relevant projects", "technical projects", "capstone project", "capstone projects",
        "research projects", "projects and publications", "research", "undergraduate research", "academic research",
    ),
    "certifications": (
        "certifications", "certificates", "licenses", "licences", "licenses and certifications",
        "certifications and licenses", "licensure", "credentials", "professional certifications",
        "certifications and training", "training and certifications", "professional development", "courses",
        "training", "licensure and certifications", "licenses and certificates", "certifications and awards",
        "certificates and training", "professional licenses", "continuing education",
    ),
    "other": (
        "awards", "honors", "honours", "honors and awards", "awards and honors", "achievements", "accomplishments",
        "key achievements", "publications", "languages", "interests", "hobbies", "hobbies and interests",
        "volunteer", "volunteering", "volunteer experience", "volunteer work", "community involvement",
        "community service", "activities", "extracurricular activities", "leadership and activities",
        "affiliations", "professional affiliations", "memberships", "professional memberships", "references",
        "additional information", "additional", "presentations", "patents", "conferences", "speaking",
        "military service", "clinical rotations", "organizations", "leadership", "interests and activities",
        "personal interests", "recognition", "awards and recognition", "scholarships", "grants",
    ),
    "contact": (
        "contact", "contact information", "contact details", "contact info", "personal details",
        "personal information", "details", "get in touch", "links",
    ),
}
HEADINGS: dict[str, str] = {phrase: section for section, phrases in _HEADING_PHRASES.items() for phrase in phrases}
# The last word of an ALL-CAPS or colon-ended heading that is not in the list above.
_HEADING_KEYWORDS = {
    "experience": "experience", "experiences": "experience", "employment": "experience", "history": "experience",
    "internships": "experience", "positions": "experience", "education": "education", "academics": "education",
    "skills": "skills", "competencies": "skills", "expertise": "skills", "proficiencies": "skills",
    "technologies": "skills", "projects": "projects", "portfolio": "projects", "certifications": "certifications",
    "certificates": "certifications", "licenses": "certifications", "licences": "certifications",
    "licensure": "certifications", "credentials": "certifications", "summary": "summary", "profile": "summary",
    "objective": "summary", "awards": "other", "honors": "other", "honours": "other", "achievements": "other",
    "accomplishments": "other", "publications": "other", "interests": "other", "hobbies": "other",
    "volunteering": "other", "activities": "other", "affiliations": "other", "memberships": "other",
    "references": "other", "involvement": "other",
}
# Words that may come before a heading keyword in a Title Case heading ("Relevant Clinical Experience").
_HEADING_MODIFIERS = {
    "relevant", "professional", "work", "clinical", "teaching", "research", "industry", "leadership", "related",
    "additional", "selected", "academic", "technical", "core", "key", "personal", "career", "employment", "nursing",
    "sales", "management", "other", "previous", "recent", "prior", "engineering", "software", "volunteer", "and", "&",
    "of", "summary", "notable", "side", "open", "source", "tools", "license", "licenses", "select", "consulting",
    "marketing", "finance", "financial", "legal", "design", "product", "data", "business", "international",
}
# Labels of a "Label: content" line that start a section only when it differs from the current one;
# inside Skills, "Languages: Python, Go" is a row of the skills list, not a new section.
_INLINE_HEADINGS = {
    "summary", "profile", "objective", "skills", "technical skills", "core competencies", "key skills",
    "certifications", "licenses", "licenses and certifications", "certifications and licenses", "languages",
    "interests", "hobbies", "awards", "education", "tools", "technologies",
}
_SKILL_LIST_LABELS = {"languages", "tools", "technologies"}


def _heading_key(text: str) -> str:
    key = re.sub(r"^[^\w]+|[^\w)]+$", "", text.strip())
    key = re.sub(r"^\d+[.)]?\s*", "", key)
    key = key.lower().replace("&", " and ").replace("/", " and ").replace("+", " and ")
    return " ".join(key.split())


@dataclass(frozen=True)
class Heading:
    section: str  # a SectionName, or "contact"
    rest: str = ""  # content written on the heading's own line ("Skills: Python, SQL")


@lru_cache(maxsize=8192)  # pure, and asked of the same lines many times
def heading_of(line: str, *, current: str | None = None) -> Heading | None:
    """The section a line opens, or None when the line is content."""
    stripped = line.strip()
    if not stripped or is_bullet(stripped) or len(stripped) > 70:
        return None
    if "\t" in stripped:
        return None
    key = _heading_key(stripped)
    if not key:
        return None
    if key in HEADINGS:
        return Heading(HEADINGS[key])
    inline = re.match(r"^([A-Za-z][A-Za-z &/+]{1,40}?)\s*:\s*(\S.*)$", stripped)
    if inline:
        label = _heading_key(inline.group(1))
        if label in _INLINE_HEADINGS and label in HEADINGS:
            section = HEADINGS[label]
            if label in _SKILL_LIST_LABELS and (current == "skills" or _has_tech_skill(inline.group(2))):
                section = "skills"
            if section == current:
                return None
            return Heading(section, inline.group(2).strip())
        return None
    words = key.split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in stripped):
        return None
    letters = [ch for ch in stripped if ch.isalpha()]
    all_caps = bool(letters) and all(ch.isupper() for ch in letters)
    keyword = _HEADING_KEYWORDS.get(words[-1])
    if keyword is None:
        return None
    if "volunteer" in words or "volunteering" in words:
        keyword = "other"
    if all_caps or stripped.endswith(":"):
        return Heading(keyword)
    title_case = all(word[0].isupper() for word in stripped.replace("&", "").split() if word[0].isalpha() and len(word) > 3)
    if title_case and all(word in _HEADING_MODIFIERS for word in words[:-1]):
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


# --- Contact ----------------------------------------------------------------------------------

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# Any common notation: "+49 30 1234 5678", "(716) 555–0143" (an en dash), "(909) 555‐0199" (U+2010), "617.555.0182",
# "(+82) 10-9876-5432".
_PHONE_DASH = "\\-–‐‑−—"
PHONE_RE = re.compile(
    rf"(?<![\w+/])(?:\(\+\d{{1,3}}\)\s?|\+\s?\d{{1,3}}[\s.{_PHONE_DASH}]?)?(?:\(\d{{1,5}}\)[\s.{_PHONE_DASH}]?)?"
    rf"\d[\d\s.{_PHONE_DASH}]{{5,16}}\d(?![\w/])"
)
_DATE_LIKE_RE = re.compile(r"^(?:19|20)\d\d\s*[-–.]\s*(?:19|20)\d\d$|^\d{1,2}[.-]\d{1,2}[.-]\d{2,4}$")
_PROFILE_RE = re.compile(
    r"(?:https?://)?(?:[\w-]+\.)?(?:linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|behance\.net|dribbble\.com|"
    r"medium\.com|stackoverflow\.com|kaggle\.com|twitter\.com|x\.com|huggingface\.co|orcid\.org|scholar\.google\.com|"
    r"codepen\.io|leetcode\.com|substack\.com)/[^\s|,;()<>\"']+",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s|,;()<>\"']+", re.IGNORECASE)
_BARE_DOMAIN_RE = re.compile(
    r"(?<![@\w.\-/])(?:[a-z0-9][a-z0-9-]*\.)+(?:com|dev|io|me|net|org|co|ai|app|page|site|xyz|tech|design|studio|online|"
    r"blog|info|uk|de|ca|au|in|us|eu|fr|nl|es|it|ch|se)(?:/[^\s|,;()<>\"']*)?(?![\w@-])",
    re.IGNORECASE,
)
_US_STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
    "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
    "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR",
    "AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK", "NT", "NU", "YT",  # Canadian provinces
    "NSW", "VIC", "QLD", "SA", "TAS", "ACT",  # Australian states (WA is listed above)
}
_REGIONS = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma",
    "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
    "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "ontario", "quebec",
    "british columbia", "alberta", "england", "scotland", "wales", "northern ireland", "bavaria",
    "usa", "us", "u.s.", "u.s.a.", "united states", "united states of america", "uk", "u.k.", "united kingdom",
    "canada", "mexico", "brazil", "argentina", "chile", "colombia", "peru", "germany", "france", "spain", "portugal",
    "italy", "netherlands", "the netherlands", "belgium", "luxembourg", "switzerland", "austria", "ireland",
    "denmark", "sweden", "norway", "finland", "iceland", "poland", "czech republic", "czechia", "slovakia",
    "hungary", "romania", "bulgaria", "greece", "turkey", "türkiye", "ukraine", "estonia", "latvia", "lithuania",
    "croatia", "serbia", "slovenia", "israel", "uae", "united arab emirates", "saudi arabia", "qatar", "egypt",
    "morocco", "nigeria", "kenya", "ghana", "south africa", "ethiopia", "india", "pakistan", "bangladesh",
    "sri lanka", "nepal", "china", "hong kong", "taiwan", "japan", "south korea", "korea", "singapore", "malaysia",
    "indonesia", "philippines", "vietnam", "thailand", "australia", "new zealand", "jamaica", "puerto rico",
}
_LOCATION_RE = re.compile(
    r"^(?P<city>[A-ZÀ-Þ][\w.'’\-]*(?:[ -](?:[A-ZÀ-Þ][\w.'’\-]*|de|del|la|am|upon|on|sur))*)"
    r"(?:,\s*(?P<middle>[A-ZÀ-Þ][\w.'’\- ]*?))?,\s*(?P<last>[A-ZÀ-Þ][\w.'’\- ]*?)"
    r"(?:\s+(?:\d{4,6}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d))?$"
)
_LOCATION_LABEL_RE = re.compile(r"^(?:location|address|based in|city|home)\s*:?\s*", re.IGNORECASE)
_CONTACT_SPLIT_RE = re.compile(r"\s*[|•·◦▪♦◆●]\s*|\t|\s{3,}|;\s*")
_WORK_MODES = {"remote", "hybrid", "on-site", "onsite", "remote-first", "(remote)", "(hybrid)"}


@lru_cache(maxsize=8192)  # pure, and asked of the same lines many times
def is_location(text: str) -> bool:
    """ "Berlin, Germany", "Austin, TX", "San Francisco, CA 94105", "Leeds, West Yorkshire, UK"."""
    match = _LOCATION_RE.match(text.strip())
    if not match:
        return False
    city = match.group("city")
    if len(city.split()) > 3 or _COMPANY_RE.search(city) or _ROLE_RE.search(city):
        return False  # "St. David's Medical Center, Austin, TX" is an employer with its place
    return is_region(match.group("last"))


def is_region(text: str) -> bool:
    """A state, province or country ("TX", "Ontario", "Portugal", "S.Korea")."""
    text = text.strip()
    return text in _US_STATES or text.lower() in _REGIONS or region_alias(text) is not None


def _strip_location(text: str) -> tuple[str, str]:
    """(text without a trailing location, the location) for "Acme Corp, Austin, TX" or "Zalando, Berlin"."""
    pieces = [piece.strip() for piece in text.split(",")]
    for size in (3, 2):
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


def find_email(lines: list[str]) -> str:
    for line in lines:
        match = EMAIL_RE.search(line.replace("mailto:", ""))
        if match:
            return match.group(0)
    return ""


def find_phone(lines: list[str]) -> str:
    """The phone number in these lines, as written. Of several numbers, the one that most looks like a phone
    (a country code or an area code in brackets, ten digits or more) wins over a postal code ("1100-053 Lisbon")."""
    best, best_score = "", -1
    for line in lines:
        scrubbed = EMAIL_RE.sub(" ", _URL_RE.sub(" ", line))
        for match in PHONE_RE.finditer(scrubbed):
            candidate = match.group(0).strip()
            digits = re.sub(r"\D", "", candidate)
            if not 7 <= len(digits) <= 15 or _DATE_LIKE_RE.match(candidate):
                continue
            separated = bool(re.search(rf"[\s.()+{_PHONE_DASH}]", candidate))
            if len(digits) < 10 and not separated:
                continue
            if find_range(_dashes(candidate)) is not None:
                continue
            score = (2 if re.search(r"[+(]", candidate) else 0) + (1 if len(digits) >= 10 else 0)
            if re.match(r"\s+[A-ZÀ-Þ][a-zà-ÿ]", scrubbed[match.end():]) and len(digits) <= 8:
                score -= 2  # "1100-053 Lisbon", "113 59 Stockholm": a postal code before its town
            if score > best_score:
                best, best_score = candidate, score
    return best


def _dashes(text: str) -> str:
    return re.sub(f"[{_PHONE_DASH}]", "-", text)


def find_links(lines: list[str], *, header: set[str], linked: tuple[str, ...] = ()) -> list[str]:
    """Profile and portfolio addresses, as written; a bare domain ("janedoe.dev") only in the header; then the
    web addresses a PDF links to (`linked`) that the text does not spell out ("\\faGithub dokafor")."""
    found: list[str] = []
    keys: set[str] = set()

    def add(raw: str) -> None:
        link = raw.rstrip(".,;:)]}>'\"")
        key = re.sub(r"^(?:https?://)?(?:www\.)?", "", link.lower()).rstrip("/")
        if key and key not in keys and not any(key in other or other in key for other in keys):
            keys.add(key)
            found.append(link)

    for line in lines:
        without_email = EMAIL_RE.sub(" ", line)
        spans = []
        for pattern in (_PROFILE_RE, _URL_RE):
            for match in pattern.finditer(without_email):
                if not any(start <= match.start() < end for start, end in spans):
                    spans.append(match.span())
                    add(match.group(0))
        if line in header:
            for match in _BARE_DOMAIN_RE.finditer(without_email):
                if not any(start <= match.start() < end for start, end in spans) and not _is_tech_token(match.group(0)):
                    add(match.group(0))
    for uri in linked:
        if re.match(r"^https?://", uri, re.IGNORECASE):
            add(uri)
    return found


def _is_tech_token(token: str) -> bool:
    return token.lower() in {"asp.net", "vb.net", "ado.net"} or get_taxonomy().canonical(token) is not None


def contact_parts(line: str) -> list[str]:
    return [part.strip(" ,") for part in _CONTACT_SPLIT_RE.split(line) if part.strip(" ,")]


def find_location(lines: list[str]) -> str:
    """ "Town, Region" from the first address or place in `lines` ("12 Main St, Austin, TX 78701" → "Austin, TX")."""
    found = find_address(lines, is_location=is_location, is_region=is_region)
    return found.location if found else ""


_NAME_PARTICLES = {
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "bin", "binti", "al", "el", "dos", "das", "y",
}
_NOT_NAME_WORDS = {
    "resume", "résumé", "curriculum", "vitae", "cv", "profile", "summary", "contact", "page", "experience", "education",
    "skills", "objective", "references", "portfolio", "linkedin", "github", "email", "phone", "address", "street",
    "road", "avenue", "suite", "apartment", "professional", "technical", "core", "competencies", "projects",
    "certifications", "languages", "interests", "work", "history", "senior", "junior", "remote", "hybrid", "the",
    "and", "of", "for", "with", "in", "at", "to", "on", "present", "current", "university", "college", "school",
}
_NAME_TOKEN_RE = re.compile(r"^[^\W\d_][^\W\d_'’\-.]*(?:[-'’][^\W\d_]+)*\.?$")
_CREDENTIALS_RE = re.compile(
    r",?\s+\b(?:RN|BSN|MSN|LPN|CNA|NP|APRN|CPA|CFA|MBA|PhD|Ph\.D\.|MD|DO|JD|J\.D\.|PE|PMP|CPHR|SHRM-CP|SHRM-SCP|MPH|"
    r"MSc|BSc|MA|BA|MS|BS|MEd|M\.Ed\.|EdD|CCRN|CEN|FNP|FNP-BC|CSM|CISSP|CEH|Esq\.?)\b.*$"
)


def looks_like_name(text: str) -> bool:
    candidate = text.strip()
    if not candidate or len(candidate) > 45 or re.search(r"[\d@:/|]", candidate):
        return False
    tokens = candidate.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in _NAME_PARTICLES:
            continue
        if not _NAME_TOKEN_RE.match(token) or not token[0].isupper():
            return False
        capitalised += 1
    if capitalised < 2:
        return False
    lowered = {token.lower().strip(".,") for token in tokens}
    if lowered & _NOT_NAME_WORDS or _ROLE_RE.search(candidate) or _COMPANY_RE.search(candidate):
        return False
    if heading_of(candidate) is not None or is_location(candidate) or find_range(candidate):
        return False
    return not get_taxonomy().find_in_line(candidate)


def _display_name(text: str) -> str:
    name = _CREDENTIALS_RE.sub("", text.strip()).strip(" ,")
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
        first = _NAME_DASH_RE.split(first, maxsplit=1)[0]  # "Tomás Herrera — Backend Engineer"
        for option in (_CREDENTIALS_RE.sub("", first).strip(" ,"), first.split(",")[0].strip()):
            if looks_like_name(option):
                return _display_name(option), _source_line(lines, source)
    return "", ""


_NAME_DASH_RE = re.compile(r"\s+[—–-]\s+")


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


# --- Experience -------------------------------------------------------------------------------

_ROLE_WORDS = (
    r"engineer|developer|programmer|architect|scientist|analyst|manager|director|head|lead|vp|vice president|"
    r"president|officer|chief|cto|ceo|cfo|coo|cmo|cio|ciso|founder|co-founder|cofounder|consultant|specialist|"
    r"coordinator|administrator|admin|assistant|associate|intern|internship|apprentice|trainee|representative|rep|"
    r"executive|nurse|rn|lpn|cna|practitioner|physician|doctor|surgeon|therapist|technician|technologist|pharmacist|"
    r"paramedic|emt|teacher|tutor|instructor|professor|lecturer|educator|counselor|counsellor|principal|designer|"
    r"writer|editor|journalist|accountant|auditor|controller|comptroller|bookkeeper|clerk|cashier|teller|advisor|"
    r"adviser|agent|broker|recruiter|sourcer|generalist|partner|attorney|lawyer|solicitor|barrister|paralegal|"
    r"counsel|owner|supervisor|foreman|operator|driver|planner|buyer|strategist|marketer|producer|researcher|fellow|"
    r"volunteer|ambassador|receptionist|secretary|mechanic|electrician|scrum master|product owner|sre|tester|"
    r"underwriter|actuary|economist|statistician|trader|banker|investigator|inspector|dispatcher|caregiver|aide|"
    r"leader|contractor|freelancer|merchandiser|photographer|illustrator|animator|artist|midwife|dietitian|"
    r"nutritionist|psychologist|social worker|hygienist|dentist|pilot|attendant|custodian|courier|chef|cook|"
    r"bartender|barista|server|mentor|coach|student|graduate assistant|teaching assistant|research assistant"
)
_ROLE_RE = re.compile(rf"\b(?:{_ROLE_WORDS})s?\b", re.IGNORECASE)
_ROLE_END_RE = re.compile(rf"\b(?:{_ROLE_WORDS})\b(?:\s*(?:I{{1,3}}|IV|\d|\([^)]*\)))?\.?$", re.IGNORECASE)
_CORPORATE_SUFFIXES = (
    r"inc|incorporated|llc|l\.l\.c|llp|lp|ltd|limited|gmbh|ag|s\.a|plc|corp|corporation|co|company|pty|bv|b\.v|oy|ab|"
    r"srl|s\.r\.l|spa|s\.p\.a|sas|kk|pte"
)
_COMPANY_WORDS = (
    rf"{_CORPORATE_SUFFIXES}|group|holdings|technologies|technology|tech|systems|solutions|labs|lab|studios?|partners|"
    r"capital|ventures|bank|hospital|health|healthcare|medical center|medical centre|clinic|university|college|school|"
    r"institute|foundation|agency|consulting|consultancy|services|software|networks|media|pharma|pharmaceuticals|"
    r"associates|center|centre|council|department|ministry|government|county|district|academy|airlines|motors|"
    r"insurance|financial|realty|logistics|retail|stores|restaurant|hotel|resorts|enterprises|industries|"
    r"international|global|worldwide|self-employed|self employed|freelance|nhs|trust|firm|bancorp|credit union|"
    r"analytics|dynamics|energy|robotics|games|entertainment|communications|telecom|brands|foods|markets|collective"
)
_COMPANY_RE = re.compile(rf"\b(?:{_COMPANY_WORDS})\b\.?", re.IGNORECASE)
_COMPANY_END_RE = re.compile(rf"\b(?:{_COMPANY_WORDS})\.?$", re.IGNORECASE)
_CORPORATE_PIECE_RE = re.compile(rf"^(?:{_CORPORATE_SUFFIXES})\.?$", re.IGNORECASE)
_ACTION_VERB_RE = re.compile(
    r"^(?:led|built|developed|managed|designed|created|implemented|launched|drove|delivered|improved|increased|reduced|"
    r"achieved|owned|wrote|maintained|coordinated|supported|provided|assisted|collaborated|partnered|established|"
    r"trained|mentored|administered|monitored|conducted|performed|prepared|analy[sz]ed|streamlined|negotiated|"
    r"generated|grew|exceeded|closed|resolved|handled|served|taught|organi[sz]ed|spearheaded|migrated|automated|"
    r"optimi[sz]ed|architected|shipped|cut|saved|secured|won|ran|processed|reconciled|audited|responsible|worked|"
    r"helped|oversaw|directed|executed|facilitated|introduced|redesigned|rebuilt|scaled|deployed|integrated|"
    r"researched|presented|produced|published|evaluated|identified|ensured|educated|cared|documented|reviewed|"
    r"tested|collected|consolidated|converted|cultivated|expanded|modeled|modelled|forecasted|recruited|"
    r"sourced|hired|onboarded|standardized|standardised|championed|pioneered|orchestrated|initiated|instructed|"
    r"advised|answered|assessed|tracked|used|using|earned|ranked|achieving|building|leading|managing|"
    r"developing|designing|working|supporting|providing|delivering|owning|running)\b",
    re.IGNORECASE,
)
_STRONG_SEPARATOR_RE = re.compile(r"\s+[|•·–—]\s+|\s*\|\s*|\s+-\s+|\t|\s+@\s+|;\s+")
_AT_RE = re.compile(r"\s+at\s+(?=[A-Z0-9])")
_DECORATION = " \t,;:()[]–—-|•·"
# What job sites add beside a role ("Google · Full-time", "Jan 2020 - Present · 4 yrs 11 mos").
_EMPLOYMENT_NOISE_RE = re.compile(
    r"^(?:full[- ]time|part[- ]time|contract|permanent|temporary|temp|internship|apprenticeship|seasonal|"
    r"remote|hybrid|on[- ]?site|"
    r"(?:\d+\s*(?:yrs?|years?|mos?|months?)\s*)+|less than a year)$",
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
    before: list[str] = field(default_factory=list)  # description lines that came before the header proper
    after: list[str] = field(default_factory=list)


_SMALL_WORDS = {"of", "and", "the", "for", "at", "in", "to", "on", "de", "du", "von", "van", "&"}


def display_case(text: str) -> str:
    """A title or a name set in capitals, as it is normally written: "MARKETING MANAGER" → "Marketing Manager",
    "CORNELL UNIVERSITY" → "Cornell University"; short words in capitals stay ("SRE", "IBM", "UX")."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(text.split()) < 2 or not all(ch.isupper() for ch in letters):
        return text  # one word in capitals may be how the brand is written ("XING", "BBVA", "DATADOG")

    def word(match: re.Match) -> str:
        token = match.group(0)
        if token.lower() in _SMALL_WORDS and match.start() > 0:
            return token.lower()
        return token if len(token) <= 3 else token.capitalize()

    return re.sub(r"[^\W\d_]+(?:['’][^\W\d_]+)?", word, text)


def _title_score(text: str) -> int:
    return (2 if _ROLE_END_RE.search(text) else 0) + (1 if _ROLE_RE.search(text) else 0)


def _company_score(text: str) -> int:
    return (2 if _COMPANY_END_RE.search(text) else 0) + (1 if _COMPANY_RE.search(text) else 0)


def _is_description(text: str) -> bool:
    words = text.split()
    if len(words) <= 6 and _ROLE_END_RE.search(text):
        return False  # "Managing Director", "Working Student", "Leading Hand" name a role
    if _ACTION_VERB_RE.match(text):
        return True
    if len(words) > 12:
        return True
    abbreviation = re.search(rf"\b(?:{_CORPORATE_SUFFIXES}|jr|sr|st)\.$", text, re.IGNORECASE)
    return text.endswith(".") and not abbreviation and len(words) > 4


def _header_parts(line: str) -> list[str]:
    """A header line cut into its fields, with any location removed."""
    pieces = []
    for piece in _STRONG_SEPARATOR_RE.split(line):
        before = _AT_RE.split(piece, maxsplit=1)
        # "Software Engineer at Plaid", but not "University of Texas at Austin"
        pieces.extend(before if len(before) == 2 and _ROLE_RE.search(before[0]) else [piece])
    pieces = [piece.strip(_DECORATION) for piece in pieces if piece.strip(_DECORATION)]
    strong = len(pieces) > 1
    parts: list[str] = []
    for piece in pieces:
        if piece.lower() in _WORK_MODES:
            continue
        if is_location(piece):
            first, *rest = [p.strip() for p in piece.split(",")]
            # "Shopify, Toronto, ON": an employer before its place, unless the first piece is a place itself.
            if len(rest) == 2 and not (is_town(first) or is_region(first)) and is_location(", ".join(rest)):
                parts.append(first)
            continue
        piece, _ = _strip_location(piece)
        piece = re.sub(r"\s*\((?:remote|hybrid|on-?site|contract|part-time|full-time)\)\s*$", "", piece, flags=re.IGNORECASE)
        if not piece:
            continue
        if strong or "," not in piece:
            parts.append(piece)
            continue
        commas = [c.strip() for c in piece.split(",") if c.strip()]
        merged: list[str] = []
        for comma_piece in commas:
            if merged and _CORPORATE_PIECE_RE.match(comma_piece):
                merged[-1] = f"{merged[-1]}, {comma_piece}"
            else:
                merged.append(comma_piece)
        parts.extend(merged)
    return [part.strip(_DECORATION) for part in parts if part.strip(_DECORATION)]


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
    seen_field = False
    for index, raw in enumerate(lines):
        line = raw
        found = find_range(line)
        if found is not None and header.dates is None:
            header.dates = found
            line = line[:found.span[0]] + "\t" + line[found.span[1]:]
        line_parts = [part for part in _header_parts(line) if not _EMPLOYMENT_NOISE_RE.match(part)]
        if not line_parts:
            if found is not None:
                seen_field = True
            continue
        if all(_is_description(part) for part in line_parts) and found is None:
            (header.after if seen_field else header.before).append(strip_bullet(raw))
            continue
        seen_field = True
        parts.extend(_Part(part, index) for part in line_parts if not _is_description(part))
    titles = [p for p in parts if _title_score(p.text) > _company_score(p.text)]
    companies = [p for p in parts if _company_score(p.text) > _title_score(p.text)]
    unknown = [p for p in parts if p not in titles and p not in companies]
    title = titles[0] if titles else None
    company = companies[0] if companies else None
    if title is None and company is None and unknown:
        title = unknown.pop(0)
    if title is None and unknown:
        title = unknown.pop(0)
    if company is None and unknown:
        elsewhere = [p for p in unknown if title is None or p.line != title.line]
        company = (elsewhere or unknown)[0]
        unknown.remove(company)
    if title is not None:
        extra = [p for p in unknown if p.line == title.line]
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


def _is_header_candidate(line: str) -> bool:
    if not line or is_bullet(line):
        return False
    if find_range(line) is not None:
        return True
    text = line.replace("\t", " ")
    if len(text.split()) > 14 or _ACTION_VERB_RE.match(text):
        return False
    return not _is_description(text)


def _split_group(group: list[str]) -> list[list[str]]:
    """One group of header lines per job, when jobs follow each other without bullets in between.

    Jobs are written alike, so the dated lines recur at a fixed step; the lines before the first
    dated line show where each job's header starts ("Company" / "Title  2019 – 2021" repeats with
    the dates on the second line).
    """
    dated = [i for i, line in enumerate(group) if find_range(line) is not None]
    if len(dated) <= 1:
        return [group]
    steps = {b - a for a, b in zip(dated, dated[1:], strict=False)}
    offset = dated[0] if len(steps) == 1 and dated[0] < min(steps) else 0
    starts = [0] + [i - offset for i in dated[1:]]
    return [group[a:b] for a, b in zip(starts, [*starts[1:], len(group)], strict=True)]


def parse_experience(lines: list[str]) -> list[ExperienceEntry]:
    """Jobs in the order written: header lines (title, company, dates), then the lines describing them."""
    entries: list[ExperienceEntry] = []
    headers: list[_Header] = []
    dated_section = any(find_range(line) for line in lines if not is_bullet(line))
    group: list[str] = []

    def flush() -> None:
        nonlocal group
        if not group:
            return
        has_date = any(find_range(line) for line in group)
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
            if not company and entries and headers and headers[-1].company_line_alone and len(chunk) == 1:
                company = entries[-1].company  # another role at the same employer
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
            if group and any(find_range(g) for g in group):
                flush()
            continue
        if _is_header_candidate(line):
            group.append(line)
            continue
        flush()
        if entries:
            entries[-1].lines.append(strip_bullet(line))
    flush()
    return entries


# --- Education --------------------------------------------------------------------------------

_DEGREE_RE = re.compile(
    r"\b(?:bachelor(?:'s|s)?|master(?:'s|s)?|doctor(?:ate)?(?: of)?|ph\.?\s?d\.?|associate(?:'s)? (?:degree|of|in)|"
    r"diploma|certificate|high school|ged|mba|m\.b\.a\.?|b\.?eng|m\.?eng|b\.?tech|m\.?tech|bsn|msn|adn|dnp|bba|"
    r"b\.?com|mph|llb|ll\.b|llm|ll\.m|j\.d\.|juris doctor|m\.?d\.|a\.a\.s?\.?|b\.?f\.?a|m\.?f\.?a|m\.?ed|ed\.?d|"
    r"postgraduate|undergraduate|degree|a-levels?|gcses?|abitur|licence|licenciatura|bscn|b\.?sc\.?n|bcomm?|pharm\.?d|"
    r"dds|dvm|psy\.?d|msw|bsw|mpa|mpp|b\.?arch|m\.?arch|b\.?ed|dpt|mphil|dphil)\b"
    r"|\b(?:B\.?S\.?c?|B\.?A\.?|M\.?S\.?c?|M\.?A\.?|B\.?Sc|M\.?Sc|BS|BA|MS|MA|AS|AA|AAS|BEng|MEng|BSc|MSc)\b(?=[\s,.]|$)",
    re.IGNORECASE,
)
_DEGREE_ABBREVIATIONS = re.compile(r"^(?:B\.?S\.?c?|B\.?A\.?|M\.?S\.?c?|M\.?A\.?|BS|BA|MS|MA|AS|AA|AAS)$")
_INSTITUTION_RE = re.compile(
    r"\b(?:university|universit[äeé]t?|université|universidad|universidade|università|college|institute|school|academy|"
    r"polytechnic|conservatory|seminary|hochschule|ecole|école|iit|mit|ucla|nyu|usc|cuny|suny|lse|eth)\b",
    re.IGNORECASE,
)
_EDUCATION_NOISE_RE = re.compile(r"^(?:gpa|grade|honou?rs|relevant coursework|coursework|thesis|dissertation|minor|"
                                 r"dean'?s list|magna|summa|cum laude|activities|societies)\b", re.IGNORECASE)


_STRONG_DEGREE_RE = re.compile(r"\b(?:diploma|degree|bachelor|master|certificate|ged|associate of|doctor of)\b", re.IGNORECASE)


def _degree_part(text: str) -> bool:
    """A degree, also when it names a kind of school ("High School Diploma")."""
    return _is_degree(text) and (not _INSTITUTION_RE.search(text) or bool(_STRONG_DEGREE_RE.search(text))
                                 and not re.search(r"\b(?:university|college|institute)\b", text, re.IGNORECASE))


def _institution_part(text: str) -> bool:
    return bool(_INSTITUTION_RE.search(text)) and not _degree_part(text)


def _is_degree(text: str) -> bool:
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
    entries: list[EducationEntry] = []
    current: EducationEntry | None = None

    def start() -> EducationEntry:
        entry = EducationEntry()
        entries.append(entry)
        return entry

    for raw in lines:
        if not raw:
            continue
        line = strip_bullet(raw)
        if _EDUCATION_NOISE_RE.match(line):
            continue
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
        parts = [p for p in _education_parts(line) if not _EDUCATION_NOISE_RE.match(p)]
        degree = next((p for p in parts if _degree_part(p)), "")
        institution = next((p for p in parts if _institution_part(p)), "")
        if degree and not institution:
            # "Google Data Analytics Certificate, Coursera", "HTW Berlin — B.Sc. Applied Computer Science".
            institution = next((p for p in parts if p != degree and _looks_like_org(p) and not _is_field_of_study(p)
                                and not _is_degree(p)), "")
        if not degree and not institution and current is not None and current.degree and not current.institution:
            institution = next((p for p in parts if _looks_like_org(p)), "")
        if not degree and not institution and current is not None and current.institution and not current.degree:
            degree = next((p for p in parts if _looks_like_field(p)), "")
        if degree:
            if current is None or current.degree:
                current = start()
            current.degree = degree
        if institution:
            if current is None or (current.institution and not degree):
                current = start()
            current.institution = current.institution or institution
        if dates_text and current is not None and not current.dates:
            current.dates = dates_text
        elif dates_text and current is None:
            current = start()
            current.dates = dates_text
    for entry in entries:
        entry.degree, entry.institution = display_case(entry.degree), display_case(entry.institution)
    return [entry for entry in entries if entry.degree or entry.institution]


def _education_parts(line: str) -> list[str]:
    pieces = [piece.strip(_DECORATION) for piece in _STRONG_SEPARATOR_RE.split(line)]
    parts: list[str] = []
    for piece in pieces:
        if not piece or is_location(piece):
            continue
        piece, _ = _strip_location(piece)
        if not piece:
            continue
        if "," in piece and _INSTITUTION_RE.search(piece) and _is_degree(piece):
            commas = [c.strip() for c in piece.split(",") if c.strip()]
            institution = [c for c in commas if _institution_part(c)]
            rest = [c for c in commas if not _institution_part(c)]
            parts.extend([", ".join(rest), *institution])
        elif "," in piece and _DEGREE_ABBREVIATIONS.match(piece.split(",")[0].strip()):
            parts.append(piece)  # "B.S., Computer Science"
        elif "," in piece and _is_degree(piece.split(",")[0]) and not _is_field_of_study(piece.rsplit(",", 1)[1]):
            head, tail = piece.rsplit(",", 1)
            parts.extend([head, tail])  # "Google Data Analytics Certificate, Coursera"
        else:
            parts.append(piece)
    return [part.strip(_DECORATION) for part in parts if part.strip(_DECORATION)]


@lru_cache(maxsize=1)
def _fields_of_study() -> frozenset[str]:
    data = json.loads((Path(__file__).resolve().parent.parent / "data" / "education.json").read_text(encoding="utf-8"))
    return frozenset(field.casefold() for field in data["fields"])


def _is_field_of_study(text: str) -> bool:
    return text.strip().casefold() in _fields_of_study()


def _looks_like_org(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 7 and all(w[0].isupper() for w in words if w.isalpha() and len(w) > 3) and not _is_description(text)


def _looks_like_field(text: str) -> bool:
    return _looks_like_org(text) and not _COMPANY_RE.search(text)


# --- Projects ---------------------------------------------------------------------------------

def parse_projects(lines: list[str]) -> list[str]:
    """Project names: what comes before the dash or colon of a project's first line ("Course Planner — a Django
    app…"), a short line of its own, or the label of a "Name: what it does" bullet."""
    names: list[str] = []
    for raw in lines:
        if not raw:
            continue
        line = raw.replace("\t", " | ")
        found = find_range(line)
        if found is not None:
            line = line[:found.span[0]] + line[found.span[1]:]
        line = _URL_RE.sub("", _PROFILE_RE.sub("", line)).strip(_DECORATION)
        if re.match(r"^(?:tech(?:nologies)?|stack|tools|built with|skills)\b", strip_bullet(line), re.IGNORECASE):
            continue
        pieces = re.split(r"\s+[|–—]\s+|\s+-\s+|:\s+|\s+\(", strip_bullet(line), maxsplit=1)
        name = pieces[0].strip(_DECORATION)
        labelled = len(pieces) > 1
        if is_bullet(raw) and not labelled:
            continue  # a bullet describing the project above
        if not labelled and (_is_description(name) or len(name.split()) > 6):
            continue
        if not name or len(name.split()) > 6 or _ACTION_VERB_RE.match(name) or name in names or heading_of(name) is not None:
            continue
        names.append(name)
    return names[:12]


# --- The whole resume -------------------------------------------------------------------------

def _headline(lines: list[str], name_line: str, experience: list[ExperienceEntry]) -> str:
    if name_line and name_line in lines:
        index = lines.index(name_line)
        parts = contact_parts(name_line)
        beside = _NAME_DASH_RE.split(parts[0], maxsplit=1)[1:] if parts else []  # "Jane Doe — Backend Engineer"
        tail = [part for part in beside + parts[1:] if _is_headline_part(part)]
        if tail:
            return " | ".join(tail)
        for line in lines[index + 1:index + 4]:
            if not line:
                continue
            if heading_of(line) is not None:
                break
            parts = [part for part in contact_parts(line) if _is_headline_part(part)]
            if parts and len(" ".join(parts).split()) <= 14 and not line.rstrip().endswith("."):
                return " | ".join(parts)
    current = [entry for entry in experience if entry.current and entry.title]
    if current:
        return current[0].title
    return experience[0].title if experience and experience[0].title else ""


_HANDLE_RE = re.compile(r"^@?[a-z0-9][\w.-]*$")  # "dokafor", "mjpark-sre": a profile name beside an icon


@lru_cache(maxsize=8192)  # pure, and asked of the same lines many times
def _is_headline_part(part: str) -> bool:
    if re.search(r"\d", part) and find_address([part], is_location=is_location, is_region=is_region):
        return False  # "Sonnenallee 12, 12045 Berlin, Germany"
    return bool(part) and not _HANDLE_RE.match(part) and not (
        EMAIL_RE.search(part) or _URL_RE.search(part) or _PROFILE_RE.search(part) or find_phone([part])
        or is_location(part) or _strip_location(part)[1] or _BARE_DOMAIN_RE.fullmatch(part) or part.lower() in _WORK_MODES
    )


def _contact_neighbourhood(lines: list[str]) -> list[str]:
    """Lines of contact details outside the header, each with the line before it (a street above its town), then
    the last lines (a footer)."""
    nearby: dict[str, None] = {}
    for index, line in enumerate(lines):
        if line and len(line) < 60 and _CONTACTISH_RE.search(line) and _is_contact_line(line):
            if index and 0 < len(lines[index - 1]) < 60:
                nearby.setdefault(lines[index - 1], None)
            nearby.setdefault(line, None)
    nearby.update((line, None) for line in lines[-8:] if line and len(line) < 90)
    return list(nearby)


@lru_cache(maxsize=8192)  # pure, and asked of the same lines many times
def _is_contact_line(line: str) -> bool:
    parts = contact_parts(line)
    return bool(parts) and not any(_is_headline_part(part) for part in parts)


_CONTACTISH_RE = re.compile(r"[\d@,/]|\.(?:com|net|org|io|dev|me|se|de|co)\b")


def _lift_contact_blocks(lines: list[str]) -> tuple[list[str], list[str]]:
    """(lines without them, the contact blocks): runs of two or more lines made only of contact details (street,
    town, phone, e-mail), between blank lines or headings, that a two-column header put after the name's column —
    inside whatever section came before. The first run (the header itself) stays where it is."""
    kept: list[str] = []
    lifted: list[str] = []
    run: list[str] = []

    def flush() -> None:
        # Cheap test first: a contact detail has a digit, an "@" or a comma ("Toronto, ON").
        contact = 2 <= len(run) <= 8 and all(_CONTACTISH_RE.search(item) for item in run) and all(
            _is_contact_line(item) or is_street(item) for item in run) and any(_is_contact_line(item) for item in run)
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


def build_resume(
    text: str, *, pages: int = 0, title_hint: str = "", links_hint: tuple[str, ...] = (), today: date | None = None
) -> ParsedResume:
    """A ParsedResume from clean text. `title_hint` is the line a PDF set in its largest type; `links_hint` the
    addresses it links to (mailto:, tel:, https:), used where the text does not spell them out."""
    for cached in (heading_of, is_location, _is_headline_part, _is_contact_line):
        cached.cache_clear()  # the caches serve one resume's repeated questions; no resume leaks into the next
    lines, lifted = _lift_contact_blocks(text.split("\n"))
    zones = split_zones(lines)
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
        email=find_email(contact_search) or find_email([linked_email]),
        phone=find_phone(header) or find_phone(early) or find_phone([line for line in lines if _is_contact_line(line)])
        or find_phone([linked_phone]),
        links=find_links(contact_search, header=header_set, linked=links_hint),
    )
    # The address is in the header, or in a footer (moderncv's casual style), or on a line of contact details.
    place = find_address(header, is_location=is_location, is_region=is_region) or find_address(
        _contact_neighbourhood(lines), is_location=is_location, is_region=is_region)
    if place is not None:
        contact.location, contact.address = place.location, place.address

    sections: dict[str, str] = {}
    for section, section_lines in zones.sections:
        body = "\n".join(line for line in section_lines if line)
        if body:
            sections[section] = f"{sections[section]}\n{body}" if section in sections else body
    if "summary" not in sections:
        prose = [line for line in header if len(line.split()) >= 12 and not _is_contact_line(line)]
        if prose:
            sections["summary"] = "\n".join(prose)

    experience_lines = zones.lines_of("experience")
    if not zones.sections:
        experience_lines = lines[len(zones.header):]
    experience = parse_experience(experience_lines)
    education = parse_education(zones.lines_of("education"))
    if not zones.lines_of("education"):
        # Without an Education heading, a "job" whose header names a degree or a school is schooling.
        schooling = [entry for entry in experience if _INSTITUTION_RE.search(entry.company) or _is_degree(entry.title)]
        experience = [entry for entry in experience if entry not in schooling]
        education = [EducationEntry(degree=e.title, institution=e.company, dates=e.dates) for e in schooling]
    years = years_of_experience([(entry.start, entry.end) for entry in experience if entry.start], today=today)

    evidence_lines = [
        strip_bullet(line).replace("\t", "  ") for line in lines if line and line != name_line
    ]
    skills = get_taxonomy().find("\n".join(evidence_lines))
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

