"""The technical question bank (`data/questions/*.toml`): real questions by skill and tier.

`pick` chooses, for one skill, the entry of the wanted tier whose `about` words best match the
candidate's own resume line — so two candidates with the same skill are asked about what each of
them actually did — falling back to the questions written for the skill's taxonomy category.
"""

from dataclasses import dataclass
from functools import lru_cache

from interviews.coach import library
from interviews.coach import text as T
from resumes.reading.taxonomy import get_taxonomy

TIERS = ("foundation", "practice", "depth")
DIFFICULTY_TIER = {"easy": "foundation", "standard": "practice", "hard": "depth"}


@dataclass(frozen=True)
class BankQuestion:
    id: str
    skills: tuple[str, ...]
    categories: tuple[str, ...]
    tier: str
    type: str
    about: tuple[str, ...]
    text: str
    points: tuple[str, ...]
    fields: tuple[str, ...]  # the fields of work it belongs to; it is never asked outside them

    def says(self, skill: str) -> str:
        return self.text.replace("{skill}", skill)

    def covers(self, skill: str) -> list[str]:
        return [p.replace("{skill}", skill) for p in self.points]


@lru_cache(maxsize=1)
def bank() -> tuple[BankQuestion, ...]:
    entries = []
    for _name, data in library.load_dir("questions"):
        for item in data.get("question", []):
            entries.append(BankQuestion(
                id=item["id"], skills=tuple(item.get("skills", ())), categories=tuple(item.get("categories", ())),
                tier=item["tier"], type=item["type"], about=tuple(a.lower() for a in item.get("about", ())),
                text=item["text"], points=tuple(item["points"]),
                fields=tuple(item.get("fields", data["fields"])),
            ))
    return tuple(entries)


def _fit(entry: BankQuestion, context: str) -> int:
    lower = context.lower()
    return sum(1 for word in entry.about if word in lower)


def pick(skill: str, tier: str, *, field: str, context: str = "", exclude: frozenset[str] | set[str] = frozenset(),
         avoid: frozenset[str] | set[str] = frozenset()) -> BankQuestion | None:
    """The best question about `skill` at `tier` among those written for the interview's `field` (no other field's
    question is ever asked): the skill's own entries before its category's, then the one whose `about` words fit
    the candidate's own line best."""
    entries = [e for e in bank() if e.tier == tier and field in e.fields and e.id not in exclude]
    own = [e for e in entries if skill in e.skills and not _names(e, avoid)]
    if own:
        return max(own, key=lambda e: (_fit(e, context), -e.skills.index(skill), -bank().index(e)))
    category = get_taxonomy().category(skill)
    general = [e for e in entries if category in e.categories]
    return general[0] if general else None


def _names(entry: BankQuestion, skills: frozenset[str] | set[str]) -> bool:
    """Whether the question's words name one of `skills` (a Node.js question is no JavaScript question for someone
    whose resume lacks Node.js)."""
    if not skills:
        return False
    from interviews.coach import reading

    return any(name in skills for _, _, name in reading.mentions(entry.text))


def is_bank_text(text: str) -> bool:
    """Whether `text` contains a question from the bank (for tests and the evaluation)."""
    normal = T.normalise_space(text)
    return any(entry.text.split("{skill}")[0][:60] in normal for entry in bank())
