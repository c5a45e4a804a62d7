"""The offline cheatsheet, in the candidate's own terms: an opener, strengths, honest gaps, STAR stories,
more likely questions, and questions to ask.

Everything is read from the interview's one `InterviewFacts` (the same object the plan used): the field,
the latest real role and employer, the achievements and whether each may be quoted, the proven skills
and the gaps with how clear each is. Nothing here detects a field, checks a name or reads skills again.
The opener is said aloud, so the candidate's best result is said in their own words, in the first
person, only when the bullet opens with a past-tense verb; every line passes the one fluency check or
is left out. A gap is called a gap only when nothing on the resume comes near it; otherwise the advice
is to make the link plain.
"""

from interviews.coach import fields as F
from interviews.coach import knowledge
from interviews.coach import phrasing as P
from interviews.coach import text as T
from interviews.coach.facts import STORY_CATEGORIES, Achievement, Gap, InterviewFacts
from interviews.coach.planning import PlanContext, adjacent_skill, context_for, more_questions
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
# Categories of tools and technologies, which a person "uses"; other skills are practices, which they do.
TOOL_CATEGORIES = frozenset({"language", "database", "cloud", "devops", "frontend", "backend", "testing", "mobile", "data",
                             "ml", "tools", "office", "security", "systems", "design", "accounting", "marketing"})


def _fluent(facts: InterviewFacts, *versions: str, kind: str = "sentence") -> str:
    return facts.first_fluent(*(T.tidy(v) for v in versions if v), kind=kind)


# --- The opener ------------------------------------------------------------------------------------------------

def _who(facts: InterviewFacts) -> list[str]:
    """Versions of "I'm a Senior Backend Engineer at Stripe, with 10 years of experience", best first."""
    latest = facts.latest
    with_years = f", with {facts.years} year{'s' if facts.years != 1 else ''} of experience" if facts.years else ""
    versions = []
    if latest and latest.title:
        lead = "I'm" if latest.current else "Most recently I was"
        versions += [f"{lead} {P.with_article(latest.title)}{latest.at}{with_years}.", f"{lead} {P.with_article(latest.title)}."]
    if latest and latest.employer:
        versions.append(f"I've been working at {latest.employer}{with_years}.")
    if facts.headline:
        versions.append(f"I'm {P.with_article(facts.headline)}{with_years}.")
    for study in facts.studies[:1]:
        if study.degree:
            at = f" at {study.school}" if study.school else ""
            versions.append(f"I studied for {P.with_article(study.degree)}{at}.")
        elif study.school:
            versions.append(f"I studied at {study.school}.")
    if facts.job_title:
        versions.append(f"I'm looking for my next step as {P.with_article(facts.job_title)}.")
    versions.append("I'm looking for my next step, and this job is the one I want.")
    return versions


def write_pitch(ctx: PlanContext, strengths: list[EvidencedStrength]) -> str:
    facts = ctx.facts
    sentences = [_fluent(facts, *_who(facts))]
    best = next((a for a in facts.strongest(3) if a.first_person), None) or next(
        (a for a in facts.achievements if a.first_person), None)
    if best is not None:
        latest = facts.latest
        same_place = latest is not None and best.role is latest and latest.employer
        where = "there" if same_place else (f"at {best.role.employer}" if best.role and best.role.employer else "")
        names = [P.skill_phrase(s.skill) for s in strengths[:3] if get_taxonomy().category(s.skill) not in STORY_CATEGORIES]
        said = best.first_person
        example = f"{where}, for example, {said}" if where else f"for example, {said}"
        place = f"At {best.role.employer}, " if best.role and best.role.employer else ""
        sentences.append(_fluent(
            facts, f"What fits {ctx.the_role} best is my {T.join_names(names)} — {example}." if names else "",
            f"One result I'm proud of: {place}{said}." if place else f"One result I'm proud of: {said}.",
        ))
    company = f" at {facts.company}" if facts.company else ""
    sentences.append(_fluent(facts, f"That's why {ctx.the_role}{company} is the step I want next."))
    return " ".join(s for s in sentences if s)


# --- Strengths and gaps ---------------------------------------------------------------------------------------

def _talking_point(skill: str, evidence: list[Achievement]) -> str:
    phrase = P.skill_phrase(skill)
    if not evidence:
        return (f"Your resume only lists {phrase}: prepare one example of using it — when, what you did, and what "
                "happened.")
    measured = next((a for a in evidence if a.measured), None)
    if measured is not None:
        return f"Lead with the result ({measured.figure}) and say what you did yourself to get it."
    return f"Turn this into a short story: what you did with {phrase}, and what changed because of it."


