"""The candidate's side of a video interview: joining the room, and carrying on in the practice room
when video cannot go on."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from core.limits import limits_cache
from interviews.models import InterviewSession, VideoCall, VideoEvent
from interviews.services.transcript import TurnRejected, interview_end, interview_start
from interviews.services.video_agent import AGENT_GONE_REASONS, CANDIDATE_ENDED
from interviews.video.config import video_config, video_unavailable_reason
from interviews.video.livekit import LivekitConfigError, RoomGrant, candidate_token, room_name_new

logger = logging.getLogger("saylo.interviews")

# Each page load asks once; a candidate reloading in a loop, or a script, is told to slow down.
STARTS_PER_MINUTE = 10
FALLBACK_REASON = "practice_fallback"
# After End: the agent's goodbye (at most 20 s, agent.GOODBYE_SECONDS) and its last commits, with a
# margin. Past this, the server finishes the interview itself (the page asks again, `tavus_sweep`
# finishes it for a page that was closed).
END_WAIT_SECONDS = 30
END_REQUESTED = "room.end_requested"
CONSENT = "room.consent"
NO_CONSENT = ("Read what the video interview sends where, check your camera and microphone, and agree before "
              "joining — or continue in the practice room.")


class VideoRoomRefused(Exception):
    """The room cannot be joined (or left for practice); `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.message, self.status = message, status


def _check_joinable(session: InterviewSession) -> None:
    if session.mode != InterviewSession.Mode.VIDEO:
        raise VideoRoomRefused("This is a practice interview — open it in the practice room.")
    if session.is_over:
        raise VideoRoomRefused("This interview has ended. Your answers are saved — see your results.")
    if not session.is_startable:
        raise VideoRoomRefused("This interview is not ready yet — wait for preparation to finish, then start it.")


def _rate_limit_take(user_id: int) -> None:
    key = f"saylo:video-start:{user_id}"
    cache = limits_cache()  # counters live where content cannot evict them (core/limits.py)
    if cache.add(key, 1, timeout=60):
        return
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=60)
        return
    if used is not None and used > STARTS_PER_MINUTE:  # None: the store is away, the attempt goes through
        raise VideoRoomRefused("Too many attempts to join the video room. Wait a minute, then reload the page.",
                               status=429)


def video_room_start(*, session: InterviewSession, user, staff: bool = False) -> RoomGrant:
    """Give the candidate a fresh token for this session's room and mark the session live.

    The room name is chosen on the first call and kept on the session's call, so every reload joins the
    same room and its agent. After the agent has gone (it failed, or the candidate's connection was
    away longer than the rejoin grace) a new room is chosen: joining it dispatches a fresh agent for
    the same session, which carries on at the first unanswered question. Records a `room.started`
    video event for each room. Raises VideoRoomRefused: 503 when video is not set up, 409 for a
    practice, unprepared or finished session or before the candidate agreed to how the video
    interview works (`video_consent_record`: nothing is billed before that), 429 when called too
    often.
    """
    if not video_config().enabled:
        raise VideoRoomRefused(video_unavailable_reason(staff=staff), status=503)
    _check_joinable(session)
    # Nothing is billed (token, agent dispatch, Tavus conversation) before the candidate agreed.
    if not VideoEvent.objects.filter(session=session, key=CONSENT).exists():
        raise VideoRoomRefused(NO_CONSENT, status=409)
    _rate_limit_take(user.pk)
    with transaction.atomic():
        locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
        _check_joinable(locked)
        call = VideoCall.of(locked.pk, lock=True)  # one call, one room
        if not call.livekit_room or call.end_reason in AGENT_GONE_REASONS:
            after = call.end_reason
            # The reason is cleared with the new room, so a reload joins this room rather than another.
            call.livekit_room, call.end_reason = room_name_new(locked.pk), ""
            call.save(update_fields=["livekit_room", "end_reason"])
            VideoEvent.objects.get_or_create(session=locked, key=f"room.started:{call.livekit_room}"[:120], defaults={
                "source": VideoEvent.Source.ROOM, "kind": "room.started",
                "payload": {"room": call.livekit_room, "after": after}})
        try:
            interview_start(session=locked)
        except TurnRejected as rejected:  # checked above under the same lock; kept for safety
            raise VideoRoomRefused(rejected.message, status=rejected.status) from None
        room = call.livekit_room
    try:
        grant = candidate_token(config=video_config(), room=room, user_id=user.pk, session_id=session.pk,
                                name=user.get_full_name() or "Candidate")
    except LivekitConfigError:
        logger.exception("video token for session %s", session.pk)
        raise VideoRoomRefused(video_unavailable_reason(staff=staff), status=503) from None
    return grant


def video_consent_record(*, session: InterviewSession) -> bool:
    """The candidate read what the video interview sends where (voice to Google's Gemini, the
    interviewer's video from Tavus, the call through LiveKit; what Saylo keeps) and agreed, once per
    interview: a `room.consent` event, saying whether recording was on. Returns True when recorded
    now. Raises VideoRoomRefused (409) for an interview that is over, not prepared or not video."""
    _check_joinable(session)
    _, created = VideoEvent.objects.get_or_create(session=session, key=CONSENT, defaults={
        "source": VideoEvent.Source.ROOM, "kind": CONSENT,
        "payload": {"recording": video_config().recording, "at": timezone.now().isoformat()}})
    return created


def video_has_consent(session: InterviewSession) -> bool:
    return VideoEvent.objects.filter(session=session, key=CONSENT).exists()


@dataclass(frozen=True)
class EndOutcome:
    ended: bool  # the interview is over (finished, scoring or scored)
    wait_seconds: float = 0.0  # how much longer the page waits for the agent's "ended" phase


def video_end_request(*, session: InterviewSession, now: datetime | None = None) -> EndOutcome:
    """The candidate pressed End in the video room (the page has also told the agent). The agent
    finishes the interview after committing what the candidate said last, then publishes "ended";
    finishing here at once would refuse that last answer. So the first call records when End was
    pressed (a `room.end_requested` event) and answers how long to wait. A call once
    END_WAIT_SECONDS have passed, or when no agent is there to finish it (it failed or left),
    finishes the interview and enqueues scoring (reason `candidate_ended`). Raises VideoRoomRefused
    (409) for an interview that has not started."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
        if locked.is_over:
            return EndOutcome(ended=True)
        if not locked.is_startable:
            raise VideoRoomRefused("This interview is not ready yet — wait for preparation to finish, then start it.")
        event, _ = VideoEvent.objects.get_or_create(session=locked, key=END_REQUESTED, defaults={
            "source": VideoEvent.Source.ROOM, "kind": END_REQUESTED, "payload": {"at": now.isoformat()}})
        waited = max(0.0, (now - event.created_at).total_seconds())
        call = locked.video_call_or_none
        no_agent = (locked.mode != InterviewSession.Mode.VIDEO or call is None or call.end_reason in AGENT_GONE_REASONS
                    or not _agent_joined_this_room(locked))
        if waited < END_WAIT_SECONDS and not no_agent:
            return EndOutcome(ended=False, wait_seconds=END_WAIT_SECONDS - waited)
        _end_for_candidate(locked, waited=waited)
    return EndOutcome(ended=True)


def _agent_joined_this_room(session: InterviewSession) -> bool:
    """Whether an agent joined since the current room was opened (else nobody is there to commit
    anything, and End need not wait)."""
    started = VideoEvent.objects.filter(session=session, kind="room.started").order_by("-pk").first()
    joined = VideoEvent.objects.filter(session=session, kind="agent.joined")
    return (joined.filter(pk__gt=started.pk) if started else joined).exists()


def _end_for_candidate(locked: InterviewSession, *, waited: float) -> None:
    locked, finished = interview_end(session=locked)
    call = VideoCall.of(locked.pk, lock=True)
    if not call.end_reason or call.end_reason in AGENT_GONE_REASONS:
        call.end_reason = CANDIDATE_ENDED
        call.save(update_fields=["end_reason"])
    if finished:
        VideoEvent.objects.get_or_create(session=locked, key="room.end_timeout", defaults={
            "source": VideoEvent.Source.ROOM, "kind": "room.end_timeout",
            "payload": {"waited_seconds": round(waited, 1)}})


def video_end_requests_finish(*, now: datetime | None = None) -> list[int]:
    """Finish the interviews whose candidate pressed End more than END_WAIT_SECONDS ago and that no
    agent finished (the page was closed meanwhile): the server side of End's time-out, run by
    `tavus_sweep`. Returns the ids of the interviews finished."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=END_WAIT_SECONDS)
    waiting = InterviewSession.objects.filter(
        status=InterviewSession.Status.LIVE, video_events__key=END_REQUESTED, video_events__created_at__lt=cutoff)
    finished = []
    for session in waiting:
        if video_end_request(session=session, now=now).ended:
            finished.append(session.pk)
    return finished


def video_fallback_to_practice(*, session: InterviewSession) -> InterviewSession:
    """Carry a video interview on in the practice room: mode becomes practice, the status stays
    ready/live and every saved turn is kept, so the room resumes at the first unanswered question.
    Idempotent. Raises VideoRoomRefused (409) when the interview is over or not prepared yet."""
    with transaction.atomic():
        locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
        if locked.is_over:
            raise VideoRoomRefused("This interview has ended. Your answers are saved — see your results.")
        if not locked.is_startable:
            raise VideoRoomRefused("This interview is not ready yet — wait for preparation to finish, then start it.")
        if locked.mode == InterviewSession.Mode.VIDEO:
            locked.mode = InterviewSession.Mode.PRACTICE
            locked.full_clean(exclude=["user", "resume", "job", "parent"], validate_unique=False, validate_constraints=False)
            locked.save(update_fields=["mode", "updated_at"])
            VideoCall.note(locked.pk, where={"end_reason": ""}, end_reason=FALLBACK_REASON)
            VideoEvent.objects.get_or_create(session=locked, key="room.fallback", defaults={
                "source": VideoEvent.Source.ROOM, "kind": "room.fallback",
                "payload": {"turns_kept": locked.turns.count()}})
    return locked
