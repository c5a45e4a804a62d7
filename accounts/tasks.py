"""Background tasks of accounts. Each takes ids, calls a service and logs; running one twice changes nothing.

Services queue these through `core.work` (`work_request(DATA_EXPORT, export.pk)`); the task registers
there under its kind when the app loads, so services never import this module.
"""

import logging

from django_tasks import task

from core import work

logger = logging.getLogger("saylo.tasks")


@work.work_register(work.DATA_EXPORT)
@task()
def build_data_export(export_id: int) -> str:
    from accounts.data import data_export_build

    outcome = data_export_build(export_id=export_id)
    logger.info("build_data_export %s -> %s", export_id, outcome)
    return outcome
