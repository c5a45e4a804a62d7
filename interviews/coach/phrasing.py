"""Typed, checked values the coach may put into a sentence, and the few word forms it may change.

The coach writes; it does not splice. A question may name an employer (an organisation, never a date,
a town, a sector or a job title), a job title, a project, a skill from the taxonomy, a number with its
unit, or quote a line of the resume or the posting whole — only when the line is a clean sentence (it
starts with a capital, ends where it should, closes what it opens, and every word is a word). No
sentence of someone else's is cut, re-tensed or re-ordered. The one change of form the coach makes is
the candidate saying their own bullet in the first person for the opener ("Led the migration…" → "I led
the migration…"), and only when lemminflect confirms that the first word is a past-tense verb.
Word lists are in `data/phrasing.toml`.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import lemminflect

from interviews.coach import fluency, library
from interviews.coach import text as T

_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
           "september|october|november|december")
_DATE_RE = re.compile(rf"\b(?:{_MONTHS})\.?\s*(?:'?\d{{2}}|\d{{4}})\b|\b(?:19|20)\d\d\b|\bpresent\b|\bcurrent\b|\bnow\b",
                      re.IGNORECASE)
_LEADING_DATE_RE = re.compile(
    rf"^(?:(?:{_MONTHS})\.?\s+)?(?:(?:19|20)\d\d|present|current)\s*(?:[-–—/]\s*(?:(?:{_MONTHS})\.?\s+)?"
    rf"(?:(?:19|20)\d\d|present|current))?[\s,:;|·•-]*",
    re.IGNORECASE,
)
_BULLET_RE = re.compile(r"^\s*(?:->|=>|[-•*▪◦·●○■□➢➤►>]|\d+[.)])\s*")
_PHONE_RE = re.compile(r"(?:\+?\d[\d\s().‐‑–-]{6,}\d)")
_EMAIL_OR_LINK_RE = re.compile(r"@|https?://|www\.|\.(?:com|org|io|dev|net)\b", re.IGNORECASE)
_TITLE_CUT_RE = re.compile(r"\s+[–—|/-]\s+|\s*[(,:]\s*")


@dataclass(frozen=True)
class PhrasingRules:
    generic_project_words: tuple[str, ...]
    subject_names: frozenset[str]
    sector_words: frozenset[str]
    work_modes: frozenset[str]
    role_words: frozenset[str]
    department_words: frozenset[str]
    dangling_words: frozenset[str]
    max_quote_words: int
    min_quote_words: int
    max_title_words: int
    programme_cues: tuple[str, ...]
    one_holder: re.Pattern
    common_noun_skills: frozenset[str]


@cache
def rules() -> PhrasingRules:
    data = library.load("phrasing")
    return PhrasingRules(
        generic_project_words=tuple(data["generic_project_words"]),
        subject_names=frozenset(w.lower() for w in data["subject_names"]),
        sector_words=frozenset(w.lower() for w in data["sector_words"]),
        work_modes=frozenset(w.lower() for w in data["work_modes"]),
        role_words=frozenset(w.lower() for w in data["role_words"]),
        department_words=frozenset(w.lower() for w in data["department_words"]),
        dangling_words=frozenset(data["dangling_words"]),
        max_quote_words=int(data["max_quote_words"]),
        min_quote_words=int(data["min_quote_words"]),
        max_title_words=int(data["max_title_words"]),
        programme_cues=tuple(cue.lower() for cue in data["programme_cues"]),
        one_holder=re.compile(r"\b(?:" + "|".join(re.escape(t) for t in data["one_holder_titles"]) + r")\b"),
        common_noun_skills=frozenset(data["common_noun_skills"]),
    )


# --- Cleaning ------------------------------------------------------------------------------------------------

def clean_line(line: str) -> str:
    """A resume bullet without its bullet mark, leaked dates ("May 2020 Developed…", "Present Built…") or final stop."""
    text = T.normalise_space(_BULLET_RE.sub("", line or ""))
    for _ in range(2):  # "Jun 2020 – Present Built …" has two
        stripped = _LEADING_DATE_RE.sub("", text, count=1).strip()
        if stripped == text:
            break
        text = stripped
    return text.rstrip(" .;")


def is_date_like(text: str) -> bool:
    """"June 2020", "2018 – 2020", "Present": dates and date fragments, not names."""
    rest = _DATE_RE.sub("", text or "")
    return bool(_DATE_RE.search(text or "")) and not re.search(r"[A-Za-z]{3,}", re.sub(r"[-–—/,.\s]", " ", rest))


def _same_person(value: str, candidate_name: str) -> bool:
    words = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", candidate_name or "")}
    found = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", value or "")}
    return bool(words) and len(words & found) >= min(2, len(words))


def is_name_like(value: str, *, candidate_name: str = "", max_words: int = 6) -> bool:
    """Whether `value` can be said as an employer, title or project name: not a date, a phone number, an
    address, the candidate's own name, a sentence or a paragraph."""
    value = (value or "").strip()
    if not value or not re.search(r"[A-Za-z]", value) or len(value) > 60:
        return False
    if is_date_like(value) or _DATE_RE.search(value) or _PHONE_RE.search(value) or _EMAIL_OR_LINK_RE.search(value):
        return False
    if len(value.split()) > max_words or re.search(r"[a-z]{3,}[.!?]\s+[A-Z]", value) or value.endswith((":", ",", "-")):
        return False
    if any(opener != closer and value.count(opener) != value.count(closer) for opener, closer in ("()", "[]", "“”")):
        return False
    return not _same_person(value, candidate_name)


