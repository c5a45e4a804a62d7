"""The offline question planner: an interview built from THIS resume and THIS job, each question saying why.

What an interviewer asks, in the order they ask it:

1. The candidate's strongest results and the job's required skills the resume proves: each result
   re-said in the interviewer's words ("At Stripe you led the migration … and cut p99 latency by
   45%"), each proven skill with a real technical question from the question bank
   (`data/questions/`), picked to fit the candidate's own line and harder in substance at Hard.
2. The real gaps: required skills the resume does not show under any name (`facts`), asked as a
   question to reason through, not a confession.
3. Behaviour: the job's duties, pointed at the candidate's own closest story, then common
   situations for the field and level.
4. The rest of the resume: projects, a career move, the candidate's background.

`options.count` is split across kinds by `options.mix` (largest remainder; weight 0 = left out);
when a kind runs out of material its places go to the other kinds. A candidate question is skipped
when it repeats a skill, a resume line or the words of one already chosen. Nothing is quoted longer
than a short phrase, and an employer, title or project is only named when it reads as one
(`phrasing`). No randomness and no iteration over sets: the same inputs always give the same plan.
"""

import itertools
import re
from dataclasses import dataclass, field

from interviews.coach import knowledge as K
from interviews.coach import library, reading
from interviews.coach import phrasing as P
from interviews.coach import question_bank as B
from interviews.coach import text as T
from interviews.coach.facts import Achievement, CandidateFacts, candidate_facts
from interviews.coach.schemas import QUESTION_KINDS, JobInput, PlannedQuestion, PlanOptions, QuestionPlan
from resumes.reading.schemas import MatchReport, ParsedResume
from resumes.reading.taxonomy import get_taxonomy

DUPLICATE_SIMILARITY = 0.5
_BULLET_RE = re.compile(r"^\s*(?:[-•*▪◦·]|\d+[.)])\s+(.{12,})$")
_DEFAULT_MIX = {"behavioral": 3, "technical": 3, "situational": 1, "resume": 2}


@dataclass
class PlanContext:
    resume: ParsedResume
    job: JobInput
    match: MatchReport
    options: PlanOptions
    domain: str = "general"
    level: str = "mid"
    title: str = ""
    company: str = ""
    responsibilities: list[str] = field(default_factory=list)
    facts: CandidateFacts | None = None

    @property
    def difficulty(self) -> str:
        return self.options.difficulty

    @property
    def metric_hint(self) -> str:
        return K.METRIC_HINTS[self.domain]

    @property
    def role(self) -> str:
        """The job title as a noun ("Registered Nurse"), or "this role"."""
        return self.title or "this role"

    @property
    def the_role(self) -> str:
        """"the Registered Nurse role", or "this role"."""
        return f"the {self.title} role" if self.title else "this role"

    @property
    def as_role(self) -> str:
        """"a Registered Nurse" / "an FP&A Analyst", or "a new starter"."""
        return with_article(self.title) if self.title else "a new starter"


# --- Reading the inputs ------------------------------------------------------------------------------

def detect_domain(job: JobInput, resume: ParsedResume | None = None) -> str:
    """The job's field, from its title and the categories of its skills (the resume breaks ties)."""
    votes: dict[str, float] = {domain: 0.0 for domain in K.DOMAINS}
    title = " ".join([job.title, job.requirements.title])
    for pattern, domain in K.TITLE_DOMAIN:
        if pattern.search(title):
            votes[domain] += 3
    taxonomy = get_taxonomy()
    for skill in [*job.requirements.skills_required, *job.requirements.skills_nice]:
        domain = K.CATEGORY_DOMAIN.get(taxonomy.category(skill))
        if domain:
            votes[domain] += 1
    if resume is not None:
        for skill in resume.skills:
            domain = K.CATEGORY_DOMAIN.get(skill.category or taxonomy.category(skill.name))
            if domain:
                votes[domain] += 0.25
    best = max(K.DOMAINS, key=lambda d: (votes[d], -K.DOMAINS.index(d)))
    return best if votes[best] > 0 else "general"


def job_level(job: JobInput) -> str:
    level = K.SENIORITY_LEVEL.get(job.requirements.seniority)
    if level:
        return level
    title = job.title or job.requirements.title
    for pattern, value in K.TITLE_LEVEL:
        if pattern.search(title):
            return value
    years = job.requirements.years_required
    if years is not None:
        return "entry" if years <= 1 else "senior" if years >= 6 else "mid"
    return "mid"


