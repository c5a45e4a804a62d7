"""Template context every page needs."""

from django.conf import settings

from core.release import RELEASE

# Fragments are cached only under keys of rows that never change (a score run's id) and the release:
# a day is long enough for repeat visits, and short enough that nothing lingers.
FRAGMENT_SECONDS = 24 * 3600


def features(request):
    return {"SITE_NAME": "Saylo Hire", "DEBUG": settings.DEBUG, "RELEASE": RELEASE, "FRAGMENT_SECONDS": FRAGMENT_SECONDS}
