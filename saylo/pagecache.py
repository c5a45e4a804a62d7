"""Per-user page fragments in the shared cache, safe by construction.

A fragment is stored under the user's *version* of an area ("progress", ...). A write that changes
what the fragment shows bumps the version (after its transaction commits), so the next request
misses and rebuilds; old entries simply expire. Versioning instead of deleting means a request that
read old data while the write committed can only store under the old, no longer used version — it
can never put a stale fragment back under the live key.
"""

import secrets
import time

from django.core.cache import cache

PROGRESS = "progress"  # history's chart and competency trends; changes when a score run is written
FRAGMENT_SECONDS = 24 * 3600


def _version_key(area: str, user_id: int) -> str:
    return f"saylo:v:{area}:{user_id}"


def version(area: str, user_id: int) -> str:
    """The user's current version of `area` (created on first use)."""
    key = _version_key(area, user_id)
    value = cache.get(key)
    if value is None:
        value = f"{time.time_ns():x}{secrets.token_hex(2)}"
        if not cache.add(key, value, timeout=None):
            value = cache.get(key) or value
    return value


def bump(area: str, user_id: int) -> None:
    """Make every cached fragment of `area` for this user stale."""
    cache.set(_version_key(area, user_id), f"{time.time_ns():x}{secrets.token_hex(2)}", timeout=None)


def get_or_build(area: str, user_id: int, name: str, build):
    """The cached value of fragment `name`, or `build()` stored under the current version."""
    key = f"saylo:f:{area}:{name}:{user_id}:{version(area, user_id)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=FRAGMENT_SECONDS)
    return value
