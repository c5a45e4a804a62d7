"""The Tavus avatar as the agent starts it: livekit-plugins-tavus's own `AvatarSession` against the
fake Tavus server, in a fake room (the seam: the plugin is handed the room object). Every
conversation created is ended, whatever happens to the interview."""

import asyncio
import contextlib
import json

import pytest
from asgiref.sync import async_to_sync
from livekit import api

from interviews.models import InterviewSession, VideoEvent
from interviews.services.video import tavus_callback_url
from interviews.tests.agent_harness import (
    LIVEKIT_API_KEY,
    LIVEKIT_API_SECRET,
    LIVEKIT_URL,
    agent_job,
    idle,
    make_run,
    until,
    use_video_settings,
    wait_for,
)
from interviews.tests.factories import ready_session
from interviews.tests.fake_llm import ScriptedLLM, call, fail, reply, say_tool_output
from interviews.tests.fake_room import AVATAR_IDENTITY, FakeRoom
from interviews.tests.fake_tavus import STOCK_FACE_ID, STOCK_PAL_ID
from interviews.video.agent import EndRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def video(settings, fake_tavus):
    use_video_settings(settings, fake_tavus)
    settings.TAVUS_CALLBACK_BASE_URL = "https://saylo.example.com"
    return fake_tavus


@pytest.fixture
def session(user):
    return ready_session(user, questions=2, mode=InterviewSession.Mode.VIDEO, livekit_room="saylo-interview-avatar")


def opening():
    return ScriptedLLM(reply("Hello.", call("next_question")), say_tool_output(),
                       reply("Thank you.", call("next_question")), say_tool_output())


def run_agent(session, room, model, scenario, **options):
    async def main():
        async with agent_job(room, metadata=json.dumps({"session_id": session.pk})):
            run = make_run(session_id=session.pk, model=model, room=room, **options)
            task = asyncio.ensure_future(run.run())
            seen = await scenario(run, task)
            reason = await asyncio.wait_for(asyncio.shield(task), timeout=10) if not task.done() else task.result()
            return reason, seen

    return async_to_sync(main)()


def test_the_plugin_creates_the_conversation_with_our_key_the_livekit_url_and_a_token_for_this_room(session, video):
    room = FakeRoom("saylo-interview-avatar", agent_identity="agent-AJ_avatar")
    room.join(f"candidate-{session.user_id}")

    async def scenario(run, task):
        await until(lambda: video.created)
        conversation = video.created[0]
        assert conversation.status == "active"
        room.avatar_join()
        await wait_for(run.first_question)
        await idle(run)
        run.request_end(run_end_left())
        return conversation.conversation_id

    reason, conversation_id = run_agent(session, room, opening(), scenario)

    creates = [r for r in video.requests_to("POST") if r.path == "/v2/conversations"]
    assert len(creates) == 1
    request = creates[0]
    assert request.path == "/v2/conversations"
    assert request.headers["x-api-key"] == video.api_key
    body = request.json
    assert body["pal_id"] == STOCK_PAL_ID and body["face_id"] == STOCK_FACE_ID  # no PAL set: the plugin's stock ones
    session.refresh_from_db()
    assert body["callback_url"] == tavus_callback_url(session)
    assert body["callback_url"].startswith("https://saylo.example.com/interviews/video/tavus/")
    assert body["conversation_name"] == f"Saylo interview {session.pk}"
    properties = body["properties"]
    assert properties["livekit_ws_url"] == LIVEKIT_URL
    claims = api.TokenVerifier(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).verify(properties["livekit_room_token"])
    assert claims.identity == AVATAR_IDENTITY
    assert claims.kind == "agent"
    assert claims.video.room_join is True and claims.video.room == "saylo-interview-avatar"
    assert not claims.video.room_admin and not claims.video.room_create and not claims.video.room_list
    assert claims.attributes == {"lk.publish_on_behalf": "agent-AJ_avatar"}  # it speaks for our agent

    assert session.video_call.conversation_id == conversation_id
    assert session.video_call.avatar_joined_at is not None
    assert reason == "candidate_left"
    ends = video.requests_to("POST", "/end")
    assert [r.path for r in ends] == [f"/v2/conversations/{conversation_id}/end"]
    assert ends[0].headers["x-api-key"] == video.api_key
    assert [c.status for c in video.created] == ["ended"]


