"""Site-wide pages: landing, dashboard, health check and the styled error pages."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache

from saylo.selectors import dashboard_steps


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    from interviews.video.config import video_config

    # The landing page promises only what this server can do: video needs its own setup.
    return render(request, "pages/home.html", {"video_enabled": video_config().enabled,
                                               "gemini_enabled": bool(settings.GEMINI_API_KEY)})


@login_required
def dashboard(request):
    """The candidate's path and newest interviews."""
    from interviews.selectors import name_sessions, sessions_for_user

    user = request.user
    steps = dashboard_steps(user=user)
    return render(request, "pages/dashboard.html", {
        "steps": steps, "next": next((step for step in steps if not step.done), None),
        "sessions": name_sessions(user, sessions_for_user(user)[:5]),
    })


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a RequestContext: the 500 page must not depend on anything that may
    # itself be broken, and must not leak the error.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def csrf_failure(request, reason=""):
    if "application/json" in request.headers.get("Accept", ""):
        # The room's fetches: it retries with the token from the cookie, and shows this meanwhile.
        return JsonResponse({"ok": False, "error": "Your session changed (did you sign in again in another tab?). "
                                                    "Trying again — your answers are kept."}, status=403)
    return render(request, "403_csrf.html", status=403)
