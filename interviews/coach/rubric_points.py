"""Whether an answer covers a strong-answer point — said only on clear evidence.

A point ("How you understood the other side", "The numbers before and after") is one of the kinds of
point in `data/rubric_points.toml` (a concept), or not. The answer is cut into sentences (pysbd); each is
read for what it is: a generic claim ("Communication is super important", "I always check figures"), a
vague one ("we tracked all the KPIs"), a disclaimer ("I don't really have numbers for that one"), a hedge,
or a concrete sentence (a number, a name, or someone doing something).

* **covered** — a concrete sentence shows the concept: an act done by the candidate ("I asked him what he
  was worried about", "I'd ask what they're comparing us to") or a sign of it ("it turned out…"), with a
  number when the point asks for one. Other people's acts ("the doctor spoke to them") show nothing.
* **not covered** — the answer is too short to cover anything; or it disclaims the point and shows nothing
  of it; or it talks about the point only in generic or vague sentences (a near miss); or it tells a
  concrete story that shows none of the concept's cues.
* **open** — anything else (a point of no known kind whose words the answer does not use, an answer in
  another language, evidence only inside a hedge): the feedback advises instead of judging.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from interviews.coach import library
from interviews.coach import text as coach_text

COVERED, NOT_COVERED, OPEN = "covered", "not covered", "open"
THIN_WORDS = 8  # an answer shorter than this covers no point
CONCRETE_MIN_WORDS = 6


@dataclass(frozen=True)
class Concept:
    name: str
    point: re.Pattern | None
    acts: re.Pattern | None
    signs: re.Pattern | None
    numbers_if: re.Pattern | None
    mine: bool
    open_when_absent: bool
    any_concrete: bool


@dataclass(frozen=True)
class Rules:
    generic: re.Pattern
    vague: re.Pattern
    disclaimers: re.Pattern
    not_disclaimers: re.Pattern
    hedges: re.Pattern
    mine: frozenset[str]
    team: frozenset[str]
    others: frozenset[str]
    skip: frozenset[str]
    concepts: tuple[Concept, ...]


def _any(patterns) -> re.Pattern | None:
    patterns = [p for p in patterns or [] if p]
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _words_re(patterns) -> re.Pattern | None:
    """Patterns matched on whole words: not inside another word at either end."""
    patterns = [p for p in patterns or [] if p]
    if not patterns:
        return None
    return re.compile(r"(?<![\w'])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w'])", re.IGNORECASE)


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = library.load("rubric_points")
    sentences, actors = data["sentences"], data["actors"]
    concepts = tuple(
        Concept(name=item["name"], point=_any(item.get("point")), acts=_words_re(item.get("acts")),
                signs=_words_re(item.get("signs")), numbers_if=_any(item.get("numbers_if")),
                mine=bool(item.get("mine")), open_when_absent=bool(item.get("open_when_absent")),
                any_concrete=bool(item.get("any_concrete")))
        for item in data["concept"]
    )
    return Rules(
        generic=_any(sentences["generic"]), vague=_any(sentences["vague"]), disclaimers=_any(sentences["disclaimers"]),
        not_disclaimers=_any(sentences["not_disclaimers"]), hedges=_any(sentences["hedges"]),
        mine=frozenset(actors["mine"]), team=frozenset(actors["team"]), others=frozenset(actors["others"]),
        skip=frozenset(actors["skip"]), concepts=concepts,
    )


# --- Sentences ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReadSentence:
    text: str
    lower: str  # normalised: curly quotes straightened, lower case
    words: int
    generic: bool
    vague: bool
    disclaimer: bool
    hedged: bool
    concrete: bool


_ACTOR_VERB_RE = re.compile(
    r"\b(?:i|we|he|she|they|i'd|we'd|i'll|we'll)\s+(?:then\s+|also\s+|first\s+|just\s+|quickly\s+|personally\s+|"
    r"probably\s+|would\s+|will\s+|immediately\s+|actually\s+)?([a-z][a-z'-]+)"
)
# Words after "I" or "we" that are states, hedges or claims, not something done ("I think", "we were").
_STATES = frozenset(
    [
        "am", "was", "were", "is", "are", "be", "been", "being", "think", "thought", "guess", "feel", "felt",
        "believe", "mean", "suppose", "know", "knew", "hope", "like", "love", "want", "wanted", "wish", "would",
        "could", "should", "might", "may", "must", "can", "can't", "cannot", "don't", "didn't", "do", "does", "did",
        "have", "has", "had", "always", "never", "usually", "sometimes", "really", "kind", "sort", "just", "'m",
        "'re", "'ve", "'d", "'ll", "not", "also",
    ]
)


def _acts_something(lower: str) -> bool:
    return any(match.group(1) not in _STATES for match in _ACTOR_VERB_RE.finditer(lower))


def _segments(text: str) -> list[str]:
    """Sentences of `text` (pysbd: abbreviations, decimals and "e.g." do not end one)."""
    import pysbd

    return [s.strip() for s in _segmenter(pysbd).segment(text) if s.strip()]


@lru_cache(maxsize=1)
def _segmenter(pysbd):
    return pysbd.Segmenter(language="en", clean=False)


def normalise(text: str) -> str:
    return (text or "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


# "I'm not sure, I haven't built one, but I think I'd use a token bucket": what follows "but" is read apart.
_BUT_RE = re.compile(r",?\s+\b(?:but|however)\b\s+", re.IGNORECASE)


def _clauses(sentence: str) -> list[str]:
    parts = [part.strip() for part in _BUT_RE.split(sentence)]
    return [part for part in parts if part] or [sentence]


@lru_cache(maxsize=4096)
def read_sentences(answer: str) -> tuple[ReadSentence, ...]:
    """The answer's sentences (a sentence with "but" as its two halves), each read for what it is."""
    r = rules()
    found = []
    for raw in (clause for sentence in _segments(normalise(answer)) for clause in _clauses(sentence)):
        lower = raw.lower()
        words = coach_text.word_count(raw)
        generic = bool(r.generic.search(lower))
        vague = bool(r.vague.search(lower))
        cleared = r.not_disclaimers.sub(" ", lower)
        disclaimer = bool(r.disclaimers.search(cleared))
        hedged = bool(r.hedges.search(lower))
        specific = (bool(coach_text.quantities(raw)) or bool(coach_text.proper_nouns(" x " + raw))
                    or (_acts_something(lower) and words >= CONCRETE_MIN_WORDS))
        concrete = specific and not generic and not vague and not disclaimer
        found.append(ReadSentence(raw, lower, words, generic, vague, disclaimer, hedged, concrete))
    return tuple(found)


