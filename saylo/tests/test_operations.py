"""Running on several machines: /readyz, worker heartbeats, the Redis cache, Sentry."""

import json
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from interviews import workers
from interviews.models import WorkerHeartbeat

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/14"


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _beat(seconds_ago: float = 0) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id=f"box:{int(seconds_ago)}:x", hostname="box", pid=1, backend="db",
                                   started_at=now, seen_at=now - timedelta(seconds=seconds_ago))


# --- /readyz, /readyz/worker, /metrics ----------------------------------------------------------

DEAD_REDIS = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0",
              "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}}


@pytest.mark.django_db
def test_readyz_answers_for_this_web_process_even_with_no_worker(client, settings):
    """A dead task worker must not take every web instance out of the load balancer."""
    settings.TASKS_BACKEND = "db"
    _beat(seconds_ago=settings.WORKER_LOST_SECONDS + 30)
    response = client.get(reverse("readyz"))
    body = response.json()
    assert response.status_code == 200 and body["ok"] is True and body["degraded"] == []
    assert set(body["checks"]) == {"database", "cache", "limits"}
    assert all(check["ok"] for check in body["checks"].values())
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_readyz_worker_is_ready_with_a_recent_worker_heartbeat(client, settings):
    settings.TASKS_BACKEND = "db"
    _beat(seconds_ago=5)
    response = client.get(reverse("readyz_worker"))
    body = response.json()
    assert response.status_code == 200 and body["ok"] is True
    assert body["checks"]["worker"]["alive"] == 1 and body["checks"]["worker"]["last_seen_seconds"] >= 5
    assert body["checks"]["queue"]["depth"] == 0
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_readyz_worker_fails_when_no_worker_was_seen_recently(client, settings):
    settings.TASKS_BACKEND = "db"
    _beat(seconds_ago=settings.WORKER_LOST_SECONDS + 30)
    response = client.get(reverse("readyz_worker"))
    body = response.json()
    assert response.status_code == 503 and body["ok"] is False
    assert body["checks"]["worker"]["alive"] == 0
    assert "No task worker has written a heartbeat" in body["checks"]["worker"]["detail"]


@pytest.mark.django_db
def test_readyz_worker_says_a_worker_less_deployment_needs_no_worker(client, settings):
    settings.TASKS_BACKEND = "immediate"
    body = client.get(reverse("readyz_worker")).json()
    assert body["ok"] is True and "no worker is needed" in body["checks"]["worker"]["detail"]


@pytest.mark.django_db
def test_readyz_reports_a_cache_that_is_down_but_stays_ready(client, settings):
    """Pages render without the cache (test_cache_outage.py), so a Redis every instance shares
    being away is reported, not a reason to pull every instance."""
    settings.TASKS_BACKEND = "immediate"
    settings.CACHES = {"default": DEAD_REDIS, "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    response = client.get(reverse("readyz"))
    body = response.json()
    assert response.status_code == 200 and body["ok"] is True and body["degraded"] == ["cache"]
    assert body["checks"]["cache"]["ok"] is False and "unreachable" in body["checks"]["cache"]["error"]
    assert body["checks"]["limits"]["ok"] is True


@pytest.mark.django_db
def test_readyz_is_not_ready_when_the_database_does_not_answer(client, settings, monkeypatch):
    from saylo import health

    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "check_database", broken)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503 and response.json()["checks"]["database"]["ok"] is False


