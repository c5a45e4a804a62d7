from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.data import account_delete, data_export_request, export_filename
from accounts.forms import AccountDeleteForm, ProfileForm
from accounts.models import DataExport
from accounts.services import profile_update
from core.http import private_file_response
from core.limits import DATA_EXPORT, RateLimited, rate_limit_refund, rate_limit_spend

EXPORTS_SHOWN = 3


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, **_exports_context(request.user)})


def _exports_context(user) -> dict:
    exports = list(DataExport.objects.filter(user=user)[:EXPORTS_SHOWN])
    return {"exports": exports, "exports_pending": any(export.pending for export in exports),
            "keep_hours": settings.DATA_EXPORT_KEEP_HOURS}


@login_required
@require_POST
def export(request):
    """Ask for a data export: the task worker builds it, and the profile page offers it once it is ready."""
    try:
        rate_limit_spend(DATA_EXPORT, request.user)
    except RateLimited as limited:
        messages.error(request, limited.message)
        return _redirect(request, reverse("accounts:profile") + "#your-data")
    _, created = data_export_request(user=request.user)
    if not created:
        rate_limit_refund(DATA_EXPORT, request.user)
    messages.info(request, "Saylo is building your export. It appears below, ready to download, in a minute or so."
                  if created else "Your export is already being built. It appears below when it is ready.")
    return _redirect(request, reverse("accounts:profile") + "#your-data")


@login_required
def export_status(request):
    """The "Your data" exports list again: polled each second by htmx while an export is being built."""
    return render(request, "accounts/profile.html#exports", _exports_context(request.user))


@login_required
def export_download(request, pk):
    """The export's zip, for its owner only, while it is kept (404 for anyone else, or once it is gone)."""
    export = get_object_or_404(DataExport, pk=pk, user=request.user, status=DataExport.Status.READY)
    if not export.downloadable:
        raise Http404("This export has expired. Ask for a new one on your profile page.")
    return private_file_response(request, export.file, filename=export_filename(request.user, export.finished_at),
                                 content_type="application/zip")


def _redirect(request, url):
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
def delete(request):
    # Every attempt counts against allauth's password-change limit (5 a minute per account, then 429):
    # both check the password, so together they give a guesser no more tries than either alone.
    if request.method == "POST" and (refused := ratelimit.consume_or_429(request, action="change_password")):
        return refused
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, "Your account and everything in it are deleted. Good luck with the interview!")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