def run_end_left():
    from interviews.video.agent import EndRequest

    return EndRequest("candidate_left")


def test_a_configured_pal_and_face_are_used(session, video, settings):
    settings.TAVUS_PAL_ID = video.add_pal()
    settings.TAVUS_FACE_ID = STOCK_FACE_ID
    room = FakeRoom("saylo-interview-avatar")

    async def scenario(run, task):
        await asyncio.sleep(0.02)
        room.avatar_join()
        await wait_for(run.first_question)
        run.request_end(run_end_left())

    run_agent(session, room, opening(), scenario)

    body = [r for r in video.requests_to("POST") if r.path == "/v2/conversations"][0].json
    assert body["pal_id"] == settings.TAVUS_PAL_ID and body["face_id"] == STOCK_FACE_ID
    assert [c.status for c in video.created] == ["ended"]


def test_avatar_that_never_joins_ends_the_conversation_and_leaves_the_interview_live(session, video):
    room = FakeRoom("saylo-interview-avatar")
    room.join(f"candidate-{session.user_id}")
    model = opening()

    async def scenario(run, task):
        return None  # the avatar never arrives

    reason, _ = run_agent(session, room, model, scenario, avatar_join_seconds=0.2)

    assert reason == "agent_error"
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE and session.video_call.end_reason == "agent_error"
    assert session.video_call.avatar_joined_at is None
    error = VideoEvent.objects.get(session=session, kind="agent.error")
    assert error.payload["cause"] == "avatar_timeout"
    assert "did not join the room within 0.2 seconds" in error.payload["message"]
    assert len(model.requests) == 0  # nobody was greeted
    assert len(video.created) == 1 and [c.status for c in video.created] == ["ended"]
    assert room.local_participant.attribute_values("saylo.phase") == ["joining"]  # never greeted, never "ended"


@pytest.mark.parametrize("refusal", ["concurrency_limit", "unauthorized"])
def test_tavus_refusing_the_conversation_is_an_agent_error_with_nothing_left_open(session, video, refusal):
    getattr(video, refusal)(method="POST", path="/conversations")
    room = FakeRoom("saylo-interview-avatar")

    async def scenario(run, task):
        return None

    reason, _ = run_agent(session, room, opening(), scenario)

    assert reason == "agent_error"
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE and session.video_call.end_reason == "agent_error"
    assert session.video_call.conversation_id == ""
    error = VideoEvent.objects.get(session=session, kind="agent.error")
    assert error.payload["cause"] == "avatar_start_failed"
    assert error.payload["message"].startswith("The Tavus avatar could not start")
    assert video.created == [] and video.requests_to("POST", "/end") == []


def test_model_failing_at_the_greeting_still_ends_the_conversation(session, video):
    room = FakeRoom("saylo-interview-avatar")
    room.join(f"candidate-{session.user_id}")
    model = ScriptedLLM(default=fail("Gemini refused the key."))

    async def scenario(run, task):
        await asyncio.sleep(0.02)
        room.avatar_join()  # the greeting fails, the agent asks again, that fails too: the end

    reason, _ = run_agent(session, room, model, scenario)
    assert len(model.requests) == 2 and "Greet" in model.requests[1].instructions

    assert reason == "agent_error"
    assert VideoEvent.objects.get(session=session, kind="agent.error").payload["cause"] == "model_error"
    assert [c.status for c in video.created] == ["ended"]


def test_job_cancelled_mid_interview_ends_the_conversation_and_keeps_the_turns(session, video):
    room = FakeRoom("saylo-interview-avatar")
    room.join(f"candidate-{session.user_id}")

    async def scenario(run, task):
        await asyncio.sleep(0.02)
        room.avatar_join()
        await wait_for(run.first_question)
        await idle(run)
        task.cancel()  # the worker is killed under the job
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await wait_for(run.done)
        return "cancelled"

    async def main():
        async with agent_job(room, metadata=json.dumps({"session_id": session.pk})):
            run = make_run(session_id=session.pk, model=opening(), room=room)
            task = asyncio.ensure_future(run.run())
            return await scenario(run, task)

    assert async_to_sync(main)() == "cancelled"
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE and session.video_call.end_reason == "agent_error"
    assert session.turns.count() == 2  # the greeting and the first question, saved as they were said
    assert VideoEvent.objects.get(session=session, kind="agent.error").payload["cause"] == "cancelled"
    assert [c.status for c in video.created] == ["ended"]


