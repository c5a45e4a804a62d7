"""The offline question planner: an interview built from THIS resume and THIS job, each question saying why.

Everything comes from one `InterviewFacts` (`facts.py`), built once per resume × job. What an
interviewer asks, in the order they ask it:

1. The candidate's strongest results and the job's required skills the resume proves: each result
   quoted whole when the bullet is a clean sentence ("About your work at Stripe, you wrote: “…”"),
   else named by its number and unit; each proven skill with a real technical question from the
   question bank of the interview's field (`data/questions/`), harder in substance at Hard.
2. The gaps: required skills of the field the resume does not show. Only a clear gap is called
   missing; one the resume comes near is asked about without the accusation.
3. Behaviour: the job's duties quoted whole, pointed at the candidate's own employers; the soft skills
   the job needs; common situations of the field and level.
4. The rest of the resume: projects, a career move, the candidate's studies and background.

Each question is written in versions, the first with the resume's or posting's words in it and the last
without any; the first that passes the one fluency check (`fluency.py`) is asked, so a slot that reads
badly is dropped, never patched. `options.count` is split across kinds by `options.mix` (largest
remainder; weight 0 = left out); when a kind runs out of material its places go to the other kinds. No
randomness and no iteration over sets: the same inputs always give the same plan.
"""

import itertools
import re
from dataclasses import dataclass, field

from interviews.coach import fields as F
from interviews.coach import knowledge, library
from interviews.coach import phrasing as P
from interviews.coach import question_bank as B
from interviews.coach import text as T
from interviews.coach.facts import STORY_CATEGORIES, Achievement, InterviewFacts, interview_facts
from interviews.coach.schemas import QUESTION_KINDS, JobInput, PlannedQuestion, PlanOptions, QuestionPlan
from resumes.reading.schemas import MatchReport, ParsedResume
from resumes.reading.taxonomy import get_taxonomy

DUPLICATE_SIMILARITY = 0.5
BRIDGE_CATEGORIES = frozenset({"language", "database", "cloud", "devops", "frontend", "backend", "testing", "mobile",
                               "data", "ml", "design", "marketing", "accounting"})
_DEFAULT_MIX = {"behavioral": 3, "technical": 3, "situational": 1, "resume": 2}

# Kept for callers that import them from here.
skill_phrase = P.skill_phrase
with_article = P.with_article


@dataclass
class PlanContext:
    facts: InterviewFacts
    options: PlanOptions

    @property
    def difficulty(self) -> str:
        return self.options.difficulty

    @property
    def field(self) -> F.Field:
        return self.facts.field.field

    @property
    def level(self) -> str:
        return self.facts.level

    @property
    def metric_hint(self) -> str:
        return self.field.metric_hint

    @property
    def the_role(self) -> str:
        return self.facts.the_role

    @property
    def where(self) -> str:
        """" at Acme" (the hiring company) or ""."""
        return f" at {self.facts.company}" if self.facts.company else ""


def detect_domain(job: JobInput, resume: ParsedResume | None = None) -> str:
    """The job's field of work (`fields.detect_field`), for the scorer."""
    return F.detect_field(
        job_title=job.title or job.requirements.title,
        job_skills=[*job.requirements.skills_required, *job.requirements.skills_nice],
        resume_titles=[entry.title for entry in resume.experience] if resume else [],
        resume_skills=resume.skill_names() if resume else [],
    ).id


def context_for(resume: ParsedResume, job: JobInput, match: MatchReport, options: PlanOptions) -> PlanContext:
    return PlanContext(facts=interview_facts(resume, job, match), options=options)


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


def _points(ctx: PlanContext, *items: str, difficulty: str | None = None) -> list[str]:
    points = [item for item in items if item and ctx.facts.fluent(item, kind="sentence")]
    limit = {"easy": 3, "standard": 4, "hard": 5}[difficulty or ctx.difficulty]
    return points[:limit]


