"""Per-user rate limits, and where every limit and login counter is kept.

Rate limits: one counter per user and action in the `limits` cache (`LIMITS_CACHE`), counted
*before* the work is done. `add` creates the counter with its expiry only when it is absent and
`incr` is atomic on Redis, local memory and Saylo's database cache (`core.cache.DatabaseCache`), so
twelve requests racing each other can never all read "4 used" and pass.

The counters live in a cache alias of their own so that content (page fragments) can never push
them out: by default a database table of their own, or a Redis database run with `noeviction`
(README, "Operating Saylo"). allauth's login and sign-up limits are pointed at the same alias
(`saylo.apps`). When that store cannot be reached, a limit *lets the attempt through* and logs an
error: a cache outage must not lock every candidate out of uploads and preparations (see README,
"Limits on hostile work"). Ids are read by `core.ids` (re-exported here for older callers).
"""

import contextlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

from core.ids import parse_id, query_id  # noqa: F401 - re-exported: callers written before core.ids

logger = logging.getLogger("saylo")

LIMITS_CACHE = "limits"


def limits_cache():
    """The cache every rate-limit and login counter lives in."""
    return caches[LIMITS_CACHE]


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
PDF_PRINT = Limit("pdf", "PDF_PRINTS_PER_HOUR", "ask for a PDF to be printed")
DATA_EXPORT = Limit("export", "DATA_EXPORTS_PER_HOUR", "export your data")


class RateLimited(Exception):
    """Raised by `rate_limit_spend` when the user has used up `limit` for now."""

    def __init__(self, limit: Limit):
        self.limit = limit
        self.message = (f"You can {limit.what} {limit.per_period} times an hour, and you have reached that. "
                        "Try again later — nothing you already saved is lost.")
        super().__init__(self.message)


def _key(limit: Limit, user) -> str:
    return f"saylo:rate:{limit.action}:{user.pk}"


class _StoreUnreachable(Exception):
    pass


def _count(store, key: str, period: int) -> int | None:
    """Add one to `key`'s counter; its new value, or None when a race left it uncounted.
    Raises _StoreUnreachable when the store does not answer (django-redis, told to ignore
    connection errors, answers None where a working store answers True/False or a number)."""
    for attempt in range(5):
        added = store.add(key, 1, timeout=period)
        if added is None:
            raise _StoreUnreachable
        if added:
            return 1
        try:
            used = store.incr(key)
        except ValueError:  # expired between add and incr, or another request's add is not visible yet
            time.sleep(0.01 * (attempt + 1))
            continue
        if used is None:
            raise _StoreUnreachable
        return used
    return None


def rate_limit_spend(limit: Limit, user) -> None:
    """Count one attempt at `limit` for `user`; raise RateLimited when it goes over the allowance.

    The attempt is counted first and the allowance checked after, so concurrent requests each
    see their own count. A refused attempt still counts (hammering does not reset the window).
    When the limits store cannot be reached the attempt is allowed and an error logged: telling a
    candidate they used up an allowance they did not use would be untrue."""
    key = _key(limit, user)
    try:
        used = _count(limits_cache(), key, limit.period)
    except Exception as exc:  # noqa: BLE001 - any store failure (Redis, database) takes the same documented path
        logger.error("rate limit store unreachable (%s): %s allowed without counting", type(exc).__name__, key)
        return
    if used is None:
        logger.warning("rate limit counter %s could not be counted; refusing this attempt", key)
        raise RateLimited(limit)
    if used > limit.per_period:
        raise RateLimited(limit)


def rate_limit_refund(limit: Limit, user) -> None:
    """Give back an attempt that did no work (e.g. the request was refused for another reason)."""
    with contextlib.suppress(Exception):  # expired, or the store is away: nothing to give back
        limits_cache().decr(_key(limit, user))
