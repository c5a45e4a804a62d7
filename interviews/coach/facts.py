"""One set of facts per resume × job, built once and read by every writer: plan, follow-ups, cheatsheet,
feedback and the match report.

`interview_facts(resume, job, match)` turns a `ParsedResume` (however well or badly it was read) and a
job into typed, checked values the coach may say out loud:

* the field of work (`fields.detect_field`: the job's title first, its skills in context, the resume
  last) with the evidence for it, the level and the job title as a noun;
* roles whose employer is an organisation (never a date, a town, a sector or a job title) and whose
  title is a title;
* achievements: each bullet whole, with whether it may be quoted (a clean sentence), its numbers with
  their units, the skills it shows, ranked (measured results first, then the job's required skills,
  then recency);
* the job's duties, each whole, with whether it may be quoted and the competency it asks for;
* the job's required skills inside its field, which of them the resume proves, and the gaps — each
  with whether the gap is clear (nothing on the resume comes near it) or only unclear (a wording, a
  sibling or a family member comes close), so the coach accuses only on clear evidence and otherwise
  advises. Required skills outside the field ("CPR" for a teacher, "Vital Signs" read from "Core Web
  Vitals") are kept apart and never asked about.

The same inputs give the same object (it is memoised on their content), so the plan and the
cheatsheet of one interview share it.
"""

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache

from interviews.coach import fields as F
from interviews.coach import fluency, knowledge, library, reading
from interviews.coach import phrasing as P
from interviews.coach import text as T
from interviews.coach.schemas import JobInput
from resumes.reading.schemas import MatchReport, ParsedResume
from resumes.reading.taxonomy import get_taxonomy

# Skills interviewers ask about through stories, not as technical gaps ("Communication", "Mentoring").
STORY_CATEGORIES = frozenset({"soft", "business"})
_CACHE_SIZE = 32

# A number said roughly: "from 1.5 hours to about 10 seconds".
_ABOUT = r"(?:(?:about|around|roughly|approximately|nearly|almost|under|less than|just|only|~)\s*)?"


@dataclass(frozen=True)
class Role:
    title: str  # "" when what was read is not a job title
    employer: str  # "" when what was read is not an organisation
    current: bool
    rank: int  # 0 = the most recent role

    @property
    def at(self) -> str:
        """" at Stripe" or "" (for "Tell me about a time{at} when…")."""
        return f" at {self.employer}" if self.employer else ""


@dataclass(frozen=True)
class Achievement:
    line: str  # the bullet as written, without its bullet mark, leaked dates or final stop
    role: Role | None
    quotable: bool  # a whole, clean sentence the coach may quote
    figures: tuple[str, ...]  # the numbers the line states, with their units ("45%", "$1.6 billion")
    skills: tuple[str, ...]  # skills the line shows (families widened)
    named: tuple[str, ...]  # skills the line names itself (before widening)
    required: tuple[str, ...]  # the job's required skills among them

    @property
    def measured(self) -> bool:
        """Whether the line states a measured result (a %, money, time, a rate), not only a count."""
        return any(T.is_measure(q) for q in self.figures)

    @property
    def figure(self) -> str:
        """The line's headline number with its unit ("45%", "$1.6 billion"): its first measured quantity written with
        digits, else its first number with digits; "" when it has none ("tripled" is a word, not a number to quote)."""
        numbers = [q for q in self.figures if any(c.isdigit() for c in q)]
        measured = [q for q in numbers if T.is_measure(q)]
        results = [q for q in measured if not self._frame(q)]  # "6%" before "12 months" in "in under 12 months… 6%"
        return (results or measured or numbers or [""])[0]

    def _frame(self, quantity: str) -> bool:
        """Whether a duration is the line's time frame ("in under 12 months", "before hitting 3 months")."""
        if not re.search(r"\b(?:days?|weeks?|months?|years?|quarters?)\b", quantity, re.IGNORECASE):
            return False
        return bool(re.search(rf"\b(?:in|within|before|after|over|for|during|under|hitting|first)\s+(?:the\s+|first\s+)*"
                              rf"{re.escape(quantity)}", self.line, re.IGNORECASE))

    @property
    def figure_phrase(self) -> str:
        """The headline number as said mid-sentence: "the 45%", or "the change from 5+ hr to 15 min" when the line
        gives a before and an after (both numbers with their units, as written)."""
        change = re.search(r"\bfrom\s+(.+?)\s+to\s+(.+?)(?=[,;]|\.(?!\d)|\s+(?:in|by|for|and|with|across|per|within)\b|$)",
                           self.line)  # "from 91% to 98.5% by …": a decimal point is no full stop
        if change:
            start, end = (part.strip() for part in change.groups())
            if all(re.match(_ABOUT + r"[$£€]?\d", part) and len(part.split()) <= 4 for part in (start, end)):
                return f"the change from {start} to {end}"
        return f"the {self.figure}" if self.figure else ""

    @property
    def attributable(self) -> bool:
        """Whether "how much of {figure} came down to your own work" makes sense: not for a time frame the line sets
        ("promoted before hitting 3 months", "launched in 6 weeks"), which is when, not how much."""
        if not self.figure or self.figure_phrase.startswith("the change from"):
            return bool(self.figure)
        if re.search(rf"\bfrom\s+{re.escape(self.figure)}\s+to\b", self.line):
            return False  # "from 1.5 hours to …": the number a change started at is no share of anyone's work
        return not self._frame(self.figure)

    @property
    def result(self) -> bool:
        """Whether the line states a changed, measured result an interviewer can ask the story behind."""
        return self.measured and T.star_parts(self.line)["result"]

    @property
    def quoted(self) -> str:
        return P.quote(self.line) if self.quotable else ""

    @property
    def first_person(self) -> str:
        """"I led the migration…" for the candidate to say, or "" when the bullet does not open with a past verb."""
        return P.first_person(self.line) if self.quotable else ""

    # Older names, kept for callers that read them.
    @property
    def said(self) -> bool:
        return self.quotable


