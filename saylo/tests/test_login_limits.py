"""Login limits hold across processes (a shared cache by default in production) and key on the real
client behind a trusted proxy, not on the proxy's address."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from asgiref.local import Local
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

BASE = Path(__file__).resolve().parents[2]
SECRET = "p9Vq3xR7mT2wL8nK4cY6bZ1hJ5dF0gSaUeIoQzXvBnMlKjHgFdSa"


def _settings_in_a_server_process(**env) -> str:
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    full_env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "CACHE_URL", "ALLOWED_HOSTS"}}
    full_env.update({"DEBUG": "false", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "example.com", **env})
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=BASE, env=full_env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_without_cache_url_shares_the_database_cache():
    assert _settings_in_a_server_process() == "core.cache.DatabaseCache"


def test_production_with_cache_url_uses_it():
    assert _settings_in_a_server_process(CACHE_URL="redis://127.0.0.1:6379/1").endswith("RedisCache")


@pytest.fixture
def database_cache(settings, db):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                       "limits": {"BACKEND": "core.cache.DatabaseCache", "LOCATION": "saylo_cache"}}
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS saylo_cache")


def test_migrate_creates_the_cache_table(database_cache):
    assert "saylo_cache" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert "saylo_cache" in connection.introspection.table_names()


def _fresh_process_caches():
    """What a second gunicorn worker sees: its own, newly built cache connections, and none of the
    first worker's local memory."""
    from django.core.cache.backends import locmem

    caches._connections = Local()
    locmem._caches.clear()
    locmem._expire_info.clear()


LOCKED = "Too many failed login attempts. Try again later."


def _login(client, email, password, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def _locked_out(response) -> bool:
    return response.status_code == 200 and LOCKED in response.content.decode()


def test_failed_logins_lock_the_account_across_worker_processes(client, user, password, database_cache):
    call_command("createcachetable", verbosity=0)
    for _ in range(5):
        _fresh_process_caches()  # each wrong password lands on "another worker"
        assert _login(client, user.email, "wrong-password-123").status_code == 200
    _fresh_process_caches()
    response = _login(client, user.email, password)
    assert _locked_out(response)  # even with the right password, on every worker
    assert "_auth_user_id" not in client.session


def _exhaust_ip_limit(client, forwarded_for: str) -> None:
    for n in range(10):  # allauth: 10 failed logins a minute per IP, across different accounts
        _login(client, f"nobody{n}@example.com", "wrong-password-123", REMOTE_ADDR="10.0.0.2",
               HTTP_X_FORWARDED_FOR=forwarded_for)


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_has_its_own_lockout(client, user, password, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    _exhaust_ip_limit(client, "203.0.113.5")
    blocked = _login(client, user.email, password, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert _locked_out(blocked)
    # A client spoofing an address in front of the proxy's entry is still counted as itself.
    spoofed = _login(client, user.email, password, REMOTE_ADDR="10.0.0.2",
                     HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5")
    assert _locked_out(spoofed)
    other = _login(client, user.email, password, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_without_the_setting_everyone_behind_the_proxy_shares_one_lockout(client, user, password, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    _exhaust_ip_limit(client, "203.0.113.5")
    other = _login(client, user.email, password, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _locked_out(other)  # why README tells operators behind a proxy to set it
