"""What the coach may say about one candidate for one job, read once from the parsed resume.

`candidate_facts` turns a `ParsedResume` (however well or badly it was read) into facts a coach can
say out loud: roles with an employer and title that are really names, achievements re-said in the
second person and ranked (numbers first, then the job's required skills, then recency), the job's
required skills the resume proves with the lines that prove them, and the real gaps — a skill the
resume shows under another name (React for JavaScript, Kafka for event-driven work) is not a gap.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from interviews.coach import phrasing as P
from interviews.coach import reading
from interviews.coach import text as T
from interviews.coach.schemas import JobInput
from resumes.reading.schemas import MatchReport, ParsedResume
from resumes.reading.taxonomy import get_taxonomy

# Skills interviewers ask about through stories, not as technical gaps ("Communication", "Mentoring").
STORY_CATEGORIES = frozenset({"soft", "business"})


@dataclass(frozen=True)
class Role:
    title: str  # "" when what was read is not a job title
    employer: str  # "" when what was read is not an employer's name
    current: bool
    rank: int  # 0 = the most recent role

    @property
    def where(self) -> str:
        """How an interviewer places a story: "At Stripe", "In your role as Software Developer", "In your last role"."""
        if self.employer:
            return f"At {self.employer}"
        if self.title:
            return f"In your role as {self.title}"
        return "In your current role" if self.current or self.rank == 0 else "In an earlier role"

    @property
    def at(self) -> str:
        """" at Stripe" or "" (for "Tell me about a time{at} when…")."""
        return f" at {self.employer}" if self.employer else ""


@dataclass(frozen=True)
class Achievement:
    line: str  # the resume's own words, cleaned of bullets and leaked dates
    role: Role | None
    said: P.Paraphrase | None  # None when the line does not say what the person did
    figures: tuple[str, ...]  # the numbers in what is said about it (the re-said line when there is one)
    skills: tuple[str, ...]  # skills the line shows (families widened)
    named: tuple[str, ...]  # skills the line names itself (before widening): what it is the best evidence of
    required: tuple[str, ...]  # the job's required skills among them

    @property
    def where(self) -> str:
        return self.role.where if self.role else "On your resume"

    @property
    def figure(self) -> str:
        """The line's headline number: "45%", or "the change from 6 hours to 25 minutes" for a before and after."""
        measured = [q for q in self.figures if T.is_measure(q)]
        change = re.search(r"\bfrom\s+(\S+(?:\s\S+)?)\s+to\s+(\S+(?:\s\S+)?)", self.said.said if self.said else self.line)
        if change and measured:
            start, end = change.group(1).rstrip(",.;"), change.group(2).rstrip(",.;")
            firsts = [q.split()[0] for q in self.figures]
            if any(start.startswith(f) for f in firsts) and re.match(r"[\d$£€]|[a-z]+$", end.split()[0]):
                end = end if any(end.startswith(f) for f in firsts) else end.split()[0]
                return f"the change from {start} to {end}"
        return (measured or list(self.figures) or [""])[0]

    @property
    def figure_phrase(self) -> str:
        """The headline number as said mid-sentence: "that 45%", "the change from 6 hours to 25 minutes"."""
        figure = self.figure
        return figure if figure.startswith("the ") or not figure else f"that {figure}"

    @property
    def measured(self) -> bool:
        """Whether the line states a measured result (a %, money, time, a rate), not only a count."""
        return any(T.is_measure(q) for q in self.figures)

    @property
    def result_said(self) -> bool:
        """Whether the re-said line states a changed, measured result an interviewer can ask the story behind."""
        if not self.said or not self.measured:
            return False
        return bool(self.said.result) or T.star_parts(self.said.said)["result"]

    def sentence(self) -> str:
        """"At Stripe you led the migration … and cut p99 latency by 45%." (needs `said`)."""
        assert self.said is not None
        tense = self.said.said
        return f"{self.where} you {tense}."

    def reference(self) -> str:
        """A short pointer to this story: "the migration of the ledger service you led at Stripe"."""
        return _reference(self.said, self.role.employer if self.role else "")


@lru_cache(maxsize=4096)
def _reference(said: P.Paraphrase | None, employer: str) -> str:
    if said is None:
        return ""
    verb, _, rest = said.action.partition(" ")
    if not rest or verb in ("were", "was"):
        return ""
    thing = P.head_phrase(rest)
    thing = re.sub(r"^(?:a|an|your)\s+", "the ", thing)
    if not thing.lower().startswith("the "):
        thing = "the " + thing
    at = f" at {employer}" if employer else ""
    return f"{thing} you {verb}{at}"


