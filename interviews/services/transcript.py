"""Turns saved from the interview room as each one ends, and starting/ending the interview."""

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from core.work import SCORE, work_request
from interviews.coach import get_coach
from interviews.lifecycle import Status, session_transition
from interviews.models import InterviewSession, InterviewWork, Question, TranscriptTurn

logger = logging.getLogger("saylo.interviews")

MAX_TURN_CHARS = 20_000
# What one practice interview can hold: every planned question asked and answered, each with at most
# one follow-up asked and answered (four turns a question), and all the candidate's words together
# within this many characters (an hour of speech is about 50,000).
TURNS_PER_QUESTION = 4
MAX_SESSION_CHARS = 120_000
MAX_FOLLOW_UP_CHARS = 600


class TurnRejected(Exception):
    """A turn that cannot be stored; `status` is the HTTP status the endpoint answers with and
    `details` any extra fields for its JSON reply."""

    def __init__(self, message: str, status: int = 400, details: dict | None = None):
        super().__init__(message)
        self.message, self.status, self.details = message, status, details or {}


def _already_answered(kept: TranscriptTurn) -> TurnRejected:
    what = "follow-up question" if kept.is_follow_up else "question"
    return TurnRejected(
        f"This {what} was already answered in another tab or window, so this answer was not saved — the first "
        "answer is kept. Close the other tabs and reload this page to carry on from the next question.",
        status=409,
        details={"kept_text": kept.text, "kept_skipped": kept.skipped, "question_id": kept.question_id},
    )


def _is_practice_answer(*, role: str, question_id, source: str) -> bool:
    return role == TranscriptTurn.Role.CANDIDATE and question_id is not None and source == TranscriptTurn.Source.PRACTICE


@dataclass(frozen=True)
class TurnResult:
    turn: TranscriptTurn
    created: bool
    follow_up: str | None = None


def interview_start(*, session: InterviewSession) -> InterviewSession:
    """Mark a ready session live (idempotent). Raises TurnRejected when it cannot start."""
    with transaction.atomic():
        locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
        if locked.status == Status.READY:
            session_transition(locked, Status.LIVE, started_at=timezone.now())
        elif locked.status != Status.LIVE:
            raise TurnRejected("This interview is not ready to start.", status=409)
    return locked


