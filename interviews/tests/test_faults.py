"""Faults in background work end with nothing lost and a sentence a person can act on.

The queue here is the real database backend driven by `db_worker --batch`, not the immediate
backend the rest of the suite uses: what is tested is the hand-off between a request, the queue
and a worker.
"""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import Error as PlaywrightError

from interviews import tasks as task_module
from interviews.models import Cheatsheet, InterviewSession, InterviewWork, ScoreRun, TranscriptTurn, WorkerHeartbeat
from interviews.services import recovery
from interviews.tests.factories import ScoreRunFactory, SessionFactory, TurnFactory, ready_session


@pytest.fixture
def db_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.05", "--no-reload", verbosity=0)


def answered_session(user, **kwargs) -> InterviewSession:
    session = ready_session(user, questions=2, **kwargs)
    for question in session.questions.all():
        TurnFactory(session=session, question=question, role=TranscriptTurn.Role.INTERVIEWER, text=question.text)
        TurnFactory(session=session, question=question, text="At Northwind I rebuilt billing and cut failures by 35%.")
    InterviewSession.objects.filter(pk=session.pk).update(status=InterviewSession.Status.LIVE, started_at=timezone.now())
    return session


def end(client, session):
    return client.post(reverse("interviews:end", args=[session.pk]), HTTP_ACCEPT="application/json")


# --- "A finished interview stayed on 'Scoring your interview…'" -------------------------------------

@pytest.mark.django_db(transaction=True)
def test_a_failed_enqueue_never_leaves_a_finished_interview_without_scoring(client_user, user, db_queue):
    """Ending used to commit `finished` and only then queue the scoring (on_commit). When that
    insert failed (SQLite's lock timeout, Redis away), the request answered 500 *after* the
    commit; the room retried, the retry saw `finished` and queued nothing, and the results page
    waited for a score forever. Now ending and queueing are one transaction."""
    session = answered_session(user)
    real, calls = DatabaseBackend._task_to_db_task, []

    def locked_once(self, *args):
        calls.append(args)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(self, *args)

    with mock.patch.object(DatabaseBackend, "_task_to_db_task", locked_once):
        first = end(client_user, session)
        session.refresh_from_db()
        assert first.status_code == 503 and "Your answers are saved" in first.json()["error"]
        assert session.status == InterviewSession.Status.LIVE  # nothing changed: no finished-without-task
        assert DBTaskResult.objects.count() == 0

        second = end(client_user, session)  # the room retries
        assert second.status_code == 200 and len(calls) == 2
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.FINISHED and DBTaskResult.objects.count() == 1

    run_worker()
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.score_runs.count() == 1
    assert session.turns.count() == 4  # every answer kept


@pytest.mark.django_db(transaction=True)
def test_results_page_says_when_scoring_never_started_and_offers_try_again(client_user, user, settings):
    session = SessionFactory(user=user, status=InterviewSession.Status.FINISHED, ended_at=timezone.now(),
                             score_enqueued_at=timezone.now() - timedelta(seconds=settings.TASK_START_GRACE_SECONDS + 5))
    body = client_user.get(reverse("interviews:results", args=[session.pk])).content.decode()
    assert "Scoring has not started after 30 s — is the worker running? Your answers are saved." in body
    assert ">Try again</button>" in body
    # The section holds still under the button; a hidden poller still reloads the page once scored.
    assert 'hx-trigger="every 1s"' not in body and 'hx-trigger="every 5s" hx-swap="none"' in body

    fresh = SessionFactory(user=user, status=InterviewSession.Status.FINISHED, ended_at=timezone.now(),
                           score_enqueued_at=timezone.now())
    body = client_user.get(reverse("interviews:results", args=[fresh.pk])).content.decode()
    assert "This page updates by itself." in body and "Try again" not in body


# --- A worker killed mid-task -----------------------------------------------------------------------

def _dead_worker(seconds_ago: float) -> str:
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="box:4242:dead01", hostname="box", pid=4242, backend="db",
                                   started_at=now - timedelta(hours=1), seen_at=now - timedelta(seconds=seconds_ago))
    return "box:4242:dead01"


