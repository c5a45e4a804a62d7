"""How well the coach reads and scores answers, and how the match report scores a resume, on data written
apart from the coach (`evaluation_data/`, issue 17). Every item has a split: `tune` or `held_out`; the
figures that count are the held-out ones.

* Judgements (`judgements.jsonl`): one answer × one rubric point, labelled covered or not by a person.
  The coach scores the answer as a one-question interview whose only strong-answer point is that point
  and says "covered", "not covered", or neither (it advises: "make sure you say …"). Reported: the
  precision of each claim (claims a person agrees with ÷ claims made), and how many it left open.
* Interview pairs (`interview_pairs.json`): a strong and a weak answer to one question, per field.
  Each pair must be ordered with a gap of at least `MIN_PAIR_GAP`.
* Match scores (`pairs.json`, `postings/`): every corpus resume against its own posting; a pair a
  recruiter called a fit must cover at least `MIN_FIT_COVERAGE` %.
"""

import json
import statistics
from pathlib import Path

from pydantic import BaseModel, Field

from interviews.coach.base import Coach
from interviews.coach.schemas import PlannedQuestion, QuestionFeedback, TranscriptTurnIn
from resumes.reading.schemas import ParsedResume

DATA = Path(__file__).resolve().parent / "evaluation_data"
JUDGEMENTS = DATA / "judgements.jsonl"
INTERVIEW_PAIRS = DATA / "interview_pairs.json"
MATCH_PAIRS = DATA / "pairs.json"
POSTINGS = DATA / "postings"
SPLITS = ("held_out", "tune")
MIN_PRECISION = 0.95
MIN_PAIR_GAP = 25
MIN_FIT_COVERAGE = 70.0
MAX_MISMATCH_COVERAGE = 40.0  # a deliberate mismatch scores under this


# --- Judgements -------------------------------------------------------------------------------------------------

class Judgement(BaseModel):
    id: str
    field: str
    question: str
    point: str
    answer: str
    covered: bool
    kind: str = ""
    split: str = "tune"


class JudgementResult(BaseModel):
    id: str
    field: str
    kind: str
    split: str
    label: bool
    verdict: str  # "covered" | "not covered" | "open" (the coach advised instead of claiming)

    @property
    def right(self) -> bool | None:
        if self.verdict == "open":
            return None
        return (self.verdict == "covered") == self.label


class ClaimFigures(BaseModel):
    items: int
    covered_claims: int
    covered_right: int
    not_covered_claims: int
    not_covered_right: int
    open: int

    @property
    def covered_precision(self) -> float:
        return self.covered_right / self.covered_claims if self.covered_claims else 1.0

    @property
    def not_covered_precision(self) -> float:
        return self.not_covered_right / self.not_covered_claims if self.not_covered_claims else 1.0


def load_judgements(path: Path = JUDGEMENTS) -> list[Judgement]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Judgement.model_validate(json.loads(line)) for line in lines if line.strip()]


def point_verdict(feedback: QuestionFeedback, point: str) -> str:
    """What the feedback claims about one strong-answer point."""
    if point in feedback.covered:
        return "covered"
    if point in feedback.missing:
        return "not covered"
    return "open"


def judge(coach: Coach, item: Judgement) -> JudgementResult:
    from interviews.coach.scoring import guess_kind

    question = PlannedQuestion(kind=guess_kind(item.question), competency="", text=item.question,
                               rationale="evaluation judgement", strong_answer_points=[item.point])
    transcript = [TranscriptTurnIn(role="interviewer", text=item.question), TranscriptTurnIn(role="candidate", text=item.answer)]
    feedback = coach.score(transcript=transcript, questions=[question], resume=ParsedResume(), job=_bare_job()).per_question[0]
    return JudgementResult(id=item.id, field=item.field, kind=item.kind, split=item.split, label=item.covered,
                           verdict=point_verdict(feedback, item.point))


def claim_figures(results: list[JudgementResult]) -> ClaimFigures:
    covered = [r for r in results if r.verdict == "covered"]
    not_covered = [r for r in results if r.verdict == "not covered"]
    return ClaimFigures(items=len(results), covered_claims=len(covered), covered_right=sum(r.label for r in covered),
                        not_covered_claims=len(not_covered), not_covered_right=sum(not r.label for r in not_covered),
                        open=sum(r.verdict == "open" for r in results))


