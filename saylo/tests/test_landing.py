"""The landing page promises only what this server can do."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

VIDEO = {"LIVEKIT_URL": "wss://lk.example.com", "LIVEKIT_API_KEY": "key", "LIVEKIT_API_SECRET": "secret",
         "TAVUS_API_KEY": "tavus", "GEMINI_API_KEY": "gemini"}


def test_landing_says_what_works_without_a_key_and_that_video_is_not_set_up(client, settings):
    for name in VIDEO:
        setattr(settings, name, "")
    body = client.get(reverse("home")).content.decode()
    assert "needs no AI key" in body
    assert "Live video interviews with an AI interviewer need a video setup" in body
    assert "face a live video interviewer" not in body  # no promise the setup page would then break
    assert "The Gemini coach (richer wording) is not switched on here" in body


def test_landing_offers_video_when_it_is_set_up(client, settings):
    for name, value in VIDEO.items():
        setattr(settings, name, value)
    body = client.get(reverse("home")).content.decode()
    assert "face a live video interviewer" in body and "Live video interviews with an AI interviewer." in body
    assert "need a video setup" not in body
