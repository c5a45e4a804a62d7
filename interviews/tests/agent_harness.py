"""Running the interview agent in tests: the real `InterviewRun` with a fake room, a scripted model
and (optionally) the real Tavus avatar plugin against the fake Tavus server.

The run happens on an event loop driven by `async_to_sync` from the test's own thread, so the
agent's `sync_to_async` database calls come back to that thread and see the test's transaction.
"""

import asyncio
import contextlib
import dataclasses

from livekit import api
from livekit.agents.testing import fake_job_context
from livekit.agents.utils import http_context

from interviews.tests.fake_room import FakeRoom
from interviews.video.agent import AgentParts, InterviewRun, tavus_avatar
from interviews.video.config import video_config
from interviews.video.tavus import TavusClient

LIVEKIT_URL = "wss://saylo-test.livekit.invalid"
LIVEKIT_API_KEY = "APIsaylotest"
LIVEKIT_API_SECRET = "saylo-test-secret-that-is-long-enough-0123456789"


def use_video_settings(settings, fake_tavus) -> None:
    settings.LIVEKIT_URL = LIVEKIT_URL
    settings.LIVEKIT_API_KEY = LIVEKIT_API_KEY
    settings.LIVEKIT_API_SECRET = LIVEKIT_API_SECRET
    settings.GEMINI_API_KEY = "gemini-test-key"
    settings.TAVUS_API_KEY = fake_tavus.api_key
    settings.TAVUS_API_URL = fake_tavus.url
    settings.TAVUS_FACE_ID = ""
    settings.TAVUS_PAL_ID = ""


def agent_token(room: FakeRoom) -> str:
    """The token LiveKit gives a dispatched agent (the avatar plugin reads our identity from it)."""
    return (api.AccessToken(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).with_kind("agent")
            .with_identity(room.local_participant.identity)
            .with_grants(api.VideoGrants(room_join=True, room=room.name, agent=True)).to_jwt())


@contextlib.asynccontextmanager
async def agent_job(room: FakeRoom, *, metadata: str = "", job_id: str = "job-test"):
    """A job context as the worker gives the entrypoint (`livekit.agents.testing.fake_job_context`),
    carrying the agent's token as a real job does, with the plugins' shared HTTP session open."""
    async with http_context.open():
        with fake_job_context(room=room, job_id=job_id, job_metadata=metadata,
                              agent_identity=room.local_participant.identity) as ctx:
            ctx._info = dataclasses.replace(ctx._info, token=agent_token(room))  # fake jobs carry no token
            yield ctx


RUN_DEFAULTS = {"avatar_join_seconds": 5, "rejoin_seconds": 0.3, "goodbye_seconds": 5, "settle_seconds": 0.05,
                "greeting_seconds": 5}


def test_parts(model, *, avatar: bool = True, tavus_client=None) -> AgentParts:
    """The agent's parts with `model` as its LLM and, when `avatar`, the real Tavus plugin (which
    talks to whatever TAVUS_API_URL points at: the fake Tavus server)."""
    config = video_config()
    return AgentParts(
        session_kwargs=lambda: {"llm": model},
        avatar=(lambda brief: tavus_avatar(config, brief)) if avatar else (lambda brief: None),
        tavus=lambda: tavus_client or TavusClient(api_key=config.tavus_api_key, api_url=config.tavus_api_url,
                                                  timeout=2),
    )


def make_run(*, session_id, model, room: FakeRoom, avatar: bool = True, tavus_client=None, **options) -> InterviewRun:
    return InterviewRun(room=room, session_id=session_id, job_id="job-test", config=video_config(),
                        parts=test_parts(model, avatar=avatar, tavus_client=tavus_client), use_room_io=False,
                        **{**RUN_DEFAULTS, **options})


async def idle(run: InterviewRun) -> None:
    """Wait until the agent has finished speaking and every committed turn is written."""
    for _ in range(200):
        speech = run.session.current_speech if run.session else None
        if speech is None:
            break
        await speech.wait_for_playout()
        await asyncio.sleep(0)
    await asyncio.sleep(0.01)
    await run.flush()


async def wait_for(event: asyncio.Event, seconds: float = 5.0) -> None:
    await asyncio.wait_for(event.wait(), timeout=seconds)


async def until(predicate, seconds: float = 5.0) -> None:
    """Wait (on the loop) until `predicate()` is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("the condition did not come true in time")
        await asyncio.sleep(0.005)
