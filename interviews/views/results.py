"""The results page of one interview."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from interviews import selectors
from interviews.models import InterviewSession


@login_required
def results(request, pk):
    session = selectors.session_for_user(request.user, pk)
    if session.status in {InterviewSession.Status.READY, InterviewSession.Status.LIVE}:
        return redirect("interviews:room", pk=pk)
    if session.status in {InterviewSession.Status.PREPARING, InterviewSession.Status.DRAFT}:
        return redirect("interviews:detail", pk=pk)
    run = selectors.latest_score_run(session)
    context = {"session": session, "run": run}
    if request.htmx and request.GET.get("poll"):
        if run is not None or session.status == InterviewSession.Status.FAILED:
            from django_htmx.http import HttpResponseClientRefresh

            return HttpResponseClientRefresh()
        return render(request, "interviews/results.html#pending", context)
    return render(request, "interviews/results.html", context)
