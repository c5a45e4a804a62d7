"""Interview setup: the setup form, the sessions list, preparation progress, the question editor
and the cheatsheet PDF."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from core.limits import PDF_PRINT, PREPARE, RESUME_ADD, RateLimited, parse_id, rate_limit_refund, rate_limit_spend
from core.paging import CountedPaginator
from interviews import selectors
from interviews.forms import InterviewSetupForm, QuestionForm
from interviews.models import Cheatsheet, InterviewSession, Question
from interviews.services import questions as question_services
from interviews.services.preparation import pdf_regenerate_request, preparation_steps
from interviews.services.recovery import preparation_health
from interviews.services.setup import interview_create, interview_retry_preparation
from interviews.video.config import video_unavailable_reason
from interviews.views.pdfs import pdf_file_response, pdf_waiting
from resumes import services as resume_services
from resumes.reading import ResumeRejected

WAITING_SHOWN = 5  # prepared-but-not-taken interviews shown above the taken ones


@login_required
def session_list(request):
    """Interviews taken (20 a page), with the ones prepared but never taken grouped apart above
    them — the newest few, all of them (paginated) with `?show=not-taken`."""
    user = request.user
    showing_untaken = request.GET.get("show") == "not-taken"
    labels = selectors.resume_labels(user)

    counts = selectors.session_counts(user, selectors.TAKEN)

    def page_of(sessions, count):
        page = CountedPaginator(sessions, 20, count=count).get_page(request.GET.get("page"))
        page.object_list = selectors.name_sessions(user, page.object_list, labels=labels)
        return page

    untaken = selectors.untaken_sessions_for_user(user)
    context = {"showing_untaken": showing_untaken}
    if showing_untaken:
        context["page"] = page_of(untaken, counts["not_taken"])
    else:
        context.update({
            "page": page_of(selectors.taken_sessions_for_user(user), counts["shown"]),
            "waiting": selectors.name_sessions(user, untaken[:WAITING_SHOWN], labels=labels) if counts["not_taken"] else [],
            "waiting_total": counts["not_taken"],
        })
    return render(request, "interviews/session_list.html", context)


@login_required
def setup(request):
    video_reason = video_unavailable_reason(staff=request.user.is_staff)
    form = InterviewSetupForm(request.POST or None, request.FILES or None, user=request.user,
                              video_reason=video_reason)
    if request.method == "GET":
        for name in ("resume", "job"):
            value = parse_id(request.GET.get(name, ""))
            if value is not None and form.fields[name].queryset.filter(pk=value).exists():
                form.initial[name] = value
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            session = _create_from_form(request, form)
        except RateLimited as limited:
            form.add_error(None, limited.message)
            session, status = None, 429
        if session is not None:
            return redirect("interviews:detail", pk=session.pk)
    return render(request, "interviews/setup.html", {"form": form, "video_reason": video_reason}, status=status)


def _create_from_form(request, form) -> InterviewSession | None:
    """Raises RateLimited when the candidate has prepared (or added resumes) too often this hour."""
    data = form.cleaned_data
    rate_limit_spend(PREPARE, request.user)
    resume = data.get("resume")
    if resume is None:
        rate_limit_spend(RESUME_ADD, request.user)
        try:
            if data.get("resume_file"):
                upload = data["resume_file"]
                resume = resume_services.resume_upload(user=request.user, upload=upload, filename=upload.name).resume
            else:
                resume = resume_services.resume_paste(user=request.user, text=data["resume_text"]).resume
        except ResumeRejected as rejected:
            form.add_error("resume_file" if data.get("resume_file") else "resume_text", rejected.message)
            return None
    job = data.get("job") or resume_services.job_create(user=request.user, title=data["job_title"],
                                                         company=data.get("job_company", ""), text=data["job_text"])
    try:
        session, _ = interview_create(user=request.user, resume=resume, job=job, options=form.plan_options(),
                                            answer_seconds=data["answer_seconds"], mode=data["mode"],
                                            request_key=data.get("request_key", ""))
    except ValidationError as error:
        form.add_error(None, error)
        return None
    # No flash: the interview's page says where preparation is (its steps, then the plan), and a
    # flash shown once would still say "preparing" above a plan that was ready when the page opened.
    return session


def _detail_context(session: InterviewSession) -> dict:
    cheatsheet = selectors.cheatsheet_for(session)
    questions = list(session.questions.all())
    return {
        "session": session,
        "questions": questions,
        "cheatsheet": cheatsheet,
        "steps": preparation_steps(session, has_questions=bool(questions), cheatsheet=cheatsheet),
        "preparation": preparation_health(session),
        "pdf_outdated": bool(cheatsheet and cheatsheet.pdf_generated_at and session.questions_edited_at
                             and session.questions_edited_at > cheatsheet.pdf_generated_at),
        "question_form": QuestionForm(initial={"kind": Question.Kind.BEHAVIORAL}),
        "match": session.match_input(),
    }


@login_required
def detail(request, pk):
    session = selectors.session_for_user(request.user, pk)
    context = _detail_context(session)
    return render(request, "interviews/session_detail.html", context)


@login_required
def progress(request, pk):
    """Polled by HTMX while preparing. Once the session is ready (or failed), the page reloads so
    the full plan appears and polling stops."""
    session = selectors.session_for_user(request.user, pk)
    if not request.htmx:
        return redirect("interviews:detail", pk=pk)
    if session.status != InterviewSession.Status.PREPARING and request.GET.get("from") == InterviewSession.Status.PREPARING:
        return HttpResponseClientRefresh()
    return render(request, "interviews/session_detail.html#progress", _detail_context(session))


@login_required
@require_POST
def retry(request, pk):
    session = selectors.session_for_user(request.user, pk)
    try:
        rate_limit_spend(PREPARE, request.user)
        interview_retry_preparation(session=session)
    except RateLimited as limited:
        messages.error(request, limited.message)
    except ValidationError as error:
        rate_limit_refund(PREPARE, request.user)
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, "Trying again from the step that failed.")
    return redirect("interviews:detail", pk=pk)


def _question_for(request, pk, question_pk) -> Question:
    session = selectors.session_for_user(request.user, pk)
    return get_object_or_404(Question, pk=question_pk, session=session)


def _questions_response(request, session, *, form=None, error=None, status=200):
    if error:
        if request.htmx:
            context = {**_detail_context(session), "question_error": error}
            if form is not None:
                context["question_form"] = form
            return render(request, "interviews/session_detail.html#questions", context, status=status)
        messages.error(request, error)
    if request.htmx:
        return render(request, "interviews/session_detail.html#questions", _detail_context(session))
    return redirect(reverse("interviews:detail", args=[session.pk]) + "#questions")


def _question_change(request, session, change, *, form=None, redisplay_form=False):
    """Validate `form` (if any), run one edit of the plan and answer with the question list (the
    partial for HTMX). `redisplay_form` puts the bound form back in the "add a question" slot."""
    shown = form if redisplay_form else None
    if form is not None and not form.is_valid():
        return _questions_response(request, session, form=shown,
                                   error=" ".join(e for errors in form.errors.values() for e in errors))
    try:
        change()
    except ValidationError as error:
        return _questions_response(request, session, form=shown, error=" ".join(error.messages))
    return _questions_response(request, session)


@login_required
@require_POST
def question_edit(request, pk, question_pk):
    question = _question_for(request, pk, question_pk)
    form = QuestionForm(request.POST, instance=Question.objects.get(pk=question.pk))
    return _question_change(request, question.session, form=form,
                            change=lambda: question_services.question_update(question=question, **form.cleaned_data))


@login_required
@require_POST
def question_delete(request, pk, question_pk):
    question = _question_for(request, pk, question_pk)
    return _question_change(request, question.session, lambda: question_services.question_delete(question=question))


@login_required
@require_POST
def question_move(request, pk, question_pk):
    question = _question_for(request, pk, question_pk)
    direction = request.POST.get("direction", "")
    return _question_change(request, question.session,
                            lambda: question_services.question_move(question=question, direction=direction))


@login_required
@require_POST
def question_add(request, pk):
    session = selectors.session_for_user(request.user, pk)
    form = QuestionForm(request.POST)
    return _question_change(request, session, form=form, redisplay_form=True,
                            change=lambda: question_services.question_add(session=session, **form.cleaned_data))


@login_required
@require_http_methods(["GET", "POST"])
def cheatsheet_pdf(request, pk):
    """The stored cheatsheet PDF of the current questions, for its owner. When there is none (or the
    questions changed since it was printed): "Preparing your PDF…" while the worker prints it —
    asked for here, within the hourly allowance, unless preparation is still printing it — or why
    it could not be printed, with a "Try again" (POST)."""
    session = selectors.session_for_user(request.user, pk)
    cheatsheet = selectors.cheatsheet_for(session)
    if cheatsheet is None:
        raise Http404("The cheatsheet is not written yet.")
    url = reverse("interviews:cheatsheet_pdf", args=[pk])
    outdated = bool(cheatsheet.pdf_generated_at and session.questions_edited_at
                    and session.questions_edited_at > cheatsheet.pdf_generated_at)
    # A print asked for longer ago than any task may run was lost with its worker: it is asked for again.
    lost = timezone.now() - timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS)
    printing = cheatsheet.pdf_pending and cheatsheet.pdf_requested_at > lost
    if cheatsheet.pdf and not outdated and not printing:
        if request.htmx:
            return HttpResponseClientRedirect(url)
        slug = "".join(ch if ch.isalnum() else "-" for ch in session.title.lower()).strip("-")[:60] or "interview"
        return pdf_file_response(request, cheatsheet.pdf, filename=f"saylo-cheatsheet-{slug}.pdf")
    # Preparation prints it as its last step: while it runs, or once it failed there (its own Retry), it is not asked for here.
    by_preparation = session.status == InterviewSession.Status.PREPARING or (
        session.status == InterviewSession.Status.FAILED and session.failed_step == InterviewSession.Step.PDF)
    failed = session.status == InterviewSession.Status.FAILED and by_preparation
    error = session.failure_reason if failed else cheatsheet.pdf_error
    retry_url = reverse("interviews:retry", args=[pk]) if by_preparation else url
    asking = request.method == "POST" or not error
    limited = ""
    if asking and not by_preparation and not printing:
        try:
            rate_limit_spend(PDF_PRINT, request.user)
            pdf_regenerate_request(session=session)
            error = ""
        except RateLimited as exceeded:
            limited = exceeded.message
    if request.method == "POST":
        if limited:
            messages.error(request, limited)
        return redirect(url)
    return pdf_waiting(request, what="Your interview cheatsheet", pdf_url=url, error=error, limited=limited, retry_url=retry_url,
                       back_url=reverse("interviews:detail", args=[pk]) + "#cheatsheet", back_label="Back to your interview")


@login_required
@require_POST
def cheatsheet_regenerate(request, pk):
    session = selectors.session_for_user(request.user, pk)
    try:
        rate_limit_spend(PREPARE, request.user)
        pdf_regenerate_request(session=session)
    except RateLimited as limited:
        messages.error(request, limited.message)
    except Cheatsheet.DoesNotExist:
        rate_limit_refund(PREPARE, request.user)
        messages.error(request, "The cheatsheet is not written yet — wait for preparation to finish.")
    else:
        messages.info(request, "Printing a fresh cheatsheet PDF with your current questions.")
    url = reverse("interviews:detail", args=[pk]) + "#cheatsheet"
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