def substance(text: str) -> str:
    """The sentences of `text` that say something: not a claim that something matters, a vague catch-all or a
    disclaimer ("AI is the future" shows no AI; "not much front end" shows no front end either — see `reading`)."""
    return " ".join(s.text for s in read_sentences(text or "") if not (s.generic or s.vague or s.disclaimer))


def _actor(lower: str, start: int) -> str:
    """Who does what starts at lower[start]: "mine", "team", "other", or "" when the sentence does not say."""
    r = rules()
    words = re.findall(r"[a-z][a-z']*|[,;]", lower[:start])
    i = len(words) - 1
    while i >= 0 and words[i] in r.skip:
        i -= 1
    if i < 0:
        return ""
    word = words[i]
    if word == "had":  # "the CFO had signed with a competitor": background, not what happened
        return "background"
    if word in ("been", "being", "was", "were", "is", "are", "be", "get", "got"):  # "had been posted": done by nobody said
        return "passive"
    for size in (3, 2):
        phrase = " ".join(words[max(0, i - size + 1):i + 1])
        if phrase in r.others:
            return "other"
        if phrase in r.team:
            return "team"
    if word in r.mine:
        return "mine"
    if word in r.team:
        return "team"
    if word in r.others:
        return "other"
    if i >= 1 and words[i - 1] in ("the", "a", "an", "his", "her", "their", "my", "our") and word not in (",", ";"):
        return "other"  # "the doctor spoke to them"
    if word in ("and", ",", "then", "so", "but", "or", "to"):
        for earlier in reversed(words[:i]):
            if earlier in r.mine:
                return "mine"
            if earlier in r.team:
                return "team"
            if earlier in r.others:
                return "other"
    return ""


# --- Points -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PointReading:
    point: str
    verdict: str  # COVERED | NOT_COVERED | OPEN
    reason: str  # why, in a few words: "shown", "too short", "disclaimed", "only said it matters", "not in the story", …
    quote: str = ""  # the candidate's sentence that shows it (covered) or talks around it (near miss)
    concept: str = ""


def concept_of(point: str) -> Concept | None:
    lower = normalise(point).lower()
    return next((c for c in rules().concepts if c.point is not None and c.point.search(lower)), None)


def _stems(text: str) -> frozenset[str]:
    """Snowball stems of the words that carry meaning ("communicated", "communication" → "communic")."""
    return _stems_of(normalise(text or "").lower())


@lru_cache(maxsize=16384)
def _stems_of(lower: str) -> frozenset[str]:
    import snowballstemmer

    stemmer = _stemmer(snowballstemmer)
    words = [w.strip("'-") for w in coach_text.words(lower)]
    return frozenset(stemmer.stemWord(w) for w in words
                     if len(w) > 2 and w not in coach_text.STOPWORDS and w not in _POINT_FILLER and not w.isdigit())


