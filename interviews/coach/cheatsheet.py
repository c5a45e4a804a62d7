"""The offline cheatsheet, in the candidate's own terms: an opener, strengths, honest gaps, STAR stories,
more likely questions, and questions to ask.

Everything is built from `facts` (what the coach may say about this candidate): the opener names the
latest real role and employer and the candidate's best result in the first person; strengths are
proven by experience bullets (a skill the resume only lists says so); gaps are real gaps (React shows
HTML and CSS, Kafka event-driven work); "also likely" questions are new ones, never the planned ones;
and nothing is quoted longer than a short phrase or cut off mid-sentence.
"""

from interviews.coach import knowledge as K
from interviews.coach import phrasing as P
from interviews.coach import text as T
from interviews.coach.facts import STORY_CATEGORIES, Achievement, CandidateFacts
from interviews.coach.planning import (
    PlanContext,
    _adjacent,
    _context,
    competency_for,
    more_questions,
    skill_phrase,
    with_article,
)
from interviews.coach.schemas import (
    CheatsheetContent,
    EvidencedStrength,
    GapAdvice,
    JobInput,
    PlannedQuestion,
    PlanOptions,
    StarPrompt,
)
from resumes.reading.schemas import MatchReport, ParsedResume
from resumes.reading.taxonomy import get_taxonomy

MAX_STRENGTHS = 6
MAX_GAPS = 5
MAX_STAR = 5
MAX_TO_ASK = 5
MAX_LIKELY = 5
MAX_SEED_WORDS = 30


# --- The opener ------------------------------------------------------------------------------------------------

def _years(resume: ParsedResume) -> str:
    years = resume.years_experience
    if not years or not 1 <= years <= 45:
        return ""
    whole = int(round(years))
    return f"{whole} year{'s' if whole != 1 else ''}"


def _who(ctx: PlanContext) -> str:
    """"I'm a Senior Backend Engineer at Stripe, with 10 years of experience" — from what really reads as a role."""
    latest, resume = ctx.facts.latest, ctx.resume
    years = _years(resume)
    with_years = f" with {years} of experience" if years else ""
    if latest and latest.title:
        at = f" at {latest.employer}" if latest.employer else ""
        if latest.current or latest.rank == 0 and not _ended(resume):
            return f"I'm {with_article(latest.title)}{at}{with_years}"
        return f"Most recently I was {with_article(latest.title)}{at}{with_years}"
    if latest and latest.employer:
        return f"I've been working at {latest.employer}{with_years}"
    if P.is_name_like(resume.headline, candidate_name=resume.contact.name, max_words=6):
        return f"I'm {with_article(resume.headline)}{with_years}"
    for education in resume.education[:1]:
        what = " at ".join(p for p in (education.degree, education.institution) if P.is_name_like(p, max_words=10))
        if what:
            return f"I recently completed {what}"
    return "I'm someone who likes to get practical things done"


def _ended(resume: ParsedResume) -> bool:
    entry = resume.experience[0] if resume.experience else None
    return bool(entry and entry.end and not entry.current)


def _first_person(achievement: Achievement) -> str:
    said = P.paraphrase(achievement.line, person="first")
    return said.said if said else ""


def write_pitch(ctx: PlanContext, strengths: list[EvidencedStrength]) -> str:
    facts = ctx.facts
    sentences = [_who(ctx) + "."]
    best = next((a for a in facts.strongest(3) if _first_person(a)), None) or next(
        (a for a in facts.achievements if _first_person(a)), None)
    if best is not None:
        latest = facts.latest
        same_place = latest is not None and best.role is latest and latest.employer
        where = "there" if same_place else (f"at {best.role.employer}" if best.role and best.role.employer else "")
        names = [skill_phrase(s.skill) for s in strengths[:3] if get_taxonomy().category(s.skill) not in STORY_CATEGORIES]
        if names:
            example = f"{where}, for example, I {_first_person(best)}" if where else f"for example, I {_first_person(best)}"
            sentences.append(f"What fits {ctx.the_role} best is my {T.join_names(names)} — {example}.")
        else:
            place = f"at {best.role.employer} " if best.role and best.role.employer else ""
            sentences.append(f"One result I'm proud of: {place}I {_first_person(best)}.")
    if ctx.responsibilities and P.duty(ctx.responsibilities[0]):
        at = f" to {ctx.company}" if ctx.company else " here"
        sentences.append(f"I'd like to bring that{at}, where the job is to {P.duty(ctx.responsibilities[0])}.")
    elif ctx.title:
        sentences.append(f"That's why {ctx.the_role}{' at ' + ctx.company if ctx.company else ''} is the step I want next.")
    return " ".join(sentences[:3])


