from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.data import account_delete, account_export, export_filename
from accounts.forms import AccountDeleteForm, ProfileForm
from accounts.services import profile_update
from core.http import private_file_response


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_POST
def export(request):
    # Built in a temporary file and streamed from it; FileResponse closes (and so removes) it.
    return private_file_response(request, account_export(user=request.user), filename=export_filename(request.user),
                                 content_type="application/zip")


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
