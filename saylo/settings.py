"""Saylo Hire settings.

Every setting comes from the environment (or a `.env` file beside manage.py) with a safe local
default. README.md lists every variable. A run is a server run (DEBUG off, a real SECRET_KEY and
a real mail backend required) unless it says otherwise: `SAYLO_RUNTIME=local` (what the Makefile's
targets set, or a developer's `.env`) or `DEBUG=true`. Tests use `saylo.settings_test`, which
pytest selects (pyproject.toml).
"""

import sys
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from core.mail import mail_backend_for

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SAYLO_RUNTIME = env.str("SAYLO_RUNTIME", default="server")
if SAYLO_RUNTIME not in {"local", "server"}:
    raise ImproperlyConfigured(f"SAYLO_RUNTIME must be 'local' or 'server', not {SAYLO_RUNTIME!r}.")
LOCAL_RUN = SAYLO_RUNTIME == "local"
TESTING = False  # saylo/settings_test.py turns it on

DEBUG = env.bool("DEBUG", default=LOCAL_RUN)

_DEV_SECRET_KEY = "django-insecure-saylo-local-development-key-do-not-use-in-production"  # noqa: S105 - the refused default
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or is the development default, and DEBUG is off. "
        "Set SECRET_KEY to at least 50 random characters, for example the output of: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_htmx",
    "template_partials",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "saylo",
    "accounts",
    "resumes",
    "interviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.PrivacyHeadersMiddleware",  # Cache-Control for signed-in pages, Permissions-Policy
]

if not DEBUG:
    # In production whitenoise serves the collected, hashed static files; locally runserver and
    # the test live server serve them straight from the source folders.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "saylo.urls"
WSGI_APPLICATION = "saylo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "saylo.context_processors.features",
            ],
        },
    },
]

# --- Database: SQLite under var/ unless DATABASE_URL points elsewhere (postgres:// uses psycopg 3).
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'saylo.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while the web process reads; busy timeout rides out the
    # short write locks the two processes take.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20,
         "transaction_mode": "IMMEDIATE"}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches. Two aliases, so that content can never push a counter out (README, "Operating Saylo"):
# `default` holds content (the results page's fragments) and may evict; `limits` holds every rate-limit
# and login counter (Saylo's and allauth's, core/limits.py) and must not. Both must be shared by every
# process. Content: CACHE_URL (Redis) when set, else the database with DEBUG off, else local memory.
# Limits: LIMITS_CACHE_URL (a Redis database with `noeviction`) when set, else the database with DEBUG
# off (a table of their own), else local memory. Sessions are always in the database (one indexed
# read per page): a cache that missed a sign-out during an outage would bring the session back.
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_URL = env.str("CACHE_URL", default="")
LIMITS_CACHE_URL = env.str("LIMITS_CACHE_URL", default="")
# A Redis that does not answer costs a request at most this long per call, then counts as away.
CACHE_TIMEOUT_SECONDS = env.float("CACHE_TIMEOUT_SECONDS", default=0.5)


def _cache_config(url: str, *, debug: bool, database_table: str, max_entries: int) -> dict:
    if url.startswith(("redis://", "rediss://", "unix://")):
        # django-redis; a Redis that is away reads as a miss and a write that did not happen (pages
        # render without their fragments; limits take the direction core/limits.py documents).
        return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url,
                "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": CACHE_TIMEOUT_SECONDS,
                            "SOCKET_TIMEOUT": CACHE_TIMEOUT_SECONDS}}
    if url:
        return env.cache_url_config(url)
    if not debug:
        # Django counts the table on every write and, past MAX_ENTRIES, deletes the expired rows, then a
        # third of the rest: 200,000 live counters is far more than a deployment of this size holds.
        return {"BACKEND": "core.cache.DatabaseCache", "LOCATION": database_table, "OPTIONS": {"MAX_ENTRIES": max_entries}}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": database_table}


CACHES = {
    "default": _cache_config(CACHE_URL, debug=DEBUG, database_table="saylo_cache", max_entries=50_000),
    "limits": _cache_config(LIMITS_CACHE_URL, debug=DEBUG, database_table="saylo_limits", max_entries=200_000),
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Saylo] "
ACCOUNT_PRESERVE_USERNAME_CASING = False
# allauth's default rate limits (login failures, sign-ups, resets) stay on; ACCOUNT_RATE_LIMITS
# is deliberately not set to False anywhere. They key on the client's IP: behind N proxies you
# control, set ALLAUTH_TRUSTED_PROXY_COUNT=N (the IP N places from the right of X-Forwarded-For is
# used; entries a client adds in front are ignored) or name the one header your proxy sets.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", default="") or None

