"""Run the live video interview agent worker (LiveKit Agents): `start` in production, `dev` locally."""

from django.core.management.base import BaseCommand, CommandError

from interviews.video.config import video_config

MODES = ("dev", "start")


class Command(BaseCommand):
    help = ("Run the video interview agent worker: it registers with LiveKit as INTERVIEW_AGENT_NAME and runs one "
            "interview per dispatched job (Tavus avatar, Gemini interviewer, turns saved as they are said). "
            "`start` for production (drains running interviews on SIGTERM), `dev` for more logging. "
            "Needs requirements-agent.txt and every video setting.")

    def add_arguments(self, parser):
        parser.add_argument("mode", nargs="?", choices=MODES, default="start",
                            help="start (production, the default) or dev (verbose, no idle processes).")
        parser.add_argument("--log-level", default="", choices=["", "DEBUG", "INFO", "WARN", "ERROR"],
                            help="Log level (default INFO for start, DEBUG for dev).")
        parser.add_argument("--port", type=int, default=None,
                            help="HTTP port of the worker's health check (default 8081 for start, any free port for "
                                 "dev). Give each worker on one machine its own, or 0 for any free port.")

    def handle(self, *args, **options):
        config = video_config()
        if config.missing:
            raise CommandError(
                f"The interview agent cannot start: {', '.join(config.missing)} "
                f"{'is' if len(config.missing) == 1 else 'are'} not set. Set {'it' if len(config.missing) == 1 else 'them'} "
                "in the environment or .env (README: Video interviews), then run this again.")
        try:
            from interviews.video.worker import run_worker
        except ImportError as exc:
            raise CommandError(
                f"The interview agent needs the agent requirements ({exc.name or exc} is missing): run "
                "`pip install -r requirements-agent.txt`, or `make agent`, which does it.") from None
        self.stdout.write(f"Interview agent {config.agent_name!r} ({options['mode']}) connecting to "
                          f"{config.livekit_url} …")
        run_worker(options["mode"], log_level=options["log_level"], port=options["port"])