@dataclass(frozen=True)
class Duty:
    text: str  # the posting's line, whole
    quotable: bool
    competency: knowledge.Competency

    @property
    def quoted(self) -> str:
        return P.quote(self.text) if self.quotable else ""


@dataclass(frozen=True)
class Gap:
    skill: str
    clear: bool  # nothing on the resume comes near it: the coach may say it is not there
    near: str = ""  # what comes near it when it is not clear: the resume's wording or a sibling skill


@dataclass(frozen=True)
class Project:
    name: str
    about: str = ""  # its own one-line description, whole, when it is a clean phrase


@dataclass(frozen=True)
class Study:
    degree: str
    school: str


@dataclass
class InterviewFacts:
    name: str
    field: F.FieldChoice
    level: str  # entry | mid | senior
    job_title: str  # the job title as a noun ("Registered Nurse"), or ""
    company: str
    duties: list[Duty]
    roles: list[Role]
    achievements: list[Achievement]  # strongest first
    projects: list[Project]
    studies: list[Study]
    headline: str
    years: int | None
    required: list[str]  # the job's required skills inside its field
    nice: list[str]  # the job's nice-to-have skills inside its field
    proven: dict[str, list[Achievement]]  # required skill → achievements that show it (may be empty: listed only)
    gaps: list[Gap]  # required hard skills the resume does not show
    story_gaps: list[Gap]  # required soft skills the resume does not show (asked through stories)
    nice_gaps: list[Gap]
    shown: list[str]  # every skill the resume shows, widened by families
    outside_field: list[str]  # the job's skills that belong to another field (never asked about)
    sources: fluency.Sources = field(default_factory=fluency.Sources)

    @property
    def latest(self) -> Role | None:
        return self.roles[0] if self.roles else None

    @property
    def employers(self) -> list[str]:
        return list(dict.fromkeys(role.employer for role in self.roles if role.employer))

    @property
    def field_employers(self) -> list[str]:
        """The employers where the candidate did this field's work: the role's title names the field, or its bullets
        use a skill the job requires (not an office tool or a soft skill). A duty of the job is pointed only at these:
        capability studies were never run at a hotel's front desk."""
        taxonomy = get_taxonomy()
        kept = []
        for role in self.roles:
            if not role.employer:
                continue
            used = {skill for a in self.achievements if a.role == role for skill in a.required
                    if taxonomy.category(skill) not in _NOT_FIELD_WORK}
            if F.title_field(role.title) == self.field.id or used or _EXECUTIVE_RE.search(role.title):
                kept.append(role.employer)
        return list(dict.fromkeys(kept))

    def speaks_to_job(self, achievement: Achievement) -> bool:
        """Whether a bullet is worth an interviewer's question for this job: it measures a result, uses a skill the
        job requires, or comes from a role in the job's field ("Notify providers of new groups via mailings" from a
        clerk's job says nothing a front-end interviewer would ask about)."""
        if _RECOGNITION_RE.match(achievement.line) or _AWARD_RE.search(achievement.line):
            return False  # "Promoted to senior within 3 months": an outcome of work, not work to walk through
        if len(achievement.named) >= 5 and not achievement.measured:
            return False  # "Experiences with Scala, Spark, Hadoop, TensorFlow, Keras…": a list of tools, not work
        if achievement.measured or achievement.required:
            return True  # a measured result speaks from any job; a count ("a 30-room hotel") only from the field's
        return bool(achievement.role and F.title_field(achievement.role.title) == self.field.id)

    def strongest(self, count: int) -> list[Achievement]:
        """The top quantified results: what an interviewer would ask about first."""
        return [a for a in self.achievements if a.figures][:count]

    @property
    def metric_hint(self) -> str:
        return self.field.field.metric_hint

    @property
    def the_role(self) -> str:
        """"the Registered Nurse role", or "this role"."""
        return f"the {self.job_title} role" if self.job_title else "this role"

    def fluent(self, text: str, *, kind: str = "question") -> bool:
        return fluency.is_fluent(text, sources=self.sources, kind=kind)

    def first_fluent(self, *versions: str, kind: str = "question") -> str:
        return fluency.first_fluent(*versions, sources=self.sources, kind=kind)


