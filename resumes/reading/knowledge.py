"""What matching knows about jobs and careers, read from `resumes/reading/data/matching.json` and
`resumes/reading/data/skill_families.json`: kinds of roles, degree levels, skill families, weights and credits."""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
DEGREE_ORDER = ("diploma", "associate", "bachelor", "master", "doctorate")
# A diploma ("Diploma in Computer Science", a post-secondary qualification) ranks below an associate degree.
DEGREE_NAMES = {"diploma": "a diploma", "associate": "an associate degree", "bachelor": "a bachelor's degree",
                "master": "a master's degree", "doctorate": "a doctorate"}


@dataclass(frozen=True)
class Knowledge:
    role_patterns: list[tuple[re.Pattern[str], str, int]]  # (phrase, family, phrase length), longest first
    adjacent: frozenset[frozenset[str]]
    credits: dict[str, float]
    weights: dict[str, float]
    degree_patterns: list[tuple[re.Pattern[str], str]]  # highest level first
    degree_cue: re.Pattern[str]
    equivalent_cue: re.Pattern[str]
    families: dict[str, str]  # skill → family
    members: dict[str, list[str]]  # family → skills
    role_skills: dict[str, list[str]]  # kind of role → skills holding such a role shows
    interchangeable: frozenset[str]  # families whose members stand in for each other


def _phrases(items: list[str]) -> str:
    """Whole phrases: not inside a longer word ("ms in" is not in "platforms in")."""
    return "|".join(rf"(?<![\w.]){re.escape(item)}" + (r"(?![\w])" if item[-1].isalnum() else "")
                    for item in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    data = json.loads((DATA / "matching.json").read_text(encoding="utf-8"))
    families = json.loads((DATA / "skill_families.json").read_text(encoding="utf-8"))
    roles = [(re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE), family, len(phrase))
             for family, phrases in data["role_families"].items() for phrase in phrases]
    degree = [(re.compile(_phrases(patterns), re.IGNORECASE), level)
              for level, patterns in sorted(data["degree_levels"].items(), key=lambda item: -DEGREE_ORDER.index(item[0]))]
    members = {name: list(skills) for name, skills in families.items() if not name.startswith("_")}
    return Knowledge(
        role_patterns=sorted(roles, key=lambda item: -item[2]),
        adjacent=frozenset(frozenset(pair) for pair in data["adjacent"]),
        credits=data["credits"],
        weights=data["weights"],
        degree_patterns=degree,
        degree_cue=re.compile(_phrases(data["degree_cues"]), re.IGNORECASE),
        equivalent_cue=re.compile(_phrases(data["equivalent_cues"]), re.IGNORECASE),
        families={skill: family for family, skills in members.items() for skill in skills},
        members=members,
        role_skills=data.get("role_skills", {}),
        interchangeable=frozenset(families.get("_interchangeable", [])),
    )


def role_family(title: str) -> str:
    """The kind of work a job title names ("software engineering" for "Full-Stack Developer"), or ""."""
    for pattern, family, _ in knowledge().role_patterns:
        if pattern.search(title or ""):
            return family
    return ""


def roles_adjacent(first: str, second: str) -> bool:
    return bool(first and second) and frozenset((first, second)) in knowledge().adjacent


def degree_level(text: str) -> str:
    """The level of the highest degree named in `text` ("master" for "MSc in Software Engineering"), or ""."""
    for pattern, level in knowledge().degree_patterns:
        if pattern.search(text or ""):
            return level
    return ""


def level_at_least(level: str, required: str) -> bool:
    return bool(level) and DEGREE_ORDER.index(level) >= DEGREE_ORDER.index(required)


def family_of(skill: str) -> str:
    return knowledge().families.get(skill, "")


def shared_family(skills: list[str]) -> str:
    """The family every one of `skills` belongs to ("relational databases" for MySQL, Oracle, SQL Server), or ""."""
    families = {family_of(skill) for skill in skills}
    return families.pop() if len(families) == 1 and "" not in families else ""


def degree_levels_in(text: str) -> list[str]:
    """Every degree level named in `text`, lowest first ("BS/MS" → bachelor, master)."""
    return sorted({level for pattern, level in knowledge().degree_patterns if pattern.search(text or "")},
                  key=DEGREE_ORDER.index)


def interchangeable(family: str) -> bool:
    return family in knowledge().interchangeable
