"""Whole pages stored per candidate (saylo/pagecache.py `cached_page`): a repeat visit is cheap, and
nothing a candidate does — or anyone else — ever shows a stale or foreign page."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.models import InterviewSession
from interviews.tests.factories import ScoreRunFactory, SessionFactory
from resumes import services
from resumes.tests.factories import JobFactory, ResumeFactory

pytestmark = pytest.mark.django_db


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response, len(captured)


def test_a_repeat_visit_is_served_whole_and_a_change_shows_at_once(client_user, user):
    resume = ResumeFactory(user=user, name="Jane Doe — Backend")
    url = reverse("resumes:list")
    client_user.get(url)  # the CSRF cookie the page's forms need is set on the first visit
    first, cold = queries(client_user, url)
    again, warm = queries(client_user, url)
    assert warm == 3 < cold  # session, user, data fingerprint — none of the page's reads
    assert again.content == first.content

    services.resume_rename(resume=resume, name="Jane Doe — Platform")
    changed, _ = queries(client_user, url)
    assert "Jane Doe — Platform" in changed.content.decode() and "Jane Doe — Backend" not in changed.content.decode()


def test_a_profile_edit_shows_on_the_next_visit(client_user, user):
    url = reverse("accounts:profile")
    client_user.get(url)
    queries(client_user, url)
    response = client_user.post(url, {"first_name": "Ada", "last_name": "Lovelace", "target_role": "Staff Engineer"},
                                follow=True)
    assert "Your profile is saved." in response.content.decode()
    after, _ = queries(client_user, url)
    body = after.content.decode()
    assert 'value="Staff Engineer"' in body and "Your profile is saved." not in body  # shown once, never stored


def test_a_page_with_a_message_is_rendered_and_never_stored(client_user, user):
    url = reverse("jobs:list")
    JobFactory(user=user, title="Keeper", company="Acme")
    old = JobFactory(user=user, title="Old job", company="Initech")
    client_user.get(url)
    client_user.post(reverse("jobs:delete", args=[old.pk]))  # "Deleted …" waits for the next page
    with_message, _ = queries(client_user, url)
    assert "Deleted “Old job at Initech”." in with_message.content.decode()
    after, warm = queries(client_user, url)
    body = after.content.decode()
    assert "Deleted “Old job" not in body and "Keeper" in body
    stored, warmer = queries(client_user, url)
    assert warmer == 3 and stored.content == after.content  # the page without the message is the one stored


def test_two_candidates_never_see_each_others_page(client, user, other_user, password):
    ResumeFactory(user=user, name="Only mine")
    url = reverse("resumes:list")
    client.force_login(user)
    client.get(url)
    assert "Only mine" in client.get(url).content.decode()
    other = Client()
    other.force_login(other_user)
    other.get(url)
    for _ in range(2):  # a first visit, then a stored one: both the other candidate's own
        body = other.get(url).content.decode()
        assert "Only mine" not in body and "No resumes yet" in body


def test_signing_in_again_serves_a_page_whose_forms_still_post(user, password):
    browser = Client(enforce_csrf_checks=True)
    url = reverse("accounts:profile")
    browser.force_login(user)
    browser.get(url)
    browser.get(url)  # stored
    browser.logout()
    assert browser.login(email=user.email, password=password)  # rotates the CSRF secret
    browser.get(url)  # the new cookie
    page = browser.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    posted = browser.post(url, {"first_name": "Ada", "last_name": "", "target_role": "", "csrfmiddlewaretoken": token})
    assert posted.status_code == 302  # not 403: the stored page carries a token of this sign-in


def test_results_while_scoring_are_rendered_every_time(client_user, user):
    session = SessionFactory(user=user, status=InterviewSession.Status.FINISHED, ended_at=timezone.now(),
                             score_enqueued_at=timezone.now())
    url = reverse("interviews:results", args=[session.pk])
    client_user.get(url)
    _, first = queries(client_user, url)
    _, second = queries(client_user, url)
    assert second == first > 3  # what it says depends on the clock (how long scoring has waited)

    ScoreRunFactory(session=session)
    InterviewSession.objects.filter(pk=session.pk).update(status=InterviewSession.Status.SCORED,
                                                          updated_at=timezone.now())
    scored, cold = queries(client_user, url)
    again, warm = queries(client_user, url)
    assert warm == 3 < cold and again.content == scored.content


def test_an_htmx_fragment_and_the_full_page_are_stored_apart(client_user, user):
    JobFactory(user=user)
    url = reverse("interviews:history")
    client_user.get(url)
    fragment = client_user.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="history-table").content.decode()
    full = client_user.get(url).content.decode()
    assert "<html" not in fragment and "<html" in full


def test_the_interview_page_is_stored_until_its_questions_or_cheatsheet_change(client_user, user):
    from interviews.services import questions as question_services
    from interviews.tests.factories import CheatsheetFactory, QuestionFactory

    session = SessionFactory(user=user, status=InterviewSession.Status.READY)
    question = QuestionFactory(session=session, text="Tell me about the billing migration.")
    CheatsheetFactory(session=session)
    url = reverse("interviews:detail", args=[session.pk])
    client_user.get(url)
    first, cold = queries(client_user, url)
    again, warm = queries(client_user, url)
    assert warm == 3 < cold and again.content == first.content  # session, user, this interview and the fingerprint

    question_services.question_update(question=question, text="How did you plan the billing cut-over?",
                                      kind=question.kind, competency=question.competency)
    edited, _ = queries(client_user, url)
    assert "How did you plan the billing cut-over?" in edited.content.decode()

    from unittest import mock

    from interviews.services.preparation import pdf_regenerate_request

    with mock.patch("interviews.tasks.enqueue"):
        pdf_regenerate_request(session=session)
    _, printing = queries(client_user, url)
    _, still = queries(client_user, url)
    assert still == printing > 3  # a re-print under way is never stored


def test_another_candidates_interview_is_404_even_when_the_owner_has_it_stored(client_user, user, other_user):
    session = SessionFactory(user=user, status=InterviewSession.Status.READY)
    url = reverse("interviews:detail", args=[session.pk])
    client_user.get(url)
    assert client_user.get(url).status_code == 200
    other = Client()
    other.force_login(other_user)
    other.get(reverse("dashboard"))
    assert other.get(url).status_code == 404 and other.get(url).status_code == 404


def test_the_redis_cache_reuses_one_client_per_pool():
    from saylo.cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/9", {"KEY_PREFIX": "saylo-test-reuse"})
    cache.set("visits", 1)
    assert cache.incr("visits") == 2 and cache.get("visits") == 2
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.delete("visits")


def test_the_room_is_stored_until_an_answer_is_saved_and_video_rooms_never(client_user, user):
    import json

    from interviews.services.transcript import turn_record
    from interviews.tests.factories import QuestionFactory

    session = SessionFactory(user=user, status=InterviewSession.Status.READY)
    first_q = QuestionFactory(session=session, order=0, text="Tell me about the billing migration.")
    QuestionFactory(session=session, order=1, text="How do you review a risky change?")
    url = reverse("interviews:room", args=[session.pk])
    client_user.get(url)
    page, cold = queries(client_user, url)
    again, warm = queries(client_user, url)
    assert warm == 3 < cold and again.content == page.content

    turn_record(session=session, client_id="c-1", role="candidate", text="I planned the cut-over in three steps.",
                question_id=first_q.pk, started_ms=1000, ended_ms=9000)
    resumed, _ = queries(client_user, url)
    config = json.loads(re.search(r'id="room-config" type="application/json">(.*?)</script>',
                                  resumed.content.decode(), re.S).group(1))
    assert config["nextIndex"] == 1 and config["elapsedMs"] == 9000  # where the candidate left off

    InterviewSession.objects.filter(pk=session.pk).update(mode=InterviewSession.Mode.VIDEO)
    _, video_first = queries(client_user, url)
    _, video_again = queries(client_user, url)
    assert video_again == video_first > 3
