"""Interview setup: the form, the preparation task, progress, retries, the question editor, the PDF."""

from datetime import timedelta
from io import BytesIO

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from interviews.models import Cheatsheet, InterviewSession, Question
from interviews.services.preparation import interview_prepare
from interviews.tests.factories import CheatsheetFactory, SessionFactory, ready_session
from resumes.models import JobDescription, Resume
from resumes.tests.factories import JobFactory, ResumeFactory

pytestmark = pytest.mark.django_db


def _setup_data(resume, job, **overrides):
    data = {"resume": resume.pk if resume else "", "job": job.pk if job else "", "count": 5, "mix_behavioral": 2,
            "mix_technical": 2, "mix_situational": 1, "mix_resume": 1, "difficulty": "standard", "answer_seconds": 120,
            "mode": "practice", "request_key": "key-1"}
    data.update(overrides)
    return data


def _prepare(client, data, capture):
    with capture(execute=True):
        return client.post(reverse("interviews:setup"), data)


def test_setup_page_preselects_latest_materials(client_user, user):
    resume, job = ResumeFactory(user=user), JobFactory(user=user)
    body = client_user.get(reverse("interviews:setup")).content.decode()
    assert f'value="{resume.pk}" selected' in body and f'value="{job.pk}" selected' in body
    assert "Video interviews with an AI interviewer are not set up" in body


def test_prepare_creates_ready_session_with_questions_cheatsheet_and_pdf(client_user, user, django_capture_on_commit_callbacks):
    resume, job = ResumeFactory(user=user), JobFactory(user=user)
    response = _prepare(client_user, _setup_data(resume, job), django_capture_on_commit_callbacks)
    session = InterviewSession.objects.get(user=user)
    assert response.url == reverse("interviews:detail", args=[session.pk])
    assert session.status == InterviewSession.Status.READY
    assert session.questions.count() == 5
    assert session.cheatsheet.pdf and session.prepared_at is not None
    assert session.resume_snapshot["text"] == resume.text  # snapshot survives deleting the resume
    assert session.options["mix"] == {"behavioral": 2, "technical": 2, "situational": 1, "resume": 1}


def test_a_plan_ready_by_the_time_its_page_opens_is_not_announced_as_preparing(client_user, user,
                                                                            django_capture_on_commit_callbacks):
    """The page says where preparation is (its steps while preparing, the plan once ready): no flash
    saying "Preparing your interview…" above a plan that is already there."""
    resume, job = ResumeFactory(user=user), JobFactory(user=user)
    response = _prepare(client_user, _setup_data(resume, job), django_capture_on_commit_callbacks)
    body = client_user.get(response.url).content.decode()
    assert "Preparing your interview" not in body
    assert escape(InterviewSession.objects.get(user=user).questions.first().text) in body


def test_double_submit_creates_one_session(client_user, user, django_capture_on_commit_callbacks):
    resume, job = ResumeFactory(user=user), JobFactory(user=user)
    _prepare(client_user, _setup_data(resume, job), django_capture_on_commit_callbacks)
    _prepare(client_user, _setup_data(resume, job), django_capture_on_commit_callbacks)
    assert InterviewSession.objects.filter(user=user).count() == 1


def test_other_users_resume_is_refused_and_nothing_enqueued(client_user, user, other_user, django_capture_on_commit_callbacks):
    theirs, job = ResumeFactory(user=other_user), JobFactory(user=user)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_user.post(reverse("interviews:setup"), _setup_data(theirs, job))
    assert response.status_code == 200
    assert "Choose one of your own resumes." in response.content.decode()
    assert not InterviewSession.objects.exists() and callbacks == []


def test_failed_resume_is_refused(client_user, user):
    failed = ResumeFactory(user=user, parse_status=Resume.Status.FAILED, parse_error="unreadable")
    response = client_user.post(reverse("interviews:setup"), _setup_data(failed, JobFactory(user=user)))
    assert "Choose one of your own resumes." in response.content.decode()
    assert not InterviewSession.objects.exists()


def test_missing_job_is_refused(client_user, user):
    response = client_user.post(reverse("interviews:setup"), _setup_data(ResumeFactory(user=user), None))
    assert "Choose a job, or give the new job a title" in response.content.decode()
    assert not InterviewSession.objects.exists()