# --- Strengths and gaps ---------------------------------------------------------------------------------------

def _talking_point(skill: str, evidence: list[Achievement]) -> str:
    phrase = skill_phrase(skill)
    if not evidence:
        return (f"Your resume only lists {phrase}: prepare one example of using it — when, what you did, and what "
                "happened.")
    measured = next((a for a in evidence if a.measured), None)
    if measured is not None:
        return f"Lead with the result ({measured.figure}) and say what you did yourself to get it."
    return f"Turn this into a short story: what you did with {phrase}, and what changed because of it."


def build_strengths(ctx: PlanContext) -> list[EvidencedStrength]:
    facts: CandidateFacts = ctx.facts
    wanted = list(ctx.job.requirements.skills_required) + list(ctx.job.requirements.skills_nice)
    shown = [skill for skill in wanted if skill in facts.proven or skill in facts.shown]
    # Skills a bullet names outright first (the best evidence), then skills a bullet implies (React → HTML),
    # then skills the resume only lists.
    named = [s for s in shown if any(s in a.named for a in _evidence(facts, s))]
    implied = [s for s in shown if s not in named and _evidence(facts, s)]
    listed = [s for s in shown if s not in named and s not in implied]
    strengths: list[EvidencedStrength] = []
    used: list[str] = []
    for skill in (named + implied + listed)[:MAX_STRENGTHS]:
        candidates = _evidence(facts, skill)
        # A line already shown for another strength goes last: each strength should bring its own proof.
        evidence = ([a for a in candidates if a.line not in used] + [a for a in candidates if a.line in used])[:2]
        used.extend(a.line for a in evidence)
        strengths.append(EvidencedStrength(skill=skill, evidence=[a.line for a in evidence],
                                           talking_point=_talking_point(skill, evidence)))
    return strengths


def _evidence(facts: CandidateFacts, skill: str) -> list[Achievement]:
    """Experience bullets that show `skill` (strongest first) — never the summary, a heading or the skills list."""
    return [a for a in facts.achievements if skill in a.skills and T.word_count(a.line) <= MAX_SEED_WORDS]


def build_gaps(ctx: PlanContext) -> list[GapAdvice]:
    facts = ctx.facts
    gaps: list[GapAdvice] = []
    for skill in facts.gaps[:MAX_GAPS]:
        gaps.append(GapAdvice(skill=skill, advice=_gap_advice(ctx, skill, required=True)))
    for skill in facts.story_gaps:
        if len(gaps) < MAX_GAPS:
            gaps.append(GapAdvice(skill=skill, advice=_story_advice(skill)))
    for skill in facts.nice_gaps:
        if len(gaps) < MAX_GAPS and get_taxonomy().category(skill) not in STORY_CATEGORIES:
            gaps.append(GapAdvice(skill=skill, advice=_gap_advice(ctx, skill, required=False)))
    return gaps


def _gap_advice(ctx: PlanContext, skill: str, *, required: bool) -> str:
    phrase = skill_phrase(skill)
    parts = [f"Say plainly that you haven't used {phrase} in a job yet — don't stretch a course or a mention into "
             "experience."]
    adjacent = _adjacent(ctx, skill)
    if adjacent:
        story = next((a for a in ctx.facts.achievements if adjacent in a.skills and a.said), None)
        shown = f" ({story.sentence()[:-1]})" if story else ""
        parts.append(f"Then bridge from {skill_phrase(adjacent)}, which is close{shown}.")
    else:
        parts.append("Then bridge from the closest thing you have done, and what it taught you.")
    parts.append("Finish with a plan: " + K.GAP_PLANS[ctx.domain].format(skill=phrase) + ".")
    if not required:
        parts.append("It's a nice-to-have, so a short, honest answer is enough.")
    return " ".join(parts)


def _story_advice(skill: str) -> str:
    phrase = skill_phrase(skill)
    story = next((c.story for c in K.COMPETENCIES if c.name.lower() == skill.lower()), f"showed your {phrase}")
    return (f"Your resume doesn't show {phrase} yet, and the job asks for it. Prepare one real story of a time you "
            f"{story}: who was involved, what you did, and how it turned out.")


# --- STAR stories, more questions, questions to ask ------------------------------------------------------------

