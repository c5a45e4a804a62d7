"""The interview agent driven through whole interviews in text, with the agents framework's own
session and run harness (`AgentSession.run(user_input=…)`), a scripted model, a fake room and the
real Tavus avatar plugin against the fake Tavus server."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from livekit import rtc

from interviews.models import InterviewSession, ScoreRun, TranscriptTurn, VideoCall, VideoEvent
from interviews.tests.agent_harness import agent_job, idle, make_run, until, use_video_settings, wait_for
from interviews.tests.factories import ready_session
from interviews.tests.fake_llm import ScriptedLLM, call, fail, reply, say_tool_output
from interviews.tests.fake_room import FakeRoom
from interviews.video.agent import EndRequest

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def video(settings, fake_tavus):
    use_video_settings(settings, fake_tavus)
    return fake_tavus


@pytest.fixture
def session(user):
    session = ready_session(user, questions=3, mode=InterviewSession.Mode.VIDEO, livekit_room="saylo-interview-test")
    user.first_name = "Ada"
    user.save()
    return session


def turns_of(session):
    return list(TranscriptTurn.objects.filter(session=session).order_by("seq").values_list(
        "role", "text", "question__order", "is_follow_up", "source"))


def questions_of(session):
    return list(session.questions.order_by("order"))


def test_whole_interview_asks_every_question_in_order_with_one_follow_up_and_saves_each_turn(
        session, video, django_capture_on_commit_callbacks):
    q1, q2, q3 = questions_of(session)
    model = ScriptedLLM(
        reply("Hello Ada, I'm your interviewer today. There are three questions.", call("next_question")),
        say_tool_output(),
        # a thin answer to question 1: one follow-up
        reply("", call("ask_follow_up", question="What was the measurable result?")),
        say_tool_output(),
        reply("Thank you.", call("next_question")),
        say_tool_output(),
        # question 2: a follow-up, then a second one the plan refuses, so the model moves on
        reply("", call("ask_follow_up", question="What did you do yourself?")),
        say_tool_output(),
        reply("", call("ask_follow_up", question="And one more detail?")),
        reply("Understood.", call("next_question")),
        say_tool_output(),
        # question 3, then no more questions: the model ends and says goodbye
        reply("Thank you.", call("next_question")),
        reply("", call("end_interview")),
        reply("Thank you Ada, that completes our interview. Your feedback will appear in Saylo shortly."),
    )
    room = FakeRoom("saylo-interview-test")
    room.join(f"candidate-{session.user_id}")
    steps = {}

    async def scenario():
        async with agent_job(room, metadata=json.dumps({"session_id": session.pk})):
            run = make_run(session_id=session.pk, model=model, room=room)
            task = asyncio.ensure_future(run.run())
            await asyncio.sleep(0.05)
            room.avatar_join()
            await wait_for(run.first_question)
            await idle(run)
            steps["greeting"] = await sync_to_async(turns_of)(session)

            result = await run.session.run(user_input="We shipped it.")
            result.expect.contains_function_call(name="ask_follow_up")
            await idle(run)
            steps["answer 1"] = await sync_to_async(turns_of)(session)

            await run.session.run(user_input="Latency went from 900 ms to 200 ms for 40,000 users.")
            await idle(run)
            steps["follow-up 1"] = await sync_to_async(turns_of)(session)

            await run.session.run(user_input="The team rebuilt the pipeline.")
            await idle(run)
            result = await run.session.run(user_input="I wrote the migration plan and ran the cut-over.")
            result.expect.contains_function_call_output(is_error=True)  # the second follow-up was refused
            await idle(run)
            steps["question 2 done"] = await sync_to_async(turns_of)(session)

            await run.session.run(user_input="I would ask the on-call engineer first, then roll back.")
            reason = await asyncio.wait_for(task, timeout=10)
            steps["attributes"] = room.local_participant.attribute_updates
            return reason

    with django_capture_on_commit_callbacks(execute=True):
        reason = async_to_sync(scenario)()

    assert reason == "completed"
    interviewer, candidate = TranscriptTurn.Role.INTERVIEWER, TranscriptTurn.Role.CANDIDATE
    # after the greeting: the greeting and question 1, spoken word for word, linked to question 1
    assert steps["greeting"] == [
        (interviewer, "Hello Ada, I'm your interviewer today. There are three questions.", None, False, "agent"),
        (interviewer, q1.text, 0, False, "agent"),
    ]
    assert steps["answer 1"][2:] == [
        (candidate, "We shipped it.", 0, False, "agent"),
        (interviewer, "What was the measurable result?", 0, True, "agent"),
    ]
    assert steps["follow-up 1"][4:] == [
        (candidate, "Latency went from 900 ms to 200 ms for 40,000 users.", 0, True, "agent"),
        (interviewer, "Thank you.", 0, True, "agent"),
        (interviewer, q2.text, 1, False, "agent"),
    ]
    turns = turns_of(session)
    assert steps["question 2 done"] == turns[:len(steps["question 2 done"])]
    # every planned question asked once, in order; question 2 got exactly one follow-up
    asked = [text for role, text, order, follow_up, _ in turns if role == interviewer and not follow_up and order is not None]
    assert [t for t in asked if t in {q1.text, q2.text, q3.text}] == [q1.text, q2.text, q3.text]
    follow_ups = [(order, text) for role, text, order, follow_up, _ in turns if role == interviewer and follow_up
                  and text.endswith("?")]
    assert follow_ups == [(0, "What was the measurable result?"), (1, "What did you do yourself?")]
    assert turns[-1] == (interviewer, "Thank you Ada, that completes our interview. Your feedback will appear in Saylo "
                                      "shortly.", None, False, "agent")
    assert all(source == "agent" for *_, source in turns)

    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED  # finished, and the (immediate) scoring ran
    assert session.video_call.end_reason == "completed"
    assert ScoreRun.objects.filter(session=session).count() == 1
    kinds = set(VideoEvent.objects.filter(session=session).values_list("kind", flat=True))
    assert {"agent.joined", "agent.conversation_started", "agent.avatar_joined", "agent.ended",
            "agent.conversation_ended"} <= kinds
    # the room saw each question and the phases, in order
    phases = [u["saylo.phase"] for u in steps["attributes"] if "saylo.phase" in u]
    assert phases == ["joining", "greeting", "interview", "closing", "ended"]
    questions = [json.loads(u["saylo.question"]) for u in steps["attributes"] if "saylo.question" in u]
    assert questions == [
        {"id": q1.pk, "index": 1, "total": 3, "follow_up": False},
        {"id": q1.pk, "index": 1, "total": 3, "follow_up": True},
        {"id": q2.pk, "index": 2, "total": 3, "follow_up": False},
        {"id": q2.pk, "index": 2, "total": 3, "follow_up": True},
        {"id": q3.pk, "index": 3, "total": 3, "follow_up": False},
    ]
    # the avatar's conversation was created once and ended
    assert [c.status for c in video.created] == ["ended"]
    session.refresh_from_db()
    assert session.video_call.conversation_id == video.created[0].conversation_id
    assert model.pending == 0


# --- the ways an interview ends ----------------------------------------------------------------

def drive(session, room, model, scenario, *, capture, **options):
    """Run the agent for `session` in `room` while `scenario(run)` plays the candidate's side;
    return how the run ended and what the scenario returned."""

    async def main():
        async with agent_job(room, metadata=json.dumps({"session_id": session.pk})):
            run = make_run(session_id=session.pk, model=model, room=room, **options)
            task = asyncio.ensure_future(run.run())
            seen = await scenario(run)
            reason = await asyncio.wait_for(task, timeout=10)
            return reason, seen

    with capture(execute=True):
        return async_to_sync(main)()


async def until_first_question(run, room):
    await asyncio.sleep(0.02)
    room.avatar_join()
    await wait_for(run.first_question)
    await idle(run)


async def say(run, text):
    """The candidate says `text`; returns the framework's RunResult, or the error the model raised."""
    try:
        return await run.session.run(user_input=text)
    except Exception as exc:  # noqa: BLE001 - the test looks at it
        return exc


