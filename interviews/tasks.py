"""Background tasks. Each takes ids, calls a service and logs; running one twice changes nothing.

Services queue these through `core.work` (`work_request(kind, …)`); each task registers there
under its kind, so services never import this module. Every task body runs in `_run`: a dropped
database connection is retried on a fresh connection, and a task that still fails marks its session
failed with a sentence the candidate can act on, never leaves it "preparing" or "scoring".
"""

import logging
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django_tasks import task

from core import work

logger = logging.getLogger("saylo.tasks")

DB_ATTEMPTS = 3
DB_RETRY_DELAY = 0.5  # seconds, times the attempt number


def _fresh_connection() -> bool:
    """Drop a connection that failed under us so the next query reconnects. False inside a
    transaction (it belongs to the caller, e.g. a test): then there is nothing safe to retry."""
    if connection.in_atomic_block:
        return False
    connection.close()
    return True


def _run(kind: str, session_id: int, body):
    from interviews.services.recovery import task_stopped

    for attempt in range(1, DB_ATTEMPTS + 1):
        try:
            return body()
        except (OperationalError, InterfaceError) as exc:
            retry = _fresh_connection() and attempt < DB_ATTEMPTS
            logger.warning("%s %s: database error on attempt %s (%s)%s", kind, session_id, attempt, exc,
                           ", retrying" if retry else "")
            if not retry:
                _mark_stopped(task_stopped, kind, session_id, "database")
                raise
            time.sleep(DB_RETRY_DELAY * attempt)
        except Exception:
            logger.exception("%s %s failed", kind, session_id)
            _mark_stopped(task_stopped, kind, session_id, "error")
            raise


def _mark_stopped(task_stopped, kind: str, session_id: int, cause: str) -> None:
    try:
        task_stopped(session_id=session_id, kind=kind, cause=cause)
    except DatabaseError:
        # Still no database: the stale-task check reports the session once it is back.
        logger.exception("%s %s: could not record the failure", kind, session_id)
        _fresh_connection()


@work.work_register(work.PREPARE)
@task()
def prepare_interview(session_id: int) -> str:
    from interviews.services.preparation import interview_prepare

    session = _run("prepare", session_id, lambda: interview_prepare(session_id=session_id))
    logger.info("prepare_interview %s -> %s", session_id, session.status)
    return session.status


@work.work_register(work.CHEATSHEET_PDF)
@task()
def render_cheatsheet_pdf(session_id: int) -> str:
    from interviews.services.preparation import pdf_regenerate_run

    return _run("pdf", session_id, lambda: pdf_regenerate_run(session_id=session_id))


@work.work_register(work.SCORE)
@task()
def score_interview(session_id: int) -> str:
    from interviews.services.scoring import interview_score_after_end

    outcome = _run("score", session_id, lambda: interview_score_after_end(session_id=session_id))
    logger.info("score_interview %s -> %s", session_id, outcome)
    return outcome


@work.work_register(work.RESCORE)
@task()
def rescore_interview(session_id: int, trigger: str) -> str:
    from interviews.services.scoring import interview_rescore_requested

    outcome = _run("score", session_id, lambda: interview_rescore_requested(session_id=session_id, trigger=trigger))
    logger.info("rescore_interview %s -> %s", session_id, outcome)
    return outcome


@work.work_register(work.REPORT_PDF)
@task()
def print_report_pdf(run_id: int) -> str:
    from interviews.services.reports import report_pdf_print

    outcome = report_pdf_print(run_id=run_id)
    logger.info("print_report_pdf %s -> %s", run_id, outcome)
    return outcome
