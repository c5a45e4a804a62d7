from csp.decorators import csp_exempt
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.http import private_file_response
from core.limits import RESUME_ADD, RateLimited, query_id, rate_limit_spend
from resumes import selectors, services
from resumes.forms import HeadlineForm, JobForm, ResumePasteForm, ResumeUploadForm, SkillAddForm
from resumes.models import Resume
from resumes.reading import ResumeRejected

CONTENT_TYPES = {
    Resume.Kind.PDF: "application/pdf",
    Resume.Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Resume.Kind.TXT: "text/plain; charset=utf-8",
}


LIST_PAGE = 20  # lists stay the same size however many resumes or jobs pile up


def _redirect(request, url):
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


# --- Resumes -----------------------------------------------------------------------------------

def _list_page(request, *, upload_form=None, paste_form=None, status=200):
    """The resumes page; for HTMX only the form that was sent, re-rendered with its errors (HTMX swaps
    only 2xx answers, so a refusal it must show keeps 200 there)."""
    if request.htmx and upload_form is not None:
        return render(request, "resumes/resume_list.html#upload-form", {"upload_form": upload_form})
    if request.htmx and paste_form is not None:
        return render(request, "resumes/resume_list.html#paste-form", {"paste_form": paste_form})
    return render(request, "resumes/resume_list.html", {
        "resumes": Paginator(selectors.resumes_for_user(request.user), LIST_PAGE).get_page(request.GET.get("page")),
        "upload_form": upload_form or ResumeUploadForm(),
        "paste_form": paste_form or ResumePasteForm(),
    }, status=status)


@login_required
def resume_list(request):
    return _list_page(request)


@login_required
@require_POST
def resume_upload(request):
    form = ResumeUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rate_limit_spend(RESUME_ADD, request.user)
            result = services.resume_upload(user=request.user, upload=upload, filename=upload.name)
        except RateLimited as limited:
            form.add_error("file", limited.message)
            return _list_page(request, upload_form=form, status=429)
        except ResumeRejected as rejected:
            form.add_error("file", rejected.message)
        else:
            _report_upload(request, result)
            return _redirect(request, reverse("resumes:detail", args=[result.resume.pk]))
    return _list_page(request, upload_form=form)


@login_required
@require_POST
def resume_paste(request):
    form = ResumePasteForm(request.POST)
    if form.is_valid():
        try:
            rate_limit_spend(RESUME_ADD, request.user)
            result = services.resume_paste(user=request.user, **form.cleaned_data)
        except RateLimited as limited:
            form.add_error("text", limited.message)
            return _list_page(request, paste_form=form, status=429)
        except ResumeRejected as rejected:
            form.add_error("text", rejected.message)
        else:
            _report_upload(request, result)
            return _redirect(request, reverse("resumes:detail", args=[result.resume.pk]))
    return _list_page(request, paste_form=form)


def _report_upload(request, result):
    resume = result.resume
    if not result.created:
        messages.info(request, f"You already added this resume on {resume.uploaded_at:%d %b %Y} — here it is. "
                               "Nothing was stored twice.")
    # A new resume is being read by the task worker: its page says so until the reading is done.


# A PDF is not HTML: Chromium's PDF viewer refuses to render under `object-src 'none'`.
@csp_exempt()
@login_required
def resume_download(request, pk):
    resume = selectors.resume_for_user(request.user, pk)
    if not resume.file:
        raise Http404("This resume was pasted as text; there is no file.")
    return private_file_response(request, resume.file.open("rb"), filename=resume.original_filename or f"resume.{resume.kind}",
                                 content_type=CONTENT_TYPES.get(resume.kind, "application/octet-stream"))


@login_required
def resume_delete(request, pk):
    resume = selectors.resume_for_user(request.user, pk)
    if request.method == "POST":
        name = resume.display_name
        services.resume_delete(resume=resume)
        messages.success(request, f"Deleted “{name}” and its file.")
        return _redirect(request, reverse("resumes:list"))
    return render(request, "resumes/resume_confirm_delete.html", {"resume": resume})


