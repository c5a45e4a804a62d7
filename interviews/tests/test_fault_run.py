"""The fault run (CI's PostgreSQL pass): real task workers on a shared database, a real Redis, and
everything that goes wrong in production at once.

Two interviews are being prepared and two are being scored when the task worker is killed during
preparation, its replacement is killed during scoring, the content cache's Redis is stopped while
the candidate walks their pages, and the database terminates every connection the app holds. At the
end every interview has reached a final state (ready, scored) or says what stopped and offers a
retry, and no answer given is lost.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.work import PREPARE, work_request
from interviews.models import InterviewSession, InterviewWork, TranscriptTurn, WorkerHeartbeat
from interviews.tests.factories import SessionFactory, TurnFactory, ready_session

ROOT = Path(__file__).resolve().parents[2]
FINAL = {InterviewSession.Status.READY, InterviewSession.Status.SCORED}

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the workers are other processes: rows must be committed
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="the fault run stops a Redis of its own: needs redis-server"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis(port: int) -> subprocess.Popen:
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    pytest.fail("redis-server did not start")


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    pytest.fail(f"waited {seconds:.0f} s for {what}")


class Workers:
    """`manage.py db_worker` processes on the test database, as an operator runs them."""

    def __init__(self, settings, gemini_port: int, cache_url: str):
        db = settings.DATABASES["default"]
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "TASKS_BACKEND": "db", "CACHE_URL": cache_url, "DEBUG": "true", "PYTHONPATH": str(ROOT),
            # A "Gemini" that accepts and never answers: a task hangs mid-step, where a kill hurts most.
            "COACH_ENGINE": "gemini", "GEMINI_API_KEY": "test-key", "GEMINI_BASE_URL": f"http://127.0.0.1:{gemini_port}",
            "GEMINI_TIMEOUT_SECONDS": "120", "WORKER_HEARTBEAT_SECONDS": "0.2",
            "WORKER_LOST_SECONDS": "1", "WORKER_RECOVERY_SECONDS": "0.3",
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.running: list[subprocess.Popen] = []

    def start(self, **env) -> subprocess.Popen:
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
                                  cwd=ROOT, env={**self.env, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.running.append(worker)
        return worker

    def stop_all(self):
        for worker in self.running:
            if worker.poll() is None:
                worker.terminate()
        for worker in self.running:
            try:
                worker.wait(10)
            except subprocess.TimeoutExpired:
                worker.kill()


def _preparing(user) -> InterviewSession:
    """An interview just asked for, as `interview_create` leaves it: preparing, its task queued."""
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING, prepared_at=None)
    InterviewWork.note(session.pk, prepare_enqueued_at=timezone.now())
    work_request(PREPARE, session.pk)
    return session


def _answered(user, client) -> InterviewSession:
    session = ready_session(user, questions=2)
    InterviewSession.objects.filter(pk=session.pk).update(status=InterviewSession.Status.LIVE, started_at=timezone.now())
    for question in session.questions.all():
        TurnFactory(session=session, question=question, role=TranscriptTurn.Role.INTERVIEWER, text=question.text)
        TurnFactory(session=session, question=question, text="At Northwind I rebuilt billing and cut failures by 35%.")
    response = client.post(reverse("interviews:end", args=[session.pk]), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return session


def _started(session_ids) -> set[int]:
    started = set()
    for work in InterviewWork.objects.filter(session_id__in=session_ids):
        if work.prepare_started_at or work.score_started_at:
            started.add(work.session_id)
    return started


def test_killed_workers_a_stopped_redis_and_dropped_connections_end_every_interview_final_or_retryable(
        client_user, user, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the workers are other processes sharing the database: run on PostgreSQL (CI's second pass does)")
    redis_port = _free_port()
    redis = _redis(redis_port)
    cache_url = f"redis://127.0.0.1:{redis_port}/0"
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": cache_url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.3, "SOCKET_TIMEOUT": 0.3, "IGNORE_EXCEPTIONS": True}}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    workers = Workers(settings, silent.getsockname()[1], cache_url)
    try:
        # Queued in this order, so the first worker prepares and the second scores when it is killed.
        first_preparing = _preparing(user)
        scoring = [_answered(user, client_user), _answered(user, client_user)]
        preparing = [first_preparing, _preparing(user)]
        sessions = preparing + scoring
        ids = [session.pk for session in sessions]
        answers = {session.pk: session.turns.filter(role=TranscriptTurn.Role.CANDIDATE).count() for session in scoring}

        # 1. The worker is killed while it prepares (its Gemini call hanging).
        first = workers.start()
        hit = _wait(lambda: _started(ids), 40, "the first worker to start a task")
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)

        # 2. Its replacement takes up other work and is killed in turn, mid-task.
        second = workers.start()
        assert hit == {first_preparing.pk}
        _wait(lambda: _started(ids) - hit, 40, "the second worker to start another task")
        assert _started(ids) - hit == {scoring[0].pk}  # killed while scoring
        os.kill(second.pid, signal.SIGKILL)
        second.wait(10)

        # 3. Redis stops while the candidate walks their pages: every page still answers.
        redis.terminate()
        redis.wait(10)
        pages = [reverse("dashboard"), reverse("interviews:list")]
        pages += [reverse("interviews:detail", args=[pk]) for pk in ids]
        pages += [reverse("interviews:results", args=[session.pk]) for session in scoring]
        for url in pages:
            assert client_user.get(url).status_code == 200, url
        redis = _redis(redis_port)

        # 4. A healthy worker (the offline coach) starts; the database then drops every connection the app holds.
        healthy = workers.start(COACH_ENGINE="offline")
        _wait(lambda: WorkerHeartbeat.objects.filter(pid=healthy.pid).exists(), 20, "the healthy worker's first beat")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            assert cursor.rowcount >= 1

        def settled():
            rows = list(InterviewSession.objects.filter(pk__in=ids))
            return rows if all(row.status in FINAL | {InterviewSession.Status.FAILED} for row in rows) else None

        rows = _wait(settled, 90, "every interview to be ready, scored or failed")
    finally:
        workers.stop_all()
        silent.close()
        if redis.poll() is None:
            redis.terminate()
            redis.wait(10)

    by_id = {row.pk: row for row in rows}
    # Each task was killed once: the workers take it up again by themselves, so every interview ends
    # final (a task killed twice ends "Needs attention" with a retry: test_faults covers that path).
    assert {pk: row.status for pk, row in by_id.items()} == {pk: (InterviewSession.Status.READY if pk in {s.pk for s in preparing}
                                                              else InterviewSession.Status.SCORED) for pk in ids}
    recovered = {row.pk for row in rows if row.work.recoveries}
    assert recovered == {first_preparing.pk, scoring[0].pk}  # each killed task was taken up again by itself
    for pk, count in answers.items():  # no answer lost, whatever happened
        assert TranscriptTurn.objects.filter(session_id=pk, role=TranscriptTurn.Role.CANDIDATE).count() == count == 2
    for session in preparing:
        assert session.questions.count() >= 1
    for session in scoring:
        assert client_user.get(reverse("interviews:results", args=[session.pk])).status_code == 200
