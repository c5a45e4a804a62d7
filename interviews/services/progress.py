"""Per-session figures for history and the dashboard, written when a score run is written.

History and the dashboard used to rebuild their chart, changes and competency trends from every
score run's JSON on each request; now `score_summary_refresh` stores them once per run in
`ScoreSummary`, and the pages read a few small rows.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from interviews import insights
from interviews.models import InterviewSession, ScoreRun, ScoreSummary


@transaction.atomic
def score_summary_refresh(*, session: InterviewSession, run: ScoreRun | None = None) -> ScoreSummary | None:
    """Store the figures of the session's newest score run (or `run`, when the caller just wrote
    the newest) and re-link "change since last time" along the candidate's interviews with the
    same job and resume. Deletes the summary when the session has no run. Every summary it touches
    `updated_at` changes, which is what the cached history fragments are keyed on."""
    # One writer per candidate at a time: two sessions of the same job and resume scored at once
    # must not each re-link the chain without seeing the other's new score.
    list(get_user_model().objects.select_for_update().filter(pk=session.user_id).values_list("pk", flat=True))
    if run is None:
        run = session.score_runs.order_by("-created_at", "-id").first()
    existing = ScoreSummary.objects.filter(session=session).first()
    if run is None:
        if existing is not None:
            existing.delete()
            _relink(user_id=session.user_id, key=existing.compare_key)
        return None
    figures = insights.run_figures(run.per_question or [])
    key = existing.compare_key if existing else insights.compare_key(
        job_id=session.job_id, resume_id=session.resume_id, title=session.title)
    summary, _ = ScoreSummary.objects.update_or_create(session=session, defaults={
        "user_id": session.user_id, "run": run, "score": run.score, "scored_at": run.created_at,
        "taken_at": session.created_at, "compare_key": key, **figures,
    })
    _relink(user_id=session.user_id, key=key)
    summary.refresh_from_db(fields=["previous", "change", "updated_at"])
    return summary


def _relink(*, user_id: int, key: str) -> None:
    """Each summary's `previous` and `change` against the one before it with the same key."""
    rows = list(ScoreSummary.objects.filter(user_id=user_id, compare_key=key).order_by("taken_at", "session_id")
                .only("session_id", "score", "previous_id", "change"))
    changed, before, now = [], None, timezone.now()
    for row in rows:
        previous_id = before.session_id if before else None
        change = row.score - before.score if before else None
        if (row.previous_id, row.change) != (previous_id, change):
            row.previous_id, row.change, row.updated_at = previous_id, change, now  # bulk_update skips auto_now
            changed.append(row)
        before = row
    if changed:
        ScoreSummary.objects.bulk_update(changed, ["previous", "change", "updated_at"])


def score_summaries_rebuild(*, sessions=None) -> int:
    """Refresh the summary of every scored session (or of `sessions`); returns how many were written.
    For operators after the figures' definition changes; the migration does the same once."""
    queryset = sessions if sessions is not None else InterviewSession.objects.all()
    count = 0
    for session in queryset.filter(score_runs__isnull=False).distinct().order_by("user_id", "created_at", "id").iterator():
        if score_summary_refresh(session=session) is not None:
            count += 1
    return count
