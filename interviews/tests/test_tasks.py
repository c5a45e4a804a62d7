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
