"""Joining a video interview: the start endpoint's LiveKit token (decoded with livekit-api's own
TokenVerifier), who may ask for one, the rate limit, carrying on in the practice room, and the room
page's Content-Security-Policy widening only where video runs."""

import json
from datetime import timedelta

import jwt
import pytest
from django.urls import reverse
from django.utils import timezone
from livekit.api import TokenVerifier

from interviews.models import InterviewSession, TranscriptTurn, VideoCall, VideoEvent
from interviews.services.video_room import STARTS_PER_MINUTE
from interviews.tests.factories import SessionFactory, TurnFactory, ready_session
from interviews.video.config import video_config
from interviews.video.livekit import TOKEN_TTL, room_csp_update
from saylo.tests.html import parse

pytestmark = pytest.mark.django_db

API_KEY, API_SECRET = "APIvideoRoomTest", "a-livekit-secret-long-enough-for-hs256-signing"
CDN = "https://cdn.jsdelivr.net/npm/livekit-client@2.23.0/dist/livekit-client.umd.js"


@pytest.fixture
def video_settings(settings):
    settings.LIVEKIT_URL = "wss://saylo-test.livekit.cloud"
    settings.LIVEKIT_API_KEY, settings.LIVEKIT_API_SECRET = API_KEY, API_SECRET
    settings.TAVUS_API_KEY = "tavus-key"
    settings.GEMINI_API_KEY = "gemini-key"
    settings.INTERVIEW_AGENT_NAME = "saylo-interviewer-test"
    settings.LIVEKIT_CLIENT_URL = CDN
    return settings


def _video_session(user, **kwargs):
    return ready_session(user, questions=3, mode=InterviewSession.Mode.VIDEO, **kwargs)


def _start(client, session, *, consent=True):
    """The room's start request, after the candidate agreed at the check (unless `consent` is False)."""
    if consent:
        client.post(reverse("interviews:video_consent", args=[session.pk]), HTTP_ACCEPT="application/json")
    return client.post(reverse("interviews:video_start", args=[session.pk]), HTTP_ACCEPT="application/json")


def _config(body: str) -> dict:
    (script,) = parse(body).xpath('//script[@id="room-config"][@type="application/json"]')
    return json.loads(script.text)


# --- Start: the token ---------------------------------------------------------------------------

def test_start_mints_a_room_only_token_that_dispatches_the_agent(client_user, user, video_settings):
    session = _video_session(user)
    before = timezone.now()
    response = _start(client_user, session)

    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    body = response.json()
    session.refresh_from_db()
    assert session.video_call.livekit_room and body["room"] == session.video_call.livekit_room
    assert (body["url"], body["identity"], body["agentName"]) == (
        "wss://saylo-test.livekit.cloud", f"candidate-{user.pk}", "saylo-interviewer-test")

    claims = TokenVerifier(API_KEY, API_SECRET).verify(body["token"])
    assert claims.identity == f"candidate-{user.pk}"
    grant = claims.video
    assert (grant.room_join, grant.room, grant.can_publish, grant.can_subscribe, grant.can_publish_data) == (
        True, session.video_call.livekit_room, True, True, True)
    assert not (grant.room_create or grant.room_admin or grant.room_list or grant.room_record or grant.agent)
    (dispatch,) = claims.room_config.agents
    assert dispatch.agent_name == "saylo-interviewer-test"
    assert json.loads(dispatch.metadata) == {"session_id": session.pk}

    raw = jwt.decode(body["token"], API_SECRET, algorithms=["HS256"], issuer=API_KEY)
    assert raw["exp"] - raw["nbf"] == TOKEN_TTL.total_seconds() == 600
    expires = timezone.datetime.fromisoformat(body["expiresAt"])
    assert before + TOKEN_TTL - timedelta(seconds=2) <= expires
    assert expires.timestamp() <= raw["exp"] <= expires.timestamp() + 2


def test_a_wrong_secret_does_not_verify(client_user, user, video_settings):
    token = _start(client_user, _video_session(user)).json()["token"]
    with pytest.raises(jwt.InvalidSignatureError):
        TokenVerifier(API_KEY, "another-secret-of-enough-length-for-hs256").verify(token)


