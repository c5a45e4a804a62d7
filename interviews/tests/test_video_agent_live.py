"""A whole video interview on Gemini Live's own plugin against the fake Live server, with the real Tavus
plugin against the fake Tavus server and the candidate's voice streamed as audio (issue 18): the avatar
joins late, Live recycles its connection mid-interview (GoAway), the candidate presses End
mid-sentence — and every answer ends up in the transcript, with one score."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from google.genai import types
from livekit import rtc
from livekit.agents.voice.io import AudioInput

from interviews.models import InterviewSession, ScoreRun, TranscriptTurn
from interviews.tests.agent_harness import agent_job, make_run, until, use_video_settings, wait_for
from interviews.tests.factories import ready_session
from interviews.tests.fake_gemini_live import SILENCE_20MS, FakeGeminiLive, field, interviewer, speak
from interviews.tests.fake_room import FakeRoom
from interviews.video.agent import ModelSettings, gemini_session_kwargs

pytestmark = pytest.mark.django_db

GOODBYE = "Thank you, Ada. Your answers are saved and your feedback will appear in Saylo shortly."
ANSWER_1 = "At Acme I led the billing migration and cut failed charges by 38 percent"
ANSWER_2 = "I would page the on call engineer first and then roll the release back because the"


class CandidateMicrophone(AudioInput):
    """The candidate's microphone: a 20 ms frame every 20 ms while attached (the fake Live server
    hears the words the test gives it, one per chunk the plugin sends)."""

    def __init__(self):
        super().__init__(label="candidate-microphone")
        self.attached = True

    async def __anext__(self) -> rtc.AudioFrame:
        while True:
            await asyncio.sleep(0.02)
            if self.attached:
                return rtc.AudioFrame(b"\x00\x00" * 320, 16000, 1, 320)

    def on_attached(self) -> None:
        self.attached = True

    def on_detached(self) -> None:
        self.attached = False


def interviewer_saying_goodbye(message: dict, fake: FakeGeminiLive) -> list[dict]:
    """Live playing by our rules, and answering the agent's End instructions with a goodbye."""
    content = field(message, "clientContent") or {}
    if field(content, "turnComplete") and "pressed End" in json.dumps(content):
        return speak(GOODBYE)
    return interviewer(message, fake)


async def saved(session, text: str, seconds: float = 15) -> None:
    """Wait until an interviewer turn with `text` is in the database."""
    exists = sync_to_async(lambda: TranscriptTurn.objects.filter(session=session, text=text).exists())
    for _ in range(int(seconds / 0.05)):
        if await exists():
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(f"never saved: {text!r}")


def live_llm(live: FakeGeminiLive):
    """The agent's Gemini Live model, talking to the fake Live server."""
    options = types.HttpOptions(base_url=live.url, async_client_args={"ssl": live.client_ssl()})
    model = ModelSettings(mode="live", live_model="gemini-2.5-flash-native-audio-preview-12-2025",
                          text_model="gemini-2.5-flash", voice="Kore", api_key="gemini-agent-key")
    return gemini_session_kwargs(model, http_options=options)["llm"]


def candidate_turns(session):
    return list(TranscriptTurn.objects.filter(session=session, role="candidate").order_by("seq")
                .values_list("text", "question__order"))


