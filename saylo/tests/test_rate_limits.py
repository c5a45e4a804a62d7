"""Per-user rate limits on uploads, pastes, preparation and "Score again": counted atomically
before the work, so parallel requests cannot all pass; refused requests store nothing."""

import threading

import pytest
from django.core.cache import cache, caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from core.limits import RESCORE, RateLimited, rate_limit_spend
from interviews.models import InterviewSession
from interviews.tests.factories import ScoreRunFactory, ready_session
from resumes.models import Resume
from resumes.tests import samples
from resumes.tests.factories import JobFactory, ResumeFactory

PASTE = samples.SOFTWARE_ENGINEER_RESUME


def _spend_in_parallel(user, attempts: int) -> tuple[int, int]:
    """`attempts` threads released together, each spending one "Score again"; (passed, refused)."""
    barrier = threading.Barrier(attempts)
    outcomes: list[bool] = []
    lock = threading.Lock()

    def attempt():
        barrier.wait()
        try:
            rate_limit_spend(RESCORE, user)
            passed = True
        except RateLimited:
            passed = False
        finally:
            connection.close()
        with lock:
            outcomes.append(passed)

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes.count(True), outcomes.count(False)


@pytest.mark.django_db
def test_twelve_parallel_score_again_attempts_let_only_the_allowance_through(user, settings):
    settings.RESCORE_PER_HOUR = 5
    assert _spend_in_parallel(user, 12) == (5, 7)


@pytest.mark.django_db(transaction=True)
def test_database_cache_counts_parallel_attempts_atomically(user, settings):
    """Production's default limits store: Django's own DatabaseCache.incr reads then writes."""
    if connection.vendor == "sqlite":
        # The test database is SQLite's shared in-memory one, whose table locks fail at once instead
        # of waiting as the WAL file database with a busy timeout does. CI runs this on PostgreSQL.
        pytest.skip("parallel writers need a file or PostgreSQL database")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                       "limits": {"BACKEND": "core.cache.DatabaseCache", "LOCATION": "saylo_test_cache"}}
    settings.RESCORE_PER_HOUR = 5
    call_command("createcachetable", verbosity=0)
    try:
        assert _spend_in_parallel(user, 12) == (5, 7)
        assert caches["limits"].get(f"saylo:rate:rescore:{user.pk}") == 12
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE saylo_test_cache")


@pytest.mark.django_db(transaction=True)
def test_database_cache_incr_refuses_a_missing_or_expired_key(settings):
    settings.CACHES = {"default": {"BACKEND": "core.cache.DatabaseCache", "LOCATION": "saylo_test_cache"}}
    call_command("createcachetable", verbosity=0)
    try:
        with pytest.raises(ValueError):
            cache.incr("absent")
        cache.set("gone", 3, timeout=-1)
        with pytest.raises(ValueError):
            cache.incr("gone")
        cache.add("count", 1, timeout=60)
        assert cache.incr("count") == 2 and cache.incr("count", 5) == 7 and cache.decr("count") == 6
        assert cache.get("count") == 6
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE saylo_test_cache")


# --- The views ----------------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_uploads_and_pastes_share_one_hourly_allowance(client_user, user, settings):
    settings.RESUME_UPLOADS_PER_HOUR = 3
    for n in range(2):
        client_user.post(reverse("resumes:paste"), {"text": PASTE + f"\nProject {n}: rewrote the billing service."})
    client_user.post(reverse("resumes:upload"), {"file": SimpleUploadedFile("cv.pdf", samples.one_column_pdf())})
    assert Resume.objects.filter(user=user).count() == 3
    refused = client_user.post(reverse("resumes:paste"), {"text": PASTE + "\nOne more."})
    assert refused.status_code == 429
    assert "You can upload or paste a resume 3 times an hour" in refused.content.decode()
    refused = client_user.post(reverse("resumes:upload"), {"file": SimpleUploadedFile("b.pdf", samples.two_column_pdf())})
    assert refused.status_code == 429 and Resume.objects.filter(user=user).count() == 3


@pytestmark_db
def test_refused_upload_over_htmx_shows_the_message_in_the_form(client_user, user, settings, htmx_headers):
    settings.RESUME_UPLOADS_PER_HOUR = 0
    response = client_user.post(reverse("resumes:upload"), {"file": SimpleUploadedFile("cv.pdf", samples.one_column_pdf())},
                                **htmx_headers)
    body = response.content.decode()
    assert response.status_code == 200 and 'id="upload-form"' in body and "times an hour" in body
    assert not Resume.objects.exists()