def opening():
    return [reply("Hello Ada.", call("next_question")), say_tool_output()]


def test_model_failing_mid_interview_ends_cleanly_keeping_every_turn(session, video, django_capture_on_commit_callbacks):
    q1, q2, _ = questions_of(session)
    model = ScriptedLLM(
        *opening(),
        fail("Gemini answered 503."),  # the reply to answer 1 fails: the agent asks the model again …
        reply("Thank you.", call("next_question")), say_tool_output(),  # … and the interview goes on
        fail("Gemini answered 503 three times."), fail("Gemini answered 503 three times."),  # twice in a row: the end
    )
    room = FakeRoom("saylo-interview-test")
    room.join(f"candidate-{session.user_id}")

    async def scenario(run):
        await until_first_question(run, room)
        first = await say(run, "I led the migration to PostgreSQL and cut p95 latency by 60%.")
        await until(lambda: len(model.requests) >= 5)  # the retry asked, and question 2 read out
        await idle(run)
        still_running = not run.end_request
        await say(run, "I designed the on-call rotation.")
        return first, still_running

    reason, (first, still_running) = drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks)

    # the failed reply was asked for again within the same turn, so the candidate was not left in silence
    assert not isinstance(first, Exception) and still_running
    assert "did not get through" in model.requests[3].instructions
    assert reason == "agent_error"
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE  # the session page offers the practice room
    assert session.video_call.end_reason == "agent_error"
    assert session.work.score_enqueued_at is None
    candidate = [(text, order) for role, text, order, *_ in turns_of(session) if role == "candidate"]
    assert candidate == [("I led the migration to PostgreSQL and cut p95 latency by 60%.", 0),
                         ("I designed the on-call rotation.", 1)]
    assert [text for role, text, *_ in turns_of(session) if role == "interviewer"][-1] == q2.text
    error = VideoEvent.objects.get(session=session, kind="agent.error")
    assert error.payload["cause"] == "model_error" and "503" in error.payload["message"]
    assert [c.status for c in video.created] == ["ended"]
    # no "ended" phase: the room would take it as the interview being over and score it
    assert "ended" not in room.local_participant.attribute_values("saylo.phase")


