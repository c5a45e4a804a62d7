"""How well a coach engine does its job (`manage.py evaluate_coach`).

* Scoring order: each fixture pair is one question with a strong and a weak answer. Both are scored
  as a one-question transcript against the pair's job; the pair is ordered right when the strong
  answer scores higher. The report gives the share ordered right, the gap and the spread of each.
* Answer checks (`fixtures/eval_answers.json`): negated and hedged mentions show no skill, families
  do, only real quantities are measured results, vague answers score well below specific ones, and
  a repeated answer is flagged and discounted.
* Plan checks (`fixtures/eval_plans.json`, resumes read by the real parser plus a misread one):
  no seams (`plan_seams`), the proven required skills and the two strongest measured results asked
  about, no skill called missing that the resume shows; two candidates for one job share at most one
  identical question.
"""

import itertools
import re
import statistics
from pathlib import Path

from pydantic import BaseModel, Field

from interviews.coach import text as T
from interviews.coach.base import Coach
from interviews.coach.schemas import JobInput, PlannedQuestion, TranscriptTurnIn
from resumes.reading.schemas import JobRequirements, ParsedResume
from resumes.reading.taxonomy import find_skills

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval_pairs.json"


class EvalJob(BaseModel):
    title: str
    text: str = ""
    skills_required: list[str] | None = None  # canonical names; found in `text` with the taxonomy when absent


class EvalQuestion(BaseModel):
    text: str
    competency: str = ""
    skill: str = ""
    strong_answer_points: list[str] = Field(default_factory=list)


class EvalPair(BaseModel):
    id: str
    field: str
    kind: str
    job: EvalJob
    question: EvalQuestion
    strong: str
    weak: str


class EvalFile(BaseModel):
    about: str = ""
    pairs: list[EvalPair]


class PairResult(BaseModel):
    id: str
    field: str
    kind: str
    strong_score: int
    weak_score: int
    gap: int
    ordered: bool
    engine: str


class Spread(BaseModel):
    mean: float
    min: int
    max: int
    stdev: float


class EvaluationReport(BaseModel):
    engine: str
    pairs: int
    ordered_right: int
    misordered: list[str]
    gap_mean: float
    gap_min: int
    strong: Spread
    weak: Spread
    results: list[PairResult]
    fallbacks: int = 0  # scores a requested engine handed to the offline coach


def load_pairs(path: Path = FIXTURES) -> list[EvalPair]:
    from interviews.coach.operator import read_json

    return EvalFile.model_validate(read_json(path, what="evaluation fixture")).pairs


def _job(pair: EvalPair) -> JobInput:
    required = pair.job.skills_required
    if required is None:
        required = [s.name for s in find_skills(pair.job.text)]
    return JobInput(title=pair.job.title, text=pair.job.text,
                    requirements=JobRequirements(title=pair.job.title, skills_required=required))


def _score(coach: Coach, pair: EvalPair, answer: str, job: JobInput):
    question = PlannedQuestion(kind=pair.kind, competency=pair.question.competency, text=pair.question.text,
                               rationale="evaluation fixture", strong_answer_points=pair.question.strong_answer_points,
                               skill=pair.question.skill)
    transcript = [TranscriptTurnIn(role="interviewer", text=question.text), TranscriptTurnIn(role="candidate", text=answer)]
    return coach.score(transcript=transcript, questions=[question], resume=ParsedResume(), job=job)


def _spread(values: list[int]) -> Spread:
    return Spread(mean=round(statistics.fmean(values), 1), min=min(values), max=max(values),
                  stdev=round(statistics.pstdev(values), 1))


def evaluate(coach: Coach, pairs: list[EvalPair]) -> EvaluationReport:
    results = []
    fallbacks = 0
    for pair in pairs:
        job = _job(pair)
        strong = _score(coach, pair, pair.strong, job)
        weak = _score(coach, pair, pair.weak, job)
        fallbacks += bool(strong.fallback_reason) + bool(weak.fallback_reason)
        results.append(PairResult(
            id=pair.id, field=pair.field, kind=pair.kind, strong_score=strong.score, weak_score=weak.score,
            gap=strong.score - weak.score, ordered=strong.score > weak.score,
            engine=strong.engine if strong.engine == weak.engine else f"{strong.engine}/{weak.engine}",
        ))
    gaps = [r.gap for r in results]
    return EvaluationReport(
        engine=getattr(coach, "name", "?"),
        pairs=len(results),
        ordered_right=sum(r.ordered for r in results),
        misordered=[r.id for r in results if not r.ordered],
        gap_mean=round(statistics.fmean(gaps), 1) if gaps else 0.0,
        gap_min=min(gaps) if gaps else 0,
        strong=_spread([r.strong_score for r in results]) if results else Spread(mean=0, min=0, max=0, stdev=0),
        weak=_spread([r.weak_score for r in results]) if results else Spread(mean=0, min=0, max=0, stdev=0),
        results=results,
        fallbacks=fallbacks,
    )


