"""`manage.py read_again`: stored postings and resumes read again with the current reader."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from resumes.models import JobDescription, Resume
from resumes.reading.jobs import analyse_job
from resumes.services import job_create
from resumes.tests.factories import JOB_TEXT, RESUME_TEXT, JobFactory, ResumeFactory

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("read_again", *args, stdout=out)
    return out.getvalue()


def _stale_job(user):
    """A posting analysed by an older reader: its stored analysis misses what today's reader finds."""
    job = JobFactory(user=user, text=JOB_TEXT)
    JobDescription.objects.filter(pk=job.pk).update(requirements={"title": job.title, "skills_required": ["Python"]})
    return job


def test_postings_are_analysed_again_and_only_changed_ones_written(user, other_user):
    stale, theirs = _stale_job(user), _stale_job(other_user)
    current = job_create(user=user, title="Backend Engineer", company="Acme", text=JOB_TEXT)  # read by today's reader
    written_at = JobDescription.objects.get(pk=current.pk).updated_at
    assert "Analysed 2 job posting(s) again: 1 read differently now" in _run("--jobs", "--user", user.email.upper())
    stale.refresh_from_db()
    assert stale.requirements == analyse_job(title=stale.title, company=stale.company, text=stale.text).model_dump(mode="json")
    assert "Terraform" in stale.requirements["skills_required"]
    assert JobDescription.objects.get(pk=current.pk).updated_at == written_at  # unchanged: not written
    assert JobDescription.objects.get(pk=theirs.pk).requirements["skills_required"] == ["Python"]  # another candidate's
    assert "Analysed 3 job posting(s) again: 1 read differently now" in _run("--jobs")  # the other candidate's
    assert "Analysed 3 job posting(s) again: 0 read differently now" in _run("--jobs")


def test_a_dry_run_changes_nothing(user):
    job = _stale_job(user)
    ResumeFactory(user=user)
    out = _run("--dry-run")
    assert "Would analyse 1 job posting(s) again." in out and "Would queue 1 resume(s)" in out
    job.refresh_from_db()
    assert job.requirements["skills_required"] == ["Python"]


def test_resumes_are_queued_for_the_worker_and_read_again_keeping_corrections(user, run_work):
    resume = ResumeFactory(user=user, text=RESUME_TEXT, kind=Resume.Kind.PASTED, headline="Old headline",
                           corrections={"contact": {"phone": "+44 20 7946 0000"}})
    reading = ResumeFactory(user=user, parse_status=Resume.Status.READING)
    with run_work():
        out = _run("--resumes")
    assert "Queued 1 resume(s)" in out
    resume.refresh_from_db()
    assert resume.parse_status == Resume.Status.PARSED and resume.headline != "Old headline"
    assert resume.corrections == {"contact": {"phone": "+44 20 7946 0000"}}
    assert Resume.objects.get(pk=reading.pk).parse_status == Resume.Status.READING  # its own read is under way


def test_an_unknown_candidate_is_an_error(user):
    with pytest.raises(CommandError, match="No job postings or resumes belong to nobody@example.com"):
        _run("--user", "nobody@example.com")