def test_end_pressed_says_goodbye_then_finishes_and_scores(session, video, django_capture_on_commit_callbacks):
    model = ScriptedLLM(*opening(), reply("Thank you.", call("next_question")), say_tool_output(),
                        reply("Thanks for your time, Ada — your answers are saved."))
    room = FakeRoom("saylo-interview-test")
    candidate = room.join(f"candidate-{session.user_id}")
    stranger = room.join("candidate-999")

    async def scenario(run):
        await until_first_question(run, room)
        await run.session.run(user_input="I refactored the billing service.")
        await idle(run)
        room.send_data(stranger.identity, "saylo.control", {"type": "end"})  # not this interview's candidate
        room.send_data(candidate.identity, "saylo.control", b"not json")
        room.send_data(candidate.identity, "lk.chat", {"type": "end"})  # another topic
        await asyncio.sleep(0.05)
        assert not run.end_request
        room.send_data(candidate.identity, "saylo.control", {"type": "end"})
        return None

    status_when_ended = []
    publish = room.local_participant.set_attributes

    async def watch(attributes):
        if attributes.get("saylo.phase") == "ended":
            status_when_ended.append(await sync_to_async(
                lambda: InterviewSession.objects.get(pk=session.pk).status)())
        await publish(attributes)

    room.local_participant.set_attributes = watch
    reason, _ = drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks)

    assert reason == "candidate_ended"
    # "ended" tells the room the interview is saved: it comes after the finish, never before
    assert status_when_ended and status_when_ended[0] != InterviewSession.Status.LIVE
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.video_call.end_reason == "candidate_ended"
    assert turns_of(session)[-1][:2] == ("interviewer", "Thanks for your time, Ada — your answers are saved.")
    # the goodbye was asked for with the End wording, after the candidate's answer
    assert "pressed End" in model.requests[-1].instructions
    phases = room.local_participant.attribute_values("saylo.phase")
    assert phases == ["joining", "greeting", "interview", "closing", "ended"]
    assert [c.status for c in video.created] == ["ended"]


