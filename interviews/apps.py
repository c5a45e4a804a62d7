from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interviews"

    def ready(self):
        # The tasks register under their kinds of work (core/work.py), which services request.
        from interviews import tasks  # noqa: F401

        # A task worker process announces itself every few seconds (see interviews/workers.py).
        from interviews.services.recovery import recovery_sweep
        from interviews.workers import heartbeat_start_if_worker

        # ...and recovers, when it starts and every WORKER_RECOVERY_SECONDS, work whose worker is gone.
        heartbeat_start_if_worker(on_beat=recovery_sweep)