def _evidence(facts: InterviewFacts, skill: str) -> list[Achievement]:
    """Experience bullets that show `skill` (strongest first) — never the summary, a heading or the skills list."""
    return [a for a in facts.achievements if skill in a.skills and T.word_count(a.line) <= MAX_SEED_WORDS]


def build_strengths(ctx: PlanContext) -> list[EvidencedStrength]:
    facts = ctx.facts
    nice = [s for s in facts.nice if s in facts.shown]
    shown = [skill for skill in facts.required if skill in facts.proven or skill in facts.shown] + nice
    # A credential is held, not used: "my teaching certification — there, for example, I raised…" says nothing.
    shown = [skill for skill in shown if not F.is_credential(skill)]
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
        point = _fluent(facts, _talking_point(skill, evidence), _talking_point(skill, []) if not evidence else
                        f"Turn this into a short story: what you did with {P.skill_phrase(skill)}, and what changed.")
        strengths.append(EvidencedStrength(skill=skill, evidence=[a.line for a in evidence], talking_point=point))
    return strengths


def build_gaps(ctx: PlanContext) -> list[GapAdvice]:
    facts = ctx.facts
    gaps: list[GapAdvice] = []
    for gap in facts.gaps[:MAX_GAPS]:
        gaps.append(GapAdvice(skill=gap.skill, advice=_gap_advice(ctx, gap, required=True)))
    for gap in facts.story_gaps:
        if len(gaps) < MAX_GAPS:
            gaps.append(GapAdvice(skill=gap.skill, advice=_story_advice(facts, gap)))
    for gap in facts.nice_gaps:
        if len(gaps) < MAX_GAPS and get_taxonomy().category(gap.skill) not in STORY_CATEGORIES:
            gaps.append(GapAdvice(skill=gap.skill, advice=_gap_advice(ctx, gap, required=False)))
    return [g for g in gaps if g.advice]


def _near(facts: InterviewFacts, gap: Gap) -> str:
    """What on the resume comes near a gap, as it can be said: the candidate's own line quoted whole, or the name."""
    if P.quotable(gap.near, facts.sources):
        return P.quote(gap.near)
    return gap.near if P.is_name_like(gap.near, max_words=4) else ""


def _gap_advice(ctx: PlanContext, gap: Gap, *, required: bool) -> str:
    facts = ctx.facts
    phrase = P.skill_phrase(gap.skill)
    plan = "Finish with a plan: " + ctx.field.gap_plan.format(skill=phrase) + "."
    nice = " It's a nice-to-have, so a short, honest answer is enough." if not required else ""
    if F.is_credential(gap.skill):
        return _fluent(facts, f"The posting asks for {phrase}. Say plainly where you stand with it — held, in progress "
                              f"or planned — and when you could have it.{nice}", kind="paragraph")
    if not gap.clear:
        near = _near(facts, gap)
        versions = [f"The posting asks for {phrase}, and your resume comes close ({near}) without naming it. Make the link "
                    f"plain with one example: when, what you did, and what happened.{nice}" if near else "",
                    f"The posting asks for {phrase}. Make sure you can give one example of it: when, what you did, and "
                    f"what happened.{nice}"]
        return _fluent(facts, *versions, kind="paragraph")
    if get_taxonomy().category(gap.skill) in TOOL_CATEGORIES:
        parts = [f"Say plainly that you haven't used {phrase} in a job yet — don't stretch a course or a mention into "
                 "experience."]
    else:  # a practice, not a tool: nobody "uses" teaching or product strategy
        parts = [f"Your resume doesn't mention {phrase}: say plainly where your experience of it stops — don't stretch "
                 "a course or a mention into experience."]
    adjacent = adjacent_skill(ctx, gap.skill)
    if adjacent:
        story = next((a for a in facts.achievements if adjacent in a.skills and a.quotable), None)
        shown = f" (you wrote: {story.quoted})" if story and T.word_count(story.line) <= 20 else ""
        bridge = [f"Then bridge from {P.skill_phrase(adjacent)}, which is close{shown}.",
                  f"Then bridge from {P.skill_phrase(adjacent)}, which is close."]
    else:
        bridge = ["Then bridge from the closest thing you have done, and what it taught you."]
    return _fluent(facts, *(" ".join([parts[0], b, plan]) + nice for b in bridge), kind="paragraph")


