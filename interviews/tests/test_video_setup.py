"""Setup offers "Video interview" only when video is configured (issue 10, item 1)."""

import re

import pytest
from django.urls import reverse

from interviews.models import InterviewSession
from resumes.tests.factories import JobFactory, ResumeFactory

pytestmark = pytest.mark.django_db

REQUIRED = ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "TAVUS_API_KEY", "GEMINI_API_KEY")


@pytest.fixture
def video_on(settings):
    settings.LIVEKIT_URL = "wss://saylo-test.livekit.cloud"
    settings.LIVEKIT_API_KEY = "APIkey"
    settings.LIVEKIT_API_SECRET = "secret-" * 6
    settings.TAVUS_API_KEY = "tavus-key"
    settings.GEMINI_API_KEY = "gemini-key"
    return settings


@pytest.fixture
def video_off(settings):
    for name in REQUIRED:
        setattr(settings, name, "")
    return settings


def _video_radio(body: str) -> str:
    match = re.search(r'<input[^>]*value="video"[^>]*>', body)
    assert match, "the video choice is always shown"
    return match.group(0)


def _data(user, **overrides):
    data = {"resume": ResumeFactory(user=user).pk, "job": JobFactory(user=user).pk, "count": 4, "mix_behavioral": 2,
            "mix_technical": 2, "mix_situational": 1, "mix_resume": 1, "difficulty": "standard",
            "answer_seconds": 120, "mode": "video", "request_key": "video-key-1"}
    data.update(overrides)
    return data


def test_video_choice_is_enabled_when_configured(client_user, video_on):
    body = client_user.get(reverse("interviews:setup")).content.decode()
    assert "disabled" not in _video_radio(body)
    assert "not set up on this server" not in body
    assert "You need a camera and a microphone" in body


def test_setup_creates_a_video_session_when_configured(client_user, user, video_on, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_user.post(reverse("interviews:setup"), _data(user))
    session = InterviewSession.objects.get(user=user)
    assert response.status_code == 302 and response.url == reverse("interviews:detail", args=[session.pk])
    assert session.mode == InterviewSession.Mode.VIDEO
    assert session.status == InterviewSession.Status.READY and session.questions.count() == 4
    assert len(session.video_call.callback_token) >= 32  # the Tavus callback secret exists from the start


def test_candidates_see_the_disabled_choice_and_one_plain_sentence(client_user, video_off):
    body = client_user.get(reverse("interviews:setup")).content.decode()
    assert "disabled" in _video_radio(body)
    assert "Video interviews with an AI interviewer are not set up on this server." in body
    assert not any(name in body for name in REQUIRED)  # setting names are for staff


def test_staff_see_the_missing_setting_names(client, user, video_off, settings):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    settings.LIVEKIT_URL = "wss://saylo-test.livekit.cloud"
    body = client.get(reverse("interviews:setup")).content.decode()
    assert "disabled" in _video_radio(body)
    assert "Staff: set LIVEKIT_API_KEY, LIVEKIT_API_SECRET, TAVUS_API_KEY, GEMINI_API_KEY to turn video interviews on." in body


def test_a_forged_video_choice_is_refused_and_nothing_is_created(client_user, user, video_off):
    response = client_user.post(reverse("interviews:setup"), _data(user))
    assert response.status_code == 200
    assert "not set up on this server" in response.content.decode()
    assert not InterviewSession.objects.exists()


def test_one_missing_setting_turns_video_off(client_user, user, video_on):
    video_on.GEMINI_API_KEY = ""
    response = client_user.post(reverse("interviews:setup"), _data(user))
    assert not InterviewSession.objects.exists()
    assert "disabled" in _video_radio(response.content.decode())
