"""Plain-text helpers the coach reads answers and postings with: words, sentences, cues.

Pure Python and deterministic (no sets are iterated to build output), so the same text always gives
the same plan, feedback and score. Everything here is explainable: each detector is a list of cue
phrases a person can read.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9+#'’-]*[A-Za-z0-9+#]|[A-Za-z]|\d+(?:[.,]\d+)*")
# A sentence ends at . ! ? followed by a space or the end — not at the point of "3.1 s" or "v2.0".
_SENTENCE_RE = re.compile(r"(?:[^.!?\n]|[.!?](?![\s\n]|$))+(?:[.!?]+|$)", re.MULTILINE)

def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS = wordset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing done down during each either else etc ever every few for
    from further get gets got had has have having he her here hers him his how however i i'd i'll i'm i've if
    in into is it it's its itself just let me more most much must my myself no nor not now of off on once only
    or other our ours out over own per really same she should so some such than that that's the their theirs
    them then there these they this those through to too under until up upon us very via was we we'd we're
    we've were what when where whether which while who whom why will with within without would yes yet you
    your yours yourself one two
    tell describe walk talk give share example time times explain say think thing things like make made
    question answer role job interview position company team work worked working
    """
)

# Words that make an answer vaguer without adding anything a listener can check.
VAGUE_WORDS = (
    "stuff", "things", "something", "somehow", "various", "etc", "a lot", "lots of", "whatever",
    "pretty much", "kind of", "sort of", "and so on", "some things", "generally", "basically",
    "many things", "all sorts", "here and there", "more or less", "in general",
)
_VAGUE_RE = re.compile(r"\b(" + "|".join(re.escape(v) for v in VAGUE_WORDS) + r")\b", re.IGNORECASE)

# STAR cues, as regular expressions a person can read. Action is also any "I <verb>" (see `i_actions`).
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
STAR_CUES: dict[str, tuple[str, ...]] = {
    "situation": (
        r"when i (?:was|joined|started|worked|moved|took over)", r"while (?:i was|working|on)",
        r"at (?:my|our) (?:last|previous|old)", r"in my (?:last|previous|first|final|current|second|third|old) \w+",
        r"in my role", r"at the time", r"the situation", r"there (?:was|were)", r"we had (?:a|an|some|\d|two|three)",
        r"our (?:team|company|client|customer|ward|unit|office|division|largest|biggest|main|checkout|invoice|order)",
        rf"(?:last|this|one) (?:year|month|quarter|week|spring|summer|autumn|fall|winter|{_MONTHS})",
        r"(?:a few|two|three|four|several) (?:years|months|weeks) ago", r"during (?:a|my|the|our)",
        r"on a (?:night |day |busy |weekend )?shift", r"one (?:night|day|morning|evening|afternoon)", r"in (?:19|20)\d\d",
        r"\bin q[1-4]\b", r"started because", r"\ba (?:customer|client|patient|colleague|prospect|supplier)\b",
        r"the (?:client|customer|patient|project) (?:was|had)", r"i noticed", r"we noticed", r"context",
    ),
    "task": (
        r"my (?:job|task|role|goal|aim|responsibility|part) (?:was|is)",
        r"i (?:was|am) (?:responsible|the|in charge|asked|tasked|given|expected)", r"i had to", r"i needed to",
        r"(?:the|our|my) (?:goal|aim|task|objective|challenge|problem|deadline|target|brief) (?:was|is)",
        r"asked me to", r"so that", r"came first", r"i had (?:\w+ )?(?:days|weeks|hours|months) to", r"we needed to",
        r"in charge of", r"responsible for", r"i wanted to", r"needed to (?:be|get|find|fix|cut|move|stop)", r"my job",
    ),
    "result": (
        r"as a result", r"the result", r"result(?:ed|s)? (?:in|was)", r"outcome", r"in the end", r"since then", r"afterwards",
        r"ended up", r"which (?:meant|led)", r"led to", r"went from .{1,40} to", r"(?:from|by|to) (?:about |around )?[$£€]?\d",
        r"reduced", r"cut (?:the|our|it|by|from)", r"\bcut\b[^.]{0,40}\bfrom\b",
        r"\bfell from\b", r"saved", r"saving", r"increased", r"improved", r"raised", r"lowered",
        r"halved", r"doubled", r"tripled", r"grew", r"dropped", r"fell", r"rose", r"recovered", r"exceeded", r"achieved",
        r"renewed", r"expanded", r"promoted", r"adopted", r"won", r"closed (?:\w+ )?(?:deals?|two|three|the|\$)", r"signed",
        r"on time", r"on schedule", r"under budget", r"calmed down", r"thanked", r"went home", r"zero \w+", r"no longer",
        r"never again", r"i learned", r"i learnt", r"the lesson", r"now (?:i|we) ", r"still (?:in use|uses|use)",
        r"finished (?:the|at|on)", r"delivered", r"shipped", r"launched", r"went (?:ahead|out|live)",
    ),
}
_STAR_RE = {
    part: re.compile(r"\b(?:" + "|".join(cues) + r")", re.IGNORECASE) for part, cues in STAR_CUES.items()
}
_ACTION_RE = re.compile(r"\b(?:(?:first|then|next|so),? i|i personally)\b", re.IGNORECASE)