# Someone who ran the organisation did every field's work there ("President & CEO at Yahoo!" for a VP of Product).
_EXECUTIVE_RE = re.compile(r"\b(?:chief|ceo|cto|coo|cfo|president|vp|head of|director|founder|co-founder|owner)\b",
                           re.IGNORECASE)
_NOT_FIELD_WORK = frozenset({"soft", "office"})
_AWARD_RE = re.compile(r"\b(?:received|awarded|won|secured|granted)\b[^.;]{0,60}\b(?:funding|grant|scholarship|prize|"
                       r"award|fellowship|stipend)\b", re.IGNORECASE)
_RECOGNITION_RE = re.compile(r"(?:was\s+)?(?:promoted|awarded|received|won|recognized|recognised|nominated|selected|"
                             r"honou?red|named)\b", re.IGNORECASE)  # skill categories any job uses: no sign of the field's work


# --- Reading the resume ------------------------------------------------------------------------------------------

def _roles(resume: ParsedResume) -> list[Role]:
    name = resume.contact.name
    titles = {T.normalise_space(entry.title).lower() for entry in resume.experience if entry.title}
    roles = []
    for rank, entry in enumerate(resume.experience):
        # An "employer" that is another role's title was read in the wrong place.
        employer = "" if T.normalise_space(entry.company).lower() in titles else P.organisation(entry.company,
                                                                                                 candidate_name=name)
        title = P.role_title(entry.title, candidate_name=name)
        roles.append(Role(title=title, employer=employer, current=entry.current, rank=rank))
    return roles


def _strength(achievement: Achievement, rank: int) -> tuple:
    """Results first — a measured change (cut latency by 45%, saved $8k) above a size above a count — then the job's
    required skills, then lines that can be quoted, then recency."""
    figures = (3 if achievement.result else 2) if achievement.measured else 1 if achievement.figures else 0
    return (figures, len(achievement.required), achievement.quotable, -rank, min(T.word_count(achievement.line), 25))


def _achievements(resume: ParsedResume, roles: list[Role], required: list[str], sources: fluency.Sources) -> list[Achievement]:
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
            achievement = Achievement(
                line=line, role=role, quotable=P.quotable(line, sources), figures=tuple(T.quantities(line)),
                skills=skills, named=named, required=tuple(skill for skill in required if skill in skills),
            )
            found.append((_strength(achievement, role.rank), achievement))
    found.sort(key=lambda item: item[0], reverse=True)
    return [achievement for _, achievement in found]


def _projects(resume: ParsedResume, sources: fluency.Sources) -> list[Project]:
    projects = []
    lines = [P.clean_line(line) for line in (resume.sections.get("projects") or resume.text or "").splitlines()]
    for raw in resume.projects:
        name = P.project_name(raw, candidate_name=resume.contact.name)
        if not name or (len(name.split()) <= 3 and P.role_title(name)):
            continue  # "Fullstack Developer": a role the reader listed with the projects, not a project
        about = ""
        for line in lines:
            match = re.match(rf"{re.escape(name)}\s*[:—–-]\s*(.+)$", line)
            if match and T.word_count(match.group(1)) <= 12 and sources and fluency.is_fluent(match.group(1), kind="sentence"):
                about = match.group(1).strip().rstrip(".")
                break
        projects.append(Project(name=name, about=about))
    return projects


