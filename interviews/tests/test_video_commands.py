"""`manage.py tavus_pal create|show` and `manage.py tavus_sweep` against the fake Tavus server."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from interviews.models import InterviewSession, ScoreRun, VideoEvent
from interviews.tests.factories import ready_session
from interviews.tests.fake_tavus import STOCK_FACE_ID

pytestmark = pytest.mark.django_db


def _call(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


# --- tavus_pal -------------------------------------------------------------------------------------

def test_pal_create_prints_the_id_and_says_to_set_it(fake_tavus):
    out = _call("tavus_pal", "create")
    (pal_id,) = [p for p in fake_tavus.pals if p != "pb87e71797da"]
    assert f"Created PAL {pal_id}." in out and f"set TAVUS_PAL_ID={pal_id}" in out
    sent = fake_tavus.requests_to("POST", "/v2/pals")[0].json
    assert sent == {"pal_name": "Saylo interviewer", "default_face_id": STOCK_FACE_ID, "pipeline_mode": "echo",
                    "layers": {"transport": {"transport_type": "livekit"}}}


def test_pal_create_uses_the_configured_face(fake_tavus, settings):
    settings.TAVUS_FACE_ID = fake_tavus.add_face()
    _call("tavus_pal", "create", "--name", "Ada")
    sent = fake_tavus.requests_to("POST", "/v2/pals")[0].json
    assert (sent["default_face_id"], sent["pal_name"]) == (settings.TAVUS_FACE_ID, "Ada")


def test_pal_create_with_an_unknown_face_says_what_tavus_said(fake_tavus):
    with pytest.raises(CommandError, match="does not know that id .while trying to create a PAL.: Invalid default_face_id"):
        _call("tavus_pal", "create", "--face-id", "rnothere")


def test_pal_show_confirms_a_good_pal(fake_tavus, settings):
    settings.TAVUS_PAL_ID = fake_tavus.add_pal(name="Saylo")
    out = _call("tavus_pal", "show")
    assert "pipeline mode: echo" in out and "transport: livekit" in out and "can drive the interview avatar" in out


def test_pal_show_fails_for_a_full_pipeline_pal(fake_tavus):
    pal_id = fake_tavus.add_pal(pipeline_mode="full")
    with pytest.raises(CommandError, match='pipeline_mode is "full", not "echo"'):
        _call("tavus_pal", "show", pal_id)


def test_pal_commands_without_a_key_say_what_to_set(settings):
    settings.TAVUS_API_KEY = ""
    with pytest.raises(CommandError, match="TAVUS_API_KEY is not set"):
        _call("tavus_pal", "create")


def test_pal_show_with_a_refused_key(fake_tavus, settings):
    settings.TAVUS_API_KEY = "wrong"
    with pytest.raises(CommandError, match="refused the API key"):
        _call("tavus_pal", "show", "pb87e71797da")


# --- tavus_sweep -----------------------------------------------------------------------------------

@pytest.fixture
def limit(settings):
    settings.VIDEO_MAX_MINUTES = 30
    return settings


def _live_video(user, conversation_id: str, *, minutes_ago, **extra):
    fields = {"mode": InterviewSession.Mode.VIDEO, "status": InterviewSession.Status.LIVE,
              "started_at": timezone.now() - timedelta(minutes=minutes_ago), "conversation_id": conversation_id}
    return ready_session(user, **{**fields, **extra})


def test_sweep_ends_old_conversations_and_never_scores_their_interviews(fake_tavus, limit, user,
                                                                         django_capture_on_commit_callbacks):
    old = fake_tavus.add_conversation(age_minutes=45)
    young = fake_tavus.add_conversation(age_minutes=5)
    session = _live_video(user, old.conversation_id, minutes_ago=44)
    running = _live_video(user, young.conversation_id, minutes_ago=5)
    # The agent died before recording its conversation: the sweep finds the session by the name it gave.
    unrecorded = _live_video(user, "", minutes_ago=80)
    orphan = fake_tavus.add_conversation(age_minutes=80, name=f"Saylo interview {unrecorded.pk}")
    foreign = fake_tavus.add_conversation(age_minutes=90, name="Sales demo")  # another app on the account

    with django_capture_on_commit_callbacks(execute=True):
        out = _call("tavus_sweep")

    assert (old.status, orphan.status, young.status, foreign.status) == ("ended", "ended", "active", "active")
    for abandoned in (session, unrecorded):  # the candidate can still come back and finish them
        abandoned.refresh_from_db()
        assert abandoned.status == InterviewSession.Status.LIVE and abandoned.ended_at is None
        assert abandoned.video_call.end_reason == "" and not ScoreRun.objects.filter(session=abandoned).exists()
        assert abandoned.work.score_enqueued_at is None
    assert unrecorded.video_call.conversation_id == orphan.conversation_id
    running.refresh_from_db()
    assert running.status == InterviewSession.Status.LIVE
    event = VideoEvent.objects.get(session=session)
    assert event.key == f"sweep:{old.conversation_id}" and event.payload["tavus"] == "ended"
    assert event.payload["interview_finished"] is False
    assert "4 active conversation(s) at Tavus; 2 ended; no interview is finished by the sweep." in out
    assert f"Left alone 1 old conversation(s) that are not Saylo's ({foreign.conversation_id})" in out

    _call("tavus_sweep", "--all-conversations")
    assert foreign.status == "ended"


def test_sweep_ends_conversations_posting_callbacks_here(fake_tavus, limit, settings):
    settings.TAVUS_CALLBACK_BASE_URL = "https://saylo.example.com"
    ours = fake_tavus.add_conversation(age_minutes=40, callback_url="https://saylo.example.com/interviews/video/tavus/9.x/")
    theirs = fake_tavus.add_conversation(age_minutes=40, callback_url="https://saylo.example.com.evil.test/cb")
    _call("tavus_sweep")
    assert (ours.status, theirs.status) == ("ended", "active")


def test_sweep_leaves_live_interviews_whose_conversation_tavus_already_ended_live(fake_tavus, limit, user):
    gone = fake_tavus.add_conversation(age_minutes=50, status="ended")
    session = _live_video(user, gone.conversation_id, minutes_ago=50)
    _call("tavus_sweep")
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE and session.ended_at is None
    assert VideoEvent.objects.get(session=session).payload["tavus"] == "already ended"
    requests_before = len(fake_tavus.requests)
    _call("tavus_sweep")  # known to be ended: not asked about again
    assert len(fake_tavus.requests) == requests_before + 1  # only the list


def test_sweep_keeps_an_interview_carried_on_in_the_practice_room(fake_tavus, limit, user):
    old = fake_tavus.add_conversation(age_minutes=40)
    session = _live_video(user, old.conversation_id, minutes_ago=40, mode=InterviewSession.Mode.PRACTICE)
    _call("tavus_sweep")
    session.refresh_from_db()
    assert old.status == "ended"  # the avatar's conversation is over …
    assert session.status == InterviewSession.Status.LIVE  # … the practice interview is not


def test_sweep_is_safe_to_run_again(fake_tavus, limit, user):
    old = fake_tavus.add_conversation(age_minutes=45)
    session = _live_video(user, old.conversation_id, minutes_ago=45)
    _call("tavus_sweep")
    requests_before = len(fake_tavus.requests)
    out = _call("tavus_sweep")
    assert "0 ended; no interview is finished by the sweep." in out
    assert len(fake_tavus.requests) == requests_before + 1  # only the list
    assert VideoEvent.objects.filter(session=session).count() == 1


def test_sweep_dry_run_changes_nothing(fake_tavus, limit, user):
    old = fake_tavus.add_conversation(age_minutes=45)
    session = _live_video(user, old.conversation_id, minutes_ago=45)
    out = _call("tavus_sweep", "--dry-run")
    assert f"Would end conversation {old.conversation_id}" in out and "finish" not in out.replace("no interview is finished", "")
    session.refresh_from_db()
    assert old.status == "active" and session.status == InterviewSession.Status.LIVE
    assert not VideoEvent.objects.exists()


def test_sweep_respects_the_grace_period(fake_tavus, limit):
    young_enough = fake_tavus.add_conversation(age_minutes=31, name="Saylo interview 1")
    _call("tavus_sweep")
    assert young_enough.status == "active"
    _call("tavus_sweep", "--grace-minutes", "0")
    assert young_enough.status == "ended"


def test_sweep_when_tavus_fails_records_it_and_exits_non_zero(fake_tavus, limit, user):
    session = _live_video(user, "cstale000001", minutes_ago=60)
    fake_tavus.server_error(times=10)
    with pytest.raises(CommandError, match="problem.s. talking to Tavus"):
        _call("tavus_sweep")
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE
    assert "internal error" in VideoEvent.objects.get(session=session).payload["error"]


def test_sweep_without_a_key_does_nothing(settings):
    settings.TAVUS_API_KEY = ""
    assert "TAVUS_API_KEY is not set" in _call("tavus_sweep")


def test_sweep_finishes_an_interview_whose_candidate_pressed_end_and_no_agent_finished(user, settings):
    from interviews.services.video_room import END_WAIT_SECONDS

    settings.TAVUS_API_KEY = ""  # the End time-out needs no Tavus
    pressed = _live_video(user, "", minutes_ago=5)
    waiting = _live_video(user, "", minutes_ago=5)
    for session, seconds_ago in ((pressed, END_WAIT_SECONDS + 5), (waiting, 2)):
        VideoEvent.objects.create(session=session, source="room", kind="room.end_requested", key="room.end_requested")
        VideoEvent.objects.filter(session=session).update(created_at=timezone.now() - timedelta(seconds=seconds_ago))
    out = _call("tavus_sweep")
    pressed.refresh_from_db()
    waiting.refresh_from_db()
    assert pressed.status != InterviewSession.Status.LIVE and pressed.video_call.end_reason == "candidate_ended"
    assert waiting.status == InterviewSession.Status.LIVE  # its agent still has time to commit the last answer
    assert f"Finished interview {pressed.pk}: End was pressed" in out