def test_late_avatar_goaway_mid_interview_and_end_mid_sentence_keep_every_answer_and_score_once(
        user, settings, fake_tavus, django_capture_on_commit_callbacks):
    use_video_settings(settings, fake_tavus)
    user.first_name = "Ada"
    user.save()
    session = ready_session(user, questions=3, mode=InterviewSession.Mode.VIDEO, livekit_room="saylo-interview-live")
    q1, q2, _ = session.questions.order_by("order")
    room = FakeRoom("saylo-interview-live")
    identity = f"candidate-{session.user_id}"
    room.join(identity)
    seen = {}

    with FakeGeminiLive(interviewer_saying_goodbye, go_away_after_calls=2) as live:
        llm = live_llm(live)

        async def main():
            async with agent_job(room, metadata=json.dumps({"session_id": session.pk})):
                run = make_run(session_id=session.pk, model=llm, room=room, greeting_seconds=10,
                               goodbye_seconds=10, settle_seconds=0.5)
                task = asyncio.ensure_future(run.run())
                await until(lambda: run.session is not None)
                run.session.input.audio = CandidateMicrophone()

                # The avatar is late; the candidate says "hello?" meanwhile: nothing reaches Gemini.
                live.say("hello can you hear me")
                await asyncio.sleep(0.5)
                seen["audio before the avatar"] = live.audio_chunks
                seen["phases while waiting"] = list(room.local_participant.attribute_values("saylo.phase"))
                live.stop_speaking()
                room.avatar_join()
                await wait_for(run.greeted, 15)

                # Answer 1, by voice; Live calls next_question, then recycles the connection (GoAway).
                live.say(ANSWER_1)
                await until(lambda: run.plan.current is not None and run.plan.current.id == q2.pk, 15)
                await until(lambda: len(live.setups) == 2, 15)
                await saved(session, q2.text)

                # Answer 2, cut short: End is pressed mid-sentence.
                live.say(ANSWER_2)
                await until(lambda: len(live.heard) >= len(ANSWER_1.split()) + 6, 15)
                live.stop_speaking()
                said = live.heard[len(ANSWER_1.split()):]
                room.send_data(identity, "saylo.control", {"type": "end"})
                seen["reason"] = await asyncio.wait_for(task, 20)
                seen["said"] = " ".join(said)

        with django_capture_on_commit_callbacks(execute=True):
            async_to_sync(main)()
        setups, go_away_handle = live.setups, live.go_away_handle

    assert seen["audio before the avatar"] == 0  # the candidate was not heard before the interviewer existed
    assert seen["phases while waiting"] == ["joining"]
    assert seen["reason"] == "candidate_ended"
    # Live's connection was recycled and resumed with the handle it had given
    assert len(setups) == 2 and field(field(setups[1], "sessionResumption"), "handle") == go_away_handle != ""
    assert all(field(setup, "contextWindowCompression") for setup in setups)
    # every answer, whole or cut short, is in the transcript, on the question it answered
    assert candidate_turns(session) == [(ANSWER_1, 0), (seen["said"], 1)]
    interviewer_said = [text for (text,) in TranscriptTurn.objects.filter(session=session, role="interviewer")
                        .order_by("seq").values_list("text")]
    assert q1.text in interviewer_said and q2.text in interviewer_said  # no question lost to the GoAway
    assert interviewer_said.index(q1.text) < interviewer_said.index(q2.text)
    # The goodbye is said whole at the end. Under load, Live may still complete the candidate's cut
    # turn with a next_question call that the agent refuses (the plan is closed), whose short reply
    # ("Thank you.") can land just before or just after it, and may cut the goodbye, which is then
    # asked for again; nothing else may follow the first goodbye.
    assert interviewer_said[-1] in (GOODBYE, "Thank you.") and GOODBYE in interviewer_said[-3:], interviewer_said
    assert set(interviewer_said[interviewer_said.index(GOODBYE):]) <= {GOODBYE, "Thank you."}, interviewer_said
    assert not any("hello" in text.lower() for text, _ in candidate_turns(session))
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.video_call.end_reason == "candidate_ended"
    assert ScoreRun.objects.filter(session=session).count() == 1
    assert room.local_participant.attribute_values("saylo.phase")[-1] == "ended"


def closing_slowly(message: dict, fake: FakeGeminiLive) -> list[dict]:
    """Live calling end_interview when the questions run out, and taking its time over the goodbye."""
    tool_response = field(message, "toolResponse")
    output = json.dumps(field(tool_response, "functionResponses") or []) if tool_response is not None else ""
    if "Call end_interview" in output:
        fake.calls += 1
        return [{"toolCall": {"functionCalls": [{"id": f"call-{fake.calls}", "name": "end_interview", "args": {}}]}}]
    if "That was the last question" in output:
        return [{"_sleep": 0.6}, *speak(GOODBYE)]  # far longer than the agent's settle time
    return interviewer(message, fake)


def test_a_slow_goodbye_after_end_interview_is_waited_for(user, settings, fake_tavus, django_capture_on_commit_callbacks):
    use_video_settings(settings, fake_tavus)
    session = ready_session(user, questions=1, mode=InterviewSession.Mode.VIDEO)
    room = FakeRoom()
    room.join(f"candidate-{session.user_id}")

    with FakeGeminiLive(closing_slowly) as live:
        llm = live_llm(live)

        async def main():
            async with agent_job(room, metadata=json.dumps({"session_id": session.pk})):
                run = make_run(session_id=session.pk, model=llm, room=room, avatar=False,
                               greeting_seconds=10, goodbye_seconds=10)
                task = asyncio.ensure_future(run.run())
                await wait_for(run.greeted, 15)
                run.session.generate_reply(user_input="I rebuilt the deploy pipeline and cut release time by half.")
                return await asyncio.wait_for(task, 20)

        with django_capture_on_commit_callbacks(execute=True):
            reason = async_to_sync(main)()

    assert reason == "completed"
    turns = list(TranscriptTurn.objects.filter(session=session).order_by("seq").values_list("role", "text"))
    assert turns[-1] == ("interviewer", GOODBYE)  # said in full, then the interview was finished
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.video_call.end_reason == "completed"


