"""Every page that lists things makes the same number of queries with 1 item and with 200."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.models import InterviewSession, InterviewWork, ScoreRun
from interviews.services.progress import score_summaries_rebuild
from interviews.tests.factories import QuestionFactory, SessionFactory
from resumes.tests.factories import JobFactory, ResumeFactory

pytestmark = pytest.mark.django_db

PER_QUESTION = [
    {"question": "Tell me about owning a hard problem.", "answer": "I led the migration.", "kind": "behavioral",
     "competency": "Ownership", "score": 70, "feedback": "Clear.", "skills_shown": ["Python"]},
    {"question": "How do you design schemas?", "answer": "", "kind": "technical", "competency": "PostgreSQL",
     "score": 0, "feedback": "Not answered.", "skills_shown": []},
]


def add_history(user, *, count, job, resume, start=0):
    """`count` scored interviews (bulk-created, then their figures written as scoring would) and as
    many prepared ones never taken."""
    now = timezone.now()
    scored = InterviewSession.objects.bulk_create([
        SessionFactory.build(user=user, job=job, resume=resume, status=InterviewSession.Status.SCORED,
                             title=f"Engineer {start + i} at Acme", started_at=now, ended_at=now)
        for i in range(count)
    ])
    waiting = InterviewSession.objects.bulk_create([
        SessionFactory.build(user=user, job=job, resume=resume, status=InterviewSession.Status.READY,
                             title=f"Waiting {start + i} at Acme") for i in range(count)
    ])
    InterviewWork.objects.bulk_create([InterviewWork(session=session) for session in [*scored, *waiting]])
    for i, session in enumerate(scored):
        InterviewSession.objects.filter(pk=session.pk).update(created_at=now - timedelta(hours=start + i))
    ScoreRun.objects.bulk_create([
        ScoreRun(session=session, rubric_version="offline-v1", engine="offline", score=40 + (start + i) % 50,
                 summary="Fine.", weights={"content": 1.0}, parts={"content": 60.0}, per_question=PER_QUESTION)
        for i, session in enumerate(scored)
    ])
    score_summaries_rebuild(sessions=InterviewSession.objects.filter(pk__in=[s.pk for s in scored]))
    return scored


def pages(user, session, job):
    return {
        "dashboard": reverse("dashboard"),
        "interviews": reverse("interviews:list"),
        "interviews not taken": reverse("interviews:list") + "?show=not-taken",
        "history": reverse("interviews:history"),
        "history filtered": reverse("interviews:history") + f"?job={job.pk}&status=scored",
        "results": reverse("interviews:results", args=[session.pk]),
        "resumes": reverse("resumes:list"),
        "jobs": reverse("jobs:list"),
        "match": reverse("jobs:match", args=[job.pk]),
        "setup": reverse("interviews:setup"),
        "profile": reverse("accounts:profile"),
    }


def count_queries(client, urls) -> dict[str, tuple[int, int]]:
    """Queries of each page with its cached fragment (the results page's score run) cold, and then
    on the next visit. Pages are rendered every time: no page is stored whole."""
    counts = {}
    for name, url in urls.items():
        client.get(url)  # warm anything cached once per process (content types, site)
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        counts[name] = (len(cold), len(warm))
    return counts


def test_list_pages_make_as_many_queries_with_200_items_as_with_1(client_user, user):
    job, resume = JobFactory(user=user), ResumeFactory(user=user)
    session = add_history(user, count=1, job=job, resume=resume)[0]
    QuestionFactory(session=session)
    urls = pages(user, session, job)
    one = count_queries(client_user, urls)

    add_history(user, count=199, job=job, resume=resume, start=1)
    for _ in range(199):
        JobFactory(user=user)
        ResumeFactory(user=user)
    ScoreRun.objects.bulk_create([ScoreRun(session=session, rubric_version="offline-v1", engine="offline", score=50,
                                           summary="Again.", per_question=PER_QUESTION) for _ in range(199)])
    many = count_queries(client_user, urls)

    assert many == one
    assert max(cold for cold, _ in many.values()) <= 12, many
    # Every page renders from scratch each time: a repeat visit reads what the first one read.
    assert all(warm == cold for cold, warm in many.values()), many


def test_lists_are_paginated(client_user, user):
    job, resume = JobFactory(user=user), ResumeFactory(user=user)
    add_history(user, count=45, job=job, resume=resume)
    for _ in range(24):
        JobFactory(user=user)
        ResumeFactory(user=user)
    for url, rows in [(reverse("interviews:history"), 20), (reverse("jobs:list"), 20), (reverse("resumes:list"), 20)]:
        body = client_user.get(url).content.decode()
        assert body.count("<tr>") - 1 == rows, url  # one header row
        assert "Page 1 of 3" in body or "Page 1 of 2" in body, url
    body = client_user.get(reverse("interviews:list"), {"page": 3}).content.decode()
    assert "Page 3 of 3" in body and "Engineer 44 at Acme" in body


def test_interview_lists_count_taken_and_waiting_interviews_in_one_query(client_user, user):
    """The history and interviews pages ask for their row count and the not-taken count together."""
    job, resume = JobFactory(user=user), ResumeFactory(user=user)
    add_history(user, count=25, job=job, resume=resume)
    for url in (reverse("interviews:history"), reverse("interviews:list")):
        client_user.get(url)
        with CaptureQueriesContext(connection) as seen:
            body = client_user.get(url).content.decode()
        counts = [query["sql"] for query in seen.captured_queries if "COUNT(" in query["sql"].upper()]
        assert len(counts) == 1, (url, counts)
        assert "Page 1 of 2" in body, url
    history = client_user.get(reverse("interviews:history")).content.decode()
    assert "25 interviews you prepared haven’t been taken yet" in history
    listing = client_user.get(reverse("interviews:list")).content.decode()
    assert "Waiting 24 at Acme" in listing and "Waiting 0 at Acme" not in listing  # the newest few of 25
    assert "Page 2 of 2" in client_user.get(reverse("interviews:history"), {"page": 2}).content.decode()
    filtered = client_user.get(reverse("interviews:history"), {"job": job.pk + 1000}).content.decode()
    assert "No interviews match these filters." in filtered