@login_required
@require_POST
def resume_headline(request, pk):
    resume = selectors.resume_for_user(request.user, pk)
    form = HeadlineForm(request.POST)
    if form.is_valid():
        services.resume_headline_update(resume=resume, headline=form.cleaned_data["headline"])
        if not request.htmx:
            messages.success(request, "Headline saved.")
    if request.htmx:
        return render(request, "resumes/resume_detail.html#headline", {"resume": resume, "headline_form": form,
                                                                         "saved": form.is_valid()})
    return redirect("resumes:detail", pk=resume.pk)


@login_required
@require_POST
def resume_skill_add(request, pk):
    resume = selectors.resume_for_user(request.user, pk)
    form = SkillAddForm(request.POST)
    if form.is_valid():
        try:
            added = services.resume_skill_add(resume=resume, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error)
        else:
            form = SkillAddForm()
            if not request.htmx:
                messages.success(request, f"Added {added}.")
    if request.htmx:
        return render(request, "resumes/resume_detail.html#skills", {"resume": resume, "skill_form": form})
    if form.errors:
        messages.error(request, " ".join(form.errors["name"]))
    return redirect("resumes:detail", pk=resume.pk)


@login_required
@require_POST
def resume_skill_remove(request, pk):
    resume = selectors.resume_for_user(request.user, pk)
    name = request.POST.get("name", "")
    removed = services.resume_skill_remove(resume=resume, name=name)
    if request.htmx:
        return render(request, "resumes/resume_detail.html#skills", {"resume": resume, "skill_form": SkillAddForm()})
    if removed:
        messages.success(request, f"Removed {name}.")
    return redirect("resumes:detail", pk=resume.pk)


# --- Job descriptions --------------------------------------------------------------------------

@login_required
def job_list(request):
    jobs = Paginator(selectors.jobs_for_user(request.user), LIST_PAGE).get_page(request.GET.get("page"))
    return render(request, "resumes/job_list.html", {"jobs": jobs})


@login_required
def job_create(request):
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = services.job_create(user=request.user, **form.cleaned_data)
        messages.success(request, f"Saved “{job}”. Here is what Saylo read from the posting.")
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "resumes/job_form.html", {"form": form})


@login_required
def job_edit(request, pk):
    job = selectors.job_for_user(request.user, pk)
    form = JobForm(request.POST or None, instance=job)
    if request.method == "POST" and form.is_valid():
        job = services.job_update(job=selectors.job_for_user(request.user, pk), **form.cleaned_data)
        messages.success(request, "Job saved and analysed again.")
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "resumes/job_form.html", {"form": form, "job": job})


@login_required
def job_detail(request, pk):
    job = selectors.job_for_user(request.user, pk)
    return render(request, "resumes/job_detail.html", {
        "job": job, "requirements": job.as_requirements(),
        "ranked": selectors.ranked_resumes_for_job(request.user, job),
    })


@login_required
def job_delete(request, pk):
    job = selectors.job_for_user(request.user, pk)
    if request.method == "POST":
        name = str(job)
        services.job_delete(job=job)
        messages.success(request, f"Deleted “{name}”.")
        return _redirect(request, reverse("jobs:list"))
    return render(request, "resumes/job_confirm_delete.html", {"job": job})


@login_required
def match(request, pk):
    job = selectors.job_for_user(request.user, pk)
    resumes = selectors.usable_resumes_for_user(request.user)
    resume_id = query_id(request, "resume")
    resume = selectors.resume_for_user(request.user, resume_id) if resume_id is not None else resumes.first()
    if resume is None:
        messages.info(request, "Add a resume first — the match report compares it with this job.")
        return redirect("resumes:list")
    if resume.is_reading:
        messages.info(request, "Saylo is still reading that resume. Open the match report again once it is read.")
        return redirect("resumes:detail", pk=resume.pk)
    if not resume.is_usable:
        messages.error(request, "That resume could not be read, so there is nothing to match. Re-upload it or paste its text.")
        return redirect("resumes:detail", pk=resume.pk)
    report = services.match_report_for(resume=resume, job=job)
    context = {"job": job, "resume": resume, "resumes": resumes, "report": report}
    if request.htmx:
        return render(request, "resumes/match.html#report", context)
    return render(request, "resumes/match.html", context)
