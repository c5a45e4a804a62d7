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
    families: tuple[tuple[str, str, tuple[str, ...]], ...]  # (skill, "all_of" | "any_of", members)
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
        families.append((family["skill"], kind, tuple(family[kind])))
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


def widen(names: list[str]) -> list[str]:
    """`names` plus what they prove: the taxonomy's implications, then the families, until nothing changes."""
    taxonomy = get_taxonomy()
    shown = list(dict.fromkeys(names))
    for name in list(shown):
        for broader in taxonomy.implied(name):
            if broader not in shown:
                shown.append(broader)
    changed = True
    while changed:
        changed = False
        for skill, kind, members in rules().families:
            if skill in shown:
                continue
            hit = all(m in shown for m in members) if kind == "all_of" else any(m in shown for m in members)
            if hit:
                shown.append(skill)
                changed = True
    return shown


@lru_cache(maxsize=8192)
def _shown(text: str) -> tuple[str, ...]:
    return tuple(widen([name for start, end, name in mentions(text) if not negated(text, start, end)]))


def skills_shown(text: str, wanted: list[str] | None = None) -> list[str]:
    """Skills `text` shows the candidate using (negated mentions left out, families widened).

    With `wanted`, only those (as spelled there), in the order the answer shows them; else every skill.
    """
    shown = list(_shown(text))
    if not wanted:
        return shown
    by_lower = {skill.lower(): skill for skill in wanted}
    return list(dict.fromkeys(by_lower[name.lower()] for name in shown if name.lower() in by_lower))