def test_a_network_drop_past_the_grace_period_leaves_the_interview_live_for_a_rejoin_and_a_reload_is_no_drop(
        session, video, django_capture_on_commit_callbacks):
    model = ScriptedLLM(*opening(), reply("Thank you.", call("next_question")), say_tool_output())
    room = FakeRoom("saylo-interview-test")
    identity = f"candidate-{session.user_id}"
    room.join(identity)

    async def scenario(run):
        await until_first_question(run, room)
        await run.session.run(user_input="I mentor two juniors.")
        await idle(run)
        # a reload: the new connection replaces the old one (same identity)
        room.leave(identity, reason=rtc.DisconnectReason.DUPLICATE_IDENTITY)
        room.join(identity)
        # a short network loss: gone, back within the grace period
        room.leave(identity, reason=rtc.DisconnectReason.CLIENT_INITIATED)
        await asyncio.sleep(0.1)
        room.join(identity)
        await asyncio.sleep(0.5)  # longer than the grace period: still interviewing
        still_running = not run.end_request
        room.leave(identity)  # the tab is closed for good
        return still_running

    reason, still_running = drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks,
                                  rejoin_seconds=0.3)

    assert still_running
    assert reason == "candidate_left"
    session.refresh_from_db()
    # not the end: the candidate comes back to the same interview (video again, or the practice room)
    assert session.status == InterviewSession.Status.LIVE and session.video_call.end_reason == "candidate_left"
    assert session.ended_at is None and session.work.score_enqueued_at is None
    assert not ScoreRun.objects.filter(session=session).exists()
    assert ("candidate", "I mentor two juniors.") in [turn[:2] for turn in turns_of(session)]  # every answer kept
    assert "ended" not in room.local_participant.attribute_values("saylo.phase")
    assert VideoEvent.objects.get(session=session, kind="agent.left").payload["left_live"] is True
    assert model.pending == 0  # nobody to say goodbye to: the model was not asked again
    assert [c.status for c in video.created] == ["ended"]


def test_time_limit_closes_the_interview_politely(session, video, django_capture_on_commit_callbacks):
    model = ScriptedLLM(*opening(), reply("We've reached our time, Ada. Thank you — your feedback is on its way."))
    room = FakeRoom("saylo-interview-test")
    room.join(f"candidate-{session.user_id}")

    async def scenario(run):
        await until_first_question(run, room)
        return None

    # The limit counts from before the greeting: long enough that a loaded machine (the suite runs on several
    # workers) has greeted and asked the first question before it falls.
    reason, _ = drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks,
                      time_limit_seconds=1.5)

    assert reason == "time_limit"
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.video_call.end_reason == "time_limit"
    assert "time limit" in model.requests[-1].instructions
    assert turns_of(session)[-1][1] == "We've reached our time, Ada. Thank you — your feedback is on its way."


def test_room_end_button_first_then_agent_end_is_idempotent(session, video, django_capture_on_commit_callbacks):
    """The browser's End POST and the data message race: whichever finishes the session first, it is
    finished and scored once, and a goodbye said after it is simply not stored."""
    from interviews.services.transcript import interview_end

    model = ScriptedLLM(*opening(), reply("Thank you.", call("next_question")), say_tool_output(),
                        reply("Goodbye, Ada."))
    room = FakeRoom("saylo-interview-test")
    room.join(f"candidate-{session.user_id}")

    async def scenario(run):
        await until_first_question(run, room)
        await run.session.run(user_input="My answer.")
        await idle(run)
        await sync_to_async(interview_end)(session=session)  # the room's POST lands first
        room.send_data(f"candidate-{session.user_id}", "saylo.control", {"type": "end"})
        return None

    reason, _ = drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks)

    assert reason == "candidate_ended"
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED
    assert ScoreRun.objects.filter(session=session).count() == 1
    assert session.video_call.end_reason == "candidate_ended"
    assert "Goodbye, Ada." not in [text for _, text, *_ in turns_of(session)]
    assert VideoEvent.objects.get(session=session, kind="agent.ended").payload["finished_by_agent"] is False


