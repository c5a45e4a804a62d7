"""Odd numbers and unstorable text from strangers: a 400 or a 404 with a sentence, never a 500, and
nothing stored (issue 20, findings 1–3)."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.ids import ascii_int, parse_content_length, parse_id, parse_index
from core.jsonbody import BadJsonBody, json_object_from
from interviews.models import InterviewSession, VideoEvent
from interviews.tests.factories import ready_session
from interviews.tests.fake_tavus import callback_payload
from resumes.tests.factories import ResumeFactory

pytestmark = pytest.mark.django_db

UNICODE_DIGITS = ["²", "١", "١٢", "߁", "𝟏", "①"]  # each isdigit() or isdecimal(); none plain ASCII


@pytest.mark.parametrize("text", UNICODE_DIGITS + ["", " 1", "1 ", "+1", "-1", "1_0", "0x1", "1.0", "1" * 20])
def test_the_number_parsers_accept_ascii_digits_only(text):
    assert ascii_int(text) is None and parse_index(text) is None and parse_content_length(text) is None
    assert parse_id(text) is None


def test_the_number_parsers_read_plain_numbers_within_their_range():
    assert ascii_int("0") == 0 and ascii_int("0042") == 42 and parse_index("999") == 999 and parse_index("1000") is None
    assert parse_id("9223372036854775807") == 2**63 - 1 and parse_id("9223372036854775808") is None
    assert parse_content_length("65536") == 65536 and parse_id("0") is None


# --- Finding 1: the Tavus callback URL with a Unicode digit ------------------------------------------

@pytest.mark.parametrize("token", ["%C2%B2.abc", "%D9%A1.abc", "%F0%9D%9F%8F.abc", "%C2%B2", "1%C2%B2.abc"])
def test_a_callback_url_with_a_unicode_digit_is_404_for_a_stranger(token):
    stranger = Client(raise_request_exception=False)
    response = stranger.post(f"/interviews/video/tavus/{token}/", data="{}", content_type="application/json")
    assert response.status_code == 404


@pytest.fixture
def live_video(user):
    return ready_session(user, questions=1, mode=InterviewSession.Mode.VIDEO, status=InterviewSession.Status.LIVE,
                         started_at=timezone.now(), conversation_id="c0ffee", livekit_room="saylo-1")


def _callback_url(session) -> str:
    return reverse("interviews:tavus_callback", kwargs={"token": f"{session.pk}.{session.video_call.callback_token}"})


@pytest.mark.parametrize("length", ["²", "١٢", "12abc", "-1"])
def test_a_callback_with_a_content_length_that_is_not_a_number_is_refused(live_video, length):
    body = json.dumps(callback_payload("c0ffee", "system.replica_joined"))
    response = Client(raise_request_exception=False).post(_callback_url(live_video), data=body,
                                                          content_type="application/json", CONTENT_LENGTH=length)
    assert response.status_code in {400, 413} and not VideoEvent.objects.exists()


# --- Finding 2: a role's or degree's index with a Unicode digit -------------------------------------

@pytest.mark.parametrize("name", ["resumes:role_save", "resumes:role_remove", "resumes:degree_save", "resumes:degree_remove"])
@pytest.mark.parametrize("index", ["²", "١", "1e3", "-1"])
def test_a_correction_index_that_is_not_a_plain_number_is_400(user, name, index):
    resume = ResumeFactory(user=user)
    before = (resume.corrections, resume.updated_at)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    response = client.post(reverse(name, args=[resume.pk]), {"index": index, "title": "Engineer", "employer": "Initech",
                                                              "degree": "BSc", "school": "MIT"})
    assert response.status_code == 400
    resume.refresh_from_db()
    assert (resume.corrections, resume.updated_at) == before  # nothing saved


def test_an_edit_link_with_a_unicode_digit_shows_the_page(client_user, user):
    resume = ResumeFactory(user=user)
    response = client_user.get(reverse("resumes:detail", args=[resume.pk]), {"edit": "role-١"})
    assert response.status_code == 200 and response.context["edit_section"] == ""


# --- Finding 3: NUL and lone surrogates in JSON bodies -------------------------------------------------

UNSTORABLE = {"NUL": "\\u0000", "lone surrogate": "\\ud800"}


@pytest.mark.parametrize("kind", UNSTORABLE)
@pytest.mark.parametrize("where", ["conversation_id", "properties", "property key", "transcript"])
def test_a_callback_with_unstorable_text_is_400_and_stores_nothing(live_video, kind, where):
    bad = UNSTORABLE[kind]
    payloads = {
        "conversation_id": f'{{"event_type": "system.replica_joined", "conversation_id": "c0ffee{bad}", "properties": {{}}}}',
        "properties": f'{{"event_type": "system.shutdown", "conversation_id": "c0ffee", '
                      f'"properties": {{"shutdown_reason": "gone{bad}"}}}}',
        "property key": f'{{"event_type": "system.replica_joined", "conversation_id": "c0ffee", "properties": {{"k{bad}": 1}}}}',
        "transcript": f'{{"event_type": "application.transcription_ready", "conversation_id": "c0ffee", '
                      f'"properties": {{"transcript": [{{"role": "user", "content": "hi{bad}"}}]}}}}',
    }
    response = Client(raise_request_exception=False).post(_callback_url(live_video), data=payloads[where],
                                                          content_type="application/json")
    assert response.status_code == 400
    assert "cannot be saved" in response.json()["error"]
    live_video.refresh_from_db()
    assert not VideoEvent.objects.exists() and not live_video.turns.exists()
    assert live_video.video_call.conversation_id == "c0ffee" and live_video.status == InterviewSession.Status.LIVE


@pytest.mark.parametrize("kind", UNSTORABLE)
def test_a_turn_with_unstorable_text_in_any_field_is_400(client_user, user, kind):
    session = ready_session(user, questions=1, status=InterviewSession.Status.LIVE)
    body = f'{{"client_id": "t-1", "role": "candidate", "text": "fine", "input_mode": "typed{UNSTORABLE[kind]}"}}'
    response = client_user.post(reverse("interviews:turns", args=[session.pk]), data=body,
                                content_type="application/json")
    assert response.status_code == 400 and "cannot be saved" in response.json()["error"]
    assert not session.turns.exists()


@pytest.mark.parametrize("body, message", [
    (b'{"a": {"b": "x\\u0000"}}', "a.b contains characters that cannot be saved (a NUL character)"),
    (b'{"a": ["ok", "\\udfff"]}', "a[1] contains characters that cannot be saved (a broken Unicode character)"),
    (b'{"\\u0000": 1}', "key contains characters that cannot be saved"),
    (b"[" * 40 + b"]" * 40, "must be a JSON object"),
    (b'{"a":' * 40 + b"1" + b"}" * 40, "nested too deeply"),
    (b"\xff\xfe", "not JSON"),
])
def test_the_json_guard_says_what_is_wrong_and_where(body, message):
    with pytest.raises(BadJsonBody) as refused:
        json_object_from(body, what="callback")
    assert message in refused.value.message and refused.value.status == 400


def test_the_json_guard_keeps_ordinary_unicode():
    assert json_object_from('{"name": "Zoë", "text": "日本語 ✓ 😀"}'.encode()) == {"name": "Zoë", "text": "日本語 ✓ 😀"}