def job_responsibilities(job: JobInput) -> list[str]:
    """The posting's responsibilities; bullet lines of its text when the analyser found none."""
    found = [T.normalise_space(r) for r in job.requirements.responsibilities if T.word_count(r) >= 3]
    if not found:
        for line in (job.text or "").splitlines():
            match = _BULLET_RE.match(line)
            if match and T.word_count(match.group(1)) >= 4 and not get_taxonomy().find_in_line(match.group(1)[:40]):
                found.append(T.normalise_space(match.group(1)))
    unique: dict[str, None] = {}
    for item in found:
        unique.setdefault(item, None)
    return list(unique)


def competency_for(text: str) -> K.Competency:
    for competency in K.COMPETENCIES:
        if competency.pattern.search(text):
            return competency
    return K.COMPETENCIES[-1]


def with_article(noun: str) -> str:
    noun = noun.strip()
    return f"{'an' if noun[:1].upper() in 'AEIOU' or noun[:3] in ('FP&', 'MBA', 'SRE', 'HR ') else 'a'} {noun}"


_GENERIC_ENDING = re.compile(r"(?:ment|ing|ion|sis|ture|ance|ence|Design|Review|Care|Control|Development)$")


def skill_phrase(skill: str) -> str:
    """A skill name as it reads mid-sentence: "patient care", "backend development", but "BLS", "Python", "REST APIs"."""
    if skill.isupper() or skill in K.PRODUCT_NAMES:
        return skill
    if get_taxonomy().category(skill) in K.LOWERCASE_CATEGORIES:
        # "patient care", "B2B sales": ordinary words lower-cased, acronyms and names kept
        return " ".join(w if any(c.isdigit() for c in w) or w[1:] != w[1:].lower() else w.lower() for w in skill.split())
    words = skill.replace("-", " ").split()
    if len(words) >= 2 and all(w[:1].isupper() and w[1:].islower() for w in words) and _GENERIC_ENDING.search(skill):
        return skill.lower()  # "Incident Management", "Full-Stack Development": ordinary words, not names
    return skill


def _context(resume: ParsedResume, job: JobInput, match: MatchReport, options: PlanOptions) -> PlanContext:
    return PlanContext(
        resume=resume,
        job=job,
        match=match,
        options=options,
        domain=detect_domain(job, resume),
        level=job_level(job),
        title=(job.title or job.requirements.title).strip(),
        company=(job.company or job.requirements.company).strip(),
        responsibilities=job_responsibilities(job),
        facts=candidate_facts(resume, job, match),
    )


# --- Candidate questions ---------------------------------------------------------------------------------
# Each writer returns `Candidate`s: the question plus what it uses up (resume lines, skills) and the stage
# of the interview it belongs to, so the chooser can avoid repeats and the order can follow an interviewer's.

STAGE_EVIDENCE, STAGE_GAPS, STAGE_BEHAVIOUR, STAGE_CLOSING = 0, 1, 2, 3


@dataclass
class Candidate:
    question: PlannedQuestion
    stage: int
    lines: tuple[str, ...] = ()  # resume lines this question is built on
    topic: str = ""  # what makes two questions feel the same (an employer, a duty, a skill)


def stems(section: str) -> dict:
    return library.load("stems")[section]


def _points(*items: str, difficulty: str) -> list[str]:
    points = [item for item in items if item]
    limit = {"easy": 3, "standard": 4, "hard": 5}[difficulty]
    return points[:limit]


def _shows(achievement: Achievement) -> str:
    skills = list(achievement.required[:2])
    return f", and it shows {T.join_names(skills)}, which the job requires" if skills else ""


def achievement_question(ctx: PlanContext, achievement: Achievement) -> Candidate:
    words = stems("achievement")
    figure = achievement.figure if achievement.result_said else ""
    key = ctx.difficulty if ctx.difficulty == "easy" or not figure else f"{ctx.difficulty}_figure"
    text = f"{achievement.sentence()} {words[key].format(figure=achievement.figure_phrase)}"
    at = achievement.role.at if achievement.role else ""
    why = (f"Your strongest result{at} ({figure}){_shows(achievement)}: interviewers pick the best lines on a resume "
           "and ask for the story behind them." if figure else
           f"Your own work{at}{_shows(achievement)}: interviewers ask for the story behind a resume's lines.")
    points = [p.format(at=at) for p in words["points"]]
    if figure:
        points[2] = f"The result behind the line — {figure} — and how it was measured"
    figure = figure or achievement.figure
    return Candidate(
        PlannedQuestion(kind="resume", competency="Track record", text=text, rationale=why,
                        strong_answer_points=_points(*points, difficulty=ctx.difficulty),
                        skill=achievement.required[0] if achievement.required else ""),
        stage=STAGE_EVIDENCE, lines=(achievement.line,), topic=f"result:{achievement.line}",
    )