def test_job_shutdown_winds_the_interview_up(session, video):
    room = FakeRoom("saylo-interview-avatar")

    async def scenario(run, task):
        await asyncio.sleep(0.02)
        room.avatar_join()
        await wait_for(run.first_question)
        await run.shutdown("worker draining")
        return task.done()

    reason, done = run_agent(session, room, opening(), scenario)

    assert done and reason == "agent_error"
    assert VideoEvent.objects.get(session=session, kind="agent.error").payload == {
        "cause": "job_shutdown", "message": "worker draining", "left_live": True}
    assert [c.status for c in video.created] == ["ended"]


def test_tavus_failing_to_end_the_conversation_is_recorded_and_the_interview_still_ends(session, video):
    video.server_error(method="POST", path="/end", times=2)  # the end and its one retry
    room = FakeRoom("saylo-interview-avatar")

    async def scenario(run, task):
        await asyncio.sleep(0.02)
        room.avatar_join()
        await wait_for(run.first_question)
        run.request_end(EndRequest("time_limit"))

    reason, _ = run_agent(session, room, opening(), scenario)

    assert reason == "time_limit"
    session.refresh_from_db()
    assert session.status in {InterviewSession.Status.FINISHED, InterviewSession.Status.SCORING,
                              InterviewSession.Status.SCORED}
    failed = VideoEvent.objects.get(session=session, kind="agent.conversation_end_failed")
    assert failed.payload["conversation_id"] == video.created[0].conversation_id and failed.payload["error"]
    assert [c.status for c in video.created] == ["active"]  # left open at Tavus: `tavus_sweep` ends it later


# --- a hung Tavus, and End while the interviewer is still joining (issue 18, item 7) -------------------

def test_a_hung_tavus_start_is_bounded_and_an_agent_error(session, video):
    video.hang(seconds=3, method="POST", path="/conversations")
    room = FakeRoom("saylo-interview-avatar")
    room.join(f"candidate-{session.user_id}")

    async def scenario(run, task):
        return None

    reason, _ = run_agent(session, room, opening(), scenario, avatar_start_seconds=0.3)

    assert reason == "agent_error"
    error = VideoEvent.objects.get(session=session, kind="agent.error")
    assert error.payload["cause"] == "avatar_start_timeout"
    assert error.payload["message"] == "Tavus did not start the avatar within 0.3 seconds."
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE and session.video_call.end_reason == "agent_error"


def test_end_pressed_while_tavus_hangs_is_honoured_at_once(session, video, django_capture_on_commit_callbacks):
    video.hang(seconds=8, method="POST", path="/conversations")  # longer than the run is given below
    room = FakeRoom("saylo-interview-avatar")
    identity = f"candidate-{session.user_id}"
    room.join(identity)
    model = opening()

    async def main():
        async with agent_job(room, metadata=json.dumps({"session_id": session.pk})):
            run = make_run(session_id=session.pk, model=model, room=room)
            task = asyncio.ensure_future(run.run())
            await until(lambda: video.requests_to("POST", "/conversations"))  # the avatar's start is under way
            room.send_data(identity, "saylo.control", {"type": "end"})
            return await asyncio.wait_for(task, timeout=4)

    with django_capture_on_commit_callbacks(execute=True):
        reason = async_to_sync(main)()

    assert reason == "candidate_ended"
    session.refresh_from_db()
    assert session.status in {InterviewSession.Status.FINISHED, InterviewSession.Status.SCORED}
    assert session.video_call.end_reason == "candidate_ended"
    assert len(model.requests) == 0  # nobody was greeted: nothing was said to a candidate who had left
    assert room.local_participant.attribute_values("saylo.phase") == ["joining", "ended"]
