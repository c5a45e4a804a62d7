"""What Gemini is asked to return, and how each reply becomes the shared coach schemas — in one place.

The Gemini Developer API cannot express `dict[str, …]` fields in a response schema (the SDK refuses
`additionalProperties` outside Vertex AI) and must not be asked for what we compute ourselves
(engine, fallback reason, delivery metrics, weights, the overall score). So each method has a
Gemini-facing reply model with only what the model writes, and a `*_from_reply` function that
validates, clamps and merges it with our own numbers. Model text stays plain text: nothing here
marks anything safe, and templates escape it as usual.
"""

import re

from pydantic import BaseModel, Field

from core.gemini import InvalidReply  # raised by the checks below: core.gemini asks once more
from interviews.coach import scoring
from interviews.coach import text as T
from interviews.coach.planning import is_near_duplicate
from interviews.coach.schemas import (
    CheatsheetContent,
    EvidencedStrength,
    GapAdvice,
    PlannedQuestion,
    PlanOptions,
    QuestionFeedback,
    QuestionPlan,
    QuotedPoint,
    ScoreResult,
    StarPrompt,
)
from resumes.reading.schemas import ParsedResume

GEMINI_RUBRIC_VERSION = "gemini-v1"
MODEL_PARTS = ("relevance", "structure", "evidence", "specificity")  # the parts Gemini judges; length is counted
MAX_TEXT = 1200
MAX_ITEM = 400



# --- Reply models (what the model fills in) -----------------------------------------------------------------

class PlanReply(BaseModel):
    questions: list[PlannedQuestion]


class CheatsheetReply(BaseModel):
    pitch: str
    strengths: list[EvidencedStrength] = Field(default_factory=list)
    gaps: list[GapAdvice] = Field(default_factory=list)
    star_prompts: list[StarPrompt] = Field(default_factory=list)
    likely_questions: list[str] = Field(default_factory=list)
    questions_to_ask: list[str] = Field(default_factory=list)


class FollowUpReply(BaseModel):
    needs_follow_up: bool
    question: str = ""


class AnswerJudgement(BaseModel):
    question_index: int = Field(description="0-based index of the question, as numbered in <questions>")
    relevance: float = Field(description="0-100: answers the question asked, in terms of this job")
    structure: float = Field(description="0-100: situation, task, action, result (or clear reasoning for technical)")
    evidence: float = Field(description="0-100: measurable results and numbers")
    specificity: float = Field(description="0-100: named tools, people, places; what the candidate did personally")
    feedback: str = Field(description="two or three plain sentences about this answer")
    strong: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="strong-answer points the answer did not cover")
    model_answer: list[str] = Field(default_factory=list, description="3-5 step outline of a strong answer")


class ScoreReply(BaseModel):
    per_question: list[AnswerJudgement]
    summary: str
    strengths: list[QuotedPoint] = Field(default_factory=list)
    improvements: list[QuotedPoint] = Field(default_factory=list)


# --- Cleaning helpers ---------------------------------------------------------------------------------------

def clean(text: str, limit: int = MAX_ITEM) -> str:
    """Plain, single-spaced text of bounded length (the model's words are shown to people)."""
    return T.clip(T.normalise_space(str(text or "")), limit)


def clean_list(items: list[str], *, limit: int = MAX_ITEM, most: int = 8) -> list[str]:
    out: list[str] = []
    for item in items:
        cleaned = clean(item, limit)
        if cleaned and cleaned not in out:
            out.append(cleaned)
    return out[:most]


def clamp_percent(value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    if number != number:  # NaN
        return 0.0
    return max(0.0, min(100.0, number))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("’", "'").replace("“", '"').replace("”", '"')).strip().lower()


