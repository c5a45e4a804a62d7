"""Reads shared by interview views. Every lookup is scoped to the owner and 404s for anyone else."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from interviews.models import Cheatsheet, InterviewSession, ScoreRun


def newest_run(field: str) -> Subquery:
    """`field` of the newest score run of the session in the outer query."""
    runs = ScoreRun.objects.filter(session=OuterRef("pk")).order_by("-created_at", "-id")
    return Subquery(runs.values(field)[:1])


def session_for_user(user, pk) -> InterviewSession:
    return get_object_or_404(InterviewSession, pk=pk, user=user)


def sessions_for_user(user) -> QuerySet[InterviewSession]:
    """Sessions with their newest score annotated, without loading the snapshots."""
    return (
        InterviewSession.objects.filter(user=user)
        .defer("resume_snapshot", "job_snapshot", "match_snapshot", "options")
        .select_related("job")
        .annotate(latest_score=newest_run("score"))
    )


def cheatsheet_for(session: InterviewSession) -> Cheatsheet | None:
    return Cheatsheet.objects.filter(session=session).first()


def latest_score_run(session: InterviewSession) -> ScoreRun | None:
    return session.score_runs.order_by("-created_at", "-id").first()


def newest_run_ids(user) -> QuerySet:
    return InterviewSession.objects.filter(user=user).annotate(run_id=newest_run("id")).values("run_id")


def score_timeline(user) -> list[dict]:
    """Every session of the user in time order with its newest score (None when unscored),
    the change since the previous scored session for the same job, in one query."""
    rows = list(
        InterviewSession.objects.filter(user=user)
        .annotate(latest_score=newest_run("score"))
        .order_by("created_at", "id")
        .values("id", "job_id", "title", "created_at", "latest_score")
    )
    previous: dict[object, int] = {}
    for row in rows:
        key = row["job_id"] or row["title"]
        score = row["latest_score"]
        row["change"] = score - previous[key] if score is not None and key in previous else None
        if score is not None:
            previous[key] = score
    return rows


def latest_runs_for_chart(user, *, limit: int = 30) -> list[ScoreRun]:
    """The newest run of each of the user's last `limit` scored sessions, oldest first (one query)."""
    runs = (
        ScoreRun.objects.filter(id__in=newest_run_ids(user))
        .select_related("session")
        .only("id", "score", "per_question", "created_at", "session__id", "session__title", "session__created_at")
        .order_by("-session__created_at", "-session__id")[:limit]
    )
    return list(reversed(list(runs)))