# --- Plans: seams, coverage, false "missing" claims -------------------------------------------------------------

MAX_QUESTION_WORDS = 80  # an interviewer's question, not a pasted paragraph (a whole bullet may be quoted in it)
STAGE_ORDER = ["evidence", "gap", "behaviour", "closing"]
_MONTH = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
          "september|october|november|december")
_DATE_AS_PLACE_RE = re.compile(rf"\b(?:at|in|as)\s+(?:a\s+)?(?:{_MONTH})\.?\s+(?:19|20)\d\d\b|\bat\s+(?:19|20)\d\d\b",
                               re.IGNORECASE)
_LEAKED_DATE_RE = re.compile(rf"\b(?:(?:{_MONTH})\.?\s+(?:19|20)\d\d|Present)\s+[A-Z][a-z]+ed\b", re.IGNORECASE)
_PHONE_RE = re.compile(r"\(?\+?\d[\d\s().‐‑–-]{7,}\d")


def plan_seams(questions: list[PlannedQuestion], resume: ParsedResume, job: JobInput | None = None) -> list[str]:
    """Everything in a plan a careful human coach would be embarrassed by, one plain line each: what the one fluency
    check finds (with the job, quotes must be whole lines of the resume or posting and every word a word), plus a
    date, phone number or the candidate's own name where a name belongs, and the same question twice."""
    from interviews.coach import fluency
    from interviews.coach import phrasing as P
    from interviews.coach.planning import DUPLICATE_SIMILARITY

    seams: list[str] = []
    name = resume.contact.name.strip()
    rejected_projects = [p for p in resume.projects if p.strip() and not P.project_name(p, candidate_name=name)]
    sources = None
    if job is not None:
        bullets = "\n".join(P.clean_line(line) for entry in resume.experience for line in entry.lines)
        sources = fluency.Sources(texts=(resume.text, job.text, bullets, "\n".join(job.requirements.responsibilities),
                                         "\n".join(resume.projects)))
    for n, question in enumerate(questions, start=1):
        text = question.text
        own = re.sub(r"“[^“”]*”", " ", text)  # the coach's own words, quotes of the resume or posting taken out
        seams.extend(f"Q{n}: {problem.message}" for problem in fluency.problems(text, sources=sources))
        if _DATE_AS_PLACE_RE.search(own):
            seams.append(f"Q{n}: a date where an employer belongs")
        if _LEAKED_DATE_RE.search(own):
            seams.append(f"Q{n}: a date leaked into a resume line")
        if name and len(name.split()) >= 2 and name in own:
            seams.append(f"Q{n}: the candidate's own name where an employer or title belongs")
        if _PHONE_RE.search(own):
            seams.append(f"Q{n}: a phone number")
        if T.word_count(text) > MAX_QUESTION_WORDS:
            seams.append(f"Q{n}: {T.word_count(text)} words — a pasted paragraph")
        for project in rejected_projects:
            if project in own:
                seams.append(f"Q{n}: a project label said as a name ({project})")
    for (a, qa), (b, qb) in itertools.combinations(enumerate(questions, start=1), 2):
        if qa.text == qb.text or T.similarity(qa.text, qb.text) >= DUPLICATE_SIMILARITY:
            seams.append(f"Q{a} and Q{b}: the same question twice")
    return seams


def stage_of(question: PlannedQuestion) -> str:
    """Which part of an interview a planned question belongs to (see `planning.interview_order`)."""
    if question.kind in ("behavioral", "situational"):
        return "behaviour"
    if question.competency in ("Motivation", "Career story"):
        return "closing"
    if "The job asks for" in question.text or question.competency == "Quality of work":
        return "gap"
    return "evidence"


