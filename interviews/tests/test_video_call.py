"""The video call's details live in their own table (`VideoCall`), made with every video session."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interviews.coach.schemas import PlanOptions
from interviews.models import InterviewSession, VideoCall
from interviews.services.setup import interview_create
from interviews.services.video import session_for_callback_token
from interviews.tests.factories import ready_session
from interviews.tests.fake_tavus import callback_payload
from resumes.tests.factories import JobFactory, ResumeFactory

BEFORE, AFTER = ("interviews", "0011_report_pdf"), ("interviews", "0012_video_call")


@pytest.mark.django_db
def test_a_video_session_is_made_with_its_call_and_a_practice_session_without(user):
    resume, job = ResumeFactory(user=user), JobFactory(user=user)
    video, _ = interview_create(user=user, resume=resume, job=job, options=PlanOptions(count=3), answer_seconds=120,
                                mode=InterviewSession.Mode.VIDEO)
    practice, _ = interview_create(user=user, resume=resume, job=job, options=PlanOptions(count=3), answer_seconds=120,
                                   mode=InterviewSession.Mode.PRACTICE)
    call = VideoCall.objects.get(session=video)
    assert len(call.callback_token) >= 32 and (call.conversation_id, call.livekit_room, call.end_reason) == ("", "", "")
    assert not VideoCall.objects.filter(session=practice).exists()
    assert practice.video_call_or_none is None and video.video_call_or_none == call


@pytest.mark.django_db
def test_note_makes_a_missing_call_and_writes_only_where_asked(user):
    session = ready_session(user, questions=1)  # practice: no call yet
    assert VideoCall.note(session.pk, where={"end_reason": ""}, end_reason="practice_fallback") is True
    assert VideoCall.objects.get(session=session).end_reason == "practice_fallback"
    assert VideoCall.note(session.pk, where={"end_reason": ""}, end_reason="agent_error") is False  # the first stays
    assert VideoCall.objects.get(session=session).end_reason == "practice_fallback"


@pytest.mark.django_db
def test_a_practice_session_accepts_no_tavus_callback(client, user):
    practice = ready_session(user, questions=1, status=InterviewSession.Status.LIVE)
    assert session_for_callback_token(f"{practice.pk}.anything-at-all") is None
    url = reverse("interviews:tavus_callback", kwargs={"token": f"{practice.pk}.anything-at-all"})
    response = client.post(url, data=callback_payload("c1", "system.replica_joined"), content_type="application/json")
    assert response.status_code == 404 and not VideoCall.objects.exists()


@pytest.mark.django_db
def test_the_session_page_reads_the_call_in_the_same_query(client_user, user):
    """The page says the interviewer stopped (the call's end reason) without a query of its own."""
    stopped = ready_session(user, questions=1, mode=InterviewSession.Mode.VIDEO, status=InterviewSession.Status.LIVE,
                            end_reason="agent_error")
    with CaptureQueriesContext(connection) as queries:
        assert "stopped unexpectedly" in client_user.get(reverse("interviews:detail", args=[stopped.pk])).content.decode()
    assert not [query for query in queries.captured_queries if 'FROM "interviews_videocall"' in query["sql"]]
    assert any('JOIN "interviews_videocall"' in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_migration_moves_the_call_columns_to_the_table_and_back(user):
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    try:
        Session = executor.loader.project_state([BEFORE]).apps.get_model("interviews", "InterviewSession")
        joined = datetime(2026, 3, 1, 10, 0, 5, tzinfo=UTC)
        video = Session.objects.create(user_id=user.pk, title="v", mode="video", status="live",
                                       tavus_conversation_id="c0ffee", livekit_room="saylo-interview-1",
                                       callback_token="secret-of-video", avatar_joined_at=joined,
                                       video_end_reason="agent_error")
        carried_on = Session.objects.create(user_id=user.pk, title="p", mode="practice", status="live",
                                            tavus_conversation_id="c0ffee2", callback_token="secret-of-carried-on",
                                            video_end_reason="practice_fallback")
        practice = Session.objects.create(user_id=user.pk, title="never video", mode="practice",
                                          callback_token="secret-of-practice")

        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
        Call = executor.loader.project_state([AFTER]).apps.get_model("interviews", "VideoCall")
        calls = {call.session_id: call for call in Call.objects.all()}
        assert set(calls) == {video.pk, carried_on.pk}  # a session that never was a video one has no call
        moved = calls[video.pk]
        assert (moved.conversation_id, moved.livekit_room, moved.callback_token, moved.avatar_joined_at,
                moved.end_reason) == ("c0ffee", "saylo-interview-1", "secret-of-video", joined, "agent_error")
        assert (calls[carried_on.pk].conversation_id, calls[carried_on.pk].end_reason) == ("c0ffee2", "practice_fallback")

        executor = MigrationExecutor(connection)
        executor.migrate([BEFORE])
        Session = executor.loader.project_state([BEFORE]).apps.get_model("interviews", "InterviewSession")
        back = Session.objects.get(pk=video.pk)
        assert (back.tavus_conversation_id, back.livekit_room, back.callback_token, back.avatar_joined_at,
                back.video_end_reason) == ("c0ffee", "saylo-interview-1", "secret-of-video", joined, "agent_error")
        assert Session.objects.get(pk=carried_on.pk).callback_token == "secret-of-carried-on"
        # A session without a call gets a token of its own again, never one shared with every other.
        tokens = [Session.objects.get(pk=practice.pk).callback_token,
                  Session.objects.create(user_id=user.pk, title="x").callback_token]
        assert len(tokens[0]) >= 32 and len(set(tokens)) == 2
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
