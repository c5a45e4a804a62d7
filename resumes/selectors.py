"""Reads shared by views. Every object lookup is scoped to its owner and 404s for anyone else."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from resumes.matching import match_report, rank
from resumes.models import JobDescription, Resume
from resumes.reading.schemas import MatchReport


def resume_for_user(user, pk) -> Resume:
    return get_object_or_404(Resume, pk=pk, user=user)


def job_for_user(user, pk) -> JobDescription:
    return get_object_or_404(JobDescription, pk=pk, user=user)


def resumes_for_user(user) -> QuerySet[Resume]:
    # The list never needs the full text or parse results: keep the query light as resumes pile up.
    return Resume.objects.filter(user=user).defer("text", "parsed")


def usable_resumes_for_user(user) -> QuerySet[Resume]:
    return resumes_for_user(user).filter(parse_status=Resume.Status.PARSED)


def jobs_for_user(user) -> QuerySet[JobDescription]:
    return JobDescription.objects.filter(user=user).defer("text")


RANKED_RESUMES = 20  # the newest this many resumes are ranked for a job; matching each takes a few milliseconds


def ranked_resumes_for_job(user, job: JobDescription) -> list[tuple[Resume, MatchReport]]:
    """The user's readable resumes (the newest RANKED_RESUMES) with their match reports against `job`, best first,
    as a recruiter would read them. One query."""
    resumes = Resume.objects.filter(user=user, parse_status=Resume.Status.PARSED).order_by("-uploaded_at", "-id")
    requirements = job.as_requirements()
    return rank([(resume, match_report(resume=resume.as_parsed(), job=requirements))
                 for resume in resumes[:RANKED_RESUMES]])