def verbatim(quote: str, sources: list[str]) -> str:
    """The quote as it appears in one of `sources` (exact slice), or "" when the words were never said."""
    wanted = _norm(quote).strip(" \"'….")
    if len(wanted) < 3:
        return ""
    for source in sources:
        if wanted in _norm(source):
            # Find the exact slice of the original text so the quote is the words as written (keeping a final
            # full stop when the source has one there).
            for trimmed in (quote.strip(" \"'“”…"), quote.strip(" \"'“”….")):
                pattern = r"\s+".join(re.escape(word) for word in trimmed.split())
                match = re.search(pattern, source, re.IGNORECASE)
                if match:
                    return match.group(0)
    return ""


# --- Mapping replies to the shared schemas ----------------------------------------------------------------

def plan_from_reply(reply: PlanReply, options: PlanOptions, resume: ParsedResume | None = None) -> QuestionPlan:
    wanted = {kind for kind, weight in options.mix.items() if weight > 0} or {"behavioral", "technical", "situational", "resume"}
    chosen: list[PlannedQuestion] = []
    for question in reply.questions:
        if question.kind not in wanted:
            continue
        question = PlannedQuestion(
            kind=question.kind,
            competency=clean(question.competency, 80),
            text=clean(question.text, 600),
            rationale=clean(question.rationale, 600),
            strong_answer_points=clean_list(question.strong_answer_points, limit=240, most=5),
            skill=clean(question.skill, 60),
        )
        if not question.text or is_near_duplicate(question, chosen) or _seamy(question, resume):
            continue
        chosen.append(question)
    if len(chosen) < options.count:
        raise InvalidReply(f"Gemini wrote {len(chosen)} usable questions where {options.count} were asked for")
    # An interviewer's order: results and proven skills, then gaps, then behaviour, then closing questions.
    from interviews.coach.evaluation import STAGE_ORDER, stage_of

    ordered = sorted(chosen[: options.count], key=lambda q: STAGE_ORDER.index(stage_of(q)))
    return QuestionPlan(questions=ordered, engine="gemini")


def _seamy(question: PlannedQuestion, resume: ParsedResume | None) -> bool:
    """A question a careful coach would not ask: a date or a name where an employer belongs, a pasted paragraph."""
    from interviews.coach.evaluation import plan_seams

    return resume is not None and bool(plan_seams([question], resume))


def cheatsheet_from_reply(reply: CheatsheetReply, *, resume_text: str, questions: list[PlannedQuestion]) -> CheatsheetContent:
    if not clean(reply.pitch):
        raise InvalidReply("Gemini's cheatsheet had no pitch")
    strengths = []
    for item in reply.strengths[:8]:
        # Evidence must be the candidate's own resume lines, not the model's paraphrase of them.
        evidence = [line for line in (verbatim(e, [resume_text]) for e in item.evidence) if line][:3]
        strengths.append(EvidencedStrength(skill=clean(item.skill, 60), evidence=evidence,
                                           talking_point=clean(item.talking_point)))
    return CheatsheetContent(
        pitch=clean(reply.pitch, MAX_TEXT),
        strengths=[s for s in strengths if s.skill],
        gaps=[GapAdvice(skill=clean(g.skill, 60), advice=clean(g.advice, 800)) for g in reply.gaps[:6] if clean(g.skill)],
        star_prompts=[
            StarPrompt(competency=clean(p.competency, 80), prompt=clean(p.prompt, 800),
                       suggested_story=verbatim(p.suggested_story, [resume_text]) if p.suggested_story else "")
            for p in reply.star_prompts[:6] if clean(p.competency)
        ],
        likely_questions=[q for q in clean_list(reply.likely_questions, limit=600, most=8)
                          if not is_near_duplicate(PlannedQuestion(kind="behavioral", competency="", text=q, rationale=""),
                                                   questions)][:5],
        questions_to_ask=clean_list(reply.questions_to_ask, limit=300, most=6),
        engine="gemini",
    )


def follow_up_from_reply(reply: FollowUpReply) -> str | None:
    if not reply.needs_follow_up:
        return None
    question = T.tidy(clean(reply.question, 300))
    if not question:
        raise InvalidReply("Gemini asked for a follow-up but did not write one")
    return question


