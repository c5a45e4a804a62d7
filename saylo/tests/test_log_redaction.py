"""The Tavus callback token never reaches the logs (issue 20, finding 4): every 4xx and 5xx on the
callback URL, as the configured handlers write them."""

import io
import logging

import pytest
from django.test import Client
from django.utils import timezone

from interviews.models import InterviewSession
from interviews.tests.factories import ready_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def written():
    """Everything the configured stdout handler writes (settings.LOGGING), as text."""
    handlers = {handler for name in ("django", "") for handler in logging.getLogger(name).handlers
                if isinstance(handler, logging.StreamHandler) and not type(handler).__module__.startswith("_pytest")}
    assert handlers, "settings.LOGGING configured no stream handler"
    buffer = io.StringIO()
    previous = {handler: handler.setStream(buffer) for handler in handlers}
    yield buffer
    for handler, stream in previous.items():
        handler.setStream(stream)


@pytest.fixture
def live_video(user):
    return ready_session(user, questions=1, mode=InterviewSession.Mode.VIDEO, status=InterviewSession.Status.LIVE,
                         started_at=timezone.now(), conversation_id="c0ffee", livekit_room="saylo-1")


def _post(path: str, body: str = "{}", **extra):
    return Client(raise_request_exception=False).post(path, data=body, content_type="application/json", **extra)


def test_no_4xx_or_5xx_on_the_callback_url_writes_the_token(written, live_video, monkeypatch):
    token = live_video.video_call.callback_token
    url = f"/interviews/video/tavus/{live_video.pk}.{token}/"
    assert _post(url, "{not json").status_code == 400
    assert _post(url, "{}", CONTENT_LENGTH="2000000").status_code == 413
    assert Client(raise_request_exception=False).get(url).status_code == 405
    assert _post(f"/interviews/video/tavus/{live_video.pk + 1000}.{token}/").status_code == 404

    def explode(**kwargs):
        raise RuntimeError(f"could not apply the callback posted to {url}")

    monkeypatch.setattr("interviews.views.video_callbacks.tavus_callback_handle", explode)
    body = '{"event_type": "system.replica_joined", "conversation_id": "c0ffee", "properties": {}}'
    assert _post(url, body).status_code == 500

    log = written.getvalue()
    for line in ("Bad Request", "Request Entity Too Large", "Method Not Allowed", "Not Found", "Internal Server Error"):
        assert line in log, f"{line!r} was not logged at all: the test would prove nothing"
    assert "Traceback" in log and "could not apply the callback" in log
    assert token not in log
    assert f"/interviews/video/tavus/{live_video.pk}.[redacted]/" in log


def test_a_log_record_with_the_token_in_its_arguments_is_redacted(written):
    logging.getLogger("saylo.video").warning("callback %s refused", "/interviews/video/tavus/12.abcDEF_-token/")
    assert "abcDEF_-token" not in written.getvalue() and "/tavus/12.[redacted]/" in written.getvalue()
