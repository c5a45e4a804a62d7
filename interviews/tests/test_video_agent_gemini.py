"""The interviewer on the google plugin's own model classes, against a local fake Gemini endpoint
(`http_options.base_url`), instead of the scripted model: what our agent sends Gemini (key, model,
instructions with the delimited resume, the three tools) and how Gemini's function calls drive it."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from google.genai import types

from interviews.models import InterviewSession, TranscriptTurn
from interviews.tests.agent_harness import agent_job, idle, make_run, use_video_settings, wait_for
from interviews.tests.factories import ready_session
from interviews.tests.fake_gemini import FakeGemini, Reply, text_reply
from interviews.tests.fake_gemini_live import FakeGeminiLive, field
from interviews.tests.fake_room import FakeRoom
from interviews.video.agent import EndRequest, ModelSettings, gemini_session_kwargs

pytestmark = pytest.mark.django_db


def function_call_reply(name: str, args: dict | None = None) -> Reply:
    return Reply(body={
        "candidates": [{"content": {"role": "model", "parts": [{"functionCall": {"name": name, "args": args or {}}}]},
                        "finishReason": "STOP", "index": 0}],
        "usageMetadata": {"promptTokenCount": 900, "candidatesTokenCount": 5, "totalTokenCount": 905},
    })


def interviewer_model(request) -> Reply:
    """Gemini playing by the rules: ask for the next question, then read out what the tool returned."""
    contents = request.json.get("contents") or []
    last_parts = contents[-1].get("parts", []) if contents else []
    outputs = [p["functionResponse"] for p in last_parts if "functionResponse" in p]
    if outputs:
        output = outputs[-1]["response"].get("output", "")
        return text_reply(output.split("\n", 1)[-1])
    return function_call_reply("next_question")


def settings_for(fake, mode: str = "pipeline") -> ModelSettings:
    return ModelSettings(mode=mode, live_model="gemini-2.5-flash-native-audio-preview-12-2025",
                         text_model="gemini-2.5-flash", voice="Kore", api_key="gemini-agent-key", base_url=fake.url)


def test_google_llm_drives_the_interview_through_our_tools(user, settings, fake_tavus):
    use_video_settings(settings, fake_tavus)
    session = ready_session(user, questions=2, mode=InterviewSession.Mode.VIDEO)
    q1, q2 = session.questions.order_by("order")
    room = FakeRoom()
    room.join(f"candidate-{session.user_id}")

    with FakeGemini(default=interviewer_model) as gemini:
        model = gemini_session_kwargs(settings_for(gemini))["llm"]

        async def main():
            async with agent_job(room, metadata=json.dumps({"session_id": session.pk})):
                run = make_run(session_id=session.pk, model=model, room=room, avatar=False)
                task = asyncio.ensure_future(run.run())
                await wait_for(run.first_question, 10)
                await idle(run)
                await run.session.run(user_input="I moved our deploys to blue-green and cut downtime to zero.")
                await idle(run)
                run.request_end(EndRequest("candidate_left"))
                return await asyncio.wait_for(task, 10)

        assert async_to_sync(main)() == "candidate_left"
        requests = list(gemini.requests)

    first = requests[0]
    assert first.path == "/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse"  # the plugin's API version
    assert first.headers["x-goog-api-key"] == "gemini-agent-key"
    body = first.json
    system = " ".join(p.get("text", "") for p in body["systemInstruction"]["parts"])
    assert "You are Saylo's interviewer" in system and "<resume>" in system and "never instructions" in system
    declared = {f["name"] for tool in body["tools"] for f in tool.get("functionDeclarations", [])}
    assert declared == {"next_question", "ask_follow_up", "end_interview"}
    # Gemini's function call ran our tool; its result went back to Gemini; Gemini read the question out
    responses = [p["functionResponse"] for r in requests for c in r.json["contents"] for p in c.get("parts", [])
                 if "functionResponse" in p]
    assert responses[0]["name"] == "next_question" and q1.text in responses[0]["response"]["output"]
    assert any(q2.text in r["response"]["output"] for r in responses)
    turns = list(session.turns.order_by("seq").values_list("role", "text", "question_id"))
    assert (TranscriptTurn.Role.INTERVIEWER, q1.text, q1.pk) in turns
    assert (TranscriptTurn.Role.CANDIDATE, "I moved our deploys to blue-green and cut downtime to zero.", q1.pk) in turns
    assert turns[-1] == (TranscriptTurn.Role.INTERVIEWER, q2.text, q2.pk)


def test_model_factories_use_our_key_models_voice_and_gateway():
    with FakeGemini() as gemini:
        live = gemini_session_kwargs(settings_for(gemini, mode="live"))
        pipeline = gemini_session_kwargs(settings_for(gemini, mode="pipeline"))
        url = gemini.url

    realtime = live["llm"]
    assert set(live) == {"llm"}
    assert realtime.model == "gemini-2.5-flash-native-audio-preview-12-2025"
    opts = realtime._opts
    assert opts.api_key == "gemini-agent-key" and opts.voice == "Kore"
    assert opts.http_options.base_url == url
    assert opts.input_audio_transcription is not None and opts.output_audio_transcription is not None
    detection = opts.realtime_input_config.automatic_activity_detection
    assert detection.end_of_speech_sensitivity == types.EndSensitivity.END_SENSITIVITY_LOW
    assert detection.silence_duration_ms >= 1000  # candidates pause to think

    assert set(pipeline) == {"stt", "llm", "tts", "turn_handling"}
    assert pipeline["llm"].model == "gemini-2.5-flash"
    assert pipeline["turn_handling"]["turn_detection"] == "stt"


def test_gemini_live_realtime_model_drives_the_interview_over_its_websocket(user, settings, fake_tavus):
    use_video_settings(settings, fake_tavus)
    session = ready_session(user, questions=2, mode=InterviewSession.Mode.VIDEO)
    q1, _ = session.questions.order_by("order")
    room = FakeRoom()
    room.join(f"candidate-{session.user_id}")

    with FakeGeminiLive() as live:
        options = types.HttpOptions(base_url=live.url, async_client_args={"ssl": live.client_ssl()})
        kwargs = gemini_session_kwargs(settings_for(live, mode="live"), http_options=options)

        async def main():
            async with agent_job(room, metadata=json.dumps({"session_id": session.pk})):
                run = make_run(session_id=session.pk, model=kwargs["llm"], room=room, avatar=False)
                task = asyncio.ensure_future(run.run())
                await wait_for(run.first_question, 15)
                for _ in range(200):  # Live's reply to the tool result is a speech of its own: wait for it
                    await idle(run)
                    if await sync_to_async(session_turns)(session) >= 1:
                        break
                    await asyncio.sleep(0.02)
                run.request_end(EndRequest("candidate_left"))
                return await asyncio.wait_for(task, 10)

        assert async_to_sync(main)() == "candidate_left"
        setup, paths, messages, headers = live.setup, live.paths, live.messages, live.headers

    assert paths[0].startswith("/ws/google.ai.generativelanguage.") and "BidiGenerateContent" in paths[0]
    assert headers[0]["x-goog-api-key"] == "gemini-agent-key"
    assert setup["model"] == "models/gemini-2.5-flash-native-audio-preview-12-2025"
    system = " ".join(p.get("text", "") for p in setup["systemInstruction"]["parts"])
    assert "You are Saylo's interviewer" in system and "<resume>" in system
    declared = {f["name"] for tool in setup["tools"] for f in tool.get("functionDeclarations", [])}
    assert declared == {"next_question", "ask_follow_up", "end_interview"}
    assert setup["generationConfig"]["responseModalities"] == ["AUDIO"]
    assert "Kore" in json.dumps(setup["generationConfig"]["speechConfig"])
    assert field(setup, "inputAudioTranscription") is not None and field(setup, "outputAudioTranscription") is not None
    # an interview outlasts Live's ~15 minutes of audio only with compression, and its ~10-minute
    # connections only with resumption (issue 18, item 3)
    compression = field(setup, "contextWindowCompression")
    assert compression and int(field(compression, "triggerTokens")) > int(
        field(field(compression, "slidingWindow"), "targetTokens")) > 0
    assert field(setup, "sessionResumption") is not None
    responses = [field(m, "toolResponse") for m in messages if field(m, "toolResponse") is not None]
    assert q1.text in json.dumps(responses[0])  # our tool answered Live's call with the planned question
    turns = list(session.turns.order_by("seq").values_list("role", "text", "question_id"))
    assert (TranscriptTurn.Role.INTERVIEWER, q1.text, q1.pk) in turns  # what Live said, saved as it was said


def session_turns(session) -> int:
    return TranscriptTurn.objects.filter(session=session).count()
