"""The offline question planner: questions built from THIS resume and THIS job, each saying why.

How a plan is made:

1. Candidate questions are written for each kind, most specific first —
   behavioural from the job's responsibilities, technical from required skills the resume proves
   (quoting the resume line) and from required skills it lacks, situational from the job's field and
   level, resume questions from the candidate's own employers, projects and education. Generic
   questions from `knowledge.py` come last, so even a thin resume or posting gets a full plan.
2. `options.count` is split across kinds by `options.mix` (largest remainder; weight 0 = left out).
   When a kind runs out of material its places go to the other kinds, heaviest first.
3. A candidate is skipped when it is a near-duplicate (content-word Jaccard ≥ `DUPLICATE_SIMILARITY`)
   of one already chosen, or targets a skill or resume line already used.
4. The plan opens with a resume question (a natural warm-up), then alternates kinds.

No randomness and no iteration over sets: the same inputs always give the same plan.
"""

import re
from dataclasses import dataclass, field

from interviews.coach import knowledge as K
from interviews.coach import text as T
from interviews.coach.schemas import QUESTION_KINDS, JobInput, PlannedQuestion, PlanOptions, QuestionPlan
from resumes.schemas import MatchReport, ParsedResume
from resumes.taxonomy import get_taxonomy

DUPLICATE_SIMILARITY = 0.5
LINE_LIMIT = 150
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


def resume_lines(resume: ParsedResume) -> list[tuple[str, str, str]]:
    """(line, employer, title) for every experience bullet, most recent entry first."""
    lines = []
    for entry in resume.experience:
        for line in entry.lines:
            if line.strip():
                lines.append((line.strip(), entry.company, entry.title))
    return lines


def line_strength(line: str) -> tuple[int, int, int]:
    """How good a resume line is to talk about: has a number, names a skill, then length (capped)."""
    return (1 if T.quantities(line) else 0, len(get_taxonomy().find_in_line(line)), min(T.word_count(line), 25))


def skill_evidence(skill: str, ctx: PlanContext) -> list[str]:
    for item in ctx.match.matched:
        if item.skill == skill and item.evidence:
            return [line for line in item.evidence if line.strip()]
    for item in ctx.resume.skills:
        if item.name == skill and item.evidence:
            return [line for line in item.evidence if line.strip()]
    return [line for line, _, _ in resume_lines(ctx.resume) if skill in get_taxonomy().find_in_line(line)]


def with_article(noun: str) -> str:
    noun = noun.strip()
    return f"{'an' if noun[:1].upper() in 'AEIOU' or noun[:3] in ('FP&', 'MBA', 'SRE', 'HR ') else 'a'} {noun}"


def skill_phrase(skill: str) -> str:
    """A skill name as it reads mid-sentence: "patient care", but "BLS", "Python", "REST APIs"."""
    if get_taxonomy().category(skill) in K.LOWERCASE_CATEGORIES and not skill.isupper() and skill not in K.PRODUCT_NAMES:
        return skill.lower()
    return skill


def loose_evidence(skill: str, ctx: PlanContext) -> list[str]:
    """Resume lines that contain every word of `skill` in some form ("Negotiated …" for Negotiation).

    The match report is the authority on which skills are shown; this only stops the coach calling
    a skill absent when a line plainly touches on it.
    """
    wanted = T.content_terms(skill)
    if not wanted:
        return []
    found = []
    for line in [line for line, _, _ in resume_lines(ctx.resume)] + list(ctx.resume.projects):
        terms = T.content_terms(line)
        if all(any(term.startswith(w[:6]) or w.startswith(term[:6]) for term in terms if len(term) >= 4) for w in wanted):
            found.append(line)
    return found


def quote(line: str) -> str:
    return f"“{T.clip(line, LINE_LIMIT).rstrip('.')}”"


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
    )


# --- Candidate questions per kind ----------------------------------------------------------------------