@pytestmark_db
def test_the_limit_is_per_user(client, user, other_user, settings):
    settings.RESUME_UPLOADS_PER_HOUR = 1
    client.force_login(user)
    client.post(reverse("resumes:paste"), {"text": PASTE})
    assert client.post(reverse("resumes:paste"), {"text": PASTE + "\nAgain."}).status_code == 429
    client.force_login(other_user)
    assert client.post(reverse("resumes:paste"), {"text": PASTE}).status_code == 302


def _setup_data(resume, job, key):
    return {"resume": resume.pk, "job": job.pk, "count": 3, "mix_behavioral": 1, "mix_technical": 1,
            "mix_situational": 1, "mix_resume": 1, "difficulty": "standard", "answer_seconds": 120,
            "mode": "practice", "request_key": key}


@pytestmark_db
def test_preparing_interviews_is_limited_and_a_refusal_stores_nothing(client_user, user, settings):
    settings.PREPARATIONS_PER_HOUR = 2
    resume, job = ResumeFactory(user=user), JobFactory(user=user)
    for n in range(2):
        assert client_user.post(reverse("interviews:setup"), _setup_data(resume, job, f"k{n}")).status_code == 302
    refused = client_user.post(reverse("interviews:setup"), _setup_data(resume, job, "k3"))
    assert refused.status_code == 429
    assert "You can prepare an interview 2 times an hour" in refused.content.decode()
    assert InterviewSession.objects.filter(user=user).count() == 2


@pytestmark_db
def test_retake_counts_as_preparation(client_user, user, settings):
    settings.PREPARATIONS_PER_HOUR = 0
    run = ScoreRunFactory(session=ready_session(user, questions=2, status=InterviewSession.Status.SCORED))
    response = client_user.post(reverse("interviews:retake", args=[run.session.pk]), follow=True)
    assert "You can prepare an interview 0 times an hour" in response.content.decode()
    assert InterviewSession.objects.filter(user=user).count() == 1


@pytestmark_db
def test_score_again_counts_before_the_work_and_refunds_a_refusal(client_user, user, settings,
                                                                  django_capture_on_commit_callbacks):
    settings.RESCORE_PER_HOUR = 2
    unfinished = ready_session(user, questions=1)
    client_user.post(reverse("interviews:rescore", args=[unfinished.pk]))  # refused: not finished, refunded
    run = ScoreRunFactory(session=ready_session(user, questions=1, status=InterviewSession.Status.SCORED))
    run.session.turns.create(seq=1, role="candidate", text="I led it and cut costs by 20%.", client_id="x",
                             question=run.session.questions.first())
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client_user.post(reverse("interviews:rescore", args=[run.session.pk]))
    assert run.session.score_runs.count() == 3  # the factory's run and two more
    response = client_user.post(reverse("interviews:rescore", args=[run.session.pk]), follow=True)
    assert "You can re-score 2 times an hour" in response.content.decode()
    assert run.session.score_runs.count() == 3


@pytest.mark.django_db(transaction=True)
def test_twelve_parallel_score_again_requests_through_the_view(user, settings):
    """The probe's case end to end: 12 "Score again" POSTs at once, each on its own connection."""
    if connection.vendor == "sqlite":
        pytest.skip("parallel writers need a file or PostgreSQL database (see above)")
    from django.test import Client

    settings.RESCORE_PER_HOUR = 5
    run = ScoreRunFactory(session=ready_session(user, questions=1, status=InterviewSession.Status.SCORED))
    url = reverse("interviews:rescore", args=[run.session.pk])
    barrier = threading.Barrier(12)
    replies: list[str] = []
    lock = threading.Lock()

    def press():
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            body = client.post(url, follow=True).content.decode()
        finally:
            connection.close()
        with lock:
            # The results page may say "Scoring again…" while a run is pending: look for the refusal first.
            replies.append("refused" if "You can re-score 5 times an hour" in body else
                           "accepted" if "Scoring again with the current coach" in body else body)

    threads = [threading.Thread(target=press) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(replies) == ["accepted"] * 5 + ["refused"] * 7