@dataclass
class CandidateFacts:
    name: str
    roles: list[Role]
    achievements: list[Achievement]  # strongest first
    proven: dict[str, list[Achievement]]  # required skill → achievements that show it (may be empty: listed only)
    gaps: list[str]  # required hard skills the resume does not show under any name
    story_gaps: list[str]  # required soft skills the resume does not show (asked through stories)
    nice_gaps: list[str]
    shown: list[str]  # every skill the resume shows, widened by families
    projects: list[tuple[str, str]] = field(default_factory=list)  # (name, what it is)

    @property
    def latest(self) -> Role | None:
        return self.roles[0] if self.roles else None

    @property
    def employers(self) -> list[str]:
        return list(dict.fromkeys(role.employer for role in self.roles if role.employer))

    def strongest(self, count: int) -> list[Achievement]:
        """The top quantified results: what an interviewer would ask about first."""
        return [a for a in self.achievements if a.figures and a.said][:count]


def _roles(resume: ParsedResume) -> list[Role]:
    name = resume.contact.name
    roles = []
    for rank, entry in enumerate(resume.experience):
        employer = P.as_name(entry.company) if P.is_name_like(entry.company, candidate_name=name) else ""
        title = entry.title.strip() if P.is_name_like(entry.title, candidate_name=name, max_words=8) else ""
        roles.append(Role(title=title, employer=employer, current=entry.current, rank=rank))
    return roles


def _strength(achievement: Achievement, rank: int) -> tuple:
    """Results first — a measured change (cut latency by 45%, saved $8k) above a size (a £400M cost base) above a
    count (four engineers) — then the job's required skills, then recency."""
    changed = T.star_parts(achievement.line)["result"] or bool(achievement.said and achievement.said.result)
    figures = (3 if changed else 2) if achievement.measured else 1 if achievement.figures else 0
    return (figures, len(achievement.required), 1 if achievement.said else 0, -rank, min(T.word_count(achievement.line), 25))


def _achievements(resume: ParsedResume, roles: list[Role], required: list[str]) -> list[Achievement]:
    found: list[tuple[tuple, Achievement]] = []
    seen: set[str] = set()
    for entry, role in zip(resume.experience, roles, strict=True):
        for raw in entry.lines:
            line = P.clean_line(raw)
            if T.word_count(line) < 4 or line in seen:
                continue
            seen.add(line)
            named = tuple(dict.fromkeys(name for start, end, name in reading.mentions(line)
                                        if not reading.negated(line, start, end)))
            skills = tuple(reading.widen(list(named)))
            said = P.paraphrase(line)
            # The numbers the interviewer will say: those the re-said line keeps (a cut clause's "after 18 months" is gone).
            figures = tuple(T.quantities(said.said if said else line))
            achievement = Achievement(
                line=line, role=role, said=said, figures=figures, skills=skills,
                named=named, required=tuple(skill for skill in required if skill in skills),
            )
            found.append((_strength(achievement, role.rank), achievement))
    found.sort(key=lambda item: item[0], reverse=True)
    return [achievement for _, achievement in found]


def _projects(resume: ParsedResume) -> list[tuple[str, str]]:
    projects = []
    lines = [P.clean_line(line) for line in (resume.sections.get("projects") or resume.text or "").splitlines()]
    for raw in resume.projects:
        name = P.project_name(raw, candidate_name=resume.contact.name)
        if not name:
            continue
        about = ""
        for line in lines:
            match = re.match(rf"{re.escape(name)}\s*[:—–-]\s*(.+)$", line)
            if match:
                about = P.shorten(match.group(1).strip(), 10)
                break
        projects.append((name, about))
    return projects


def resume_shows(resume: ParsedResume) -> list[str]:
    """Every skill the resume shows — its skills, its lines' skills, and what those prove (React → JavaScript, HTML)."""
    named = list(resume.skill_names())
    for entry in resume.experience:
        for line in entry.lines:
            named.extend(reading.skills_shown(line))
    for project in resume.projects:
        named.extend(reading.skills_shown(project))
    return reading.widen(named)


def candidate_facts(resume: ParsedResume, job: JobInput, match: MatchReport) -> CandidateFacts:
    required = list(job.requirements.skills_required)
    roles = _roles(resume)
    achievements = _achievements(resume, roles, required)
    shown = resume_shows(resume)
    matched = {m.skill for m in match.matched}
    proven: dict[str, list[Achievement]] = {}
    for skill in required:
        if skill in matched or skill in shown:
            proven[skill] = [a for a in achievements if skill in a.skills]
    taxonomy = get_taxonomy()
    missing = [s for s in list(match.missing_required) + [s for s in required if s not in matched] if s not in shown]
    # "React or Vue": one of the alternatives shown means none of them is a gap.
    covered = {s for group in job.requirements.skills_alternatives if any(m in shown for m in group) for s in group}
    missing = list(dict.fromkeys(s for s in missing if s not in proven and s not in covered))
    gaps = [s for s in missing if taxonomy.category(s) not in STORY_CATEGORIES]
    story_gaps = [s for s in missing if taxonomy.category(s) in STORY_CATEGORIES]
    nice_gaps = [s for s in dict.fromkeys(list(match.missing_nice)) if s not in shown and s not in covered]
    return CandidateFacts(
        name=resume.contact.name, roles=roles, achievements=achievements, proven=proven, gaps=gaps,
        story_gaps=story_gaps, nice_gaps=nice_gaps, shown=shown, projects=_projects(resume),
    )
