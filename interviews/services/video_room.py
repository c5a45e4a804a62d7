"""The candidate's side of a video interview: joining the room, and carrying on in the practice room
when video cannot go on."""

import logging

from django.db import transaction

from core.limits import limits_cache
from interviews.models import InterviewSession, VideoEvent
from interviews.services.transcript import TurnRejected, interview_start
from interviews.services.video_agent import AGENT_GONE_REASONS
from interviews.video.config import video_config, video_unavailable_reason
from interviews.video.livekit import LivekitConfigError, RoomGrant, candidate_token, room_name_new

logger = logging.getLogger("saylo.interviews")

# Each page load asks once; a candidate reloading in a loop, or a script, is told to slow down.
STARTS_PER_MINUTE = 10
FALLBACK_REASON = "practice_fallback"


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

    The room name is chosen on the first call and stored on the session, so every reload joins the
    same room and its agent. After the agent has gone (it failed, or the candidate's connection was
    away longer than the rejoin grace) a new room is chosen: joining it dispatches a fresh agent for
    the same session, which carries on at the first unanswered question. Records a `room.started`
    video event for each room. Raises VideoRoomRefused: 503 when video is
    not set up, 409 for a practice, unprepared or finished session, 429 when called too often.
    """
    if not video_config().enabled:
        raise VideoRoomRefused(video_unavailable_reason(staff=staff), status=503)
    _check_joinable(session)
    _rate_limit_take(user.pk)
    with transaction.atomic():
        locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
        _check_joinable(locked)
        if not locked.livekit_room or locked.video_end_reason in AGENT_GONE_REASONS:
            after = locked.video_end_reason
            # The reason is cleared with the new room, so a reload joins this room rather than another.
            locked.livekit_room, locked.video_end_reason = room_name_new(locked.pk), ""
            locked.save(update_fields=["livekit_room", "video_end_reason", "updated_at"])
            VideoEvent.objects.get_or_create(session=locked, key=f"room.started:{locked.livekit_room}"[:120], defaults={
                "source": VideoEvent.Source.ROOM, "kind": "room.started",
                "payload": {"room": locked.livekit_room, "after": after}})
        try:
            interview_start(session=locked)
        except TurnRejected as rejected:  # checked above under the same lock; kept for safety
            raise VideoRoomRefused(rejected.message, status=rejected.status) from None
        room = locked.livekit_room
    try:
        grant = candidate_token(config=video_config(), room=room, user_id=user.pk, session_id=session.pk,
                                name=user.get_full_name() or "Candidate")
    except LivekitConfigError:
        logger.exception("video token for session %s", session.pk)
        raise VideoRoomRefused(video_unavailable_reason(staff=staff), status=503) from None
    return grant


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
            locked.video_end_reason = locked.video_end_reason or FALLBACK_REASON
            locked.full_clean(exclude=["user", "resume", "job", "parent"], validate_unique=False, validate_constraints=False)
            locked.save(update_fields=["mode", "video_end_reason", "updated_at"])
            VideoEvent.objects.get_or_create(session=locked, key="room.fallback", defaults={
                "source": VideoEvent.Source.ROOM, "kind": "room.fallback",
                "payload": {"turns_kept": locked.turns.count()}})
    return locked
