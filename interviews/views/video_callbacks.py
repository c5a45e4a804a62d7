"""Tavus posts conversation callbacks here (no login: the URL's token is the credential)."""

from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.ids import parse_content_length
from interviews.services.video import (
    MAX_CALLBACK_BYTES,
    CallbackRejected,
    session_for_callback_token,
    tavus_callback_handle,
    tavus_callback_parse,
)


@csrf_exempt
@require_POST
def tavus_callback(request, token):
    session = session_for_callback_token(token)
    if session is None:
        raise Http404("No such callback.")
    # Bound the body before reading it: Content-Length first, then what actually arrived.
    declared = parse_content_length(request.headers.get("Content-Length", "0"))
    if declared is None or declared > MAX_CALLBACK_BYTES:
        return JsonResponse({"ok": False, "error": f"A callback can be at most {MAX_CALLBACK_BYTES:,} bytes."},
                            status=413)
    try:
        outcome = tavus_callback_handle(session=session, callback=tavus_callback_parse(request.body))
    except CallbackRejected as rejected:
        return JsonResponse({"ok": False, "error": rejected.message}, status=rejected.status)
    return JsonResponse({"ok": True, "event": outcome.event, "stored": outcome.stored, "changes": outcome.changes})