def _points(*items: str, difficulty: str) -> list[str]:
    points = [item for item in items if item]
    limit = {"easy": 3, "standard": 4, "hard": 5}[difficulty]
    return points[:limit]


def behavioral_candidates(ctx: PlanContext) -> list[PlannedQuestion]:
    questions = []
    for responsibility in ctx.responsibilities:
        competency = competency_for(responsibility)
        said = quote(responsibility)
        text = {
            "easy": f"The job description says: {said}. Can you tell me about a time you did something like that?",
            "standard": (f"The job description says: {said}. Tell me about a time you did something similar — "
                         "what was the situation, what did you do, and what changed as a result?"),
            "hard": (f"The job description says: {said}. Tell me about the hardest time you've done something similar — "
                     "what trade-offs did you make, what went wrong, and what would you do differently?"),
        }[ctx.difficulty]
        questions.append(PlannedQuestion(
            kind="behavioral",
            competency=competency.name,
            text=text,
            rationale=(f"The posting lists {said} as part of the job; a past example is the best evidence you can do it "
                       f"({competency.name.lower()})."),
            strong_answer_points=_points(
                f"A specific, recent example of: {T.lower_first(T.clip(responsibility, 70))}",
                "What you personally did — 'I', not 'we' — in two or three concrete steps",
                f"A measurable result ({ctx.metric_hint})",
                "Who else was involved and how you brought them along",
                "What you learned and would repeat in this role",
                difficulty=ctx.difficulty,
            ),
        ))
    employers = ctx.resume.employers()
    person_a, person_b = K.PEOPLE[ctx.domain]
    for n, (competency, texts, points) in enumerate(K.GENERAL_BEHAVIOURAL):
        employer = employers[n % len(employers)] if employers else ""
        at = f" at {employer}" if employer else ""
        person = person_a if n % 2 == 0 else person_b
        text = texts[ctx.difficulty].format(at=at, at_work=at or " at work", person=person)
        why_employer = f" Set at {employer}, from your resume, so you answer with a real story." if employer else ""
        questions.append(PlannedQuestion(
            kind="behavioral",
            competency=competency,
            text=text,
            rationale=(f"{competency} comes up in most {ctx.title + ' ' if ctx.title else ''}interviews and is not yet "
                       f"covered by the posting's own responsibilities.{why_employer}"),
            strong_answer_points=_points(*points, f"A measurable result ({ctx.metric_hint})", difficulty=ctx.difficulty),
        ))
    return questions


def _probe(skill: str) -> dict:
    category = get_taxonomy().category(skill)
    key = K.TECH_CATEGORY_PROBE.get(category) or "software"
    return K.TECH_PROBES[key]