def _story_advice(facts: InterviewFacts, gap: Gap) -> str:
    phrase = P.skill_phrase(gap.skill)
    story = next((c.story for c in knowledge.COMPETENCIES if c.name.lower() == gap.skill.lower()), f"showed your {phrase}")
    tail = f"Prepare one real story of a time you {story}: who was involved, what you did, and how it turned out."
    lead = (f"Your resume doesn't show {phrase} yet, and the job asks for it." if gap.clear
            else f"The job asks for {phrase}, and your resume could show it more plainly.")
    return _fluent(facts, f"{lead} {tail}", kind="paragraph")


# --- STAR stories, more questions, questions to ask ------------------------------------------------------------

def build_star_prompts(ctx: PlanContext, questions: list[PlannedQuestion]) -> list[StarPrompt]:
    facts = ctx.facts
    wanted: list[tuple[str, str]] = []  # (competency, what it is about)
    for question in questions:
        if question.kind in ("behavioral", "situational") and question.competency:
            wanted.append((question.competency, question.text))
    for duty in facts.duties:
        wanted.append((duty.competency.name, duty.text))
    for name in ("Ownership", "Handling conflict", "Learning from failure"):
        wanted.append((name, name))
    stories = {c.name: c.story for c in knowledge.COMPETENCIES
               if not c.fields or ctx.field.id in c.fields}
    defaults = {
        "Handling conflict": "disagreed with someone and still got to a good outcome",
        "Learning from failure": "made a mistake, put it right and changed how you work",
        "Collaboration": "got something done with people who did not report to you",
        "Adaptability": "changed course late and still delivered",
        "Problem solving": "worked out a problem nobody had solved",
    }
    seeds = [a for a in facts.achievements if a.quotable and T.word_count(a.line) <= MAX_SEED_WORDS]
    used: list[str] = []
    prompts: list[StarPrompt] = []
    for competency, about in wanted:
        if competency in [p.competency for p in prompts] or len(prompts) >= MAX_STAR:
            continue
        story = stories.get(competency) or defaults.get(competency) or f"showed {competency.lower()}"
        prompt = _fluent(facts, f"Prepare a story about a time you {story}. Situation: where and when, in a sentence. "
                                "Task: what was yours to do. Action: two or three things you did yourself. Result: the "
                                f"number that changed ({ctx.metric_hint}).", kind="paragraph")
        if not prompt:
            continue
        seed = _best_seed(about + " " + competency, seeds, used)
        if seed:
            used.append(seed)
        prompts.append(StarPrompt(competency=competency, prompt=prompt, suggested_story=seed))
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
    facts = ctx.facts
    asks: list[str] = []
    duties = [d for d in facts.duties if d.quotable and T.word_count(d.text) <= 16]
    if duties:
        asks.append(f"The posting says {duties[0].quoted} What would good look like there after my first 90 days?")
    asks.append("If I joined, what would good look like after my first 90 days?")
    if len(duties) > 1:
        asks.append(f"Who would I work with most closely on this: {duties[1].quoted} How is that work going today?")
    else:
        asks.append("Which of the duties in the posting matters most in the first months, and how is that work going "
                    "today?")
    proven = [s for s in facts.required if s in facts.proven and get_taxonomy().category(s) not in STORY_CATEGORIES
              and not F.is_credential(s)]  # "how does the team use teaching certification" is no question
    if proven:
        asks.append(f"How does the team use {P.skill_phrase(proven[0])} today, and what would you most like to change "
                    "about it?")
    clear = [gap for gap in facts.gaps if gap.clear and not F.is_credential(gap.skill)]
    if clear:
        asks.append(f"How is {P.skill_phrase(clear[0].skill)} used day to day in this role, and how do new people "
                    "usually get up to speed with it?")
    if ctx.level == "senior":
        asks.append("Which decisions would this role own that nobody clearly owns today?")
    elif ctx.level == "entry":
        asks.append("How do new starters get feedback in their first months, and who would I learn from?")
    where = f"at {facts.company}" if facts.company else "in this team"
    who = P.with_article(facts.job_title) if facts.job_title else "someone in this role"
    asks += [
        f"What does a typical week look like for {who} {where}?",
        f"What is the biggest challenge facing the team {where} this year?",
    ]
    fluent = [text for text in (_fluent(facts, ask) for ask in asks) if text]
    return list(dict.fromkeys(fluent))[:MAX_TO_ASK]


def write_cheatsheet(
    *, resume: ParsedResume, job: JobInput, match: MatchReport, questions: list[PlannedQuestion]
) -> CheatsheetContent:
    ctx = context_for(resume, job, match, PlanOptions())
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