def turn_record(
    *,
    session: InterviewSession,
    client_id: str,
    role: str,
    text: str,
    question_id: int | None,
    started_ms: int | None,
    ended_ms: int | None,
    is_follow_up: bool = False,
    skipped: bool = False,
    source: str = TranscriptTurn.Source.PRACTICE,
    want_follow_up: bool = False,
    input_mode: str = "",
) -> TurnResult:
    """Store one finished turn. The same `client_id` twice stores it once (the first wins).

    One answer per question and attempt (the planned question, then its follow-up): a practice-room
    answer to a question already answered — from another tab, or the same turn sent again with
    other words — raises TurnRejected (409) naming the answer kept; a database constraint backs
    this up. Also raises TurnRejected for a finished session (409), a question of another session
    (400), or malformed values (400). Starts the interview on its first turn. For a candidate's
    answer to a planned question, `want_follow_up` asks the coach whether one probing question
    should follow (bounded in time: see `_follow_up_for`). `input_mode` says how a candidate's
    answer was given (typed, dictated, mixed; "" when the client did not say): delivery is only
    measured on speech. Interviewer turns never carry one.
    """
    if role not in TranscriptTurn.Role.values:
        raise TurnRejected("role must be 'interviewer' or 'candidate'.")
    if not client_id or len(client_id) > 64:
        raise TurnRejected("client_id is required (at most 64 characters).")
    if len(text) > MAX_TURN_CHARS:
        raise TurnRejected(f"A turn can hold at most {MAX_TURN_CHARS:,} characters.", status=413)
    for value in (started_ms, ended_ms):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > 86_400_000):
            raise TurnRejected("started_ms and ended_ms must be whole milliseconds since the interview began.")
    if started_ms is not None and ended_ms is not None and ended_ms < started_ms:
        raise TurnRejected("ended_ms is before started_ms.")
    if not isinstance(input_mode, str) or input_mode not in TranscriptTurn.InputMode.values:
        raise TurnRejected("input_mode must be one of: typed, dictated, mixed, spoken (or left out).")
    if role != TranscriptTurn.Role.CANDIDATE:
        input_mode = ""

    practice_answer = _is_practice_answer(role=role, question_id=question_id, source=source)
    if source == TranscriptTurn.Source.PRACTICE and question_id is None:
        raise TurnRejected("Every turn of the practice room belongs to a question of this interview.")
    existing = TranscriptTurn.objects.filter(session=session, client_id=client_id).first()
    if existing:
        if practice_answer and (existing.text != text.strip() or existing.skipped != skipped):
            raise _already_answered(existing)
        return TurnResult(turn=existing, created=False)

    question = None
    if question_id is not None:
        question = Question.objects.filter(session=session, pk=question_id).first()
        if question is None:
            raise TurnRejected("That question is not part of this interview.")
    if source == TranscriptTurn.Source.PRACTICE and role == TranscriptTurn.Role.INTERVIEWER:
        # The interviewer's words come from the plan and the coach, not from the browser.
        text = question.follow_up_text if is_follow_up else question.text
        if not text:
            raise TurnRejected("No follow-up question was asked for this question.", status=409)

    try:
        with transaction.atomic():
            locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
            if locked.is_over or locked.status not in {InterviewSession.Status.READY, InterviewSession.Status.LIVE}:
                raise TurnRejected("This interview has ended; no more answers can be added.", status=409)
            if practice_answer:
                kept = _answer_to(locked, question=question, is_follow_up=is_follow_up)
                if kept is not None:
                    raise _already_answered(kept)
            if source == TranscriptTurn.Source.PRACTICE:
                _practice_room_bounds(locked, role=role, question=question, is_follow_up=is_follow_up, text=text)
            if locked.status == Status.READY:
                session_transition(locked, Status.LIVE, started_at=timezone.now())
            seq = (locked.turns.aggregate(top=Max("seq"))["top"] or 0) + 1
            turn = TranscriptTurn.objects.create(
                session=locked, seq=seq, role=role, text=text.strip(), question=question, is_follow_up=is_follow_up,
                skipped=skipped, started_ms=started_ms, ended_ms=ended_ms, source=source, client_id=client_id,
                input_mode=input_mode,
            )
    except IntegrityError:
        # Another request raced this one past the checks: the same client_id (that one was stored),
        # or another answer to this question (the constraint one_practice_answer_per_question).
        same = TranscriptTurn.objects.filter(session=session, client_id=client_id).first()
        if same is not None and not (practice_answer and (same.text != text.strip() or same.skipped != skipped)):
            return TurnResult(turn=same, created=False)
        kept = _answer_to(session, question=question, is_follow_up=is_follow_up) if practice_answer else None
        if kept is None:
            raise
        raise _already_answered(kept) from None

    follow_up = None
    if (want_follow_up and role == TranscriptTurn.Role.CANDIDATE and question is not None and not is_follow_up
            and not skipped and turn.text):
        follow_up = _follow_up_for(session=session, question=question, answer=turn.text)
        if follow_up:
            # Kept with the question: the interviewer's follow-up turn is recorded from here.
            Question.objects.filter(pk=question.pk, follow_up_text="").update(follow_up_text=follow_up[:MAX_FOLLOW_UP_CHARS])
            follow_up = Question.objects.values_list("follow_up_text", flat=True).get(pk=question.pk) or None
    return TurnResult(turn=turn, created=True, follow_up=follow_up)


def _practice_room_bounds(session: InterviewSession, *, role: str, question: Question, is_follow_up: bool,
                          text: str) -> None:
    """What one practice interview may hold (the session row is locked): one interviewer turn per question
    and per follow-up, four turns a question in all, and the candidate's words within MAX_SESSION_CHARS."""
    turns = TranscriptTurn.objects.filter(session=session, source=TranscriptTurn.Source.PRACTICE)
    if role == TranscriptTurn.Role.INTERVIEWER and turns.filter(
            role=role, question=question, is_follow_up=is_follow_up).exists():
        raise TurnRejected("That question was already asked in this interview.", status=409)
    if turns.count() >= TURNS_PER_QUESTION * max(1, session.questions.count()):
        raise TurnRejected("This interview holds every turn it can; end it to see your results.", status=409)
    if role == TranscriptTurn.Role.CANDIDATE:
        said = sum(len(t) for t in turns.filter(role=role).values_list("text", flat=True))
        if said + len(text) > MAX_SESSION_CHARS:
            raise TurnRejected(f"This interview's answers already hold {said:,} characters, the most one interview "
                               "keeps. End it to see your results.", status=413)