def test_all_zero_mix_is_refused(client_user, user):
    data = _setup_data(ResumeFactory(user=user), JobFactory(user=user), mix_behavioral=0, mix_technical=0,
                       mix_situational=0, mix_resume=0)
    response = client_user.post(reverse("interviews:setup"), data)
    assert "Choose at least one kind of question" in response.content.decode()
    assert not InterviewSession.objects.exists()


def test_video_mode_is_refused_while_not_configured(client_user, user):
    data = _setup_data(ResumeFactory(user=user), JobFactory(user=user), mode="video")
    response = client_user.post(reverse("interviews:setup"), data)
    assert "not set up on this server" in response.content.decode()
    assert not InterviewSession.objects.exists()


def test_setup_with_inline_job_and_pasted_resume(client_user, user, django_capture_on_commit_callbacks):
    from resumes.tests.factories import JOB_TEXT, RESUME_TEXT

    data = _setup_data(None, None, resume_text=RESUME_TEXT * 2, job_title="Platform Engineer", job_company="Globex",
                       job_text=JOB_TEXT)
    _prepare(client_user, data, django_capture_on_commit_callbacks)
    assert Resume.objects.filter(user=user, kind=Resume.Kind.PASTED).count() == 1
    assert JobDescription.objects.get(user=user).title == "Platform Engineer"
    assert InterviewSession.objects.get(user=user).status == InterviewSession.Status.READY


def test_prepare_task_is_idempotent(user):
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING)
    interview_prepare(session_id=session.pk)
    first = list(session.questions.values_list("pk", flat=True))
    pdf_name = Cheatsheet.objects.get(session=session).pdf.name
    interview_prepare(session_id=session.pk)
    assert list(session.questions.values_list("pk", flat=True)) == first
    assert Cheatsheet.objects.get(session=session).pdf.name == pdf_name


def test_coach_failure_marks_failed_without_half_written_questions_and_retry_resumes(user, monkeypatch, django_capture_on_commit_callbacks):
    from interviews.services import preparation

    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING)

    class Broken:
        def plan_questions(self, **kwargs):
            raise RuntimeError("429 from the model")

    monkeypatch.setattr(preparation, "get_coach", lambda engine=None: Broken())
    interview_prepare(session_id=session.pk)
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.FAILED and session.failed_step == "questions"
    assert "could not plan your questions" in session.failure_reason
    assert session.questions.count() == 0

    monkeypatch.undo()
    client = __import__("django.test", fromlist=["Client"]).Client()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interviews:retry", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.READY and session.questions.exists()


def test_progress_partial_polls_while_preparing_and_refreshes_when_done(client_user, user, htmx_headers):
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING, prepare_enqueued_at=timezone.now())
    url = reverse("interviews:progress", args=[session.pk]) + "?from=preparing"
    body = client_user.get(url, **htmx_headers).content.decode()
    assert 'hx-trigger="every 1s"' in body and "Planning your questions" in body
    session.status = InterviewSession.Status.READY
    session.save()
    response = client_user.get(url, **htmx_headers)
    assert response.headers.get("HX-Refresh") == "true"


def test_worker_not_running_is_detected(client_user, user):
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING,
                             prepare_enqueued_at=timezone.now() - timedelta(seconds=45))
    body = client_user.get(reverse("interviews:detail", args=[session.pk])).content.decode()
    assert "Preparation has not started after 30 s — is the worker running?" in body


def test_failed_step_shows_reason_and_retry(client_user, user):
    session = SessionFactory(user=user, status=InterviewSession.Status.FAILED, failed_step="cheatsheet",
                             failure_reason="The coach could not write your cheatsheet this time.")
    body = client_user.get(reverse("interviews:detail", args=[session.pk])).content.decode()
    assert "The coach could not write your cheatsheet this time." in body and ">Retry<" in body


def test_edit_move_delete_and_add_questions(client_user, user, htmx_headers):
    session = ready_session(user, questions=3)
    first, second, third = session.questions.order_by("order")
    client_user.post(reverse("interviews:question_edit", args=[session.pk, first.pk]),
                     {"text": "How do you design a PostgreSQL schema for growth?", "kind": "technical", "competency": "PostgreSQL"})
    first.refresh_from_db()
    assert (first.text, first.kind, first.competency) == ("How do you design a PostgreSQL schema for growth?", "technical", "PostgreSQL")

    response = client_user.post(reverse("interviews:question_move", args=[session.pk, third.pk]), {"direction": "up"}, **htmx_headers)
    assert response.status_code == 200 and 'id="questions"' in response.content.decode()
    assert list(session.questions.order_by("order").values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]

    client_user.post(reverse("interviews:question_delete", args=[session.pk, first.pk]))
    assert list(session.questions.order_by("order").values_list("order", flat=True)) == [0, 1]

    client_user.post(reverse("interviews:question_add", args=[session.pk]),
                     {"text": "Why do you want to work in healthcare?", "kind": "behavioral", "competency": ""})
    added = session.questions.order_by("order").last()
    assert added.source == Question.Source.CANDIDATE and added.text == "Why do you want to work in healthcare?"
    session.refresh_from_db()
    assert session.questions_edited_at is not None


