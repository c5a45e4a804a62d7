"""The skills taxonomy: canonical skill names with their aliases, and a matcher over text.

The data lives in `resumes/reading/data/skills.json`, a list of
{"name", "category", "aliases", "case_sensitive"?, "implies"?, "context"?}; one entry of category "ignore" lists
phrases that contain an alias but are not the skill ("the leadership team"). Matching is whole-word and
alias-aware ("JS" → JavaScript, "k8s" → Kubernetes, "Postgres" → PostgreSQL); a hyphen and a space
are interchangeable inside an alias ("front-end" = "front end"). Aliases listed under
`case_sensitive` only match with that exact casing ("Go", "R", "React", "Excel"), so ordinary English
words ("go", "react", "excel at") are not mistaken for skills. `implies` names broader skills a
skill proves (PostgreSQL → SQL, Django → Python); the matcher never adds them to what a text
mentions, but the resume↔job match uses them. `context` words make an ambiguous term count only
beside them ("Triage" beside "patients", not in "triage product issues").

Several hundred skills with a few aliases each make one alternation of thousands of branches; the
patterns are compiled as a character trie so a line is scanned once instead of once per alias.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from resumes.reading.schemas import SkillEvidence

DATA_FILE = Path(__file__).resolve().parent / "data" / "skills.json"
# A skill term must not be glued to other word characters; `+`, `#` and `.` count as part of
# terms such as C++, C#, Node.js and .NET, but a trailing full stop still ends a sentence.
_BEFORE = r"(?<![\w+#.@-])"
_AFTER = r"(?![\w+#]|\.\w|-\w)"
# One-letter languages ("C", "R") need stricter edges: not an initial ("John C. Smith"), not "R&D".
_BEFORE_LETTER = r"(?<![\w+#./&'@-])"
_AFTER_LETTER = r"(?![\w+#.&'-])"
_SPACE = r"[\s\-]+"
# Skills are not read out of web addresses or e-mail addresses ("github.com/jane/django-demo").
_ADDRESS_RE = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/\S*",
    re.IGNORECASE,
)
# The title of a work, quoted: "“The Union Army’s Northern Asset: African Canadian Recruitment…”" names a paper,
# not a skill of its author (three words or more, so a quoted term — "Agile" — still counts).
_QUOTED_TITLE_RE = re.compile(
    r"“[^”]*?\w+[^\w”]+\w+[^\w”]+\w+[^”]*(?:”|$)"  # a title in curly quotes, or one the line's end wraps
    r"|(?<!\w)\"[^\"]*?\w+[^\w\"]+\w+[^\w\"]+\w+[^\"]*\"(?!\w)"  # in straight quotes, closed on this line
)
_TECH_CONTEXT_RE = re.compile(r"\b(?:programming|languages?|coding|scripting)\b", re.IGNORECASE)
TECH_CATEGORIES = frozenset({
    "language", "frontend", "backend", "database", "data", "ml", "cloud", "devops", "testing",
    "engineering", "mobile", "tools", "systems", "architecture", "security",
})


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...]
    implies: tuple[str, ...] = ()
    # For a term that is also everyday work vocabulary ("triage" a bug): a line only proves the skill when it
    # also holds one of these words or another skill of the same category.
    context: tuple[str, ...] = ()
    # Words that, just before or just after the term, show it used in another sense: "communication between
    # services" is a design choice, not the soft skill. {"before": [...], "after": [...]}.
    other_senses: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


def normalise_term(term: str) -> str:
    """The lookup key of a term: lower case, hyphens read as spaces, whitespace collapsed."""
    return " ".join(term.strip().lower().replace("-", " ").split())


def _trie_pattern(keys: Iterable[str], *, space: str) -> str:
    """One regex alternation for `keys`, factored as a character trie (longest alternative first)."""
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [
            (space if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


IGNORE = "ignore"  # the category of phrases that hide a shorter alias but are not skills themselves


class Taxonomy:
    def __init__(self, skills: list[Skill], case_sensitive: dict[str, str]):
        self.skills = {skill.name: skill for skill in skills if skill.category != IGNORE}
        self._context = {
            skill.name: re.compile(r"\b(?:" + "|".join(re.escape(word) for word in skill.context) + r")\b", re.IGNORECASE)
            for skill in skills if skill.context
        }
        self._senses = {skill.name: _sense_patterns(*skill.other_senses) for skill in skills if any(skill.other_senses)}
        self._by_alias: dict[str, str] = {}
        for skill in skills:
            for alias in (skill.name, *skill.aliases) if skill.category != IGNORE else skill.aliases:
                self._by_alias.setdefault(normalise_term(alias), skill.name if skill.category != IGNORE else "")
        self._case_sensitive = {" ".join(alias.split()): name for alias, name in case_sensitive.items()}
        hidden = {normalise_term(alias) for alias in self._case_sensitive}
        insensitive = [alias for alias in self._by_alias if alias not in hidden]
        self._insensitive_re = re.compile(
            _BEFORE + "(" + _trie_pattern(insensitive, space=_SPACE) + ")" + _AFTER, re.IGNORECASE
        )
        words = [alias for alias in self._case_sensitive if len(alias) > 1]
        letters = [alias for alias in self._case_sensitive if len(alias) == 1]
        self._sensitive_re = (
            re.compile(_BEFORE + "(" + _trie_pattern(words, space=r"\s+") + ")" + _AFTER) if words else None
        )
        self._letter_re = (
            re.compile(_BEFORE_LETTER + "([" + "".join(re.escape(a) for a in letters) + "])" + _AFTER_LETTER)
            if letters else None
        )

    def __len__(self) -> int:
        return len(self.skills)

    def canonical(self, term: str) -> str | None:
        """The canonical name for a skill term or alias, or None when the taxonomy does not know it."""
        exact = " ".join(term.split())
        if exact in self._case_sensitive:
            return self._case_sensitive[exact]
        return self._by_alias.get(normalise_term(term)) or None

    def category(self, name: str) -> str:
        skill = self.skills.get(name)
        return skill.category if skill else ""

    def implied(self, name: str) -> list[str]:
        """Broader skills that `name` proves, nearest first (PostgreSQL → SQL; Next.js → React → JavaScript)."""
        found: list[str] = []
        queue = list(self.skills[name].implies) if name in self.skills else []
        while queue:
            broader = queue.pop(0)
            if broader != name and broader not in found and broader in self.skills:
                found.append(broader)
                queue.extend(self.skills[broader].implies)
        return found

    def find_in_line(self, line: str) -> list[str]:
        """Canonical skills mentioned in one line, in order of first mention, without repeats."""
        seen: dict[str, None] = {}
        for _, _, name in self.find_spans(line):
            seen.setdefault(name, None)
        return list(seen)

    def find_spans(self, line: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) of every skill mention in one line, in text order."""
        masked = _ADDRESS_RE.sub(lambda match: " " * len(match.group(0)), line)
        spans: list[tuple[int, int, str]] = []
        for match in self._insensitive_re.finditer(masked):
            spans.append((match.start(1), match.end(1), self._by_alias[normalise_term(match.group(1))]))
        if self._sensitive_re is not None:
            for match in self._sensitive_re.finditer(masked):
                spans.append((match.start(1), match.end(1), self._case_sensitive[" ".join(match.group(1).split())]))
        letters: list[tuple[int, int, str]] = []
        if self._letter_re is not None:
            letters = [(m.start(1), m.end(1), self._case_sensitive[m.group(1)]) for m in self._letter_re.finditer(masked)]
        kept = _without_overlaps(spans)
        if letters:
            # "C" or "R" on its own is only a language among other technical terms ("Languages: C, Python");
            # elsewhere it is a grade, a shift, a vitamin or an initial.
            technical = _TECH_CONTEXT_RE.search(masked) or any(
                self.category(name) in TECH_CATEGORIES for _, _, name in kept if name
            )
            if technical:
                kept = _without_overlaps(kept + letters)
        kept = [span for span in kept if span[2]]  # "" marks a phrase that only hides a shorter alias
        if self._context and any(name in self._context for _, _, name in kept):
            kept = [span for span in kept if self._in_context(span, kept, masked)]
        if self._senses and any(name in self._senses for _, _, name in kept):
            kept = [span for span in kept if not self._other_sense(span, masked)]
        return kept

    def _other_sense(self, span: tuple[int, int, str], line: str) -> bool:
        before, after = self._senses.get(span[2], (None, None))
        return bool((before and before.search(line[:span[0]])) or (after and after.match(line[span[1]:])))

    def _in_context(self, span: tuple[int, int, str], spans: list[tuple[int, int, str]], line: str) -> bool:
        name = span[2]
        pattern = self._context.get(name)
        if pattern is None:
            return True
        rest = line[:span[0]] + " " + line[span[1]:]
        same_field = any(other != name and self.category(other) == self.category(name) for _, _, other in spans)
        return same_field or pattern.search(rest) is not None

    def find(self, text: str, *, skip_quoted_titles: bool = False) -> list[SkillEvidence]:
        """Every skill in `text` with the lines that mention it (as written), in order of first mention. With
        `skip_quoted_titles` (a resume), the title of a work in quotes names no skill of its author."""
        evidence: dict[str, list[str]] = {}
        for raw in text.splitlines():
            line = raw.strip()
            if not line:
                continue
            searched = _QUOTED_TITLE_RE.sub(lambda match: " " * len(match.group(0)), line) if skip_quoted_titles else line
            for name in self.find_in_line(searched):
                lines = evidence.setdefault(name, [])
                if line not in lines:
                    lines.append(line)
        return [SkillEvidence(name=name, category=self.category(name), evidence=lines) for name, lines in evidence.items()]