def resume_candidates(ctx: PlanContext) -> list[Candidate]:
    facts = ctx.facts
    results = [achievement_question(ctx, a) for a in facts.achievements if a.said]
    projects = [project_question(ctx, name, about) for name, about in facts.projects]
    # The strongest results, then the candidate's own projects (after the first result for a new starter, whose
    # projects are often their best evidence).
    cut = 1 if ctx.level == "entry" else 2
    found = results[:cut] + projects + results[cut:]
    employers = facts.employers
    if len(employers) >= 2:
        found.append(career_question(ctx, newer=employers[0], older=employers[1]))
    if ctx.level == "entry" or not facts.achievements:
        found += education_questions(ctx)
    found.append(background_question(ctx))
    return found


_ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)


def project_question(ctx: PlanContext, name: str, about: str) -> Candidate:
    what = f"{name}, your {_ARTICLE_RE.sub('', about)}" if about else name
    text = f"Tell me about {what}. {stems('project')[ctx.difficulty]}"
    return Candidate(
        PlannedQuestion(kind="resume", competency="Initiative", text=text,
                        rationale=f"{name} is on your resume; projects you chose yourself show initiative and are easy to probe.",
                        strong_answer_points=_points("The problem and who it was for", "Your part, as opposed to others'",
                                                     "One decision you made and why",
                                                     "Evidence it worked (users, numbers, feedback)",
                                                     difficulty=ctx.difficulty)),
        stage=STAGE_EVIDENCE, topic=f"project:{name}",
    )


def career_question(ctx: PlanContext, *, newer: str, older: str) -> Candidate:
    where = f" at {ctx.company}" if ctx.company else ""
    return Candidate(
        PlannedQuestion(kind="resume", competency="Career story",
                        text=(f"You moved from {older} to {newer}. What made you move, what did you bring with you, and "
                              f"why is {ctx.the_role}{where} the next step?"),
                        rationale=(f"Your resume shows a move from {older} to {newer}; interviewers ask about moves to hear "
                                   "your motives and judgement."),
                        strong_answer_points=_points("A positive reason for the move (growth, scope), not complaints",
                                                     f"A skill you took from {older} to {newer}",
                                                     "How this job continues that path", difficulty=ctx.difficulty)),
        stage=STAGE_CLOSING, topic="career",
    )


def education_questions(ctx: PlanContext) -> list[Candidate]:
    found = []
    for education in ctx.resume.education[:1]:
        school = education.institution if P.is_name_like(education.institution, max_words=8) else ""
        degree = education.degree if P.is_name_like(education.degree, max_words=10) else ""
        what = " at ".join(part for part in (degree, school) if part)
        if not what:
            continue
        found.append(Candidate(
            PlannedQuestion(kind="resume", competency="Learning",
                            text=(f"You studied {what}. Which piece of work from it is closest to what {ctx.the_role} "
                                  "involves, and what did you do in it?"),
                            rationale=f"Your education ({what}) is a real source of examples, especially early in a career.",
                            strong_answer_points=_points("One specific module, project or placement",
                                                         "What you did and what you produced",
                                                         "How it maps to this job's responsibilities",
                                                         difficulty=ctx.difficulty)),
            stage=STAGE_EVIDENCE, topic="education",
        ))
    return found


def background_question(ctx: PlanContext) -> Candidate:
    latest = ctx.facts.latest
    title = latest.title if latest and latest.title else ""
    now = f" — you're {with_article(title)}{' at ' + latest.employer if latest.employer else ''} now" if title else ""
    where = f" at {ctx.company}" if ctx.company else ""
    return Candidate(
        PlannedQuestion(kind="resume", competency="Motivation",
                        text=f"Walk me through your background{now} — and why {ctx.the_role}{where} is your next step.",
                        rationale="Almost every interview asks this; a tight two-minute answer sets the tone.",
                        strong_answer_points=_points("Present: your current role and one result you're proud of",
                                                     "Past: the two or three steps that led here",
                                                     f"Future: why this job{where.replace(' at', ', at')}, specifically",
                                                     "Keep it under two minutes", difficulty=ctx.difficulty)),
        stage=STAGE_CLOSING, topic="background",
    )


