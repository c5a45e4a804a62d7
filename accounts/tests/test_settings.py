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


SECRET = "p9Vq3xR7mT2wL8nK4cY6bZ1hJ5dF0gSaUeIoQzXvBnMlKjHgFdSa"
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "example.com"}


# --- Mail in production (issue 20, finding 7) ------------------------------------------------------

def test_check_deploy_fails_without_a_mail_server():
    result = _manage("check", "--deploy", **PRODUCTION)
    assert result.returncode != 0 and "saylo.E001" in result.stderr and "EMAIL_URL" in result.stderr


def test_check_deploy_fails_on_the_console_backend_named_explicitly():
    result = _manage("check", "--deploy", EMAIL_URL="consolemail://", **PRODUCTION)
    assert result.returncode != 0 and "saylo.E001" in result.stderr


def test_check_deploy_accepts_the_console_backend_when_the_operator_opts_in():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", EMAIL_URL="consolemail://", EMAIL_CONSOLE_OK="true",
                     **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


RESET_SCRIPT = """
from django.core import mail
from django.conf import settings
print("backend:", settings.EMAIL_BACKEND)
mail.send_mail("Password reset", "Reset it here: https://example.com/accounts/password/reset/key/SECRETLINK/",
               "hello@example.com", ["maya@example.com"])
"""


def test_a_reset_mail_is_never_printed_in_production_without_the_opt_in():
    for extra in ({}, {"EMAIL_URL": "consolemail://"}):
        result = _manage("shell", "-c", RESET_SCRIPT, **PRODUCTION, **extra)
        assert result.returncode == 0, result.stderr
        assert "backend: core.mail.UnconfiguredEmailBackend" in result.stdout
        assert "SECRETLINK" not in result.stdout + result.stderr and "maya@example.com" not in result.stdout + result.stderr
        assert "A mail was not sent" in result.stdout + result.stderr


def test_a_reset_mail_is_printed_when_the_operator_asked_for_it():
    result = _manage("shell", "-c", RESET_SCRIPT, EMAIL_URL="consolemail://", EMAIL_CONSOLE_OK="true", **PRODUCTION)
    assert result.returncode == 0 and "SECRETLINK" in result.stdout


# --- Which runtime (issue 19) -----------------------------------------------------------------------

def _manage_bare(*args, **env):
    """manage.py as a server shell would run it: no SAYLO_RUNTIME, DEBUG or settings module from this test run."""
    dropped = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SAYLO_RUNTIME", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE, env=full_env,
                          capture_output=True, text=True, timeout=120)


def test_manage_py_on_a_server_does_not_switch_debug_on_by_itself():
    result = _manage_bare("check")
    assert result.returncode != 0 and "SECRET_KEY is missing" in result.stderr
    shown = _manage_bare("shell", "-c", "from django.conf import settings; print('debug', settings.DEBUG)",
                         SECRET_KEY=SECRET, ALLOWED_HOSTS="example.com")
    assert shown.returncode == 0 and "debug False" in shown.stdout


def test_a_local_run_says_so_explicitly():
    code = "from django.conf import settings; print('debug', settings.DEBUG, settings.CACHES['default']['BACKEND'])"
    result = _manage_bare("shell", "-c", code, SAYLO_RUNTIME="local")
    assert result.returncode == 0 and "debug True django.core.cache.backends.locmem.LocMemCache" in result.stdout
    assert _manage_bare("check", SAYLO_RUNTIME="typo").returncode != 0


def test_tests_run_on_the_test_settings_chosen_by_pytest_config():
    from django.conf import settings

    assert os.environ["DJANGO_SETTINGS_MODULE"] == "saylo.settings_test"
    assert settings.TESTING is True and settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    source = (BASE / "saylo" / "settings.py").read_text()
    assert "sys.modules" not in source and "sys.argv" not in source  # no sniffing for the test runner