def build_star_prompts(ctx: PlanContext, questions: list[PlannedQuestion]) -> list[StarPrompt]:
    wanted: list[tuple[str, str]] = []  # (competency, what it is about)
    for question in questions:
        if question.kind in ("behavioral", "situational") and question.competency:
            wanted.append((question.competency, question.text))
    for responsibility in ctx.responsibilities:
        wanted.append((competency_for(responsibility).name, responsibility))
    for name in ("Ownership", "Handling conflict", "Learning from failure"):
        wanted.append((name, name))
    stories = {c.name: c.story for c in K.COMPETENCIES}
    defaults = {
        "Handling conflict": "disagreed with someone and still got to a good outcome",
        "Learning from failure": "made a mistake, put it right and changed how you work",
        "Collaboration": "got something done with people who did not report to you",
        "Adaptability": "changed course late and still delivered",
        "Problem solving": "worked out a problem nobody had solved",
    }
    seeds = [a for a in ctx.facts.achievements if T.word_count(a.line) <= MAX_SEED_WORDS]
    used: list[str] = []
    prompts: list[StarPrompt] = []
    for competency, about in wanted:
        if competency in [p.competency for p in prompts] or len(prompts) >= MAX_STAR:
            continue
        story = stories.get(competency) or defaults.get(competency) or f"showed {competency.lower()}"
        seed = _best_seed(about + " " + competency, seeds, used)
        if seed:
            used.append(seed)
        prompts.append(StarPrompt(
            competency=competency,
            prompt=(f"Prepare a story about a time you {story}. Situation: where and when, in a sentence. Task: what was "
                    f"yours to do. Action: two or three things you did yourself. Result: the number that changed "
                    f"({K.METRIC_HINTS[ctx.domain]})."),
            suggested_story=seed,
        ))
    return prompts


def _best_seed(about: str, seeds: list[Achievement], used: list[str]) -> str:
    wanted = set(T.content_terms(about))
    best, best_key = "", (-1, -1)
    for n, achievement in enumerate(seeds):
        if achievement.line in used:
            continue
        key = (len(wanted & set(T.content_terms(achievement.line))), -n)
        if key > best_key:
            best, best_key = achievement.line, key
    return best


def build_questions_to_ask(ctx: PlanContext) -> list[str]:
    asks: list[str] = []
    duties = [P.duty_gerund(r) for r in ctx.responsibilities if P.duty_gerund(r)]
    if duties:
        asks.append(f"If I joined, what would good look like after 90 days for {duties[0]}?")
    if len(duties) > 1:
        asks.append(f"Who would I work with most closely on {duties[1]}, and how is that going today?")
    proven = [s for s in ctx.job.requirements.skills_required if s in ctx.facts.proven
              and get_taxonomy().category(s) not in STORY_CATEGORIES]
    if proven:
        asks.append(f"How does the team use {skill_phrase(proven[0])} today, and what would you most like to change about it?")
    if ctx.facts.gaps:
        gap = skill_phrase(ctx.facts.gaps[0])
        asks.append(f"How is {gap} used day to day in this role, and how do new people usually get up to speed with it?")
    if ctx.level == "senior":
        asks.append("Which decisions would this role own that nobody clearly owns today?")
    elif ctx.level == "entry":
        asks.append(f"How do new {ctx.title or 'starters'} get feedback in their first months, and who would I learn from?")
    required = ctx.job.requirements.skills_required
    if len(asks) < 3 and required:
        asks.append(f"Of {T.join_names([skill_phrase(s) for s in required[:3]])}, which matters most in the first six months?")
    where = f"at {ctx.company}" if ctx.company else "in this team"
    fallbacks = [
        f"What does a typical week look like for {with_article(ctx.title) if ctx.title else 'someone in this role'} {where}?",
        f"What is the biggest challenge facing the team {where} this year?",
        f"What did the last person in {ctx.the_role} do that you'd most like to see continued?",
    ]
    for item in fallbacks:
        if len(asks) >= 3:
            break
        asks.append(item)
    return asks[:MAX_TO_ASK]


def write_cheatsheet(
    *, resume: ParsedResume, job: JobInput, match: MatchReport, questions: list[PlannedQuestion]
) -> CheatsheetContent:
    ctx = _context(resume, job, match, PlanOptions())
    strengths = build_strengths(ctx)
    return CheatsheetContent(
        pitch=write_pitch(ctx, strengths),
        strengths=strengths,
        gaps=build_gaps(ctx),
        star_prompts=build_star_prompts(ctx, questions),
        likely_questions=[q.text for q in more_questions(ctx, questions, count=MAX_LIKELY)],
        questions_to_ask=build_questions_to_ask(ctx),
        engine="offline",
    )
