"""Ids read from query strings: anything that is not a plain 64-bit number is a 404 or ignored, never a 500."""

import pytest
from django.urls import reverse

from core.limits import parse_id
from interviews.tests.factories import ScoreRunFactory, ready_session
from resumes.tests.factories import JobFactory, ResumeFactory

pytestmark = pytest.mark.django_db

BAD_IDS = ["²", "١٢", "9223372036854775808", "99999999999999999999999", "-1", "0", "1.5", "1e3", " 1", "0x10", "abc"]


@pytest.mark.parametrize("value, expected", [
    ("1", 1), ("42", 42), ("9223372036854775807", 2**63 - 1), (7, 7),
    ("²", None), ("١٢", None), ("9223372036854775808", None), ("0", None), ("-3", None), ("", None),
    (None, None), (True, None), (2**63, None), ("1_000", None), ("+5", None),
])
def test_parse_id_accepts_only_plain_positive_64_bit_numbers(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize("bad", BAD_IDS)
def test_history_ignores_a_job_filter_that_is_not_an_id(client_user, user, bad):
    session = ready_session(user, questions=1, status="scored", title="Platform role at Initech")
    response = client_user.get(reverse("interviews:history"), {"job": bad})
    assert response.status_code == 200
    assert session.title in response.content.decode()  # the filter was ignored, the list is whole


@pytest.mark.parametrize("bad", BAD_IDS)
def test_results_with_a_run_that_is_not_an_id_is_404(client_user, user, bad):
    run = ScoreRunFactory(session=ready_session(user, questions=1, status="scored"))
    response = client_user.get(reverse("interviews:results", args=[run.session.pk]), {"run": bad})
    assert response.status_code == 404


def test_results_with_a_real_run_id_still_shows_it(client_user, user):
    session = ready_session(user, questions=1, status="scored")
    older = ScoreRunFactory(session=session, score=41)
    ScoreRunFactory(session=session, score=77)
    response = client_user.get(reverse("interviews:results", args=[session.pk]), {"run": str(older.pk)})
    assert response.status_code == 200 and response.context["run"].pk == older.pk


@pytest.mark.parametrize("bad", BAD_IDS)
def test_setup_ignores_resume_and_job_that_are_not_ids(client_user, user, bad):
    ResumeFactory(user=user)
    JobFactory(user=user)
    response = client_user.get(reverse("interviews:setup"), {"resume": bad, "job": bad})
    assert response.status_code == 200


@pytest.mark.parametrize("bad", BAD_IDS)
def test_match_with_a_resume_that_is_not_an_id_is_404(client_user, user, bad):
    ResumeFactory(user=user)
    job = JobFactory(user=user)
    response = client_user.get(reverse("jobs:match", args=[job.pk]), {"resume": bad})
    assert response.status_code == 404


def test_match_with_another_users_resume_is_404(client_user, user, other_user):
    ResumeFactory(user=user)
    theirs = ResumeFactory(user=other_user)
    job = JobFactory(user=user)
    assert client_user.get(reverse("jobs:match", args=[job.pk]), {"resume": theirs.pk}).status_code == 404