def _live_worker() -> str:
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="box:7:live01", hostname="box", pid=7, backend="db", started_at=now,
                                   seen_at=now)
    return "box:7:live01"


def _scoring_left_by(session, worker, *, recoveries=0):
    now = timezone.now()
    InterviewSession.objects.filter(pk=session.pk).update(
        status=InterviewSession.Status.SCORING, ended_at=now - timedelta(seconds=20))
    InterviewWork.note(session.pk, score_enqueued_at=now - timedelta(seconds=20),
                       score_started_at=now - timedelta(seconds=19), worker=worker, recoveries=recoveries)


@pytest.mark.django_db
def test_scoring_whose_worker_died_is_taken_up_again_and_finishes(client_user, user, settings,
                                                                 django_capture_on_commit_callbacks):
    session = answered_session(user)
    _scoring_left_by(session, _dead_worker(settings.WORKER_LOST_SECONDS + 10))
    body = client_user.get(reverse("interviews:results", args=[session.pk])).content.decode()
    assert "Scoring stopped part-way: the worker scoring it stopped or took too long." in body

    out = StringIO()
    call_command("recover_stale_tasks", stdout=out)
    assert f"session {session.pk} (score, stuck): waiting: no worker is alive" in out.getvalue()

    _live_worker()
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend scores on commit
        call_command("recover_stale_tasks", stdout=out)
    assert f"session {session.pk} (score, stuck): queued again: its worker was lost" in out.getvalue()
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.score_runs.count() == 1
    assert session.work.recoveries == 1 and session.turns.count() == 4