def _write(ctx: PlanContext, versions: list[str], *, kind: str, competency: str, rationale: str,
           fallback_rationale: str, points: list[str], stage: int, skill: str = "",
           lines: tuple[str, ...] = (), topic: str = "") -> Candidate | None:
    """The candidate question: the first of `versions` that passes the fluency check (the last has no slot), or None."""
    text = ctx.facts.first_fluent(*(T.tidy(v) for v in versions))
    if not text:
        return None
    why = rationale if ctx.facts.fluent(T.tidy(rationale), kind="paragraph") else fallback_rationale
    return Candidate(PlannedQuestion(kind=kind, competency=competency, text=text, rationale=T.tidy(why),
                                     strong_answer_points=points, skill=skill), stage=stage, lines=lines, topic=topic)


def _employer_at(achievement: Achievement) -> str:
    return achievement.role.at if achievement.role else ""


def achievement_question(ctx: PlanContext, achievement: Achievement, n: int = 0) -> Candidate | None:
    words = stems("achievement")
    at = _employer_at(achievement)
    figure = achievement.figure if achievement.result and achievement.attributable else ""
    stem = words[f"{ctx.difficulty}_figure" if figure and ctx.difficulty != "easy" else ctx.difficulty].format(
        figure=achievement.figure_phrase)
    opening = words["quote_at" if at else "quote"].format(at=at, quote=achievement.quoted)
    versions = [f"{opening} {stem}" if achievement.quotable else ""]
    if achievement.measured and achievement.figure and achievement.attributable:  # a measured result, not a count
        versions.append(words["figure" if n % 2 == 0 else "figure_alt"].format(figure=achievement.figure, at=at))
    versions.append(words["plain"].format(at=at))
    points = [p.format(at=at) for p in words["points"]]
    if figure:
        points[2] = words["figure_point"].format(figure=figure)
    why = (words["why_figure"].format(at=at, figure=figure) if figure else words["why"].format(at=at))
    return _write(ctx, versions, kind="resume", competency="Track record", rationale=why + _shows(achievement),
                  fallback_rationale=words["why"].format(at=""), points=_points(ctx, *points), stage=STAGE_EVIDENCE,
                  lines=(achievement.line,),
                  topic=f"result:{achievement.line}")


def _shows(achievement: Achievement) -> str:
    skills = list(achievement.required[:2])
    return f" It shows {T.join_names(skills)}, which the job requires." if skills else ""


def resume_candidates(ctx: PlanContext) -> list[Candidate]:
    facts = ctx.facts
    results = [achievement_question(ctx, a, n) for n, a in enumerate(
        [a for a in facts.achievements if (a.quotable or (a.measured and a.figure)) and facts.speaks_to_job(a)])]
    projects = [project_question(ctx, project.name) for project in facts.projects]
    # The strongest results, then the candidate's own projects (after the first result for a new starter, whose
    # projects are often their best evidence).
    cut = 1 if ctx.level == "entry" else 2
    found = results[:cut] + projects + results[cut:]
    # A move between two jobs is asked only about roles read whole (a title and an employer): not from a line of a
    # template the reader took for an employer ("Nursing Statisics for Improving Healthcare").
    employers = list(dict.fromkeys(role.employer for role in facts.roles if role.employer and role.title))
    if len(employers) >= 2:
        found.append(career_question(ctx, newer=employers[0], older=employers[1]))
    if ctx.level == "entry" or not facts.achievements:
        found.append(education_question(ctx))
    found.append(background_question(ctx))
    return [c for c in found if c is not None]


def project_question(ctx: PlanContext, name: str) -> Candidate | None:
    words = stems("project")
    return _write(ctx, [f"Tell me about {name}. {words[ctx.difficulty]}"], kind="resume", competency="Initiative",
                  rationale=words["why"].format(name=name), fallback_rationale=words["why"].format(name="This project"),
                  points=_points(ctx, *words["points"]), stage=STAGE_EVIDENCE, topic=f"project:{name}")


def career_question(ctx: PlanContext, *, newer: str, older: str) -> Candidate | None:
    words = stems("career")
    return _write(ctx, [words["text"].format(older=older, newer=newer, role=ctx.the_role, where=ctx.where)],
                  kind="resume", competency="Career story", rationale=words["why"].format(older=older, newer=newer),
                  fallback_rationale=words["why_plain"],
                  points=_points(ctx, *(p.format(older=older, newer=newer) for p in words["points"])),
                  stage=STAGE_CLOSING, topic="career")


