"""Words an interviewer would say: resume bullets and job duties paraphrased, names checked first.

An interviewer reads "Led the migration of the ledger service from a monolith to Go microservices on
Kubernetes, cutting p99 latency by 45%" and says "At Stripe you led the migration of the ledger
service from a monolith to Go microservices on Kubernetes and cut p99 latency by 45%". They never say
"At June 2020 you worked as…", never read out a whole paragraph, and never call a phone number
someone's background. This module does that rewriting and those checks, from the word lists in
`data/phrasing.toml`; it never invents a fact, it only re-says the resume's own words.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from interviews.coach import library
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
_BULLET_RE = re.compile(r"^\s*(?:[-•*▪◦·●○■□➢➤►]|\d+[.)])\s*")
_PHONE_RE = re.compile(r"(?:\+?\d[\d\s().‐‑–-]{6,}\d)")
_EMAIL_OR_LINK_RE = re.compile(r"@|https?://|www\.|\.(?:com|org|io|dev|net)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PhrasingRules:
    past: dict[str, str]  # base or -ing form → past
    gerund: dict[str, str]  # base → -ing
    bases: frozenset[str]
    result_verbs: frozenset[str]
    recognition_verbs: frozenset[str]
    empty_openers: tuple[str, ...]
    cut_before: tuple[str, ...]
    max_action_words: int
    max_result_words: int
    max_quote_words: int
    generic_project_words: tuple[str, ...]


@lru_cache(maxsize=1)
def rules() -> PhrasingRules:
    data = library.load("phrasing")
    past, gerund = {}, {}
    for base, past_form, ing in data["irregular_verbs"]:
        past[base] = past[ing] = past_form
        gerund[base] = ing
    return PhrasingRules(
        past=past, gerund=gerund,
        bases=frozenset(data["bullet_verbs"]) | frozenset(gerund),
        result_verbs=frozenset(data["result_verbs"]),
        recognition_verbs=frozenset(data["recognition_verbs"]),
        empty_openers=tuple(data["empty_openers"]),
        cut_before=tuple(data["cut_before"]),
        max_action_words=int(data["max_action_words"]),
        max_result_words=int(data["max_result_words"]),
        max_quote_words=int(data["max_quote_words"]),
        generic_project_words=tuple(data["generic_project_words"]),
    )


# --- Verb forms ----------------------------------------------------------------------------------------------

def past_tense(verb: str) -> str:
    """"cutting" → "cut", "reducing" → "reduced", "lead" → "led"; anything already past stays."""
    word = verb.lower()
    known = rules().past.get(word)
    if known:
        return known
    if word.endswith("ed"):
        return word
    if word.endswith("ing"):
        stem = word[:-3]
        if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":  # "planning" → "plan"
            stem = stem[:-1]
        elif stem.endswith(("at", "uc", "iz", "is", "ov", "ag", "ur", "iv", "ac", "rg", "ud", "as", "ng", "bl", "pl")):
            stem += "e"  # "reducing" → "reduce", "raising" → "raise", "improving" → "improve"
        return _past_of_base(stem)
    return _past_of_base(word)


def _past_of_base(base: str) -> str:
    if base in rules().past:
        return rules().past[base]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def gerund(verb: str) -> str:
    """"own" → "owning", "design" → "designing", "manage" → "managing"."""
    word = verb.lower()
    if word in rules().gerund:
        return rules().gerund[word]
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return word[:-1] + "ing"
    return word + "ing"


def is_verb_start(word: str) -> bool:
    lower = word.lower().strip(",:;")
    return lower in rules().bases or (lower.endswith("ed") and len(lower) > 4) or lower in rules().past.values()


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
    if is_date_like(value) or _DATE_RE.fullmatch(value) or _PHONE_RE.search(value) or _EMAIL_OR_LINK_RE.search(value):
        return False
    if len(value.split()) > max_words or re.search(r"[a-z]{3,}[.!?]\s+[A-Z]", value) or value.endswith(":"):
        return False
    return not _same_person(value, candidate_name)


def as_name(value: str) -> str:
    """A name as it is said: "DATADOG" → "Datadog" (a styled heading), but "IBM", "SAP", "N26" stay."""
    words = value.strip().split()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 4 and w.isalpha() else w for w in words)


def project_name(name: str, *, candidate_name: str = "") -> str:
    """The project's name as a person would say it, or "" when the "name" is a description or a label."""
    name = clean_line(name).strip(" -–—:")
    if not is_name_like(name, candidate_name=candidate_name, max_words=5) or "," in name or re.search(r"\d+\s*\+", name):
        return ""
    lower = name.lower()
    if any(re.search(rf"\b{re.escape(word)}\b", lower) for word in rules().generic_project_words):
        return ""
    return name


