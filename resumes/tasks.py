"""Background tasks of resumes. Each takes ids, calls a service and logs; running one twice changes nothing.

Services queue these through `core.work` (`work_request(READ_RESUME, resume.pk)`); the task
registers there under its kind when the app loads, so services never import this module.
"""

import logging

from django_tasks import task

from core import work

logger = logging.getLogger("saylo.tasks")


@work.work_register(work.READ_RESUME)
@task()
def read_resume(resume_id: int) -> str:
    from resumes.services import resume_read

    resume = resume_read(resume_id=resume_id)
    outcome = "nothing to read" if resume is None else resume.parse_status
    logger.info("read_resume %s -> %s", resume_id, outcome)
    return outcome


@work.work_register(work.REREAD_RESUME)
@task()
def reread_resume(resume_id: int) -> str:
    from resumes.models import Resume
    from resumes.services import resume_reparse

    resume = Resume.objects.filter(pk=resume_id).exclude(parse_status=Resume.Status.READING).first()
    outcome = "nothing to read" if resume is None else resume_reparse(resume=resume).parse_status
    logger.info("reread_resume %s -> %s", resume_id, outcome)
    return outcome
