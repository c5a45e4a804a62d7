"""Reads shared by interview views. Every lookup is scoped to the owner and 404s for anyone else."""

from collections import Counter

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from core.paths import path_for
from interviews import charts
from interviews.models import Cheatsheet, InterviewSession, ScoreRun, ScoreSummary
from resumes.selectors import resumes_for_user


def newest_run(field: str) -> Subquery:
    """`field` of the newest score run of the session in the outer query."""
    runs = ScoreRun.objects.filter(session=OuterRef("pk")).order_by("-created_at", "-id")
    return Subquery(runs.values(field)[:1])


def session_for_user(user, pk) -> InterviewSession:
    # The video call comes in the same query: the session page and the room read it.
    return get_object_or_404(InterviewSession.objects.select_related("video_call"), pk=pk, user=user)


# A session counts as taken once the candidate entered the room; the others (being prepared, ready,
# or failed while preparing) are grouped apart so they do not clutter lists and history.
TAKEN = Q(started_at__isnull=False) | Q(status__in=[InterviewSession.Status.LIVE, InterviewSession.Status.FINISHED,
                                                    InterviewSession.Status.SCORING, InterviewSession.Status.SCORED])
TAKEN_STATUSES = [InterviewSession.Status.LIVE, InterviewSession.Status.FINISHED, InterviewSession.Status.SCORING,
                  InterviewSession.Status.SCORED, InterviewSession.Status.FAILED]


# What a list row shows (title, resume, date, mode, status, next step): the rest of the session's columns
# (snapshots, options, task notes) stay in the database.
LIST_COLUMNS = ("id", "user_id", "resume_id", "job_id", "title", "mode", "status", "failed_step", "created_at",
                "started_at")


def sessions_for_user(user) -> QuerySet[InterviewSession]:
    """Sessions with their stored score figures (one join), without loading the snapshots: a list row
    shows the frozen title, never the job's posting (its text and requirements are not fetched)."""
    return (
        InterviewSession.objects.filter(user=user)
        .only(*LIST_COLUMNS)
        .annotate(latest_score=F("summary__score"), score_change=F("summary__change"),
                  compared_with=F("summary__previous_id"))
    )


def taken_sessions_for_user(user) -> QuerySet[InterviewSession]:
    return sessions_for_user(user).filter(TAKEN)


def untaken_sessions_for_user(user) -> QuerySet[InterviewSession]:
    return sessions_for_user(user).exclude(TAKEN)


def session_counts(user, shown: Q) -> dict[str, int]:
    """How many of the user's interviews a list shows (`shown`: taken ones, perhaps of one job) and
    how many were prepared and never taken, in one query."""
    return InterviewSession.objects.filter(user=user).aggregate(
        shown=Count("pk", filter=shown), not_taken=Count("pk", filter=~TAKEN))


def resume_labels(user) -> dict[int, str]:
    """How each of the user's resumes is named next to an interview. Two resumes with the same name
    (the same file uploaded again after edits) are told apart as "(v1)", "(v2)" in upload order."""
    resumes = list(resumes_for_user(user).only("id", "name", "original_filename", "uploaded_at").order_by("uploaded_at", "id"))
    names = [resume.display_name for resume in resumes]
    totals = Counter(names)
    seen: Counter = Counter()
    labels = {}
    for resume, name in zip(resumes, names, strict=True):
        seen[name] += 1
        labels[resume.pk] = f"{name} (v{seen[name]})" if totals[name] > 1 else name
    return labels


DELETED_RESUME = "a resume you have since deleted"


def name_sessions(user, sessions, *, labels: dict[int, str] | None = None) -> list[InterviewSession]:
    """Give each session `resume_label` and `full_title` ("Backend Engineer at Acme — jane.pdf"): the
    job alone does not tell apart two interviews of the same job with different resumes. One query."""
    sessions = list(sessions)
    if labels is None:
        labels = resume_labels(user) if any(session.resume_id for session in sessions) else {}
    for session in sessions:
        session.resume_label = labels.get(session.resume_id, DELETED_RESUME) if session.resume_id else DELETED_RESUME
        session.full_title = f"{session.title or f'Interview {session.pk}'} — {session.resume_label}"
    return sessions


def session_named(user, session: InterviewSession) -> InterviewSession:
    return name_sessions(user, [session])[0]


def score_summary_for(session: InterviewSession) -> ScoreSummary | None:
    """The stored figures of the session, with the earlier interview of the same job and resume
    that `change` was measured against (`previous`, None when there is none)."""
    return ScoreSummary.objects.filter(session=session).select_related("previous").first()


def progress_chart(user) -> dict:
    """The history chart (the last 30 scored interviews) and per-competency trends, from the stored
    per-session figures (one query)."""
    rows = list(
        ScoreSummary.objects.filter(user=user).order_by("-taken_at", "-session_id")
        .values("session_id", "score", "taken_at", "competencies", "session__title")[:30]
    )
    rows.reverse()
    series = []
    per_competency: dict[str, list] = {}
    for row in rows:
        # Only what cannot change after scoring goes in here (the title is frozen at setup): resume
        # names can be edited, and this fragment is rebuilt only when a score run is written.
        series.append((row["taken_at"], row["score"], row["session__title"],
                       path_for("interviews:results", row["session_id"])))
        for name, value in (row["competencies"] or {}).items():
            per_competency.setdefault(name, []).append((row["taken_at"], value))
    sparklines = [charts.sparkline(name, values) for name, values in
                  sorted(per_competency.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:8]]
    return {"chart": charts.line_chart(series), "sparklines": sparklines}


def cheatsheet_for(session: InterviewSession) -> Cheatsheet | None:
    return Cheatsheet.objects.filter(session=session).first()


def latest_score_run(session: InterviewSession) -> ScoreRun | None:
    return session.score_runs.order_by("-created_at", "-id").first()