def _sense_patterns(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """A word of `before` among the two words before a term, and one of `after` among the five after it."""
    def words(items: tuple[str, ...]) -> str:
        return "|".join(re.escape(item) for item in items)

    return (
        re.compile(rf"\b(?:{words(before)})[\s,-]+(?:\S+\s+)?$", re.IGNORECASE) if before else None,
        re.compile(rf"^(?:\W+\S+){{0,4}}?\W+(?:{words(after)})\b", re.IGNORECASE) if after else None,
    )


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest of overlapping matches ("TS/SCI" is a clearance, not TypeScript), in text order."""
    kept: list[tuple[int, int, str]] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept


def load_taxonomy(path: Path = DATA_FILE) -> Taxonomy:
    entries = json.loads(path.read_text(encoding="utf-8"))
    skills, case_sensitive = [], {}
    for entry in entries:
        skills.append(Skill(name=entry["name"], category=entry.get("category", ""),
                            aliases=tuple(entry.get("aliases", [])), implies=tuple(entry.get("implies", [])),
                            context=tuple(entry.get("context", [])),
                            other_senses=(tuple(entry.get("other_senses", {}).get("before", [])),
                                          tuple(entry.get("other_senses", {}).get("after", [])))))
        for alias in entry.get("case_sensitive", []):
            case_sensitive[alias] = entry["name"]
    return Taxonomy(skills, case_sensitive)


@lru_cache(maxsize=1)
def get_taxonomy() -> Taxonomy:
    return load_taxonomy()


def find_skills(text: str) -> list[SkillEvidence]:
    return get_taxonomy().find(text)


def canonical(term: str) -> str | None:
    return get_taxonomy().canonical(term)