def test_cannot_delete_last_question_or_edit_after_start(client_user, user, htmx_headers):
    session = ready_session(user, questions=1)
    only = session.questions.get()
    response = client_user.post(reverse("interviews:question_delete", args=[session.pk, only.pk]), **htmx_headers)
    assert "at least one question" in response.content.decode()
    assert session.questions.count() == 1
    session.status, session.started_at = InterviewSession.Status.LIVE, timezone.now()
    session.save()
    client_user.post(reverse("interviews:question_edit", args=[session.pk, only.pk]),
                     {"text": "A completely new question text?", "kind": "behavioral", "competency": ""})
    only.refresh_from_db()
    assert only.text != "A completely new question text?"


def test_cheatsheet_pdf_text_is_readable_and_escaped(client_user, user):
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING,
                             resume_snapshot={"contact": {"name": "<b>Ada</b> <script>alert(1)</script>"}, "text": "x"})
    interview_prepare(session_id=session.pk)
    response = client_user.get(reverse("interviews:cheatsheet_pdf", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    with pdfplumber.open(BytesIO(b"".join(response.streaming_content))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        pages = len(pdf.pages)
    assert "Interview cheatsheet" in text and "Senior Backend Engineer" in text
    assert "<script>alert(1)</script>" in text  # printed as text, not interpreted
    assert pages <= 3
    inline = client_user.get(reverse("interviews:cheatsheet_pdf", args=[session.pk]) + "?inline=1")
    assert inline["Content-Disposition"].startswith("inline")
    assert "Content-Security-Policy" not in inline  # Chromium's PDF viewer refuses object-src 'none'
    assert "Content-Security-Policy" in client_user.get(reverse("interviews:detail", args=[session.pk]))


def test_regenerate_pdf_replaces_file(client_user, user, django_capture_on_commit_callbacks, _private_storage):
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING)
    interview_prepare(session_id=session.pk)
    old = Cheatsheet.objects.get(session=session).pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        client_user.post(reverse("interviews:cheatsheet_regenerate", args=[session.pk]))
    cheatsheet = Cheatsheet.objects.get(session=session)
    assert cheatsheet.pdf.name != old and not cheatsheet.pdf_pending
    assert not (_private_storage / old).exists() and (_private_storage / cheatsheet.pdf.name).exists()


@pytest.mark.parametrize("name", ["detail", "progress", "retry", "cheatsheet_pdf", "cheatsheet_regenerate", "room",
                                  "turns", "end", "state", "results", "report_pdf", "rescore", "retake", "question_add"])
def test_other_users_get_404_on_every_session_url(client, user, other_user, name):
    session = ready_session(other_user, questions=1)
    CheatsheetFactory(session=session)
    client.force_login(user)
    url = reverse(f"interviews:{name}", args=[session.pk])
    response = client.post(url) if name in {"retry", "cheatsheet_regenerate", "turns", "end", "rescore", "retake",
                                              "question_add"} else client.get(url)
    assert response.status_code == 404


def test_other_users_get_404_on_question_urls(client, user, other_user):
    session = ready_session(other_user, questions=2)
    question = session.questions.first()
    client.force_login(user)
    for name in ["question_edit", "question_delete", "question_move"]:
        assert client.post(reverse(f"interviews:{name}", args=[session.pk, question.pk]), {"direction": "up"}).status_code == 404


def test_session_list_query_count_is_constant(client_user, user, django_assert_max_num_queries):
    ready_session(user, questions=1)
    with django_assert_max_num_queries(8):
        client_user.get(reverse("interviews:list"))
    for _ in range(15):
        ready_session(user, questions=2)
    with django_assert_max_num_queries(8):
        response = client_user.get(reverse("interviews:list"))
    body = response.content.decode()  # prepared, never taken: the newest five, and a link to all of them
    assert body.count("Start the interview") == 5 and "Show all 16 prepared interviews" in body