def technical_candidates(ctx: PlanContext) -> list[PlannedQuestion]:
    questions = []
    required = list(ctx.job.requirements.skills_required)
    nice = list(ctx.job.requirements.skills_nice)
    matched = {m.skill: m for m in ctx.match.matched}
    missing_required = list(ctx.match.missing_required) or [s for s in required if s not in matched]

    def proven(skill: str, *, is_required: bool, loose: bool = False) -> list[PlannedQuestion]:
        """One question per strong evidence line (the planner keeps the first whose line is still unused)."""
        lines = loose_evidence(skill, ctx) if loose else skill_evidence(skill, ctx)
        evidence = sorted(lines, key=line_strength, reverse=True)[:2]
        probe = _probe(skill)
        need = "a required" if is_required else "a nice-to-have"
        found = []
        for line in evidence:
            said = quote(line)
            rationale = (f"{skill} is {need} skill for {ctx.the_role}{' at ' + ctx.company if ctx.company else ''}, and "
                         f"your resume claims it: {said}. Going deeper checks the claim holds up in detail.")
            if loose:
                rationale = (f"The posting requires {skill}. Your resume doesn't name it, but this line comes close: {said}. "
                             f"Practise making the {skill_phrase(skill)} in it explicit.")
            found.append(PlannedQuestion(
                kind="technical",
                competency=skill,
                skill=skill,
                text=f"Your resume says: {said}. " + probe[ctx.difficulty].format(skill=skill_phrase(skill)),
                rationale=rationale,
                strong_answer_points=_points(
                    f"Name the work behind the resume line ({T.clip(line, 50)}) and your own part in it",
                    *[p.format(skill=skill) for p in probe["points"][:2]],
                    f"A number that shows it worked ({ctx.metric_hint})",
                    "What you would do differently now, and why",
                    difficulty=ctx.difficulty,
                ),
            ))
        return found

    def gap(skill: str, *, is_required: bool) -> PlannedQuestion:
        category = get_taxonomy().category(skill)
        have = ctx.resume.skill_names()
        adjacent = [name for name in K.ADJACENT_SKILLS.get(skill, ()) if name in have] + [
            s.name for s in ctx.resume.skills
            if s.name != skill and category and (s.category or get_taxonomy().category(s.name)) == category
        ]
        bridge = f" You do list {adjacent[0]} — how much of that carries over?" if adjacent and ctx.difficulty != "easy" else ""
        family = K.TECH_CATEGORY_PROBE.get(category, "")
        templates = K.GAP_QUESTIONS.get(family) or K.GAP_QUESTIONS["default"]
        text = templates[ctx.difficulty].format(skill=skill_phrase(skill), bridge=bridge)
        need = "requires" if is_required else "would like"
        return PlannedQuestion(
            kind="technical",
            competency=skill,
            skill=skill,
            text=text,
            rationale=(f"The posting {need} {skill} but the resume shows no evidence of it — interviewers probe gaps, "
                       "so practise an honest answer that shows how you would close it."),
            strong_answer_points=_points(
                f"Say plainly where your experience with {skill} stops",
                (f"Bridge from related experience: {adjacent[0]} is on your resume" if adjacent
                 else "Bridge from the closest related work you have done"),
                "A concrete plan to ramp up: " + K.GAP_PLANS[ctx.domain].format(skill=skill_phrase(skill)),
                f"Show you know what {skill} is used for in this role",
                "How you would check your work while still learning",
                difficulty=ctx.difficulty,
            ),
        )

    # Alternate proven skills (deeper) and gaps (honest answers), most important first.
    deeper = [proven(skill, is_required=True) for skill in required if skill in matched]
    gaps = [proven(skill, is_required=True, loose=True) or [gap(skill, is_required=True)] for skill in missing_required]
    for n in range(max(len(deeper), len(gaps))):
        for group in (deeper, gaps):
            if n < len(group):
                questions.extend(group[n])
    for skill in nice:
        if skill in matched:
            questions.extend(proven(skill, is_required=False))
    # Thin posting: fall back to the resume's own skills, then to the field's core technical question.
    if not required:
        for item in ctx.resume.skills[:4]:
            for question in proven(item.name, is_required=False):
                question.rationale = (f"The posting names no specific skills, so this goes deep on {item.name}, one of the "
                                      f"strongest claims on your resume: {_quoted(question.text)}.")
                questions.append(question)
    for term in ctx.job.requirements.key_terms[:3]:
        questions.append(PlannedQuestion(
            kind="technical",
            competency=term,
            text=(f"The posting keeps coming back to “{term}”. What does good work on {term} look like to you, "
                  "and how have you done it before?"),
            rationale=f"“{term}” is one of the posting's distinctive terms; expect to be asked what it means in practice.",
            strong_answer_points=_points(
                f"What {term} means in this role, in your own words",
                "An example of doing it, with your part in it",
                f"How you measure it ({ctx.metric_hint})",
                "A common mistake and how you avoid it",
                difficulty=ctx.difficulty,
            ),
        ))
    core = {
        "software": "How do you make sure code you ship works — before and after it reaches production?",
        "healthcare": "How do you make sure medication and care you give are safe, from the order to the documentation?",
        "sales": "Walk me through how you qualify a new lead and decide whether it's worth your time.",
        "finance": "How do you check your own numbers before they reach someone who will act on them?",
        "general": (f"What tools and methods do you rely on to do {ctx.title + ' ' if ctx.title else 'your '}work well, "
                    "and how did you learn them?"),
    }[ctx.domain]
    questions.append(PlannedQuestion(
        kind="technical",
        competency="Quality of work",
        text=core,
        rationale=(f"A core {ctx.domain if ctx.domain != 'general' else 'professional'} question: it shows how you work "
                   "day to day."),
        strong_answer_points=_points(
            "Your routine, step by step", "A concrete check or tool you use", "An example where it caught a problem",
            f"How you know it works ({ctx.metric_hint})", difficulty=ctx.difficulty,
        ),
    ))
    return questions