def as_name(value: str) -> str:
    """A name as it is said: "DATADOG" → "Datadog", "SOFTWARE ENGiNEER" → "Software Engineer"; "IBM", "N26" stay."""
    said = []
    for word in T.normalise_space(value).split():
        letters = [c for c in word if c.isalpha()]
        if word.isalpha() and len(letters) > 4 and sum(c.isupper() for c in letters) > len(letters) / 2:
            word = word.capitalize()
        said.append(word)
    return " ".join(said)


_NAME_SMALL_WORDS = frozenset({"of", "and", "the", "for", "de", "du", "la", "le", "von", "van", "der", "in", "at", "&"})


def organisation(value: str, *, candidate_name: str = "") -> str:
    """`value` as an employer's name when it reads as an organisation, else "": never a date, a town, a work mode,
    a sector ("Finance & FinTech") or a job title ("Vice President of Search Products")."""
    from resumes.reading import places, vocabulary

    value = T.normalise_space(value).strip(" ,;:.-–—")
    if _NON_LATIN_RE.search(value):
        # The coach speaks English: a name in another script is said by its Latin name when it gives one.
        latin = re.search(r"\(([A-Za-z][A-Za-z0-9 &.'-]+)\)", value)
        value = latin.group(1).strip() if latin else ""
    value = re.split(r"\s+[~·•]\s+", value)[0]  # "The Hut Group ~ 7 years": the name, not the time spent there
    if not is_name_like(value, candidate_name=candidate_name) or " / " in value or "|" in value:
        return ""  # "Self-Published / LinkedIn": two things read as one name
    if re.search(r"[\x00-\x1f\x7f\ufffd]", value) or re.search(r"\b\d+\s*(?:years?|yrs?|months?)\b", value, re.I):
        return ""  # a letter the reader could not decode ("Westa\x00 Temp Agency"), or a duration
    words = [w for w in re.findall(r"[A-Za-z][\w'&.-]*", value) if w.lower() not in _NAME_SMALL_WORDS]
    if words and sum(1 for w in words if w[:1].isupper() or w.isupper()) * 2 < len(words):
        return ""  # "Spending time with family": a phrase, not a name
    lower = value.lower()
    if places.is_town(value) or places.is_town(value.split(",")[0]) or re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*,\s*[A-Z]{2}",
                                                                                       value):
        return ""
    words = [w for w in re.findall(r"[a-z][a-z&+-]*", lower) if w not in ("and", "&", "of", "the")]
    known = rules()
    if words and all(w in known.sector_words or w in known.work_modes or w in known.role_words for w in words):
        return ""  # "Finance & FinTech", "Remote", "Member": a sector, a mode or a role, not an organisation
    if words and all(w in _SCHOOL_KIND_WORDS for w in words):
        return ""  # "High School": a kind of place, not its name
    if words and words[-1] in known.department_words:
        return ""  # "Medical-surgical unit": a part of an organisation
    if vocabulary.ROLE_END_RE.search(value) and not _corporate_re().search(value):
        return ""  # "Software Engineer", "Registered Nurse": a job title read where the employer belongs
    starts_as_role = vocabulary.ROLE_RE.match(value)
    if starts_as_role and (not vocabulary.COMPANY_RE.search(value) or re.match(r"[\w\s-]+?\s(?:of|for|in|to)\s", value)):
        return ""  # "Vice President of Location & Services", "Manager": a title read where the employer belongs
    return as_name(value)


