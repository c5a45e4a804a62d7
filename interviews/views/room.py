"""The interview room (practice mode) and the small JSON endpoints it talks to."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core.ids import parse_id
from core.jsonbody import BadJsonBody, json_object
from core.middleware import allow_features
from interviews import selectors
from interviews.models import InterviewSession
from interviews.services.transcript import TurnRejected, interview_end, room_state, turn_record
from interviews.views import video

logger = logging.getLogger("saylo.interviews")

MAX_TURN_BODY = 64 * 1024


@login_required
@allow_features("camera", "microphone")  # the camera preview, dictation and the video call
def room(request, pk):
    session = selectors.session_for_user(request.user, pk)
    if session.is_over:
        return redirect("interviews:results", pk=pk)
    if not session.is_startable:
        messages.warning(request, "This interview is not ready yet — wait for preparation to finish, then start it.")
        return redirect("interviews:detail", pk=pk)
    state = room_state(session=session)
    config = {
        "sessionId": session.pk,
        "title": session.title,
        "answerSeconds": session.answer_seconds,
        "questions": state.questions,
        "turns": state.turns,
        "nextIndex": state.next_index,
        "elapsedMs": state.elapsed_ms,
        "urls": {
            "turns": reverse("interviews:turns", args=[pk]),
            "end": reverse("interviews:end", args=[pk]),
            "results": reverse("interviews:results", args=[pk]),
            "detail": reverse("interviews:detail", args=[pk]),
        },
    }
    current = state.questions[state.next_index] if state.next_index < len(state.questions) else None
    context = {"session": session, "config": config, "state": state, "current_question": current}
    if session.mode == InterviewSession.Mode.VIDEO:
        return video.room_video(request, session, context=context)
    return render(request, "interviews/room.html", context)


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"ok": False, "error": message}, status=status)


@login_required
@require_POST
def turns(request, pk):
    """Save one finished turn: JSON in, JSON out; idempotent by `client_id`."""
    session = selectors.session_for_user(request.user, pk)
    try:
        payload = json_object(request, max_bytes=MAX_TURN_BODY, what="turn")
    except BadJsonBody as bad:
        return _json_error(bad.message, bad.status)
    question_id = payload.get("question_id")
    if question_id is not None and (not isinstance(question_id, int) or isinstance(question_id, bool)):
        return _json_error("question_id must be a number.", 400)
    if question_id is not None and parse_id(question_id) is None:
        return _json_error("That question is not part of this interview.", 400)
    text = payload.get("text", "")
    if not isinstance(text, str):
        return _json_error("text must be a string.", 400)
    try:
        result = turn_record(
            session=session, client_id=str(payload.get("client_id", ""))[:65], role=payload.get("role", ""), text=text,
            question_id=question_id, started_ms=payload.get("started_ms"), ended_ms=payload.get("ended_ms"),
            is_follow_up=bool(payload.get("is_follow_up")), skipped=bool(payload.get("skipped")),
            want_follow_up=bool(payload.get("want_follow_up")), input_mode=payload.get("input_mode") or "",
        )
    except TurnRejected as rejected:
        return JsonResponse({"ok": False, "error": rejected.message, **rejected.details}, status=rejected.status)
    return JsonResponse({"ok": True, "created": result.created, "seq": result.turn.seq, "follow_up": result.follow_up},
                        status=201 if result.created else 200)


@login_required
@require_POST
def end(request, pk):
    session = selectors.session_for_user(request.user, pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        session, changed = interview_end(session=session)
    except DatabaseError:
        # Nothing changed (ending and queueing the scoring are one transaction); the room retries.
        logger.exception("ending interview %s failed", pk)
        message = "Saylo could not end the interview just now. Your answers are saved — trying again shortly."
        if wants_json:
            return _json_error(message, 503)
        messages.error(request, message)
        return redirect("interviews:room", pk=pk)
    results_url = reverse("interviews:results", args=[pk])
    if session.status == InterviewSession.Status.PREPARING or session.status == InterviewSession.Status.DRAFT:
        if wants_json:
            return _json_error("This interview has not started.", 409)
        messages.warning(request, "This interview has not started.")
        return redirect("interviews:detail", pk=pk)
    if wants_json:
        return JsonResponse({"ok": True, "changed": changed, "status": session.status, "results_url": results_url})
    return redirect(results_url)


@login_required
@require_GET
def state(request, pk):
    session = selectors.session_for_user(request.user, pk)
    current = room_state(session=session)
    return JsonResponse({"status": session.status, "next_index": current.next_index, "turns": current.turns,
                         "elapsed_ms": current.elapsed_ms})
