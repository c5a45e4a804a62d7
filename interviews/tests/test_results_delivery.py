"""The results page and report after a typed practice interview: scored on content, delivery "not measured
(typed)", the weights said, and no speech number anywhere — scored end to end through the service."""

import re
from io import BytesIO

import pdfplumber
import pytest
from django.urls import reverse

from interviews.models import InterviewSession, TranscriptTurn
from interviews.services.scoring import score_run_create
from interviews.tests import coach_samples as S
from interviews.tests.factories import ready_session

pytestmark = pytest.mark.django_db


def _typed_interview(user, *, mode="typed"):
    session = ready_session(user, questions=2, status=InterviewSession.Status.FINISHED)
    questions = list(session.questions.order_by("order"))
    seq = 0
    for question, answer in zip(questions, S.STRONG_SOFTWARE_ANSWERS, strict=True):
        seq += 1
        TranscriptTurn.objects.create(session=session, seq=seq, role="interviewer", text=question.text, question=question,
                                      client_id=f"q{seq}", started_ms=seq * 60000, ended_ms=seq * 60000 + 3000)
        seq += 1
        # A pasted answer: 80 ms for 80 words — 60,000 words a minute if read as speech.
        TranscriptTurn.objects.create(session=session, seq=seq, role="candidate", text=answer, question=question,
                                      client_id=f"a{seq}", started_ms=seq * 60000 + 5000, ended_ms=seq * 60000 + 5080,
                                      input_mode=mode)
    return session, score_run_create(session=session)


def test_a_typed_interview_is_scored_on_content_and_says_so(client_user, user, run_work):
    session, run = _typed_interview(user)
    assert "delivery" not in run.weights and run.metrics["words_per_minute"] is None
    body = client_user.get(reverse("interviews:results", args=[session.pk])).content.decode()
    assert body.count("not measured (typed)") >= 3
    assert "weight was shared among the other parts" in body
    assert not re.search(r'badge[^"]*">\s*[\d,.]+ words/min', body) and "You spoke at" not in body
    with run_work():  # the first visit asks the worker to print it
        client_user.get(reverse("interviews:report_pdf", args=[session.pk]))
    response = client_user.get(reverse("interviews:report_pdf", args=[session.pk]))
    with pdfplumber.open(BytesIO(b"".join(response.streaming_content))) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "not measured (typed)" in text and "You spoke at" not in text


def test_an_older_run_with_an_impossible_rate_never_shows_it(client_user, user):
    session, run = _typed_interview(user, mode="")
    run.metrics = {**run.metrics, "words_per_minute": 42701.0, "fillers_per_minute": 1205.0, "delivery_measured": None}
    run.save(update_fields=["metrics"])
    body = client_user.get(reverse("interviews:results", args=[session.pk])).content.decode()
    assert "42701" not in body and "42,701" not in body and "1205" not in body
