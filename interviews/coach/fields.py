"""The field of work an interview belongs to, from the job first and the resume second, with its evidence.

The field decides which question-bank entries, scenarios, core questions and "strong answers cover" cards
may be used: each belongs to a field (`data/fields.toml`) and is never used outside it. A skill counts
for a field only when its taxonomy category belongs to that field: a science teacher's posting that asks
for CPR does not make the interview a nurse's, and "Core Web Vitals" in a front-end posting is no
clinical skill.

    choice = detect_field(job_title=..., job_skills=[...], resume_titles=[...], resume_skills=[...])
    choice.field.core["text"], choice.evidence
"""

import re
from dataclasses import dataclass
from functools import cache

from interviews.coach import library
from resumes.reading.taxonomy import get_taxonomy

_TITLE_PARTS_RE = re.compile(r"\s+(?:&|and|/|–|—|-|\|)\s+|\s*[(,:]\s*")


@dataclass(frozen=True)
class Scenario:
    level: str
    competency: str
    text: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class Field:
    id: str
    name: str
    titles: tuple[str, ...]
    categories: frozenset[str]
    metric_hint: str
    people: tuple[str, str]
    gap_plan: str
    core_text: str
    core_points: tuple[str, ...]
    situational: tuple[Scenario, ...]


@dataclass(frozen=True)
class FieldChoice:
    field: Field
    evidence: tuple[str, ...]  # plain sentences: why this field

    @property
    def id(self) -> str:
        return self.field.id


@dataclass(frozen=True)
class _Fields:
    by_id: dict[str, Field]
    shared: frozenset[str]
    skill_fields: dict[str, frozenset[str]]
    credentials: frozenset[str]


@cache
def _fields() -> _Fields:
    data = library.load("fields")
    by_id = {}
    for item in data["field"]:
        by_id[item["id"]] = Field(
            id=item["id"], name=item["name"], titles=tuple(t.lower() for t in item["titles"]),
            categories=frozenset(item["categories"]), metric_hint=item["metric_hint"],
            people=(item["people"][0], item["people"][1]), gap_plan=item["gap_plan"],
            core_text=item["core"]["text"], core_points=tuple(item["core"]["points"]),
            situational=tuple(Scenario(level, competency, text, tuple(points))
                              for level, competency, text, points in item["situational"]),
        )
    return _Fields(by_id=by_id, shared=frozenset(data["shared_categories"]),
                   skill_fields={skill: frozenset(ids) for skill, ids in data["skill_fields"].items()},
                   credentials=frozenset(data["credentials"]["skills"]))


def field(field_id: str) -> Field:
    """The field named `field_id` ("general" for a name it does not know)."""
    fields = _fields().by_id
    return fields.get(field_id, fields["general"])


def field_ids() -> tuple[str, ...]:
    return tuple(_fields().by_id)


def belongs(skill: str, field_id: str) -> bool:
    """Whether `skill` is a skill of the field `field_id` (or one any field may hold: tools, soft skills…).

    Outside its field a skill is a requirement to mention at most, never a reason to ask a technical question
    or to call the candidate short of it."""
    if field_id == "general":
        return True
    own = _fields().skill_fields.get(skill)
    if own is not None:
        return field_id in own
    category = get_taxonomy().category(skill)
    if not category or category in _fields().shared:
        return True
    return category in field(field_id).categories


def is_credential(skill: str) -> bool:
    """Whether `skill` is a credential a person holds (CFA, BLS, a licence) rather than a skill they use."""
    return skill in _fields().credentials


def _title_match(title: str) -> tuple[str, str] | None:
    """(field id, phrase) named by a job title: in its first part that names any field, the phrase that ends last
    (English puts the head noun last: "Marketing Data Analyst" is data), the longest of those."""
    for part in _TITLE_PARTS_RE.split(title.lower()):
        best: tuple[int, int, str, str] | None = None
        for item in _fields().by_id.values():
            for phrase in item.titles:
                for match in re.finditer(rf"(?<![\w]){re.escape(phrase)}(?![\w])", part):
                    key = (match.end(), len(phrase), item.id, phrase)
                    if best is None or key[:2] > best[:2]:
                        best = key
        if best is not None:
            return best[2], best[3]
    return None


def title_field(title: str) -> str:
    """The field a job title names ("Front-End Developer": software), or "" when it names none the coach knows."""
    found = _title_match(title or "")
    return found[0] if found else ""


def _skill_votes(skills: list[str], weight: float, votes: dict[str, float]) -> None:
    taxonomy = get_taxonomy()
    for skill in skills:
        category = taxonomy.category(skill)
        if not category or category in _fields().shared or skill in _fields().credentials:
            continue
        for item in _fields().by_id.values():
            if category in item.categories:
                votes[item.id] = votes.get(item.id, 0.0) + weight / max(1, _owners(category))


@cache
def _owners(category: str) -> int:
    return sum(1 for item in _fields().by_id.values() if category in item.categories)


def detect_field(*, job_title: str, job_skills: list[str], resume_titles: list[str] = (),
                 resume_skills: list[str] = ()) -> FieldChoice:
    """The interview's field: the job title's when it names one; else the job's own skills by their categories
    (a category several fields share counts a share to each); the resume's latest titles and skills only break
    a tie or stand in for a job that says nothing."""
    named = _title_match(job_title or "")
    if named:
        field_id, phrase = named
        return FieldChoice(field(field_id), (f"The job title “{job_title.strip()}” names it (“{phrase}”).",))
    votes: dict[str, float] = {}
    _skill_votes(list(job_skills), 1.0, votes)
    for title in list(resume_titles)[:2]:
        found = _title_match(title)
        if found:
            votes[found[0]] = votes.get(found[0], 0.0) + 0.5
    _skill_votes(list(resume_skills), 0.1, votes)
    if not votes:
        return FieldChoice(field("general"), ("Neither the job nor the resume names a field the coach knows.",))
    order = list(_fields().by_id)
    best = max(votes, key=lambda key: (votes[key], -order.index(key)))
    return FieldChoice(field(best), (f"The job's skills are mostly {field(best).name} skills.",))
