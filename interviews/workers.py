"""Task worker processes: who they are, and the heartbeat that says they are alive.

Each `manage.py db_worker` or `manage.py rqworker` process starts one daemon thread (from
`InterviewsConfig.ready`) that writes its `WorkerHeartbeat` row every `WORKER_HEARTBEAT_SECONDS`,
busy or idle. The thread lives in the worker process itself, so it stops exactly when the process
dies — which is what `/readyz` and the stale-task check need to know. A signal or a periodic task
would only say something while tasks flow; an idle worker would look dead.

The same thread runs the worker's chores (`on_beat`): when the worker starts and every
`WORKER_RECOVERY_SECONDS`, it recovers work whose worker is gone (interviews/services/recovery.py),
so a killed worker's task is taken up by the next worker without any cron job.
"""

import logging
import os
import secrets
import socket
import sys
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

logger = logging.getLogger("saylo.workers")

# Fixed at import: a forked RQ work horse shares its parent's id, so a task records the id of the
# process whose heartbeat tells whether it is still alive. The token tells restarts apart when
# containers reuse pid 1.
WORKER_ID = f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(3)}"

WORKER_COMMANDS = {"db_worker", "rqworker", "rqworker-pool"}

_started = threading.Event()


def worker_id() -> str:
    return WORKER_ID


def is_worker_process(argv: list[str], environ=os.environ) -> bool:
    """True in the process that runs tasks: a worker command, but not `db_worker`'s autoreloader
    parent (with `--reload`, on by default under DEBUG, tasks run in a child with RUN_MAIN=true)."""
    if len(argv) < 2 or argv[1] not in WORKER_COMMANDS:
        return False
    if argv[1] == "db_worker":
        reload = "--reload" in argv or ("--no-reload" not in argv and settings.DEBUG)
        if reload and environ.get("RUN_MAIN") != "true":
            return False
    return True


def heartbeat_beat(*, now=None) -> None:
    """Record that this worker process is alive now."""
    from interviews.models import WorkerHeartbeat

    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=WORKER_ID).update(seen_at=now)
    if not updated:
        host, pid, _ = WORKER_ID.rsplit(":", 2)
        WorkerHeartbeat.objects.create(worker_id=WORKER_ID, hostname=host, pid=int(pid),
                                       backend=settings.TASKS_BACKEND, started_at=now, seen_at=now)


def heartbeat_prune(*, now=None) -> int:
    """Forget workers not seen for a day (each restart adds a row)."""
    from interviews.models import WorkerHeartbeat

    cutoff = (now or timezone.now()) - timedelta(days=1)
    return WorkerHeartbeat.objects.filter(seen_at__lt=cutoff).delete()[0]


def workers_alive(*, now=None):
    """Heartbeats seen within `WORKER_LOST_SECONDS`, newest first."""
    from interviews.models import WorkerHeartbeat

    cutoff = (now or timezone.now()) - timedelta(seconds=settings.WORKER_LOST_SECONDS)
    return WorkerHeartbeat.objects.filter(seen_at__gte=cutoff)


def worker_is_lost(worker: str, *, now=None) -> bool:
    """True when `worker` wrote heartbeats and then stopped: its process is gone. A worker that
    never wrote one (heartbeats off, or an older deployment) is not judged here."""
    from interviews.models import WorkerHeartbeat

    if not worker:
        return False
    seen = WorkerHeartbeat.objects.filter(worker_id=worker).values_list("seen_at", flat=True).first()
    return seen is not None and seen < (now or timezone.now()) - timedelta(seconds=settings.WORKER_LOST_SECONDS)


def _chores_every() -> int:
    """Beats between two runs of the worker's chores."""
    heartbeat = max(settings.WORKER_HEARTBEAT_SECONDS, 0.001)
    return max(1, round(settings.WORKER_RECOVERY_SECONDS / heartbeat))


def _heartbeat_loop(stop: threading.Event, on_beat=None) -> None:
    beats = 0
    while not stop.is_set():
        try:
            heartbeat_beat()
            if beats % 240 == 0:
                heartbeat_prune()
            if on_beat is not None and beats % _chores_every() == 0:
                on_beat()  # at start, then every WORKER_RECOVERY_SECONDS
        except DatabaseError:
            # The database is away: say nothing until it is back, and never take the worker down.
            logger.warning("worker heartbeat could not be written", exc_info=True)
        except Exception:
            logger.exception("worker chores failed; the heartbeat goes on")
        finally:
            # A thread of its own keeps no connection open between beats (a test that drives the loop
            # inside its transaction keeps it: closing there would end the test's transaction).
            if not connection.in_atomic_block:
                close_old_connections()
                if connection.connection is not None:
                    connection.close()
        beats += 1
        stop.wait(settings.WORKER_HEARTBEAT_SECONDS)


def heartbeat_start(*, stop: threading.Event | None = None, on_beat=None) -> threading.Thread | None:
    """Start this process's heartbeat thread (once); `on_beat` is the worker's chores."""
    if _started.is_set():
        return None
    _started.set()
    thread = threading.Thread(target=_heartbeat_loop, args=(stop or threading.Event(), on_beat), name="saylo-heartbeat",
                              daemon=True)
    thread.start()
    logger.info("worker %s: heartbeat every %ss", WORKER_ID, settings.WORKER_HEARTBEAT_SECONDS)
    return thread


def heartbeat_start_if_worker(*, on_beat=None) -> None:
    if settings.WORKER_HEARTBEAT_SECONDS > 0 and is_worker_process(sys.argv):
        heartbeat_start(on_beat=on_beat)