# Account mail: EMAIL_URL in production. With DEBUG off, a missing EMAIL_URL or a backend that keeps
# mails on this machine (console, file) sends nothing and fails `check --deploy` (core/mail.py): reset
# links must never land in the logs. EMAIL_CONSOLE_OK=true says printing them is wanted (staging).
EMAIL_CONSOLE_OK = env.bool("EMAIL_CONSOLE_OK", default=False)
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_BACKEND = mail_backend_for(configured=EMAIL_CONFIG["EMAIL_BACKEND"], debug=DEBUG, console_ok=EMAIL_CONSOLE_OK)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Saylo Hire <hello@saylo.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
# English only: with translation off, every date, number and lazy string skips the active-language lookup
# (a thread-local read per value, ~400 a list page).
USE_I18N = False
USE_TZ = True

# --- Static files (whitenoise) and private files (never under a public URL)
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
PRIVATE_ROOT = Path(env.str("PRIVATE_ROOT", default=str(VAR_DIR / "private")))
# Private files on local disk by default; in an S3-compatible bucket when STORAGE_BUCKET is set, so
# every web and worker machine sees the same files. Either way they have no public URL: views
# stream them to their owner (core/http.py).
STORAGE_BUCKET = env.str("STORAGE_BUCKET", default="")
if STORAGE_BUCKET:
    from botocore.config import Config as _botocore_config

    _DEFAULT_STORAGE = {
        "BACKEND": "core.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "location": env.str("STORAGE_PREFIX", default=""),
            "endpoint_url": env.str("STORAGE_ENDPOINT_URL", default="") or None,
            "region_name": env.str("STORAGE_REGION", default="") or None,
            # Empty keys fall back to boto3's own chain (AWS_* variables, instance or pod roles).
            "access_key": env.str("STORAGE_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("STORAGE_SECRET_ACCESS_KEY", default="") or None,
            "addressing_style": env.str("STORAGE_ADDRESSING_STYLE", default="") or None,  # "path" for MinIO
            # Bounded waits: an unreachable bucket fails an upload in seconds, with a clear message.
            "client_config": _botocore_config(connect_timeout=env.float("STORAGE_CONNECT_TIMEOUT", default=5.0),
                                              read_timeout=env.float("STORAGE_READ_TIMEOUT", default=30.0),
                                              retries={"mode": "standard", "max_attempts": 3}),
        },
    }
else:
    # base_url None: these files have no public URL; views stream them to their owner.
    _DEFAULT_STORAGE = {"BACKEND": "core.storage.PrivateFileSystemStorage",
                        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": None}}
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "core.staticstorage.StaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# --- Security. Production defaults are strict; `check --deploy` must stay silent.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe these on the instance over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^readyz/worker$", r"^metrics$"]
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "saylo.views.csrf_failure"

# Content-Security-Policy: no inline scripts or styles anywhere; everything is served from here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# --- Logging: everything to stdout, one line per record.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # Every handler redacts secrets that travel in URLs (the Tavus callback token): core/logredact.py.
    "filters": {"redact_secrets": {"()": "core.logredact.RedactSecretsFilter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": sys.stdout, "formatter": "plain",
                            "filters": ["redact_secrets"]}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},  # the Gemini client logs every request at INFO
        "httpx2": {"level": "WARNING"},
    },
}

# --- Background work (django-tasks). `db` needs `manage.py db_worker`; `rq` needs REDIS_URL and
# `manage.py rqworker`; `immediate` runs tasks inline (tests).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="db")
_TASK_BACKENDS = {
    "db": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}.")
if TASKS_BACKEND == "rq" and not REDIS_URL:
    raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL, for example redis://127.0.0.1:6379/0.")
TASKS = {"default": _TASK_BACKENDS[TASKS_BACKEND]}
# Worker processes write a heartbeat (interviews/workers.py); a worker silent for WORKER_LOST_SECONDS
# is gone, and the preparation or scoring it was running is reported stuck. A task running longer
# than TASK_TIME_LIMIT_SECONDS is reported stuck too (Gemini's slowest path is a few minutes).
WORKER_HEARTBEAT_SECONDS = env.float("WORKER_HEARTBEAT_SECONDS", default=15.0)
WORKER_LOST_SECONDS = env.float("WORKER_LOST_SECONDS", default=60.0)
# How often a running worker looks for work whose worker is gone (and once when it starts): no cron needed.
WORKER_RECOVERY_SECONDS = env.float("WORKER_RECOVERY_SECONDS", default=30.0)
TASK_START_GRACE_SECONDS = env.float("TASK_START_GRACE_SECONDS", default=30.0)
TASK_TIME_LIMIT_SECONDS = env.float("TASK_TIME_LIMIT_SECONDS", default=900.0)
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}

# The password `manage.py seed_demo` gives demo@saylo.local (printed by `make run`).
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="saylo-demo-practice")

