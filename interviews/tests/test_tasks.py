"""The database task backend with a real worker loop (not the immediate backend tests use elsewhere)."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from interviews.models import InterviewSession
from interviews.services.setup import interview_retry_preparation
from interviews.tests.factories import SessionFactory


@pytest.mark.django_db(transaction=True)
def test_preparation_runs_through_the_db_worker(settings, user):
    # django-tasks rebuilds its backends on setting_changed, so this swaps in the real DB backend.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    session = SessionFactory(user=user, status=InterviewSession.Status.FAILED, failed_step="questions")
    with transaction.atomic():
        interview_retry_preparation(session=session)
    assert DBTaskResult.objects.count() == 1  # enqueued, not run: nothing happens on the request thread
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.PREPARING and not session.questions.exists()

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1", verbosity=0)

    session.refresh_from_db()
    assert session.status == InterviewSession.Status.READY and session.questions.exists()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis at 127.0.0.1:6379 (CI machines have one)")
@pytest.mark.django_db(transaction=True)
def test_preparation_runs_through_rq_on_redis(settings, user):
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    assert type(task_backends["default"]).__name__ == "RQBackend"
    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()

    session = SessionFactory(user=user, status=InterviewSession.Status.FAILED, failed_step="questions")
    with transaction.atomic():
        interview_retry_preparation(session=session)
    assert queue.count == 1
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.PREPARING

    # A worker in this process (no fork) so it sees the test database.
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)

    session.refresh_from_db()
    assert session.status == InterviewSession.Status.READY and session.questions.exists()
    assert queue.count == 0