def education_question(ctx: PlanContext) -> Candidate | None:
    words = stems("education")
    for study in ctx.facts.studies[:1]:
        what = " at ".join(part for part in (study.degree, study.school) if part)
        text = words["text" if study.degree else "text_school"].format(what=what, school=study.school, role=ctx.the_role)
        return _write(ctx, [text], kind="resume", competency="Learning",
                      rationale=words["why"].format(what=what), fallback_rationale=words["why_plain"],
                      points=_points(ctx, *words["points"]), stage=STAGE_EVIDENCE, topic="education")
    return None


def background_question(ctx: PlanContext) -> Candidate | None:
    words = stems("background")
    latest = ctx.facts.latest
    versions = []
    if latest and latest.title:
        now = "now" if latest.current else "most recently"
        key = "text_now" if latest.current else "text_recent"
        versions.append(words[key].format(who=P.with_article(latest.title), at=latest.at, role=ctx.the_role,
                                          where=ctx.where, now=now))
    versions.append(words["text"].format(role=ctx.the_role, where=ctx.where))
    return _write(ctx, versions, kind="resume", competency="Motivation", rationale=words["why"],
                  fallback_rationale=words["why"], points=_points(ctx, *(p.format(where=ctx.where) for p in words["points"])),
                  stage=STAGE_CLOSING, topic="background")


def _story_skill(skill: str) -> bool:
    return get_taxonomy().category(skill) in STORY_CATEGORIES


def technical_candidates(ctx: PlanContext) -> list[Candidate]:
    facts = ctx.facts
    tier = B.DIFFICULTY_TIER[ctx.difficulty]
    found: list[Candidate] = []
    proven = [skill for skill in facts.required if skill in facts.proven and not _story_skill(skill)
              and not F.is_credential(skill)]
    # Skills shown in a resume line first (there is a story to anchor), then skills only listed.
    proven.sort(key=lambda skill: 0 if facts.proven[skill] else 1)
    picked: set[str] = set()  # each bank question once, even when two skills would choose it
    deeper = [proven_questions(ctx, skill, tier, exclude=picked) for skill in proven]
    gaps = [[gap] for gap in (gap_question(ctx, gap) for gap in facts.gaps if not F.is_credential(gap.skill)) if gap]
    # Two proven skills, then a gap, and so on: a plan with room for three technical questions asks about one gap.
    while deeper or gaps:
        for group in (deeper[:2], gaps[:1]):
            for item in group:
                found += item
        deeper, gaps = deeper[2:], gaps[1:]
    job = list(dict.fromkeys(facts.required))
    nice = [s for s in facts.shown if s not in job and F.belongs(s, ctx.field.id) and not _story_skill(s)
            and not F.is_credential(s)]
    for skill in nice[:4] if not facts.required else []:  # a thin posting: go deep on the resume's own skills
        found += proven_questions(ctx, skill, tier, nice=True, exclude=picked)
    core = core_question(ctx)
    if core:
        found.append(core)
    return found


# A line about growing a team ("Scaled engineering team from 3 to 28 across ML research…") names a skill only as
# the team's field: no way into a technical question about it.
_TEAM_LINE_RE = re.compile(r"(?:scaled|grew|built|hired|led|managed|formed|assembled)\s+(?:an?\s+|the\s+|my\s+|our\s+)?"
                           r"(?:[\w-]+\s+){0,2}teams?\b", re.IGNORECASE)


