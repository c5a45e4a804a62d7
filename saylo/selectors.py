"""Reads shared by site-wide pages."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class DashboardStep:
    title: str
    detail: str
    done: bool
    url: str
    action: str


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def dashboard_steps(*, user) -> list[DashboardStep]:
    """The candidate's path through Saylo, with what is already done."""
    from interviews.models import InterviewSession
    from resumes.models import JobDescription, Resume

    # order_by(): the model's default ordering would join DISTINCT and return every row.
    statuses = set(InterviewSession.objects.filter(user=user).order_by().values_list("status", flat=True).distinct())
    prepared = bool(statuses - {InterviewSession.Status.DRAFT})
    practised = bool(statuses & {InterviewSession.Status.FINISHED, InterviewSession.Status.SCORING,
                                 InterviewSession.Status.SCORED})
    reviewed = InterviewSession.Status.SCORED in statuses
    profile_done = bool(user.target_role)
    resume_done = Resume.objects.filter(user=user, parse_status=Resume.Status.PARSED).exists()
    job_done = JobDescription.objects.filter(user=user).exists()
    return [
        DashboardStep(
            title="Tell us the role you are aiming for",
            detail="Your target role shapes the questions and the feedback.",
            done=profile_done,
            url=_url("accounts:profile"),
            action="Edit profile" if profile_done else "Set target role",
        ),
        DashboardStep(
            title="Add your resume",
            detail="Upload a PDF or Word file, or paste the text. Saylo shows you what it understood.",
            done=resume_done,
            url=_url("resumes:list"),
            action="Manage resumes" if resume_done else "Upload resume",
        ),
        DashboardStep(
            title="Add the job you want",
            detail="Paste the posting. Saylo separates must-haves from nice-to-haves and matches them to your resume.",
            done=job_done,
            url=_url("jobs:list") if job_done else _url("jobs:create"),
            action="See jobs" if job_done else "Add a job",
        ),
        DashboardStep(
            title="Prepare an interview",
            detail="Saylo plans questions from your resume and the job, and prints a cheatsheet.",
            done=prepared,
            url=_url("interviews:setup"),
            action="Prepare another" if prepared else "Prepare my interview",
        ),
        DashboardStep(
            title="Practise out loud",
            detail="Answer by voice or keyboard in the practice room. Every answer is saved as you go.",
            done=practised,
            url=_url("interviews:list"),
            action="My interviews",
        ),
        DashboardStep(
            title="Review your feedback",
            detail="See your score, what to improve, and your progress across sessions.",
            done=reviewed,
            url=_url("interviews:history"),
            action="See history",
        ),
    ]
