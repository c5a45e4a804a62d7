"""What the operator commands read and print: the transcript file, JSON payloads, readable reports.

Kept out of the command modules so the JSON shapes (a contract for operators and scripts) are defined
once and tested directly.
"""

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError

from interviews.coach.base import CoachError
from interviews.coach.schemas import CheatsheetContent, PlannedQuestion, QuestionPlan, ScoreResult, TranscriptTurnIn
from interviews.coach.scoring import guess_kind


class TranscriptFile(BaseModel):
    """`score_transcript FILE`: the resume and job as text, the turns, and optionally the planned questions."""

    resume_text: str
    job_text: str
    job_title: str = ""
    company: str = ""
    turns: list[TranscriptTurnIn]
    questions: list[str | PlannedQuestion] | None = None


def read_json(path: str | Path, *, what: str = "file") -> object:
    path = Path(path)
    if not path.exists():
        raise CoachError(f"{path} does not exist.")
    if not path.is_file():
        raise CoachError(f"{path} is not a file.")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CoachError(f"{path} is not UTF-8 text: is it the right {what}?") from exc
    except json.JSONDecodeError as exc:
        raise CoachError(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from exc


def _shape_error(path: str | Path, exc: ValidationError, expected: str) -> CoachError:
    problems = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error.get("loc", ())) or "top level"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return CoachError(f"{path} does not have the expected shape ({'; '.join(problems)}). Expected {expected}.")


def load_transcript_file(path: str | Path) -> TranscriptFile:
    data = read_json(path, what="transcript file")
    expected = ('{"resume_text", "job_text", "turns": [{"role": "interviewer"|"candidate", "text", "start_ms", "end_ms"}]}')
    if not isinstance(data, dict):
        raise CoachError(f"{path} does not have the expected shape (a JSON object is needed). Expected {expected}.")
    try:
        return TranscriptFile.model_validate(data)
    except ValidationError as exc:
        raise _shape_error(path, exc, expected) from exc


def questions_for(file: TranscriptFile) -> list[PlannedQuestion]:
    """The planned questions: from the file when given, else the interviewer's own (non-follow-up) turns."""
    if file.questions:
        return [
            q if isinstance(q, PlannedQuestion)
            else PlannedQuestion(kind=guess_kind(q), competency="", text=q, rationale="From the transcript file.")
            for q in file.questions
        ]
    by_index: dict[int, str] = {}
    next_index = 0
    for turn in file.turns:
        if turn.role != "interviewer" or turn.is_follow_up:
            continue
        index = turn.question_index if turn.question_index is not None else next_index
        by_index.setdefault(index, turn.text)
        next_index = max(next_index, index + 1)
    return [
        PlannedQuestion(kind=guess_kind(by_index.get(i, "")), competency="", text=by_index.get(i, ""),
                        rationale="Asked by the interviewer in the transcript.")
        for i in range(next_index)
    ]


# --- Output ----------------------------------------------------------------------------------------------------

def score_payload(result: ScoreResult) -> dict:
    """`score_transcript --json`: engine, rubric_version, score, summary, strengths, improvements, per_question, metrics."""
    return result.model_dump(mode="json")


def plan_payload(plan: QuestionPlan, cheatsheet: CheatsheetContent) -> dict:
    """`plan_interview --json`: engine, questions, cheatsheet (+ fallback_reason)."""
    return {
        "engine": plan.engine,
        "fallback_reason": plan.fallback_reason,
        "questions": [q.model_dump(mode="json") for q in plan.questions],
        "cheatsheet": cheatsheet.model_dump(mode="json"),
    }


def _engine_line(engine: str, fallback_reason: str) -> str:
    return f"Engine: {engine}" + (f" — {fallback_reason}" if fallback_reason else "")


def score_report(result: ScoreResult) -> str:
    m = result.metrics
    lines = [
        f"Score: {result.score}/100   (rubric {result.rubric_version})",
        _engine_line(result.engine, result.fallback_reason),
        "",
        result.summary,
        "",
        "Parts (weight → score):",
        *[f"  {part:<15} {result.weights.get(part, 0):>5.0%}  {value:5.1f}" for part, value in result.parts.items()],
        "",
        "Strengths:",
        *[f"  + {p.text}" + (f"\n      “{p.quote}”" if p.quote else "") for p in result.strengths],
        "Improvements:",
        *[f"  - {p.text}" + (f"\n      “{p.quote}”" if p.quote else "") for p in result.improvements],
        "",
        "Per question:",
    ]
    for n, item in enumerate(result.per_question, start=1):
        lines.append(f"  {n}. [{item.score:>3}] {item.question}")
        lines.append(f"       {item.feedback}")
        if item.missing:
            lines.append(f"       Missing: {'; '.join(item.missing[:3])}")
    fillers = ", ".join(f"{k} ×{v}" for k, v in m.filler_counts.items()) or "none"
    if m.words_per_minute is not None:
        fpm = f"{m.fillers_per_minute:.1f}" if m.fillers_per_minute is not None else "n/a"
        delivery = f"Delivery: {m.words_per_minute:.0f} words/min, {fpm} fillers/min ({fillers}), {m.long_pauses} long pauses"
    else:
        delivery = "Delivery: not measured"
    lines += [
        "",
        delivery,
        *([f"  {m.delivery_basis}"] if m.delivery_basis else []),
        f"Answers: {m.answered} answered, {m.skipped} skipped, average {m.average_answer_words:.0f} words; "
        f"STAR coverage {m.star_coverage:.0%}, {m.quantified_answers} with numbers, "
        f"required skills shown {m.required_skill_coverage:.0%}",
    ]
    return "\n".join(lines)


def plan_report(plan: QuestionPlan, cheatsheet: CheatsheetContent) -> str:
    lines = [_engine_line(plan.engine, plan.fallback_reason), "", f"Questions ({len(plan.questions)}):"]
    for n, q in enumerate(plan.questions, start=1):
        lines.append(f"  {n}. [{q.kind} · {q.competency}] {q.text}")
        lines.append(f"       Why: {q.rationale}")
        for point in q.strong_answer_points:
            lines.append(f"       • {point}")
    lines += ["", "Cheatsheet", "  Pitch: " + cheatsheet.pitch, "  Strengths:"]
    for s in cheatsheet.strengths:
        lines.append(f"    {s.skill}: {s.talking_point}")
        lines.extend(f"      “{e}”" for e in s.evidence)
    lines.append("  Gaps:")
    lines.extend(f"    {g.skill}: {g.advice}" for g in cheatsheet.gaps)
    lines.append("  STAR stories to prepare:")
    for p in cheatsheet.star_prompts:
        lines.append(f"    {p.competency}: {p.prompt}" + (f"\n      Seed: “{p.suggested_story}”" if p.suggested_story else ""))
    lines.append("  Also likely:")
    lines.extend(f"    ~ {q}" for q in cheatsheet.likely_questions)
    lines.append("  Questions to ask:")
    lines.extend(f"    ? {q}" for q in cheatsheet.questions_to_ask)
    return "\n".join(lines)


def to_json(payload: object) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False)


__all__ = [
    "TranscriptFile", "load_transcript_file", "plan_payload", "plan_report", "questions_for", "read_json",
    "score_payload", "score_report", "to_json",
]
