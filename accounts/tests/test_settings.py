"""The production guard rails, checked in a fresh interpreter as a server would start."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.mail import EmailMessage

from core.mail import UnconfiguredEmailBackend, check_mail_backend, mail_backend_for

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

RESET_SCRIPT = """
from django.core import mail
from django.core.management import call_command
from django.conf import settings
print("backend:", settings.EMAIL_BACKEND)
mail.send_mail("Password reset", "Reset it here: https://example.com/accounts/password/reset/key/SECRETLINK/",
               "hello@example.com", ["maya@example.com"])
try:
    call_command("check", "--deploy")
except Exception as refused:
    print("check --deploy refused:", refused)
"""


def test_a_server_without_a_mail_server_prints_no_reset_link_and_fails_the_deploy_check():
    """As a server starts with EMAIL_URL unset: the reset mail is dropped (said in the log, content
    not), and `check --deploy` fails with saylo.E001."""
    result = _manage("shell", "-c", RESET_SCRIPT, **PRODUCTION)
    output = result.stdout + result.stderr
    assert result.returncode == 0, result.stderr
    assert "backend: core.mail.UnconfiguredEmailBackend" in output and "A mail was not sent" in output
    assert "SECRETLINK" not in output and "maya@example.com" not in output
    assert "check --deploy refused" in output and "saylo.E001" in output


@pytest.mark.parametrize(("configured", "debug", "console_ok", "used"), [
    ("django.core.mail.backends.console.EmailBackend", False, False, "core.mail.UnconfiguredEmailBackend"),
    ("django.core.mail.backends.filebased.EmailBackend", False, False, "core.mail.UnconfiguredEmailBackend"),
    ("django.core.mail.backends.console.EmailBackend", False, True, "django.core.mail.backends.console.EmailBackend"),
    ("django.core.mail.backends.console.EmailBackend", True, False, "django.core.mail.backends.console.EmailBackend"),
    ("django.core.mail.backends.smtp.EmailBackend", False, False, "django.core.mail.backends.smtp.EmailBackend"),
])
def test_a_backend_that_keeps_mail_locally_is_used_only_in_debug_or_on_request(configured, debug, console_ok, used):
    assert mail_backend_for(configured=configured, debug=debug, console_ok=console_ok) == used


@pytest.mark.parametrize(("backend", "debug", "console_ok", "refused"), [
    ("core.mail.UnconfiguredEmailBackend", False, False, True),
    ("django.core.mail.backends.console.EmailBackend", False, False, True),
    ("django.core.mail.backends.console.EmailBackend", False, True, False),
    ("django.core.mail.backends.smtp.EmailBackend", False, False, False),
    ("django.core.mail.backends.console.EmailBackend", True, False, False),
])
def test_the_deploy_check_refuses_local_mail_without_the_opt_in(settings, backend, debug, console_ok, refused):
    settings.EMAIL_BACKEND, settings.DEBUG, settings.EMAIL_CONSOLE_OK = backend, debug, console_ok
    errors = check_mail_backend()
    assert [error.id for error in errors] == (["saylo.E001"] if refused else [])
    if refused:
        assert "EMAIL_URL" in errors[0].hint and "EMAIL_CONSOLE_OK=true" in errors[0].hint


def test_the_unconfigured_backend_logs_a_drop_without_the_mail(caplog):
    message = EmailMessage("Password reset", "https://example.com/reset/SECRETLINK/", "a@example.com", ["maya@example.com"])
    with caplog.at_level(logging.ERROR, logger="saylo.mail"):
        assert UnconfiguredEmailBackend().send_messages([message]) == 0
    assert "A mail was not sent" in caplog.text and "SECRETLINK" not in caplog.text and "maya" not in caplog.text


# --- Which runtime (issue 19) -----------------------------------------------------------------------

def _manage_bare(*args, **env):
    """manage.py as a server shell would run it: no SAYLO_RUNTIME, DEBUG or settings module from this test run."""
    dropped = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SAYLO_RUNTIME", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE, env=full_env,
                          capture_output=True, text=True, timeout=120)


def test_manage_py_on_a_server_does_not_switch_debug_on_by_itself():
    # Only with DEBUG off does a missing SECRET_KEY stop the start: the default was DEBUG off.
    result = _manage_bare("check")
    assert result.returncode != 0 and "SECRET_KEY is missing" in result.stderr and "DEBUG is off" in result.stderr


def test_a_local_run_says_so_explicitly():
    code = "from django.conf import settings; print('debug', settings.DEBUG, settings.CACHES['default']['BACKEND'])"
    result = _manage_bare("shell", "--no-imports", "-c", code, SAYLO_RUNTIME="local")
    assert result.returncode == 0 and "debug True django.core.cache.backends.locmem.LocMemCache" in result.stdout


def test_tests_run_on_the_test_settings_chosen_by_pytest_config():
    from django.conf import settings

    assert os.environ["DJANGO_SETTINGS_MODULE"] == "saylo.settings_test"
    assert settings.TESTING is True and settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    source = (BASE / "saylo" / "settings.py").read_text()
    assert "sys.modules" not in source and "sys.argv" not in source  # no sniffing for the test runner
