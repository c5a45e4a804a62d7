"""Reading a job posting offline: required and nice-to-have skills, seniority, years, duties, key terms."""

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from resumes.reading.knowledge import DEGREE_ORDER, degree_levels_in, knowledge, role_family
from resumes.reading.schemas import JobRequirements, Seniority
from resumes.reading.taxonomy import get_taxonomy
from resumes.reading.text import clean_text, is_bullet, strip_bullet

# --- The posting's own structure ----------------------------------------------------------------

_SECTION_PHRASES: dict[str, tuple[str, ...]] = {
    "required": (
        "requirements", "required", "required skills", "required qualifications", "required experience",
        "minimum qualifications", "basic qualifications", "qualifications", "must have", "must haves", "must-haves",
        "what you bring", "what you'll bring", "what you will bring", "what we're looking for", "what we are looking for",
        "who you are", "about you", "you have", "you are", "you'll have", "you will have", "your profile", "your skills",
        "skills", "skills and experience", "experience", "the ideal candidate", "ideal candidate", "key requirements",
        "essential", "essential skills", "essential criteria", "what you need", "what you'll need", "what you need to succeed",
        "job requirements", "requirements and qualifications", "competencies", "knowledge, skills and abilities",
        "who we're looking for", "who we are looking for", "you might be a fit if", "to be successful", "your background",
        "what it takes", "about the candidate", "skills and qualifications", "qualifications and skills",
        "what you'll need to succeed",
        "experience and skills", "your experience", "must have skills", "you should have", "what you should have",
    ),
    "nice": (
        "nice to have", "nice to haves", "nice-to-have", "nice-to-haves", "bonus", "bonus points", "bonus skills",
        "preferred", "preferred qualifications", "preferred skills", "preferred experience", "pluses", "plus", "extra credit",
        "desirable", "desired", "desired skills", "desired qualifications", "good to have", "would be great",
        "even better", "ideally", "additional qualifications", "what would make you stand out", "you'll stand out if",
        "stand out if", "brownie points", "it's a plus", "it would be great if", "bonus if you have", "nice to haves",
        "preferred but not required", "not required but nice", "desirable skills", "it's a bonus if",
        "assets", "asset", "additional assets",
    ),
    "duties": (
        "responsibilities", "key responsibilities", "what you'll do", "what you will do", "what you'll be doing",
        "what you will be doing", "the role", "about the role", "role", "your role", "the job", "job description",
        "duties", "key duties", "your responsibilities", "in this role you will", "in this role", "day to day",
        "a day in the life", "your impact", "what you'll work on", "the opportunity", "position summary",
        "role overview", "the position", "about the job", "about the position", "job summary", "what the job involves",
        "your mission", "how you'll make an impact", "duties and responsibilities", "main responsibilities",
        "role and responsibilities", "what you'll achieve", "you will", "essential functions", "essential duties",
    ),
    "about": (
        "about us", "about the company", "who we are", "company", "our company", "our mission", "our team", "the team",
        "about the team", "company overview", "our story", "why us",
    ),
    "benefits": (
        "benefits", "perks", "what we offer", "why join us", "compensation", "salary", "what's in it for you",
        "perks and benefits", "our benefits", "benefits and perks", "equal opportunity", "equal opportunity employer",
        "eeo statement", "how to apply", "location", "working here", "pay", "compensation and benefits",
        "what you'll get", "what you get", "we offer", "our offer", "diversity and inclusion", "the package",
    ),
}
_SECTIONS = {phrase: kind for kind, phrases in _SECTION_PHRASES.items() for phrase in phrases}
_NICE_CUE_RE = re.compile(
    r"\b(?:nice[- ]to[- ]have|(?:a|big|huge|definite|strong|real)\s+plus|plus\s+if|pluses|bonus|preferred|preferably|"
    r"ideally|desirable|desired|advantageous|an advantage|would be (?:great|nice|helpful)|good to have|not required|"
    r"optional|familiarity with|familiar with|exposure to|any experience (?:with|in)|"
    r"is helpful|are helpful|helpful|appreciated|welcome|(?:is|are|as) an asset)\b",
    re.IGNORECASE,
)
# A preference among alternatives, not a nice-to-have: "a modern framework: Angular preferred, but React or Vue
# experience is fine" asks for one of the three.
_PREFERRED_AMONG_RE = re.compile(
    r"\bpreferred\s*,?\s*(?:but|though|although)\b[^.;]{0,80}?\b(?:is|are)\s+(?:also\s+)?(?:fine|ok|okay|welcome|"
    r"acceptable|great)\b", re.IGNORECASE)
