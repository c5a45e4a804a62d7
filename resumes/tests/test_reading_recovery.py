"""A resume whose reading was lost (its worker died, or the queue dropped it) is read again by the task
worker's recovery sweep, a bounded number of times, and then fails with a reason the candidate can act on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interviews.services.recovery import recovery_sweep
from resumes import services
from resumes.models import Resume
from resumes.tests import samples

pytestmark = pytest.mark.django_db


def _stored(user, django_capture_on_commit_callbacks) -> Resume:
    with django_capture_on_commit_callbacks():  # queued, and the queue loses it: never run
        return services.resume_upload(user=user, data=samples.one_column_pdf(), filename="cv.pdf").resume


def test_a_read_that_never_started_is_queued_again_and_read(user, settings, django_capture_on_commit_callbacks):
    resume = _stored(user, django_capture_on_commit_callbacks)
    Resume.objects.filter(pk=resume.pk).update(read_queued_at=timezone.now() - timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        done = recovery_sweep()
    assert done == [f"resume {resume.pk}: queued again (attempt 2)"]
    resume.refresh_from_db()
    assert resume.is_usable and resume.skills_count > 3 and resume.read_attempts == 2


def test_a_read_whose_worker_died_is_queued_again(user, settings, django_capture_on_commit_callbacks):
    resume = _stored(user, django_capture_on_commit_callbacks)
    started = timezone.now() - timedelta(seconds=settings.RESUME_PARSE_SECONDS + 120)
    Resume.objects.filter(pk=resume.pk).update(read_started_at=started)
    with django_capture_on_commit_callbacks() as queued:
        recovery_sweep()
    resume.refresh_from_db()
    assert len(queued) == 1 and resume.is_reading and resume.read_started_at is None and resume.read_attempts == 2


def test_a_read_in_progress_or_just_queued_is_left_alone(user, django_capture_on_commit_callbacks):
    resume = _stored(user, django_capture_on_commit_callbacks)
    Resume.objects.filter(pk=resume.pk).update(read_started_at=timezone.now())
    with django_capture_on_commit_callbacks() as queued:
        assert recovery_sweep() == []
    assert queued == [] and Resume.objects.get(pk=resume.pk).read_attempts == 1


def test_a_read_lost_too_often_fails_with_a_reason(user, settings, client_user, django_capture_on_commit_callbacks):
    resume = _stored(user, django_capture_on_commit_callbacks)
    Resume.objects.filter(pk=resume.pk).update(read_attempts=settings.RESUME_READ_ATTEMPTS,
                                               read_started_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks() as queued:
        recovery_sweep()
    resume.refresh_from_db()
    assert queued == [] and resume.parse_status == Resume.Status.FAILED
    assert "could not finish reading this file" in resume.parse_error
    assert "could not finish reading this file" in client_user.get(f"/resumes/{resume.pk}/").content.decode()


def test_a_resume_deleted_while_it_was_read_stays_deleted(user, django_capture_on_commit_callbacks, _private_storage):
    resume = _stored(user, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.resume_delete(resume=Resume.objects.get(pk=resume.pk))
    assert services.resume_read(resume_id=resume.pk) is None
    assert not Resume.objects.exists() and [p for p in _private_storage.rglob("*") if p.is_file()] == []