def test_start_marks_the_session_live_and_a_reload_joins_the_same_room(client_user, user, video_settings):
    session = _video_session(user)
    first = _start(client_user, session).json()
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE and session.started_at is not None
    started_at = session.started_at

    second = _start(client_user, session).json()
    session.refresh_from_db()
    assert second["room"] == first["room"] == session.video_call.livekit_room
    assert session.started_at == started_at  # the interview clock is not restarted by a reload
    claims = TokenVerifier(API_KEY, API_SECRET).verify(second["token"])
    assert claims.video.room == first["room"]
    assert VideoEvent.objects.filter(session=session, kind="room.started").count() == 1


@pytest.mark.parametrize("gone", ["agent_error", "candidate_left"])
def test_after_the_agent_has_gone_the_video_again_is_a_new_room_with_a_fresh_dispatch(client_user, user,
                                                                                     video_settings, gone):
    session = _video_session(user)
    first = _start(client_user, session).json()
    VideoCall.objects.filter(session=session).update(end_reason=gone)  # what the agent records as it leaves

    again = _start(client_user, session).json()  # "Try the video again", or coming back after a network drop
    session.refresh_from_db()
    assert again["room"] != first["room"] and again["room"] == session.video_call.livekit_room
    claims = TokenVerifier(API_KEY, API_SECRET).verify(again["token"])
    (dispatch,) = claims.room_config.agents
    assert claims.video.room == again["room"] and json.loads(dispatch.metadata) == {"session_id": session.pk}
    assert session.status == InterviewSession.Status.LIVE and session.video_call.end_reason == ""
    # a reload now joins that new room and its agent, not yet another one
    assert _start(client_user, session).json()["room"] == again["room"]
    assert VideoEvent.objects.filter(session=session, kind="room.started").count() == 2


def test_each_session_gets_its_own_room(client_user, user, video_settings):
    rooms = {_start(client_user, _video_session(user)).json()["room"] for _ in range(3)}
    assert len(rooms) == 3


def test_another_users_session_is_404_and_gets_no_room(client, other_user, user, video_settings):
    session = _video_session(user)
    client.force_login(other_user)
    assert _start(client, session).status_code == 404
    assert client.post(reverse("interviews:video_fallback", args=[session.pk])).status_code == 404
    session.refresh_from_db()
    assert (session.video_call.livekit_room, session.status, session.mode) == ("", InterviewSession.Status.READY, "video")


