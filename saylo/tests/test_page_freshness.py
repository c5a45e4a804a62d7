"""Pages are rendered for each request: no page is stored whole, so two tabs never share a form's
key, a change shows on the next visit, and nothing a client sends in a query string fills the cache.
The one cached fragment (a results page's score run) is keyed on the run and dies with the account."""

import secrets

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.data import account_delete
from interviews.fragments import results_fragment_key
from interviews.models import InterviewSession
from interviews.tests.factories import ScoreRunFactory, SessionFactory
from resumes import services
from resumes.tests.factories import JobFactory, ResumeFactory
from saylo.tests.html import form_values

pytestmark = pytest.mark.django_db


def _cache_keys() -> set:
    # The tests' cache is local memory: its keys are the entries a request wrote.
    return set(cache._cache.keys())


def test_two_tabs_preparing_two_jobs_get_two_interviews(client_user, user, django_capture_on_commit_callbacks):
    resume = ResumeFactory(user=user)
    job_a = JobFactory(user=user, title="Job A", company="Acme")
    job_b = JobFactory(user=user, title="Job B", company="Initech")
    tab_one = form_values(client_user.get(reverse("interviews:setup")).content, "//form[@id='setup-form']")
    tab_two = form_values(client_user.get(reverse("interviews:setup")).content, "//form[@id='setup-form']")
    assert tab_one["request_key"] and tab_one["request_key"] != tab_two["request_key"]

    common = {"resume": resume.pk, "count": 5, "mix_behavioral": 2, "mix_technical": 2, "mix_situational": 1,
              "mix_resume": 1, "answer_seconds": 120, "mode": "practice"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client_user.post(reverse("interviews:setup"), {**common, "job": job_a.pk, "difficulty": "standard",
                                                                "request_key": tab_one["request_key"]})
        second = client_user.post(reverse("interviews:setup"), {**common, "job": job_b.pk, "difficulty": "hard",
                                                                 "request_key": tab_two["request_key"]})
    sessions = InterviewSession.objects.filter(user=user).order_by("id")
    assert [s.job_id for s in sessions] == [job_a.pk, job_b.pk]
    assert first.url != second.url and second.url == reverse("interviews:detail", args=[sessions[1].pk])


def test_a_change_shows_on_the_next_visit(client_user, user):
    resume = ResumeFactory(user=user, name="Jane Doe — Backend")
    url = reverse("resumes:list")
    assert "Jane Doe — Backend" in client_user.get(url).content.decode()
    services.resume_rename(resume=resume, name="Jane Doe — Platform")
    body = client_user.get(url).content.decode()
    assert "Jane Doe — Platform" in body and "Jane Doe — Backend" not in body


@pytest.mark.parametrize("name", ["dashboard", "interviews:list", "interviews:history", "resumes:list", "jobs:list",
                                  "accounts:profile", "interviews:setup"])
def test_query_strings_create_no_cache_entries(client_user, user, name):
    session = SessionFactory(user=user, status=InterviewSession.Status.SCORED)
    ScoreRunFactory(session=session)
    url = reverse(name)
    client_user.get(url)  # anything a first visit caches once (sessions live in the database here)
    before = _cache_keys()
    for _ in range(5):
        assert client_user.get(url, {"utm": secrets.token_hex(8), "page": secrets.token_hex(3)}).status_code == 200
    assert _cache_keys() == before


def test_a_results_fragment_is_keyed_on_its_run_and_deleted_with_the_account(client_user, user,
                                                                            django_capture_on_commit_callbacks):
    session = SessionFactory(user=user, status=InterviewSession.Status.SCORED)
    run = ScoreRunFactory(session=session)
    cache.clear()
    client_user.get(reverse("interviews:results", args=[session.pk]), {"anything": "1"})
    client_user.get(reverse("interviews:results", args=[session.pk]), {"anything": "2"})
    assert cache.get(results_fragment_key(run.pk)) is not None
    assert len(_cache_keys()) == 1  # one fragment, whatever the query string

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=user)
    assert cache.get(results_fragment_key(run.pk)) is None  # it quoted the candidate's answers
