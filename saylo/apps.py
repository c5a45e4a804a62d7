from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_migrate


def _create_cache_table(using="default", **kwargs):
    """`migrate` also makes the database caches' tables, so production needs no extra step."""
    from django.conf import settings
    from django.core.management import call_command

    if any(cache["BACKEND"].endswith("DatabaseCache") for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


def _allauth_limits_to_the_limits_cache():
    """allauth keeps its login, sign-up and reset counters in `django.core.cache.cache` (the default
    alias, hard-coded in `allauth.core.internal.ratelimit`, with no setting to name another). Saylo's
    default alias holds content, which may evict; the counters belong with Saylo's own in the
    `limits` alias (core/limits.py). `saylo/tests/test_cache_outage.py` proves the counters land
    there, so an allauth release that moves this fails the suite instead of silently moving them."""
    from allauth.core.internal import ratelimit
    from django.core.cache import caches
    from django.utils.connection import ConnectionProxy

    from core.limits import LIMITS_CACHE

    if not hasattr(ratelimit, "cache"):
        raise ImproperlyConfigured("allauth.core.internal.ratelimit no longer has `cache`: see saylo/apps.py.")
    ratelimit.cache = ConnectionProxy(caches, LIMITS_CACHE)


class SayloConfig(AppConfig):
    name = "saylo"
    verbose_name = "Saylo Hire"

    def ready(self):
        from core import mail  # noqa: F401 - registers the deploy check on the mail backend

        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="saylo_create_cache_table")
        _allauth_limits_to_the_limits_cache()
