"""The interview room (practice mode) and the small JSON endpoints it talks to."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from interviews import selectors
from interviews.models import InterviewSession
from interviews.services.transcript import TurnRejected, interview_end, room_state, turn_record
from interviews.views import video

MAX_TURN_BODY = 64 * 1024


@login_required
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
    if len(request.body) > MAX_TURN_BODY:
        return _json_error("That turn is too large to save.", 413)
    try:
        payload = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return _json_error("The body must be JSON.", 400)
    if not isinstance(payload, dict):
        return _json_error("The body must be a JSON object.", 400)
    question_id = payload.get("question_id")
    if question_id is not None and (not isinstance(question_id, int) or isinstance(question_id, bool)):
        return _json_error("question_id must be a number.", 400)
    text = payload.get("text", "")
    if not isinstance(text, str):
        return _json_error("text must be a string.", 400)
    try:
        result = turn_record(
            session=session, client_id=str(payload.get("client_id", ""))[:65], role=payload.get("role", ""), text=text,
            question_id=question_id, started_ms=payload.get("started_ms"), ended_ms=payload.get("ended_ms"),
            is_follow_up=bool(payload.get("is_follow_up")), skipped=bool(payload.get("skipped")),
            want_follow_up=bool(payload.get("want_follow_up")),
        )
    except TurnRejected as rejected:
        return _json_error(rejected.message, rejected.status)
    return JsonResponse({"ok": True, "created": result.created, "seq": result.turn.seq, "follow_up": result.follow_up},
                        status=201 if result.created else 200)


@login_required
@require_POST
def end(request, pk):
    session = selectors.session_for_user(request.user, pk)
    session, changed = interview_end(session=session)
    results_url = reverse("interviews:results", args=[pk])
    wants_json = "application/json" in request.headers.get("Accept", "")
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
