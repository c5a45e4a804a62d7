"""The production guard rails, checked in a fresh interpreter as a server would start."""

import os
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    dropped = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE, env=full_env,
                          capture_output=True, text=True, timeout=120)


def test_debug_off_without_secret_key_refuses_to_start():
    result = _manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is missing or is the development default" in result.stderr


def test_check_deploy_is_silent_with_production_settings():
    secret = "p9Vq3xR7mT2wL8nK4cY6bZ1hJ5dF0gSaUeIoQzXvBnMlKjHgFdSa"
    result = _manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="false", SECRET_KEY=secret,
                     ALLOWED_HOSTS="example.com", EMAIL_URL="smtp+tls://saylo:pw@smtp.example.com:587")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_wsgi_defaults_to_production_mode():
    code = "import os; os.environ.pop('DEBUG', None); import saylo.wsgi"
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "SAYLO_RUNTIME"}}
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
