"""The interview agent worker's writes: loading a dispatched session, its turns as they happen, and
how its interview ended.

The agent (`interviews/video/agent.py`) runs in a LiveKit Agents job process and calls these through
`sync_to_async`; each function is a short transaction of its own, so a crash at any moment keeps
everything written before it. Turns go through `transcript.turn_record` (the same rules as the
practice room: a repeated `client_id` is stored once, a finished interview takes no more turns) and
the end through `transcript.interview_end` (idempotent with the room's own End button).
"""

import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from interviews.models import InterviewSession, TranscriptTurn, VideoCall, VideoEvent
from interviews.services.transcript import (
    TurnRejected,
    TurnResult,
    interview_end,
    interview_start,
    turn_record,
)
from interviews.services.video import tavus_callback_url

logger = logging.getLogger("saylo.video")

# Why a video interview stopped (`VideoCall.end_reason`). The first three finish the
# interview and score it; CANDIDATE_LEFT and AGENT_ERROR leave it live, so the candidate can come
# back to the video room (a fresh agent in a new room) or carry on in the practice room.
COMPLETED = "completed"  # every planned question was asked
CANDIDATE_ENDED = "candidate_ended"  # the candidate pressed End
CANDIDATE_LEFT = "candidate_left"  # the candidate's connection went away and did not come back in time
TIME_LIMIT = "time_limit"  # VIDEO_MAX_MINUTES reached
AGENT_ERROR = "agent_error"  # the agent, its model or the avatar failed mid-interview
PRACTICE_FALLBACK = "practice_fallback"  # the candidate carried on in the practice room (video-room's reason)
FINISHING_REASONS = (COMPLETED, CANDIDATE_ENDED, TIME_LIMIT)
AGENT_GONE_REASONS = (AGENT_ERROR, CANDIDATE_LEFT)  # the interview is live with no agent: a rejoin needs a new one

MAX_CONVERSATION_ID = 100  # VideoCall.conversation_id


