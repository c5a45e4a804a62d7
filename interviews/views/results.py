"""Results of one interview, the history of all of them, and re-scoring by the candidate."""

from csp.decorators import csp_exempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject as lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from core.http import private_file_response
from core.limits import PREPARE, RESCORE, RateLimited, parse_id, query_id, rate_limit_refund, rate_limit_spend
from interviews import insights, selectors
from interviews.coach import get_coach
from interviews.models import InterviewSession, ScoreRun
from interviews.pdf import PdfRenderError, render_report_pdf
from interviews.services.recovery import scoring_health
from interviews.services.scoring import score_requested_by_candidate
from interviews.services.setup import interview_retake
from resumes.models import JobDescription


def _results_context(session: InterviewSession, run: ScoreRun | None, runs: list[ScoreRun]) -> dict:
    context = {"session": session, "run": run, "runs": runs}
    if run is None:
        return context
    # Lazy: the page caches what is built from one run under the run's id (runs never change), so a
    # repeat visit needs none of these.
    context.update({
        "parts": lazy(lambda: [{"name": name.replace("_", " ").capitalize(), "weight": round(weight * 100),
                                "score": round(run.parts.get(name, 0))} for name, weight in run.weights.items()]),
        "per_question": lazy(lambda: [dict(item, number=i) for i, item in enumerate(run.per_question, start=1)]),
        "questions": lazy(lambda: list(session.questions.order_by("order", "id"))),
        "delivery": lazy(lambda: insights.delivery_rows(run.metrics)),
        "matrix": lazy(lambda: insights.evidence_matrix(required=session.job_input().answerable_skills,
                                                        per_question=run.per_question)),
        "weakest": lazy(lambda: insights.weakest_questions(run.per_question)),
        "rescore_pending": bool(session.work.score_enqueued_at and session.work.score_enqueued_at > run.created_at),
    })
    return context


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
    context = _results_context(session, run, runs)
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


# A PDF is not HTML: Chromium's PDF viewer refuses to render under `object-src 'none'`.
@csp_exempt()
@login_required
def report_pdf(request, pk):
    session = selectors.session_for_user(request.user, pk)
    run = selectors.latest_score_run(session)
    if run is None:
        raise Http404("This interview has no score yet.")
    try:
        data = render_report_pdf(**_results_context(session, run, [run]))
    except PdfRenderError:
        messages.error(request, "The report PDF could not be printed. Try again in a moment.")
        return redirect("interviews:results", pk=pk)
    return private_file_response(request, data, filename=f"saylo-report-{session.pk}.pdf", content_type="application/pdf")


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

    def table_page():
        sessions = selectors.taken_sessions_for_user(user)
        if job_id is not None:
            sessions = sessions.filter(job_id=job_id)
        if status:
            sessions = sessions.filter(status=status)
        page = Paginator(sessions, 20).get_page(request.GET.get("page"))
        page.object_list = selectors.name_sessions(user, page.object_list)
        return page

    context = {
        "page": table_page(), "job_id": "" if job_id is None else str(job_id), "status": status,
        "jobs": list(JobDescription.objects.filter(user=user).only("id", "title", "company")),
        "statuses": [(value, label) for value, label in InterviewSession.Status.choices
                     if value in selectors.TAKEN_STATUSES],
        "progress": selectors.progress_chart(user),
        "not_taken": selectors.untaken_sessions_for_user(user).count(),
    }
    if request.htmx and request.htmx.target == "history-table":
        return render(request, "interviews/history.html#table", context)
    return render(request, "interviews/history.html", context)
