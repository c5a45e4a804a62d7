"""Asking for background work: the one module through which services queue a task.

Services say what they need done — `work_request(PREPARE, session.pk)` — and each app's `tasks.py`
defines the tasks that do it, each registered here under its kind when the app loads (the app
config's `ready`). Tasks call services; services never import tasks: the dependency runs one way,
and a service can be called from a test, a command or the video agent without the queue.

Work cannot be lost between the caller's commit and the queue: when the queue is the database itself
(TASKS_BACKEND=db) the task's row is written in the caller's transaction, so both commit or neither
does. Another queue (RQ on Redis) cannot share the transaction, so it is queued after commit, and a
failure there is logged and left to stale-task recovery and the "Try again" button, instead of
failing a request whose state change already committed.
"""

import logging

from django.db import transaction

logger = logging.getLogger("saylo.tasks")

# The kinds of work, and what the task registered for each calls.
PREPARE = "prepare"  # interviews: interview_prepare(session_id)
CHEATSHEET_PDF = "cheatsheet_pdf"  # interviews: pdf_regenerate_run(session_id)
SCORE = "score"  # interviews: interview_score_after_end(session_id)
RESCORE = "rescore"  # interviews: interview_rescore_requested(session_id, trigger)
READ_RESUME = "read_resume"  # resumes: resume_read(resume_id)
REREAD_RESUME = "reread_resume"  # resumes: resume_reparse(resume), a staff action
REPORT_PDF = "report_pdf"  # interviews: report_pdf_print(run_id)
DATA_EXPORT = "data_export"  # accounts: data_export_build(export_id)

_TASKS = {}


def work_register(kind: str):
    """Decorator for a django-tasks Task: the task that does `kind` of work."""
    def register(task_):
        _TASKS[kind] = task_
        return task_
    return register


def work_request(kind: str, *args) -> None:
    """Queue the task registered for `kind` with `args` (see the module's docstring for when)."""
    from django_tasks_db.backend import DatabaseBackend

    try:
        task_ = _TASKS[kind]
    except KeyError:
        raise LookupError(f"no task does {kind!r} work: is the app's tasks module imported by its AppConfig.ready?") from None
    if isinstance(task_.get_backend(), DatabaseBackend):
        task_.enqueue(*args)  # a row in the caller's transaction
        return

    def _send():
        try:
            task_.enqueue(*args)
        except Exception:
            logger.exception("could not queue %s%s; stale-task recovery will queue it again", task_.name, args)

    transaction.on_commit(_send)
