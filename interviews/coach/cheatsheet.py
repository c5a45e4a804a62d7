"""The offline cheatsheet: a pitch, evidenced strengths, honest gap advice, STAR prompts, questions to ask.

Every strength quotes resume lines exactly as written (so a candidate can check them), gaps say how to
answer honestly rather than how to hide them, and the questions to ask the interviewer come from the
job's own responsibilities, skills and terms.
"""

from interviews.coach import knowledge as K
from interviews.coach import text as T
from interviews.coach.planning import (
    PlanContext,
    competency_for,
    detect_domain,
    job_level,
    job_responsibilities,
    line_strength,
    loose_evidence,
    resume_lines,
    skill_evidence,
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
from resumes.schemas import MatchReport, ParsedResume
from resumes.taxonomy import get_taxonomy

MAX_STRENGTHS = 6
MAX_GAPS = 5
MAX_STAR = 5
MAX_TO_ASK = 5


def _ctx(resume: ParsedResume, job: JobInput, match: MatchReport) -> PlanContext:
    return PlanContext(
        resume=resume, job=job, match=match, options=PlanOptions(),
        domain=detect_domain(job, resume), level=job_level(job),
        title=(job.title or job.requirements.title).strip(), company=(job.company or job.requirements.company).strip(),
        responsibilities=job_responsibilities(job),
    )


def _years(resume: ParsedResume) -> str:
    years = resume.years_experience
    if not years or years < 1:
        return ""
    whole = int(round(years))
    return f"{whole} year{'s' if whole != 1 else ''}"


def write_pitch(ctx: PlanContext, strengths: list[EvidencedStrength]) -> str:
    resume = ctx.resume
    latest = resume.experience[0] if resume.experience else None
    who = resume.headline or (latest.title if latest and latest.title else "")
    years = _years(resume)
    if who:
        first = f"I'm {with_article(who)}"
    elif resume.education:
        edu = resume.education[0]
        first = f"I recently completed {' at '.join(p for p in (edu.degree, edu.institution) if p)}"
    else:
        first = "I'm someone who likes to get practical things done"
    if years:
        first += f" with {years} of experience"
    if latest and latest.company:
        same = latest.title and who and latest.title.lower() in who.lower()
        role = f"{latest.title} at {latest.company}" if latest.title and not same else f"at {latest.company}"
        first += f", {'currently' if latest.current or 'present' in latest.dates.lower() else 'most recently'} {role}"
    sentences = [first + "."]
    if strengths:
        names = T.join_names([skill_phrase(s.skill) for s in strengths[:3]])
        example = next((line for s in strengths for line in s.evidence if T.quantities(line)), strengths[0].evidence[0]
                       if strengths[0].evidence else "")
        fit = f"What fits {ctx.the_role} best is my {names}"
        sentences.append(_example_sentence(fit + " — for example, ", example) if example else fit + ".")
    else:
        lines = sorted((line for line, _, _ in resume_lines(resume)), key=line_strength, reverse=True)
        if lines:
            sentences.append(_example_sentence("Most recently, ", lines[0]))
    if ctx.responsibilities:
        where = f" at {ctx.company}" if ctx.company else ""
        duty = T.lower_first(T.clip(ctx.responsibilities[0], 110))
        sentences.append(f"I'd like to put that to work{where}, where the role is to “{duty}”.")
    elif ctx.title:
        sentences.append(f"That's why {ctx.the_role}{' at ' + ctx.company if ctx.company else ''} is the step I want next.")
    return " ".join(sentences[:3])


_LEADING_VERBS = T.wordset(
    "own lead manage build run design support deliver administer train make sell write develop care provide "
    "coordinate maintain oversee handle prepare process teach mentor plan analyse analyze "
    "built led ran wrote made cut grew won sold taught brought drove took kept set spoke found began oversaw"
)


def _as_first_person(line: str) -> str:
    """A resume bullet ("Led the migration …") as the rest of a spoken sentence ("led the migration …").

    Returns "" when the bullet does not start with a verb ("Thesis: …"), so the caller can quote it instead.
    """
    line = T.clip(line, 140).rstrip(".")
    first = (line.split() or [""])[0].lower().strip(",:;")
    if not (first.endswith("ed") or first in _LEADING_VERBS):
        return ""
    return T.lower_first(line)


def _example_sentence(prefix: str, line: str) -> str:
    spoken = _as_first_person(line)
    if spoken:
        return f"{prefix}I {spoken}."
    return f"{prefix}“{T.clip(line, 140).rstrip('.')}”."


def _talking_point(skill: str, evidence: list[str]) -> str:
    if evidence and all(_is_list_line(line) or len(line.split()) <= 3 for line in evidence):
        return (f"Your resume only lists {skill_phrase(skill)}: prepare one example of using it — when, what you did, "
                "and what happened.")
    numbered = next((line for line in evidence if T.quantities(line)), "")
    if numbered:
        figures = T.join_names(T.measured_quantities(numbered)[:2])
        return f"Lead with the result ({figures}) and say what you did yourself to get it."
    if evidence:
        return f"Turn this line into a short story: what you did with {skill_phrase(skill)}, and what changed because of it."
    return f"Prepare one concrete example of {skill_phrase(skill)} with a result you can name."


def build_strengths(ctx: PlanContext) -> list[EvidencedStrength]:
    strengths = []
    ordered = [m for m in ctx.match.matched if m.required] + [m for m in ctx.match.matched if not m.required]
    resume_text = ctx.resume.text
    for item in ordered[:MAX_STRENGTHS]:
        lines = item.evidence or skill_evidence(item.skill, ctx)
        # Only lines that really are on the resume (the match report could be stale or hand-made).
        lines = [line for line in lines if not resume_text or T.normalise_space(line) in T.normalise_space(resume_text)]
        lines = sorted(dict.fromkeys(lines), key=line_strength, reverse=True)
        # A bare list of skill names proves little; keep it only when it is all there is.
        lines = ([line for line in lines if not _is_list_line(line)] or lines)[:3]
        strengths.append(EvidencedStrength(skill=item.skill, evidence=lines, talking_point=_talking_point(item.skill, lines)))
    return strengths


def _is_list_line(line: str) -> bool:
    """A bare list of names ("BLS, ACLS" / "Python, Django, PostgreSQL, …"), not a sentence about doing something."""
    parts = [p.strip() for p in line.split(",")]
    return len(parts) >= 2 and all(0 < len(p.split()) <= 3 for p in parts)


def build_gaps(ctx: PlanContext) -> list[GapAdvice]:
    gaps = []
    have = ctx.resume.skill_names()
    taxonomy = get_taxonomy()
    for skill, required in [(s, True) for s in ctx.match.missing_required] + [(s, False) for s in ctx.match.missing_nice]:
        if len(gaps) >= MAX_GAPS:
            break
        category = taxonomy.category(skill)
        adjacent = [name for name in K.ADJACENT_SKILLS.get(skill, ()) if name in have] + [
            s.name for s in ctx.resume.skills
            if s.name != skill and category and (s.category or taxonomy.category(s.name)) == category
        ]
        phrase = skill_phrase(skill)
        close = loose_evidence(skill, ctx)
        if close:
            gaps.append(GapAdvice(skill=skill, advice=(
                f"Your resume doesn't name {phrase}, but this line comes close: “{T.clip(close[0], 110)}”. Make it explicit "
                f"in the interview: say what you did that counts as {phrase}, and how well it worked. If it was a small "
                "part of the job, say so.")))
            continue
        parts = [f"Say plainly that you haven't used {phrase} in a job yet — don't stretch a course or a mention "
                 "into experience."]
        if adjacent:
            evidence = skill_evidence(adjacent[0], ctx)
            shown = f" (your resume: “{T.clip(evidence[0], 90)}”)" if evidence else ""
            parts.append(f"Then bridge from {skill_phrase(adjacent[0])}, which is close{shown}.")
        else:
            parts.append("Then bridge from the closest thing you have done, and what it taught you.")
        parts.append("Finish with a plan: " + K.GAP_PLANS[ctx.domain].format(skill=phrase) + ".")
        if not required:
            parts.append("It's a nice-to-have, so a short, honest answer is enough.")
        gaps.append(GapAdvice(skill=skill, advice=" ".join(parts)))
    return gaps


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
    lines = sorted(resume_lines(ctx.resume), key=lambda item: line_strength(item[0]), reverse=True)
    used_lines: list[str] = []
    prompts: list[StarPrompt] = []
    seen: list[str] = []
    for competency, about in wanted:
        if competency in seen or len(prompts) >= MAX_STAR:
            continue
        seen.append(competency)
        story = stories.get(competency) or defaults.get(competency) or f"showed {competency.lower()}"
        seed = _best_seed(about + " " + competency, lines, used_lines)
        if seed:
            used_lines.append(seed)
        prompts.append(StarPrompt(
            competency=competency,
            prompt=(f"Prepare a story about a time you {story}. Situation: where and when, in a sentence. Task: what was "
                    f"yours to do. Action: two or three things you did yourself. Result: the number that changed "
                    f"({K.METRIC_HINTS[ctx.domain]})."),
            suggested_story=seed,
        ))
    return prompts


def _best_seed(about: str, lines: list[tuple[str, str, str]], used: list[str]) -> str:
    wanted = set(T.content_terms(about))
    best, best_key = "", (-1.0, (0, 0, 0))
    for line, _, _ in lines:
        if line in used:
            continue
        overlap = len(wanted & set(T.content_terms(line)))
        key = (float(overlap), line_strength(line))
        if key > best_key:
            best, best_key = line, key
    return best


def build_questions_to_ask(ctx: PlanContext) -> list[str]:
    asks: list[str] = []
    responsibilities = ctx.responsibilities
    if responsibilities:
        asks.append(f"The posting says “{T.clip(responsibilities[0], 100)}”. What would good look like there after my "
                    "first 90 days?")
    if len(responsibilities) > 1:
        asks.append(f"Who would I work with most closely on “{T.clip(responsibilities[1], 80)}”, and how is that going today?")
    required = ctx.job.requirements.skills_required
    matched = [m.skill for m in ctx.match.matched if m.required]
    if matched:
        asks.append(f"How does the team use {skill_phrase(matched[0])} today, and what would you most like to change about it?")
    if ctx.match.missing_required:
        gap = skill_phrase(ctx.match.missing_required[0])
        asks.append(f"How is {gap} used day to day in this role, and how do new people usually get up to speed with it?")
    for term in ctx.job.requirements.key_terms[:1]:
        asks.append(f"You mention {term} — how is success there measured, and who sees the numbers?")
    if ctx.level == "senior":
        asks.append("Which decisions would this role own that nobody clearly owns today?")
    elif ctx.level == "entry":
        asks.append(f"How do new {ctx.title or 'starters'} get feedback in their first months, and who would I learn from?")
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
    ctx = _ctx(resume, job, match)
    strengths = build_strengths(ctx)
    return CheatsheetContent(
        pitch=write_pitch(ctx, strengths),
        strengths=strengths,
        gaps=build_gaps(ctx),
        star_prompts=build_star_prompts(ctx, questions),
        likely_questions=[q.text for q in questions],
        questions_to_ask=build_questions_to_ask(ctx),
        engine="offline",
    )