_REQUIRED_CUE_RE = re.compile(r"\b(?:required|requirement|must|mandatory|essential|need to have|needs to have)\b", re.IGNORECASE)
_CLAUSE_SPLIT_RE = re.compile(
    r"(?<=[.;!?])\s+(?=[A-Z(])|;\s*|\s+\(\s*(?=(?:nice|bonus|preferred|a plus|optional))", re.IGNORECASE
)
# A preference inside a requirement: "Deep experience with relational databases, ideally PostgreSQL: schema design…"
# asks for relational databases; from "ideally" on, the clause says what would be welcome (PostgreSQL, and the depth
# the colon spells out), which having raises the score and lacking never lowers it.
_PREFERENCE_RE = re.compile(r",\s*(?=(?:ideally|preferably|optionally)\b)", re.IGNORECASE)


def _clauses(line: str) -> list[str]:
    """The line's clauses, a preference inside one ("…, ideally PostgreSQL: …") as a clause of its own."""
    return [part for clause in _CLAUSE_SPLIT_RE.split(line) for part in _PREFERENCE_RE.split(clause, maxsplit=1)
            if part.strip()]


def _section_of(line: str) -> str | None:
    """The kind of section a heading line opens ("required", "nice", "duties", "about", "benefits"), or None."""
    stripped = line.strip()
    if not stripped or is_bullet(stripped) or len(stripped) > 80 or "\t" in stripped:
        return None
    key = re.sub(r"^[^\w]+|[^\w)?!']+$", "", stripped.lower().replace("’", "'"))
    key = " ".join(key.replace("&", "and").split())
    if key in _SECTIONS:
        return _SECTIONS[key]
    # "About Acme Pay", "Bonus points if you have:" — but not a duty such as "Requirements gathering with sales".
    titled = all(word[:1].isupper() for word in stripped.split() if len(word) > 3 and word[:1].isalpha())
    if stripped.endswith(":") or (titled and len(key.split()) <= 5 and not stripped.endswith(".")):
        for prefix, kind in (("about ", "about"), ("why ", "about"), ("bonus", "nice"), ("nice to have", "nice"),
                             ("preferred", "nice"), ("requirements", "required"), ("qualifications", "required"),
                             ("essential", "required"), ("desirable", "nice"),
                             ("responsibilities", "duties"), ("what you'll do", "duties"), ("benefits", "benefits"),
                             ("what we offer", "benefits")):
            if key.startswith(prefix):
                return kind
    return None