def situational_candidates(ctx: PlanContext) -> list[PlannedQuestion]:
    questions = []
    where = f" at {ctx.company}" if ctx.company else ""
    for responsibility in ctx.responsibilities[:4]:
        said = quote(responsibility)
        text = {
            "easy": f"Imagine your first month as {ctx.as_role}{where}. You're asked to do this: {said}. Where would you start?",
            "standard": (f"Imagine your first month as {ctx.as_role}{where}, and you're asked to take this on: {said}. "
                         "How would you approach it in your first two weeks?"),
            "hard": (f"Imagine your first month as {ctx.as_role}{where}: you're asked to take this on — {said} — with a tight "
                     "deadline and little documentation. How would you approach it, and what would you refuse to cut?"),
        }[ctx.difficulty]
        questions.append(PlannedQuestion(
            kind="situational",
            competency=competency_for(responsibility).name,
            text=text,
            rationale=f"Straight from the posting ({said}): shows how you would start the actual job.",
            strong_answer_points=_points(
                "Questions you would ask first, and of whom", "How you would learn the current state before changing it",
                "A first concrete deliverable and when", f"How you would know it's going well ({ctx.metric_hint})",
                "Risks you would watch for", difficulty=ctx.difficulty,
            ),
        ))
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
        questions.append(PlannedQuestion(
            kind="situational",
            competency=competency,
            text=text,
            rationale=f"A common {field_name}scenario {fit}: it tests judgement ({competency.lower()}) rather than memory.",
            strong_answer_points=_points(*points, difficulty=ctx.difficulty),
        ))
    return questions