class VideoAgentRefused(Exception):
    """The dispatched job cannot run an interview; `code` is a stable word for logs and events."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message, self.code = message, code


@dataclass(frozen=True)
class PlannedItem:
    id: int
    order: int
    text: str
    kind: str
    competency: str


@dataclass(frozen=True)
class InterviewBrief:
    """What the agent needs to run one interview, read once at dispatch (plain data: no ORM
    objects cross into the async world)."""

    session_id: int
    user_id: int
    candidate_name: str
    job_title: str
    company: str
    questions: list[PlannedItem]
    next_index: int  # the first planned question without an answer (a rejoin carries on there)
    answers_saved: int  # planned questions answered before this job (by an earlier job, or in practice)
    resume_text: str = ""
    job_text: str = ""
    started_at: datetime | None = None
    callback_url: str = ""  # where Tavus posts this session's callbacks ("" when they are off)

    @property
    def resumed(self) -> bool:
        return self.answers_saved > 0

    @property
    def candidate_identity(self) -> str:
        """The candidate's LiveKit identity (the start endpoint's token uses the same)."""
        return f"candidate-{self.user_id}"


def _session(session_id: int) -> InterviewSession:
    return InterviewSession.objects.get(pk=session_id)


def video_agent_event(*, session_id: int, kind: str, key: str = "", payload: dict | None = None) -> bool:
    """Record one agent event (stored once per `key`; `kind` when no key). Returns True when new."""
    key = (key or kind)[:120]
    try:
        with transaction.atomic():
            _, created = VideoEvent.objects.get_or_create(
                session_id=session_id, key=key,
                defaults={"source": VideoEvent.Source.AGENT, "kind": kind[:60], "payload": payload or {}},
            )
    except IntegrityError:  # the same key raced in
        return False
    return created


def video_agent_brief(*, session_id, job_id: str = "") -> InterviewBrief:
    """Load the session a job was dispatched for. Raises VideoAgentRefused when there is none, it is
    not a video interview, or it cannot be taken now (not prepared, already over); the refusal is
    recorded as an `agent.refused` event on the session when the session exists."""
    if not isinstance(session_id, int) or isinstance(session_id, bool) or session_id <= 0:
        raise VideoAgentRefused(f"The job metadata names no interview session ({session_id!r}).", code="no_session")
    session = InterviewSession.objects.select_related("user").filter(pk=session_id).first()
    if session is None:
        raise VideoAgentRefused(f"Interview session {session_id} does not exist.", code="no_session")
    problem = None
    if session.mode != InterviewSession.Mode.VIDEO:
        problem = ("not_video", "This interview is not a video interview (it may have moved to the practice room).")
    elif session.is_over:
        problem = ("over", "This interview has already ended.")
    elif not session.is_startable:
        problem = ("not_ready", f"This interview is {session.get_status_display().lower()}, not ready to start.")
    if problem:
        code, message = problem
        video_agent_event(session_id=session.pk, kind="agent.refused", key=f"agent.refused:{job_id or code}",
                          payload={"code": code, "message": message, "status": session.status, "mode": session.mode})
        raise VideoAgentRefused(message, code=code)
    questions = [
        PlannedItem(id=q.pk, order=q.order, text=q.text, kind=q.get_kind_display(), competency=q.competency)
        for q in session.questions.order_by("order", "id")
    ]
    if not questions:
        video_agent_event(session_id=session.pk, kind="agent.refused", key=f"agent.refused:{job_id or 'no_questions'}",
                          payload={"code": "no_questions"})
        raise VideoAgentRefused("This interview has no planned questions.", code="no_questions")
    # Where to carry on: the practice room's rule (transcript.room_state), read with two small queries.
    answered = set(session.turns.filter(role=TranscriptTurn.Role.CANDIDATE, is_follow_up=False)
                   .values_list("question_id", flat=True))
    next_index = next((i for i, q in enumerate(questions) if q.id not in answered), len(questions))
    job = session.job_input()
    return InterviewBrief(
        session_id=session.pk,
        user_id=session.user_id,
        candidate_name=(session.user.first_name or "").strip(),
        job_title=job.title or session.title,
        company=job.company,
        questions=questions,
        next_index=next_index,
        answers_saved=len(answered),
        resume_text=_resume_text(session),
        job_text=job.text,
        started_at=session.started_at,
        callback_url=tavus_callback_url(session),
    )


def _resume_text(session: InterviewSession) -> str:
    text = (session.resume_snapshot or {}).get("text") or ""
    if text.strip():
        return text
    from interviews.coach.gemini import resume_as_text  # sections only: let the coach write them out

    return resume_as_text(session.resume_input())


def video_agent_begin(*, session_id: int, job_id: str) -> datetime:
    """The agent joined: mark the interview live (idempotent) and record `agent.joined` for this job.
    Returns when the interview started (turn times count from it). Raises VideoAgentRefused when the
    session can no longer start."""
    try:
        session = interview_start(session=_session(session_id))
    except TurnRejected as rejected:
        raise VideoAgentRefused(rejected.message, code="not_ready") from None
    # A rejoin after a failure or a lost connection: the interview is back on, so the session page
    # stops saying it stopped.
    VideoCall.objects.filter(session_id=session_id, end_reason__in=AGENT_GONE_REASONS).update(end_reason="")
    video_agent_event(session_id=session_id, kind="agent.joined", key=f"agent.joined:{job_id}", payload={"job": job_id})
    return session.started_at


def video_agent_join(*, session_id, job_id: str) -> InterviewBrief:
    """The agent's first step, in one call: load the brief (`video_agent_brief`) and start the
    interview (`video_agent_begin`). Returns the brief with `started_at`. Raises VideoAgentRefused."""
    brief = video_agent_brief(session_id=session_id, job_id=job_id)
    return dataclasses.replace(brief, started_at=video_agent_begin(session_id=brief.session_id, job_id=job_id))


def video_agent_conversation_record(*, session_id: int, conversation_id: str) -> None:
    """Keep the Tavus conversation the avatar plugin just created on the session (a rejoin replaces
    the previous one, which its own job ended), and record `agent.conversation_started`."""
    conversation_id = (conversation_id or "").strip()[:MAX_CONVERSATION_ID]
    if not conversation_id:
        return
    VideoCall.note(session_id, conversation_id=conversation_id)
    video_agent_event(session_id=session_id, kind="agent.conversation_started", key=f"agent.conversation:{conversation_id}",
                      payload={"conversation_id": conversation_id})


def video_agent_avatar_joined(*, session_id: int, job_id: str, seconds: float) -> None:
    """The avatar is in the room with its video. `avatar_joined_at` keeps the first time (a Tavus
    callback may say it too); each job records how long its avatar took."""
    VideoCall.note(session_id, where={"avatar_joined_at__isnull": True}, avatar_joined_at=timezone.now())
    video_agent_event(session_id=session_id, kind="agent.avatar_joined", key=f"agent.avatar_joined:{job_id}",
                      payload={"seconds": round(seconds, 3)})


def video_turn_record(
    *,
    session_id: int,
    item_id: str,
    role: str,
    text: str,
    question_id: int | None,
    is_follow_up: bool,
    started_ms: int | None,
    ended_ms: int | None,
    input_mode: str = "",
) -> TurnResult | None:
    """Store one committed conversation item as a transcript turn (`source="agent"`, the item id as
    `client_id`, so a repeat is stored once). Returns None, logging why, when the interview no
    longer takes turns (the candidate already ended it from the room) or the item is malformed."""
    try:
        return turn_record(
            session=_session(session_id), client_id=item_id[:64], role=role, text=text,
            question_id=question_id, started_ms=started_ms, ended_ms=ended_ms, is_follow_up=is_follow_up,
            source=TranscriptTurn.Source.AGENT, input_mode=input_mode,
        )
    except TurnRejected as rejected:
        logger.warning("video agent: turn %s of session %s not stored: %s", item_id, session_id, rejected.message)
        return None


def video_agent_finish(*, session_id: int, reason: str, detail: dict | None = None) -> bool:
    """The interview is over (`reason` one of FINISHING_REASONS): finish it and enqueue scoring
    (idempotent with the room's End button), keep why it ended, record `agent.ended`.
    Returns True when this call finished the interview."""
    if reason not in FINISHING_REASONS:
        raise ValueError(f"{reason!r} does not finish an interview")
    session = _session(session_id)
    if session.mode != InterviewSession.Mode.VIDEO:  # carried on in the practice room meanwhile: not ours to end
        video_agent_left(session_id=session_id, reason=reason, detail={"mode": session.mode, **(detail or {})})
        return False
    session, changed = interview_end(session=session)
    VideoCall.note(session_id, where={"end_reason": ""}, end_reason=reason)
    video_agent_event(session_id=session_id, kind="agent.ended", key="agent.ended",
                      payload={"reason": reason, "finished_by_agent": changed, **(detail or {})})
    return changed


def video_agent_left(*, session_id: int, reason: str, detail: dict | None = None) -> None:
    """The agent left an interview that goes on without it (the candidate moved to the practice
    room): nothing about the session changes; `agent.left` records why."""
    video_agent_event(session_id=session_id, kind="agent.left", key=f"agent.left:{reason}",
                      payload={"reason": reason, **(detail or {})})


def video_agent_candidate_gone(*, session_id: int, job_id: str) -> bool:
    """The candidate's connection went away for longer than the rejoin grace: the agent leaves, the
    interview does not end. Every saved turn stays; a video interview in progress stays live with
    `end_reason="candidate_left"` on its call, so coming back to the video room dispatches a fresh agent
    (in a new room) that carries on at the first unanswered question, and the practice room works
    too. Records `agent.left`. Returns True when the session was marked."""
    with transaction.atomic():
        session = InterviewSession.objects.select_for_update().filter(pk=session_id).first()
        if session is None:
            return False
        marked = (session.mode == InterviewSession.Mode.VIDEO and not session.is_over
                  and session.status in {InterviewSession.Status.READY, InterviewSession.Status.LIVE})
        if marked:
            VideoCall.note(session_id, end_reason=CANDIDATE_LEFT)
        mode = session.mode
    video_agent_left(session_id=session_id, reason=CANDIDATE_LEFT, detail={"job": job_id, "mode": mode,
                                                                           "left_live": marked})
    return marked


def video_agent_fail(*, session_id: int, job_id: str, cause: str, message: str = "") -> bool:
    """The agent could not go on (its model, the avatar or the agent itself failed). Every saved turn
    stays; an interview still in progress stays live with `end_reason="agent_error"` on its call, which the
    session page answers with "Finish in the practice room". Records `agent.error`. Returns True when
    the session was marked."""
    with transaction.atomic():
        session = InterviewSession.objects.select_for_update().filter(pk=session_id).first()
        if session is None:
            return False
        marked = not session.is_over and session.status in {InterviewSession.Status.READY, InterviewSession.Status.LIVE}
        if marked:
            VideoCall.note(session_id, end_reason=AGENT_ERROR)
    video_agent_event(session_id=session_id, kind="agent.error", key=f"agent.error:{job_id}",
                      payload={"cause": cause, "message": message[:500], "left_live": marked})
    return marked


def video_agent_conversation_ended(*, session_id: int, conversation_id: str, ended_now: bool, error: str = "") -> None:
    """Record that the agent ended (or failed to end) its Tavus conversation."""
    kind = "agent.conversation_end_failed" if error else "agent.conversation_ended"
    video_agent_event(session_id=session_id, kind=kind, key=f"{kind}:{conversation_id}"[:120],
                      payload={"conversation_id": conversation_id, "ended_now": ended_now, "error": error[:500]})