def _sectioned_lines(text: str) -> list[tuple[str, str]]:
    """(section kind, line) for each content line; lines before any heading are "intro"."""
    kind = "intro"
    out: list[tuple[str, str]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        section = _section_of(line)
        if section is not None:
            kind = section
            continue
        inline = re.match(r"^([A-Za-z' -]{3,40}):\s+(\S.*)$", line)
        if inline and _section_of(inline.group(1) + ":") is not None:
            out.append((_section_of(inline.group(1) + ":") or kind, inline.group(2)))
            continue
        out.append((kind, line))
    return out


# Between two skills, words that make them alternatives: "Python or Go", "Power BI/Tableau",
# "Python, Java or JavaScript", "ACCA or CIMA qualified, or CFA".
_OR_CONNECTOR_RE = re.compile(r"^[\s,]*(?:[\w-]+\s*,?\s*){0,2}(?:or|/|and/or|either)\s*(?:an?\s+)?$", re.IGNORECASE)
# "Strong Go, or strong experience in another statically typed language (Java, Rust, C#)": the bracket's list is
# the other choice.
_OR_ANOTHER_RE = re.compile(r"^[\s,]*or\b[^()]{0,80}\b(?:another|other|a similar|an equivalent)\b[^()]{0,50}\(\s*$",
                            re.IGNORECASE)
_LIST_CONNECTOR_RE = re.compile(r"^\s*,\s*$")
# "Spark, Hive, BigQuery or similar": a list closed by "or similar" is a list of choices.
_OR_SIMILAR_RE = re.compile(r"^\s*,?\s*(?:or|and/or)\s+(?:similar|equivalent|comparable|other)\b", re.IGNORECASE)
# "version control (Git)", "a cloud platform (AWS or GCP)": the bracket names examples of the kind before it.
_BRACKET_EXAMPLE_RE = re.compile(r"^\s*\(\s*(?:e\.g\.,?\s*|such as\s+|like\s+)?$", re.IGNORECASE)
_EXAMPLES_RE = re.compile(
    r"\b(?:e\.g\.?|such as|for example|for instance|any of|one or more of|at least one of|one of|like)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_AND_CONNECTOR_RE = re.compile(r"^\s*,?\s*(?:and|&|as well as)\s*$", re.IGNORECASE)


# "A portfolio, GitHub profile or examples of work": a skill offered as one way among others that are no skill is
# not asked of everyone. Not "Go, or another typed language (…)" nor "SQL or similar": those are choices of the kind.
_OR_OTHER_THING_AFTER_RE = re.compile(
    r"^(?:\s+(?:profiles?|accounts?|pages?|repos|repositor(?:y|ies)|links?))?\s*,?\s+or\s+"
    r"(?!(?:an?\s+|any\s+|some\s+)?(?:similar|equivalent|comparable|other|another|related)\b)", re.IGNORECASE)


def one_way_among_others(clause: str, groups: list[list[str]]) -> set[str]:
    """Skills a clause offers as one way among others that name no skill ("a portfolio, GitHub profile or examples
    of work you can talk us through"). Only a skill followed by "or" and something else: "a data science or ML
    engineering role" still asks for machine learning. `groups` are the clause's `alternative_groups`: a skill among
    them is a choice of the kind ("Go, or another language (Java…)"), not one way among others."""
    spans = get_taxonomy().find_spans(clause)
    starts = {start for start, _, _ in spans}
    choices = {name for group in groups for name in group}
    optional = set()
    for _, end, name in spans:
        after = _OR_OTHER_THING_AFTER_RE.match(clause[end:])
        if after and end + after.end() not in starts and name not in choices:
            optional.add(name)
    return optional


def alternative_groups(clause: str) -> list[list[str]]:
    """Runs of skills in a clause joined by "or" (a list ending in "or" counts whole), or listed as examples
    ("languages such as Python, C, Java and .NET"): any one of them will do."""
    return [group for group, _ in _groups(clause)]


def example_groups(clause: str) -> list[list[str]]:
    """The groups of `alternative_groups` written as examples of a kind of tool ("database technology such as MySQL,
    Oracle or SQL Server"): the job wants the kind, and a sibling of the examples is related."""
    return [group for group, examples in _groups(clause) if examples]


def _groups(clause: str) -> list[tuple[list[str], bool]]:
    spans = get_taxonomy().find_spans(clause)
    groups: list[tuple[list[str], bool]] = []
    run: list[str] = []
    has_or = examples = False
    for (first, end, name), (start, following_end, following) in zip(spans, spans[1:], strict=False):
        between = clause[end:start]
        if not run:
            examples = _EXAMPLES_RE.search(clause[:first]) is not None
        if not run and _BRACKET_EXAMPLE_RE.match(between):
            examples = True
        joined_by_or = _OR_CONNECTOR_RE.match(between) is not None or _OR_ANOTHER_RE.match(between) is not None
        joined_by_or = joined_by_or or (examples and _BRACKET_EXAMPLE_RE.match(between) is not None)
        # In a list of examples, "and" joins alternatives too: "such as Python, Ruby, PHP and .NET".
        listed = _LIST_CONNECTOR_RE.match(between) is not None or (examples and _AND_CONNECTOR_RE.match(between))
        if joined_by_or or listed:
            if not run:
                run = [name]
                has_or = examples
            if following not in run:
                run.append(following)
            has_or = has_or or joined_by_or or _OR_SIMILAR_RE.match(clause[following_end:]) is not None
            continue
        if has_or and len(run) > 1:
            groups.append((run, examples))
        run, has_or, examples = [], False, False
    if has_or and len(run) > 1:
        groups.append((run, examples))
    return groups


# --- Seniority and years ----------------------------------------------------------------------

_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_NUMBER = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
_YEARS_RES = (
    re.compile(rf"\b{_NUMBER}\s*\+\s*(?:years?|yrs?)\b", re.IGNORECASE),
    re.compile(rf"\b{_NUMBER}\s*(?:-|–|to)\s*\d{{1,2}}\s*(?:years?|yrs?)\b", re.IGNORECASE),
    re.compile(rf"\b(?:at least|minimum of|minimum|min\.?|over|more than)\s+{_NUMBER}\s*(?:years?|yrs?)\b", re.IGNORECASE),
    re.compile(rf"\b{_NUMBER}\s*(?:or more\s+)?(?:years?|yrs?)(?:'|’)?\s+(?:of\s+)?(?:[\w/&-]+\s+){{0,5}}?experience\b",
               re.IGNORECASE),
    re.compile(rf"\b{_NUMBER}\s+(?:years?|yrs?)\s+(?:in|as)\s+(?:an?\s+)?(?:[\w/&-]+\s+){{0,4}}?(?:role|position|job)s?\b",
               re.IGNORECASE),
)
_SENIORITY_TITLE: tuple[tuple[Seniority, re.Pattern[str]], ...] = (
    ("intern", re.compile(r"\b(?:intern|internship|co-?op|trainee|apprentice(?:ship)?|placement student)\b", re.IGNORECASE)),
    ("junior", re.compile(r"\b(?:junior|jr\.?|new grad(?:uate)?s?|graduate|entry[- ]level|early[- ]career|associate "
                          r"(?:engineer|developer|analyst|designer|scientist)|engineer i|level i)\b", re.IGNORECASE)),
    ("principal", re.compile(r"\b(?:principal|distinguished|fellow)\b", re.IGNORECASE)),
    ("lead", re.compile(r"\b(?:staff|lead|head of|director|vp|vice president|chief|team lead)\b", re.IGNORECASE)),
    ("senior", re.compile(r"\b(?:senior|sr\.?|engineer iii|level iii|iii)\b", re.IGNORECASE)),
    ("mid", re.compile(r"\b(?:mid[- ]level|intermediate|engineer ii|level ii|ii)\b", re.IGNORECASE)),
)
_JUNIOR_TEXT_RE = re.compile(
    r"\b(?:new grads?|recent graduates?|entry[- ]level|graduate (?:programme|program|scheme))\b", re.IGNORECASE
)
_INTERN_TEXT_RE = re.compile(r"\b(?:this internship|summer internship|internship program)\b", re.IGNORECASE)


def years_required_in(lines: list[str]) -> int | None:
    """The largest "N+ years" / "at least N years" / "N years of … experience" in the given lines."""
    found: list[int] = []
    for line in lines:
        for pattern in _YEARS_RES:
            for match in pattern.finditer(line):
                word = match.group(1).lower()
                value = _WORD_NUMBERS[word] if word in _WORD_NUMBERS else int(word)  # the pattern matched \d{1,2}
                if value and 0 < value <= 30:
                    found.append(value)
    return max(found) if found else None


def seniority_of(title: str, *, text: str = "", years: int | None = None) -> Seniority:
    """From the title first ("Senior", "Staff", "Intern", "New Grad"), then from the text, then from years."""
    for level, pattern in _SENIORITY_TITLE:
        if pattern.search(title):
            return level
    if _INTERN_TEXT_RE.search(text):
        return "intern"
    if _JUNIOR_TEXT_RE.search(text):
        return "junior"
    if years is None:
        return "unknown"
    if years <= 1:
        return "junior"
    if years <= 4:
        return "mid"
    if years <= 7:
        return "senior"
    return "lead"


# --- Degrees ----------------------------------------------------------------------------------

_DEGREE_FIELD_RE = re.compile(
    r"\b(?:in|of)\s+((?:[A-Z][\w&]*|and|or)(?:[\s,/]+(?:[A-Z][\w&]*|and|or))*)", re.UNICODE
)


def degree_requirement(sectioned: list[tuple[str, str]]) -> tuple[str, list[str], bool, bool]:
    """(lowest level that satisfies, fields, required, equivalent experience accepted) of the posting's degree
    requirement ("Bachelor's degree in Computer Science or a related field, or equivalent practical experience"
    → bachelor, [Computer Science], True, True). ("", [], False, False) when it names none."""
    found: list[tuple[str, list[str], bool, bool]] = []
    for kind, line in sectioned:
        if kind in ("about", "benefits"):
            continue
        for clause in re.split(r"(?<=[.;!?])\s+", line):
            if not knowledge().degree_cue.search(clause):
                continue
            levels = degree_levels_in(clause) or ["bachelor"]  # "a degree in Computer Science"
            required = kind != "nice" and not (_NICE_CUE_RE.search(clause) and not _REQUIRED_CUE_RE.search(clause))
            equivalent = knowledge().equivalent_cue.search(clause) is not None
            fields_match = _DEGREE_FIELD_RE.search(clause)
            fields = [f.strip() for f in re.split(r",|/|\bor\b|\band\b", fields_match.group(1))
                      if f.strip() and f.strip()[0].isupper()] if fields_match else []
            found.append((levels[0], fields[:4], required, equivalent))
    # Several tracks ("a degree in computer science" for graduates, "a degree or diploma" for placement students): the
    # lowest level any of them accepts.
    required = sorted((item for item in found if item[2]), key=lambda item: DEGREE_ORDER.index(item[0]))
    return (required or found or [("", [], False, False)])[0]


# --- Responsibilities -------------------------------------------------------------------------

_IMPERATIVE_RE = re.compile(
    r"^(?:design|build|develop|own|lead|manage|drive|deliver|create|write|work|partner|collaborate|support|maintain|"
    r"improve|implement|ship|run|operate|mentor|coach|define|analy[sz]e|prepare|assess|plan|provide|administer|educate|"
    r"coordinate|monitor|document|report|present|negotiate|close|prospect|forecast|keep|help|ensure|review|research|"
    r"identify|establish|optimi[sz]e|scale|architect|deploy|test|train|teach|care|respond|handle|resolve|conduct|"
    r"oversee|recruit|source|hire|onboard|grow|launch|communicate|advise|track|measure|translate|shape|champion|"
    r"contribute|participate|take|serve|act|be|make|set|use|apply|perform|process|reconcile|audit|model|"
    r"builds?|designs?|develops?|owns?|leads?|manages?|drives?|delivers?|creates?|writes?|works?|partners?|"
    r"collaborates?|supports?|maintains?|improves?|implements?|ships?|runs?|mentors?)\b",
    re.IGNORECASE,
)
_YOU_WILL_RE = re.compile(r"\b(?:you will|you'll|you’ll|you own|your job|responsible for|you are responsible)\b", re.IGNORECASE)


def _responsibilities(sectioned: list[tuple[str, str]]) -> list[str]:
    """The bullets under the duties headings ("Responsibilities", "What you'll do", "The role"…); without
    bullets, their "you will…" or imperative sentences, else all their sentences; with no duties heading
    at all, the imperative-looking bullets outside the requirements. At most 15, without repeats."""
    duties = [line for kind, line in sectioned if kind == "duties"]
    picked: list[str] = []
    bullets = [strip_bullet(line) for line in duties if is_bullet(line)]
    if bullets:
        picked = bullets
    else:
        sentences = [sentence.strip() for line in duties for sentence in re.split(r"(?<=[.!?])\s+", line)]
        picked = [s for s in sentences if _YOU_WILL_RE.search(s) or _IMPERATIVE_RE.match(s)] or sentences
    if not picked:
        # No "Responsibilities" heading: the imperative-looking bullets outside the requirements, else the
        # "You'll…" sentences of the introduction.
        picked = [strip_bullet(line) for kind, line in sectioned
                  if kind in ("intro", "duties") and is_bullet(line) and _IMPERATIVE_RE.match(strip_bullet(line))]
    if not picked:
        picked = [sentence.strip() for kind, line in sectioned if kind == "intro"
                  for sentence in re.split(r"(?<=[.!?])\s+", line) if _YOU_WILL_RE.match(sentence.strip())]
    seen: dict[str, None] = {}
    for line in picked:
        if line and len(line.split()) >= 3:
            seen.setdefault(line, None)
    return list(seen)[:15]


# --- Key terms --------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _not_terms() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads((Path(__file__).resolve().parent / "data" / "key_terms.json").read_text(encoding="utf-8"))
    return frozenset(data["stopwords"]), frozenset(data["boilerplate"])


_FILLER_FORM_RE = re.compile(r"^[a-z]+(?:ing|ly)$")  # "developing", "closely": how work is done, not what


_TOKEN_RE = re.compile(r"(?<![\w'’+#&-])[A-Za-z][A-Za-z0-9'’+#&-]*[A-Za-z0-9+#]|(?<![\w'’+#&-])[A-Za-z](?![\w])")


def key_terms_of(text: str, *, company: str = "", title: str = "", limit: int = 15) -> list[str]:
    """8–15 words and two-word phrases that make this posting distinctive.

    Counted over the posting except its benefits and equal-opportunity text and its address lines:
    unigrams and adjacent pairs of words that are neither English stopwords, hiring boilerplate
    ("experience", "team", "strong", "opportunity"…), everyday verbs of duties ("build", "own",
    "design"), role nouns ("engineer", "nurse") nor the company's name. Skills the taxonomy knows are
    left out on purpose — they are already in `skills_required`/`skills_nice`, and key terms exist to
    surface the domain vocabulary around them ("ledger", "reconciliation", "critically ill",
    "named territory"). Phrases seen at least twice come first, then words seen at least twice (most
    frequent first); when that gives fewer than eight, phrases and then words seen once fill up, in
    the order the posting uses them.
    """
    taxonomy = get_taxonomy()
    stopwords, boilerplate = _not_terms()
    # The company's name, and its capitalised words on their own ("Northwind sells…"), are not key terms;
    # the same words in lower case ("our retail business") may be.
    names = [re.escape(company.strip())] + [re.escape(word) for word in _TOKEN_RE.findall(company) if word[:1].isupper()]
    own_name = None
    if company.strip():
        own_name = re.compile(r"(?i:\b" + names[0] + r"\b)|\b(?:" + "|".join(names[1:] or ["(?!)"]) + r")\b")
    unigrams: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    position = 0
    lines = text.split("\n")
    if lines and title and lines[0].strip() == title.strip():
        lines = lines[1:]  # the title is counted once, below, word by word
    for number, line in enumerate(([title] if title else []) + lines):
        in_title = bool(title) and number == 0
        if _is_address_line(line, company):
            continue
        masked = _mask_skills(own_name.sub(" | ", line) if own_name else line, taxonomy)
        for clause in re.split(r"[.,;:!?()\[\]|/•–—]+|\s-\s", masked):
            previous: tuple[str, bool] | None = None  # (word, whether it may stand alone as a term)
            for raw in _TOKEN_RE.findall(clause):
                token = raw.lower().replace("’", "'")
                position += 1
                usable = (token not in stopwords and len(token) > 2 and not _IMPERATIVE_RE.fullmatch(token)
                          and not _ROLE_NOUN_RE.fullmatch(token) and taxonomy.canonical(token) is None)
                # Filler ("technology", "scheduling") never stands alone, but names a term beside a real word:
                # "database technology", "scheduling software".
                alone = usable and token not in boilerplate and not _FILLER_FORM_RE.match(token)
                if alone:
                    unigrams[token] += 1
                    first_seen.setdefault(token, position)
                if usable and previous is not None and (alone or previous[1]) and token not in boilerplate and not in_title:
                    pair = f"{previous[0]} {token}"
                    bigrams[pair] += 1
                    first_seen.setdefault(pair, position)
                previous = (token, alone) if usable else None
    unigrams = _merge_plurals(unigrams, first_seen)
    by_count = lambda item: (-item[1], first_seen[item[0]])  # noqa: E731
    chosen = [pair for pair, count in sorted(bigrams.items(), key=by_count) if count >= 2][:limit]
    covered = {word for pair in chosen for word in pair.split()}
    chosen += [word for word, count in sorted(unigrams.items(), key=by_count) if count >= 2 and word not in covered]
    chosen = chosen[:limit]
    for pool in (bigrams, unigrams):
        for term in sorted(pool, key=lambda t: first_seen[t]):
            if len(chosen) >= 8:
                break
            words = term.split()
            if term not in chosen and not any(word in chosen or any(word in c.split() for c in chosen) for word in words):
                chosen.append(term)
    return chosen[:limit]


_ROLE_NOUN_RE = re.compile(
    r"(?:engineer|developer|analyst|manager|nurse|executive|designer|scientist|specialist|associate|representative|"
    r"consultant|coordinator|administrator|assistant|intern|director|officer|accountant|teacher|recruiter)s?",
)


def _is_address_line(line: str, company: str) -> bool:
    """ "Acme Pay — Berlin (hybrid)", "Chicago, IL": where the job is, not what it is."""
    from resumes.reading.contact import contact_parts, is_location

    words = line.split()
    if not words or len(words) > 10:
        return False
    if company and company.lower() in line.lower():
        return True
    return any(is_location(part) for part in contact_parts(line.replace(" — ", " | ").replace(" - ", " | ")))


def _mask_skills(line: str, taxonomy) -> str:
    """The line with every skill the taxonomy finds in it blanked out ("front-end", "front end" alike)."""
    masked = line
    for start, end, _ in reversed(taxonomy.find_spans(line)):
        masked = masked[:start] + " | " + masked[end:]
    return masked


def _merge_plurals(counts: Counter[str], first_seen: dict[str, int]) -> Counter[str]:
    merged: Counter[str] = Counter()
    for word, count in counts.items():
        singular = word[:-1] if word.endswith("s") and not word.endswith("ss") and word[:-1] in counts else word
        merged[singular] += count
        first_seen[singular] = min(first_seen.get(singular, first_seen[word]), first_seen[word])
    return merged


# --- The whole posting ------------------------------------------------------------------------

# A label a posting sets before its title ("Job Description: Senior Engineer", "Position – Data Analyst").
_TITLE_LABEL_RE = re.compile(
    r"^(?:job\s+(?:description|title|posting|opening)|position(?:\s+title)?|role(?:\s+title)?|vacancy|title)\s*[:\-–—|]?\s*",
    re.IGNORECASE,
)


def _title_line(text: str) -> str:
    """The posting's first line, when it reads like a title (short, not a sentence), without a label before it; after a
    line that is only a label ("Job Description:"), the next line."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    first = _TITLE_LABEL_RE.sub("", lines[0]) if lines else ""
    if not first and len(lines) > 1:
        first = lines[1]
    if not first or len(first.split()) > 10 or first.endswith((".", "!", "?")) or _section_of(first):
        return ""
    return first


# A skill named as the people the job works with is not asked of the candidate: "with backend engineers",
# "alongside our data team" (plural, or a team: "a React developer" is the job itself).
_COLLEAGUES_RE = re.compile(
    r"^[\s-]*(?:engineers|engineering teams?|developers|teams?|designers|colleagues|counterparts|partners|squads?|folks|"
    r"people|specialists|leads|analysts|scientists)\b", re.IGNORECASE)


# …or as the audience ("present your work to leadership").
_AUDIENCE_RE = re.compile(r"\b(?:to|with|for)\s+(?:[\w-]+\s+){0,3}?(?:and\s+)?$", re.IGNORECASE)
# …or as the field of a degree ("an MS or PhD in statistics, machine learning or a related field").
_DEGREE_FIELD_TAIL_RE = re.compile(r"^[^.;]{0,80}\b(?:related|similar|relevant|quantitative)\s+(?:field|subject|discipline|area)",
                                   re.IGNORECASE)


def _skills_asked(clause: str, taxonomy) -> list[str]:
    """The skills a clause asks of the candidate: not those named as colleagues ("work with backend engineers"),
    as an audience ("present to leadership") or as a degree's field ("a degree in machine learning or a related field")."""
    names: dict[str, None] = {}
    degree = knowledge().degree_cue.search(clause) is not None
    for start, end, name in taxonomy.find_spans(clause):
        if _COLLEAGUES_RE.match(clause[end:]) or (_AUDIENCE_RE.search(clause[:start]) and taxonomy.category(name) == "soft"):
            continue
        if degree and _DEGREE_FIELD_TAIL_RE.match(clause[end:]):
            continue
        names.setdefault(name, None)
    return list(names)


def skills_asked_in(line: str) -> list[str]:
    """The skills one line of a posting asks of the candidate (not those named as colleagues, an audience or a
    degree's field): for readers of `responsibilities` ("with the front-end team" asks for no front-end skills)."""
    return _skills_asked(line, get_taxonomy())


# A posting for students near the end of their studies: "final-year students", "in the final or penultimate year of a
# degree", "Student in the final year, or recent graduate" (on a line that names students or graduates).
_FINAL_YEAR_RE = re.compile(r"\b(?:final|penultimate)[- ]year\b|\bthe final (?:or penultimate )?year\b", re.IGNORECASE)
_STUDENT_RE = re.compile(r"\bstudents?\b|\bgraduat", re.IGNORECASE)


def analyse_job(*, title: str, company: str, text: str) -> JobRequirements:
    """Required and nice-to-have skills, seniority, years, responsibilities and key terms of a posting.

    Skills come from the taxonomy, line by line, sorted by where the posting puts them: under
    "Requirements", "Must have", "What you bring"… or under the duties ("What you'll do") they are
    required; under "Nice to have", "Bonus", "Preferred"… they are nice-to-have. Required skills written as
    alternatives ("Strong Python or Go", "Power BI or Tableau") are also listed as groups in
    `skills_alternatives`, so a candidate with one of them is not told the other is missing. A clause's own words
    win over its section ("Kafka is a plus" under Requirements is nice-to-have; "BLS required" under
    Preferred is required), and a preference inside a requirement is its own clause ("relational databases,
    ideally PostgreSQL: schema design…" asks for relational databases; PostgreSQL and schema design are nice-to-have).
    Skills named in the title are required unless the posting calls them an asset and never asks for them (a Credit
    Risk Analyst posting for graduates that lists credit-risk coursework under "Assets"). Skills in lines before any heading
    are required when the posting has no requirements or duties sections, nice-to-have otherwise;
    "About us" and benefits text is ignored. A skill in both lists counts as required.
    """
    clean = clean_text(text or "")
    job_title = title.strip() or _title_line(clean)
    sectioned = _sectioned_lines(clean)
    structured = any(kind in ("required", "duties") for kind, _ in sectioned)
    taxonomy = get_taxonomy()
    # With its own requirements section, a posting's duties describe the work; the skills they name ("evolve our
    # design system", "use product analytics") are asked of the candidate only when the requirements name them too.
    listed = any(kind == "required" and _skills_asked(line, taxonomy) for kind, line in sectioned)
    title_skills = taxonomy.find_in_line(job_title)
    required: dict[str, None] = {}
    nice: dict[str, None] = {}
    asset: set[str] = set()  # what the posting's own words call a nice-to-have ("Assets", "ideally", "a plus")
    alternatives: list[list[str]] = []
    for kind, line in sectioned:
        if kind in ("about", "benefits"):
            continue
        for clause in _clauses(line):
            names = _skills_asked(clause, taxonomy)
            if not names:
                continue
            among = _PREFERRED_AMONG_RE.search(clause)
            wider: list[list[str]] = []  # the clause's choice among alternatives, when it states a preference
            if _REQUIRED_CUE_RE.search(clause) and not re.search(r"\bnot required\b", clause, re.IGNORECASE):
                target = required
            elif among and kind in ("required", "intro"):
                target = required
                group = [name for _, end, name in taxonomy.find_spans(clause) if end <= among.end()]
                if len(group) > 1:
                    wider.append(group)
                    if group not in alternatives:
                        alternatives.append(group)
            elif _NICE_CUE_RE.search(clause) or kind == "nice":
                target = nice
                asset.update(names)
            elif kind == "duties" and listed:
                target = nice
            elif kind in ("required", "duties"):
                target = required
            else:  # intro lines
                target = nice if structured else required
            groups = alternative_groups(clause) if target is required else []
            optional = one_way_among_others(clause, groups) if target is required else set()
            for name in names:
                (nice if name in optional else target).setdefault(name, None)
            # An "or" inside the wider choice ("React or Vue" of three frameworks) is that choice.
            alternatives.extend(group for group in groups if group not in alternatives
                                and not any(set(group) <= set(other) for other in wider))
    # The title names the work, so its skills are required ("Frontend Developer"), unless the posting itself calls one
    # an asset and never asks for it ("Credit Risk Analyst" for graduates, with credit risk coursework as an asset).
    required = {name: None for name in title_skills if name in required or name not in asset} | required
    years = years_required_in([line for kind, line in sectioned if kind in ("required", "duties", "intro")
                               and not _NICE_CUE_RE.search(line)])
    degree, degree_fields, degree_required, degree_equivalent = degree_requirement(sectioned)
    examples = [group for kind, line in sectioned if kind not in ("about", "benefits")
                for clause in _clauses(line) for group in example_groups(clause)]
    return JobRequirements(
        title=job_title,
        company=company.strip(),
        skills_required=list(required),
        skills_nice=[name for name in nice if name not in required],
        skills_alternatives=alternatives,
        seniority=seniority_of(job_title, text=clean, years=years),
        years_required=years,
        responsibilities=_responsibilities(sectioned),
        key_terms=key_terms_of("\n".join(line for kind, line in sectioned if kind != "benefits"),
                               company=company, title=job_title),
        skills_examples=[group for index, group in enumerate(examples) if group not in examples[:index]],
        degree_level=degree,
        degree_fields=degree_fields,
        degree_required=degree_required,
        degree_equivalent=degree_equivalent,
        role_family=role_family(job_title),
        final_years_only=any(_FINAL_YEAR_RE.search(line) and _STUDENT_RE.search(line) for line in clean.splitlines()),
    )