@cache
def _corporate_re() -> re.Pattern:
    """A corporate suffix anywhere ("Inc", "LLC", "GmbH"): a name, even when it ends like a title."""
    from resumes.reading import vocabulary

    return re.compile(rf"\b(?:{vocabulary.CORPORATE_SUFFIXES})\b", re.IGNORECASE)


_SCHOOL_KIND_WORDS = frozenset({"high", "school", "secondary", "primary", "middle", "elementary", "college", "university"})


def role_title(value: str, *, candidate_name: str = "") -> str:
    """The candidate's own job title as written ("Account Executive, Mid-Market"), when it reads as one: it names a
    role ("…Engineer", "…Supervisor", "Intern") and is no grade, date or score ("GPA:3.57/5.0")."""
    from resumes.reading import vocabulary

    value = T.normalise_space(value).strip(" ,;:.-–—")
    if not is_name_like(value, candidate_name=candidate_name, max_words=8) or _NON_LATIN_RE.search(value):
        return ""
    if re.search(r"\d", value) or not vocabulary.ROLE_RE.search(value):
        return ""
    if _FIRM_END_RE.search(value):
        return ""  # "Frazee Recruiting Consultants": a firm read where the title belongs
    return as_name(value)


_FIRM_END_RE = re.compile(r"\b(?:consultants|partners|associates|solutions|services|systems|group|holdings|inc|llc|ltd|"
                          r"gmbh|corp|corporation|company|agency)\.?$", re.IGNORECASE)


def job_title(value: str, *, candidate_name: str = "") -> str:
    """A job title as a noun to say ("Web Designer & SEO Specialist" stays; "Junior Test Engineer – Embedded
    Electronics" → "Junior Test Engineer"; "Instructional Designer - K-12 Digital Learning (Remote, US)" →
    "Instructional Designer"), or "" when what was read is no title."""
    head = _TITLE_CUT_RE.split(T.normalise_space(value))[0].strip(" ,;:-–—")
    if not is_name_like(head, candidate_name=candidate_name, max_words=rules().max_title_words):
        return ""
    if is_date_like(head) or re.search(r"\d", head):
        return ""
    return as_name(head)


def project_name(name: str, *, candidate_name: str = "") -> str:
    """The project's name as a person would say it, or "" when the "name" is a description or a label."""
    name = clean_line(name).strip(" -–—:")
    if not is_name_like(name, candidate_name=candidate_name, max_words=5) or "," in name or re.search(r"\d+\s*\+", name):
        return ""
    lower = name.lower()
    if any(re.search(rf"\b{re.escape(word)}\b", lower) for word in rules().generic_project_words):
        return ""
    if lower in rules().subject_names:
        return ""
    return name


# --- Quoting whole lines ---------------------------------------------------------------------------------------

_NON_LATIN_RE = re.compile(r"[\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_INNER_SENTENCE_RE = re.compile(r"[a-z0-9)][.!?]\s+[A-Z]")


def _dictionary_words(line: str) -> bool:
    """Every lower-case word of `line` is English or a known skill term (a typo such as "helpingto" is not); names,
    acronyms and words with digits are the writer's own and pass."""
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", line):
        if word[:1].isupper() or any(part[:1].isupper() for part in word.split("-")):
            continue
        if not all(fluency.is_word(part) for part in word.split("-") if part):
            return False
    return True


def opens_with_verb(line: str) -> bool:
    """Whether the line's first word can be a verb ("Led", "Provide", "Developing"), as lemminflect reads it."""
    first = (line.split() or [""])[0].strip(",;:").lower()
    return first.isalpha() and bool(lemminflect.getAllLemmas(first).get("VERB"))


