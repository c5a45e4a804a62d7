"""Score runs. Scoring only ever adds a run; older runs are kept and the newest is shown."""

import logging

from django.db import transaction
from django.utils import timezone

from core.work import RESCORE, work_request
from interviews import lifecycle
from interviews.coach import get_coach
from interviews.coach.schemas import ScoreResult, TranscriptTurnIn
from interviews.lifecycle import Status, session_transition, session_transition_if
from interviews.models import InterviewSession, InterviewWork, ScoreRun, TranscriptTurn
from interviews.services.progress import score_summary_refresh
from interviews.workers import worker_id

logger = logging.getLogger("saylo.scoring")

SCORABLE = {InterviewSession.Status.FINISHED, InterviewSession.Status.SCORING, InterviewSession.Status.SCORED,
            InterviewSession.Status.FAILED}


class ScoringFailed(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def transcript_for_coach(session: InterviewSession) -> tuple[list[TranscriptTurnIn], list]:
    questions = list(session.questions.order_by("order", "id"))
    index_of = {q.pk: i for i, q in enumerate(questions)}
    turns = [
        TranscriptTurnIn(role=t.role, text=t.text, start_ms=t.started_ms, end_ms=t.ended_ms,
                         question_index=index_of.get(t.question_id), is_follow_up=t.is_follow_up,
                         input_mode=_input_mode(t))
        for t in session.turns.order_by("seq")
        if not (t.skipped and t.role == TranscriptTurn.Role.CANDIDATE and not t.text)
    ]
    return turns, [q.as_planned() for q in questions]


def _input_mode(turn: TranscriptTurn) -> str:
    """How the coach should read a turn's timings: the voice agent and Tavus only ever hear speech."""
    if turn.role != TranscriptTurn.Role.CANDIDATE:
        return ""
    if turn.input_mode:
        return turn.input_mode
    return TranscriptTurn.InputMode.SPOKEN if turn.source != TranscriptTurn.Source.PRACTICE else ""


def score_run_create(*, session: InterviewSession, trigger: str = ScoreRun.Trigger.INTERVIEW_END,
                     engine: str | None = None, rubric: str | None = None) -> ScoreRun:
    """Score the session's transcript and add a ScoreRun; the session becomes `scored`.

    Raises ScoringFailed (with a message a person can read) when the coach cannot score; the
    session's earlier runs are untouched, and a session without any run is marked failed at the
    `score` step so it can be retried.
    """
    if session.status not in SCORABLE or (session.status == InterviewSession.Status.FAILED
                                          and session.failed_step != InterviewSession.Step.SCORE):
        raise ScoringFailed("Only a finished interview can be scored.")
    transcript, questions = transcript_for_coach(session)
    session_transition_if(InterviewSession, session.pk, source=[Status.FINISHED, Status.FAILED], target=Status.SCORING)
    try:
        result: ScoreResult = get_coach(engine).score(transcript=transcript, questions=questions,
                                                      resume=session.resume_input(), job=session.job_input(), rubric=rubric)
    except Exception as exc:
        logger.exception("scoring failed for session %s", session.pk)
        message = (str(getattr(exc, "message", ""))
                   or "The coach could not score this interview. Your answers are saved — try again.")
        failed = {"failed_step": InterviewSession.Step.SCORE, "failure_reason": message}
        if not session.score_runs.exists():
            session_transition_if(InterviewSession, session.pk, source=[Status.SCORING], target=Status.FAILED, **failed)
        else:
            # The earlier score stays; nothing is pending any more, and the page says why.
            session_transition_if(InterviewSession, session.pk, source=[Status.SCORING, Status.SCORED],
                                  target=Status.SCORED, **failed)
            InterviewWork.note(session.pk, score_enqueued_at=None)
        raise ScoringFailed(message) from exc
    with transaction.atomic():
        run = ScoreRun.objects.create(
            session=session, rubric_version=result.rubric_version, engine=result.engine, engine_note=result.fallback_reason,
            score=max(0, min(100, result.score)), summary=result.summary, weights=result.weights, parts=result.parts,
            strengths=[p.model_dump(mode="json") for p in result.strengths],
            improvements=[p.model_dump(mode="json") for p in result.improvements],
            per_question=[q.model_dump(mode="json") for q in result.per_question],
            metrics=result.metrics.model_dump(mode="json"), trigger=trigger,
        )
        score_summary_refresh(session=session, run=run)  # history's figures, stored once per run
        session_transition_if(InterviewSession, session.pk, source=[Status.SCORING, Status.SCORED],
                              target=Status.SCORED, failed_step="", failure_reason="")
    session.refresh_from_db()
    return run


def _scoring_started(session: InterviewSession) -> None:
    InterviewWork.note(session.pk, score_started_at=timezone.now(), worker=worker_id())


def interview_score_after_end(*, session_id: int) -> str:
    """The task side of ending an interview: score it once. Running it again does nothing."""
    session = InterviewSession.objects.get(pk=session_id)
    if session.score_runs.filter(trigger=ScoreRun.Trigger.INTERVIEW_END).exists():
        return "already scored"
    if session.status not in {InterviewSession.Status.FINISHED, InterviewSession.Status.SCORING,
                              InterviewSession.Status.FAILED}:
        return f"not finished ({session.status})"
    _scoring_started(session)
    try:
        run = score_run_create(session=session, trigger=ScoreRun.Trigger.INTERVIEW_END)
    except ScoringFailed as failure:
        return f"failed: {failure.message}"
    return f"scored {run.score}"


def score_requested_by_candidate(*, session: InterviewSession) -> InterviewSession:
    """Queue a fresh score run for a finished interview (the earlier runs stay).

    Raises ValidationError when the interview has not finished yet."""
    from django.core.exceptions import ValidationError

    with transaction.atomic():
        locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
        if locked.status not in SCORABLE or (locked.status == InterviewSession.Status.FAILED
                                             and locked.failed_step != InterviewSession.Step.SCORE):
            raise ValidationError("Only a finished interview can be scored.")
        cleared = {"failed_step": "", "failure_reason": ""}
        target = Status.SCORING if not locked.score_runs.exists() else Status.SCORED
        if lifecycle.is_legal(locked.status, target):
            session_transition(locked, target, **cleared)
        else:  # scoring already under way: only the request is noted
            for name, value in cleared.items():
                setattr(locked, name, value)
            locked.save(update_fields=[*cleared, "updated_at"])
        InterviewWork.note(locked.pk, score_enqueued_at=timezone.now())
        work_request(RESCORE, locked.pk, ScoreRun.Trigger.CANDIDATE)
    return locked


def interview_rescore_requested(*, session_id: int, trigger: str) -> str:
    """The task side of a requested re-score: adds one run if the request is still pending."""
    session = InterviewSession.objects.get(pk=session_id)
    newest = session.score_runs.order_by("-created_at", "-id").first()
    asked = session.work.score_enqueued_at
    if asked is None or (newest is not None and newest.created_at >= asked):
        return "nothing pending"
    _scoring_started(session)
    try:
        run = score_run_create(session=session, trigger=trigger)
    except ScoringFailed as failure:
        return f"failed: {failure.message}"
    return f"scored {run.score}"
