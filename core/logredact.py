"""Secrets that travel in URLs never reach the logs or Sentry.

Tavus callbacks are not signed: the credential is a per-session token in the callback URL's path
(`/interviews/video/tavus/<session id>.<token>/`). Django's request logger writes the path of every
4xx and 5xx ("Bad Request: /interviews/video/tavus/1.F_tK_…/"), and Sentry records the URL of every
event, so whoever could read either could post callbacks for that session. Here:

- `RedactSecretsFilter`, a logging filter on every handler (settings.LOGGING), rewrites each record's
  message, arguments and traceback text with the token replaced by `[redacted]`;
- `sentry_before_send` does the same to every string of a Sentry event (URL, transaction, messages,
  breadcrumbs, exception values).

The session id stays visible (an operator still knows which interview a log line is about).
"""

import logging
import re

REDACTED = "[redacted]"
# `…/tavus/<id>.<token>` in a path or a full URL, percent-encoded or not.
_SECRET_PATTERNS = (re.compile(r"(/video/tavus/(?:[0-9]{1,19}(?:\.|%2[eE]))?)[^/\s?#'\"]+"),)


def redact(text: str) -> str:
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + REDACTED, text)
    return text


class RedactSecretsFilter(logging.Filter):
    """Rewrites a record so no handler writes a secret; never drops a record."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a record whose arguments do not fit its format is logged as it is
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if getattr(record, "stack_info", None):
            record.stack_info = redact(record.stack_info)
        return True


def sentry_before_send(event, hint=None):
    """Sentry's `before_send` (and `before_send_transaction`): every string of the event redacted."""
    return _redact_all(event)


def _redact_all(value, depth: int = 0):
    if depth > 30:
        return value
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redact_all(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_redact_all(item, depth + 1) for item in value]
    if isinstance(value, tuple):
        return tuple(_redact_all(item, depth + 1) for item in value)
    return value