def resume_candidates(ctx: PlanContext) -> list[PlannedQuestion]:
    questions = []
    per_employer = []
    for entry in ctx.resume.experience:
        lines = sorted((line for line in entry.lines if line.strip()), key=line_strength, reverse=True)[:3]
        if entry.company and lines:
            per_employer.append((entry, lines))
    for entry, lines in per_employer:  # most recent employer first; the planner prefers an employer not yet asked about
        for line in lines:
            questions.append(_employer_question(ctx, entry, line))
    for n, project in enumerate(ctx.resume.projects):
        name = T.clip(project, 80)
        text = ({
            "easy": f"Tell me about {name}. What was it, and what was your part?",
            "standard": f"Tell me about {name}. What problem did it solve, what was your part, and how do you know it worked?",
            "hard": (f"Tell me about {name}. What was the hardest technical or practical decision in it, what did you try "
                     "that failed, and how do you know it worked?"),
        } if n % 2 == 0 else {
            "easy": f"Your resume mentions {name}. Why did you start it, and what did you do yourself?",
            "standard": (f"Your resume mentions {name}. Why did you build it, which part was yours, and what would you "
                         "change if you started again?"),
            "hard": (f"Your resume mentions {name}. Which decision in it would you defend in front of an expert, which "
                     "one would you reverse, and why?"),
        })[ctx.difficulty]
        questions.append(PlannedQuestion(
            kind="resume",
            competency="Initiative",
            text=text,
            rationale=f"{name} is on your resume; projects you chose yourself show initiative and are easy to probe.",
            strong_answer_points=_points(
                "The problem and who it was for", "Your part, as opposed to others'",
                "One decision you made and why", "Evidence it worked (users, numbers, feedback)",
                difficulty=ctx.difficulty,
            ),
        ))
    employers = [e for e in ctx.resume.experience if e.company]
    if len(employers) >= 2 and employers[0].company != employers[1].company:
        newer, older = employers[0], employers[1]
        questions.append(PlannedQuestion(
            kind="resume",
            competency="Career story",
            text=(f"You moved from {older.company} to {newer.company}. What made you move, what did you bring with you, "
                  f"and why is {ctx.the_role}{' at ' + ctx.company if ctx.company else ''} the next step?"),
            rationale=(f"Your resume shows a move from {older.company} to {newer.company}; interviewers ask about moves to "
                       "hear your motives and judgement."),
            strong_answer_points=_points(
                "A positive reason for the move (growth, scope), not complaints",
                f"A skill you took from {older.company} to {newer.company}",
                "How this job continues that path", difficulty=ctx.difficulty,
            ),
        ))
    for education in ctx.resume.education[:1]:
        if not (education.degree or education.institution):
            continue
        what = " at ".join(part for part in (education.degree, education.institution) if part)
        questions.append(PlannedQuestion(
            kind="resume",
            competency="Learning",
            text=(f"Your resume lists {what}. Which piece of work from it is closest to what {ctx.the_role} involves, "
                  "and what did you do in it?"),
            rationale=f"Your education ({what}) is a real source of examples, especially early in a career.",
            strong_answer_points=_points(
                "One specific module, project or placement", "What you did and what you produced",
                "How it maps to this job's responsibilities", difficulty=ctx.difficulty,
            ),
        ))
    background = ctx.resume.headline or (ctx.resume.experience[0].title if ctx.resume.experience else "")
    questions.append(PlannedQuestion(
        kind="resume",
        competency="Motivation",
        text=(f"Walk me through your background{' as ' + with_article(background) if background else ''} and why {ctx.the_role}"
              f"{' at ' + ctx.company if ctx.company else ''} is your next step."),
        rationale="Almost every interview opens this way; a tight two-minute answer sets the tone.",
        strong_answer_points=_points(
            "Present: your current role and one result you're proud of", "Past: the two or three steps that led here",
            f"Future: why this job{', at ' + ctx.company if ctx.company else ''}, specifically",
            "Keep it under two minutes", difficulty=ctx.difficulty,
        ),
    ))
    return questions


def _employer_question(ctx: PlanContext, entry, line: str) -> PlannedQuestion:
    said = quote(line)
    role = f" as {entry.title}" if entry.title else ""
    text = {
        "easy": f"At {entry.company} you worked{role}. Your resume says: {said}. Can you tell me more about that?",
        "standard": (f"At {entry.company} you worked{role}. Your resume says: {said}. What was the hardest part of that, "
                     "and what exactly did you do yourself?"),
        "hard": (f"At {entry.company} you worked{role}. Your resume says: {said}. What would have happened if you hadn't "
                 "done it, what did it cost, and what would you do differently now?"),
    }[ctx.difficulty]
    dates = f", {entry.dates}" if entry.dates else ""
    return PlannedQuestion(
        kind="resume",
        competency="Track record",
        text=text,
        rationale=(f"Your own work at {entry.company}{role}{dates}: interviewers pick the strongest lines on a resume "
                   f"and ask for the story behind them — {said}."),
        strong_answer_points=_points(
            f"Set the scene at {entry.company}: team, scale, what was at stake",
            "What you personally did, step by step",
            "The result behind the line — the number and how it was measured",
            "What you learned, and how it applies to this job",
            difficulty=ctx.difficulty,
        ),
    )


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