def technical_candidates(ctx: PlanContext) -> list[Candidate]:
    facts = ctx.facts
    required = list(ctx.job.requirements.skills_required)
    tier = B.DIFFICULTY_TIER[ctx.difficulty]
    found: list[Candidate] = []
    proven = [skill for skill in required if skill in facts.proven and not _story_skill(skill)]
    # Skills shown in a resume line first (there is a story to anchor), then skills only listed.
    proven.sort(key=lambda skill: 0 if facts.proven[skill] else 1)
    picked: set[str] = set()  # each bank question once, even when two skills would choose it
    deeper = [proven_questions(ctx, skill, tier, exclude=picked) for skill in proven]
    gaps = [[gap] for gap in (gap_question(ctx, skill) for skill in facts.gaps) if gap]
    # Two proven skills, then a gap, and so on: a plan with room for three technical questions asks about one gap.
    while deeper or gaps:
        for group in (deeper[:2], gaps[:1]):
            for item in group:
                found += item
        deeper, gaps = deeper[2:], gaps[1:]
    for skill in ctx.job.requirements.skills_nice:
        if skill in facts.shown and not _story_skill(skill):
            found += proven_questions(ctx, skill, tier, nice=True, exclude=picked)
    if not required:  # a thin posting: go deep on the resume's own skills
        for skill in [s for s in facts.shown if not _story_skill(s)][:4]:
            found += proven_questions(ctx, skill, tier, nice=True, exclude=picked)
    found.append(core_question(ctx))
    return found


def _story_skill(skill: str) -> bool:
    from interviews.coach.facts import STORY_CATEGORIES

    return get_taxonomy().category(skill) in STORY_CATEGORIES


def proven_questions(ctx: PlanContext, skill: str, tier: str, *, nice: bool = False,
                     exclude: set[str] | None = None) -> list[Candidate]:
    """One real question on `skill`, anchored to each resume line that shows it (the chooser keeps the first whose
    line is still free), then unanchored."""
    evidence = [a for a in ctx.facts.proven.get(skill) or [a for a in ctx.facts.achievements if skill in a.skills] if a.said]
    context = " ".join(a.line for a in evidence[:3])
    exclude = exclude if exclude is not None else set()
    entry = B.pick(skill, tier, context=context, exclude=exclude, field=ctx.domain,
                   avoid={gap for gap in ctx.facts.gaps if gap != skill})
    if entry is None:
        return []
    exclude.add(entry.id)
    said = entry.says(skill_phrase(skill))
    need = "a nice-to-have" if nice else "a required skill"
    where = f" at {ctx.company}" if ctx.company else ""
    question = PlannedQuestion(kind="technical", competency=skill, skill=skill, text="", rationale="",
                               strong_answer_points=_points(*entry.covers(skill_phrase(skill)), difficulty="hard"))
    found = []
    for achievement in evidence[:2]:
        found.append(Candidate(
            question.model_copy(update={
                "text": f"{achievement.sentence()} {said}",
                "rationale": (f"{skill} is {need} for {ctx.the_role}{where}, and your resume shows it"
                              f"{achievement.role.at if achievement.role else ''}. "
                              f"A real {entry.type} question checks the depth behind the claim."),
            }),
            stage=STAGE_EVIDENCE, lines=(achievement.line,), topic=f"skill:{skill}",
        ))
    lead = stems("proven")["deeper" if evidence or skill in ctx.facts.shown else "listed"].format(skill=skill_phrase(skill))
    found.append(Candidate(
        question.model_copy(update={
            "text": f"{lead} {said}",
            "rationale": (f"{skill} is {need} for {ctx.the_role}{where}: a real {entry.type} question shows how deep "
                          "your experience goes."),
        }),
        stage=STAGE_EVIDENCE, topic=f"skill:{skill}",
    ))
    return found