@pytest.mark.django_db
def test_readyz_worker_reports_the_queue_depth_and_oldest_wait(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS_BACKEND = "db"
    _beat()
    DBTaskResult.objects.create(args_kwargs={"args": [1], "kwargs": {}}, task_path="interviews.tasks.score_interview",
                                backend_name="default")
    queue = client.get(reverse("readyz_worker")).json()["checks"]["queue"]
    assert queue["depth"] == 1 and queue["oldest_seconds"] is not None


def _gauges(body: str) -> dict[str, float]:
    values = {}
    for line in body.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            values[name] = float(value)
    return values


@pytest.mark.django_db
def test_metrics_report_a_dead_worker_as_a_gauge(client, settings):
    settings.TASKS_BACKEND = "db"
    _beat(seconds_ago=settings.WORKER_LOST_SECONDS + 30)
    response = client.get(reverse("metrics"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain; version=0.0.4")
    gauges = _gauges(response.content.decode())
    assert gauges["saylo_ready"] == 1 and gauges['saylo_check_up{check="database"}'] == 1
    assert gauges["saylo_task_workers_up"] == 0 and gauges["saylo_task_workers_alive"] == 0
    assert gauges["saylo_task_worker_last_seen_seconds"] >= settings.WORKER_LOST_SECONDS
    _beat()
    gauges = _gauges(client.get(reverse("metrics")).content.decode())
    assert gauges["saylo_task_workers_up"] == 1 and gauges["saylo_task_workers_alive"] == 1
    assert gauges["saylo_task_queue_depth"] == 0


@pytest.mark.django_db
def test_readyz_and_healthz_are_not_redirected_to_https(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    for probe in ("/healthz", "/readyz", "/readyz/worker", "/metrics"):
        assert client.get(probe).status_code != 301
    assert client.get("/accounts/login/").status_code == 301


# --- Worker heartbeats ---------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "env", "debug", "expected"), [
    (["manage.py", "db_worker"], {}, False, True),
    (["manage.py", "db_worker"], {}, True, False),  # the autoreloader's parent: it runs no tasks
    (["manage.py", "db_worker"], {"RUN_MAIN": "true"}, True, True),  # the reloader's child does
    (["manage.py", "db_worker", "--no-reload"], {}, True, True),
    (["manage.py", "db_worker", "--reload"], {}, False, False),
    (["manage.py", "rqworker", "default"], {}, True, True),
    (["manage.py", "runserver"], {}, True, False),
    (["gunicorn", "saylo.wsgi"], {}, False, False),
])
def test_only_the_process_that_runs_tasks_beats(settings, argv, env, debug, expected):
    settings.DEBUG = debug
    assert workers.is_worker_process(argv, env) is expected


@pytest.mark.django_db
def test_heartbeat_writes_one_row_per_process_and_prunes_old_ones():
    workers.heartbeat_beat()
    workers.heartbeat_beat()
    row = WorkerHeartbeat.objects.get()
    assert row.worker_id == workers.worker_id() and row.pid == os.getpid()
    WorkerHeartbeat.objects.create(worker_id="old:1:x", hostname="old", pid=1, backend="db",
                                   started_at=timezone.now() - timedelta(days=3), seen_at=timezone.now() - timedelta(days=2))
    assert workers.heartbeat_prune() == 1 and WorkerHeartbeat.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_real_db_worker_process_beats_and_stops_beating_when_it_stops(settings, tmp_path):
    """`manage.py db_worker` in its own process, as `make run` starts it, on a SQLite file (or the
    PostgreSQL test database): rows appear while it runs and stop when it is gone."""
    env = {**os.environ, "TASKS_BACKEND": "db", "WORKER_HEARTBEAT_SECONDS": "0.2", "DEBUG": "true"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if connection.vendor == "postgresql":
        db = settings.DATABASES["default"]
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        seen = lambda: WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()  # noqa: E731
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'worker.sqlite3'}"
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=BASE_DIR, env=env, check=True)

        def seen():
            import sqlite3

            with sqlite3.connect(tmp_path / "worker.sqlite3") as db:
                row = db.execute("SELECT max(seen_at) FROM interviews_workerheartbeat").fetchone()
            return row[0]
    # With DEBUG on, db_worker runs under the autoreloader: only its child process may beat.
    worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-startup-delay"], cwd=BASE_DIR, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        first = None
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and first is None:
            first = seen()
            time.sleep(0.1)
        assert first is not None, "the worker never wrote a heartbeat"
        time.sleep(0.6)
        assert seen() > first  # it keeps beating while idle
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(10)
    time.sleep(0.3)
    last = seen()
    time.sleep(0.6)
    assert seen() == last  # gone: no more beats


# --- Shared cache on Redis ----------------------------------------------------------------------

@pytest.mark.skipif(not _redis_answers(), reason="no Redis at 127.0.0.1:6379 (CI machines have one)")
@pytest.mark.django_db
def test_rescore_limit_holds_across_processes_on_a_redis_limits_cache(settings, client_user, user):
    """LIMITS_CACHE_URL=redis://… shares the limits between web processes: two cache clients (as two
    gunicorn workers would have) count one allowance, through django-redis."""
    from core.limits import RESCORE, RateLimited, rate_limit_spend

    config = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "OPTIONS": {"IGNORE_EXCEPTIONS": True}}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "limits": config,
                       "other_process": config}
    settings.RESCORE_PER_HOUR = 2
    caches["limits"].clear()
    try:
        rate_limit_spend(RESCORE, user)
        rate_limit_spend(RESCORE, user)
        assert caches["other_process"].get(f"saylo:rate:rescore:{user.pk}") == 2
        with pytest.raises(RateLimited):
            rate_limit_spend(RESCORE, user)
    finally:
        caches["limits"].clear()


