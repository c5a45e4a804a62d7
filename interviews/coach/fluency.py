"""The one fluency check every text the coach writes passes before it is shown.

A text the coach writes is its own words (the data files), typed values taken from the resume or the
posting (an employer, a project, a skill, a number with its unit) and, in quotation marks, a whole
line the candidate or the employer wrote. What goes wrong when text is spliced is mechanical, so it is
checked mechanically: words no dictionary, resume or posting knows ("designinging", "contribut"), a
word cut at a line break ("Angu-"), brackets and quotes left open, doubled or stray punctuation, layout
marks, a lower-case sentence start, a verb spliced onto the wrong subject ("you was"), "a"/"an" before
the wrong sound, a date where a name belongs, a quote that is not a whole line of its source, and
pasted paragraphs. `problems` lists what is wrong in plain words; an empty list means the text may be
shown. Word lists live in `data/fluency.toml`.
"""

import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

import inflect
import lemminflect

from interviews.coach import library
from interviews.coach import text as T

_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?")
_QUOTE_RE = re.compile(r"“([^“”]*)”|\"([^\"]*)\"")
_SENTENCE_START_RE = re.compile(r"(?:^|(?<=[.?])\s+)([^\s])")
_HYPHEN_CUT_RE = re.compile(r"[A-Za-z]{2,}-(?=[\s,.;:)”\"?!]|$)(?!\s+(?:and|or|to)\b)")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")
_BULLET_RE = re.compile(r"^\s*(?:->|=>|[-•*▪◦·●○■□➢➤►>]|\d+[.)])\s*")
_PUNCTUATION_RE = re.compile(r"(?<!\.)\.\.(?!\.)|[?!]\.|,[.,;:?]|;[.,;]|:[.,;]|\s[,.;:?!]|\(\s|\s\)|\(\)|“\s|\s”")


@dataclass(frozen=True)
class Sources:
    """The texts a written line may take words and quotes from: the resume and the job posting."""

    texts: tuple[str, ...] = ()

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(w.lower() for text in self.texts for w in _WORD_RE.findall(_join_breaks(text)))

    @cached_property
    def checked(self) -> dict[tuple[str, str], bool]:
        """Texts already checked against these sources (a plan and its cheatsheet check many of the same)."""
        return {}

    @cached_property
    def lines(self) -> frozenset[str]:
        """Every line and every sentence of the sources, normalised, for checking that a quote is whole."""
        found: set[str] = set()
        for text in self.texts:
            for line in _join_breaks(text).splitlines():
                line = _BULLET_RE.sub("", line)
                found.add(_quote_key(line))
                found.update(_quote_key(s.text) for s in T.sentences(line))
        found.discard("")
        return frozenset(found)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


@dataclass
class _Rules:
    max_words: dict[str, int]
    agreement: re.Pattern
    layout_marks: tuple[str, ...]
    known_words: frozenset[str]
    abbreviations: frozenset[str]
    date: re.Pattern
    vocabulary: frozenset[str] = field(default_factory=frozenset)


@cache
def rules() -> _Rules:
    data = library.load("fluency")
    months = "|".join(data["months"])
    return _Rules(
        max_words=dict(data["max_words"]),
        agreement=re.compile(r"\b(?:" + "|".join(re.escape(p) for p in data["agreement"]) + r")\b", re.IGNORECASE),
        layout_marks=tuple(data["layout_marks"]),
        known_words=frozenset(w.lower() for w in data["known_words"]),
        abbreviations=frozenset(data["abbreviations"]),
        date=re.compile(rf"\b(?:{months})\.?\s*(?:'\d\d|(?:19|20)\d\d)\b|\b(?:19|20)\d\d\s*[-–—]\s*(?:(?:19|20)\d\d|present)\b",
                        re.IGNORECASE),
        vocabulary=_coach_vocabulary(),
    )


def _coach_vocabulary() -> frozenset[str]:
    """Every word in the coach's own data files and the skills taxonomy: the coach may always say those."""
    from resumes.reading.taxonomy import get_taxonomy

    words: set[str] = set()
    for path in library.DATA.rglob("*.toml"):
        words.update(w.lower() for w in _WORD_RE.findall(path.read_text(encoding="utf-8")))
    taxonomy = get_taxonomy()
    for name in taxonomy.skills:
        words.update(w.lower() for w in _WORD_RE.findall(name))
    return frozenset(words)


def _join_breaks(text: str) -> str:
    return (text or "").replace("’", "'")


def _quote_key(text: str) -> str:
    return re.sub(r"[\s.;:,!?]+$", "", T.normalise_space(_join_breaks(text)).strip(" \"“”'")).lower()


@cache
def _engine() -> inflect.engine:
    return inflect.engine()


@lru_cache(maxsize=16384)
def _article_for(noun: str) -> str:
    return _engine().a(noun)


def is_word(word: str, sources: Sources | None = None) -> bool:
    """Whether `word` is English (lemminflect's lexicon), the coach's own, or written in the resume or posting."""
    lower = word.lower().replace("’", "'")
    base = lower.removesuffix("n't") if lower.endswith("n't") else lower.split("'")[0]
    base = {"ca": "can", "wo": "will", "sha": "shall"}.get(base, base)
    if _known(base, lower):
        return True
    return sources is not None and (lower in sources.words or base in sources.words)


@lru_cache(maxsize=65536)
def _known(base: str, lower: str) -> bool:
    if not base or lemminflect.getAllLemmas(base) or lemminflect.getAllLemmas(lower):
        return True
    found = rules()
    return base in found.known_words or base in found.vocabulary or lower in found.known_words


