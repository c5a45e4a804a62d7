"""Background work that stopped: telling it apart from work still running, and recovering.

A session waits on a worker twice: while it is prepared and while it is scored. That wait is
healthy, *not started* (queued but no worker picked it up within `TASK_START_GRACE_SECONDS`) or
*stuck* (a worker started it, then its process died — its heartbeat stopped — or it has run past
`TASK_TIME_LIMIT_SECONDS`). The session and results pages show the last two with a "Try again"
button. Every task worker sweeps for such work when it starts and every `WORKER_RECOVERY_SECONDS`
(`recovery_sweep`, from its heartbeat thread; `manage.py recover_stale_tasks` does the same by hand):
not-started work is queued again when a worker is alive; work whose worker died is queued again
once (a restart, a deploy, a machine lost), and marked failed with a reason the candidate can act
on when its worker dies a second time or it ran past the time limit — a task that killed its worker
(out of memory on a hostile input, say) would kill the next one too, so the retry after that is the
candidate's deliberate, rate-limited act.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.work import PREPARE, RESCORE, SCORE, work_request
from interviews.lifecycle import Status, session_transition, session_transition_if
from interviews.models import Cheatsheet, InterviewSession, InterviewWork, ScoreRun
from interviews.selectors import newest_run
from interviews.workers import worker_is_lost, workers_alive
from resumes.services import resume_reading_recover

logger = logging.getLogger("saylo.recovery")

OK, NOT_STARTED, STUCK = "ok", "not_started", "stuck"

PREPARE_NOT_STARTED = "Preparation has not started after {grace} s — is the worker running?"
PREPARE_STUCK = ("Preparation stopped part-way: the worker preparing it stopped or took too long. "
                 "What was finished is kept — retry to carry on from there.")
SCORE_NOT_STARTED = "Scoring has not started after {grace} s — is the worker running? Your answers are saved."
SCORE_STUCK = ("Scoring stopped part-way: the worker scoring it stopped or took too long. "
               "Your answers are saved — press “Score again”.")
STOPPED = {
    ("prepare", "database"): ("Preparation stopped because the database connection dropped. What was finished is "
                              "kept — retry in a moment to carry on."),
    ("prepare", "error"): ("Preparation stopped on an unexpected error. What was finished is kept — retry; if it "
                           "fails again, try another job posting or fewer questions."),
    ("score", "database"): ("Scoring stopped because the database connection dropped. Your answers are saved — press "
                            "“Score again” in a moment."),
    ("score", "error"): ("Scoring stopped on an unexpected error. Your answers are saved — press “Score again”; "
                         "your earlier scores, if any, are kept."),
}
SCORING_WAIT = {InterviewSession.Status.FINISHED, InterviewSession.Status.SCORING}


AUTO_RECOVERIES = 1  # times work whose worker died is queued again before it is marked failed
WORKER_LOST = "worker_lost"


@dataclass(frozen=True)
class TaskHealth:
    kind: str  # "prepare" | "score"
    state: str  # ok | not_started | stuck
    message: str = ""
    cause: str = ""  # for stuck work: WORKER_LOST, or "" (ran past the time limit)

    @property
    def ok(self) -> bool:
        return self.state == OK


def _grace() -> timedelta:
    return timedelta(seconds=settings.TASK_START_GRACE_SECONDS)


def _limit() -> timedelta:
    return timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS)


def preparation_health(session: InterviewSession, *, now=None) -> TaskHealth | None:
    """How the preparation of a session that is being prepared is going; None when it is not."""
    if session.status != InterviewSession.Status.PREPARING:
        return None
    now = now or timezone.now()
    work = session.work
    if work.prepare_started_at is None:
        if work.prepare_enqueued_at is not None and now - work.prepare_enqueued_at > _grace():
            return TaskHealth("prepare", NOT_STARTED, PREPARE_NOT_STARTED.format(grace=int(_grace().total_seconds())))
        return TaskHealth("prepare", OK)
    if worker_is_lost(work.worker, now=now):
        return TaskHealth("prepare", STUCK, PREPARE_STUCK, cause=WORKER_LOST)
    if now - work.prepare_started_at > _limit():
        return TaskHealth("prepare", STUCK, PREPARE_STUCK)
    return TaskHealth("prepare", OK)


def scoring_pending(session: InterviewSession, newest_run_at) -> bool:
    """Is a score (first or again) asked for and not written yet?"""
    if session.status in SCORING_WAIT:
        return True
    asked = session.work.score_enqueued_at
    return bool(asked and newest_run_at and asked > newest_run_at)


def scoring_health(session: InterviewSession, *, newest_run_at=None, now=None) -> TaskHealth | None:
    """How the scoring asked for is going; None when no score is awaited."""
    if not scoring_pending(session, newest_run_at):
        return None
    now = now or timezone.now()
    work = session.work
    asked = work.score_enqueued_at or session.ended_at or session.updated_at
    started = work.score_started_at
    if started is None or (asked and started < asked):
        if asked and now - asked > _grace():
            return TaskHealth("score", NOT_STARTED, SCORE_NOT_STARTED.format(grace=int(_grace().total_seconds())))
        return TaskHealth("score", OK)
    if worker_is_lost(work.worker, now=now):
        return TaskHealth("score", STUCK, SCORE_STUCK, cause=WORKER_LOST)
    if now - started > _limit():
        return TaskHealth("score", STUCK, SCORE_STUCK)
    return TaskHealth("score", OK)


def _current_step(session_id: int) -> str:
    cheatsheet = Cheatsheet.objects.filter(session_id=session_id).only("pdf").first()
    if not InterviewSession.objects.get(pk=session_id).questions.exists():
        return InterviewSession.Step.QUESTIONS
    if cheatsheet is None:
        return InterviewSession.Step.CHEATSHEET
    return InterviewSession.Step.PDF


@transaction.atomic
def task_stopped(*, session_id: int, kind: str, cause: str = "error", reason: str = "") -> bool:
    """Record that the preparation or scoring of a session stopped and will not finish by itself:
    a prepared session becomes failed at its current step (Retry carries on from there); a scored
    one becomes failed at the score step, or — when it has earlier runs — keeps them and says
    why the new one is missing. Returns False when the session had moved on meanwhile."""
    reason = reason or STOPPED.get((kind, cause), STOPPED[(kind if kind in {"prepare", "score"} else "score", "error")])
    if kind == "prepare":
        step = _current_step(session_id)
        return session_transition_if(InterviewSession, session_id, source=[Status.PREPARING], target=Status.FAILED,
                                     failed_step=step, failure_reason=reason)
    if kind == "pdf":
        return bool(Cheatsheet.objects.filter(session_id=session_id).update(
            pdf_error="The PDF could not be printed. Try again in a moment.", pdf_requested_at=None))
    session = InterviewSession.objects.select_for_update().get(pk=session_id)
    stopped = {"failed_step": InterviewSession.Step.SCORE, "failure_reason": reason}
    if session.score_runs.exists() and session.status in {*SCORING_WAIT, Status.FAILED, Status.SCORED}:
        # The earlier score stays; nothing is pending any more, so the page stops waiting.
        session_transition(session, Status.SCORED, **stopped)
        InterviewWork.note(session.pk, score_enqueued_at=None)
    elif session.status in SCORING_WAIT:
        session_transition(session, Status.FAILED, **stopped)
    elif session.status == Status.FAILED:
        _failure_noted(session, **stopped)
    else:
        return False
    return True


def _failure_noted(session: InterviewSession, **fields) -> None:
    """A session already failed: only its reason changes (no transition)."""
    for name, value in fields.items():
        setattr(session, name, value)
    session.save(update_fields=[*fields, "updated_at"])


@dataclass(frozen=True)
class StaleTask:
    session: InterviewSession
    health: TaskHealth


def stale_tasks_find(*, now=None) -> list[StaleTask]:
    """Every session whose preparation or scoring has not started in time or is stuck."""
    now = now or timezone.now()
    candidates = (
        InterviewSession.objects.annotate(newest_run_at=newest_run("created_at"))
        .filter(Q(status__in=[InterviewSession.Status.PREPARING, *SCORING_WAIT])
                | Q(work__score_enqueued_at__isnull=False, work__score_enqueued_at__gt=F("newest_run_at")))
        .select_related("work")
        .defer("resume_snapshot", "job_snapshot", "match_snapshot")
        .order_by("pk")
    )
    found = []
    for session in candidates:
        health = preparation_health(session, now=now) or scoring_health(session, newest_run_at=session.newest_run_at, now=now)
        if health is not None and not health.ok:
            found.append(StaleTask(session=session, health=health))
    return found


def _queue_again(session: InterviewSession, kind: str) -> None:
    if kind == "prepare":
        InterviewWork.note(session.pk, prepare_enqueued_at=timezone.now())
        work_request(PREPARE, session.pk)
        return
    InterviewWork.note(session.pk, score_enqueued_at=timezone.now())
    if session.status in SCORING_WAIT and not session.score_runs.exists():
        work_request(SCORE, session.pk)
    else:
        work_request(RESCORE, session.pk, ScoreRun.Trigger.CANDIDATE)


def _orphaned_task_rows_fail(session_id: int) -> int:
    """The database queue's rows of this session's tasks that a dead worker left RUNNING: marked failed,
    so the queue's own view (and its pruning) agrees with what happened."""
    if settings.TASKS_BACKEND != "db":
        return 0
    from django_tasks_db.models import DBTaskResult

    rows = [row.pk for row in DBTaskResult.objects.filter(status="RUNNING", task_path__startswith="interviews.tasks.")
            if (row.args_kwargs or {}).get("args", [None])[:1] == [session_id]]
    return DBTaskResult.objects.filter(pk__in=rows).update(
        status="FAILED", finished_at=timezone.now(), exception_class_path="saylo.WorkerLost",
        traceback="The worker process running this task stopped; the task was queued again.")


