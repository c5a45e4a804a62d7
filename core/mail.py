"""Account mail in production goes to a real mail server, or nowhere — never to the logs.

A password-reset mail holds a link that signs its reader in. Printed by Django's console backend
it lands in the web process's stdout, and from there in every log store that keeps it. So with
DEBUG off:

- `EMAIL_URL` unset, or a backend that writes mails out locally (console, file), means mails are
  *not sent*: `UnconfiguredEmailBackend` logs that a mail was dropped (never its content) and the
  deploy check (`manage.py check --deploy`) fails with an error saying to set `EMAIL_URL`;
- `EMAIL_CONSOLE_OK=true` is the operator's explicit "printing mails is what I want here" (a
  staging box with no mail server): the backend is then used as configured and the check is quiet.
"""

import logging

from django.conf import settings
from django.core import checks
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("saylo.mail")

UNCONFIGURED = "core.mail.UnconfiguredEmailBackend"
# Backends that keep mails on this machine (stdout, files, memory) instead of delivering them.
LOCAL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    UNCONFIGURED,
}


class UnconfiguredEmailBackend(BaseEmailBackend):
    """Sends nothing, and says so in the log without the mail's subject, body or recipient."""

    def send_messages(self, email_messages):
        for _message in email_messages:
            logger.error("A mail was not sent: this server has no mail backend (set EMAIL_URL, see README).")
        return 0


def mail_backend_for(*, configured: str, debug: bool, console_ok: bool) -> str:
    """The backend to use: `configured`, unless it would keep mails locally in production
    without the operator's opt-in."""
    if debug or console_ok or configured not in LOCAL_BACKENDS:
        return configured
    return UNCONFIGURED


@checks.register(checks.Tags.security, deploy=True)
def check_mail_backend(app_configs=None, **kwargs):
    """`check --deploy`: with DEBUG off, account mail must reach a mail server."""
    if settings.DEBUG or getattr(settings, "EMAIL_CONSOLE_OK", False):
        return []
    if settings.EMAIL_BACKEND in LOCAL_BACKENDS:
        return [checks.Error(
            "Account mail (password resets, address confirmations) is not delivered: EMAIL_URL is unset or names a "
            "backend that keeps mails on this machine, and DEBUG is off.",
            hint="Set EMAIL_URL to your mail server (smtp+tls://user:password@smtp.example.com:587). To print mails "
                 "to stdout on purpose (reset links included), set EMAIL_CONSOLE_OK=true.",
            id="saylo.E001",
        )]
    return []