def article(noun: str) -> str:
    """`noun` with "a" or "an" in front, by how it sounds (inflect): "an FP&A Analyst", "a University tutor"."""
    noun = noun.strip()
    return _article_for(noun) if noun else ""


def _outside_quotes(text: str) -> str:
    return _QUOTE_RE.sub(" ", text)


def problems(text: str, *, sources: Sources | None = None, kind: str = "question") -> list[Problem]:
    """What is wrong with `text` as something the coach says (empty when nothing is).

    `kind` is "question", "sentence" or "paragraph" (length limits); `sources` are the resume and posting
    the text may quote and take words from — without them, unknown words and quotes are not checked.
    """
    found = list(_structural(text or "", kind))
    if sources is not None and text and text.strip():
        found += _against_sources(text, sources)
    return found


@lru_cache(maxsize=16384)
def _structural(text: str, kind: str) -> tuple[Problem, ...]:
    """Problems a text has whatever resume and posting it is about (cached: the coach's own lines recur)."""
    found: list[Problem] = []
    text = text or ""
    if not text.strip():
        return (Problem("empty", "nothing to say"),)
    said = _outside_quotes(text)
    checks = rules()
    if "{" in text or "}" in text:
        found.append(Problem("template", "an unfilled template slot"))
    if _CONTROL_RE.search(text):
        found.append(Problem("control", "a control character (a letter the reader could not decode)"))
    if re.search(r"[¿¡](?=[\d$£€])", text):
        found.append(Problem("control", "“¿” before a number (a “<” the reader could not decode)"))
    if "…" in said or "..." in said:
        found.append(Problem("cut", "text cut off with an ellipsis"))
    for opener, closer in (("(", ")"), ("[", "]"), ("“", "”")):
        if text.count(opener) != text.count(closer):
            found.append(Problem("unbalanced", f"“{opener}” without its “{closer}”"))
    if text.count('"') % 2:
        found.append(Problem("unbalanced", "a quotation mark left open"))
    if _PUNCTUATION_RE.search(text):
        found.append(Problem("punctuation", f"broken punctuation ({_PUNCTUATION_RE.search(text).group(0).strip()})"))
    for mark in checks.layout_marks:
        if mark in said:
            found.append(Problem("layout", f"a layout mark ({mark!r}) in a sentence"))
            break
    cut = _HYPHEN_CUT_RE.search(text)
    if cut:
        found.append(Problem("hyphen", f"a word cut at a line break ({cut.group(0)})"))
    for match in _SENTENCE_START_RE.finditer(said):
        first = match.group(1)
        before = re.search(r"([\w.]+)[.?]\s*$", said[: match.start(1)])
        if before and before.group(1).lower() in checks.abbreviations:
            continue
        if first.isalpha() and first.islower():
            found.append(Problem("capital", "a sentence that starts in lower case"))
            break
    doubled = re.search(r"\b(\w+)\s+\1\b", said, re.IGNORECASE)
    if doubled and not doubled.group(1).isdigit() and doubled.group(1).lower() not in ("that", "had"):
        found.append(Problem("doubled", f"a doubled word ({doubled.group(0)})"))
    agreement = checks.agreement.search(said)
    if agreement:
        found.append(Problem("agreement", f"words that do not agree ({agreement.group(0)})"))
    for match in re.finditer(r"\b([Aa]n?)\s+([a-z][a-z]*)\b", said):
        # Only ordinary lower-case words: how an acronym or a name is said (an SQL, a Uber) is not for a rule to guess.
        wanted = article(match.group(2)).split(" ", 1)[0]
        if wanted.lower() != match.group(1).lower():
            found.append(Problem("article", f"“{match.group(0)}” should be “{wanted} {match.group(2)}”"))
            break
    if checks.date.search(said):
        found.append(Problem("date", f"a date where a name or phrase belongs ({checks.date.search(said).group(0)})"))
    limit = checks.max_words.get(kind, checks.max_words["question"])
    if T.word_count(text) > limit:
        found.append(Problem("length", f"{T.word_count(text)} words — a pasted paragraph"))
    return tuple(found)


def _against_sources(text: str, sources: Sources) -> list[Problem]:
    """Words no dictionary, resume or posting knows, and quotes that are not whole lines of the sources."""
    found: list[Problem] = []
    unknown = [w for w in _WORD_RE.findall(text) if not is_word(w, sources)]
    if unknown:
        found.append(Problem("unknown_word", f"words no dictionary, resume or posting knows ({', '.join(unknown[:3])})"))
    for match in _QUOTE_RE.finditer(text):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        if _quote_key(quoted) not in sources.lines:
            found.append(Problem("quote", f"a quote that is not a whole line of the resume or posting ({quoted[:40]})"))
            break
    return found


def is_fluent(text: str, *, sources: Sources | None = None, kind: str = "question") -> bool:
    if sources is None:
        return not problems(text, kind=kind)
    if _structural(text or "", kind):
        return False
    key = (text, kind)
    if key not in sources.checked:
        sources.checked[key] = not _against_sources(text, sources)
    return sources.checked[key]


def first_fluent(*versions: str, sources: Sources | None = None, kind: str = "question") -> str:
    """The first of `versions` that passes the check, else "" (the last version is the one without any slot)."""
    for version in versions:
        if version and is_fluent(version, sources=sources, kind=kind):
            return version
    return ""