def recovery_sweep() -> list[str]:
    """Recover every stale task once (see the module's docstring), and every resume whose reading
    stopped (`resume_reading_recover`); what a worker's heartbeat thread runs. One process at a time
    across the fleet (a lock in the shared cache); returns one line per session or resume handled."""
    from django.core.cache import cache

    if not cache.add("saylo:recovery-sweep", "1", timeout=max(5, int(settings.WORKER_RECOVERY_SECONDS))):
        return []
    try:
        done = []
        for stale in stale_tasks_find():
            outcome = stale_task_recover(stale=stale)
            logger.info("recovery: session %s (%s, %s): %s", stale.session.pk, stale.health.kind, stale.health.state,
                        outcome)
            done.append(f"session {stale.session.pk}: {outcome}")
        for line in resume_reading_recover():  # resumes whose read was lost with its worker, or by the queue
            logger.info("recovery: %s", line)
            done.append(line)
        return done
    finally:
        cache.delete("saylo:recovery-sweep")


def stale_task_recover(*, stale: StaleTask) -> str:
    """Queue not-started work again when a worker is alive to take it; mark stuck work failed.
    Returns what was done, in a few words."""
    session, health = stale.session, stale.health
    lost = health.cause == WORKER_LOST and session.work.recoveries < AUTO_RECOVERIES
    if health.state == NOT_STARTED or lost:
        if not workers_alive().exists():
            return "waiting: no worker is alive to take it"
        with transaction.atomic():
            if lost:
                InterviewWork.note(session.pk, recoveries=F("recoveries") + 1, worker="",
                                   **{f"{'prepare' if health.kind == 'prepare' else 'score'}_started_at": None})
                _orphaned_task_rows_fail(session.pk)
            _queue_again(session, health.kind)
        return "queued again: its worker was lost" if lost else "queued again"
    changed = task_stopped(session_id=session.pk, kind=health.kind,
                           reason=PREPARE_STUCK if health.kind == "prepare" else SCORE_STUCK)
    return "marked failed" if changed else "moved on meanwhile"
