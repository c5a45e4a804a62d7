"""The worker around the interview agent: `manage.py run_interview_agent`, the AgentServer it
builds, the job entrypoint, and a real job process started the way livekit-agents starts them."""

import asyncio
import json
import logging
import threading

import pytest
from asgiref.sync import async_to_sync
from django.core.management import CommandError, call_command
from livekit.agents import AutoSubscribe

from interviews.models import InterviewSession, VideoEvent
from interviews.tests.agent_harness import agent_job, use_video_settings
from interviews.tests.factories import ready_session
from interviews.tests.fake_room import FakeRoom
from interviews.video import worker
from interviews.video.config import video_config


def test_command_refuses_to_start_naming_the_missing_settings(settings, monkeypatch):
    settings.LIVEKIT_URL = "wss://example.livekit.cloud"
    settings.LIVEKIT_API_KEY = settings.LIVEKIT_API_SECRET = settings.TAVUS_API_KEY = settings.GEMINI_API_KEY = ""
    started = []
    monkeypatch.setattr(worker, "run_worker", lambda *a, **k: started.append(a))
    with pytest.raises(CommandError) as refused:
        call_command("run_interview_agent", "start")
    assert str(refused.value) == (
        "The interview agent cannot start: LIVEKIT_API_KEY, LIVEKIT_API_SECRET, TAVUS_API_KEY, GEMINI_API_KEY are not "
        "set. Set them in the environment or .env (README: Video interviews), then run this again.")
    assert started == []


@pytest.mark.parametrize(("argv", "expected"), [
    (["start"], ("start", "", None)),
    ([], ("start", "", None)),
    (["dev", "--log-level", "WARN", "--port", "0"], ("dev", "WARN", 0)),
])
def test_command_runs_the_worker_in_the_mode_asked(settings, fake_tavus, monkeypatch, capsys, argv, expected):
    use_video_settings(settings, fake_tavus)
    calls = []
    monkeypatch.setattr(worker, "run_worker", lambda mode, *, log_level, port: calls.append((mode, log_level, port)))
    call_command("run_interview_agent", *argv)
    assert calls == [expected]
    assert "Interview agent 'saylo-interviewer'" in capsys.readouterr().out


def test_command_rejects_an_unknown_mode(settings, fake_tavus):
    use_video_settings(settings, fake_tavus)
    with pytest.raises(CommandError):
        call_command("run_interview_agent", "console")


def test_server_registers_our_entrypoint_for_explicit_dispatch(settings, fake_tavus):
    use_video_settings(settings, fake_tavus)
    settings.INTERVIEW_AGENT_NAME = "saylo-interviewer-eu"
    server = worker.build_server(video_config())
    assert server._agent_name == "saylo-interviewer-eu"  # explicit dispatch: only tokens naming it get it
    assert server._entrypoint_fnc is worker.entrypoint and server._setup_fnc is worker.prewarm
    assert server._ws_url == settings.LIVEKIT_URL and server._api_key == settings.LIVEKIT_API_KEY


@pytest.mark.parametrize(("metadata", "expected"), [
    ('{"session_id": 42}', 42), ("", ""), ("not json", "not json"), ("[1]", [1]), ('{"other": 1}', None),
])
def test_session_id_from_job_metadata(metadata, expected):
    assert worker.session_id_from(metadata) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("problem", ["practice", "finished", "draft", "missing", "garbage"])