def proven_questions(ctx: PlanContext, skill: str, tier: str, *, nice: bool = False,
                     exclude: set[str] | None = None) -> list[Candidate]:
    """One real question of the field on `skill`, anchored to a resume line that shows it (the chooser keeps the
    first whose line is still free), then unanchored."""
    facts = ctx.facts
    evidence = facts.proven.get(skill) or [a for a in facts.achievements if skill in a.skills]
    context = " ".join(a.line for a in evidence[:3])
    exclude = exclude if exclude is not None else set()
    entry = B.pick(skill, tier, field=ctx.field.id, context=context, exclude=exclude,
                   avoid={gap.skill for gap in facts.gaps if gap.skill != skill})
    if entry is None:
        return []
    exclude.add(entry.id)
    words = stems("proven")
    phrase = P.skill_phrase(skill)
    said = entry.says(phrase)
    need = "a nice-to-have" if nice else "a required skill"
    points = _points(ctx, *entry.covers(phrase), difficulty="hard")
    found = []
    for achievement in [a for a in evidence if a.quotable and not _TEAM_LINE_RE.match(a.line)][:2]:
        at = _employer_at(achievement)
        opening = stems("achievement")["quote_at" if at else "quote"].format(at=at, quote=achievement.quoted)
        anchored = f"{opening} {words['anchor'].format(skill=phrase)} {said}"
        candidate = _write(ctx, [anchored], kind="technical", competency=skill, skill=skill,
                           rationale=words["why_shown"].format(skill=skill, need=need, role=ctx.the_role, where=ctx.where,
                                                               at=at, type=entry.type),
                           fallback_rationale=words["why_plain"].format(skill=skill, type=entry.type), points=points,
                           stage=STAGE_EVIDENCE, lines=(achievement.line,), topic=f"skill:{skill}")
        if candidate:
            found.append(candidate)
    lead = words["deeper" if evidence or skill in facts.shown else "listed"].format(skill=phrase)
    candidate = _write(ctx, [f"{lead} {said}", said], kind="technical", competency=skill, skill=skill,
                       rationale=words["why"].format(skill=skill, need=need, role=ctx.the_role, where=ctx.where,
                                                     type=entry.type),
                       fallback_rationale=words["why_plain"].format(skill=skill, type=entry.type), points=points,
                       stage=STAGE_EVIDENCE, topic=f"skill:{skill}")
    return found + ([candidate] if candidate else [])


def gap_question(ctx: PlanContext, gap) -> Candidate | None:
    """A required skill the resume does not show, asked as a question to reason through. Only a clear gap is called
    missing; when the resume comes near it, the question says nothing about the resume."""
    words = stems("gap")
    tier = "practice" if ctx.difficulty == "hard" else "foundation"
    entry = B.pick(gap.skill, tier, field=ctx.field.id) or B.pick(gap.skill, "foundation", field=ctx.field.id)
    if entry is None:
        return None
    phrase = P.skill_phrase(gap.skill)
    adjacent = adjacent_skill(ctx, gap.skill) if gap.clear else ""
    asked = entry.says(phrase)
    stem = words[ctx.difficulty].format(question=asked)
    if gap.clear:
        bridge = words["bridge"].format(adjacent=P.skill_phrase(adjacent)) if adjacent else ""
        versions = [f"{words['lead'].format(skill=phrase, bridge=bridge)} {stem}",
                    f"{words['lead'].format(skill=phrase, bridge='')} {stem}"]
        why, points = words["why"].format(skill=gap.skill), [p.format(skill=phrase) for p in words["points"]]
        if adjacent:
            points[2] = words["bridge_point"].format(adjacent=P.skill_phrase(adjacent))
    else:
        versions = [f"{words['lead_near'].format(skill=phrase)} {stem}"]
        why, points = words["why_near"].format(skill=gap.skill), [p.format(skill=phrase) for p in words["points_near"]]
    return _write(ctx, versions, kind="technical", competency=gap.skill, skill=gap.skill, rationale=why,
                  fallback_rationale=words["why_near"].format(skill=gap.skill),
                  points=_points(ctx, *points, *entry.covers(phrase)[:1]), stage=STAGE_GAPS, topic=f"skill:{gap.skill}")


def adjacent_skill(ctx: PlanContext, skill: str) -> str:
    """A skill the resume shows that makes a bridge to `skill`: a listed neighbour or a member of its family, else
    one of its category."""
    from resumes.reading import knowledge as reader_knowledge

    shown = ctx.facts.shown
    category = get_taxonomy().category(skill)
    near = [name for name in knowledge.ADJACENT_SKILLS.get(skill, ()) if name in shown]
    family = reader_knowledge.family_of(skill)
    near += [name for name in shown if family and name != skill and reader_knowledge.family_of(name) == family]
    # Another skill of the same category is a bridge only between tools ("Docker" for "Kubernetes"), not between
    # practices ("game development" is no bridge to "code review").
    if category in BRIDGE_CATEGORIES:
        near += [name for name in shown if name != skill and get_taxonomy().category(name) == category]
    return near[0] if near else ""