def _studies(resume: ParsedResume) -> list[Study]:
    from resumes.reading import knowledge as reader_knowledge
    from resumes.reading import vocabulary

    found = []
    for education in resume.education:
        degree = education.degree.strip() if P.is_name_like(education.degree, max_words=10) else ""
        dangling = P.rules().dangling_words
        ends = [re.findall(r"[\w&]+", value.lower())[-1:] for value in (education.degree, education.institution)]
        if any(end and end[0] in dangling for end in ends):
            continue  # "Jaypee Institute of": a name cut at a line break, and its degree with it
        if re.search(r"\w[—–]\w", degree):
            continue  # "Fayette, IA—Bachelor of Arts": a place run into the degree, so its school is a guess too
        school = education.institution.strip()
        school = school if P.is_name_like(school, max_words=8) and vocabulary.INSTITUTION_RE.search(school) else ""
        if school and all(w.lower() in _GENERIC_SCHOOL_WORDS for w in re.findall(r"[A-Za-z]+", school)):
            school = ""  # "High School Level": a kind of school, not its name
        if not degree and school and _SECONDARY_SCHOOL_RE.search(school) and resume.education.index(education):
            continue  # "Sanskar School" after a degree: the candidate's school days, not studies for this job
        if degree and not reader_knowledge.degree_level(degree) and not re.search(
                r"\b(?:diploma|certificate|degree|bachelor|master|doctor)", degree, re.IGNORECASE):
            degree = ""
        if degree or school:
            found.append(Study(degree=degree, school=school))
    return found


_SECONDARY_SCHOOL_RE = re.compile(r"(?<!business )(?<!law )(?<!medical )(?<!graduate )(?<!engineering )\bschool$|"
                                  r"\b(?:high school|secondary|gymnasium|lyceum|academy)\b", re.IGNORECASE)
_GENERIC_SCHOOL_WORDS = frozenset({"high", "school", "level", "secondary", "primary", "college", "university", "institute",
                                  "the", "of", "education", "diploma"})


def resume_shows(resume: ParsedResume) -> list[str]:
    """Every skill the resume shows — its skills, its lines' skills, and what those prove (React → JavaScript, HTML)."""
    named = list(resume.skill_names())
    for entry in resume.experience:
        for line in entry.lines:
            named.extend(reading.skills_shown(line))
    for project in resume.projects:
        named.extend(reading.skills_shown(project))
    return reading.widen(named)


# --- Gaps: clear or only unclear --------------------------------------------------------------------------------

_DERIVED = ("ship", "ership", "er", "ers", "or", "ors", "ing", "ion", "ions", "ive", "al", "ally", "ment", "ed",
            "y", "ies", "ity", "ial", "ic", "ical", "ise", "ize", "ised", "ized", "e", "es", "s")


def _word_stems(text: str) -> list[str]:
    return [T.stem(w) if len(w) >= 3 else w.lower() for w in T.words(text) if w.lower() not in T.STOPWORDS]


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and long[len(short):] in _DERIVED


def _wording_near(skill: str, resume_text: str) -> str:
    """A resume line that says `skill` in other words ("Developing product strategies" for Product Strategy)."""
    entry = get_taxonomy().skills.get(skill)
    for name in (skill, *(entry.aliases if entry else ())):
        match = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", resume_text, re.IGNORECASE)
        if match:
            return name
    wanted = _word_stems(skill)
    lines = resume_text.splitlines()
    for line in lines if wanted else ():
        have = _word_stems(line)
        if all(any(_same_word(w, h) for h in have) for w in wanted):
            return T.normalise_space(P.clean_line(line))
    related = _related_evidence().get(skill, ())
    for line in lines:
        if any(pattern.search(line) for pattern in related):
            return T.normalise_space(P.clean_line(line))  # "Lean Six Sigma Green Belt" comes near 5S
    return ""


@cache
def _related_evidence() -> dict[str, tuple[re.Pattern, ...]]:
    data = library.load("gap_evidence")
    return {skill: tuple(re.compile(p, re.IGNORECASE) for p in patterns) for skill, patterns in data["related"].items()}


def _gap(skill: str, resume: ParsedResume) -> Gap:
    """A gap is clear when no line of the resume says the skill in any wording; a sibling tool (ECS for Kubernetes)
    does not make it unclear — it is the bridge the advice builds from."""
    near = _wording_near(skill, resume.text or "")
    return Gap(skill=skill, clear=not near, near=near)


# --- The job ------------------------------------------------------------------------------------------------------

def job_level(job: JobInput) -> str:
    level = knowledge.SENIORITY_LEVEL.get(job.requirements.seniority)
    if level:
        return level
    title = job.title or job.requirements.title
    for pattern, value in knowledge.TITLE_LEVEL:
        if pattern.search(title):
            return value
    years = job.requirements.years_required
    if years is not None:
        return "entry" if years <= 1 else "senior" if years >= 6 else "mid"
    return "mid"


