"""Reading an answer for what it really shows: skills the candidate used (not ones they say they
lack), the skills a family of technologies proves, and the numbers that measure a result.

The cue lists live in `data/answer_reading.toml`. A skill mention is dropped when a negation or
hedge governs it in the same clause ("not much front end", "I've never used Kafka", "Kubernetes is
something I want to learn"); what remains is widened by the taxonomy's own implications (React →
JavaScript, Frontend Development) and by the data file's families (Frontend + Backend → Full-Stack).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from interviews.coach import library
from resumes.reading.taxonomy import get_taxonomy

_PUNCTUATION_BREAK = re.compile(r"[,;:.!?()\n—–]")


@dataclass(frozen=True)
class ReadingRules:
    near: re.Pattern
    near_window: int
    far: re.Pattern
    far_window: int
    after: re.Pattern
    not_negations: tuple[str, ...]
    clause_break: re.Pattern
    families: tuple[tuple[str, str, tuple[str, ...], bool], ...]  # (skill, "all_of" | "any_of", members, resume only)
    synonyms: re.Pattern
    synonym_names: dict[str, str]


def _phrase_re(phrases) -> re.Pattern:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w'])", re.IGNORECASE)


@lru_cache(maxsize=1)
def rules() -> ReadingRules:
    data = library.load("answer_reading")
    negation = data["negation"]
    families = []
    for family in data.get("family", []):
        kind = "all_of" if "all_of" in family else "any_of"
        families.append((family["skill"], kind, tuple(family[kind]), bool(family.get("resume_only"))))
    synonyms = {key.lower(): value for key, value in data.get("synonyms", {}).items()}
    return ReadingRules(
        near=_phrase_re(negation["near"]), near_window=int(negation["near_window"]),
        far=_phrase_re(negation["far"]), far_window=int(negation["far_window"]),
        after=_phrase_re(negation["after"]), not_negations=tuple(negation["not_negations"]),
        clause_break=_phrase_re(negation["clause_breaks"]),
        families=tuple(families), synonyms=_phrase_re(synonyms), synonym_names=synonyms,
    )


def _normalise(text: str) -> str:
    return (text or "").replace("’", "'").replace("‘", "'")


def mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical skill) for every skill named in `text`: the taxonomy's, then everyday synonyms."""
    return list(_mentions(text or ""))


@lru_cache(maxsize=8192)
def _mentions(text: str) -> tuple[tuple[int, int, str], ...]:
    text = _normalise(text)
    found = list(get_taxonomy().find_spans(text))
    taken = [(start, end) for start, end, _ in found]
    for match in rules().synonyms.finditer(text):
        if not any(start < match.end() and match.start() < end for start, end in taken):
            name = rules().synonym_names[match.group(0).lower()]
            if name in get_taxonomy().skills:
                found.append((match.start(), match.end(), name))
    return tuple(sorted(found))


def _clause_before(text: str, start: int) -> str:
    head = text[:start]
    cut = max((m.end() for m in _PUNCTUATION_BREAK.finditer(head)), default=0)
    clause = head[cut:]
    breaks = list(rules().clause_break.finditer(clause))
    return clause[breaks[-1].end():] if breaks else clause


def _clause_after(text: str, end: int) -> str:
    tail = text[end:]
    stop = _PUNCTUATION_BREAK.search(tail)
    clause = tail[: stop.start()] if stop else tail
    first_break = rules().clause_break.search(clause)
    return clause[: first_break.start()] if first_break else clause


def _has(phrases: re.Pattern, text: str) -> bool:
    return phrases.search(text) is not None


def negated(text: str, start: int, end: int) -> bool:
    """Whether a negation or hedge in the same clause governs the skill named at text[start:end]."""
    r = rules()
    text = _normalise(text)
    before = _clause_before(text, start).lower()
    for phrase in r.not_negations:
        before = before.replace(phrase, " ")
    words = before.split()
    if _has(r.near, " ".join(words[-r.near_window:])) or _has(r.far, " ".join(words[-r.far_window:])):
        return True
    return _has(r.after, _clause_after(text, end).lower())


def widen(names: list[str], *, answer: bool = False) -> list[str]:
    """`names` plus what they prove: the taxonomy's implications, then the families, until nothing changes. For an
    `answer`, the families marked resume-only are left out (an answer about React shows no HTML)."""
    taxonomy = get_taxonomy()
    shown = list(dict.fromkeys(names))
    for name in list(shown):
        for broader in taxonomy.implied(name):
            if broader not in shown:
                shown.append(broader)
    changed = True
    while changed:
        changed = False
        for skill, kind, members, resume_only in rules().families:
            if skill in shown or (answer and resume_only):
                continue
            hit = all(m in shown for m in members) if kind == "all_of" else any(m in shown for m in members)
            if hit:
                shown.append(skill)
                changed = True
    return shown


