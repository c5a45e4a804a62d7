"""The follow-up question is generated while a turn is saved, so Gemini gets a short, single try
there: a silent or refused server costs the candidate a few seconds at most, never the answer."""

import json
import socket
import threading

import pytest
from django.urls import reverse

from interviews.coach.offline import OfflineCoach
from interviews.models import TranscriptTurn
from interviews.tests.factories import ready_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers (a hung gateway)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    for connection in held:
        connection.close()
    server.close()


@pytest.fixture
def refused_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens here now
    return port


def _gemini_at(settings, port):
    settings.GEMINI_API_KEY = "test-key"
    settings.COACH_ENGINE = "gemini"
    settings.GEMINI_BASE_URL = f"http://127.0.0.1:{port}"
    settings.GEMINI_TIMEOUT_SECONDS = 60  # the defaults that once held a turn for minutes
    settings.GEMINI_MAX_ATTEMPTS = 3
    settings.GEMINI_FOLLOW_UP_SECONDS = 1


def _save_thin_answer(client, session):
    question = session.questions.first()
    response = client.post(reverse("interviews:turns", args=[session.pk]), json.dumps({
        "client_id": "a1", "role": "candidate", "text": "We did it.", "question_id": question.pk,
        "started_ms": 0, "ended_ms": 4000, "want_follow_up": True,
    }), content_type="application/json")
    return response, question


@pytest.mark.parametrize("server", ["silent_port", "refused_port"])
def test_turn_saves_fast_with_the_offline_follow_up_when_gemini_does_not_answer(client_user, user, settings,
                                                                               request, server):
    _gemini_at(settings, request.getfixturevalue(server))
    session = ready_session(user, questions=2)
    # Unbounded, this request waits out Gemini's 60 s time-out three times and the test's own time-out fails it;
    # bounded, the answer is saved with the offline coach's follow-up (how fast is the benchmarks' business).
    response, question = _save_thin_answer(client_user, session)
    assert response.status_code == 201
    expected = OfflineCoach().follow_up(question=question.as_planned(), answer="We did it.", job=session.job_input())
    assert response.json()["follow_up"] == expected
    assert TranscriptTurn.objects.get(session=session).text == "We did it."


def test_session_page_has_no_doubled_full_stop(client_user, user):
    session = ready_session(user, questions=1, engine="offline",
                            engine_note="Gemini did not answer within 60 seconds (three times); the offline coach answered.")
    body = client_user.get(reverse("interviews:detail", args=[session.pk])).content.decode()
    assert "the offline coach answered. Coverage" in body
    assert ".." not in body.replace("…", "")