def _same_stem(a: str, b: str) -> bool:
    """Stems of one word family: equal, or one the start of the other ("argu" and "argument")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short)


def _shared(wanted: frozenset[str], found: frozenset[str]) -> set[str]:
    return {w for w in wanted if any(_same_stem(w, f) for f in found)}


ECHO_SHARE = 0.45  # an answer whose words are mostly the question's and the points' own says nothing of its own
ECHO_MAX_STEMS = 40


def echoes(answer: str, context: str) -> bool:
    """Whether an answer mostly repeats the question and its points back ("I noticed it when it happened, I
    escalated using SBAR, and the outcome was a good outcome")."""
    mine, theirs = _stems(answer), _stems(context)
    if not mine or len(mine) > ECHO_MAX_STEMS:
        return False
    return len(_shared(mine, theirs)) / len(mine) >= ECHO_SHARE


@lru_cache(maxsize=1)
def _stemmer(snowballstemmer):
    return snowballstemmer.stemmer("english")


# Words of a point that say how to answer, not what: "How you …", "what you did".
_POINT_FILLER = frozenset({"how", "what", "you", "your", "yourself", "did", "afterward", "afterwards", "would", "i'd"})


_NEGATORS = frozenset({
    "not", "never", "no", "nobody", "nothing", "didn't", "don't", "doesn't", "wasn't", "weren't", "haven't",
    "hadn't", "couldn't", "can't", "cannot", "won't", "wouldn't", "without", "neither", "nor",
})
_RHETORICAL_RE = re.compile(r"\b(?:didn't|did not|don't|not) just\b|\bnot only\b")


def _negated(lower: str, start: int) -> bool:
    """Whether a negation in the same clause, at most five words back, governs what starts at lower[start]
    ("we never measured it", "nobody told the family") — "we didn't just close the ticket" is not one."""
    clause = re.split(r"[,;:]|\b(?:but|and then|so|because|which)\b", lower[:start])[-1]
    if _RHETORICAL_RE.search(clause):
        return False
    return any(word in _NEGATORS for word in re.findall(r"[a-z']+", clause)[-5:])


# "I'd" before a past participle is "I had" ("I'd designed"), before a verb it is "I would" ("I'd ask").
_WOULD_RE = re.compile(r"\b(?:i|we)(?:'d| would)\s+(?!(?:\w+ed|been|done|seen|known|given|taken|written|gone|had)\b)\w+|"
                       r"\bif i had\b|\bi (?:could|might) (?:have )?\w+")


_PAST_ACT_RE = re.compile(
    r"\b(?:i|we)\s+(?:then\s+|also\s+|first\s+|just\s+|quickly\s+|personally\s+)?(?:\w+ed|went|made|took|gave|kept|built|"
    r"wrote|ran|got|sent|set|led|met|told|brought|sat|spent|cut|found|began|chose|drew|caught|held|taught|stayed|spoke|"
    r"shut|knew|saw|put|did|had|was|were)\b"
)


def is_hypothetical(sentence: ReadSentence) -> bool:
    """A sentence about what the speaker would do, with nothing they did ("If I had one I would…")."""
    return bool(_WOULD_RE.search(sentence.lower)) and not _PAST_ACT_RE.search(sentence.lower)


def _evidence(concept: Concept, sentence: ReadSentence, *, numbers: bool) -> str:
    """"shown" when the sentence shows the concept, "negated" when it names it only to say it did not happen, else ""."""
    if numbers and not coach_text.quantities(sentence.text):
        return ""
    if concept.any_concrete:
        return "shown" if sentence.concrete else ""
    negated = False
    for pattern, is_act in ((concept.signs, False), (concept.acts, True)):
        if pattern is None:
            continue
        for match in pattern.finditer(sentence.lower):
            actor = _actor(sentence.lower, match.start())
            if actor in ("background", "passive"):
                continue
            if is_act and not (actor == "mine" or (not concept.mine and actor in ("team", ""))):
                continue
            if _negated(sentence.lower, match.start()):
                negated = True
                continue
            return "shown"
    return "negated" if negated else ""


def _shows(concept: Concept, sentence: ReadSentence, *, numbers: bool) -> bool:
    return _evidence(concept, sentence, numbers=numbers) == "shown"


def _mentions(concept: Concept | None, point_stems: set[str], sentence: ReadSentence) -> bool:
    """Whether a sentence talks about the point (its words, or the concept's cues), whatever it shows."""
    if _shared(point_stems, _stems(sentence.text)):
        return True
    if concept is None:
        return False
    return any(p is not None and p.search(sentence.lower) for p in (concept.acts, concept.signs))


# A question about what the candidate did ("Tell me about a time…", "Have you…"): "I would…" does not answer it.
_PAST_QUESTION_RE = re.compile(r"\b(?:tell me about|describe a|give me an example|have you|walk me through (?:a|the|your)|"
                               r"what did you|how did you|when did you|talk me through a|"
                               r"did you (?:\w+ )?(?:do|handle|decide))\b", re.IGNORECASE)
_HYPOTHETICAL_QUESTION_RE = re.compile(r"\b(?:would you|if you|if i gave you|imagine|suppose|what if|how do you|how will you)\b",
                                       re.IGNORECASE)
_HYPOTHETICAL_POINT_RE = re.compile(r"\b(?:would|you'd|differently|next time|plan)\b", re.IGNORECASE)


def asks_what_was_done(question: str) -> bool:
    """Whether a question asks what the candidate did ("Tell me about a time…"), not what they would do."""
    return bool(_PAST_QUESTION_RE.search(question or "")) and not _HYPOTHETICAL_QUESTION_RE.search(question or "")


def read_point(point: str, answer: str, question: str = "", context: str = "") -> PointReading:
    """What the answer shows of one strong-answer point (see the module docstring). `context` is the question
    with all its points, for telling an answer that only says them back."""
    return _read_point(point, answer or "", question or "", context or f"{question} {point}")


@lru_cache(maxsize=8192)
def _read_point(point: str, answer: str, question: str, context: str) -> PointReading:
    concept = concept_of(point)
    name = concept.name if concept else ""
    if coach_text.word_count(answer) < THIN_WORDS:
        return PointReading(point, NOT_COVERED, "too short", concept=name)
    if echoes(answer, context):  # the near miss at its purest: the point's words, and nothing of its own
        return PointReading(point, NOT_COVERED, "only says the question back", concept=name)
    sentences = read_sentences(answer)
    point_stems = _stems(point)
    numbers = bool(concept and concept.numbers_if and concept.numbers_if.search(point.lower()))
    usable = [s for s in sentences if s.concrete]
    # "Have you managed a budget?" — "If I had one I would…" tells what they would do, not what they did.
    past_only = (bool(_PAST_QUESTION_RE.search(question)) and not _HYPOTHETICAL_QUESTION_RE.search(question)
                 and not _HYPOTHETICAL_POINT_RE.search(normalise(point)))
    if past_only:
        usable = [s for s in usable if not is_hypothetical(s)]
    if concept is not None:
        if concept.any_concrete:
            shown = usable if len(usable) >= 2 and not any(s.disclaimer for s in sentences) else []
        else:
            shown = [s for s in usable if _shows(concept, s, numbers=numbers)]
    else:
        named = _stems(" ".join(re.findall(r"\(([^)]*)\)", point)))  # "Where the project goes next (the book)"
        # A point of no known kind: its own words, most of them, in one concrete sentence (near misses use its
        # words too, but in generic sentences, which are not concrete).
        wanted = max(2, (2 * len(point_stems) + 2) // 3)
        own = _stems(f"{question} {point}")
        shown = [s for s in usable if point_stems
                 and (len(_shared(point_stems, _stems(s.text))) >= min(wanted, len(point_stems))
                      or (named and len(_shared(named, _stems(s.text))) == len(named)))
                 # and something of its own besides the point's words ("I had a PM who was struggling" is not it)
                 and len(_stems(s.text) - own) >= 3]
    firm = [s for s in shown if not s.hedged]
    if firm:
        return PointReading(point, COVERED, "shown", firm[0].text, name)
    negated = [s for s in sentences if concept is not None and _evidence(concept, s, numbers=False) == "negated"]
    disclaimed = [s for s in sentences if s.disclaimer] + negated
    partial = [s for s in usable if _shared(point_stems, _stems(s.text))]
    if disclaimed and partial and concept is None:  # "I haven't built one, but I'd keep the buckets shared…"
        return PointReading(point, OPEN, "unclear", partial[0].text, name)
    if disclaimed:  # "I'm not certified … I'd probably just call for help": the hedge is the whole answer
        return PointReading(point, NOT_COVERED, "disclaimed", disclaimed[0].text, name)
    if shown:  # "I think, hopefully, I'd go straight back to the patient": hedged, but it says what
        return PointReading(point, COVERED, "shown, hedged", shown[0].text, name)
    around = [s for s in sentences if (s.generic or s.vague) and _mentions(concept, point_stems, s)]
    if around:
        return PointReading(point, NOT_COVERED, "only said it matters", around[0].text, name)
    if not usable:
        return PointReading(point, NOT_COVERED, "nothing concrete", concept=name)
    if concept is not None and not concept.open_when_absent:
        return PointReading(point, NOT_COVERED, "not in the story", concept=name)
    return PointReading(point, OPEN, "unclear", concept=name)
