"""Reads shared by interview views. Every lookup is scoped to the owner and 404s for anyone else."""

import functools
import hashlib
from collections import Counter

from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse

from interviews import charts
from interviews.models import Cheatsheet, InterviewSession, Question, ScoreRun, ScoreSummary, TranscriptTurn
from resumes.models import JobDescription, Resume
from resumes.selectors import resumes_for_user


def newest_run(field: str) -> Subquery:
    """`field` of the newest score run of the session in the outer query."""
    runs = ScoreRun.objects.filter(session=OuterRef("pk")).order_by("-created_at", "-id")
    return Subquery(runs.values(field)[:1])


def session_for_user(user, pk) -> InterviewSession:
    return get_object_or_404(InterviewSession, pk=pk, user=user)


# A session counts as taken once the candidate entered the room; the others (being prepared, ready,
# or failed while preparing) are grouped apart so they do not clutter lists and history.
TAKEN = Q(started_at__isnull=False) | Q(status__in=[InterviewSession.Status.LIVE, InterviewSession.Status.FINISHED,
                                                    InterviewSession.Status.SCORING, InterviewSession.Status.SCORED])
TAKEN_STATUSES = [InterviewSession.Status.LIVE, InterviewSession.Status.FINISHED, InterviewSession.Status.SCORING,
                  InterviewSession.Status.SCORED, InterviewSession.Status.FAILED]


def sessions_for_user(user) -> QuerySet[InterviewSession]:
    """Sessions with their stored score figures (one join), without loading the snapshots."""
    return (
        InterviewSession.objects.filter(user=user)
        .defer("resume_snapshot", "job_snapshot", "match_snapshot", "options")
        .select_related("job")
        .annotate(latest_score=F("summary__score"), score_change=F("summary__change"),
                  compared_with=F("summary__previous_id"))
    )


def taken_sessions_for_user(user) -> QuerySet[InterviewSession]:
    return sessions_for_user(user).filter(TAKEN)


def untaken_sessions_for_user(user) -> QuerySet[InterviewSession]:
    return sessions_for_user(user).exclude(TAKEN)


def resume_labels(user) -> dict[int, str]:
    """How each of the user's resumes is named next to an interview. Two resumes with the same name
    (the same file uploaded again after edits) are told apart as "(v1)", "(v2)" in upload order."""
    resumes = list(resumes_for_user(user).defer("skills").order_by("uploaded_at", "id"))
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


@functools.cache
def _fingerprint_columns() -> str:
    # Written once as plain SQL: building the same eight subqueries through the ORM cost more
    # than the rest of a cached page. Eight parameters, each the user's id.
    parts = []
    for model in (InterviewSession, ScoreSummary, Resume, JobDescription):
        # Names from the models' metadata, quoted; the user id is a query parameter.
        quote = connection.ops.quote_name
        table, user_column = quote(model._meta.db_table), quote(model._meta.get_field("user").column)
        updated = quote(model._meta.get_field("updated_at").column)
        parts.append(f"SELECT COUNT(*) FROM {table} WHERE {user_column} = %s")  # noqa: S608
        # As text: nothing reads these but the digest, and parsing four timestamps cost more than the query.
        parts.append(f"SELECT CAST(MAX({updated}) AS TEXT) FROM {table} WHERE {user_column} = %s")  # noqa: S608
    return ", ".join(f"({part})" for part in parts)


def data_fingerprint(user) -> str:
    """A short digest that changes whenever anything the candidate's list pages show changes: the
    count and newest `updated_at` of their interviews, score figures, resumes and jobs, in one
    query. Cached page fragments are keyed on it (see saylo/pagecache.py)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_fingerprint_columns()}", [user.pk] * 8)
        row = cursor.fetchone()
    return hashlib.blake2b(f"{user.pk}:{row}".encode(), digest_size=10).hexdigest()


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
                       reverse("interviews:results", args=[row["session_id"]])))
        for name, value in (row["competencies"] or {}).items():
            per_competency.setdefault(name, []).append((row["taken_at"], value))
    sparklines = [charts.sparkline(name, values) for name, values in
                  sorted(per_competency.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:8]]
    return {"chart": charts.line_chart(series), "sparklines": sparklines}


def cheatsheet_for(session: InterviewSession) -> Cheatsheet | None:
    return Cheatsheet.objects.filter(session=session).first()


def latest_score_run(session: InterviewSession) -> ScoreRun | None:
    return session.score_runs.order_by("-created_at", "-id").first()


_BIG_FIELDS = {"resume_snapshot", "job_snapshot", "match_snapshot", "options"}  # written once, at setup


@functools.cache
def _session_version_sql() -> str:
    # Plain SQL, built once from the models' metadata: the same query through the ORM cost more
    # than the rest of a stored page.
    quote = connection.ops.quote_name
    session, question, turn, cheatsheet = (model._meta for model in (InterviewSession, Question, TranscriptTurn, Cheatsheet))
    pk = f"s.{quote(session.pk.column)}"
    columns = ", ".join(f"s.{quote(field.column)}" for field in session.concrete_fields if field.name not in _BIG_FIELDS)
    q_table, q_session = quote(question.db_table), quote(question.get_field("session").column)
    t_table, t_session = quote(turn.db_table), quote(turn.get_field("session").column)
    return (
        f"SELECT {_fingerprint_columns()}, {columns}, "  # noqa: S608 - names from metadata; the values are parameters
        f"(SELECT COUNT(*) FROM {q_table} q WHERE q.{q_session} = {pk}), "
        f"(SELECT MAX(q.{quote(question.get_field('order').column)}) FROM {q_table} q WHERE q.{q_session} = {pk}), "
        f"(SELECT COUNT(*) FROM {t_table} t WHERE t.{t_session} = {pk}), "
        f"(SELECT MAX(t.{quote(turn.pk.column)}) FROM {t_table} t WHERE t.{t_session} = {pk}), "
        f"CAST(c.{quote(cheatsheet.get_field('updated_at').column)} AS TEXT), "
        f"c.{quote(cheatsheet.get_field('pdf_error').column)} "
        f"FROM {quote(session.db_table)} s LEFT JOIN {quote(cheatsheet.db_table)} c "
        f"ON c.{quote(cheatsheet.get_field('session').column)} = {pk} "
        f"WHERE {pk} = %s AND s.{quote(session.get_field('user').column)} = %s"
    )


def session_page_version(request, pk):
    """What an interview's own pages (its page, the room) show, in one query: the candidate's data
    fingerprint (`data_fingerprint`'s eight figures), the session's row (every field, since some
    services update one without touching `updated_at`), its questions, its saved turns (created,
    never changed) and its cheatsheet. None when the id is not the candidate's: the view then
    answers 404 itself (`cached_page`)."""
    from saylo.limits import parse_id

    pk = parse_id(str(pk))
    if pk is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_session_version_sql(), [request.user.pk] * 8 + [pk, request.user.pk])
        return cursor.fetchone()


session_page_version.includes_fingerprint = True  # cached_page needs no second query for it
