"""Three concrete things to do, most useful first, each naming a skill, a resume line or a number from the job.

Each rule below looks at one kind of gap and returns its sentences (or none); the first three distinct
sentences win, and three general ones close the list so there are always three. The sentences live in
`resumes/matching/data/match_suggestions.json`.
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from resumes.matching.evidence import Proof, sentences
from resumes.matching.requirements import years_beyond_school
from resumes.reading.schemas import JobRequirements, ParsedResume, RequirementCheck, SkillMatch
from resumes.reading.taxonomy import TECH_CATEGORIES, get_taxonomy

DATA_FILE = Path(__file__).resolve().parent / "data" / "match_suggestions.json"
_QUOTE_LENGTH = 90
_NUMBER_RE = re.compile(r"\d")


@lru_cache(maxsize=1)
def _texts() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def say(key: str, **values) -> str:
    return _texts()[key].format(**values)


def quote(line: str) -> str:
    line = " ".join(line.split())
    return f"'{line}'" if len(line) <= _QUOTE_LENGTH else f"'{line[:_QUOTE_LENGTH - 1].rstrip()}…'"


def join_and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _if_you_have(skill: str) -> str:
    category = get_taxonomy().category(skill)
    if category in TECH_CATEGORIES or category in {"design", "office", "marketing", "sales"}:
        return "if you have used it"
    if category == "soft":
        return "if your work has shown it"
    return "if you have done it"


def _scale(skill: str) -> str:
    scale = _texts()["scale"]
    return scale.get(get_taxonomy().category(skill), scale["_tech"])


@dataclass
class Gaps:
    """What the rules look at."""

    resume: ParsedResume
    job: JobRequirements
    proofs: dict[str, Proof]
    matched: list[SkillMatch]
    missing_required: list[str]
    missing_nice: list[str]
    checks: list[RequirementCheck]
    key_terms_missing: list[str]

    @property
    def required_matches(self) -> list[SkillMatch]:
        return [match for match in self.matched if match.required]

    @property
    def bullets(self) -> list[str]:
        return [sentence for entry in self.resume.experience for line in entry.lines for sentence in sentences(line)]


def _first_missing(gaps: Gaps) -> list[str]:
    if not gaps.missing_required:
        return []
    skill = gaps.missing_required[0]
    return [say("missing_first", skill=skill, if_you_have=_if_you_have(skill))]


def _weakest_required(gaps: Gaps) -> list[str]:
    """The first required skill shown only weakly: through a narrower skill, a sibling, only listed, or one line
    without a number."""
    for match in gaps.required_matches:
        first = match.evidence[0] if match.evidence else ""
        if match.strength == "related":
            return [say("related", skill=match.skill, via=match.via, quote=quote(first), family=match.family)]
        if match.via:
            return [say("via_narrower", skill=match.skill, via=match.via, quote=quote(first))]
        if match.strength == "listed" and first:
            return [say("listed_only", skill=match.skill, quote=quote(first))]
        shown = [q.text for q in match.quotes if q.where in ("experience", "project")]  # bullets, not titles
        if len(shown) == 1 and not _NUMBER_RE.search(shown[0]):
            return [say("thin", skill=match.skill, quote=quote(shown[0]), scale=_scale(match.skill))]
    return []


def _other_missing(gaps: Gaps) -> list[str]:
    rest = gaps.missing_required[1:]
    if len(rest) == 1:
        return [say("missing_second", skill=rest[0], if_you_have=_if_you_have(rest[0]))]
    if rest:
        return [say("missing_more", skills=join_and(rest[:4]))]
    return []


def _checks(gaps: Gaps) -> list[str]:
    out = []
    for check in gaps.checks:
        if check.status == "met":
            continue
        if check.kind == "years" and years_beyond_school(gaps.resume) is not None:
            out.append(say("years", wanted=gaps.job.years_required, found=years_beyond_school(gaps.resume)))
        elif check.kind in ("degree", "role") and check.required:
            out.append(say(check.kind, detail=check.detail))
    return out


def _buried(gaps: Gaps) -> list[str]:
    """A line that proves a required skill but sits in an older role or only in projects: move it up."""
    resume = gaps.resume
    if len(resume.experience) < 2:
        return []
    latest = {q for line in resume.experience[0].lines for q in sentences(line)}
    for match in gaps.required_matches:
        quotes = gaps.proofs[match.skill].quotes if match.skill in gaps.proofs else []
        if any(q.where in ("summary", "headline", "skills") or q.text in latest for q in quotes):
            continue
        for entry in resume.experience[1:]:
            lines = {q for line in entry.lines for q in sentences(line)}
            line = next((q.text for q in quotes if q.text in lines), None)
            if line:
                where = f"your {entry.company} role" if entry.company else "an earlier role"
                when = f" ({entry.dates})" if entry.dates else ""
                return [say("move_up_role", quote=quote(line), skill=match.skill, where=where, when=when)]
        line = next((q.text for q in quotes if q.where == "project"), None)
        if line:
            return [say("move_up_project", quote=quote(line), skill=match.skill)]
    return []


def _key_terms(gaps: Gaps) -> list[str]:
    terms = gaps.key_terms_missing[:2]
    if not terms:
        return []
    return [say("key_terms", terms=join_and([f"'{term}'" for term in terms]), them="it" if len(terms) == 1 else "them")]


def _nice(gaps: Gaps) -> list[str]:
    if not gaps.missing_nice:
        return []
    skills = gaps.missing_nice[:3]
    return [say("nice", skills=join_and(skills), verb="is a nice-to-have" if len(skills) == 1 else "are nice-to-haves")]


def _story(gaps: Gaps) -> list[str]:
    bullets = set(gaps.bullets)
    for match in gaps.required_matches:
        line = next((line for line in match.evidence if line in bullets), None)
        if line and match.strength != "related":
            return [say("story", quote=quote(line), skill=match.skill)]
    return []


def _quantify(gaps: Gaps) -> list[str]:
    line = next((line for line in gaps.bullets if not _NUMBER_RE.search(line) and len(line.split()) >= 5), "")
    return [say("quantify", quote=quote(line))] if line else []


def _general(gaps: Gaps) -> list[str]:
    return [say("summary", title=gaps.job.title or "this role"), say("most_relevant_first"), say("prepare_examples")]


RULES = (_first_missing, _weakest_required, _other_missing, _checks, _buried, _key_terms, _nice, _story, _quantify,
         _general)


def suggestions(gaps: Gaps) -> list[str]:
    """Exactly three distinct suggestions, most useful first."""
    picked: list[str] = []
    for rule in RULES:
        for sentence in rule(gaps):
            if sentence not in picked:
                picked.append(sentence)
        if len(picked) >= 3:
            break
    return picked[:3]
