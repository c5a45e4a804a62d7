"""`/readyz`: may this process take traffic, and is the work it hands off being done?

`/healthz` stays the cheap liveness check (one query). `/readyz` checks the database, the cache
(where rate limits live), and that a task worker wrote its heartbeat recently — a web process
whose worker is gone would accept interviews that are never prepared or scored. It also reports
the queue's depth and the age of its oldest waiting task. JSON; 200 when every check passes,
503 otherwise. A deployment that runs tasks inline (TASKS_BACKEND=immediate) needs no worker and
says so.
"""

import logging
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

logger = logging.getLogger("saylo.health")


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        result = check()
    except Exception as exc:  # noqa: BLE001 - any failure is the answer, reported as such
        logger.warning("readiness check %s failed: %s", check.__name__, exc)
        result = {"ok": False, "error": f"{type(exc).__name__}: {str(exc)[:200]}"}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def check_cache() -> dict:
    key, value = f"saylo:readyz:{secrets.token_hex(4)}", secrets.token_hex(4)
    cache.set(key, value, timeout=10)
    ok = cache.get(key) == value
    cache.delete(key)
    return {"ok": ok, "backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def check_worker() -> dict:
    from interviews.models import WorkerHeartbeat

    backend = settings.TASKS_BACKEND
    if backend == "immediate":
        return {"ok": True, "backend": backend, "detail": "Tasks run inside the web process; no worker is needed."}
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
    """How much work waits, and for how long (informational: never fails readiness alone)."""
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


@never_cache
def readyz(request):
    checks = {"database": _timed(check_database), "cache": _timed(check_cache)}
    if checks["database"]["ok"]:
        checks["worker"] = _timed(check_worker)
        checks["queue"] = _timed(check_queue)
    else:
        checks["worker"] = {"ok": False, "error": "not checked: the database is unreachable"}
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse({"ok": ok, "checks": checks}, status=200 if ok else 503)