@pytest.mark.django_db
def test_scoring_whose_worker_died_twice_is_marked_failed_and_scored_again_by_the_candidate(
        client_user, user, settings, django_capture_on_commit_callbacks):
    _live_worker()
    session = answered_session(user)
    _scoring_left_by(session, _dead_worker(settings.WORKER_LOST_SECONDS + 10), recoveries=recovery.AUTO_RECOVERIES)

    out = StringIO()
    call_command("recover_stale_tasks", stdout=out)
    assert f"session {session.pk} (score, stuck): marked failed" in out.getvalue()
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.FAILED and session.failed_step == "score"
    assert "Your answers are saved" in session.failure_reason
    body = client_user.get(reverse("interviews:results", args=[session.pk])).content.decode()
    assert "Scoring stopped part-way" in body and ">Score again</button>" in body

    with django_capture_on_commit_callbacks(execute=True):
        client_user.post(reverse("interviews:rescore", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.score_runs.count() == 1
    assert session.turns.count() == 4


@pytest.mark.django_db
def test_a_worker_that_starts_takes_up_work_whose_worker_is_gone_without_cron(user, settings,
                                                                            django_capture_on_commit_callbacks):
    """The heartbeat thread's first beat runs the recovery sweep: no `recover_stale_tasks` from cron."""
    import threading

    from interviews import workers
    from interviews.services.recovery import recovery_sweep

    session = answered_session(user)
    _scoring_left_by(session, _dead_worker(settings.WORKER_LOST_SECONDS + 10))
    stop, swept = threading.Event(), []

    def chores():
        swept.extend(recovery_sweep())
        stop.set()  # one beat is enough here

    with django_capture_on_commit_callbacks(execute=True):
        workers._heartbeat_loop(stop, on_beat=chores)  # this process's own heartbeat makes a worker alive
    assert swept == [f"session {session.pk}: queued again: its worker was lost"]
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.turns.count() == 4


@pytest.mark.django_db
def test_preparation_whose_worker_died_twice_is_reported_and_retried_from_its_step(client_user, user, settings,
                                                                                   django_capture_on_commit_callbacks):
    _live_worker()
    worker = _dead_worker(settings.WORKER_LOST_SECONDS + 10)
    session = ready_session(user, questions=3)  # questions exist: the cheatsheet step was running
    Cheatsheet.objects.filter(session=session).delete()
    InterviewSession.objects.filter(pk=session.pk).update(status=InterviewSession.Status.PREPARING)
    InterviewWork.note(session.pk, prepare_started_at=timezone.now() - timedelta(seconds=30),
                       prepare_enqueued_at=timezone.now() - timedelta(seconds=31), worker=worker,
                       recoveries=recovery.AUTO_RECOVERIES)

    body = client_user.get(reverse("interviews:detail", args=[session.pk])).content.decode()
    assert "Preparation stopped part-way" in body and ">Try again</button>" in body

    out = StringIO()
    call_command("recover_stale_tasks", stdout=out)
    assert "marked failed" in out.getvalue()
    session.refresh_from_db()
    assert (session.status, session.failed_step) == (InterviewSession.Status.FAILED, "cheatsheet")

    with django_capture_on_commit_callbacks(execute=True):
        client_user.post(reverse("interviews:retry", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.READY and session.questions.count() == 3


@pytest.mark.django_db
def test_a_task_running_past_the_time_limit_is_stuck_even_without_heartbeats(user, settings):
    settings.TASK_TIME_LIMIT_SECONDS = 60
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING,
                             prepare_started_at=timezone.now() - timedelta(seconds=61), worker="unknown:1:abc")
    assert recovery.preparation_health(session).state == recovery.STUCK
    session.work.prepare_started_at = timezone.now() - timedelta(seconds=30)
    assert recovery.preparation_health(session).ok


@pytest.mark.django_db
def test_a_live_worker_keeps_its_task_healthy(user, settings):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="box:7:live01", hostname="box", pid=7, backend="db", started_at=now,
                                   seen_at=now)
    session = SessionFactory(user=user, status=InterviewSession.Status.SCORING, score_enqueued_at=now - timedelta(minutes=3),
                             score_started_at=now - timedelta(minutes=3), worker="box:7:live01")
    assert recovery.scoring_health(session).ok
    assert recovery.stale_tasks_find() == []


@pytest.mark.django_db(transaction=True)
def test_not_started_work_is_queued_again_only_when_a_worker_is_alive(user, settings, db_queue):
    old = timezone.now() - timedelta(seconds=settings.TASK_START_GRACE_SECONDS + 5)
    session = answered_session(user)
    InterviewSession.objects.filter(pk=session.pk).update(status=InterviewSession.Status.FINISHED, ended_at=old)
    InterviewWork.note(session.pk, score_enqueued_at=old)
    out = StringIO()
    call_command("recover_stale_tasks", stdout=out)
    assert "waiting: no worker is alive" in out.getvalue() and DBTaskResult.objects.count() == 0

    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="box:8:live02", hostname="box", pid=8, backend="db", started_at=now, seen_at=now)
    call_command("recover_stale_tasks", stdout=out)
    assert "queued again" in out.getvalue() and DBTaskResult.objects.count() == 1
    run_worker()
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED


@pytest.mark.django_db
def test_recover_stale_tasks_dry_run_changes_nothing(user, settings):
    _dead_worker(settings.WORKER_LOST_SECONDS + 10)
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING, worker="box:4242:dead01",
                             prepare_started_at=timezone.now())
    out = StringIO()
    call_command("recover_stale_tasks", "--dry-run", stdout=out)
    assert f"session {session.pk} (prepare, stuck): Preparation stopped part-way" in out.getvalue()
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.PREPARING