def gap_question(ctx: PlanContext, skill: str) -> Candidate | None:
    words = stems("gap")
    tier = "practice" if ctx.difficulty == "hard" else "foundation"
    entry = B.pick(skill, tier, field=ctx.domain) or B.pick(skill, "foundation", field=ctx.domain)
    if entry is None:
        return None
    adjacent = _adjacent(ctx, skill)
    bridge = words["bridge"].format(adjacent=adjacent) if adjacent else ""
    asked = entry.says(skill_phrase(skill))
    text = (words["lead"].format(skill=skill_phrase(skill), bridge=bridge) + " "
            + words[ctx.difficulty].format(question=asked))
    points = [p.format(skill=skill_phrase(skill)) for p in words["points"]]
    if adjacent:
        points[2] = f"Bridge from related experience: {adjacent} is on your resume"
    return Candidate(
        PlannedQuestion(kind="technical", competency=skill, skill=skill, text=text,
                        rationale=(f"The posting requires {skill} but the resume shows no evidence of it — interviewers "
                                   "probe gaps, so practise reasoning about it honestly and showing how you would close it."),
                        strong_answer_points=_points(*points, *entry.covers(skill_phrase(skill))[:1],
                                                     difficulty=ctx.difficulty)),
        stage=STAGE_GAPS, topic=f"skill:{skill}",
    )


def _adjacent(ctx: PlanContext, skill: str) -> str:
    shown = ctx.facts.shown
    category = get_taxonomy().category(skill)
    near = [name for name in K.ADJACENT_SKILLS.get(skill, ()) if name in shown]
    near += [name for name in shown if name != skill and category and get_taxonomy().category(name) == category]
    return near[0] if near else ""


def core_question(ctx: PlanContext) -> Candidate:
    core = {
        "software": "How do you make sure code you ship works — before and after it reaches production?",
        "healthcare": "How do you make sure medication and care you give are safe, from the order to the documentation?",
        "sales": "Walk me through how you qualify a new lead and decide whether it's worth your time.",
        "finance": "How do you check your own numbers before they reach someone who will act on them?",
        "general": (f"What tools and methods do you rely on to do {ctx.title + ' ' if ctx.title else 'your '}work well, "
                    "and how did you learn them?"),
    }[ctx.domain]
    return Candidate(
        PlannedQuestion(kind="technical", competency="Quality of work", text=core,
                        rationale=(f"A core {ctx.domain if ctx.domain != 'general' else 'professional'} question: it shows "
                                   "how you work day to day."),
                        strong_answer_points=_points("Your routine, step by step", "A concrete check or tool you use",
                                                     "An example where it caught a problem",
                                                     f"How you know it works ({ctx.metric_hint})", difficulty=ctx.difficulty)),
        stage=STAGE_GAPS, topic="core",
    )


def _seed(ctx: PlanContext, about: str) -> list[Achievement]:
    """The candidate's achievements closest to a duty, best first: a skill in common counts two, a word one; two needed."""
    wanted = set(T.content_terms(about))
    skills = set(reading.skills_shown(about))
    scored = []
    for n, achievement in enumerate(ctx.facts.achievements):
        if not achievement.reference():
            continue
        words = len(wanted & set(T.content_terms(achievement.line)))
        common = len(skills & set(achievement.named))
        if common or words >= 3:  # a skill in common, or a real overlap in what the work was
            scored.append((-(words + 2 * common), n, achievement))
    return [a for _, _, a in sorted(scored, key=lambda item: item[:2])]


def behavioral_candidates(ctx: PlanContext) -> list[Candidate]:
    """The job's duties pointed at the candidate's own closest story first; then the soft skills the job needs and
    the resume does not show; then duties without a story of their own, taking turns with classic questions set at
    the candidate's own employers — so two candidates for one job are not asked the same list."""
    seeded: list[Candidate] = []
    plain: list[Candidate] = []
    for responsibility in ctx.responsibilities:
        seeded_one, plain_one = _duty_questions(ctx, responsibility)
        seeded += seeded_one
        plain += plain_one
    story_gaps = [c for skill in ctx.facts.story_gaps for c in _story_gap(ctx, skill)]
    classic = _classic_questions(ctx)
    mixed = [c for pair in itertools.zip_longest(plain, classic) for c in pair if c is not None]
    return seeded + story_gaps + mixed