def core_question(ctx: PlanContext) -> Candidate | None:
    words = stems("core")
    return _write(ctx, [ctx.field.core_text], kind="technical", competency="Quality of work",
                  rationale=words["why"].format(field=ctx.field.name),
                  fallback_rationale=words["why"].format(field="professional"),
                  points=_points(ctx, *ctx.field.core_points), stage=STAGE_GAPS, topic="core")


def behavioral_candidates(ctx: PlanContext) -> list[Candidate]:
    """The job's duties, quoted, pointed at the candidate's own employers; then the soft skills the job needs and the
    resume does not show; then classic questions set at the candidate's own employers, taking turns."""
    duties = [c for duty in ctx.facts.duties for c in [_duty_question(ctx, duty)] if c]
    story_gaps = [c for gap in ctx.facts.story_gaps for c in [_story_gap(ctx, gap)] if c]
    classic = _classic_questions(ctx)
    mixed = [c for pair in itertools.zip_longest(duties, classic) for c in pair if c is not None]
    return story_gaps[:1] + mixed + story_gaps[1:]


def _duty_question(ctx: PlanContext, duty) -> Candidate | None:
    if not duty.quotable:
        return None
    words = stems("behaviour")
    employers = ctx.facts.field_employers[:2]
    at = f" at {T.join_names(employers, 'or')}" if employers else ""
    competency = duty.competency
    points = _points(ctx, words["point_example"], words["point_own"], f"A measurable result ({ctx.metric_hint})",
                     words["point_others"], words["point_learned"])
    return _write(ctx, [f"{words['lead'].format(duty=duty.quoted)} {words[ctx.difficulty].format(at=at)}",
                        f"{words['lead'].format(duty=duty.quoted)} {words[ctx.difficulty].format(at='')}"],
                  kind="behavioral", competency=competency.name,
                  rationale=words["why"].format(competency=competency.name.lower()),
                  fallback_rationale=words["why"].format(competency=competency.name.lower()), points=points,
                  stage=STAGE_BEHAVIOUR, topic=f"duty:{duty.text}")


def _classic_questions(ctx: PlanContext) -> list[Candidate]:
    """The behavioural questions most interviews ask, each set at one of the candidate's employers in turn."""
    found = []
    person_a, person_b = ctx.field.people
    roles = [role for role in ctx.facts.roles if role.employer]
    # A story with one of the field's people ("an engineer on another team") is set only where the candidate did the
    # field's work: not "at Hotel Phoenix" for a test engineer.
    field_roles = [role for role in roles if role.employer in ctx.facts.field_employers]
    title = f"{ctx.facts.job_title} " if ctx.facts.job_title else ""
    for n, (competency, texts, points) in enumerate(knowledge.GENERAL_BEHAVIOURAL):
        mine = field_roles if "{person}" in texts[ctx.difficulty] else roles
        role = mine[n % len(mine)] if mine else None
        at = role.at if role else ""
        person = person_a if n % 2 == 0 else person_b
        versions = [texts[ctx.difficulty].format(at=at, at_work=at or " at work", person=person),
                    texts[ctx.difficulty].format(at="", at_work=" at work", person=person)]
        why = (f"{competency} comes up in most {title}interviews and is not yet covered by the posting's own duties."
               + (f" Set{at}, from your resume, so you answer with a real story." if at else ""))
        candidate = _write(ctx, versions, kind="behavioral", competency=competency, rationale=why,
                           fallback_rationale=f"{competency} comes up in most interviews.",
                           points=_points(ctx, *points, f"A measurable result ({ctx.metric_hint})"),
                           stage=STAGE_BEHAVIOUR, topic=f"competency:{competency}")
        if candidate:
            found.append(candidate)
    return found