def test_a_rejoin_after_a_crash_carries_on_at_the_first_unanswered_question(session, video,
                                                                           django_capture_on_commit_callbacks):
    from interviews.services.transcript import turn_record

    q1, q2, _ = questions_of(session)
    InterviewSession.objects.filter(pk=session.pk).update(status=InterviewSession.Status.LIVE)
    VideoCall.objects.filter(session=session).update(end_reason="agent_error")
    turn_record(session=session, client_id="item_old1", role="interviewer", text=q1.text, question_id=q1.pk,
                started_ms=0, ended_ms=10, source="agent")
    turn_record(session=session, client_id="item_old2", role="candidate", text="My answer before the crash.",
                question_id=q1.pk, started_ms=20, ended_ms=30, source="agent")
    model = ScriptedLLM(reply("Welcome back, Ada.", call("next_question")), say_tool_output())
    room = FakeRoom("saylo-interview-test")
    room.join(f"candidate-{session.user_id}")

    async def scenario(run):
        await until_first_question(run, room)
        run.request_end(EndRequest("candidate_left"))

    drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks)

    assert "back" in model.requests[0].instructions and "question 2 of 3" in model.requests[0].instructions
    assert json.loads(room.local_participant.attribute_values("saylo.question")[0])["index"] == 2
    assert [(text, order) for _, text, order, *_ in turns_of(session)] == [
        (q1.text, 0), ("My answer before the crash.", 0), ("Welcome back, Ada.", None), (q2.text, 1)]


def test_moving_to_the_practice_room_makes_the_agent_leave_without_ending_the_interview(
        session, video, django_capture_on_commit_callbacks):
    from interviews.services.video_room import video_fallback_to_practice

    model = ScriptedLLM(*opening())
    room = FakeRoom("saylo-interview-test")
    identity = f"candidate-{session.user_id}"
    room.join(identity)

    async def scenario(run):
        await until_first_question(run, room)
        await sync_to_async(video_fallback_to_practice)(session=session)  # the room's fallback POST …
        room.send_data(identity, "saylo.control", {"type": "fallback"})  # … and its message to us

    reason, _ = drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks)

    assert reason == "practice_fallback"
    session.refresh_from_db()
    assert session.mode == InterviewSession.Mode.PRACTICE and session.status == InterviewSession.Status.LIVE
    assert session.video_call.end_reason == "practice_fallback" and session.work.score_enqueued_at is None
    assert session.turns.count() == 2  # greeting and first question kept for the practice room
    assert VideoEvent.objects.get(session=session, kind="agent.left").payload["reason"] == "practice_fallback"
    assert "ended" not in room.local_participant.attribute_values("saylo.phase")
    assert [c.status for c in video.created] == ["ended"]


def test_leaving_after_moving_to_practice_without_telling_us_does_not_end_the_interview(
        session, video, django_capture_on_commit_callbacks):
    from interviews.services.video_room import video_fallback_to_practice

    model = ScriptedLLM(*opening())
    room = FakeRoom("saylo-interview-test")
    identity = f"candidate-{session.user_id}"
    room.join(identity)

    async def scenario(run):
        await until_first_question(run, room)
        await sync_to_async(video_fallback_to_practice)(session=session)
        room.leave(identity)  # the message never arrived; the page just went away

    reason, _ = drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks)

    assert reason == "candidate_left"
    session.refresh_from_db()
    assert session.mode == InterviewSession.Mode.PRACTICE and session.status == InterviewSession.Status.LIVE
    assert session.work.score_enqueued_at is None
    assert VideoEvent.objects.get(session=session, kind="agent.left").payload["mode"] == "practice"


# --- the candidate's input, the greeting, typing (issue 18, items 4 and 7) ---------------------------