def _bare_job():
    from interviews.coach.schemas import JobInput

    return JobInput(title="")


# --- Interview pairs --------------------------------------------------------------------------------------------

class FieldFigures(BaseModel):
    field: str
    pairs: int
    ordered: int
    gap_min: int
    gap_mean: float
    short: list[str] = Field(default_factory=list)  # pairs misordered or with a gap under MIN_PAIR_GAP


def load_interview_pairs(path: Path = INTERVIEW_PAIRS):
    """The strong/weak pairs, as `evaluation.EvalPair`s."""
    from interviews.coach import evaluation

    return evaluation.EvalFile.model_validate(json.loads(path.read_text(encoding="utf-8"))).pairs


def pair_figures(coach: Coach, path: Path = INTERVIEW_PAIRS) -> dict[str, list[FieldFigures]]:
    """Per split, per field: how many pairs are ordered, and the smallest gap."""
    from interviews.coach import evaluation

    data = json.loads(path.read_text(encoding="utf-8"))
    splits = {item["id"]: item.get("split", "tune") for item in data["pairs"]}
    pairs = load_interview_pairs(path)
    report = evaluation.evaluate(coach, pairs)
    figures: dict[str, list[FieldFigures]] = {}
    for split in SPLITS:
        mine = [r for r in report.results if splits[r.id] == split]
        for field in sorted({r.field for r in mine}):
            rows = [r for r in mine if r.field == field]
            figures.setdefault(split, []).append(FieldFigures(
                field=field, pairs=len(rows), ordered=sum(r.ordered for r in rows), gap_min=min(r.gap for r in rows),
                gap_mean=round(statistics.fmean(r.gap for r in rows), 1),
                short=[f"{r.id} ({r.strong_score}–{r.weak_score})" for r in rows if r.gap < MIN_PAIR_GAP]))
    return figures


# --- Match scores -----------------------------------------------------------------------------------------------

class MatchPair(BaseModel):
    resume: str
    posting: str
    fit: bool
    why: str = ""
    split: str = "tune"


class MatchFigure(BaseModel):
    resume: str
    posting: str
    fit: bool
    split: str
    coverage: float
    required: list[str]
    missing_required: list[str]
    words_not_used: list[str]
    refused: str = ""  # why the reader refused the resume, if it did

    @property
    def passed(self) -> bool:
        """A fit at `MIN_FIT_COVERAGE` or more; a deliberate mismatch under `MAX_MISMATCH_COVERAGE`."""
        return self.coverage >= MIN_FIT_COVERAGE if self.fit else self.coverage < MAX_MISMATCH_COVERAGE


def load_match_pairs(path: Path = MATCH_PAIRS) -> list[MatchPair]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [MatchPair.model_validate(item) for item in data["pairs"]]


def posting(name: str, folder: Path = POSTINGS) -> tuple[str, str]:
    """(title, text) of a posting: its first line is the job title."""
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    return text.splitlines()[0].strip(), text


def corpus_materials(path: Path, *, job_text: str, job_title: str = ""):
    """`coach_materials` for a corpus document, read once per process (`resumes.reading.evaluation.read_document`):
    the corpus plans and the match figures read the same resumes. Raises CoachError when the reader refuses it."""
    from interviews.coach.base import CoachError
    from interviews.coach.materials import materials_for
    from resumes.reading.evaluation import read_document

    try:
        resume = read_document(path)
    except Exception as exc:  # noqa: BLE001 - as coach_materials: say what failed
        raise CoachError(f"The resume could not be read: {exc}") from exc
    return materials_for(resume=resume, job_text=job_text, job_title=job_title)