def answering_something_else_first(message: dict, fake: FakeGeminiLive) -> list[dict]:
    """Live answering the agent's End instructions with a short reply to something else first (its
    turn for a refused tool call): Live binds the reply the agent asked for to that first generation,
    and the goodbye comes as a generation of its own right after."""
    content = field(message, "clientContent") or {}
    if field(content, "turnComplete") and "pressed End" in json.dumps(content):
        return [*speak("Thank you."), {"_sleep": 0.2}, *speak(GOODBYE)]
    return interviewer(message, fake)


def interviewer_said_after_end_pressed(user, settings, fake_tavus, capture, script, *, settle_seconds):
    """A two-question video interview in which the candidate presses End once greeted, with Live
    answering by `script`: how it ended, what the interviewer said, and Live's `calls` meanwhile."""
    use_video_settings(settings, fake_tavus)
    user.first_name = "Ada"
    user.save()
    session = ready_session(user, questions=2, mode=InterviewSession.Mode.VIDEO)
    room = FakeRoom()
    identity = f"candidate-{session.user_id}"
    room.join(identity)

    with FakeGeminiLive(script) as live:
        llm = live_llm(live)

        async def main():
            async with agent_job(room, metadata=json.dumps({"session_id": session.pk})):
                run = make_run(session_id=session.pk, model=llm, room=room, avatar=False,
                               greeting_seconds=10, goodbye_seconds=10, settle_seconds=settle_seconds)
                task = asyncio.ensure_future(run.run())
                await wait_for(run.greeted, 15)
                live.calls = 0
                room.send_data(identity, "saylo.control", {"type": "end"})
                return await asyncio.wait_for(task, 20)

        with capture(execute=True):
            reason = async_to_sync(main)()
    said = list(TranscriptTurn.objects.filter(session=session, role="interviewer").order_by("seq")
                .values_list("text", flat=True))
    session.refresh_from_db()
    return reason, said, live.calls, session


def test_a_goodbye_that_live_sends_after_another_reply_is_heard_and_saved(
        user, settings, fake_tavus, django_capture_on_commit_callbacks):
    reason, said, _, session = interviewer_said_after_end_pressed(
        user, settings, fake_tavus, django_capture_on_commit_callbacks, answering_something_else_first,
        settle_seconds=0.5)

    assert reason == "candidate_ended"
    assert said[-2:] == ["Thank you.", GOODBYE]  # the goodbye came 0.2 s after the speech it was bound to
    assert session.status == InterviewSession.Status.SCORED


def cutting_the_first_goodbye(message: dict, fake: FakeGeminiLive) -> list[dict]:
    """Live cutting its own first goodbye (its turn detection starts something else, which
    interrupts what is playing), then saying it whole when asked again."""
    content = field(message, "clientContent") or {}
    if field(content, "turnComplete") and "pressed End" in json.dumps(content):
        fake.calls += 1
        if fake.calls == 1:
            return [{"serverContent": {"outputTranscription": {"text": "Thank you, Ada. Your answers"}}},
                    {"serverContent": {"modelTurn": {"parts": [{"inlineData": {"mimeType": "audio/pcm;rate=24000",
                                                                               "data": SILENCE_20MS}}]}}},
                    {"_sleep": 0.2}, {"serverContent": {"interrupted": True}}, {"serverContent": {"turnComplete": True}}]
        return speak(GOODBYE)
    return interviewer(message, fake)


def test_a_goodbye_cut_short_by_live_is_asked_for_again_and_saved_whole(
        user, settings, fake_tavus, django_capture_on_commit_callbacks):
    reason, said, asked, session = interviewer_said_after_end_pressed(
        user, settings, fake_tavus, django_capture_on_commit_callbacks, cutting_the_first_goodbye,
        settle_seconds=0.3)

    assert reason == "candidate_ended"
    assert asked == 2  # the cut goodbye was asked for once more
    assert said[-1] == GOODBYE
    assert session.status == InterviewSession.Status.SCORED
