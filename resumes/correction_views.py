"""The resume page and the candidate's corrections of what Saylo read, in place.

Every card of the page (name, contact, experience, education) is a named partial of
`resumes/resume_detail.html`. "Edit" is a link to the page with `?edit=contact` (or `role-2`,
`degree-new`…), so it works without JavaScript; with HTMX the same link fetches only that card, in
edit mode. Each form posts to its own URL; a saved change answers with the card again (HTMX) or a
redirect to the page (no JS), an invalid one with the card's form and its errors.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from core.ids import parse_index
from resumes import selectors, services
from resumes.forms import ContactForm, DegreeForm, HeadlineForm, ResumeNameForm, RoleForm, SkillAddForm
from resumes.models import Resume

_EDIT_RE = re.compile(r"^(?P<section>name|contact|role|degree)(?:-(?P<index>[0-9]{1,3}|new))?$")
# Which card of the page each thing being edited lives in.
_CARD = {"name": "name", "contact": "contact", "role": "experience", "degree": "education"}


def detail_context(resume: Resume, *, editing: str = "", form=None, user=None) -> dict:
    """What the resume page and its cards need. `editing` names the one thing shown as a form ("contact",
    "role-2", "degree-new"), with `form` (bound, with its errors) when a save was refused."""
    parsed = resume.as_parsed()
    match = _EDIT_RE.match(editing or "")
    section, index = (match.group("section"), match.group("index")) if match else ("", None)
    context = {"resume": resume, "parsed": parsed, "editing": editing if match else "", "edit_form": form,
               "edit_section": section, "edit_index": index if index in (None, "new") else parse_index(index)}
    if form is None and section:
        context["edit_form"] = _initial_form(section, index, resume=resume, parsed=parsed)
    if user is not None:
        context.update({
            "headline_form": HeadlineForm(initial={"headline": resume.headline}),
            "skill_form": SkillAddForm(),
            "jobs": selectors.jobs_for_user(user)[:10],
        })
    return context


def _initial_form(section: str, index: str | None, *, resume: Resume, parsed):
    if section == "name":
        return ResumeNameForm(initial={"name": resume.display_name})
    if section == "contact":
        return ContactForm.from_contact(parsed.contact)
    entries = parsed.experience if section == "role" else parsed.education
    form_class = RoleForm if section == "role" else DegreeForm
    if index == "new" or index is None:
        return form_class()
    position = int(index)
    return form_class.from_entry(entries[position]) if position < len(entries) else None


def card_of(editing: str) -> str:
    match = _EDIT_RE.match(editing or "")
    return _CARD[match.group("section")] if match else ""


def _card(request, resume: Resume, card: str, *, editing: str = "", form=None, status: int = 200):
    """The card again (HTMX), or the whole page with that card (no JS: a refused form shows in place)."""
    if request.htmx:
        return render(request, f"resumes/resume_detail.html#{card}", detail_context(resume, editing=editing, form=form),
                      status=status)
    return render(request, "resumes/resume_detail.html",
                  detail_context(resume, editing=editing, form=form, user=request.user), status=status)


def _done(request, resume: Resume, card: str, message: str):
    if request.htmx:
        return _card(request, Resume.objects.get(pk=resume.pk), card)
    messages.success(request, message)
    return redirect(reverse("resumes:detail", args=[resume.pk]) + f"#{card}")


@login_required
def resume_detail(request, pk):
    resume = selectors.resume_for_user(request.user, pk)
    editing = request.GET.get("edit", "")
    card = card_of(editing) or request.GET.get("show", "")
    if request.htmx and card == "reading":
        # The "Reading your resume…" note polls here each second; once the worker is done, the whole page.
        if resume.is_reading:
            return render(request, "resumes/resume_detail.html#reading", {"resume": resume})
        return HttpResponseClientRefresh()
    if request.htmx and card in _CARD.values():
        return _card(request, resume, card, editing=editing)  # "Edit" and "Cancel" fetch one card
    return render(request, "resumes/resume_detail.html", detail_context(resume, editing=editing, user=request.user))


@login_required
@require_POST
def resume_rename(request, pk):
    resume = selectors.resume_for_user(request.user, pk)
    form = ResumeNameForm(request.POST)
    if form.is_valid():
        services.resume_rename(resume=resume, name=form.cleaned_data["name"])
        return _done(request, resume, "name", "Name saved.")
    return _card(request, resume, "name", editing="name", form=form)


@login_required
@require_POST
def resume_contact(request, pk):
    resume = selectors.resume_for_user(request.user, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        services.resume_contact_update(resume=resume, contact=form.contact())
        return _done(request, resume, "contact", "Contact details saved.")
    return _card(request, resume, "contact", editing="contact", form=form)


def _save_entry(request, resume: Resume, *, what: str, index: int | None):
    form_class, save, card = (RoleForm, services.resume_role_save, "experience") if what == "role" else (
        DegreeForm, services.resume_degree_save, "education")
    form = form_class(request.POST)
    editing = f"{what}-{'new' if index is None else index}"
    if form.is_valid():
        try:
            save(resume=resume, index=index, **{what: form.entry()})
        except ValidationError as gone:
            form.add_error(None, gone)
        else:
            return _done(request, resume, card, "Role saved." if what == "role" else "Education saved.")
    return _card(request, resume, card, editing=editing, form=form)


def _remove_entry(request, resume: Resume, *, what: str, index: int | None):
    remove, card = (services.resume_role_remove, "experience") if what == "role" else (
        services.resume_degree_remove, "education")
    try:
        if index is None:
            raise ValidationError(f"Choose the {what} to remove.")
        remove(resume=resume, index=index)
    except ValidationError as gone:
        if not request.htmx:
            messages.error(request, " ".join(gone.messages))
    return _done(request, resume, card, "Role removed." if what == "role" else "Education removed.")


def _posted_index(request) -> int | None:
    """The role's or degree's place in its list, as posted; None for a new one. Anything posted that
    is not a plain number (`index=²`) is a 400, never a guess."""
    raw = request.POST.get("index", "")
    if raw == "":
        return None
    index = parse_index(raw)
    if index is None:
        raise BadRequest("index must be the number of a role or degree on this resume.")
    return index


@login_required
@require_POST
def resume_role_save(request, pk):
    return _save_entry(request, selectors.resume_for_user(request.user, pk), what="role", index=_posted_index(request))


@login_required
@require_POST
def resume_role_remove(request, pk):
    return _remove_entry(request, selectors.resume_for_user(request.user, pk), what="role", index=_posted_index(request))


@login_required
@require_POST
def resume_degree_save(request, pk):
    return _save_entry(request, selectors.resume_for_user(request.user, pk), what="degree", index=_posted_index(request))


@login_required
@require_POST
def resume_degree_remove(request, pk):
    return _remove_entry(request, selectors.resume_for_user(request.user, pk), what="degree",
                         index=_posted_index(request))