# --- Resumes
RESUME_MAX_BYTES = env.int("RESUME_MAX_BYTES", default=10 * 1024 * 1024)
RESUME_MAX_PAGES = env.int("RESUME_MAX_PAGES", default=20)
# Reading runs in the task worker, in a child process that is killed at RESUME_PARSE_SECONDS and cannot use
# more than RESUME_PARSE_MEMORY_MB of address space (resumes/reading/sandbox.py). A read whose worker died is
# queued again by the worker's recovery sweep, at most RESUME_READ_ATTEMPTS times in all.
RESUME_PARSE_SECONDS = env.float("RESUME_PARSE_SECONDS", default=20.0)
RESUME_PARSE_MEMORY_MB = env.int("RESUME_PARSE_MEMORY_MB", default=512)
# A PDF with no text layer (a scan) is read with Tesseract OCR, its first RESUME_OCR_PAGES pages, within the same
# limits (resumes/reading/scan.py); 0, or no Tesseract at TESSERACT_PATH (a name on PATH or a path), refuses scans.
RESUME_OCR_PAGES = env.int("RESUME_OCR_PAGES", default=4)
TESSERACT_PATH = env.str("TESSERACT_PATH", default="tesseract")
RESUME_READ_ATTEMPTS = env.int("RESUME_READ_ATTEMPTS", default=3)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB of form fields; files are bounded separately
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads stream to a temporary file
# Files are measured as they arrive: past RESUME_MAX_BYTES nothing more of them is kept (core/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- The interview coach: `offline` (default) or `gemini` (default when GEMINI_API_KEY is set).
GEMINI_API_KEY = env.str("GEMINI_API_KEY", default="")
GEMINI_MODEL = env.str("GEMINI_MODEL", default="gemini-2.5-flash")
GEMINI_BASE_URL = env.str("GEMINI_BASE_URL", default="")  # a gateway/proxy in front of the Gemini API
GEMINI_TIMEOUT_SECONDS = env.float("GEMINI_TIMEOUT_SECONDS", default=60.0)
GEMINI_MAX_ATTEMPTS = env.int("GEMINI_MAX_ATTEMPTS", default=3)
# The follow-up question is asked for while the answer is being saved: one attempt, this long at most,
# then the offline coach's follow-up (the room waits 6 s for it).
GEMINI_FOLLOW_UP_SECONDS = env.float("GEMINI_FOLLOW_UP_SECONDS", default=3.0)
COACH_ENGINE = env.str("COACH_ENGINE", default="gemini" if GEMINI_API_KEY else "offline")
if COACH_ENGINE not in {"offline", "gemini"}:
    raise ImproperlyConfigured(f"COACH_ENGINE must be 'offline' or 'gemini', not {COACH_ENGINE!r}.")

# --- Live video interviews: a Tavus avatar in a LiveKit room, run by our agent worker with Gemini.
# Video is offered only when every required setting below is present (interviews/video/config.py).
LIVEKIT_URL = env.str("LIVEKIT_URL", default="")  # wss://<project>.livekit.cloud
LIVEKIT_API_KEY = env.str("LIVEKIT_API_KEY", default="")
LIVEKIT_API_SECRET = env.str("LIVEKIT_API_SECRET", default="")
TAVUS_API_KEY = env.str("TAVUS_API_KEY", default="")
TAVUS_API_URL = env.str("TAVUS_API_URL", default="https://tavusapi.com/v2")
# Tavus renamed replica -> face and persona -> PAL; the older names stay accepted.
TAVUS_FACE_ID = env.str("TAVUS_FACE_ID", default="") or env.str("TAVUS_REPLICA_ID", default="")
TAVUS_PAL_ID = env.str("TAVUS_PAL_ID", default="") or env.str("TAVUS_PERSONA_ID", default="")
# The Live model livekit-plugins-google 1.8.9 lists (and defaults to) for the Gemini API.
GEMINI_LIVE_MODEL = env.str("GEMINI_LIVE_MODEL", default="gemini-2.5-flash-native-audio-preview-12-2025")
INTERVIEW_AGENT_NAME = env.str("INTERVIEW_AGENT_NAME", default="saylo-interviewer")
# How the agent worker talks: `live` (Gemini Live, speech to speech) or `pipeline` (Gemini STT ->
# GEMINI_MODEL -> Gemini TTS, where Live is not available). Both need only GEMINI_API_KEY.
INTERVIEW_AGENT_MODEL = env.str("INTERVIEW_AGENT_MODEL", default="live")
if INTERVIEW_AGENT_MODEL not in {"live", "pipeline"}:
    raise ImproperlyConfigured(f"INTERVIEW_AGENT_MODEL must be 'live' or 'pipeline', not {INTERVIEW_AGENT_MODEL!r}.")
