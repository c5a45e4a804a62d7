"""The interview agent worker: a LiveKit Agents `AgentServer` registered under INTERVIEW_AGENT_NAME
(explicit dispatch: LiveKit sends it a job when a candidate's token asks for that agent), one job
process per interview.

`python manage.py run_interview_agent start` runs it. livekit-agents starts each job in a process
of its own (forkserver on Linux) and finds the entrypoint by importing this module there, so the
module sets Django up when it is imported (the way `wsgi.py` does) and imports the agent, whose
plugins must register on a process's main thread. Run as many workers as you like: LiveKit
dispatches each interview to one of them.
"""

import json
import logging
import os
import warnings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saylo.settings")
# google-api-core (pulled in by the Google plugin) warns about Python 3.11's end of support on import.
warnings.filterwarnings("ignore", category=FutureWarning, module=r"google\.api_core\..*")

import django  # noqa: E402
from django.apps import apps  # noqa: E402

if not apps.ready:
    django.setup()

from asgiref.sync import sync_to_async  # noqa: E402
from livekit.agents import AgentServer, AutoSubscribe, JobContext, JobProcess  # noqa: E402

from interviews.services.video_agent import AGENT_GONE_REASONS  # noqa: E402
from interviews.video.agent import InterviewRun, default_parts, fresh_db_connections  # noqa: E402
from interviews.video.config import VideoConfig, video_config  # noqa: E402

logger = logging.getLogger("saylo.video.agent")

MODES = ("dev", "start")


def session_id_from(metadata: str):
    """The session id in a job's metadata (`{"session_id": N}`, what the start endpoint's token
    dispatches), or the raw value when it is not that shape (the run then refuses it)."""
    try:
        data = json.loads(metadata or "")
    except ValueError:
        return metadata
    return data.get("session_id") if isinstance(data, dict) else data


def prewarm(proc: JobProcess) -> None:
    """Runs once in each job process before it takes a job: the database is reachable and the
    connection is fresh (the process was forked from a parent that may have held one)."""
    fresh_db_connections()
    proc.userdata["ready"] = True


async def entrypoint(ctx: JobContext) -> None:
    """One job: one interview in `ctx.room`."""
    config = video_config()
    await run_job(ctx, config=config, parts=default_parts(config))


async def run_job(ctx: JobContext, *, config: VideoConfig, parts, **run_options) -> str:
    """Run the interview the job was dispatched for, then end the job. Returns how it ended."""
    await sync_to_async(fresh_db_connections)()
    session_id = session_id_from(ctx.job.metadata)
    # Audio only: the agent listens to the candidate; their camera is for the page, never the model.
    await ctx.connect(auto_subscribe=AutoSubscribe.AUDIO_ONLY)
    run = InterviewRun(room=ctx.room, session_id=session_id, job_id=ctx.job.id, config=config, parts=parts,
                       **run_options)
    ctx.add_shutdown_callback(run.shutdown)
    try:
        reason = await run.run()
    finally:
        await sync_to_async(fresh_db_connections)()
    if reason in AGENT_GONE_REASONS:
        # Close the room: the candidate's page offers the practice room, and coming back to the video
        # room opens a new one (video_room_start), which dispatches a fresh agent that carries on
        # where this one stopped.
        await ctx.delete_room()
    ctx.shutdown(reason=f"interview ended: {reason}")
    return reason


def build_server(config: VideoConfig, **options) -> AgentServer:
    """The worker for these settings, with our entrypoint under the agent name."""
    server = AgentServer(ws_url=config.livekit_url, api_key=config.livekit_api_key,
                         api_secret=config.livekit_api_secret, setup_fnc=prewarm, **options)
    server.rtc_session(entrypoint, agent_name=config.agent_name)
    return server


def run_worker(mode: str, *, log_level: str = "", port: int | None = None) -> None:
    """Run the worker until it is stopped (SIGINT/SIGTERM drain running interviews first in
    `start` mode). `dev` logs more and keeps no idle processes. `port` is the health check's HTTP
    port (default 8081 for start, any free one for dev; give each worker on one host its own)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    from livekit.agents.cli import cli, proto

    server = build_server(video_config(), **({"port": port} if port is not None else {}))
    dev = mode == "dev"
    # livekit-agents sets up its own (structured) log output; Django's root handler would print
    # every line twice.
    logging.getLogger().handlers.clear()
    # `_run_worker` is where livekit-agents' own `start`/`dev` commands end up (cli/_legacy.py and
    # `python -m livekit.agents start`); calling it directly keeps Django's command line ours.
    cli._run_worker(server, proto.CliArgs(log_level=(log_level or ("DEBUG" if dev else "INFO")).upper(), url=None,
                                          api_key=None, api_secret=None, dev=dev))