# --- Paraphrase ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Paraphrase:
    action: str  # "led the migration of the ledger service to Go microservices on Kubernetes"
    result: str  # "cut p99 latency by 45%" ("" when the line states none after its action)

    @property
    def said(self) -> str:
        """The whole achievement after "you": "led … and cut p99 latency by 45%"."""
        if not self.result:
            return self.action
        joiner = ", which " if self.result.startswith("which ") else ", and " if self.result[:1].isupper() else " and "
        result = self.result[6:] if self.result.startswith("which ") else self.result
        return f"{self.action}{joiner}{result}"


_DANGLING = ("for", "to", "up", "of", "in", "on", "with", "and", "or", "the", "a", "an", "by", "from", "at", "as", "into")


def shorten(phrase: str, limit: int) -> str:
    """`phrase` cut to at most `limit` words at a natural boundary — a comma first, then before a linking word —
    keeping every number it states when it can; never mid-phrase, never with "…"."""
    words = phrase.split()
    if len(words) <= limit:
        return phrase
    figures = T.quantities(phrase)
    for size in (limit, limit + 6):  # a few more words rather than lose the number that makes the point
        if size > limit and len(words) <= size and figures:
            return phrase
        head = " ".join(words[:size])
        for cut in _cuts(head):
            kept = head[:cut].rstrip(" ,;:-–—(")
            if re.search(r"\bfrom\s+\S+(?:\s\S+)?$", kept):  # never "cut recovery time from 45"
                continue
            if len(kept.split()) >= 4 and kept.split()[-1].lower() not in _DANGLING:
                if size == limit + 6 and figures and not all(f in kept for f in figures[:1]):
                    continue
                if size == limit and figures and not T.quantities(kept) and len(words) <= limit + 6:
                    break  # try the longer size first: it can keep the number
                return kept
    head = " ".join(words[:limit])
    return " ".join(w for w in head.split()).rstrip(" ,;:-–—(")


def _cuts(head: str) -> list[int]:
    """Where `head` may end: before its commas (last first), then before linking words (last first)."""
    commas = [m.start() for m in re.finditer(r",\s", head)][::-1]
    links = sorted({head.rfind(marker) for marker in rules().cut_before if marker.strip() and head.rfind(marker) > 0},
                   reverse=True)
    return commas + links


_PHRASE_END = T.wordset("and on for with that which to from in across using used by at into through via including "
                        "so where while after before")


def head_phrase(phrase: str, limit: int = 7) -> str:
    """The noun phrase a clause starts with: "an event-driven reconciliation pipeline" from "an event-driven
    reconciliation pipeline on Kafka processing 40M events per day"."""
    words = phrase.split()
    kept: list[str] = []
    for n, word in enumerate(words[:limit]):
        bare = word.lower().strip(",;:")
        if n >= 2 and (bare in _PHRASE_END or (bare.endswith("ing") and len(bare) > 5)):
            break
        kept.append(word)
        if word.endswith((",", ";", ":")):
            break
    return " ".join(kept).rstrip(",;:").removesuffix(" and").removesuffix(" the")


def second_person(text: str) -> str:
    text = re.sub(r"\bmy\b", "your", text)
    text = re.sub(r"\bI\b", "you", text)
    text = re.sub(r"\bme\b", "you", text)
    return re.sub(r"\b(?:our|Our)\b", "your", text)


@lru_cache(maxsize=4096)
def paraphrase(line: str, *, person: str = "second") -> Paraphrase | None:
    """A resume bullet re-said after "you" (or, with person="first", after "I"), or None when it does not start
    with something the person did."""
    voice = second_person if person == "second" else (lambda text: text)
    text = clean_line(line)
    lower = text.lower()
    for opener in rules().empty_openers:
        if lower.startswith(opener + " "):
            text = text[len(opener) + 1:]
            return _as_responsibility(text, voice, "were" if person == "second" else "was")
    words = text.split()
    if len(words) < 3 or not is_verb_start(words[0]):
        return None
    text = _FIRST_SENTENCE_RE.split(text, maxsplit=1)[0]  # a bullet of two sentences: the first says what was done
    main, result = _split_result(text)
    if not result and ";" in main:
        main, result = _after_semicolon(main)
    first, rest = main.split(" ", 1) if " " in main else (main, "")
    verb = first.lower()
    if verb.endswith("ing"):
        verb = past_tense(verb)
    action = shorten(voice(f"{verb} {rest}".strip()), rules().max_action_words)
    if result:
        result = shorten(voice(result), rules().max_result_words)
    return Paraphrase(action=action, result=result)


