"""The video interview's room page and the endpoints its browser module talks to: the candidate's
agreement, a LiveKit token to join, End (which waits for the interviewer's last commit), and carrying
on in the practice room when video cannot go on."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from interviews import selectors
from interviews.services.video_room import (
    VideoRoomRefused,
    video_consent_record,
    video_end_request,
    video_fallback_to_practice,
    video_has_consent,
    video_room_start,
)
from interviews.video.config import video_config, video_unavailable_reason
from interviews.video.livekit import room_csp_update

AGENT_ERROR = "agent_error"  # set by the interview agent when it crashed mid-interview
AGENT_STOPPED = ("The video interviewer stopped unexpectedly. Every answer you gave is saved. Try the video again "
                 "(a new interviewer carries on from the next question), or continue in the practice room.")


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def room_video(request, session, *, context: dict):
    """The room in video mode: the same template and config as practice, plus what the video
    module needs. The page's CSP widens only for the livekit-client file and the LiveKit server."""
    config = video_config()
    reason = video_unavailable_reason(staff=request.user.is_staff)
    # After a failure the page offers "Try the video again" (a new room and a fresh agent) beside the
    # practice room, rather than joining on its own.
    call = session.video_call_or_none
    stopped = AGENT_STOPPED if not reason and call is not None and call.end_reason == AGENT_ERROR else ""
    pk = session.pk
    context["config"] = {
        **context["config"],
        "mode": "video",
        "video": {"agentName": config.agent_name, "avatarWaitMs": settings.VIDEO_AVATAR_WAIT_SECONDS * 1000,
                  "unavailable": reason, "stopped": stopped, "consented": video_has_consent(session)},
        "urls": {**context["config"]["urls"], "state": reverse("interviews:state", args=[pk]),
                 "videoStart": reverse("interviews:video_start", args=[pk]),
                 "videoEnd": reverse("interviews:video_end", args=[pk]),
                 "videoConsent": reverse("interviews:video_consent", args=[pk]),
                 "videoFallback": reverse("interviews:video_fallback", args=[pk])},
    }
    context.update({"video_mode": True, "video_reason": reason, "video_stopped": stopped,
                    "video_consented": context["config"]["video"]["consented"], "video_recording": config.recording,
                    "livekit_client_url": config.client_url,
                    "livekit_client_integrity": config.client_integrity})
    response = render(request, "interviews/room.html", context)
    if not reason:
        response._csp_update = room_csp_update(config)
    return response


@login_required
@require_POST
def video_start(request, pk):
    """JSON: a fresh LiveKit token for this session's room (the same room on every reload)."""
    session = selectors.session_for_user(request.user, pk)
    try:
        grant = video_room_start(session=session, user=request.user, staff=request.user.is_staff)
    except VideoRoomRefused as refused:
        response = JsonResponse({"ok": False, "error": refused.message}, status=refused.status)
    else:
        response = JsonResponse({"ok": True, **grant.as_json()})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def video_consent(request, pk):
    """JSON: the candidate agreed to how the video interview works (once per interview)."""
    session = selectors.session_for_user(request.user, pk)
    try:
        video_consent_record(session=session)
    except VideoRoomRefused as refused:
        return JsonResponse({"ok": False, "error": refused.message}, status=refused.status)
    return JsonResponse({"ok": True})


@login_required
@require_POST
def video_end(request, pk):
    """JSON: End pressed in the video room. `ended` false: the interviewer is saving the last answer —
    wait up to `wait_seconds` for its "ended" phase, then ask again (which then finishes it)."""
    session = selectors.session_for_user(request.user, pk)
    try:
        outcome = video_end_request(session=session)
    except VideoRoomRefused as refused:
        return JsonResponse({"ok": False, "error": refused.message}, status=refused.status)
    return JsonResponse({"ok": True, "ended": outcome.ended, "wait_seconds": round(outcome.wait_seconds, 1),
                         "results_url": reverse("interviews:results", args=[pk])})


@login_required
@require_POST
def video_fallback(request, pk):
    """Carry on in the practice room with the same questions and every answer already given."""
    session = selectors.session_for_user(request.user, pk)
    room_url = reverse("interviews:room", args=[pk])
    try:
        video_fallback_to_practice(session=session)
    except VideoRoomRefused as refused:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": refused.message}, status=refused.status)
        messages.warning(request, refused.message)
        return redirect("interviews:detail", pk=pk)
    if _wants_json(request):
        return JsonResponse({"ok": True, "room_url": room_url})
    messages.info(request, "You’re in the practice room now: same questions, and every answer you gave is kept.")
    return redirect(room_url)
