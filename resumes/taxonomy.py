"""The skills taxonomy: canonical skill names with their aliases, and a matcher over text.

The data lives in `resumes/data/skills.json` (a list of {"name", "category", "aliases",
"case_sensitive"}). Matching is whole-word and alias-aware ("JS" → JavaScript, "k8s" → Kubernetes);
aliases listed under `case_sensitive` only match with that exact casing ("Go", "R"), so ordinary
English words are not mistaken for skills.
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from resumes.schemas import SkillEvidence

DATA_FILE = Path(__file__).resolve().parent / "data" / "skills.json"
# A skill term must not be glued to other word characters; `+`, `#` and `.` count as part of
# terms such as C++, C#, Node.js and .NET, but a trailing full stop still ends a sentence.
_BEFORE = r"(?<![\w+#./-])"
_AFTER = r"(?![\w+#]|\.\w|-\w)"


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    aliases: tuple[str, ...]


def normalise_term(term: str) -> str:
    return re.sub(r"\s+", " ", term.strip().lower())


class Taxonomy:
    def __init__(self, skills: list[Skill], case_sensitive: dict[str, str]):
        self.skills = {skill.name: skill for skill in skills}
        self._by_alias: dict[str, str] = {}
        for skill in skills:
            for alias in (skill.name, *skill.aliases):
                self._by_alias.setdefault(normalise_term(alias), skill.name)
        self._case_sensitive = case_sensitive  # exact alias -> canonical
        insensitive = sorted(
            (alias for alias in self._by_alias if alias not in {a.lower() for a in case_sensitive}),
            key=len, reverse=True,
        )
        self._insensitive_re = re.compile(
            _BEFORE + "(" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in insensitive) + ")" + _AFTER,
            re.IGNORECASE,
        )
        sensitive = sorted(case_sensitive, key=len, reverse=True)
        self._sensitive_re = (
            re.compile(_BEFORE + "(" + "|".join(re.escape(a) for a in sensitive) + ")" + _AFTER) if sensitive else None
        )

    def __len__(self) -> int:
        return len(self.skills)

    def canonical(self, term: str) -> str | None:
        """The canonical name for a skill term or alias, or None when the taxonomy does not know it."""
        if term.strip() in self._case_sensitive:
            return self._case_sensitive[term.strip()]
        return self._by_alias.get(normalise_term(term))

    def category(self, name: str) -> str:
        skill = self.skills.get(name)
        return skill.category if skill else ""

    def find_in_line(self, line: str) -> list[str]:
        """Canonical skills mentioned in one line, in order of first mention, without repeats."""
        found: list[tuple[int, str]] = []
        for match in self._insensitive_re.finditer(line):
            found.append((match.start(), self._by_alias[normalise_term(match.group(1))]))
        if self._sensitive_re is not None:
            for match in self._sensitive_re.finditer(line):
                found.append((match.start(), self._case_sensitive[match.group(1)]))
        seen: dict[str, None] = {}
        for _, name in sorted(found):
            seen.setdefault(name, None)
        return list(seen)

    def find(self, text: str) -> list[SkillEvidence]:
        """Every skill in `text` with the lines that mention it (as written), in order of first mention."""
        evidence: dict[str, list[str]] = {}
        for raw in text.splitlines():
            line = raw.strip()
            if not line:
                continue
            for name in self.find_in_line(line):
                lines = evidence.setdefault(name, [])
                if line not in lines:
                    lines.append(line)
        return [SkillEvidence(name=name, category=self.category(name), evidence=lines) for name, lines in evidence.items()]


def load_taxonomy(path: Path = DATA_FILE) -> Taxonomy:
    entries = json.loads(path.read_text(encoding="utf-8"))
    skills, case_sensitive = [], {}
    for entry in entries:
        skills.append(Skill(name=entry["name"], category=entry.get("category", ""),
                            aliases=tuple(entry.get("aliases", []))))
        for alias in entry.get("case_sensitive", []):
            case_sensitive[alias] = entry["name"]
    return Taxonomy(skills, case_sensitive)


@lru_cache(maxsize=1)
def get_taxonomy() -> Taxonomy:
    return load_taxonomy()


def find_skills(text: str) -> list[SkillEvidence]:
    return get_taxonomy().find(text)
