"""Results of one interview, the history of all of them, and re-scoring by the candidate."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from core.limits import PDF_PRINT, PREPARE, RESCORE, RateLimited, parse_id, query_id, rate_limit_refund, rate_limit_spend
from core.paging import CountedPaginator
from interviews import insights, selectors
from interviews.coach import get_coach
from interviews.models import InterviewSession, ReportPdf, ScoreRun
from interviews.services.recovery import scoring_health
from interviews.services.reports import report_pdf_needs_print, report_pdf_request, results_context
from interviews.services.scoring import score_requested_by_candidate
from interviews.services.setup import interview_retake
from interviews.views.pdfs import pdf_file_response, pdf_waiting
from resumes.models import JobDescription


@login_required
def results(request, pk):
    session = selectors.session_for_user(request.user, pk)
    if session.status in {InterviewSession.Status.READY, InterviewSession.Status.LIVE}:
        return redirect("interviews:room", pk=pk)
    if session.status in {InterviewSession.Status.PREPARING, InterviewSession.Status.DRAFT}:
        return redirect("interviews:detail", pk=pk)
    # The picker lists every run by its date and score only; the JSON of just the one shown is loaded.
    runs = list(session.score_runs.order_by("-created_at", "-id").only("id", "score", "created_at", "engine",
                                                                       "rubric_version", "session_id"))
    run = runs[0] if runs else None
    run_id = query_id(request, "run")
    if run_id is not None:
        run = next((item for item in runs if item.pk == run_id), None)
        if run is None:
            raise Http404
    if run is not None:
        run = ScoreRun.objects.get(pk=run.pk)
    selectors.session_named(request.user, session)
    context = results_context(session, run, runs)
    if run is not None:
        coach = get_coach()
        context["rescore_outlook"] = insights.rescore_outlook(
            run_engine=run.engine, run_rubric=run.rubric_version, coach_engine=coach.name,
            coach_rubric=coach.rubric_version)
        context["summary"] = selectors.score_summary_for(session) if run.pk == runs[0].pk else None
    context["scoring"] = scoring_health(session, newest_run_at=runs[0].created_at if runs else None)
    if request.htmx and request.GET.get("poll"):
        scoring = {InterviewSession.Status.FINISHED, InterviewSession.Status.SCORING}
        pending = session.status in scoring or context.get("rescore_pending")
        if not pending:
            return HttpResponseClientRefresh()
        return render(request, "interviews/_pending.html", context)
    return render(request, "interviews/results.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_pdf(request, pk):
    """The stored report of the newest run, for its owner. Until the worker has printed it: "Preparing
    your PDF…" (asking for the print the first time, within the hourly allowance), or why it failed
    with a "Try again" (POST)."""
    session = selectors.session_for_user(request.user, pk)
    run = selectors.latest_score_run(session)
    if run is None:
        raise Http404("This interview has no score yet.")
    url = reverse("interviews:report_pdf", args=[pk])
    report = ReportPdf.objects.filter(run=run).first()
    if report is not None and report.file:
        if request.htmx:
            return HttpResponseClientRedirect(url)
        return pdf_file_response(request, report.file, filename=f"saylo-report-{session.pk}.pdf")
    limited = ""
    # A GET asks for the first print (or again when the last one was lost); after a failure only "Try again" (POST) does.
    asking = report_pdf_needs_print(report) and (request.method == "POST" or report is None or not report.error)
    if asking:
        try:
            rate_limit_spend(PDF_PRINT, request.user)
            report = report_pdf_request(run=run)
        except RateLimited as exceeded:
            limited = exceeded.message
    if request.method == "POST":
        if limited:
            messages.error(request, limited)
        return redirect(url)
    return pdf_waiting(request, what="Your interview report", pdf_url=url, limited=limited,
                       error=report.error if report else "", back_url=reverse("interviews:results", args=[pk]),
                       back_label="Back to your results")


@login_required
@require_POST
def rescore(request, pk):
    session = selectors.session_for_user(request.user, pk)
    try:
        rate_limit_spend(RESCORE, request.user)  # counted before the work, atomically: parallel clicks each count
    except RateLimited:
        messages.error(request, f"You can re-score {settings.RESCORE_PER_HOUR} times an hour. Try again later — "
                                "your current score is kept.")
        return redirect("interviews:results", pk=pk)
    try:
        score_requested_by_candidate(session=session)
    except ValidationError as error:
        rate_limit_refund(RESCORE, request.user)
        messages.error(request, " ".join(error.messages))
        return redirect("interviews:results", pk=pk)
    messages.info(request, "Scoring again with the current coach. Your earlier scores are kept.")
    return redirect("interviews:results", pk=pk)


@login_required
@require_POST
def retake(request, pk):
    """Prepare a new session from the weakest questions of this one."""
    session = selectors.session_for_user(request.user, pk)
    try:
        rate_limit_spend(PREPARE, request.user)
        new_session = interview_retake(session=session)
    except RateLimited as limited:
        messages.error(request, limited.message)
        return redirect("interviews:results", pk=pk)
    except ValidationError as error:
        rate_limit_refund(PREPARE, request.user)
        messages.error(request, " ".join(error.messages))
        return redirect("interviews:results", pk=pk)
    messages.success(request, "A new practice round with your weakest questions is getting ready.")
    return redirect("interviews:detail", pk=new_session.pk)


@login_required
def history(request):
    """Every interview the candidate took, newest first, 20 a page, with the progress chart. The
    figures come from the stored per-session summaries; prepared interviews never taken are only
    counted here (they are listed on the interviews page)."""
    user = request.user
    job_id, status = parse_id(request.GET.get("job", "")), request.GET.get("status", "")
    status = status if status in selectors.TAKEN_STATUSES else ""

    shown = selectors.TAKEN
    if job_id is not None:
        shown &= Q(job_id=job_id)
    if status:
        shown &= Q(status=status)
    counts = selectors.session_counts(user, shown)
    page = CountedPaginator(selectors.sessions_for_user(user).filter(shown), 20,
                            count=counts["shown"]).get_page(request.GET.get("page"))
    page.object_list = selectors.name_sessions(user, page.object_list)
    context = {
        "page": page, "job_id": "" if job_id is None else str(job_id), "status": status,
        "jobs": list(JobDescription.objects.filter(user=user).only("id", "title", "company")),
        "statuses": [(value, label) for value, label in InterviewSession.Status.choices
                     if value in selectors.TAKEN_STATUSES],
        "progress": selectors.progress_chart(user),
        "not_taken": counts["not_taken"],
    }
    if request.htmx and request.htmx.target == "history-table":
        return render(request, "interviews/history.html#table", context)
    return render(request, "interviews/history.html", context)