def _duty_questions(ctx: PlanContext, responsibility: str) -> tuple[list[Candidate], list[Candidate]]:
    words = stems("behaviour")
    duty = P.duty_gerund(responsibility)
    if not duty:
        return [], []
    competency = competency_for(responsibility)
    lead = words["lead"].format(duty=duty)
    why = (f"The posting lists this as part of the job; a past example is the best evidence you can do it "
           f"({competency.name.lower()}).")
    points = _points(f"A specific, recent example of {duty}",
                     "What you personally did — 'I', not 'we' — in two or three concrete steps",
                     f"A measurable result ({ctx.metric_hint})", "Who else was involved and how you brought them along",
                     "What you learned and would repeat in this role", difficulty=ctx.difficulty)
    base = PlannedQuestion(kind="behavioral", competency=competency.name, text="", rationale=why,
                           strong_answer_points=points)
    seeded = []
    for achievement in _seed(ctx, responsibility)[:1]:
        stem = words["seed_hard" if ctx.difficulty == "hard" else "seed"].format(reference=achievement.reference())
        seeded.append(Candidate(base.model_copy(update={"text": f"{lead} {stem}"}), stage=STAGE_BEHAVIOUR,
                                lines=(achievement.line,), topic=f"duty:{responsibility}"))
    at = f" at {T.join_names(ctx.facts.employers[:2], 'or')}" if ctx.facts.employers else ""
    plain = [Candidate(base.model_copy(update={"text": f"{lead} {words[ctx.difficulty].format(at=at)}"}),
                       stage=STAGE_BEHAVIOUR, topic=f"duty:{responsibility}")]
    return seeded, plain


def _classic_questions(ctx: PlanContext) -> list[Candidate]:
    """The behavioural questions most interviews ask, each set at one of the candidate's employers in turn."""
    found = []
    person_a, person_b = K.PEOPLE[ctx.domain]
    roles = [role for role in ctx.facts.roles if role.employer]
    for n, (competency, texts, points) in enumerate(K.GENERAL_BEHAVIOURAL):
        role = roles[n % len(roles)] if roles else None
        at = role.at if role else ""
        text = texts[ctx.difficulty].format(at=at, at_work=at or " at work", person=person_a if n % 2 == 0 else person_b)
        why_employer = f" Set{at}, from your resume, so you answer with a real story." if at else ""
        found.append(Candidate(
            PlannedQuestion(kind="behavioral", competency=competency, text=text,
                            rationale=(f"{competency} comes up in most {ctx.title + ' ' if ctx.title else ''}interviews and "
                                       f"is not yet covered by the posting's own duties.{why_employer}"),
                            strong_answer_points=_points(*points, f"A measurable result ({ctx.metric_hint})",
                                                         difficulty=ctx.difficulty)),
            stage=STAGE_BEHAVIOUR, topic=f"competency:{competency}",
        ))
    return found


def _story_gap(ctx: PlanContext, skill: str) -> list[Candidate]:
    """A soft skill the job requires and the resume does not show: asked for as a story, never as a confession."""
    phrase = skill_phrase(skill)
    story = next((c.story for c in K.COMPETENCIES if c.name.lower() == skill.lower()), "")
    ask = f"a time you {story}" if story else f"a time your {phrase} made the difference"
    return [Candidate(
        PlannedQuestion(kind="behavioral", competency=skill, skill=skill,
                        text=(f"The role asks for strong {phrase}, and your resume doesn't show it directly. Tell me about "
                              f"{ask} — what was the situation, what did you do, and how did it turn out?"),
                        rationale=(f"The posting requires {skill}; your resume gives no example of it yet, so prepare one "
                                   "real story."),
                        strong_answer_points=_points("A specific situation, with who was involved",
                                                     "What you said or did yourself", "How the other people responded",
                                                     f"The result ({ctx.metric_hint})", difficulty=ctx.difficulty)),
        stage=STAGE_BEHAVIOUR, topic=f"skill:{skill}",
    )]