def _story_gap(ctx: PlanContext, gap) -> Candidate | None:
    """A soft skill the job requires: asked for as a story, never as a confession; said to be missing from the
    resume only when nothing on it comes near."""
    words = stems("story_gap")
    phrase = P.skill_phrase(gap.skill)
    story = next((c.story for c in knowledge.COMPETENCIES if c.name.lower() == gap.skill.lower()), "")
    ask = words["ask_story"].format(story=story) if story else words["ask"].format(skill=phrase)
    plain = "" if get_taxonomy().category(gap.skill) == "soft" else "_plain"
    lead = words[("lead" if gap.clear else "lead_near") + plain].format(skill=phrase)
    return _write(ctx, [f"{lead} {ask}"], kind="behavioral", competency=gap.skill, skill=gap.skill,
                  rationale=words["why" if gap.clear else "why_near"].format(skill=gap.skill),
                  fallback_rationale=words["why_near"].format(skill=gap.skill),
                  points=_points(ctx, *words["points"], f"The result ({ctx.metric_hint})"), stage=STAGE_BEHAVIOUR,
                  topic=f"skill:{gap.skill}")


def situational_candidates(ctx: PlanContext) -> list[Candidate]:
    words = stems("situational")
    hard = words.get(f"hard_{ctx.field.id}", words["hard"])
    stem = hard if ctx.difficulty == "hard" else words[ctx.difficulty]
    found: list[Candidate] = []
    for duty in [d for d in ctx.facts.duties if d.quotable][:4]:
        candidate = _write(ctx, [f"{words['lead'].format(duty=duty.quoted, where=ctx.where)} {stem}"], kind="situational",
                           competency=duty.competency.name, rationale=words["why"], fallback_rationale=words["why"],
                           points=_points(ctx, *words["points"], f"How you would know it's going well ({ctx.metric_hint})"),
                           stage=STAGE_BEHAVIOUR, topic=f"duty:{duty.text}")
        if candidate:
            found.append(candidate)
    bank = list(ctx.field.situational)
    if ctx.field.id != "general":
        bank += list(F.field("general").situational)
    ranked = [s for s in bank if s.level == ctx.level] + [s for s in bank if s.level == "any"] + \
             [s for s in bank if s.level not in (ctx.level, "any")]
    for scenario in ranked:
        fit = "at your level" if scenario.level in (ctx.level, "any") else f"at {scenario.level} level"
        text = scenario.text
        if ctx.difficulty == "hard":
            text += " " + words["hard_follow"]
        candidate = _write(ctx, [text], kind="situational", competency=scenario.competency,
                           rationale=words["why_scenario"].format(field=ctx.field.name, fit=fit,
                                                                  competency=scenario.competency.lower()),
                           fallback_rationale=words["why"], points=_points(ctx, *scenario.points),
                           stage=STAGE_BEHAVIOUR, topic=f"competency:{scenario.competency}")
        if candidate:
            found.append(candidate)
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
        if any(question.text == c.question.text for c in self.chosen):
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
    ctx = context_for(resume, job, match, options)
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
    return QuestionPlan(questions=[c.question for c in interview_order(chooser.chosen)], engine="offline")


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


def more_questions(ctx: PlanContext, planned: list[PlannedQuestion], *, count: int) -> list[PlannedQuestion]:
    """Questions this interview is also likely to bring: new ones, never a planned question or a near-duplicate of
    one, nor one built on a resume line or topic a planned question already uses."""
    pools = {kind: CANDIDATES[kind](ctx) for kind in TAKE_ORDER}
    texts = {q.text for q in planned}
    known = {c.question.text: c for pool in pools.values() for c in pool}
    taken = [known.get(q.text) or Candidate(q, stage=STAGE_EVIDENCE) for q in planned]
    chooser = _Chooser(pools={kind: [c for c in pool if c.question.text not in texts] for kind, pool in pools.items()},
                       chosen=list(taken), strict=True)
    more: list[Candidate] = []
    while len(more) < count:
        progressed = False
        for kind in ("technical", "behavioral", "resume", "situational"):
            if len(more) < count and chooser.take(kind):
                more.append(chooser.chosen[-1])
                progressed = True
        if not progressed:
            break
    return [c.question for c in more]