def _as_responsibility(text: str, voice, be: str) -> Paraphrase | None:
    text = shorten(voice(text), rules().max_action_words)
    return Paraphrase(action=f"{be} responsible for {text}", result="") if len(text.split()) >= 2 else None


_FIRST_SENTENCE_RE = re.compile(r"(?<=[a-z0-9%)])\.\s+(?=[A-Z])")


def _after_semicolon(text: str) -> tuple[str, str]:
    """"Owned onboarding; cut drop-off by 22% with A/B tests" keeps the measured result after the semicolon;
    "Booked 25 meetings a month; promoted to team lead" keeps only its first clause."""
    head, tail = (part.strip() for part in text.split(";", 1))
    if not any(T.is_measure(q) for q in T.quantities(tail)):
        return head, ""
    first, _, rest = tail.partition(" ")
    if first.lower() in rules().recognition_verbs:
        return head, ""
    if is_verb_start(first):
        verb = first.lower()
        return head, f"{past_tense(verb) if verb.endswith('ing') else verb} {rest}".strip()
    return head, tail


def _split_result(text: str) -> tuple[str, str]:
    """("Led the migration …", "cut p99 latency by 45%") from "Led the migration …, cutting p99 latency by 45%"."""
    for match in re.finditer(r"[,;]\s+(\w+)\s+(.+)$", text):
        word = match.group(1).lower()
        if word in rules().result_verbs:
            return text[: match.start()].strip(), f"{past_tense(word)} {match.group(2).strip()}"
        if word in ("which", "resulting", "leading") and T.quantities(match.group(2)):
            tail = re.sub(r"^(?:in|to)\s+", "", match.group(2).strip())
            return text[: match.start()].strip(), f"which {'led to' if word != 'which' else ''} {tail}".replace("  ", " ")
    return text, ""


# --- Job duties ----------------------------------------------------------------------------------------------

@lru_cache(maxsize=1024)
def duty(responsibility: str) -> str:
    """A job responsibility as a short infinitive phrase: "improve the reliability of our Kafka event pipeline"."""
    text = clean_line(responsibility)
    words = text.split()
    if not words:
        return ""
    first = words[0].lower()
    if first.endswith("ing") and len(first) > 5:  # "Developing front end…" → "develop front end…"
        words[0] = _base_from_gerund(first)
    else:
        words[0] = first
    phrase = " ".join(words)
    phrase = re.sub(r"\bour\b", "the", phrase)
    return shorten(phrase, rules().max_action_words)


@lru_cache(maxsize=1024)
def duty_gerund(responsibility: str) -> str:
    """A responsibility as an -ing phrase: "owning the ledger and reconciliation systems end to end"."""
    phrase = duty(responsibility)
    if not phrase:
        return ""
    words = phrase.split()
    out = []
    for n, word in enumerate(words):
        bare = word.rstrip(",")
        joined = words[n - 1].endswith(",") or words[n - 1].lower() in ("and", "or") if n else False
        if n == 0 or (joined and bare.lower() in rules().bases and _is_second_verb(words, n)):
            word = gerund(bare) + word[len(bare):]
        out.append(word)
    return " ".join(out)




def _is_second_verb(words: list[str], n: int) -> bool:
    """Whether words[n] is a second verb ("…and coordinate discharge planning", "design, build and operate")
    rather than the last noun of a list ("the budget and forecast")."""
    previous = words[n - 1].lower().rstrip(",")
    if words[n - 1].endswith(",") and (previous.endswith("ing") or previous in rules().bases):
        return True  # a list of verbs: "designing, build…"
    if words[n].endswith(",") or n + 1 >= len(words):
        return False
    return words[n + 1].lower() not in ("and", "or")


def _base_from_gerund(word: str) -> str:
    for base, ing in rules().gerund.items():
        if ing == word:
            return base
    stem = word[:-3]
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    if stem.endswith(("at", "uc", "iz", "is", "ov", "ag", "ur", "iv", "ac", "rg", "ud", "as", "ng", "bl", "pl", "ar")):
        return stem + "e"
    return stem