def score_from_reply(
    reply: ScoreReply,
    *,
    analyses: list[scoring.AnswerAnalysis],
    offline: ScoreResult,
    job_weights: dict[str, float],
    transcript_texts: list[str],
) -> ScoreResult:
    """Merge Gemini's judgement of each answer with the numbers we compute (length, delivery, coverage)."""
    judged = {item.question_index: item for item in reply.per_question}
    per_question: list[QuestionFeedback] = []
    question_parts: list[dict[str, float]] = []
    for analysis, offline_feedback in zip(analyses, offline.per_question, strict=True):
        if not analysis.answered:  # skipped questions score 0 whatever the model says
            per_question.append(offline_feedback)
            question_parts.append({part: 0.0 for part in scoring.QUESTION_WEIGHTS})
            continue
        item = judged.get(analysis.index)
        if item is None:
            raise InvalidReply(f"Gemini did not score question {analysis.index + 1}")
        parts = {part: round(clamp_percent(getattr(item, part)) / 100, 3) for part in MODEL_PARTS}
        parts["length"] = analysis.parts["length"]
        feedback = clean(item.feedback, MAX_TEXT) or offline_feedback.feedback
        if analysis.copy_of is not None:  # the same answer cannot answer two questions, whatever the model says
            parts = {part: round(value * scoring.COPY_FACTOR, 3) for part, value in parts.items()}
            parts["length"] = analysis.parts["length"]
            feedback = (f"This is the same as your answer to question {analysis.copy_of + 1}, so it counts for less "
                        f"than half. {feedback}")
        score = round(100 * sum(scoring.QUESTION_WEIGHTS[p] * v for p, v in parts.items()))
        question_parts.append(parts)
        per_question.append(QuestionFeedback(
            question=analysis.question.text,
            answer=analysis.text,
            kind=analysis.question.kind,
            competency=analysis.question.competency,
            score=max(0, min(100, score)),
            feedback=feedback,
            strong=[] if analysis.copy_of is not None else clean_list(item.strong),
            missing=clean_list(item.missing),
            model_answer=clean_list(item.model_answer, most=6) or offline_feedback.model_answer,
            parts=parts,
            skills_shown=analysis.skills_shown,
        ))
    n = max(len(analyses), 1)
    overall = {part: 100 * sum(p[part] for p in question_parts) / n for part in scoring.QUESTION_WEIGHTS}
    for part in ("delivery", "skill_coverage"):
        if part in offline.parts:
            overall[part] = offline.parts[part]
    overall = {part: round(overall[part], 1) for part in job_weights}
    score = max(0, min(100, round(sum(job_weights[p] * overall[p] for p in job_weights))))

    def quoted(points: list[QuotedPoint], backup: list[QuotedPoint]) -> list[QuotedPoint]:
        kept: list[QuotedPoint] = []
        for point in points:
            quote = verbatim(point.quote, transcript_texts)
            text = clean(point.text)
            if quote and text and all(quote != k.quote for k in kept):
                kept.append(QuotedPoint(text=text, quote=quote))
        for point in backup:  # our own, already verbatim
            if len(kept) >= 3:
                break
            if all(point.quote != k.quote for k in kept):
                kept.append(point)
        return kept[:5]

    answered = sum(1 for a in analyses if a.answered)
    model_summary = re.sub(r"\b\d{1,3}\s*(?:/|out of)\s*100\b", "", clean(reply.summary, MAX_TEXT)).strip()
    summary = f"{score}/100 ({answered} of {len(analyses)} questions answered). {model_summary}".strip()
    return ScoreResult(
        engine="gemini",
        rubric_version=GEMINI_RUBRIC_VERSION,
        score=score,
        weights=job_weights,
        parts=overall,
        summary=summary,
        strengths=quoted(reply.strengths, offline.strengths),
        improvements=quoted(reply.improvements, offline.improvements),
        per_question=per_question,
        metrics=offline.metrics,
    )