# --- Sentry -------------------------------------------------------------------------------------

class _Envelopes(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


SENTRY_SCRIPT = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saylo.settings")
django.setup()
import saylo.views
def boom(request):
    secret = "resume text: Maya Patel, 12 Elm Street"
    raise RuntimeError("readiness exploded")
saylo.views.healthz = boom
from django.test import Client
from accounts.models import User
Client(raise_request_exception=False).post("/healthz", {"resume_text": "Maya Patel, 12 Elm Street"})
import sentry_sdk
sentry_sdk.flush(5)
"""


def test_sentry_reports_errors_without_personal_data(tmp_path):
    server = HTTPServer(("127.0.0.1", 0), _Envelopes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Envelopes.received = []
    env = {**os.environ, "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/42",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'sentry.sqlite3'}", "ALLOWED_HOSTS": "testserver"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        result = subprocess.run([sys.executable, "-c", SENTRY_SCRIPT], cwd=BASE_DIR, env=env, capture_output=True,
                                text=True, timeout=60)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr[-2000:]
    envelope = b"\n".join(_Envelopes.received).decode()
    assert "readiness exploded" in envelope and "RuntimeError" in envelope
    event = next(json.loads(line) for line in envelope.splitlines() if '"exception"' in line)
    assert event["transaction"] == "/healthz" and event["environment"] == "development"
    assert "Maya Patel" not in envelope and "Elm Street" not in envelope  # no body, no local variables
    assert "cookies" not in event["request"] and "user" not in event and event["request"].get("data") in ("", None)


TOKEN = "F_tK_secretCallbackToken42"
SENTRY_CALLBACK_SCRIPT = f"""
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saylo.settings")
django.setup()
import logging
from django.test import Client
# No tables in this database: looking the session up fails, a real 500 on the callback URL.
Client(raise_request_exception=False).post("/interviews/video/tavus/7.{TOKEN}/", data="{{}}",
                                           content_type="application/json")
logging.getLogger("saylo.video").error("callback for /interviews/video/tavus/7.{TOKEN}/ failed")
import sentry_sdk
sentry_sdk.flush(5)
"""


def test_sentry_events_never_carry_the_tavus_callback_token(tmp_path):
    """A 500 on the callback URL (Sentry records the request URL, the transaction, the log
    breadcrumbs) and an error logged with the URL: the token appears nowhere in what is sent."""
    server = HTTPServer(("127.0.0.1", 0), _Envelopes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Envelopes.received = []
    env = {**os.environ, "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/42",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'sentry.sqlite3'}", "ALLOWED_HOSTS": "testserver"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        result = subprocess.run([sys.executable, "-c", SENTRY_CALLBACK_SCRIPT], cwd=BASE_DIR, env=env,
                                capture_output=True, text=True, timeout=60)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr[-2000:]
    envelope = b"\n".join(_Envelopes.received).decode()
    events = [json.loads(line) for line in envelope.splitlines() if '"exception"' in line or '"logentry"' in line]
    assert len(events) >= 2  # the 500 and the logged error both reached Sentry
    assert "/interviews/video/tavus/7.[redacted]/" in envelope
    assert TOKEN not in envelope
    assert TOKEN not in result.stdout + result.stderr  # nor the process's own log lines


def test_sentry_before_send_redacts_every_string_of_an_event():
    from core.logredact import sentry_before_send

    event = {"request": {"url": f"https://saylo.example.com/interviews/video/tavus/3.{TOKEN}/", "method": "POST"},
             "transaction": f"/interviews/video/tavus/3.{TOKEN}/",
             "breadcrumbs": {"values": [{"message": f"Bad Request: /interviews/video/tavus/3.{TOKEN}/"}]},
             "exception": {"values": [{"value": f"no session for /interviews/video/tavus/3%2E{TOKEN}"}]},
             "extra": {"count": 3}}
    cleaned = sentry_before_send(event, {})
    assert TOKEN not in json.dumps(cleaned)
    assert cleaned["request"]["url"] == "https://saylo.example.com/interviews/video/tavus/3.[redacted]/"
    assert cleaned["extra"] == {"count": 3} and cleaned["request"]["method"] == "POST"
