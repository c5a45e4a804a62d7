"""Template context every page needs."""

from django.conf import settings


def features(request):
    from saylo.pagecache import FRAGMENT_SECONDS, RELEASE

    # RELEASE and FRAGMENT_SECONDS key and time the pages' cached fragments (saylo/pagecache.py).
    return {"SITE_NAME": "Saylo Hire", "DEBUG": settings.DEBUG, "RELEASE": RELEASE, "FRAGMENT_SECONDS": FRAGMENT_SECONDS}
