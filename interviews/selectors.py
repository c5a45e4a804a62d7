"""Reads shared by interview views. Every lookup is scoped to the owner and 404s for anyone else."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from interviews.models import Cheatsheet, InterviewSession, ScoreRun


def session_for_user(user, pk) -> InterviewSession:
    return get_object_or_404(InterviewSession, pk=pk, user=user)


def sessions_for_user(user) -> QuerySet[InterviewSession]:
    """Sessions with their newest score annotated, without loading the snapshots."""
    newest = ScoreRun.objects.filter(session=OuterRef("pk")).order_by("-created_at", "-id")
    return (
        InterviewSession.objects.filter(user=user)
        .defer("resume_snapshot", "job_snapshot", "match_snapshot", "options")
        .select_related("job")
        .annotate(latest_score=Subquery(newest.values("score")[:1]))
    )


def cheatsheet_for(session: InterviewSession) -> Cheatsheet | None:
    return Cheatsheet.objects.filter(session=session).first()


def latest_score_run(session: InterviewSession) -> ScoreRun | None:
    return session.score_runs.order_by("-created_at", "-id").first()
