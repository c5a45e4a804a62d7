"""Background tasks. Each takes ids, calls a service and logs; running one twice changes nothing."""

import logging

from django_tasks import task

logger = logging.getLogger("saylo.tasks")


@task()
def prepare_interview(session_id: int) -> str:
    from interviews.services.preparation import interview_prepare

    session = interview_prepare(session_id=session_id)
    logger.info("prepare_interview %s -> %s", session_id, session.status)
    return session.status


@task()
def render_cheatsheet_pdf(session_id: int) -> str:
    from interviews.services.preparation import pdf_regenerate_run

    return pdf_regenerate_run(session_id=session_id)


@task()
def score_interview(session_id: int) -> str:
    from interviews.services.scoring import interview_score_after_end

    outcome = interview_score_after_end(session_id=session_id)
    logger.info("score_interview %s -> %s", session_id, outcome)
    return outcome


@task()
def rescore_interview(session_id: int, trigger: str) -> str:
    from interviews.services.scoring import interview_rescore_requested

    outcome = interview_rescore_requested(session_id=session_id, trigger=trigger)
    logger.info("rescore_interview %s -> %s", session_id, outcome)
    return outcome
