"""History and progress: per-session figures stored with each score run, like-with-like changes,
interviews named by job and resume, skipped questions out of trends, never-taken interviews apart."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from interviews.models import InterviewSession, ScoreRun, ScoreSummary
from interviews.services.progress import score_summaries_rebuild, score_summary_refresh
from interviews.services.scoring import score_run_create
from interviews.tests.factories import ScoreRunFactory, TurnFactory, ready_session
from resumes.tests.factories import JobFactory, ResumeFactory
from saylo.tests.html import by_id, parse, rows_of, text, text_before, text_from

pytestmark = pytest.mark.django_db


def answered(competency, score, answer="I led the migration and measured the result."):
    return {"question": f"A {competency} question", "answer": answer, "kind": "behavioral", "competency": competency,
            "score": score, "feedback": "", "skills_shown": []}


def skipped(competency):
    return {"question": f"A {competency} question", "answer": "", "kind": "behavioral", "competency": competency,
            "score": 0, "feedback": "No answer was given, so this question scores 0.", "skills_shown": []}


def taken(user, *, score, days_ago, job=None, resume=None, per_question=None, title="Backend Engineer at Acme"):
    """A scored interview taken `days_ago` days ago, its summary written as the scoring service would."""
    when = timezone.now() - timedelta(days=days_ago)
    session = ready_session(user, questions=2, status=InterviewSession.Status.SCORED, job=job, resume=resume, title=title,
                            started_at=when, ended_at=when)
    InterviewSession.objects.filter(pk=session.pk).update(created_at=when)
    session.refresh_from_db()
    ScoreRunFactory(session=session, score=score, per_question=per_question or [answered("Ownership", score)])
    return session


def history_rows(client):
    """The history page and its table's rows, each row as the text of its cells joined by " | "."""
    body = client.get(reverse("interviews:history")).content.decode()
    return body, [" | ".join(cells) for cells in rows_of(body, "history-table")]


def test_score_run_writes_the_sessions_figures(user):
    job, resume = JobFactory(user=user), ResumeFactory(user=user)
    session = ready_session(user, questions=2, status=InterviewSession.Status.FINISHED, job=job, resume=resume,
                            started_at=timezone.now(), ended_at=timezone.now())
    first, second = session.questions.order_by("order")
    TurnFactory(session=session, seq=1, role="interviewer", text=first.text, question=first)
    TurnFactory(session=session, seq=2, role="candidate", question=first,
                text="I led the rewrite of our billing service and cut failures by 40% in a quarter.")
    TurnFactory(session=session, seq=3, role="interviewer", text=second.text, question=second)
    TurnFactory(session=session, seq=4, role="candidate", question=second, text="", skipped=True)

    run = score_run_create(session=session)

    summary = ScoreSummary.objects.get(session=session)
    assert (summary.run_id, summary.score, summary.user_id) == (run.pk, run.score, user.pk)
    assert (summary.answered, summary.skipped) == (1, 1)
    assert summary.compare_key == f"job:{job.pk} resume:{resume.pk}"
    assert summary.change is None and summary.previous is None
    assert list(summary.competencies) == [first.competency]  # the skipped question's competency is not a figure

    again = score_run_create(session=session, trigger=ScoreRun.Trigger.CANDIDATE)
    summary.refresh_from_db()
    assert summary.run_id == again.pk and ScoreSummary.objects.filter(session=session).count() == 1


def test_change_compares_only_the_same_job_and_resume(client_user, user):
    job = JobFactory(user=user)
    resume_a, resume_b = ResumeFactory(user=user), ResumeFactory(user=user)
    first_a = taken(user, score=50, days_ago=5, job=job, resume=resume_a)
    with_b = taken(user, score=80, days_ago=3, job=job, resume=resume_b)
    second_a = taken(user, score=62, days_ago=1, job=job, resume=resume_a)

    figures = {s.session_id: s for s in ScoreSummary.objects.all()}
    assert figures[with_b.pk].change is None  # a different resume: nothing like it to compare with
    assert figures[second_a.pk].change == 12 and figures[second_a.pk].previous_id == first_a.pk

    body, rows = history_rows(client_user)
    assert not any("+30" in row or "-18" in row for row in rows)
    newest, middle, oldest = rows
    assert "+12" in newest
    assert "| first |" in f"| {middle} |" and "| first |" in f"| {oldest} |"
    assert "same job and the same resume" in body