INTERVIEW_AGENT_VOICE = env.str("INTERVIEW_AGENT_VOICE", default="Kore")  # a Gemini voice; match the Tavus face
# What one Gemini Live session holds comfortably: with context-window compression and session
# resumption on (interviews/video/agent.py) the connection is recycled every ~10 minutes without
# losing the conversation; 20 minutes is a full interview (README, "Video interviews").
VIDEO_MAX_MINUTES = env.int("VIDEO_MAX_MINUTES", default=20)
# Whether LiveKit Cloud may record the interview's audio (AgentSession.start(record=...)). Off: only
# the transcript turns are kept, and the room tells the candidate so; on, it says recording is on.
VIDEO_RECORDING = env.bool("VIDEO_RECORDING", default=False)
# Where Tavus can reach this site (https://saylo.example.com): the agent gives Tavus a per-session
# callback URL under it. Empty: no callbacks (the agent and `tavus_sweep` still end every conversation).
TAVUS_CALLBACK_BASE_URL = env.str("TAVUS_CALLBACK_BASE_URL", default="")
# How long the video room waits for the avatar before offering to carry on in the practice room.
VIDEO_AVATAR_WAIT_SECONDS = env.int("VIDEO_AVATAR_WAIT_SECONDS", default=45)
# Where the browser loads livekit-client: the pinned CDN file with its integrity hash by default,
# or the copy vendored here (LIVEKIT_CLIENT_URL=/static/vendor/livekit-client-2.23.0.umd.js: the same file, so
# the same integrity hash holds).
LIVEKIT_CLIENT_URL = env.str(
    "LIVEKIT_CLIENT_URL", default="https://cdn.jsdelivr.net/npm/livekit-client@2.23.0/dist/livekit-client.umd.js")
LIVEKIT_CLIENT_INTEGRITY = env.str(
    "LIVEKIT_CLIENT_INTEGRITY",
    default="sha384-HkA7rQNo8H04l1p4zoXX1Cy+h9YoYp8LvKt4vfMFhv4KFk07UkrNwIUnyBum8Pw6")

# --- Results and data
RESCORE_PER_HOUR = env.int("RESCORE_PER_HOUR", default=5)  # candidate "score again" clicks per hour
RESUME_UPLOADS_PER_HOUR = env.int("RESUME_UPLOADS_PER_HOUR", default=20)  # resume uploads and pastes per candidate
PREPARATIONS_PER_HOUR = env.int("PREPARATIONS_PER_HOUR", default=20)  # interviews prepared (new, retry, retake)
# Report and cheatsheet PDFs are printed by the task worker: at most this many prints a candidate asks for an hour,
# and a page over PDF_MAX_HTML_BYTES of HTML is refused with a reason instead of printed (a report is ~100 KB).
PDF_PRINTS_PER_HOUR = env.int("PDF_PRINTS_PER_HOUR", default=10)
PDF_MAX_HTML_BYTES = env.int("PDF_MAX_HTML_BYTES", default=1_000_000)
# Data exports are built by the task worker: at most this many an hour per candidate, each kept this long, then
# deleted by `manage.py purge_data_exports` (run it hourly).
DATA_EXPORTS_PER_HOUR = env.int("DATA_EXPORTS_PER_HOUR", default=3)
DATA_EXPORT_KEEP_HOURS = env.int("DATA_EXPORT_KEEP_HOURS", default=24)
RESUME_RETENTION_DAYS = env.int("RESUME_RETENTION_DAYS", default=0)  # 0 keeps uploaded files until deleted
GEMINI_RETRY_INITIAL_DELAY = env.float("GEMINI_RETRY_INITIAL_DELAY", default=1.0)  # seconds before the first retry
GEMINI_RETRY_MAX_DELAY = env.float("GEMINI_RETRY_MAX_DELAY", default=8.0)
# With a key, Gemini reads each resume too and the document decides (resumes/reading/structuring.py); off: offline only.
RESUME_GEMINI = env.bool("RESUME_GEMINI", default=True)

# --- Error reporting: Sentry when SENTRY_DSN is set. Personal data stays out by default: no user,
# cookies or IP (send_default_pii), no request bodies (resume text, answers) and no local variables.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    from core.logredact import sentry_before_send

    _SENTRY_PII = env.bool("SENTRY_SEND_PII", default=False)
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=env.str("SENTRY_ENVIRONMENT", default="development" if DEBUG else "production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=_SENTRY_PII,
        max_request_body_size="medium" if _SENTRY_PII else "never",
        include_local_variables=_SENTRY_PII,
        # The Tavus callback token is in that URL's path: out of every event (core/logredact.py).
        before_send=sentry_before_send,
        before_send_transaction=sentry_before_send,
    )