def quotable(line: str, sources: fluency.Sources | None = None) -> bool:
    """Whether `line` (a cleaned resume bullet or posting duty) can be quoted whole: one clean sentence of a sensible
    length that opens with a verb and a capital letter, in English words, does not stop on a dangling word and passes
    the fluency check. Anything else (a list of games with hours played, two fragments run together, a typo) is not
    quoted: the question falls back to a version without it."""
    words = line.split()
    if not rules().min_quote_words <= len(words) <= rules().max_quote_words:
        return False
    if not line[:1].isupper() or words[-1].lower().strip(",;:") in rules().dangling_words or line.endswith((",", ";", ":")):
        return False
    if ":" in " ".join(words[:4]):  # "Technologies used: Java, React" is a label and a list, not a sentence
        return False
    if _NON_LATIN_RE.search(line) or _INNER_SENTENCE_RE.search(line) or not opens_with_verb(line):
        return False
    if not _dictionary_words(line):
        return False
    return fluency.is_fluent(line, sources=sources, kind="sentence")


def is_programme_line(line: str) -> bool:
    """Whether a posting's line describes what the employer gives (a mentor, a rotation) rather than work to do."""
    lower = line.lower()
    return any(cue in lower for cue in rules().programme_cues)


def quote(line: str) -> str:
    """“Line.” — the whole line in quotation marks, with its full stop inside."""
    line = line.rstrip(" .;")
    end = "" if line.endswith(("?", "!")) else "."
    return f"“{line}{end}”"


@lru_cache(maxsize=4096)
def opens_with_past_verb(line: str) -> bool:
    """Whether the line's first word is a verb in the past tense ("Led", "Reduced"), as lemminflect reads it."""
    first = (line.split() or [""])[0].strip(",;:").lower()
    if not first.isalpha():
        return False
    lemmas = lemminflect.getAllLemmas(first).get("VERB", ())
    return any(first in lemminflect.getAllInflections(lemma, upos="VERB").get("VBD", ()) for lemma in lemmas)


def first_person(line: str) -> str:
    """The candidate's own bullet as they would say it: "I led the migration…" when it opens with a past-tense
    verb, else "" (no other change is made to their sentence)."""
    if not opens_with_past_verb(line):
        return ""
    first, _, rest = line.partition(" ")
    return f"I {first.lower()} {rest}".strip()


# --- Skills and articles -----------------------------------------------------------------------------------------

_GENERIC_ENDING = re.compile(r"(?:ment|ing|ion|sis|ture|ance|ence|Design|Review|Care|Control|Development)$")
LOWERCASE_CATEGORIES = frozenset({"clinical", "finance", "sales", "business", "soft", "process", "education",
                                  "operations", "supply_chain", "customer_success", "product", "hr"})
PRODUCT_NAMES = frozenset(
    {"Salesforce", "HubSpot", "Excel", "Tableau", "Epic", "SAP", "QuickBooks", "NetSuite", "Workday", "Xero"}
)


def skill_phrase(skill: str) -> str:
    """A skill name as it reads mid-sentence: "patient care", "backend development", but "BLS", "Python", "REST APIs"."""
    from resumes.reading.taxonomy import get_taxonomy

    if skill.isupper() or skill in PRODUCT_NAMES:
        return skill
    if skill in rules().common_noun_skills:
        return " ".join(w if w.isupper() else w.lower() for w in skill.split())  # "soldering", "single sign-on"
    if get_taxonomy().category(skill) in LOWERCASE_CATEGORIES:
        # "patient care", "B2B sales": ordinary words lower-cased, acronyms and names kept
        return " ".join(w if any(c.isdigit() for c in w) or w[1:] != w[1:].lower() else w.lower() for w in skill.split())
    words = skill.replace("-", " ").split()
    if len(words) >= 2 and all(w[:1].isupper() and w[1:].islower() for w in words) and _GENERIC_ENDING.search(skill):
        return skill.lower()  # "Incident Management", "Full-Stack Development": ordinary words, not names
    return skill


def with_article(noun: str) -> str:
    """"a Registered Nurse", "an FP&A Analyst" (inflect decides by sound); "the President & CEO" for a title one
    person holds."""
    if rules().one_holder.search(noun or ""):
        return f"the {noun.strip()}"
    return fluency.article(noun)
