"""Template context every page needs."""

from django.conf import settings


def features(request):
    return {"SITE_NAME": "Saylo Hire", "DEBUG": settings.DEBUG}
