"""Per-user page fragments in the shared cache, safe by construction.

Pages that list a candidate's interviews cache their expensive parts with Django's `{% cache %}`
tag, keyed on

- `RELEASE`: a digest of the code and templates this process runs, so a deploy never serves
  markup rendered by the previous version;
- the candidate's *data fingerprint* (`interviews.selectors.data_fingerprint`): one query that
  reads the count and the newest `updated_at` of their interviews, score figures, resumes and
  jobs. Any write that changes what those pages show changes the fingerprint, so there is nothing
  to invalidate by hand and no write path (scoring, the room, the worker, another helper's new
  code) can forget to;
- whatever else the fragment depends on (page number, filters).

Score runs never change once written, so the results page caches the parts built from one run
under the run's id (and `RELEASE`) alone.

Views pass the data for those parts as lazy objects (`lazy`), so a cache hit runs none of the
queries behind them.

Whole pages (`cached_page`): the candidate's read-only pages are stored whole, per user, under the
same fingerprint, so a repeat visit costs the session, the user, the fingerprint and one cache
read — what `make loadtest` measures against `/healthz`. The key also holds the path with its query,
the HTMX headers, a digest of the user's own row (profile edits, staff), the settings that change
what pages offer (coach, video), and the CSRF secret the page's forms carry (signing in again
rotates it, so a stored page never holds a stale token). Never stored: a page with messages to
show, a response that is not a 200 HTML page or sets a cookie, and a page the view marks as
depending on the clock (`page_not_cacheable`: scoring in progress, a task overdue).
"""

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject

FRAGMENT_SECONDS = 7 * 24 * 3600  # an unused fragment ages out; a used one is keyed on live data


def _release() -> str:
    base = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(os.environ.get("SAYLO_RELEASE", "").encode(), digest_size=6)
    for folder in ("accounts", "interviews", "resumes", "saylo", "templates"):
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in {".py", ".html"}:
                stat = path.stat()
                digest.update(f"{path.relative_to(base)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


RELEASE = _release()


def lazy(build):
    """`build()` run on first use only: what a cached fragment needs costs nothing on a hit."""
    return SimpleLazyObject(build)


# A stored page lives an hour: a repeat visit is the case it serves, and pages left behind by a change
# (a new fingerprint) should not crowd the cache, where rate-limit counters live too.
PAGE_SECONDS = 3600

# Settings that change what a page offers; a change (and restart) must not serve pages built before.
_PAGE_SETTINGS = ("COACH_ENGINE", "GEMINI_API_KEY", "GEMINI_MODEL", "LIVEKIT_URL", "LIVEKIT_API_KEY",
                  "LIVEKIT_API_SECRET", "TAVUS_API_KEY", "TAVUS_FACE_ID", "TAVUS_PAL_ID", "VIDEO_MAX_MINUTES")


def request_fingerprint(request) -> str:
    """The candidate's data fingerprint (`interviews.selectors.data_fingerprint`), read once per GET:
    the stored page's key and the view's cached fragments share it. Anything else reads it afresh,
    since a POST may change the data before it renders."""
    from interviews.selectors import data_fingerprint

    if request.method != "GET":
        return data_fingerprint(request.user)
    if not hasattr(request, "_data_fingerprint"):
        request._data_fingerprint = data_fingerprint(request.user)
    return request._data_fingerprint


def page_not_cacheable(request) -> None:
    """What this request renders depends on the clock (a task in progress, a deadline): render it
    every time."""
    request.page_cache_skip = True


def _messages_pending(request) -> bool:
    # Where Django's message storages keep messages between requests: the cookie, then the session.
    return bool(request.COOKIES.get("messages") or request.session.get("_messages"))


def _page_key(request, version, args, kwargs) -> str | None:
    user = request.user
    csrf_secret = request.META.get("CSRF_COOKIE")
    if request.method != "GET" or not user.is_authenticated or not csrf_secret or _messages_pending(request):
        return None
    extra = ()
    if version is not None:
        extra = version(request, *args, **kwargs)
        if extra is None:
            return None
    if not getattr(version, "includes_fingerprint", False):
        extra = (request_fingerprint(request), extra)
    own_row = [getattr(user, field.attname) for field in user._meta.concrete_fields]
    config = [getattr(settings, name, None) for name in _PAGE_SETTINGS]
    parts = (RELEASE, user.pk, own_row, config, request.get_full_path(), request.headers.get("HX-Request", ""),
             request.headers.get("HX-Target", ""), csrf_secret, extra)
    return "page:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _storable(request, response) -> bool:
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    return (response.status_code == 200 and not response.streaming and not response.cookies and not queued
            and not getattr(request, "page_cache_skip", False)
            and response.get("Content-Type", "").startswith("text/html"))


def cached_page(view=None, *, version=None):
    """Store the candidate's page whole (see the module's docstring); put it under `login_required`.
    `version(request, *args, **kwargs)` adds what the page shows beyond the fingerprint (one object's
    own rows); it returns None for an object that is not the candidate's (the view then answers). A
    version marked `includes_fingerprint` reads the fingerprint's figures in its own query."""
    if view is None:
        return functools.partial(cached_page, version=version)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _page_key(request, version, args, kwargs)
        if key is None:
            return view(request, *args, **kwargs)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            get_token(request)  # as a render would: the page's forms use this secret, keep its cookie fresh
            return response
        response = view(request, *args, **kwargs)
        if _storable(request, response):
            cache.set(key, (response.content, list(response.items())), PAGE_SECONDS)
        return response

    return wrapper