# Explanations in technical answers: reasons, steps and trade-offs.
REASONING_CUES = (
    "because", "trade-off", "tradeoff", "instead of", "rather than", "so that", "the reason", "first",
    "then", "finally", "measured", "compared", "benchmark", "profil", "the downside", "the risk",
    "on the other hand", "which meant", "to avoid", "i chose", "we chose", "i picked", "depends on",
)
_REASONING_RE = re.compile(r"\b(" + "|".join(re.escape(c) for c in REASONING_CUES) + r")", re.IGNORECASE)

_YEAR_RE = re.compile(r"^(19|20)\d\d$")

# "I" followed by a word that is not an action (hedges and states do not count as doing something).
_I_ACTION_RE = re.compile(r"\bI\s+(?:then\s+|also\s+|personally\s+|quickly\s+|first\s+)?([a-z][a-z'-]+)", re.IGNORECASE)
_NOT_ACTIONS = wordset(
    "joined am was think guess feel felt believe mean suppose would could might know don't didn't do just like hope "
    "try tried wanted want 'm 'd 'll 've can can't will may must should wasn't wouldn't have had really "
    "always never usually sometimes kind sort"
)
_WE_RE = re.compile(r"\b(we|we're|we've|we'd|our|us)\b", re.IGNORECASE)
# "We" followed by what the team did ("we decided", "we shipped"); states ("we had", "we were") are not actions.
_WE_ACTION_RE = re.compile(r"\bwe\s+(?:then\s+|also\s+|all\s+|just\s+|quickly\s+|finally\s+)?([a-z][a-z'-]+)",
                           re.IGNORECASE)
_NOT_WE_ACTIONS = wordset("had have were are was 'd 'll 're 've would could might can will may must should need needed "
                          "wanted want didn't don't weren't couldn't wouldn't got get felt feel knew know")
_PROPER_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z0-9]+(?:[ -][A-Z][a-zA-Z0-9]+)*)")


def words(text: str) -> list[str]:
    """The words of `text` as written (numbers count as words)."""
    return _WORD_RE.findall(text or "")


def word_count(text: str) -> int:
    return len(words(text))


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light, deterministic suffix-stripper so "migrating", "migrated" and "migration" meet."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (
        ("ational", "ate"), ("ations", "at"), ("ation", "at"), ("ments", ""), ("ment", ""), ("ities", ""),
        ("ity", ""), ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"), ("edly", ""), ("ed", ""),
        ("ers", ""), ("er", ""), ("es", ""), ("ly", ""), ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + keep
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":  # "planned" -> "plann" -> "plan"
        w = w[:-1]
    return w


def content_terms(text: str) -> list[str]:
    """Stemmed words that carry meaning (no stopwords, no one-letter words), in order, without repeats."""
    return list(_content_terms(text or ""))