def _asked_skills(question: PlannedQuestion) -> set[str]:
    from interviews.coach import reading

    return {question.skill} | set(reading.skills_shown(question.text)) if question.skill else set(
        reading.skills_shown(question.text))


def proven_coverage(questions: list[PlannedQuestion], facts) -> float:
    """Share of the job's required hard skills the resume proves that the plan asks about (by target or by name)."""
    from interviews.coach.facts import STORY_CATEGORIES
    from resumes.reading.taxonomy import get_taxonomy

    proven = [s for s in facts.proven if get_taxonomy().category(s) not in STORY_CATEGORIES]
    if not proven:
        return 1.0
    asked = set().union(*(_asked_skills(q) for q in questions)) if questions else set()
    return len([s for s in proven if s in asked]) / len(proven)


def top_results_asked(questions: list[PlannedQuestion], facts, count: int = 2) -> float:
    """Share of the candidate's strongest measured results (their headline numbers) that the plan asks about."""
    top = [a for a in facts.achievements if a.measured][:count]
    if not top:
        return 1.0
    text = " ".join(q.text for q in questions)
    return sum(1 for a in top if a.figure in text) / len(top)


def false_missing(questions: list[PlannedQuestion], resume: ParsedResume, job: JobInput, match) -> list[str]:
    """Skills a gap question calls missing although the resume shows them (under any name)."""
    from interviews.coach.facts import resume_shows

    shown = set(resume_shows(resume))
    return [q.skill for q in questions if q.skill and "doesn't mention" in q.text and q.skill in shown]


# --- Answer checks and plan checks for `evaluate_coach` -----------------------------------------------------------

ANSWER_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval_answers.json"
PLAN_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval_plans.json"
MIN_PROVEN_COVERAGE = 0.4  # share of the proven required skills an 8-question plan must ask about
VAGUE_GAP = 15  # a specific answer must beat a vague one by at least this many points


class AnswerCheck(BaseModel):
    id: str
    kind: str  # skills | quantities | vague | duplicate
    question: str = ""
    questions: list[str] = Field(default_factory=list)
    job_skills: list[str] = Field(default_factory=list)
    answer: str = ""
    shown: list[str] = Field(default_factory=list)
    not_shown: list[str] = Field(default_factory=list)
    quantified: bool | None = None
    vague: str = ""
    specific: str = ""


class PlanCase(BaseModel):
    id: str
    job: dict
    resume_text: str = ""
    resume: ParsedResume | None = None
    same_job_as: str = ""


class CheckResult(BaseModel):
    id: str
    kind: str
    passed: bool
    detail: str


class PlanResult(BaseModel):
    id: str
    questions: int
    seams: list[str]
    proven_coverage: float
    top_results_asked: float
    false_missing: list[str]
    passed: bool


class CoachChecks(BaseModel):
    answers: list[CheckResult]
    plans: list[PlanResult]
    shared_questions: dict[str, int] = Field(default_factory=dict)  # "a+b" → identical questions in both plans

    @property
    def failures(self) -> list[str]:
        failed = [f"answer check {c.id}: {c.detail}" for c in self.answers if not c.passed]
        failed += [f"plan {p.id}: {'; '.join(_plan_problems(p))}" for p in self.plans if not p.passed]
        failed += [f"plans {pair} share {n} identical questions" for pair, n in self.shared_questions.items() if n > 1]
        return failed


def _job_for(skills: list[str]) -> JobInput:
    return JobInput(title="Engineer", requirements=JobRequirements(title="Engineer", skills_required=skills))


def _one(coach: Coach, question: str, answer: str, job: JobInput):
    planned = PlannedQuestion(kind="behavioral", competency="", text=question, rationale="evaluation")
    transcript = [TranscriptTurnIn(role="interviewer", text=question), TranscriptTurnIn(role="candidate", text=answer)]
    return coach.score(transcript=transcript, questions=[planned], resume=ParsedResume(), job=job)