def match_figures(resumes_folder: Path, pairs: list[MatchPair] | None = None,
                  postings: Path = POSTINGS) -> list[MatchFigure]:
    """Every resume in `resumes_folder` named in the pairs, matched against its own posting."""
    from interviews.coach.base import CoachError

    figures = []
    for pair in pairs if pairs is not None else load_match_pairs():
        title, text = posting(pair.posting, postings)
        try:
            materials = corpus_materials(resumes_folder / pair.resume, job_text=text, job_title=title)
        except CoachError as exc:
            figures.append(MatchFigure(resume=pair.resume, posting=pair.posting, fit=pair.fit, split=pair.split,
                                       coverage=0.0, required=[], missing_required=[], words_not_used=[], refused=str(exc)))
            continue
        report = materials.match
        figures.append(MatchFigure(
            resume=pair.resume, posting=pair.posting, fit=pair.fit, split=pair.split, coverage=report.coverage,
            required=list(materials.job.requirements.skills_required), missing_required=list(report.missing_required),
            words_not_used=list(report.key_terms_missing)))
    return figures


# --- For `evaluate_coach` ---------------------------------------------------------------------------------------

class ScoringReport(BaseModel):
    claims: dict[str, ClaimFigures]  # per split
    fields: dict[str, list[FieldFigures]]  # per split
    matches: list[MatchFigure] = Field(default_factory=list)  # empty when the corpus is not there
    corpus: str = ""

    @property
    def failures(self) -> list[str]:
        """What misses a target on the held-out items (the figures that count)."""
        failed = []
        held = self.claims.get("held_out")
        if held and held.covered_precision < MIN_PRECISION:
            failed.append(f"held-out \"covered\" precision {held.covered_precision:.0%} < {MIN_PRECISION:.0%}")
        if held and held.not_covered_precision < MIN_PRECISION:
            failed.append(f"held-out \"not covered\" precision {held.not_covered_precision:.0%} < {MIN_PRECISION:.0%}")
        for row in self.fields.get("held_out", []):
            if row.short:
                failed.append(f"held-out {row.field} pairs under a gap of {MIN_PAIR_GAP}: {', '.join(row.short)}")
        return failed

    def lines(self) -> list[str]:
        out = ["Issue 17 data (evaluation_data/, written apart from the coach): held-out figures count"]
        for split in SPLITS:
            c = self.claims.get(split)
            if c:
                out.append(f"  judgements {split:<8} {c.items:>3} items: \"covered\" {c.covered_right}/{c.covered_claims} "
                           f"({c.covered_precision:.0%}), \"not covered\" {c.not_covered_right}/{c.not_covered_claims} "
                           f"({c.not_covered_precision:.0%}), advised instead {c.open}")
        for split in SPLITS:
            rows = self.fields.get(split, [])
            if rows:
                out.append(f"  pairs {split:<8} " + ", ".join(f"{r.field} {r.ordered}/{r.pairs} gap≥{r.gap_min}" for r in rows))
        if self.matches:
            for split in SPLITS:
                fits = [m for m in self.matches if m.split == split and m.fit]
                others = [m for m in self.matches if m.split == split and not m.fit]
                out.append(f"  match scores {split:<8} ({self.corpus}): fits at ≥{MIN_FIT_COVERAGE:.0f}%: "
                           f"{sum(m.passed for m in fits)}/{len(fits)}, mismatches under {MAX_MISMATCH_COVERAGE:.0f}%: "
                           f"{sum(m.passed for m in others)}/{len(others)}")
            for m in sorted(self.matches, key=lambda m: (m.split, not m.fit, -m.coverage)):
                out.append(f"    {'ok ' if m.passed else 'OFF'} {m.split:<8} {'fit' if m.fit else 'not a fit':<9} "
                           f"{m.coverage:>3.0f}%  {m.resume} → {m.posting}" + (f" (refused: {m.refused})" if m.refused else ""))
        elif self.corpus:
            out.append(f"  match scores: no corpus at {self.corpus}, skipped")
        return out


def scoring_report(coach: Coach, *, corpus: Path | None = None) -> ScoringReport:
    """Judgement precision and pair gaps per split; match scores when the corpus folder exists."""
    results = [judge(coach, item) for item in load_judgements()]
    claims = {split: claim_figures([r for r in results if r.split == split]) for split in SPLITS}
    matches = match_figures(corpus) if corpus is not None and corpus.is_dir() else []
    return ScoringReport(claims=claims, fields=pair_figures(coach), matches=matches, corpus=str(corpus or ""))
