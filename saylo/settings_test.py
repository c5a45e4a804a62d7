"""Settings for the test suite (pytest selects them: pyproject.toml).

The project's settings as a developer's machine has them (`SAYLO_RUNTIME=local`, unless the run
says otherwise), with what tests need on top: tasks run inline, passwords hash fast, and every
cache is local memory of this process.
"""

import os

# Before the base settings read it. Test processes that start `manage.py` (a worker, a deploy check)
# inherit it and set DEBUG or SAYLO_RUNTIME themselves where they play a server.
os.environ.setdefault("SAYLO_RUNTIME", "local")

from saylo import settings as _base  # noqa: E402
from saylo.settings import *  # noqa: E402, F403

TESTING = True

# Tasks run inside the test unless a run asks for a real queue (TASKS_BACKEND=db).
TASKS_BACKEND = _base.env.str("TASKS_BACKEND", default="immediate")
TASKS = {"default": _base._TASK_BACKENDS[TASKS_BACKEND]}

# Hashing a password properly takes ~100 ms by design; tests create hundreds of users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