def test_the_candidate_is_not_heard_until_the_avatar_has_joined_and_the_greeting_is_said(
        session, video, django_capture_on_commit_callbacks):
    q1, _, _ = questions_of(session)
    model = ScriptedLLM(*opening(), reply("Thank you.", call("next_question")), say_tool_output())
    room = FakeRoom("saylo-interview-test")
    room.join(f"candidate-{session.user_id}")

    async def scenario(run):
        await until(lambda: run.session is not None and run.phase == "joining")
        await asyncio.sleep(0.2)  # the avatar is late; the candidate says "hello?" meanwhile
        waiting = {"open": run.input_open, "audio": run.session.input.audio_enabled,
                   "typed": run.accept_text("hello? can you hear me?"), "requests": len(model.requests),
                   "phases": list(room.local_participant.attribute_values("saylo.phase"))}
        room.avatar_join()
        await wait_for(run.greeted)
        await idle(run)
        after = {"open": run.input_open, "audio": run.session.input.audio_enabled}
        # typing an answer (the candidate cannot speak for a moment): saved like a spoken one
        assert run.accept_text("  I   wrote the runbook and trained the on-call team. ")
        await until(lambda: len(model.requests) >= 3)
        await idle(run)
        run.request_end(EndRequest("candidate_left"))
        return waiting, after

    _, (waiting, after) = drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks)

    assert waiting == {"open": False, "audio": False, "typed": False, "requests": 0, "phases": ["joining"]}
    assert after == {"open": True, "audio": True}
    turns = list(TranscriptTurn.objects.filter(session=session).order_by("seq").values_list(
        "role", "text", "question__order", "input_mode"))
    assert ("candidate", "I wrote the runbook and trained the on-call team.", 0, "typed") in turns
    assert not any("hello?" in text for _, text, *_ in turns)  # the refused "hello?" reached no one
    assert [text for role, text, *_ in turns if role == "interviewer"][:2] == ["Hello Ada.", q1.text]


def test_a_greeting_that_never_comes_is_asked_for_again(session, video, django_capture_on_commit_callbacks):
    """A realtime model's reply can fail without an error (a timed-out generate_reply only logs): the
    agent watches for the greeting itself instead of waiting for an error that never comes."""
    model = ScriptedLLM(reply(""), *opening())  # the first greeting says nothing at all
    room = FakeRoom("saylo-interview-test")
    room.join(f"candidate-{session.user_id}")

    async def scenario(run):
        await until_first_question(run, room)
        run.request_end(EndRequest("candidate_left"))

    reason, _ = drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks,
                      greeting_seconds=0.3)

    assert reason == "candidate_left"
    assert len(model.requests) == 3 and "Greet" in model.requests[1].instructions
    assert [text for _, text, *_ in turns_of(session)][0] == "Hello Ada."


def test_a_greeting_that_never_comes_twice_is_an_agent_error(session, video, django_capture_on_commit_callbacks):
    model = ScriptedLLM(reply(""), reply(""))
    room = FakeRoom("saylo-interview-test")
    room.join(f"candidate-{session.user_id}")

    async def scenario(run):
        await asyncio.sleep(0.02)
        room.avatar_join()

    reason, _ = drive(session, room, model, scenario, capture=django_capture_on_commit_callbacks,
                      greeting_seconds=0.2)

    assert reason == "agent_error"
    error = VideoEvent.objects.get(session=session, kind="agent.error")
    assert error.payload["cause"] == "greeting_missing"
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE and session.video_call.end_reason == "agent_error"


@pytest.mark.parametrize("operator_records", [False, True])
def test_recording_is_what_the_operator_chose_not_the_livekit_project_setting(
        session, video, settings, operator_records, django_capture_on_commit_callbacks):
    settings.VIDEO_RECORDING = operator_records
    model = ScriptedLLM(*opening())
    room = FakeRoom("saylo-interview-test")
    room.join(f"candidate-{session.user_id}")
    seen = {}

    async def main():
        async with agent_job(room, metadata=json.dumps({"session_id": session.pk})) as ctx:
            ctx.job.enable_recording = not operator_records  # LiveKit Cloud's project says the opposite
            run = make_run(session_id=session.pk, model=model, room=room)
            task = asyncio.ensure_future(run.run())
            await until_first_question(run, room)
            seen.update(run.session._opts.recording_options)
            run.request_end(EndRequest("candidate_left"))
            return await asyncio.wait_for(task, timeout=10)

    with django_capture_on_commit_callbacks(execute=True):
        async_to_sync(main)()

    assert seen["audio"] is operator_records and seen["transcript"] is operator_records
