from django.apps import AppConfig


class ResumesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "resumes"

    def ready(self):
        # The tasks register under their kinds of work (core/work.py), which services request.
        from resumes import checks, tasks  # noqa: F401 - the deploy check of OCR registers itself
