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
    field: str  # the file it came from: software, healthcare, sales, finance

    def says(self, skill: str) -> str:
        return self.text.replace("{skill}", skill)

    def covers(self, skill: str) -> list[str]:
        return [p.replace("{skill}", skill) for p in self.points]


@lru_cache(maxsize=1)
def bank() -> tuple[BankQuestion, ...]:
    entries = []
    for field, data in library.load_dir("questions"):
        for item in data.get("question", []):
            entries.append(BankQuestion(
                id=item["id"], skills=tuple(item.get("skills", ())), categories=tuple(item.get("categories", ())),
                tier=item["tier"], type=item["type"], about=tuple(a.lower() for a in item.get("about", ())),
                text=item["text"], points=tuple(item["points"]), field=field,
            ))
    return tuple(entries)


def _fit(entry: BankQuestion, context: str) -> int:
    lower = context.lower()
    return sum(1 for word in entry.about if word in lower)


FIELD_FILE = {"software": "software", "healthcare": "healthcare", "sales": "sales", "finance": "finance"}


def pick(skill: str, tier: str, *, context: str = "", exclude: frozenset[str] | set[str] = frozenset(),
         field: str = "", avoid: frozenset[str] | set[str] = frozenset()) -> BankQuestion | None:
    """The best question about `skill` at `tier`: the skill's own entries before its category's; among them one
    written for the job's field (a software engineer's SQL is not a finance report), then the one whose `about`
    words fit the candidate's own line best."""
    own = [e for e in bank() if e.tier == tier and skill in e.skills and e.id not in exclude and not _names(e, avoid)]
    if own:
        home = FIELD_FILE.get(field, "")
        return max(own, key=lambda e: (e.field == home, _fit(e, context), -e.skills.index(skill), -bank().index(e)))
    category = get_taxonomy().category(skill)
    general = [e for e in bank() if e.tier == tier and category in e.categories and e.id not in exclude]
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
