"""Tavus callbacks at /interviews/video/tavus/<token>/ (issue 10, item 6)."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import InterviewSession, ScoreRun, TranscriptTurn, VideoEvent
from interviews.services.video import session_for_callback_token, tavus_callback_url
from interviews.tests.factories import ready_session
from interviews.tests.fake_tavus import callback_payload

pytestmark = pytest.mark.django_db

CONVERSATION = "c0ffee123456"


@pytest.fixture
def live_video(user):
    return ready_session(user, questions=2, mode=InterviewSession.Mode.VIDEO, status=InterviewSession.Status.LIVE,
                         started_at=timezone.now(), conversation_id=CONVERSATION, livekit_room="saylo-1")


def _url(session):
    return reverse("interviews:tavus_callback", kwargs={"token": f"{session.pk}.{session.video_call.callback_token}"})


def _post(client, session, body, *, url=None):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(url or _url(session), data=data, content_type="application/json")


def _agent_turns(session):
    q1, q2 = session.questions.order_by("order")
    rows = [
        ("interviewer", "Hello! Thanks for joining. Let's begin.", None),
        ("interviewer", q1.text, q1),
        ("candidate", "I led the move of our billing service to Kubernetes and cut deploy time by 70%.", q1),
        ("interviewer", q2.text, q2),
    ]
    for seq, (role, text, question) in enumerate(rows, start=1):
        TranscriptTurn.objects.create(session=session, seq=seq, role=role, text=text, question=question,
                                      source=TranscriptTurn.Source.AGENT, client_id=f"item_{seq}")
    return q1, q2


# --- the token -----------------------------------------------------------------------------------

@pytest.mark.parametrize("token", ["nope", "999999.abc", "0.x", ".", "1.", "abc.def"])
def test_unknown_tokens_are_404(client, live_video, token):
    response = client.post(reverse("interviews:tavus_callback", kwargs={"token": token}),
                           data=json.dumps(callback_payload(CONVERSATION, "system.replica_joined")),
                           content_type="application/json")
    assert response.status_code == 404
    assert not VideoEvent.objects.exists()


def test_the_right_session_with_a_wrong_secret_is_404(client, live_video, other_user):
    other = ready_session(other_user, status=InterviewSession.Status.LIVE, mode=InterviewSession.Mode.VIDEO)
    forged = reverse("interviews:tavus_callback", kwargs={"token": f"{live_video.pk}.{other.video_call.callback_token}"})
    response = _post(client, live_video, callback_payload(CONVERSATION, "system.shutdown",
                                                           shutdown_reason="participant_left_timeout"), url=forged)
    assert response.status_code == 404
    live_video.refresh_from_db()
    assert live_video.status == InterviewSession.Status.LIVE and not VideoEvent.objects.exists()


def test_token_lookup_is_one_query_by_primary_key(live_video, django_assert_num_queries):
    token = f"{live_video.pk}.{live_video.video_call.callback_token}"
    with django_assert_num_queries(1) as captured:
        assert session_for_callback_token(token) == live_video
    assert "callback_token" not in captured.captured_queries[0]["sql"].split("WHERE", 1)[1]


def test_get_is_refused(client, live_video):
    assert client.get(_url(live_video)).status_code == 405


def test_callback_url_is_absolute_under_the_configured_base(live_video, settings):
    settings.TAVUS_CALLBACK_BASE_URL = "https://saylo.example.com/"
    url = tavus_callback_url(live_video)
    assert url == f"https://saylo.example.com/interviews/video/tavus/{live_video.pk}.{live_video.video_call.callback_token}/"
    settings.TAVUS_CALLBACK_BASE_URL = ""
    assert tavus_callback_url(live_video) == ""


# --- system.replica_joined -------------------------------------------------------------------------

def test_replica_joined_sets_avatar_joined_at_once(client, live_video):
    first = callback_payload(CONVERSATION, "system.replica_joined")
    first["timestamp"] = "2026-03-01T10:00:05.000000Z"
    response = _post(client, live_video, first)
    assert response.status_code == 200 and response.json()["stored"] is True
    live_video.refresh_from_db()
    assert live_video.video_call.avatar_joined_at.isoformat() == "2026-03-01T10:00:05+00:00"

    replay = dict(first, timestamp="2026-03-01T10:09:00Z")
    response = _post(client, live_video, replay)
    assert response.json()["stored"] is False
    live_video.refresh_from_db()
    assert live_video.video_call.avatar_joined_at.isoformat() == "2026-03-01T10:00:05+00:00"
    assert VideoEvent.objects.filter(session=live_video, kind="system.replica_joined").count() == 1


# --- system.shutdown ---------------------------------------------------------------------------------

@pytest.mark.parametrize("end_reason", ["", "agent_error"])  # the agent still running; handed to the practice room
def test_shutdown_never_finishes_a_live_interview(client, live_video, end_reason, django_capture_on_commit_callbacks):
    """The agent ends its Tavus conversation after a failure (the candidate carries on in the practice
    room) and Tavus answers with system.shutdown: the interview must stay live, unscored."""
    _agent_turns(live_video)
    live_video.video_call.end_reason = end_reason
    live_video.video_call.save()
    body = callback_payload(CONVERSATION, "system.shutdown", shutdown_reason="end_conversation_endpoint_hit")
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, live_video, body)
    assert response.status_code == 200 and response.json()["stored"] is True
    live_video.refresh_from_db()
    assert live_video.status == InterviewSession.Status.LIVE and live_video.ended_at is None
    assert live_video.video_call.end_reason == end_reason
    assert live_video.work.score_enqueued_at is None and not ScoreRun.objects.filter(session=live_video).exists()
    event = VideoEvent.objects.get(session=live_video)
    assert event.payload["properties"]["shutdown_reason"] == "end_conversation_endpoint_hit"
    # "Continue in the practice room" still works, with every saved turn
    client.force_login(live_video.user)
    response = client.post(reverse("interviews:video_fallback", args=[live_video.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("interviews:room", args=[live_video.pk])
    live_video.refresh_from_db()
    assert live_video.mode == InterviewSession.Mode.PRACTICE and live_video.turns.count() == 4

    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, live_video, body).json()["stored"] is False
    assert VideoEvent.objects.filter(session=live_video, kind="system.shutdown").count() == 1


def test_shutdown_after_the_agent_finished_changes_only_nothing(client, live_video, django_capture_on_commit_callbacks):
    from interviews.services.transcript import interview_end

    with django_capture_on_commit_callbacks(execute=True):
        interview_end(session=live_video)
    live_video.refresh_from_db()
    live_video.video_call.end_reason = "candidate_ended"
    live_video.video_call.save()
    status, ended_at = live_video.status, live_video.ended_at

    with django_capture_on_commit_callbacks(execute=True):
        _post(client, live_video, callback_payload(CONVERSATION, "system.shutdown",
                                                   shutdown_reason="end_conversation_endpoint_hit"))
    live_video.refresh_from_db()
    assert (live_video.status, live_video.ended_at, live_video.video_call.end_reason) == (status, ended_at, "candidate_ended")
    assert ScoreRun.objects.filter(session=live_video).count() == 1
    event = VideoEvent.objects.get(session=live_video)
    assert event.payload["properties"]["shutdown_reason"] == "end_conversation_endpoint_hit"


def test_shutdown_leaves_an_interview_carried_on_in_the_practice_room(client, live_video):
    live_video.mode = InterviewSession.Mode.PRACTICE
    live_video.save()
    _post(client, live_video, callback_payload(CONVERSATION, "system.shutdown",
                                               shutdown_reason="participant_left_timeout"))
    live_video.refresh_from_db()
    assert live_video.status == InterviewSession.Status.LIVE and live_video.ended_at is None


def test_a_long_shutdown_reason_is_kept_in_the_event_only(client, live_video):
    reason = "bot_could_not_join_meeting_it_was_probably_ended"
    _post(client, live_video, callback_payload(CONVERSATION, "system.shutdown", shutdown_reason=reason))
    live_video.refresh_from_db()
    assert live_video.video_call.end_reason == ""
    assert VideoEvent.objects.get().payload["properties"]["shutdown_reason"] == reason


def test_a_callback_about_an_older_conversation_changes_nothing(client, live_video):
    _post(client, live_video, callback_payload("cold0000000", "system.shutdown", shutdown_reason="max_call_duration"))
    live_video.refresh_from_db()
    assert live_video.status == InterviewSession.Status.LIVE and live_video.video_call.end_reason == ""
    assert "ignored" in VideoEvent.objects.get().payload["changes"][0]


def test_the_first_callback_records_the_conversation_id_when_the_agent_had_not(client, user):
    session = ready_session(user, mode=InterviewSession.Mode.VIDEO, status=InterviewSession.Status.LIVE,
                            started_at=timezone.now())
    _post(client, session, callback_payload(CONVERSATION, "system.replica_joined"))
    session.refresh_from_db()
    assert session.video_call.conversation_id == CONVERSATION and session.video_call.avatar_joined_at is not None


# --- application.transcription_ready ---------------------------------------------------------------

def _transcript(q1, q2, *, candidate_q2="We sharded by tenant and added a read replica, which halved p95 latency."):
    return [
        {"role": "system", "content": "You are in a live video conference call with a candidate…"},
        {"role": "assistant", "content": "Hello! Thanks for joining. Let's begin."},
        {"role": "assistant", "content": q1.text},
        # Tavus's transcription of the same answer differs in case and punctuation only.
        {"role": "user", "content": "i led the move of our billing service to kubernetes, and cut deploy time by 70%"},
        {"role": "assistant", "content": q2.text},
        {"role": "user", "content": candidate_q2},
    ]


def test_transcription_ready_adds_only_the_turns_the_agent_did_not_save(client, live_video):
    q1, q2 = _agent_turns(live_video)
    body = callback_payload(CONVERSATION, "application.transcription_ready", transcript=_transcript(q1, q2))
    response = _post(client, live_video, body)

    assert response.status_code == 200
    turns = list(live_video.turns.order_by("seq"))
    assert len(turns) == 5
    added = turns[-1]
    assert (added.source, added.role, added.seq) == (TranscriptTurn.Source.TAVUS, "candidate", 5)
    assert added.text.startswith("We sharded by tenant")
    assert not any("live video conference" in t.text for t in turns)  # the system entry is dropped
    assert VideoEvent.objects.get().payload["properties"]["transcript"] == "6 entries"

    assert _post(client, live_video, body).json()["stored"] is False
    assert live_video.turns.count() == 5


def test_transcription_ready_with_nothing_saved_keeps_every_spoken_turn(client, live_video):
    q1, q2 = live_video.questions.order_by("order")
    _post(client, live_video, callback_payload(CONVERSATION, "application.transcription_ready",
                                               transcript=_transcript(q1, q2)))
    turns = list(live_video.turns.order_by("seq"))
    assert [t.role for t in turns] == ["interviewer", "interviewer", "candidate", "interviewer", "candidate"]
    assert {t.source for t in turns} == {TranscriptTurn.Source.TAVUS}
    assert len({t.client_id for t in turns}) == 5


def test_a_repeated_sentence_is_not_mistaken_for_one_already_saved(client, live_video):
    """Dedupe is by role, text AND order: the same words later in the interview are a new turn."""
    q1, q2 = _agent_turns(live_video)
    transcript = _transcript(q1, q2, candidate_q2="Could you repeat the question?")
    transcript.insert(3, {"role": "user", "content": "Could you repeat the question?"})
    TranscriptTurn.objects.create(session=live_video, seq=5, role="candidate", text="Could you repeat the question?",
                                  source=TranscriptTurn.Source.AGENT, client_id="item_5")
    _post(client, live_video, callback_payload(CONVERSATION, "application.transcription_ready", transcript=transcript))
    repeats = live_video.turns.filter(text="Could you repeat the question?")
    assert repeats.count() == 2 and repeats.filter(source="tavus").count() == 1
    assert live_video.turns.count() == 6  # only that one was new; the answer and q2 were not re-added


def test_turns_added_after_scoring_score_the_interview_again(client, live_video, django_capture_on_commit_callbacks):
    from interviews.services.transcript import interview_end

    q1, q2 = _agent_turns(live_video)
    with django_capture_on_commit_callbacks(execute=True):
        interview_end(session=live_video)  # the agent finished it
    assert ScoreRun.objects.filter(session=live_video).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, live_video, callback_payload(CONVERSATION, "application.transcription_ready",
                                                   transcript=_transcript(q1, q2)))
    assert live_video.turns.filter(source="tavus").count() == 1
    assert ScoreRun.objects.filter(session=live_video).count() == 2  # the first run is kept


def test_out_of_order_events_change_nothing_wrong(client, live_video, django_capture_on_commit_callbacks):
    q1, q2 = _agent_turns(live_video)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, live_video, callback_payload(CONVERSATION, "application.transcription_ready",
                                                   transcript=_transcript(q1, q2)))
        _post(client, live_video, callback_payload(CONVERSATION, "system.shutdown",
                                                   shutdown_reason="participant_left_timeout"))
        _post(client, live_video, callback_payload(CONVERSATION, "system.replica_joined"))
        _post(client, live_video, callback_payload(CONVERSATION, "system.shutdown",
                                                   shutdown_reason="participant_left_timeout"))
    live_video.refresh_from_db()
    assert live_video.status == InterviewSession.Status.LIVE  # a shutdown never ends the interview
    assert live_video.turns.count() == 5
    assert not ScoreRun.objects.filter(session=live_video).exists()
    assert VideoEvent.objects.filter(session=live_video).count() == 3


def test_other_events_are_recorded_once(client, live_video):
    body = callback_payload(CONVERSATION, "application.recording_ready", bucket_name="b", s3_key="k")
    _post(client, live_video, body)
    _post(client, live_video, body)
    assert VideoEvent.objects.filter(kind="application.recording_ready").count() == 1


# --- bad bodies --------------------------------------------------------------------------------------

def test_invalid_json_is_400_and_stores_nothing(client, live_video):
    response = _post(client, live_video, b"{not json")
    assert response.status_code == 400 and "Not a Tavus callback" in response.json()["error"]
    assert not VideoEvent.objects.exists()


def test_a_body_without_event_type_is_400(client, live_video):
    response = _post(client, live_video, {"conversation_id": CONVERSATION, "properties": {}})
    assert response.status_code == 400 and "event_type" in response.json()["error"]


def test_a_transcript_that_is_not_a_list_is_400_and_stores_nothing(client, live_video):
    response = _post(client, live_video, callback_payload(CONVERSATION, "application.transcription_ready",
                                                          transcript="hello"))
    assert response.status_code == 400
    assert not VideoEvent.objects.exists() and not live_video.turns.exists()


def test_an_oversized_body_is_413(client, live_video):
    body = callback_payload(CONVERSATION, "application.transcription_ready",
                            transcript=[{"role": "user", "content": "x" * 1000}] * 1100)
    response = _post(client, live_video, body)
    assert response.status_code == 413
    assert not VideoEvent.objects.exists() and not live_video.turns.exists()