def check_answer(coach: Coach, check: AnswerCheck) -> CheckResult:
    job = _job_for(check.job_skills)
    if check.kind == "skills":
        shown = _one(coach, check.question, check.answer, job).per_question[0].skills_shown
        wrong = [s for s in check.not_shown if s in shown] + [s for s in check.shown if s not in shown]
        detail = f"shown {shown}" + (f"; wrong about {wrong}" if wrong else "")
        return CheckResult(id=check.id, kind=check.kind, passed=not wrong, detail=detail)
    if check.kind == "quantities":
        counted = _one(coach, check.question, check.answer, job).metrics.quantified_answers > 0
        return CheckResult(id=check.id, kind=check.kind, passed=counted == check.quantified,
                           detail=f"counted as a measured result: {'yes' if counted else 'no'}")
    if check.kind == "vague":
        vague = _one(coach, check.question, check.vague, job).score
        specific = _one(coach, check.question, check.specific, job).score
        return CheckResult(id=check.id, kind=check.kind, passed=specific >= vague + VAGUE_GAP,
                           detail=f"specific {specific}, vague {vague}")
    if check.kind == "duplicate":
        planned = [PlannedQuestion(kind="behavioral", competency="", text=q, rationale="evaluation") for q in check.questions]
        transcript = [turn for q in check.questions for turn in (TranscriptTurnIn(role="interviewer", text=q),
                                                                  TranscriptTurnIn(role="candidate", text=check.answer))]
        result = coach.score(transcript=transcript, questions=planned, resume=ParsedResume(), job=job)
        first, *copies = result.per_question
        flagged = sum("same as your answer to question 1" in item.feedback for item in copies)
        low = all(item.score * 2 < first.score for item in copies)
        return CheckResult(id=check.id, kind=check.kind, passed=flagged == len(copies) and low,
                           detail=f"{flagged} of {len(copies)} repeats flagged; first {first.score}, repeats "
                                  f"{min(i.score for i in copies)}–{max(i.score for i in copies)}; overall {result.score}")
    return CheckResult(id=check.id, kind=check.kind, passed=False, detail=f"unknown check kind {check.kind!r}")


def _plan_problems(result: PlanResult) -> list[str]:
    problems = list(result.seams)
    if result.proven_coverage < MIN_PROVEN_COVERAGE:
        problems.append(f"asks about {result.proven_coverage:.0%} of the proven required skills")
    if result.top_results_asked < 1:
        problems.append(f"asks about {result.top_results_asked:.0%} of the two strongest results")
    problems += [f"calls {skill} missing although the resume shows it" for skill in result.false_missing]
    return problems


def check_plan(coach: Coach, case: PlanCase) -> tuple[PlanResult, list[PlannedQuestion]]:
    from interviews.coach.facts import candidate_facts
    from interviews.coach.materials import coach_materials, materials_for
    from interviews.coach.schemas import PlanOptions

    job = case.job
    if case.resume is not None:  # a resume as a misread layout leaves it, matched as it was (mis)read
        materials = materials_for(resume=case.resume, job_text=job["text"], job_title=job.get("title", ""),
                                  company=job.get("company", ""))
    else:
        materials = coach_materials(job_text=job["text"], resume_text=case.resume_text, job_title=job.get("title", ""),
                                    company=job.get("company", ""))
    resume, match = materials.resume, materials.match
    questions = coach.plan_questions(resume=resume, job=materials.job, match=match, options=PlanOptions(count=8)).questions
    facts = candidate_facts(resume, materials.job, match)
    result = PlanResult(
        id=case.id, questions=len(questions), seams=plan_seams(questions, resume, materials.job),
        proven_coverage=round(proven_coverage(questions, facts), 2),
        top_results_asked=round(top_results_asked(questions, facts), 2),
        false_missing=false_missing(questions, resume, materials.job, match), passed=True,
    )
    result.passed = not _plan_problems(result)
    return result, questions


def check_coach(coach: Coach, *, answers: Path = ANSWER_FIXTURES, plans: Path = PLAN_FIXTURES) -> CoachChecks:
    """Every answer check and plan check, for `evaluate_coach`."""
    from interviews.coach.operator import read_json

    answer_checks = [AnswerCheck.model_validate(item) for item in read_json(answers, what="answer checks")["checks"]]
    cases = [PlanCase.model_validate(item) for item in read_json(plans, what="plan cases")["cases"]]
    results, planned = [], {}
    for case in cases:
        result, questions = check_plan(coach, case)
        results.append(result)
        planned[case.id] = questions
    shared = {}
    for case in cases:
        if case.same_job_as in planned:
            first = {q.text for q in planned[case.same_job_as]}
            shared[f"{case.same_job_as}+{case.id}"] = sum(1 for q in planned[case.id] if q.text in first)
    return CoachChecks(answers=[check_answer(coach, check) for check in answer_checks], plans=results,
                       shared_questions=shared)