def _answer_to(session: InterviewSession, *, question: Question | None, is_follow_up: bool) -> TranscriptTurn | None:
    return (TranscriptTurn.objects.filter(session=session, role=TranscriptTurn.Role.CANDIDATE,
                                          source=TranscriptTurn.Source.PRACTICE, question=question,
                                          is_follow_up=is_follow_up).order_by("seq").first())


_follow_up_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="saylo-follow-up")


def _follow_up_for(*, session: InterviewSession, question: Question, answer: str) -> str | None:
    """The follow-up question, generated while the candidate's answer is saved, so it is bounded:
    Gemini gets GEMINI_FOLLOW_UP_SECONDS and one attempt, and whatever it has not answered by then
    (a silent or refused server, a slow reply) is replaced by the offline coach's follow-up."""
    if question.follow_up_text or TranscriptTurn.objects.filter(session=session, question=question,
                                                                 is_follow_up=True).exists():
        return None  # one probing question per planned question at most
    planned, job = question.as_planned(), session.job_input()
    coach = get_coach()
    if coach.name != "gemini":
        return _offline_follow_up(coach, planned, answer, job, session)
    seconds = float(settings.GEMINI_FOLLOW_UP_SECONDS)
    quick = type(coach)(config=replace(coach.config, timeout_seconds=seconds, max_attempts=1), fallback=coach.fallback)
    future = _follow_up_pool.submit(quick.follow_up, question=planned, answer=answer, job=job)
    try:
        return future.result(timeout=seconds + 0.5)
    except FutureTimeout:
        future.cancel()
        logger.warning("Gemini follow-up took longer than %g s for session %s; the offline coach answered",
                       seconds, session.pk)
    except Exception:  # a follow-up is a bonus: never fail the saved answer for it
        logger.exception("Gemini follow-up failed for session %s", session.pk)
    return _offline_follow_up(coach.fallback, planned, answer, job, session)


def _offline_follow_up(coach, planned, answer, job, session) -> str | None:
    try:
        return coach.follow_up(question=planned, answer=answer, job=job)
    except Exception:  # a follow-up is a bonus: never fail the saved answer for it
        logger.exception("follow-up failed for session %s", session.pk)
        return None


def interview_end(*, session: InterviewSession) -> tuple[InterviewSession, bool]:
    """Finish the interview and enqueue scoring once committed. Idempotent: ending an interview
    that already ended changes nothing and returns `changed=False`."""
    with transaction.atomic():
        locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
        if locked.status not in {InterviewSession.Status.READY, InterviewSession.Status.LIVE}:
            return locked, False
        now = timezone.now()
        session_transition(locked, Status.FINISHED, ended_at=now, started_at=locked.started_at or now)
        InterviewWork.note(locked.pk, score_enqueued_at=now)
        work_request(SCORE, locked.pk)  # in this transaction: ended and queued, or neither
    return locked, True


@dataclass(frozen=True)
class RoomState:
    questions: list[dict]
    turns: list[dict]
    next_index: int  # index into questions of the first one without an answer (== len when all done)
    elapsed_ms: int


def room_state(*, session: InterviewSession) -> RoomState:
    """What the room needs to resume: the plan, the turns already saved and where to carry on."""
    questions = list(session.questions.order_by("order", "id"))
    turns = list(session.turns.order_by("seq"))
    answered = {t.question_id for t in turns if t.role == TranscriptTurn.Role.CANDIDATE and not t.is_follow_up}
    # A question whose follow-up was asked but not answered resumes at that follow-up.
    next_index = next((i for i, q in enumerate(questions) if q.pk not in answered), len(questions))
    elapsed = max((t.ended_ms or t.started_ms or 0 for t in turns), default=0)
    return RoomState(
        questions=[{"id": q.pk, "text": q.text, "kind": q.get_kind_display(), "competency": q.competency} for q in questions],
        turns=[{"client_id": t.client_id, "role": t.role, "text": t.text, "question_id": t.question_id,
                "is_follow_up": t.is_follow_up, "skipped": t.skipped, "started_ms": t.started_ms, "ended_ms": t.ended_ms}
               for t in turns],
        next_index=next_index,
        elapsed_ms=elapsed,
    )
