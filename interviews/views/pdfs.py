"""What the two PDF views share: the stored file for its owner, or the page that waits for the worker to print it."""

from django.db.models.fields.files import FieldFile
from django.shortcuts import render

from core.http import private_file_response


def pdf_file_response(request, field: FieldFile, *, filename: str):
    """The stored PDF, streamed to its owner (the caller checked who that is)."""
    response = private_file_response(request, field, filename=filename, content_type="application/pdf")
    # A PDF is not HTML: Chromium's PDF viewer refuses to render under `object-src 'none'`. Only the file
    # goes without the policy; the waiting page below keeps it.
    response._csp_exempt = True
    return response


def pdf_waiting(request, *, what: str, pdf_url: str, back_url: str, back_label: str, error: str = "", limited: str = "",
                retry_url: str = ""):
    """"Preparing your PDF…" (polling each second with htmx, "Check again" without it), why it could not be
    printed, or that the hourly allowance is used up (429)."""
    context = {"what": what, "pdf_url": pdf_url, "back_url": back_url, "back_label": back_label, "error": error,
               "limited": limited, "retry_url": retry_url or pdf_url}
    template = "interviews/pdf_wait.html#status" if request.htmx else "interviews/pdf_wait.html"
    return render(request, template, context, status=429 if limited else 200)
