"""How well a coach engine separates strong answers from weak ones (`manage.py evaluate_coach`).

Each fixture pair is one question with a strong and a weak answer. Both are scored as a one-question
transcript against the pair's job; the pair is ordered right when the strong answer scores higher.
The report gives the share ordered right, the gap between the two scores, and the spread of each.
"""

import statistics
from pathlib import Path

from pydantic import BaseModel, Field

from interviews.coach.base import Coach
from interviews.coach.schemas import JobInput, PlannedQuestion, TranscriptTurnIn
from resumes.schemas import JobRequirements, ParsedResume
from resumes.taxonomy import find_skills

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
