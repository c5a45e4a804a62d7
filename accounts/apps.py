from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Candidates"

    def ready(self):
        # The tasks register under their kinds of work (core/work.py), which services request.
        from accounts import tasks  # noqa: F401