@pytest.mark.django_db
def test_a_failed_rescore_keeps_the_old_score_and_stops_waiting(client_user, user, monkeypatch,
                                                                django_capture_on_commit_callbacks):
    run = ScoreRunFactory(session=answered_session(user))
    session = run.session
    InterviewSession.objects.filter(pk=session.pk).update(status=InterviewSession.Status.SCORED)

    class BrokenCoach:
        def score(self, **kwargs):
            raise RuntimeError("coach down")

    monkeypatch.setattr("interviews.services.scoring.get_coach", lambda engine=None: BrokenCoach())
    with django_capture_on_commit_callbacks(execute=True):
        client_user.post(reverse("interviews:rescore", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.score_runs.count() == 1
    body = client_user.get(reverse("interviews:results", args=[session.pk])).content.decode()
    assert "Scoring again…" not in body  # used to wait forever: score_enqueued_at stayed ahead of the run
    assert "The last “Score again” did not finish" in body


# --- The database connection dropped during a task -------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_a_dropped_connection_during_scoring_is_retried_on_a_fresh_one(user, monkeypatch):
    monkeypatch.setattr(task_module, "DB_RETRY_DELAY", 0)
    session = answered_session(user)
    InterviewSession.objects.filter(pk=session.pk).update(status=InterviewSession.Status.FINISHED)
    InterviewWork.note(session.pk, score_enqueued_at=timezone.now())
    real_create, calls = ScoreRun.objects.create, []

    def drop_once(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            _drop_connection()
        return real_create(**kwargs)

    monkeypatch.setattr(ScoreRun.objects, "create", drop_once)
    outcome = task_module.score_interview.call(session.pk)
    session.refresh_from_db()
    assert outcome.startswith("scored") and len(calls) == 2
    assert session.status == InterviewSession.Status.SCORED and session.score_runs.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_database_that_stays_away_fails_the_task_visibly(user, monkeypatch):
    monkeypatch.setattr(task_module, "DB_RETRY_DELAY", 0)
    session = answered_session(user)
    InterviewSession.objects.filter(pk=session.pk).update(status=InterviewSession.Status.FINISHED)
    InterviewWork.note(session.pk, score_enqueued_at=timezone.now())

    def always_down(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(ScoreRun.objects, "create", always_down)
    with pytest.raises(OperationalError):
        task_module.score_interview.call(session.pk)
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.FAILED and session.failed_step == "score"
    assert "database connection dropped" in session.failure_reason and session.turns.count() == 4


@pytest.mark.django_db(transaction=True)
def test_an_unexpected_error_in_preparation_marks_the_step_failed(user, monkeypatch):
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING)
    monkeypatch.setattr("interviews.services.preparation._questions_step",
                        mock.Mock(side_effect=KeyError("bug")))
    with pytest.raises(KeyError):
        task_module.prepare_interview.call(session.pk)
    session.refresh_from_db()
    assert (session.status, session.failed_step) == (InterviewSession.Status.FAILED, "questions")
    assert "unexpected error" in session.failure_reason


def _drop_connection():
    """Cut the connection under Django: on PostgreSQL the server ends the backend, as a restart or
    failover does; on SQLite (a file, nothing to drop) the next query raises what a drop would."""
    if connection.vendor == "postgresql":
        import psycopg

        pid = connection.connection.info.backend_pid
        params = connection.get_connection_params()
        with psycopg.connect(**{k: v for k, v in params.items() if k in {"host", "port", "user", "password", "dbname"}},
                             autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        return
    raise OperationalError("disk I/O error")


# --- A real worker process, killed mid-scoring (PostgreSQL: the worker must share the test database) --

@pytest.mark.django_db(transaction=True)
def test_a_real_worker_killed_mid_scoring_is_replaced_by_the_next_worker_without_cron(client_user, user, settings, db_queue):
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    if connection.vendor != "postgresql":
        pytest.skip("the worker subprocess needs a database it can share: run on PostgreSQL (CI does)")
    silent = socket.socket()  # a "Gemini" that accepts and never answers: scoring hangs mid-task
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    db = settings.DATABASES["default"]
    env = {**os.environ, "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "TASKS_BACKEND": "db", "COACH_ENGINE": "gemini", "GEMINI_API_KEY": "test-key",
           "GEMINI_BASE_URL": f"http://127.0.0.1:{silent.getsockname()[1]}", "GEMINI_TIMEOUT_SECONDS": "60",
           "WORKER_HEARTBEAT_SECONDS": "0.2", "DEBUG": "true", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    session = answered_session(user)
    end(client_user, session)
    worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
                               "--interval", "0.1"], cwd=Path(__file__).resolve().parents[2], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            session.refresh_from_db()
            # scoring has begun (the status moves a moment after `score_started_at` is noted) and the
            # worker holding it is known by its heartbeat
            if (session.status == InterviewSession.Status.SCORING and session.work.score_started_at
                    and WorkerHeartbeat.objects.filter(worker_id=session.work.worker).exists()):
                break
            time.sleep(0.1)
        else:
            pytest.fail("the worker never started scoring")
        os.kill(worker.pid, signal.SIGKILL)  # mid-task: the Gemini call is hanging
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
        silent.close()

    assert session.status == InterviewSession.Status.SCORING
    assert DBTaskResult.objects.get().status == "RUNNING"  # the queue alone would wait forever
    settings.WORKER_LOST_SECONDS = 0.5
    time.sleep(0.7)
    body = client_user.get(reverse("interviews:results", args=[session.pk])).content.decode()
    assert "Scoring stopped part-way" in body and ">Try again</button>" in body

    # The next worker to start takes the work up by itself (no recover_stale_tasks, no cron).
    # Lost after 3 s of silence, not 0.5: on a loaded machine (the suite runs on several workers) the successor's
    # own heartbeats can lag half a second, and its sweep would then take it for lost too and mark the work failed.
    env.update({"COACH_ENGINE": "offline", "WORKER_LOST_SECONDS": "3", "WORKER_RECOVERY_SECONDS": "0.2"})
    successor = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
                                  "--interval", "0.1"], cwd=Path(__file__).resolve().parents[2], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            session.refresh_from_db()
            if session.status == InterviewSession.Status.SCORED:
                break
            time.sleep(0.2)
    finally:
        successor.terminate()
        successor.wait(10)
    assert session.status == InterviewSession.Status.SCORED and session.turns.count() == 4
    assert session.work.recoveries == 1
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "SUCCESSFUL"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_candidate_recovers_a_stuck_scoring_with_try_again(page, user, password, settings):
    """In the browser: the results page of an interview whose worker died says so, and "Try again"
    scores it (tasks run inline on the test server)."""
    worker = _dead_worker(settings.WORKER_LOST_SECONDS + 10)
    session = answered_session(user)
    now = timezone.now()
    InterviewSession.objects.filter(pk=session.pk).update(
        status=InterviewSession.Status.SCORING, ended_at=now)
    InterviewWork.note(session.pk, score_enqueued_at=now - timedelta(seconds=5),
        score_started_at=now - timedelta(seconds=4), worker=worker)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")
    page.goto(f"/interviews/{session.pk}/results/")
    page.get_by_text("Scoring stopped part-way").wait_for()
    page.wait_for_timeout(1500)  # a poll would have replaced the button by now
    page.get_by_role("button", name="Try again").click()
    page.get_by_text("What the score is made of").wait_for(timeout=15000)
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.turns.count() == 4
    assert page.js_errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_signing_in_again_in_another_tab_neither_loses_answers_nor_strands_the_room(page, user, password):
    """Reproduced on the `make run` setup: with the room open, signing in again in another tab
    rotates the CSRF token. The room's posts then got 403: the outbox dropped those answers as
    refused, and ending failed forever under "Saved. Scoring your interview…". The room now reads
    the token from the cookie on every request and keeps a refused answer until it is stored."""
    session = ready_session(user, questions=2)
    _sign_in(page, user, password)
    page.goto(f"/interviews/{session.pk}/room/")
    page.locator("#mute").check()
    page.locator("#begin-button").click()
    page.locator("#answer").fill("At Northwind I rebuilt billing in Python and cut failed payments by 35% in a quarter.")
    page.locator("#next-button").click()
    page.wait_for_timeout(300)

    other_tab = page.context.new_page()
    other_tab.goto("/accounts/login/")
    if "/accounts/login/" in other_tab.url:
        _sign_in(other_tab, user, password)
    else:  # already signed in: sign out and in again, as a person does when unsure
        other_tab.goto("/accounts/logout/")
        other_tab.get_by_role("button", name="Sign Out").click()
        _sign_in(other_tab, user, password)
    other_tab.close()

    for _ in range(20):  # the second question, and any follow-up the coach asks
        if "/results/" in page.url:
            break
        if page.locator("#answer:enabled").count():
            try:  # the room may move on to the results page under our hands
                page.locator("#answer").fill("At Globex I measured slow queries with EXPLAIN and brought p95 from 800 ms to "
                                             "90 ms.", timeout=2000)
                page.locator("#next-button").click(timeout=2000)
            except PlaywrightError:
                pass
        page.wait_for_timeout(500)
    page.wait_for_url(f"**/interviews/{session.pk}/results/", timeout=15000)
    page.get_by_text("What the score is made of").wait_for(timeout=15000)
    answers = list(session.turns.filter(role=TranscriptTurn.Role.CANDIDATE, is_follow_up=False).values_list("text", flat=True))
    assert len(answers) == 2 and "35%" in answers[0] and "800 ms to 90 ms" in answers[1]


def _sign_in(page, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_answer_given_while_signed_out_waits_on_the_device_and_is_sent_after_signing_in(page, user, password):
    """Signed out in another tab, the room's post was redirected to the sign-in page, and the
    outbox took that 200 for "stored": the answer was gone. Now it stays queued, the room says
    why, and it is sent once the candidate signs in again (the interview then carries on)."""
    session = ready_session(user, questions=1)
    _sign_in(page, user, password)
    page.goto(f"/interviews/{session.pk}/room/")
    page.locator("#mute").check()
    page.locator("#begin-button").click()
    page.locator("#answer").wait_for()
    other_tab = page.context.new_page()
    other_tab.goto("/accounts/logout/")
    other_tab.get_by_role("button", name="Sign Out").click()

    page.locator("#answer").fill("At Northwind I rebuilt billing in Python and cut failed payments by 35% in a quarter.")
    page.locator("#next-button").click()
    page.get_by_text("You are signed out. Sign in again in another tab").first.wait_for()
    assert not session.turns.filter(role=TranscriptTurn.Role.CANDIDATE).exists()

    _sign_in(other_tab, user, password)
    other_tab.close()
    page.bring_to_front()
    # Sent once signed in: the room then carries on (with one question, straight on to the results).
    for _ in range(75):
        if session.turns.filter(role=TranscriptTurn.Role.CANDIDATE).exists():
            break
        page.wait_for_timeout(200)
    answer = session.turns.get(role=TranscriptTurn.Role.CANDIDATE)
    assert "35%" in answer.text
    # Let the room finish what it carries on with (ending and scoring, inline under tests) before the
    # test's database is emptied beneath the live server.
    page.wait_for_url(f"**/interviews/{session.pk}/results/")


# --- A queue that is not the database (RQ on Redis) fails after the commit ----------------------------

def _redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url("redis://127.0.0.1:6379/13", socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="no Redis at 127.0.0.1:6379 (CI machines have one)")
@pytest.mark.django_db(transaction=True)
def test_redis_away_at_the_end_of_an_interview_is_recovered_by_the_stale_task_check(client_user, user, settings):
    """Redis cannot share the database transaction: when it is away, ending still succeeds (the
    answers and the finished state are committed), the failure is logged, the results page says
    scoring has not started, and `recover_stale_tasks` queues it again once a worker is alive."""
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:9/0", "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    session = answered_session(user)
    response = end(client_user, session)
    session.refresh_from_db()
    assert response.status_code == 200 and session.status == InterviewSession.Status.FINISHED

    late = timezone.now() - timedelta(seconds=settings.TASK_START_GRACE_SECONDS + 5)
    InterviewWork.note(session.pk, score_enqueued_at=late)
    body = client_user.get(reverse("interviews:results", args=[session.pk])).content.decode()
    assert "Scoring has not started after 30 s" in body

    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/13", "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="box:9:rq", hostname="box", pid=9, backend="rq", started_at=now, seen_at=now)
    out = StringIO()
    call_command("recover_stale_tasks", stdout=out)
    assert "queued again" in out.getvalue() and queue.count == 1
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.turns.count() == 4