def test_entrypoint_refuses_a_job_it_cannot_run_and_leaves(settings, fake_tavus, user, problem):
    use_video_settings(settings, fake_tavus)
    statuses = {"finished": InterviewSession.Status.FINISHED, "draft": InterviewSession.Status.DRAFT}
    session = ready_session(user, mode=InterviewSession.Mode.PRACTICE if problem == "practice" else
                            InterviewSession.Mode.VIDEO, status=statuses.get(problem, InterviewSession.Status.READY))
    metadata = {"missing": json.dumps({"session_id": session.pk + 1000}), "garbage": "{oops"}.get(
        problem, json.dumps({"session_id": session.pk}))
    room = FakeRoom()
    shutdowns = []

    async def main():
        async with agent_job(room, metadata=metadata) as ctx:
            ctx._on_shutdown = shutdowns.append
            await worker.entrypoint(ctx)

    async_to_sync(main)()

    assert shutdowns == ["interview ended: refused"]
    assert fake_tavus.requests == []  # no avatar, no conversation
    session.refresh_from_db()
    assert session.status == statuses.get(problem, InterviewSession.Status.READY)
    refused = list(VideoEvent.objects.filter(session=session, kind="agent.refused").values_list("payload", flat=True))
    if problem in {"missing", "garbage"}:
        assert refused == []
    else:
        assert [p["code"] for p in refused] == [{"practice": "not_video", "finished": "over", "draft": "not_ready"}[problem]]


def test_a_real_job_process_sets_django_up_and_runs_the_entrypoint(settings, fake_tavus, caplog):
    """livekit-agents runs each job in a process forked from its forkserver, importing the
    entrypoint's module there: Django must be set up in it and the plugins registered on its main
    thread. A simulated job (no LiveKit server) with no session in its metadata is refused there."""
    use_video_settings(settings, fake_tavus)
    caplog.set_level(logging.INFO)

    async def main():
        server = worker.build_server(video_config(), port=0, num_idle_processes=0, initialize_process_timeout=60)
        running = asyncio.ensure_future(server.run(devmode=True, unregistered=True))
        try:
            for _ in range(200):
                if getattr(server, "_proc_pool", None) is not None:
                    break
                await asyncio.sleep(0.05)
            await server.simulate_job("saylo-interview-sim", fake_job=True)
            for _ in range(1200):
                if any("refused session" in r.getMessage() for r in caplog.records):
                    break
                await asyncio.sleep(0.05)
        finally:
            await server.aclose()
            running.cancel()

    # in a thread of its own: Playwright's sync API (browser tests) leaves a loop running in this one
    runner = threading.Thread(target=asyncio.run, args=(main(),), name="agent-worker-test")
    runner.start()
    runner.join(90)
    assert not runner.is_alive()
    messages = [r.getMessage() for r in caplog.records]
    assert "process initialized" in messages  # prewarm ran in the job process
    refused = [m for m in messages if "refused session" in m]
    assert refused and "The job metadata names no interview session" in refused[0]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.django_db
def test_a_failed_interview_closes_the_room_so_coming_back_dispatches_a_fresh_agent(settings, fake_tavus, user):
    from interviews.tests.agent_harness import RUN_DEFAULTS, test_parts
    from interviews.tests.fake_llm import ScriptedLLM, fail

    use_video_settings(settings, fake_tavus)
    session = ready_session(user, mode=InterviewSession.Mode.VIDEO)
    room = FakeRoom()
    room.join(f"candidate-{session.user_id}")
    deleted, shutdowns = [], []
    parts = test_parts(ScriptedLLM(default=fail()), avatar=False)

    async def main():
        async with agent_job(room, metadata=json.dumps({"session_id": session.pk})) as ctx:
            ctx._on_shutdown = shutdowns.append
            ctx.delete_room = lambda: deleted.append(room.name) or asyncio.sleep(0)
            connect = ctx.connect
            ctx.connect = lambda **options: connects.append(options) or connect(**options)
            return await worker.run_job(ctx, config=video_config(), parts=parts, use_room_io=False, **RUN_DEFAULTS)

    connects = []
    assert async_to_sync(main)() == "agent_error"
    # the candidate's camera is never subscribed: the agent only listens
    assert connects == [{"auto_subscribe": AutoSubscribe.AUDIO_ONLY}]
    assert deleted == [room.name] and shutdowns == ["interview ended: agent_error"]
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE and session.video_call.end_reason == "agent_error"
