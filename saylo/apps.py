from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(using="default", **kwargs):
    """`migrate` also makes the database cache's table, so production needs no extra step."""
    from django.conf import settings
    from django.core.management import call_command

    if any(cache["BACKEND"].endswith("DatabaseCache") for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class SayloConfig(AppConfig):
    name = "saylo"
    verbose_name = "Saylo Hire"

    def ready(self):
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="saylo_create_cache_table")