def test_rescoring_an_earlier_interview_relinks_the_later_change(client_user, user, django_capture_on_commit_callbacks):
    job, resume = JobFactory(user=user), ResumeFactory(user=user)
    earlier = taken(user, score=50, days_ago=4, job=job, resume=resume)
    later = taken(user, score=70, days_ago=1, job=job, resume=resume)
    assert ScoreSummary.objects.get(session=later).change == 20
    client_user.get(reverse("interviews:history"))  # the chart is now cached

    with django_capture_on_commit_callbacks(execute=True):
        ScoreRunFactory(session=earlier, score=65, per_question=[answered("Ownership", 65)])

    assert ScoreSummary.objects.get(session=later).change == 5
    body, rows = history_rows(client_user)
    assert "+5" in rows[0] and ": 65<" in body  # the cached chart was rebuilt with the new score


def test_competency_trend_leaves_out_skipped_questions(client_user, user):
    job, resume = JobFactory(user=user), ResumeFactory(user=user)
    taken(user, score=30, days_ago=3, job=job, resume=resume,
          per_question=[skipped("Ownership"), answered("Teamwork", 60)])
    taken(user, score=57, days_ago=1, job=job, resume=resume,
          per_question=[answered("Ownership", 57), answered("Teamwork", 64)])

    body = client_user.get(reverse("interviews:history")).content.decode()
    sparks = {text(item).split()[0]: text(item)
              for item in parse(body).xpath("//*[contains(concat(' ', @class, ' '), ' sparklines ')]//li")}
    ownership = sparks["Ownership"]
    assert "+57" not in ownership and "57" in ownership  # one real data point, no baseline of 0
    assert "(+4)" in sparks["Teamwork"]


def test_interviews_are_named_by_job_and_resume(client_user, user):
    job = JobFactory(user=user, title="Backend Engineer", company="Acme")
    old = ResumeFactory(user=user, original_filename="jane-doe.pdf")
    new = ResumeFactory(user=user, original_filename="jane-doe.pdf")
    other = ResumeFactory(user=user, original_filename="jane-doe-short.pdf")
    taken(user, score=50, days_ago=3, job=job, resume=old)
    taken(user, score=60, days_ago=2, job=job, resume=new)
    taken(user, score=70, days_ago=1, job=job, resume=other)

    body, rows = history_rows(client_user)
    assert "Backend Engineer at Acme" in rows[0] and "jane-doe-short.pdf" in rows[0]
    assert "jane-doe.pdf (v2)" in rows[1] and "jane-doe.pdf (v1)" in rows[2]
    listing = client_user.get(reverse("interviews:list")).content.decode()
    assert "jane-doe.pdf (v1)" in listing and "jane-doe.pdf (v2)" in listing
    dashboard = client_user.get(reverse("dashboard")).content.decode()
    assert "jane-doe-short.pdf" in dashboard


def test_a_deleted_resume_is_said_so(client_user, user):
    resume = ResumeFactory(user=user)
    session = taken(user, score=50, days_ago=1, resume=resume)
    resume.delete()
    _, rows = history_rows(client_user)
    assert "a resume you have since deleted" in rows[0]
    body = client_user.get(reverse("interviews:results", args=[session.pk])).content.decode()
    assert "a resume you have since deleted" in body


def test_interviews_never_taken_are_grouped_apart(client_user, user):
    taken(user, score=61, days_ago=2, title="Data Engineer at Initech")
    for index in range(7):
        ready_session(user, questions=1, title=f"Waiting {index} at Hooli")

    body, rows = history_rows(client_user)
    assert len(rows) == 1 and "Data Engineer at Initech" in rows[0]
    assert "Waiting" not in text(by_id(body, "history-table"))
    assert "7 interviews you prepared haven’t been taken yet" in body

    listing = client_user.get(reverse("interviews:list")).content.decode()
    waiting, taken_part = text_before(listing, "taken-title"), text_from(listing, "taken-title")
    assert "Ready when you are" in waiting and waiting.count("Waiting ") == 5 and "Show all 7" in waiting
    assert "Data Engineer at Initech" in taken_part and "Waiting" not in taken_part
    everything = client_user.get(reverse("interviews:list"), {"show": "not-taken"}).content.decode()
    assert everything.count("Waiting ") == 7 and "Data Engineer" not in everything


def test_history_table_pages_over_htmx_keep_the_filters(client_user, user, htmx_headers):
    job = JobFactory(user=user)
    for day in range(22):
        taken(user, score=40 + day, days_ago=day + 1, job=job)
    taken(user, score=99, days_ago=1, title="Other job")
    response = client_user.get(reverse("interviews:history"), {"job": job.pk, "page": 2}, **htmx_headers,
                               HTTP_HX_TARGET="history-table")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="history-table">') and "Page 2 of 2" in body
    assert f"job={job.pk}" in body and "Other job" not in body