def test_start_needs_login_and_post(client, client_user, user, video_settings):
    session = _video_session(user)
    assert client_user.get(reverse("interviews:video_start", args=[session.pk])).status_code == 405
    client.logout()
    response = client.post(reverse("interviews:video_start", args=[session.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(("mode", "status", "words"), [
    ("practice", "ready", "practice interview"),
    ("video", "finished", "has ended"),
    ("video", "scored", "has ended"),
    ("video", "preparing", "not ready yet"),
    ("video", "failed", "not ready yet"),
])
def test_start_refuses_sessions_that_cannot_join(client_user, user, video_settings, mode, status, words):
    session = ready_session(user, questions=2, mode=mode, status=status)
    response = _start(client_user, session)
    assert response.status_code == 409
    assert words in response.json()["error"]
    session.refresh_from_db()
    assert session.status == status  # and no room was chosen (a practice session has no call at all)
    assert not VideoCall.objects.filter(session=session).exclude(livekit_room="").exists()


def test_start_without_video_settings_is_a_plain_503(client_user, user, settings):
    settings.LIVEKIT_URL = ""
    session = _video_session(user)
    response = _start(client_user, session)
    assert response.status_code == 503
    error = response.json()["error"]
    assert error.startswith("Video interviews with an AI interviewer are not set up") and "LIVEKIT_URL" not in error
    session.refresh_from_db()
    assert (session.video_call.livekit_room, session.status) == ("", InterviewSession.Status.READY)


def test_staff_are_told_which_settings_are_missing(client, user, video_settings):
    video_settings.LIVEKIT_API_SECRET = ""
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = _start(client, _video_session(user))
    assert response.status_code == 503 and "LIVEKIT_API_SECRET" in response.json()["error"]


def test_start_is_rate_limited_per_user(client, client_user, user, other_user, video_settings):
    session = _video_session(user)
    for _ in range(STARTS_PER_MINUTE):
        assert _start(client_user, session).status_code == 200
    refused = _start(client_user, session)
    assert refused.status_code == 429 and "Wait a minute" in refused.json()["error"]

    client.force_login(other_user)  # someone else is not slowed down by it
    assert _start(client, _video_session(other_user)).status_code == 200


# --- Carrying on in the practice room -----------------------------------------------------------

def _seed_agent_turns(session):
    first, second, _ = session.questions.order_by("order")
    TurnFactory(session=session, seq=1, role="interviewer", text=first.text, question=first, source="agent",
                client_id="item_a1", started_ms=0, ended_ms=4000)
    TurnFactory(session=session, seq=2, role="candidate", text="At Acme I led the billing migration and cut failures by 38%.",
                question=first, source="agent", client_id="item_a2", started_ms=4500, ended_ms=52000)
    return first, second


def test_fallback_keeps_every_turn_and_the_room_resumes_at_the_next_question(client_user, user, video_settings):
    session = _video_session(user, status=InterviewSession.Status.LIVE, started_at=timezone.now())
    _, second = _seed_agent_turns(session)

    response = client_user.post(reverse("interviews:video_fallback", args=[session.pk]), HTTP_ACCEPT="application/json")

    room_url = reverse("interviews:room", args=[session.pk])
    assert response.json() == {"ok": True, "room_url": room_url}
    session.refresh_from_db()
    assert (session.mode, session.status, session.video_call.end_reason) == ("practice", "live", "practice_fallback")
    assert list(session.turns.values_list("client_id", flat=True)) == ["item_a1", "item_a2"]
    assert VideoEvent.objects.get(session=session, kind="room.fallback").payload == {"turns_kept": 2}

    page = client_user.get(room_url).content.decode()
    config = _config(page)
    assert "mode" not in config and "Question 2 of 3" in page and second.text in page
    assert [t["client_id"] for t in config["turns"]] == ["item_a1", "item_a2"] and config["elapsedMs"] == 52000


def test_fallback_by_form_redirects_to_the_practice_room_and_is_idempotent(client_user, user, video_settings):
    session = _video_session(user)
    url = reverse("interviews:video_fallback", args=[session.pk])
    response = client_user.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("interviews:room", args=[session.pk])
    assert "every answer you gave is kept" in response.content.decode()
    assert client_user.post(url).status_code == 302
    session.refresh_from_db()
    assert (session.mode, session.status) == ("practice", "ready")
    assert VideoEvent.objects.filter(session=session, kind="room.fallback").count() == 1


def test_fallback_keeps_an_agent_error_reason(client_user, user):
    session = _video_session(user, status=InterviewSession.Status.LIVE, end_reason="agent_error")
    client_user.post(reverse("interviews:video_fallback", args=[session.pk]))
    session.refresh_from_db()
    assert (session.mode, session.video_call.end_reason) == ("practice", "agent_error")


def test_fallback_of_a_finished_interview_is_refused_and_changes_nothing(client_user, user):
    session = _video_session(user, status=InterviewSession.Status.FINISHED)
    response = client_user.post(reverse("interviews:video_fallback", args=[session.pk]), HTTP_ACCEPT="application/json")
    assert response.status_code == 409 and "has ended" in response.json()["error"]
    session.refresh_from_db()
    assert (session.mode, session.status) == ("video", "finished")


# --- The room page and its Content-Security-Policy ---------------------------------------------

def test_video_room_page_loads_the_client_and_widens_csp_only_for_livekit(client_user, user, video_settings):
    session = _video_session(user)
    response = client_user.get(reverse("interviews:room", args=[session.pk]))
    body = response.content.decode()
    config = _config(body)
    assert config["mode"] == "video"
    assert config["urls"]["videoStart"] == reverse("interviews:video_start", args=[session.pk])
    assert config["urls"]["videoFallback"] == reverse("interviews:video_fallback", args=[session.pk])
    assert config["video"]["avatarWaitMs"] == 45000 and config["video"]["unavailable"] == ""
    assert f'<script src="{CDN}" integrity="sha384-HkA7rQNo8H04l1p4zoXX1Cy+h9YoYp8LvKt4vfMFhv4KFk07UkrNwIUnyBum8Pw6" crossorigin="anonymous" defer>' in body
    assert "js/room/video.js" in body and "js/room.js" not in body and "css/room-video.css" in body

    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'", CDN]
    assert csp["connect-src"] == ["'self'", "wss://saylo-test.livekit.cloud", "https://saylo-test.livekit.cloud"]
    assert csp["media-src"] == ["'self'", "blob:"]
    assert csp["default-src"] == ["'self'"] and csp["style-src"] == ["'self'"] and csp["frame-src"] == ["'self'"]


def test_csp_stays_strict_on_the_practice_room_and_other_pages(client_user, user, video_settings):
    practice = ready_session(user, questions=2)
    video = _video_session(user)
    for url in (reverse("interviews:room", args=[practice.pk]), reverse("interviews:detail", args=[video.pk]),
                reverse("interviews:list"), reverse("dashboard")):
        csp = _directives(client_user.get(url)["Content-Security-Policy"])
        assert csp["script-src"] == ["'self'"], url
        assert csp["connect-src"] == ["'self'"], url


def test_a_self_hosted_client_adds_no_script_source(client_user, user, video_settings):
    video_settings.LIVEKIT_CLIENT_URL = "/static/vendor/livekit-client-2.23.0.umd.js"
    response = client_user.get(reverse("interviews:room", args=[_video_session(user).pk]))
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert '<script src="/static/vendor/livekit-client-2.23.0.umd.js"' in response.content.decode()


def test_room_without_video_settings_explains_and_offers_practice(client_user, user, settings):
    settings.TAVUS_API_KEY = ""
    session = _video_session(user)
    response = client_user.get(reverse("interviews:room", args=[session.pk]))
    body = response.content.decode()
    assert "Video interviews with an AI interviewer are not set up on this server" in body
    assert "Continue in the practice room" in body and reverse("interviews:video_fallback", args=[session.pk]) in body
    assert "livekit-client" not in body
    assert _directives(response["Content-Security-Policy"])["connect-src"] == ["'self'"]


def test_room_after_an_agent_crash_offers_the_video_again_and_practice_instead_of_joining(client_user, user,
                                                                                        video_settings):
    session = _video_session(user, status=InterviewSession.Status.LIVE, end_reason="agent_error")
    response = client_user.get(reverse("interviews:room", args=[session.pk]))
    body = response.content.decode()
    assert "The video interviewer stopped unexpectedly" in body and "Continue in the practice room" in body
    assert "Try the video again" in body  # a new start: a new room and a fresh agent (the README says so)
    config = _config(body)["video"]
    assert config["unavailable"] == "" and config["stopped"].startswith("The video interviewer stopped")
    assert "livekit-client" in body  # loaded for the retry; the page joins only when asked


def test_start_before_the_candidate_agreed_is_refused_and_starts_nothing(client_user, user, video_settings):
    session = _video_session(user)
    response = _start(client_user, session, consent=False)
    assert response.status_code == 409 and "agree before joining" in response.json()["error"]
    assert "token" not in response.json()
    session.refresh_from_db()
    assert (session.video_call.livekit_room, session.status) == ("", InterviewSession.Status.READY)
    assert not VideoEvent.objects.filter(session=session).exists()

    consent = client_user.post(reverse("interviews:video_consent", args=[session.pk]), HTTP_ACCEPT="application/json")
    assert consent.json() == {"ok": True}
    assert VideoEvent.objects.get(session=session, kind="room.consent").payload["recording"] is False
    assert _start(client_user, session, consent=False).status_code == 200
    # once per interview: agreeing again changes nothing
    client_user.post(reverse("interviews:video_consent", args=[session.pk]), HTTP_ACCEPT="application/json")
    assert VideoEvent.objects.filter(session=session, kind="room.consent").count() == 1


def test_consent_for_another_users_or_a_finished_interview_is_refused(client, client_user, other_user, user):
    finished = _video_session(user, status=InterviewSession.Status.FINISHED)
    response = client_user.post(reverse("interviews:video_consent", args=[finished.pk]), HTTP_ACCEPT="application/json")
    assert response.status_code == 409 and "has ended" in response.json()["error"]
    theirs = _video_session(user)
    client.force_login(other_user)
    assert client.post(reverse("interviews:video_consent", args=[theirs.pk])).status_code == 404
    assert not VideoEvent.objects.exists()


def test_room_csp_update_pairs_the_websocket_with_its_http_twin():
    config = video_config()
    local = type(config)(**{**config.__dict__, "livekit_url": "ws://127.0.0.1:7880/", "client_url": "/static/x.js"})
    assert room_csp_update(local) == {"connect-src": ["ws://127.0.0.1:7880", "http://127.0.0.1:7880"]}


def _directives(header: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


# --- The session page ------------------------------------------------------------------------

def test_session_page_offers_the_video_interview(client_user, user):
    session = _video_session(user)
    body = client_user.get(reverse("interviews:detail", args=[session.pk])).content.decode()
    assert "Start video interview" in body and reverse("interviews:room", args=[session.pk]) in body
    assert "Use the practice room instead" in body and "Finish in the practice room" not in body


def test_session_page_after_an_agent_crash_offers_to_finish_in_practice(client_user, user):
    session = _video_session(user, status=InterviewSession.Status.LIVE, end_reason="agent_error")
    TurnFactory(session=session, seq=1, question=session.questions.first(), source="agent", client_id="item_1")
    body = client_user.get(reverse("interviews:detail", args=[session.pk])).content.decode()
    assert "The video interviewer stopped unexpectedly" in body and "Finish in the practice room" in body
    assert "Try the video again" in body and reverse("interviews:room", args=[session.pk]) in body
    client_user.post(reverse("interviews:video_fallback", args=[session.pk]))
    session.refresh_from_db()
    assert session.mode == "practice" and TranscriptTurn.objects.filter(session=session).count() == 1


def test_practice_session_page_has_no_video_buttons(client_user, user):
    session = ready_session(user, questions=2)
    body = client_user.get(reverse("interviews:detail", args=[session.pk])).content.decode()
    assert "Start the interview" in body
    assert "Start video interview" not in body and "Use the practice room instead" not in body


def test_a_finished_video_session_page_points_to_results(client_user, user):
    session = SessionFactory(user=user, mode="video", status=InterviewSession.Status.SCORED)
    body = client_user.get(reverse("interviews:detail", args=[session.pk])).content.decode()
    assert "Read your feedback" in body and "Start video interview" not in body


# --- The vendored client -------------------------------------------------------------------------

def test_vendored_client_is_the_pinned_file_with_its_licence(settings):
    import base64
    import hashlib

    from django.conf import settings as django_settings

    vendor = django_settings.BASE_DIR / "static" / "vendor"
    digest = hashlib.sha384((vendor / "livekit-client-2.23.0.umd.js").read_bytes()).digest()
    assert f"sha384-{base64.b64encode(digest).decode()}" == settings.LIVEKIT_CLIENT_INTEGRITY
    assert settings.LIVEKIT_CLIENT_INTEGRITY == "sha384-HkA7rQNo8H04l1p4zoXX1Cy+h9YoYp8LvKt4vfMFhv4KFk07UkrNwIUnyBum8Pw6"
    assert "Apache License" in (vendor / "livekit-client-2.23.0.LICENSE").read_text()
    # collectstatic's manifest storage follows the file's sourceMappingURL: the map must be beside it.
    assert (vendor / "livekit-client.umd.js.map").is_file()


def test_the_agent_leaving_after_a_fallback_does_not_finish_the_practice_interview(client_user, user):
    from interviews.services.video_agent import TIME_LIMIT, video_agent_candidate_gone, video_agent_finish

    session = _video_session(user, status=InterviewSession.Status.LIVE, started_at=timezone.now())
    _seed_agent_turns(session)
    client_user.post(reverse("interviews:video_fallback", args=[session.pk]))
    video_agent_candidate_gone(session_id=session.pk, job_id="job-1")  # the candidate "left" the video room
    video_agent_finish(session_id=session.pk, reason=TIME_LIMIT)  # and a stale agent's clock ran out
    session.refresh_from_db()
    assert (session.mode, session.status) == ("practice", "live")


# --- End in the video room (issue 18, item 2) --------------------------------------------------------

def _end(client, session):
    return client.post(reverse("interviews:video_end", args=[session.pk]), HTTP_ACCEPT="application/json")


def test_end_waits_for_the_agent_so_the_last_answer_is_kept_then_the_server_finishes_it(
        client_user, user, django_capture_on_commit_callbacks):
    from interviews.services.video_agent import video_turn_record
    from interviews.services.video_room import END_WAIT_SECONDS

    session = _video_session(user, status=InterviewSession.Status.LIVE, started_at=timezone.now())
    first, _ = _seed_agent_turns(session)
    VideoEvent.objects.create(session=session, source="agent", kind="agent.joined", key="agent.joined:job-1")

    body = _end(client_user, session).json()
    assert body["ok"] and body["ended"] is False and 0 < body["wait_seconds"] <= END_WAIT_SECONDS
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE  # not finished behind the agent's back
    # Gemini commits the candidate's last words a few seconds later: they are still taken
    assert video_turn_record(session_id=session.pk, item_id="item_last", role="candidate",
                             text="…and that is why I would do it again.", question_id=first.pk, is_follow_up=True,
                             started_ms=60000, ended_ms=61000) is not None
    assert _end(client_user, session).json()["ended"] is False  # asked again within the wait: still waiting

    # the agent never finished it (its job died): after the wait, the server does
    VideoEvent.objects.filter(session=session, key="room.end_requested").update(
        created_at=timezone.now() - timedelta(seconds=END_WAIT_SECONDS + 1))
    with django_capture_on_commit_callbacks(execute=True):
        body = _end(client_user, session).json()
    assert body["ended"] is True and body["results_url"] == reverse("interviews:results", args=[session.pk])
    session.refresh_from_db()
    assert session.status in {InterviewSession.Status.FINISHED, InterviewSession.Status.SCORED}
    assert session.video_call.end_reason == "candidate_ended"
    assert session.turns.filter(client_id="item_last").exists()
    assert _end(client_user, session).json()["ended"] is True  # idempotent once over


@pytest.mark.parametrize("gone", ["agent_error", "candidate_left", ""])  # "": no agent ever joined this room
def test_end_with_no_agent_in_the_room_finishes_at_once(client_user, user, gone):
    session = _video_session(user, status=InterviewSession.Status.LIVE, started_at=timezone.now(),
                             end_reason=gone)
    if gone:
        VideoEvent.objects.create(session=session, source="agent", kind="agent.joined", key="agent.joined:job-1")
    assert _end(client_user, session).json()["ended"] is True
    session.refresh_from_db()
    assert session.status != InterviewSession.Status.LIVE and session.video_call.end_reason == "candidate_ended"


def test_end_of_another_users_interview_is_404(client, other_user, user):
    session = _video_session(user, status=InterviewSession.Status.LIVE, started_at=timezone.now())
    client.force_login(other_user)
    assert _end(client, session).status_code == 404
    assert not VideoEvent.objects.filter(session=session).exists()


@pytest.mark.parametrize(("recording", "said"), [(False, "Audio and video are not recorded"),
                                                 (True, "This server records the interview’s audio")])
def test_the_check_says_plainly_what_is_sent_where_and_whether_audio_is_recorded(client_user, user, video_settings,
                                                                                 recording, said):
    video_settings.VIDEO_RECORDING = recording
    body = client_user.get(reverse("interviews:room", args=[_video_session(user).pk])).content.decode()
    for words in ("Google (Gemini)", "Tavus", "LiveKit", said, "I understand and agree"):
        assert words in body.replace("<strong>", "").replace("</strong>", ""), words
    assert _config(body)["video"]["consented"] is False