def _duties(job: JobInput, field_id: str, sources: fluency.Sources) -> list[Duty]:
    duties: list[Duty] = []
    seen: set[str] = set()
    for raw in job.requirements.responsibilities:
        text = P.clean_line(raw)
        if T.word_count(text) < 3 or text in seen:
            continue
        seen.add(text)
        duties.append(Duty(text=text, quotable=P.quotable(text, sources) and not P.is_programme_line(text),
                           competency=knowledge.competency_for(text, field_id)))
    return duties


def _sources(resume: ParsedResume, job: JobInput) -> fluency.Sources:
    lines = [P.clean_line(line) for entry in resume.experience for line in entry.lines]
    duties = [P.clean_line(line) for line in job.requirements.responsibilities]
    return fluency.Sources(texts=(resume.text or "", job.text or "", "\n".join(lines), "\n".join(duties),
                                  "\n".join(resume.projects)))


def _build(resume: ParsedResume, job: JobInput, match: MatchReport) -> InterviewFacts:
    sources = _sources(resume, job)
    roles = _roles(resume)
    title = job.title or job.requirements.title
    choice = F.detect_field(job_title=title, job_skills=[*job.requirements.skills_required, *job.requirements.skills_nice],
                            resume_titles=[role.title for role in roles], resume_skills=resume.skill_names())
    field_id = choice.id
    every = list(dict.fromkeys([*job.requirements.skills_required, *job.requirements.skills_nice]))
    outside = [skill for skill in every if not F.belongs(skill, field_id)]
    asked = job.asked_skills
    required = [skill for skill in asked if skill not in outside]
    nice = [skill for skill in job.requirements.skills_nice if skill not in outside and skill not in asked]
    achievements = _achievements(resume, roles, required, sources)
    # What the resume shows, and what the matcher found it shows in a role ("Science Teacher" shows Teaching).
    shown = list(dict.fromkeys([*resume_shows(resume), *(m.skill for m in match.matched if m.strength == "shown")]))
    matched = {m.skill for m in match.matched}
    proven = {skill: [a for a in achievements if skill in a.skills] for skill in required if skill in matched or skill in shown}
    # "React or Vue": one of the alternatives shown means none of them is a gap.
    covered = {s for group in job.requirements.skills_alternatives if any(m in shown for m in group) for s in group}
    missing = [s for s in required if s not in proven and s not in covered]
    taxonomy = get_taxonomy()
    gaps = [_gap(s, resume) for s in missing if taxonomy.category(s) not in STORY_CATEGORIES]
    story_gaps = [_gap(s, resume) for s in missing if taxonomy.category(s) in STORY_CATEGORIES]
    nice_gaps = [_gap(s, resume) for s in nice if s not in shown and s not in matched and s not in covered]
    headline = resume.headline if P.is_name_like(resume.headline, candidate_name=resume.contact.name) else ""
    years = resume.years_experience
    return InterviewFacts(
        name=resume.contact.name, field=choice, level=job_level(job),
        job_title=P.job_title(title), company=P.organisation(job.company or job.requirements.company),
        duties=_duties(job, field_id, sources), roles=roles, achievements=achievements,
        projects=_projects(resume, sources), studies=_studies(resume), headline=P.job_title(headline),
        years=int(round(years)) if years and 1 <= years <= 45 else None,
        required=required, nice=nice, proven=proven, gaps=gaps, story_gaps=story_gaps, nice_gaps=nice_gaps, shown=shown,
        outside_field=outside, sources=sources,
    )


_MEMO: "OrderedDict[str, InterviewFacts]" = OrderedDict()


def _key(resume: ParsedResume, job: JobInput, match: MatchReport) -> str:
    digest = hashlib.sha256()
    for model in (resume, job, match):
        digest.update(model.model_dump_json().encode())
        digest.update(b"\0")
    return digest.hexdigest()


def interview_facts(resume: ParsedResume, job: JobInput, match: MatchReport) -> InterviewFacts:
    """The facts of one resume × job, built once: the plan, follow-ups and cheatsheet of an interview read the same
    object (memoised on the inputs' content, the last few kept)."""
    key = _key(resume, job, match)
    found = _MEMO.get(key)
    if found is None:
        found = _build(resume, job, match)
        _MEMO[key] = found
        while len(_MEMO) > _CACHE_SIZE:
            _MEMO.popitem(last=False)
    else:
        _MEMO.move_to_end(key)
    return found


# The name the scorer and older callers use.
candidate_facts = interview_facts
CandidateFacts = InterviewFacts