def test_backfill_writes_summaries_for_runs_scored_before_they_existed(user):
    from importlib import import_module

    backfill = import_module("interviews.migrations.0005_pages_score_summary").backfill
    job, resume = JobFactory(user=user), ResumeFactory(user=user)
    first = taken(user, score=40, days_ago=3, job=job, resume=resume, per_question=[skipped("Ownership"), answered("SQL", 50)])
    second = taken(user, score=55, days_ago=1, job=job, resume=resume)
    expected = {s.session_id: (s.score, s.change, s.previous_id, s.competencies, s.answered, s.skipped, s.compare_key)
                for s in ScoreSummary.objects.all()}
    ScoreSummary.objects.all().delete()

    backfill(apps, None)

    written = {s.session_id: (s.score, s.change, s.previous_id, s.competencies, s.answered, s.skipped, s.compare_key)
               for s in ScoreSummary.objects.all()}
    assert written == expected
    assert written[second.pk][1:3] == (15, first.pk) and written[first.pk][3] == {"SQL": 50.0}
    ScoreSummary.objects.all().delete()
    assert score_summaries_rebuild() == 2 and ScoreSummary.objects.count() == 2


def test_refresh_without_runs_removes_the_summary(user):
    session = taken(user, score=50, days_ago=1)
    session.score_runs.all().delete()
    assert score_summary_refresh(session=session) is None
    assert not ScoreSummary.objects.filter(session=session).exists()


def test_score_again_says_in_plain_words_what_can_change_the_score(client_user, user, settings):
    session = taken(user, score=64, days_ago=1)
    url = reverse("interviews:results", args=[session.pk])
    body = client_user.get(url).content.decode()
    header = text_before(body, "matrix-title")
    assert "Scoring again will give the same score" in header and "Gemini coach is switched on" in header
    assert "offline" not in header.lower().replace("offline-", "")  # no engine ids in the candidate's words
    assert "Your first scored interview for this job with this resume" in header

    ScoreRun.objects.filter(session=session).update(rubric_version="offline-v0")
    assert "scoring rules have been updated" in client_user.get(url).content.decode()

    settings.COACH_ENGINE, settings.GEMINI_API_KEY = "gemini", "test-key"
    assert "asks the Gemini coach to read your answers afresh" in client_user.get(url).content.decode()


def test_score_run_picker_names_coaches_not_engine_ids(client_user, user):
    session = taken(user, score=50, days_ago=1)
    ScoreRunFactory(session=session, score=55, engine="gemini", rubric_version="gemini-v1")
    body = client_user.get(reverse("interviews:results", args=[session.pk])).content.decode()
    picker = text(by_id(body, "run-select"))
    assert "the Gemini coach" in picker and "Saylo’s built-in coach" in picker
    assert "gemini-v1" not in picker and "offline-v1" not in picker


def test_results_show_the_change_since_the_same_job_and_resume(client_user, user):
    job, resume = JobFactory(user=user), ResumeFactory(user=user)
    earlier = taken(user, score=50, days_ago=3, job=job, resume=resume)
    taken(user, score=90, days_ago=2, job=job, resume=ResumeFactory(user=user))
    later = taken(user, score=58, days_ago=1, job=job, resume=resume)
    body = client_user.get(reverse("interviews:results", args=[later.pk])).content.decode()
    assert "Up 8" in body and reverse("interviews:results", args=[earlier.pk]) in body


def test_a_competency_row_escapes_its_name_and_shows_its_change():
    from datetime import datetime

    from interviews import charts

    when = datetime(2026, 12, 1)
    row = str(charts.sparkline('<script>alert(1)</script> & "Co"', [(when, 40.0), (when, 52.4)]).list_item())
    assert "<script>" not in row and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in row
    assert '<span class="spark-value">52 <span class="up">(+12)</span></span>' in row
    down = str(charts.sparkline("Teamwork", [(when, 60.0), (when, 50.0)]).list_item())
    assert '<span class="down">(-10)</span>' in down
    assert "<span" in str(charts.sparkline("Solo", [(when, 70.0)]).list_item()) and "(+" not in str(
        charts.sparkline("Solo", [(when, 70.0)]).list_item())


@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles", "Asia/Kolkata"])
def test_a_row_date_is_written_as_the_date_format_writes_it_in_the_sites_time_zone(settings, zone):
    from datetime import UTC, datetime

    from django.utils.dateformat import format as date_format
    from django.utils.timezone import localtime

    from interviews.templatetags.saylo_extras import _row_date

    settings.TIME_ZONE = zone
    for when in [datetime(2026, 1, 5, 3, 7, tzinfo=UTC), datetime(2026, 12, 31, 23, 59, tzinfo=UTC),
                 datetime(2027, 5, 1, 12, 0, tzinfo=UTC)]:
        assert _row_date(when) == date_format(localtime(when), "j M Y")
        assert _row_date(when, clock=True) == date_format(localtime(when), "j M Y, H:i")