def _quoted_lines(text: str) -> list[str]:
    return re.findall(r"“([^”]+)”", text)


def _topic(question: PlannedQuestion) -> str:
    """What makes two questions of one kind feel the same: the employer for resume questions, else the competency."""
    if question.kind == "resume":
        match = re.match(r"At (.+?) you worked", question.text)
        return f"resume:{match.group(1) if match else question.text}"
    quoted = _quoted_lines(question.text)
    return f"{question.kind}:{question.skill or (quoted[0] if quoted else question.competency)}"


def _quoted(text: str) -> str:
    lines = _quoted_lines(text)
    return f"“{lines[0]}”" if lines else ""


def plan_questions(*, resume: ParsedResume, job: JobInput, match: MatchReport, options: PlanOptions) -> QuestionPlan:
    ctx = _context(resume, job, match, options)
    shares = allocate(options.count, options.mix)
    active = [kind for kind in QUESTION_KINDS if shares[kind] > 0 or options.mix.get(kind, 0) > 0]
    if not any(options.mix.get(kind, 0) > 0 for kind in QUESTION_KINDS):
        active = list(QUESTION_KINDS)
    pools = {kind: CANDIDATES[kind](ctx) for kind in active}
    chosen: list[PlannedQuestion] = []
    by_kind: dict[str, list[PlannedQuestion]] = {kind: [] for kind in active}
    used_skills: list[str] = []
    used_lines: list[str] = []

    used_topics: list[str] = []

    def acceptable(question: PlannedQuestion) -> bool:
        if question.skill and question.skill in used_skills:
            return False
        if any(line in used_lines for line in _quoted_lines(question.text)):
            return False
        return not is_near_duplicate(question, chosen)

    def take(kind: str) -> bool:
        """Choose the next acceptable candidate, preferring a topic (employer, competency) not yet covered."""
        pool = pools[kind]
        pool[:] = [q for q in pool if acceptable(q)]
        if not pool:
            return False
        fresh = [q for q in pool if _topic(q) not in used_topics]
        question = (fresh or pool)[0]
        pool.remove(question)
        chosen.append(question)
        by_kind[kind].append(question)
        if question.skill:
            used_skills.append(question.skill)
        used_lines.extend(_quoted_lines(question.text))
        used_topics.append(_topic(question))
        return True

    # Fill each kind's share in a fixed order, then hand unfilled places to the heaviest kinds.
    missing = 0
    for kind in active:
        for _ in range(shares.get(kind, 0)):
            if not take(kind):
                missing += 1
    weights = {kind: options.mix.get(kind, 0) or (1 if kind in active else 0) for kind in active}
    by_weight = sorted(active, key=lambda k: (-weights[k], QUESTION_KINDS.index(k)))
    while missing:
        progressed = False
        for kind in by_weight:
            if missing and take(kind):
                missing -= 1
                progressed = True
        if not progressed:
            break
    # Last resort for very thin inputs: the count is a promise, so borrow from kinds weighted 0.
    for kind in QUESTION_KINDS:
        if not missing:
            break
        if kind not in pools:
            pools[kind] = CANDIDATES[kind](ctx)
            by_kind[kind] = []
        while missing and take(kind):
            missing -= 1
    return QuestionPlan(questions=_interview_order(by_kind), engine="offline")


def _interview_order(by_kind: dict[str, list[PlannedQuestion]]) -> list[PlannedQuestion]:
    """Open with a resume question, then alternate kinds so the interview does not feel like a form."""
    queues = {kind: list(items) for kind, items in by_kind.items()}
    ordered: list[PlannedQuestion] = []
    if queues.get("resume"):
        ordered.append(queues["resume"].pop(0))
    rotation = [kind for kind in ("behavioral", "technical", "resume", "situational") if queues.get(kind)]
    while any(queues[kind] for kind in rotation):
        for kind in rotation:
            if queues[kind]:
                ordered.append(queues[kind].pop(0))
    return ordered
