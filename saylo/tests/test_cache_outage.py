"""A Redis outage and a full Redis (issue 20, findings 14 and 15).

14: with the content cache away (pointed at a port nothing listens on, exactly as settings build a
    `CACHE_URL=redis://…` cache), every signed-in page still answers, a new sign-in works and "Score
    again" works: sessions live in the database and a cache that does not answer reads as a miss.
    With the *limits* store away, limits fail in the documented direction: a candidate's allowances
    let the attempt through (logged), sign-in is refused with a 429 (never a 500).
15: rate-limit and login counters live in their own alias, so content can never push them out.
"""

import logging

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.limits import RESCORE, RateLimited, rate_limit_spend
from interviews.tests.factories import ScoreRunFactory
from saylo import settings as project_settings
from saylo.tests.test_pages_safety import _pages
from saylo.tests.world import build_world

pytestmark = pytest.mark.django_db

DEAD_PORT_URL = "redis://127.0.0.1:9/0"  # the discard port: nothing answers Redis there
LOCAL = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def _dead_redis() -> dict:
    """The cache settings.py builds for a Redis CACHE_URL, pointed where no Redis runs."""
    return project_settings._cache_config(DEAD_PORT_URL, debug=False, database_table="unused", max_entries=1)


@pytest.fixture
def content_cache_down(settings):
    settings.CACHES = {"default": _dead_redis(), "limits": {**LOCAL, "LOCATION": "limits"}}
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert caches["default"].set("probe", 1) is None and caches["default"].get("probe") is None  # really away


@pytest.fixture
def limits_store_down(settings):
    settings.CACHES = {"default": LOCAL, "limits": _dead_redis()}


def test_every_signed_in_page_answers_while_the_content_cache_is_away(content_cache_down):
    candidate = UserFactory()
    world = build_world(candidate)
    client = Client(raise_request_exception=False)
    client.force_login(candidate)
    pages = _pages(world)
    assert len(pages) > 40
    for name, url in pages:
        for extra in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(url, **extra)
            assert response.status_code < 500, f"{name} answered {response.status_code} with the cache away"
    results = client.get(reverse("interviews:results", args=[world.session.pk]))
    assert results.status_code == 200 and world.run.summary in results.content.decode()  # the cached fragment, rendered


def test_signing_in_and_scoring_again_work_while_the_content_cache_is_away(content_cache_down, password,
                                                                          django_capture_on_commit_callbacks):
    candidate = UserFactory(password=password)
    world = build_world(candidate)
    ScoreRunFactory(session=world.session)
    client = Client(raise_request_exception=False)
    response = client.post(reverse("account_login"), {"login": candidate.email, "password": password})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(candidate.pk)
    assert client.get(reverse("dashboard")).status_code == 200
    runs = world.session.score_runs.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interviews:rescore", args=[world.session.pk]))
    assert response.status_code == 302 and world.session.score_runs.count() == runs + 1
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session and client.get(reverse("dashboard")).status_code == 302


def test_with_the_limits_store_away_allowances_let_the_attempt_through_and_say_so(limits_store_down, user, caplog,
                                                                                settings):
    settings.RESCORE_PER_HOUR = 1
    with caplog.at_level(logging.ERROR, logger="saylo"):
        for _ in range(3):
            rate_limit_spend(RESCORE, user)  # never "you used your allowance" when nothing was counted
    assert any("rate limit store unreachable" in record.getMessage() for record in caplog.records)


def test_with_the_limits_store_away_sign_in_is_refused_not_an_error(limits_store_down, user, password):
    client = Client(raise_request_exception=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 429 and "_auth_user_id" not in client.session


# --- 15: counters apart from content ---------------------------------------------------------------

def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_login_lockout_survives_the_content_cache_being_emptied(client, user, password):
    for _ in range(5):
        _login(client, user.email, "wrong-password-123")
    assert any(key.startswith(":1:allauth:rl:") for key in caches["limits"]._cache)  # allauth counts in `limits`
    assert not any("allauth" in key for key in caches["default"]._cache)
    caches["default"].clear()  # content evicted, however much of it there was
    response = _login(client, user.email, password)
    assert "Too many failed login attempts" in response.content.decode() and "_auth_user_id" not in client.session


def test_rate_limits_survive_the_content_cache_being_emptied(user, settings):
    settings.RESCORE_PER_HOUR = 2
    rate_limit_spend(RESCORE, user)
    rate_limit_spend(RESCORE, user)
    caches["default"].clear()
    with pytest.raises(RateLimited):
        rate_limit_spend(RESCORE, user)


def _server_caches(**urls) -> dict[str, str]:
    """The caches settings.py builds on a server (DEBUG off) for these URLs, as "BACKEND|LOCATION"."""
    built = {alias: project_settings._cache_config(urls.get(alias, ""), debug=False, database_table=table, max_entries=10)
             for alias, table in (("default", "saylo_cache"), ("limits", "saylo_limits"))}
    return {alias: f"{config['BACKEND']}|{config.get('LOCATION', '')}" for alias, config in built.items()}


def test_a_server_keeps_counters_in_their_own_store_whatever_the_content_cache():
    assert _server_caches() == {"default": "core.cache.DatabaseCache|saylo_cache",
                                "limits": "core.cache.DatabaseCache|saylo_limits"}
    assert _server_caches(default="redis://127.0.0.1:6379/1") == {
        "default": "django_redis.cache.RedisCache|redis://127.0.0.1:6379/1", "limits": "core.cache.DatabaseCache|saylo_limits"}
    both = _server_caches(default="redis://127.0.0.1:6379/1", limits="redis://127.0.0.1:6380/0")
    assert both["limits"] == "django_redis.cache.RedisCache|redis://127.0.0.1:6380/0"
    redis = project_settings._cache_config("redis://127.0.0.1:6379/1", debug=False, database_table="x", max_entries=1)
    assert redis["OPTIONS"]["IGNORE_EXCEPTIONS"] is True and redis["OPTIONS"]["SOCKET_TIMEOUT"] > 0


def test_sessions_are_read_from_the_database(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert project_settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
