"""Small guards every view can share: reading object ids from query strings, and per-user rate limits.

Ids: `str.isdigit()` accepts "²" and other Unicode digits that `int()` refuses, and a number past
the database's 64-bit range makes PostgreSQL refuse the query; both used to be server errors.
`parse_id` turns anything that is not a plain positive 64-bit number into None.

Rate limits: one counter per user and action in the shared cache, counted *before* the work is
done. `cache.add` creates the counter with its expiry only when it is absent and `cache.incr` is
atomic on Redis, local memory and Saylo's database cache (`core.cache.DatabaseCache`), so twelve
requests racing each other can never all read "4 used" and pass.
"""

import contextlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import Http404

logger = logging.getLogger("saylo")

MAX_ID = 2**63 - 1  # the largest value of a bigint primary key


def parse_id(value) -> int | None:
    """`value` as a primary key, or None when it is not a plain positive number within 64 bits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and 0 < len(value) <= 19 and value.isascii() and value.isdigit():
        number = int(value)
    else:
        return None
    return number if 0 < number <= MAX_ID else None


def query_id(request, name: str) -> int | None:
    """The id in `?name=`: None when the parameter is absent or empty; 404 when it is not an id."""
    raw = request.GET.get(name, "")
    if raw == "":
        return None
    number = parse_id(raw)
    if number is None:
        raise Http404(f"{name} must be the number of one of your own items.")
    return number


# --- Rate limits ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Limit:
    action: str
    setting: str  # the setting holding how many attempts an hour are allowed
    what: str  # "upload or paste a resume" — fits "You can … N times an hour."
    period: int = 3600

    @property
    def per_period(self) -> int:
        return int(getattr(settings, self.setting))


RESUME_ADD = Limit("resume", "RESUME_UPLOADS_PER_HOUR", "upload or paste a resume")
PREPARE = Limit("prepare", "PREPARATIONS_PER_HOUR", "prepare an interview")
RESCORE = Limit("rescore", "RESCORE_PER_HOUR", "re-score an interview")


class RateLimited(Exception):
    """Raised by `rate_limit_spend` when the user has used up `limit` for now."""

    def __init__(self, limit: Limit):
        self.limit = limit
        self.message = (f"You can {limit.what} {limit.per_period} times an hour, and you have reached that. "
                        "Try again later — nothing you already saved is lost.")
        super().__init__(self.message)


def _key(limit: Limit, user) -> str:
    return f"saylo:rate:{limit.action}:{user.pk}"


def rate_limit_spend(limit: Limit, user) -> None:
    """Count one attempt at `limit` for `user`; raise RateLimited when it goes over the allowance.

    The attempt is counted first and the allowance checked after, so concurrent requests each
    see their own count. A refused attempt still counts (hammering does not reset the window)."""
    key = _key(limit, user)
    used = None
    for attempt in range(5):
        if cache.add(key, 1, timeout=limit.period):
            used = 1
            break
        try:
            used = cache.incr(key)
            break
        except ValueError:  # expired between add and incr, or another request's add is not visible yet
            time.sleep(0.01 * (attempt + 1))
    if used is None:
        logger.warning("rate limit counter %s could not be counted; refusing this attempt", key)
        raise RateLimited(limit)
    if used > limit.per_period:
        raise RateLimited(limit)


def rate_limit_refund(limit: Limit, user) -> None:
    """Give back an attempt that did no work (e.g. the request was refused for another reason)."""
    with contextlib.suppress(ValueError):  # the window already expired: nothing to give back
        cache.decr(_key(limit, user))