@lru_cache(maxsize=8192)
def _content_terms(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for word in words(text):
        lower = word.lower().replace("’", "'")
        if lower in STOPWORDS or len(lower) < 2:
            continue
        stemmed = stem(lower)
        if stemmed in STOPWORDS:
            continue
        seen.setdefault(stemmed, None)
    return tuple(seen)


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content terms of two texts, 0..1."""
    ta, tb = set(content_terms(a)), set(content_terms(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


@dataclass(frozen=True)
class Sentence:
    text: str  # exactly as written in the source
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    """Sentences of `text`, each an exact slice of it (so it can be quoted back)."""
    found = []
    for match in _SENTENCE_RE.finditer(text or ""):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped or not re.search(r"[A-Za-z0-9]", stripped):
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        found.append(Sentence(stripped, start, start + len(stripped)))
    return found


def excerpt(text: str, *, max_words: int = 28) -> str:
    """The first `max_words` words of `text`, as an exact prefix of it (quotes must be real words said)."""
    text = (text or "").strip()
    spans = list(re.finditer(r"\S+", text))
    if len(spans) <= max_words:
        return text
    return text[: spans[max_words - 1].end()].rstrip(",;:")


# A sentence that opens by placing the story ("At Shopwise …", "In 2022 …", "When …") sets the situation.
_SITUATION_OPENING_RE = re.compile(
    r"(?:^|[.!?]\s+)(?:At [A-Z]|In (?:19|20)\d\d|In my |When |While |During |Last |Back in |Early in |On (?:my|a|one) )"
)


# An opening sentence that describes how things stood ("The ledger service was a monolith…") sets the scene.
_STATE_RE = re.compile(r"\b(?:was|were|had|kept|took|used to|ran|wasn't|weren't|couldn't|didn't|hadn't|would (?:often|always))\b",
                       re.IGNORECASE)
_HYPOTHETICAL_RE = re.compile(r"\b(?:would|I'd|will|I'll|could)\b", re.IGNORECASE)


def opens_with_situation(text: str) -> bool:
    """Whether the first sentence describes how things stood before the speaker acted."""
    first = sentences(text)[:1]
    if not first:
        return False
    opening = first[0].text
    if _HYPOTHETICAL_RE.search(opening.replace("would often", "").replace("would always", "")):
        return False
    return bool(_STATE_RE.search(opening)) and word_count(opening) >= 5


def star_parts(text: str) -> dict[str, bool]:
    """Which of situation, task, action, result the text signals with a cue phrase (or, for the
    situation, an opening sentence that describes how things stood)."""
    return dict(_star_parts(text or ""))


@lru_cache(maxsize=8192)
def _star_parts(text: str) -> tuple[tuple[str, bool], ...]:
    found = {
        "situation": bool(_STAR_RE["situation"].search(text) or _SITUATION_OPENING_RE.search(text)
                          or opens_with_situation(text)),
        "task": bool(_STAR_RE["task"].search(text)),
        "action": bool(i_actions(text) or _ACTION_RE.search(text)),
        "result": bool(_STAR_RE["result"].search(text)),
    }
    return tuple(found.items())


def star_cue(text: str, part: str) -> str:
    regex = _STAR_RE.get(part, _ACTION_RE)
    match = regex.search(text or "")
    return match.group(0) if match else ""


def reasoning_cues(text: str) -> int:
    return len(_REASONING_RE.findall(text or ""))


def _alternatives(phrases) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def _quantity_rules() -> tuple[re.Pattern, frozenset[str]]:
    """The quantity pattern, built from `data/answer_reading.toml` [quantities]."""
    from interviews.coach import library

    data = library.load("answer_reading")["quantities"]
    units = _alternatives(data["units"])
    unit = rf"(?:\s?(?:%|(?:x|k|m|bn)\b)|\s+(?:{units})(?![\w'%]))"
    per = r"(?:\s+(?:per|a|an|each)\s+(?:day|week|month|quarter|year|hour|minute|second|shift|night|sprint)s?\b|\s+per\s+[a-z]+)"
    pattern = (
        rf"(?P<money>[$£€]\s?\d[\d,.]*(?:\s?(?:k|m|bn|million|billion|thousand)\b)?{per}?)"
        rf"|(?P<digits>(?<![\w.,])\d+(?:[.,]\d+)*(?P<unit>{unit}{{1,2}})?{per}?)"
        rf"|(?P<words>(?<![\w'])(?:{_alternatives(data['number_words'])}){unit}{{1,2}}{per}?)"
        rf"|(?P<result>(?<![\w'])(?:{_alternatives(data['result_words'])})(?![\w']))"
    )
    return re.compile(pattern, re.IGNORECASE), frozenset(w.lower() for w in data["not_after"])


def quantities(text: str) -> list[str]:
    """Numbers that measure something, as written: "45%", "$8k", "three weeks", "2 per quarter", "halved".

    Bare number words ("half", "two and ten") are not results; nor are years, versions or steps
    ("in 2021", "Python 3", "step 2"). The unit and cue lists are in `data/answer_reading.toml`.
    """
    return list(_quantities(text or ""))


@lru_cache(maxsize=8192)
def _quantities(text: str) -> tuple[str, ...]:
    pattern, not_after = _quantity_rules()
    found: list[str] = []
    for match in pattern.finditer(text):
        value = re.sub(r"\s+", " ", match.group(0).strip().rstrip(",."))
        if not value:
            continue
        if match.group("digits") and not match.group("unit") and " per " not in value and " a " not in value:
            if _YEAR_RE.match(value):
                continue
            before = re.search(r"([A-Za-z+#]+)\W*$", text[: match.start()])
            if before and before.group(1).lower() in not_after:
                continue
        if value not in found:
            found.append(value)
    return tuple(found)


_RESULT_RE = re.compile(
    r"[%$£€]|\d\s?x\b|percent|per cent|halved|doubled|tripled|quadrupled|tenfold|\bhalf\b"
    r"|^[\d,.]+\s*(?:ms|s|sec|secs|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|quarters?)\b"
    r"|^(?:two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty)\s+"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)


def is_measure(quantity: str) -> bool:
    """Whether a quantity measures a result — a share (45%), money ($8k), a time (25 minutes), a multiple (3x,
    halved) — rather than counting or sizing something (5M customers, 8 patients per shift)."""
    return bool(_RESULT_RE.search(quantity))


def measured_quantities(text: str) -> list[str]:
    """Quantities with a unit, a percentage or a currency first ("45%", "$8k", "900 ms"), then the rest."""
    found = quantities(text)
    strong = [q for q in found if not re.fullmatch(r"[\d,.]+|[A-Za-z]+", q)]
    return strong + [q for q in found if q not in strong]


def i_actions(text: str) -> list[str]:
    """Verbs the speaker put after "I" that describe doing something (not "I think", "I was")."""
    verbs = []
    for match in _I_ACTION_RE.finditer(text or ""):
        verb = match.group(1).lower()
        if verb in _NOT_ACTIONS:
            continue
        verbs.append(verb)
    return verbs


def we_mentions(text: str) -> int:
    return len(_WE_RE.findall(text or ""))


def we_actions(text: str) -> list[str]:
    """Verbs after "we" that describe the group doing something (not "we had", "we were")."""
    return [m.group(1).lower() for m in _WE_ACTION_RE.finditer(text or "") if m.group(1).lower() not in _NOT_WE_ACTIONS]


def leans_on_we(text: str) -> bool:
    """Whether an answer tells what "we" did instead of what the speaker did: more "we" actions than "I"
    actions, and fewer than two of the speaker's own."""
    mine = len(i_actions(text))
    return mine < 2 and len(we_actions(text)) > mine


def vague_phrases(text: str) -> list[str]:
    return [m.group(0) for m in _VAGUE_RE.finditer(text or "")]


def proper_nouns(text: str) -> list[str]:
    """Capitalised names not at the start of a sentence (products, employers, places, tools)."""
    found: dict[str, None] = {}
    for sentence in sentences(text):
        for match in _PROPER_RE.finditer(sentence.text):
            if match.start() == 0:
                continue
            name = match.group(1)
            if name in {"I", "I'm", "I've", "I'd", "I'll", "OK"}:
                continue
            found.setdefault(name, None)
    return list(found)


def lower_first(text: str) -> str:
    """`text` with its first letter lower-cased unless it starts an acronym or a name-like word."""
    text = (text or "").strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def clip(text: str, limit: int = 160) -> str:
    """`text` shortened to at most `limit` characters on a word boundary (for prompts inside questions)."""
    text = re.sub(r"\s+", " ", (text or "").strip())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-") + "…"


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip())


def join_names(names: list[str], conjunction: str = "and") -> str:
    names = [n for n in names if n]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def tidy(text: str) -> str:
    """One clean sentence or two: single spaces, no doubled stops ("done..", "?."), ellipses kept."""
    text = normalise_space(text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    text = re.sub(r"([?!])\.", r"\1", text)
    text = re.sub(r"\s+([,.?!])", r"\1", text)
    return text