@lru_cache(maxsize=8192)
def _shown(text: str, answer: bool) -> tuple[str, ...]:
    return tuple(widen([name for start, end, name in mentions(text) if not negated(text, start, end)], answer=answer))


def skills_shown(text: str, wanted: list[str] | None = None, *, answer: bool = False) -> list[str]:
    """Skills `text` shows the candidate using (negated mentions left out, families widened; for an `answer`, without
    the resume-only families).

    With `wanted`, only those (as spelled there), in the order the answer shows them; else every skill.
    """
    shown = list(_shown(text, answer))
    if not wanted:
        return shown
    by_lower = {skill.lower(): skill for skill in wanted}
    return list(dict.fromkeys(by_lower[name.lower()] for name in shown if name.lower() in by_lower))


# --- Language, repetition, the speaker's own actions ------------------------------------------------------------

INTERVIEW_LANGUAGE = "en"
LANGUAGE_MIN_WORDS = 12  # shorter answers are too short to tell a language by


@lru_cache(maxsize=4096)
def answer_language(text: str) -> str:
    """The language an answer is in, as a code ("es"), when it is clearly not the interview's; "" otherwise.

    py3langid (a maintained fork of langid.py, its model shipped in the package) names the language; the
    answer must also use few English function words, so English with names or code in it stays English.
    """
    words = re.findall(r"[^\W\d_]+", text or "")
    letters = sum(len(word) for word in words)
    # Scripts written without spaces (Chinese, Japanese) are told by their letters, not their words.
    if len(words) < LANGUAGE_MIN_WORDS and letters < 4 * LANGUAGE_MIN_WORDS:
        return ""
    english = sum(1 for word in words if word.lower() in _english_function_words())
    if english / max(len(words), 1) >= 0.12:
        return ""
    import py3langid

    code, _ = py3langid.classify(text)
    return "" if code == INTERVIEW_LANGUAGE else code


@lru_cache(maxsize=1)
def _english_function_words() -> frozenset[str]:
    return frozenset(library.load("answer_reading")["language"]["english_function_words"])


def language_name(code: str) -> str:
    """ "es" → "Spanish"; a code without a name in the data file is said as "another language"."""
    return library.load("answer_reading")["language"]["names"].get(code, "another language")


@dataclass(frozen=True)
class Repetition:
    text: str  # the answer with every repeated sentence kept once
    times: int  # how often the most repeated sentence was said
    share: float  # share of the answer's words that repeat something already said


REPEATED_SHARE = 0.4  # at least this share of the words repeats what was already said: the answer is repeated text


@lru_cache(maxsize=1024)
def repetition(text: str) -> Repetition:
    """Sentences said again word for word (one paragraph pasted many times): the answer read once, and how much repeats."""
    from interviews.coach import text as coach_text

    seen: dict[str, int] = {}
    kept: list[str] = []
    repeated_words = total_words = 0
    for sentence in coach_text.sentences(text or ""):
        key = " ".join(word.lower() for word in coach_text.words(sentence.text))
        count = coach_text.word_count(sentence.text)
        total_words += count
        if key in seen and count >= 4:
            seen[key] += 1
            repeated_words += count
            continue
        seen[key] = 1
        kept.append(sentence.text)
    share = repeated_words / total_words if total_words else 0.0
    return Repetition(text=" ".join(kept) if share else (text or ""), times=max(seen.values(), default=0), share=round(share, 3))


_OWN_ACTION_RE = re.compile(
    r"\bI(?:'d| would| will|'ll)\s+(?:then\s+|also\s+|first\s+|probably\s+|personally\s+|just\s+)?([a-z][a-z'-]+)", re.IGNORECASE
)


def own_actions(text: str, *, done_only: bool = False) -> list[str]:
    """Verbs the speaker puts after "I" (what they did) and after "I'd"/"I'll" (what they would do: answers to
    "how would you…" are in the first person too). With `done_only` (the question asks what was done), only what
    they did: "I'd start by…" is no part they played."""
    from interviews.coach import text as coach_text

    normal = _normalise(text)
    if done_only:
        return coach_text.i_actions(normal)
    would = [m.group(1).lower() for m in _OWN_ACTION_RE.finditer(normal)
             if m.group(1).lower() not in _NOT_OWN_ACTIONS and not m.group(1).lower().endswith("ed")]
    return coach_text.i_actions(normal) + would


_NOT_OWN_ACTIONS = frozenset({
    "be", "have", "think", "guess", "say", "probably", "just", "really", "not", "like", "want", "need", "hope",
    "feel",
})


def leans_on_we(text: str) -> bool:
    """More "we" actions than the speaker's own (with "I'd"), and fewer than two of their own."""
    from interviews.coach import text as coach_text

    mine = len(own_actions(text))
    return mine < 2 and len(coach_text.we_actions(_normalise(text))) > mine
