"""Admin: video fields and events on the session, and "End the live video conversation" (item 7)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import InterviewSession, ScoreRun, VideoEvent
from interviews.tests.factories import ready_session

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:interviews_interviewsession_changelist"


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss@example.com", "pw-long-enough-1"))
    return client


def _live_video(user, conversation_id):
    return ready_session(user, mode=InterviewSession.Mode.VIDEO, status=InterviewSession.Status.LIVE,
                         started_at=timezone.now(), conversation_id=conversation_id, livekit_room="saylo-7-ab")


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_change_page_shows_video_fields_read_only_and_the_events(staff_client, user):
    session = _live_video(user, "c1234567")
    session.video_call.avatar_joined_at = timezone.now()
    session.video_call.end_reason = "tavus:participant_left_timeout"
    session.video_call.save()
    VideoEvent.objects.create(session=session, source=VideoEvent.Source.TAVUS, kind="system.replica_joined",
                              key="tavus:c1234567:system.replica_joined", payload={"changes": ["avatar joined"]})

    body = staff_client.get(reverse("admin:interviews_interviewsession_change", args=[session.pk])).content.decode()

    for text in ("saylo-7-ab", "c1234567", "tavus:participant_left_timeout", "system.replica_joined",
                 "tavus:c1234567:system.replica_joined", "Video events (Tavus callbacks, agent, room, staff)",
                 "Video call (Tavus conversation, LiveKit room)"):
        assert text in body
    assert 'name="video_call-0-end_reason"' not in body and 'name="video_call-0-avatar_joined_at' not in body  # read-only
    assert session.video_call.callback_token not in body  # the callback secret is not shown, even to staff
    assert 'name="video_events-0-kind"' not in body  # the events inline is read-only


def test_end_action_ends_at_tavus_finishes_and_scores(staff_client, user, fake_tavus, django_capture_on_commit_callbacks):
    conversation = fake_tavus.add_conversation()
    session = _live_video(user, conversation.conversation_id)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse(CHANGELIST), {"action": "end_video_conversation",
                                                           "_selected_action": [session.pk]}, follow=True)

    assert conversation.status == "ended"
    assert fake_tavus.requests_to("POST", "/end")[0].headers["x-api-key"] == fake_tavus.api_key
    session.refresh_from_db()
    assert session.status in {InterviewSession.Status.FINISHED, InterviewSession.Status.SCORED}
    assert session.video_call.end_reason == "staff_ended"
    assert ScoreRun.objects.filter(session=session).count() == 1
    event = VideoEvent.objects.get(session=session)
    assert (event.source, event.kind, event.payload["tavus"]) == ("staff", "staff.conversation_end", "ended")
    assert "Ended 1 Tavus conversation(s); finished 1 interview(s), scoring is queued." in _messages(response)


def test_end_action_on_a_tavus_error_says_so_plainly_and_still_finishes(staff_client, user, fake_tavus):
    conversation = fake_tavus.add_conversation()
    session = _live_video(user, conversation.conversation_id)
    fake_tavus.server_error(times=5)

    response = staff_client.post(reverse(CHANGELIST), {"action": "end_video_conversation",
                                                       "_selected_action": [session.pk]}, follow=True)

    (problem,) = [m for m in _messages(response) if m.startswith("Tavus could not end")]
    assert f"interview {session.pk}: Tavus had an internal error (500)" in problem
    assert "tavus_sweep" in problem
    session.refresh_from_db()
    assert session.status != InterviewSession.Status.LIVE and conversation.status == "active"
    assert "internal error" in VideoEvent.objects.get(session=session).payload["error"]


def test_end_action_again_ends_a_conversation_left_open(staff_client, user, fake_tavus):
    conversation = fake_tavus.add_conversation()
    session = _live_video(user, conversation.conversation_id)
    fake_tavus.server_error(times=2)
    staff_client.post(reverse(CHANGELIST), {"action": "end_video_conversation", "_selected_action": [session.pk]})
    staff_client.post(reverse(CHANGELIST), {"action": "end_video_conversation", "_selected_action": [session.pk]})
    assert conversation.status == "ended"
    assert VideoEvent.objects.filter(session=session).count() == 2


def test_end_action_skips_sessions_without_video(staff_client, user, fake_tavus):
    practice = ready_session(user)
    response = staff_client.post(reverse(CHANGELIST), {"action": "end_video_conversation",
                                                       "_selected_action": [practice.pk]}, follow=True)
    assert f"No live video conversation to end for interview(s) {practice.pk}." in _messages(response)
    practice.refresh_from_db()
    assert practice.status == InterviewSession.Status.READY and not VideoEvent.objects.exists()
    assert fake_tavus.requests == []


def test_changelist_query_count_does_not_grow_with_sessions(staff_client, user, django_assert_max_num_queries):
    for index in range(3):
        _live_video(user, f"c{index}")
    url = reverse(CHANGELIST)
    staff_client.get(url)
    with django_assert_max_num_queries(12) as few:
        staff_client.get(url)
    for index in range(3, 20):
        _live_video(user, f"c{index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(url)
