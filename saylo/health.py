"""Health endpoints: is *this* web process able to serve, and is the work it hands off being done?

- `/healthz` (saylo/views.py): liveness, one query.
- `/readyz`: readiness of this web process, for the load balancer. 503 only when the database does
  not answer (nothing can be served then). The caches are checked and reported, but an unreachable
  cache leaves the instance ready: pages are rendered without it and rate limits take their
  documented direction (core/limits.py); failing readiness over a cache every instance shares
  would take the whole site out of the load balancer at once.
- `/readyz/worker`: the task workers — heartbeats and the queue. 503 when no worker has beaten
  recently. For monitoring and alerts, never for the load balancer: a dead worker is not a reason
  to stop serving pages.
- `/metrics`: the same facts as Prometheus gauges (always 200): `saylo_ready`, `saylo_check_up`,
  `saylo_task_workers_alive`, `saylo_task_queue_depth`, …

Written by hand rather than with django-health-check: see README, "What to monitor".
"""

import logging
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.limits import LIMITS_CACHE

logger = logging.getLogger("saylo.health")


def _timed(check, *args) -> dict:
    started = time.perf_counter()
    try:
        result = check(*args)
    except Exception as exc:  # noqa: BLE001 - any failure is the answer, reported as such
        logger.warning("health check %s failed: %s", check.__name__, exc)
        result = {"ok": False, "error": f"{type(exc).__name__}: {str(exc)[:200]}"}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def check_cache(alias: str) -> dict:
    """Write, read back and delete a key. django-redis set to ignore connection errors answers a
    write that did not happen with None and a read with a miss: both count as down."""
    store = caches[alias]
    key, value = f"saylo:readyz:{secrets.token_hex(4)}", secrets.token_hex(4)
    written = store.set(key, value, timeout=10)
    ok = written is not False and store.get(key) == value
    store.delete(key)
    result = {"ok": ok, "backend": settings.CACHES[alias]["BACKEND"].rsplit(".", 1)[-1]}
    if not ok:
        result["error"] = "The cache did not keep a value: it is unreachable or refusing writes."
    return result


def check_worker() -> dict:
    from interviews.models import WorkerHeartbeat

    backend = settings.TASKS_BACKEND
    if backend == "immediate":
        return {"ok": True, "backend": backend, "alive": 0,
                "detail": "Tasks run inside the web process; no worker is needed."}
    now = timezone.now()
    newest = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=now - timedelta(seconds=settings.WORKER_LOST_SECONDS)).count()
    result = {"ok": alive > 0, "backend": backend, "alive": alive,
              "last_seen_seconds": round((now - newest).total_seconds(), 1) if newest else None}
    if not alive:
        result["detail"] = (f"No task worker has written a heartbeat in the last {settings.WORKER_LOST_SECONDS:g} s. "
                            "Start one: python manage.py db_worker (or rqworker for TASKS_BACKEND=rq).")
    return result


def check_queue() -> dict:
    """How much work waits, and for how long (informational: never fails a check alone)."""
    backend = settings.TASKS_BACKEND
    if backend == "db":
        from django_tasks_db.models import DBTaskResult

        ready = DBTaskResult.objects.ready()
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        return {"ok": True, "depth": ready.count(),
                "oldest_seconds": round((timezone.now() - oldest).total_seconds(), 1) if oldest else None}
    if backend == "rq":
        import django_rq

        return {"ok": True, "depth": django_rq.get_queue("default").count}
    return {"ok": True, "depth": 0}


def process_checks() -> dict:
    return {"database": _timed(check_database), "cache": _timed(check_cache, "default"),
            "limits": _timed(check_cache, LIMITS_CACHE)}


def worker_checks() -> dict:
    try:
        check_database()
    except Exception as exc:  # noqa: BLE001 - reported below
        error = {"ok": False, "error": f"not checked: the database is unreachable ({type(exc).__name__})"}
        return {"worker": dict(error), "queue": dict(error)}
    return {"worker": _timed(check_worker), "queue": _timed(check_queue)}


@never_cache
def readyz(request):
    checks = process_checks()
    ok = checks["database"]["ok"]
    degraded = sorted(name for name, check in checks.items() if not check["ok"] and name != "database")
    return JsonResponse({"ok": ok, "degraded": degraded, "checks": checks}, status=200 if ok else 503)


@never_cache
def readyz_worker(request):
    checks = worker_checks()
    ok = checks["worker"]["ok"]
    return JsonResponse({"ok": ok, "checks": checks}, status=200 if ok else 503)


@never_cache
def metrics(request):
    """Prometheus text format: one gauge per fact, so alerts need no JSON parsing."""
    process, work = process_checks(), worker_checks()
    lines = [
        "# HELP saylo_ready 1 when this web process can serve (its database answers).",
        "# TYPE saylo_ready gauge",
        f"saylo_ready {int(process['database']['ok'])}",
        "# HELP saylo_check_up 1 when the check passed: database, cache (content), limits (rate-limit counters).",
        "# TYPE saylo_check_up gauge",
        *(f'saylo_check_up{{check="{name}"}} {int(check["ok"])}' for name, check in process.items()),
        "# HELP saylo_task_workers_up 1 when at least one task worker beat recently (or tasks run inline).",
        "# TYPE saylo_task_workers_up gauge",
        f"saylo_task_workers_up {int(work['worker']['ok'])}",
        "# HELP saylo_task_workers_alive Task workers whose heartbeat is recent.",
        "# TYPE saylo_task_workers_alive gauge",
        f"saylo_task_workers_alive {work['worker'].get('alive', 0)}",
    ]
    if work["worker"].get("last_seen_seconds") is not None:
        lines += ["# HELP saylo_task_worker_last_seen_seconds Seconds since the newest heartbeat.",
                  "# TYPE saylo_task_worker_last_seen_seconds gauge",
                  f"saylo_task_worker_last_seen_seconds {work['worker']['last_seen_seconds']}"]
    if "depth" in work["queue"]:
        lines += ["# HELP saylo_task_queue_depth Tasks waiting for a worker.",
                  "# TYPE saylo_task_queue_depth gauge",
                  f"saylo_task_queue_depth {work['queue']['depth']}"]
    if work["queue"].get("oldest_seconds") is not None:
        lines += ["# HELP saylo_task_queue_oldest_seconds How long the oldest waiting task has waited.",
                  "# TYPE saylo_task_queue_oldest_seconds gauge",
                  f"saylo_task_queue_oldest_seconds {work['queue']['oldest_seconds']}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; version=0.0.4; charset=utf-8")