def situational_candidates(ctx: PlanContext) -> list[Candidate]:
    words = dict(stems("situational"))
    words[ctx.difficulty] = words.get(f"{ctx.difficulty}_{ctx.domain}", words[ctx.difficulty])
    found: list[Candidate] = []
    where = f" at {ctx.company}" if ctx.company else ""
    for responsibility in ctx.responsibilities[:4]:
        duty = P.duty(responsibility)
        if not duty:
            continue
        lead = words["lead"].format(where=where, duty=duty)
        base = PlannedQuestion(
            kind="situational", competency=competency_for(responsibility).name, text="",
            rationale="Straight from the posting's duties: shows how you would start the actual job.",
            strong_answer_points=_points("Questions you would ask first, and of whom",
                                         "How you would learn the current state before changing it",
                                         "A first concrete deliverable and when",
                                         f"How you would know it's going well ({ctx.metric_hint})",
                                         "Risks you would watch for", difficulty=ctx.difficulty))
        for achievement in _seed(ctx, responsibility)[:1]:
            text = f"{lead} {words[ctx.difficulty]} {words['seed'].format(reference=achievement.reference())}"
            found.append(Candidate(base.model_copy(update={"text": text}), stage=STAGE_BEHAVIOUR,
                                   lines=(achievement.line,), topic=f"duty:{responsibility}"))
        found.append(Candidate(base.model_copy(update={"text": f"{lead} {words[ctx.difficulty]}"}), stage=STAGE_BEHAVIOUR,
                               topic=f"duty:{responsibility}"))
    bank = K.SITUATIONAL[ctx.domain] + (K.SITUATIONAL["general"] if ctx.domain != "general" else [])
    ranked = [item for item in bank if item[0] == ctx.level] + [item for item in bank if item[0] == "any"] + \
             [item for item in bank if item[0] not in (ctx.level, "any")]
    for level, competency, question, points in ranked:
        fit = "at your level" if level in (ctx.level, "any") else f"at {level} level"
        field_name = "" if ctx.domain == "general" else f"{ctx.domain} "
        text = question
        if ctx.difficulty == "hard":
            text += " What would you do if your first step didn't work?"
        elif ctx.difficulty == "easy":
            text = text.replace("Walk me through the first hour.", "What would you do first?")
        found.append(Candidate(
            PlannedQuestion(kind="situational", competency=competency, text=text,
                            rationale=(f"A common {field_name}scenario {fit}: it tests judgement ({competency.lower()}) "
                                       "rather than memory."),
                            strong_answer_points=_points(*points, difficulty=ctx.difficulty)),
            stage=STAGE_BEHAVIOUR, topic=f"competency:{competency}",
        ))
    return found


# Results are claimed before technical questions anchor on resume lines, so the strongest result is asked
# about as itself; behaviour questions then point at the stories still free.
TAKE_ORDER = ("resume", "technical", "behavioral", "situational")

CANDIDATES = {
    "behavioral": behavioral_candidates,
    "technical": technical_candidates,
    "situational": situational_candidates,
    "resume": resume_candidates,
}


# --- Choosing --------------------------------------------------------------------------------------------

def allocate(count: int, mix: dict[str, int]) -> dict[str, int]:
    """Split `count` questions across kinds by weight (largest remainder, ties in QUESTION_KINDS order)."""
    weights = {kind: max(0, int(mix.get(kind, 0))) for kind in QUESTION_KINDS}
    if sum(weights.values()) == 0:
        weights = dict(_DEFAULT_MIX)
    total = sum(weights.values())
    exact = {kind: count * weight / total for kind, weight in weights.items()}
    shares = {kind: int(value) for kind, value in exact.items()}
    order = sorted(QUESTION_KINDS, key=lambda k: (-(exact[k] - shares[k]), -weights[k], QUESTION_KINDS.index(k)))
    for kind in order[: count - sum(shares.values())]:
        shares[kind] += 1
    return shares


def is_near_duplicate(question: PlannedQuestion, chosen: list[PlannedQuestion]) -> bool:
    return any(T.similarity(question.text, other.text) >= DUPLICATE_SIMILARITY for other in chosen)


@dataclass
class _Chooser:
    """Takes questions kind by kind, never repeating a skill, a resume line, a topic (while fresh ones remain) or
    the words of a question already taken."""

    pools: dict[str, list[Candidate]]
    chosen: list[Candidate] = field(default_factory=list)
    strict: bool = False  # never take a topic twice (for questions beyond the plan)

    def acceptable(self, candidate: Candidate) -> bool:
        question = candidate.question
        if self.strict and candidate.topic and any(candidate.topic == c.topic for c in self.chosen):
            return False
        if question.skill and any(question.skill == c.question.skill for c in self.chosen):
            return False
        if any(line in c.lines for c in self.chosen for line in candidate.lines):
            return False
        return not is_near_duplicate(question, [c.question for c in self.chosen])

    def take(self, kind: str) -> bool:
        pool = self.pools[kind]
        pool[:] = [c for c in pool if self.acceptable(c)]
        if not pool:
            return False
        topics = {c.topic for c in self.chosen}
        fresh = [c for c in pool if c.topic not in topics]
        picked = (fresh or pool)[0]
        pool.remove(picked)
        self.chosen.append(picked)
        return True


