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

# On SQLite the test database is a file of this run's own (pytest-django adds `_gw0`, `_gw1`… for each
# pytest-xdist worker), not shared-cache memory: the live server's request threads, the agent's threads
# and the test each hold their own connection, as web processes and the task worker do in production,
# with WAL and the busy timeout between them. In shared-cache memory SQLite locks whole tables, so a
# connection a request thread left open answered "database table is locked" to whichever test came next.
if _base.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _run = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))[:12]
    (_base.VAR_DIR / "test-db").mkdir(parents=True, exist_ok=True)
    _base.DATABASES["default"]["TEST"] = {"NAME": str(_base.VAR_DIR / "test-db" / f"run-{_run}.sqlite3")}
