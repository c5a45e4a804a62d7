"""The candidate corrects what Saylo read (name, contact, each role, each degree) in place, and the coach reads
the corrected version."""

import pytest
from django.urls import reverse

from interviews.coach.schemas import PlanOptions
from interviews.services.setup import interview_create
from resumes import services
from resumes.models import Resume
from resumes.reading import parse_resume_text
from resumes.reading.schemas import Contact, EducationEntry, ExperienceEntry
from resumes.tests import samples
from resumes.tests.factories import JobFactory, ResumeFactory

pytestmark = pytest.mark.django_db


def _maya(user) -> Resume:
    parsed = parse_resume_text(samples.SOFTWARE_ENGINEER_RESUME)
    return ResumeFactory(user=user, text=parsed.text, parsed=parsed.model_dump(mode="json"), headline=parsed.headline,
                         skills=[skill.model_dump(mode="json") for skill in parsed.skills], name="Maya Patel — Senior Backend Engineer")


def _detail(resume: Resume, **query) -> str:
    url = reverse("resumes:detail", args=[resume.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


ROLE = {"title": "Staff Backend Engineer", "company": "Stripe", "start": "2021-01", "end": "", "current": "on",
        "lines": "• Led the ledger migration to Go.\nMentored four engineers."}


# --- Services and what the coach reads -----------------------------------------------------------

def test_a_corrected_role_replaces_the_parsers_and_years_follow(user):
    resume = _maya(user)
    read_before = resume.as_read()
    services.resume_role_save(resume=resume, index=2, role=ExperienceEntry(
        title="Software Developer", company="Zalando", dates="Jul 2014 – Feb 2018", start="2014-07", end="2018-02"))

    resume.refresh_from_db()
    corrected = resume.as_parsed()
    assert [(e.title, e.company) for e in corrected.experience] == [
        ("Senior Backend Engineer", "Stripe"), ("Backend Engineer", "N26"), ("Software Developer", "Zalando")]
    assert corrected.years_experience > read_before.years_experience  # the role now starts in 2014, not 2016
    assert resume.as_read() == read_before  # what the parser read is kept as it was


def test_the_interview_snapshot_is_the_corrected_resume(user):
    resume = _maya(user)
    services.resume_contact_update(resume=resume, contact=Contact(
        name="Maya R. Patel", email="maya@example.org", phone="+49 30 1234 5678", location="Berlin, Germany"))
    services.resume_role_remove(resume=resume, index=2)
    services.resume_degree_save(resume=resume, index=0, degree=EducationEntry(
        degree="B.Sc. Computer Science", institution="TU Munich", dates="2012 – 2016"))

    session, _ = interview_create(user=user, resume=resume, job=JobFactory(user=user), options=PlanOptions(),
                                  answer_seconds=120)

    snapshot = session.resume_input()
    assert snapshot.contact.name == "Maya R. Patel" and snapshot.contact.email == "maya@example.org"
    assert [e.company for e in snapshot.experience] == ["Stripe", "N26"]
    assert [(e.degree, e.institution) for e in snapshot.education] == [("B.Sc. Computer Science", "TU Munich")]


def test_a_role_edited_away_in_another_tab_is_refused_not_misplaced(user):
    resume = _maya(user)
    with pytest.raises(Exception, match="no longer on this resume"):
        services.resume_role_save(resume=resume, index=7, role=ExperienceEntry(title="Ghost"))
    resume.refresh_from_db()
    assert resume.corrections == {}


# --- Names -------------------------------------------------------------------------------------------

def test_an_uploaded_resume_is_named_after_the_candidate_and_their_headline(user):
    stored = services.resume_upload(user=user, data=samples.one_column_pdf(), filename="cv_final_v3.pdf").resume
    assert stored.display_name == "cv_final_v3.pdf"  # until it is read
    resume = services.resume_read_now(resume=stored)
    assert resume.name == "Maya Patel — Senior Backend Engineer"
    assert resume.display_name == "Maya Patel — Senior Backend Engineer"
    assert resume.original_filename == "cv_final_v3.pdf"


def test_a_pasted_resume_takes_the_name_given_or_one_read_from_it(user):
    named = services.resume_read_now(resume=services.resume_paste(user=user, text=samples.NURSE_RESUME,
                                                                  title="ICU applications").resume)
    unnamed = services.resume_read_now(resume=services.resume_paste(user=user, text=samples.SALES_RESUME).resume)
    assert named.name == "ICU applications"
    assert unnamed.name.startswith(unnamed.as_parsed().contact.name + " — ")


def test_resume_names_are_shown_where_resumes_are_listed_and_picked(client_user, user):
    resume = _maya(user)
    listing = client_user.get(reverse("resumes:list")).content.decode()
    setup = client_user.get(reverse("interviews:setup")).content.decode()
    match = client_user.get(reverse("jobs:match", args=[JobFactory(user=user).pk])).content.decode()
    for page in (listing, setup, match):
        assert "Maya Patel — Senior Backend Engineer" in page
        assert resume.original_filename not in page.replace(f"· {resume.original_filename}", "")


def test_rename_in_place(client_user, user, htmx_headers):
    resume = _maya(user)
    response = client_user.post(reverse("resumes:rename", args=[resume.pk]), {"name": "  Backend   roles  "}, **htmx_headers)
    body = response.content.decode()
    assert response.status_code == 200 and 'id="name"' in body and "<html" not in body
    assert "Backend roles" in body
    resume.refresh_from_db()
    assert resume.name == "Backend roles"


def test_an_empty_name_is_refused_in_a_sentence(client_user, user):
    resume = _maya(user)
    response = client_user.post(reverse("resumes:rename", args=[resume.pk]), {"name": " "})
    assert "Give this resume a name" in response.content.decode()
    resume.refresh_from_db()
    assert resume.name == "Maya Patel — Senior Backend Engineer"


# --- Editing in place, with and without JavaScript --------------------------------------------------

def test_edit_link_without_javascript_shows_the_whole_page_with_that_role_as_a_form(client_user, user):
    resume = _maya(user)
    body = client_user.get(_detail(resume, edit="role-1")).content.decode()
    assert "<html" in body
    assert f'action="{reverse("resumes:role_save", args=[resume.pk])}"' in body and 'name="index" value="1"' in body
    assert 'value="Backend Engineer"' in body and 'value="N26"' in body and 'value="2018-03"' in body
    assert body.count('class="stack-form entry-form"') == 1  # only that role is a form


def test_edit_link_with_htmx_fetches_only_the_card(client_user, user, htmx_headers):
    resume = _maya(user)
    body = client_user.get(_detail(resume, edit="degree-0"), **htmx_headers).content.decode()
    assert "<html" not in body and body.lstrip().startswith('<section id="education"')
    assert 'value="Technical University of Munich"' in body
    cancel = client_user.get(_detail(resume, show="education"), **htmx_headers).content.decode()
    assert "entry-form" not in cancel and "Technical University of Munich" in cancel


def test_saving_a_role_with_htmx_answers_with_the_card(client_user, user, htmx_headers):
    resume = _maya(user)
    response = client_user.post(reverse("resumes:role_save", args=[resume.pk]), {**ROLE, "index": "0"}, **htmx_headers)
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<section id="experience"')
    assert "Staff Backend Engineer" in body and "Jan 2021 – Present" in body
    resume.refresh_from_db()
    role = resume.as_parsed().experience[0]
    assert (role.title, role.start, role.end, role.current) == ("Staff Backend Engineer", "2021-01", None, True)
    assert role.lines == ["Led the ledger migration to Go.", "Mentored four engineers."]


def test_saving_a_role_without_javascript_redirects_to_the_card(client_user, user):
    resume = _maya(user)
    response = client_user.post(reverse("resumes:role_save", args=[resume.pk]), {**ROLE, "index": "0"})
    assert response.status_code == 302 and response.url.endswith("#experience")
    page = client_user.get(response.url).content.decode()
    assert "Role saved." in page and "Staff Backend Engineer" in page


def test_a_role_ending_before_it_starts_is_refused_and_nothing_is_saved(client_user, user, htmx_headers):
    resume = _maya(user)
    bad = {**ROLE, "current": "", "start": "2021-05", "end": "2020-01"}
    body = client_user.post(reverse("resumes:role_save", args=[resume.pk]), {**bad, "index": "0"}, **htmx_headers).content.decode()
    assert "The role ends before it starts: check the two months." in body
    assert 'value="2021-05"' in body  # what the candidate typed is kept in the form
    resume.refresh_from_db()
    assert resume.corrections == {}


def test_a_month_in_another_format_is_explained(client_user, user):
    resume = _maya(user)
    body = client_user.post(reverse("resumes:role_save", args=[resume.pk]), {**ROLE, "start": "March 2021", "index": "0"}).content.decode()
    assert "Write the month as year and month, like 2021-03." in body and "<html" in body


def test_adding_and_removing_roles_and_degrees(client_user, user, htmx_headers):
    resume = _maya(user)
    client_user.post(reverse("resumes:role_save", args=[resume.pk]), {**ROLE, "title": "Founder", "company": "Ledgerlint"},
                     **htmx_headers)  # no index: a new role
    client_user.post(reverse("resumes:role_remove", args=[resume.pk]), {"index": "3"}, **htmx_headers)  # Zalando, now 4th
    client_user.post(reverse("resumes:degree_save", args=[resume.pk]), {"degree": "Abitur", "institution": "Gymnasium Ulm",
                                                                        "dates": "2012"}, **htmx_headers)
    client_user.post(reverse("resumes:degree_remove", args=[resume.pk]), {"index": "0"}, **htmx_headers)
    resume.refresh_from_db()
    parsed = resume.as_parsed()
    assert [e.company for e in parsed.experience] == ["Ledgerlint", "Stripe", "N26"]
    assert [(e.degree, e.institution) for e in parsed.education] == [("Abitur", "Gymnasium Ulm")]


def test_a_degree_needs_a_degree_or_a_school(client_user, user, htmx_headers):
    resume = _maya(user)
    body = client_user.post(reverse("resumes:degree_save", args=[resume.pk]), {"dates": "2012"}, **htmx_headers).content.decode()
    assert "Write the degree, the school, or both." in body
    assert Resume.objects.get(pk=resume.pk).corrections == {}


def test_contact_details_are_corrected_in_place(client_user, user, htmx_headers):
    resume = _maya(user)
    data = {"name": "Maya Patel", "email": "maya@example.org", "phone": "+49 30 5555 0000", "location": "Berlin, Germany",
            "address": "", "links": "github.com/mayapatel\nmaya.dev"}
    body = client_user.post(reverse("resumes:contact", args=[resume.pk]), data, **htmx_headers).content.decode()
    assert body.lstrip().startswith('<section id="contact"') and "maya@example.org" in body
    contact = Resume.objects.get(pk=resume.pk).as_parsed().contact
    assert (contact.email, contact.phone, contact.links) == ("maya@example.org", "+49 30 5555 0000", ["github.com/mayapatel", "maya.dev"])


def test_a_bad_email_or_link_is_explained(client_user, user, htmx_headers):
    resume = _maya(user)
    body = client_user.post(reverse("resumes:contact", args=[resume.pk]), {"email": "maya at example", "links": "my github"},
                            **htmx_headers).content.decode()
    assert "That email address is not complete" in body and "“my github” is not a web address" in body
    assert Resume.objects.get(pk=resume.pk).corrections == {}


CORRECTION_URLS = ["resumes:rename", "resumes:contact", "resumes:role_save", "resumes:role_remove", "resumes:degree_save",
                   "resumes:degree_remove"]


@pytest.mark.parametrize("name", CORRECTION_URLS)
def test_another_user_gets_404_and_changes_nothing(client, other_user, user, name):
    resume = _maya(user)
    client.force_login(other_user)
    data = {**ROLE, "name": "x", "degree": "x", "index": "0"}
    assert client.post(reverse(name, args=[resume.pk]), data).status_code == 404
    assert client.get(_detail(resume, edit="role-0")).status_code == 404
    resume.refresh_from_db()
    assert resume.corrections == {} and resume.name == "Maya Patel — Senior Backend Engineer"


def test_corrections_and_the_name_survive_a_re_parse(user):
    resume = services.resume_paste(user=user, text=samples.SOFTWARE_ENGINEER_RESUME, title="Backend roles").resume
    resume = services.resume_read_now(resume=resume)
    services.resume_role_save(resume=resume, index=0, role=ExperienceEntry(title="Staff Engineer", company="Stripe",
                                                                          start="2021-01", current=True))
    services.resume_reparse(resume=resume)
    resume.refresh_from_db()
    assert resume.name == "Backend roles"
    assert resume.as_parsed().experience[0].title == "Staff Engineer"
    assert resume.as_read().experience[0].title == "Senior Backend Engineer"