def plan_questions(*, resume: ParsedResume, job: JobInput, match: MatchReport, options: PlanOptions) -> QuestionPlan:
    ctx = _context(resume, job, match, options)
    shares = allocate(options.count, options.mix)
    active = [kind for kind in QUESTION_KINDS if shares[kind] > 0 or options.mix.get(kind, 0) > 0]
    if not any(options.mix.get(kind, 0) > 0 for kind in QUESTION_KINDS):
        active = list(QUESTION_KINDS)
    chooser = _Chooser(pools={kind: CANDIDATES[kind](ctx) for kind in active})
    missing = 0
    for kind in sorted(active, key=TAKE_ORDER.index):
        for _ in range(shares.get(kind, 0)):
            if not chooser.take(kind):
                missing += 1
    weights = {kind: options.mix.get(kind, 0) or (1 if kind in active else 0) for kind in active}
    by_weight = sorted(active, key=lambda k: (-weights[k], QUESTION_KINDS.index(k)))
    while missing:
        progressed = False
        for kind in by_weight:
            if missing and chooser.take(kind):
                missing -= 1
                progressed = True
        if not progressed:
            break
    # Last resort for very thin inputs: the count is a promise, so borrow from kinds weighted 0.
    for kind in QUESTION_KINDS:
        if not missing:
            break
        chooser.pools.setdefault(kind, CANDIDATES[kind](ctx))
        while missing and chooser.take(kind):
            missing -= 1
    return QuestionPlan(questions=[tidy_question(c.question) for c in interview_order(chooser.chosen)], engine="offline")


def interview_order(chosen: list[Candidate]) -> list[Candidate]:
    """Evidence first (results and proven skills, alternating), then gaps, then behaviour (alternating
    behavioural and situational), then the closing questions — each group in the order it was chosen."""
    ordered: list[Candidate] = []
    for stage in (STAGE_EVIDENCE, STAGE_GAPS, STAGE_BEHAVIOUR, STAGE_CLOSING):
        group = [c for c in chosen if c.stage == stage]
        queues: dict[str, list[Candidate]] = {}
        for candidate in group:
            queues.setdefault(candidate.question.kind, []).append(candidate)
        while any(queues.values()):
            for kind in list(queues):
                if queues[kind]:
                    ordered.append(queues[kind].pop(0))
    return ordered


def tidy_question(question: PlannedQuestion) -> PlannedQuestion:
    """Clean sentences: single spaces, no doubled stops, no space before punctuation."""
    return question.model_copy(update={"text": T.tidy(question.text), "rationale": T.tidy(question.rationale)})


def more_questions(ctx: PlanContext, planned: list[PlannedQuestion], *, count: int) -> list[PlannedQuestion]:
    """Questions this interview is also likely to bring: new ones, never a planned question or a near-duplicate of
    one, nor one built on a resume line a planned question already uses."""
    taken = [Candidate(q, stage=STAGE_EVIDENCE, lines=_lines_in(ctx, q.text), topic=_topic_in(ctx, q.text)) for q in planned]
    chooser = _Chooser(pools={kind: CANDIDATES[kind](ctx) for kind in TAKE_ORDER}, chosen=list(taken), strict=True)
    more: list[Candidate] = []
    while len(more) < count:
        progressed = False
        for kind in ("technical", "behavioral", "resume", "situational"):
            if len(more) < count and chooser.take(kind):
                more.append(chooser.chosen[-1])
                progressed = True
        if not progressed:
            break
    return [tidy_question(c.question) for c in more]


def _lines_in(ctx: PlanContext, text: str) -> tuple[str, ...]:
    """The resume lines a question's words come from (its re-said achievement or its pointer to one)."""
    return tuple(a.line for a in ctx.facts.achievements
                 if a.said and (a.sentence()[:-1] in text or (a.reference() and a.reference() in text)))


def _topic_in(ctx: PlanContext, text: str) -> str:
    """The duty of the job a question is about, when its words carry one."""
    for responsibility in ctx.responsibilities:
        if (P.duty(responsibility) and P.duty(responsibility) in text) or (
                P.duty_gerund(responsibility) and P.duty_gerund(responsibility) in text):
            return f"duty:{responsibility}"
    return ""
