"""Gemini (google-genai) for every engine that asks it for structured data: the coach, the resume reader.

* One client, built in `build_client` from settings: API key, `GEMINI_BASE_URL` (gateway), timeout,
  and `HttpRetryOptions` — google-genai 3.4.0 applies these itself to every synchronous request
  (tenacity around each HTTP call: statuses 408/429/500/502/503/504 and httpx timeouts/connection
  errors are retried with exponential backoff and jitter). The API version is pinned to v1beta (3.4.0
  defaults to v1), the version the public REST docs use for structured output.
* `generate` asks for a pydantic schema (`response_mime_type="application/json"`, `response_schema`)
  and returns a validated instance: `.parsed`, else `.text` through `model_validate_json`; block reasons
  and finish reasons other than STOP are failures. A reply that arrives but cannot be used (invalid
  JSON, wrong shape, or `InvalidReply` raised by the schema's own checks) is asked for once more;
  blocked or cut-off replies and HTTP/network failures are not (the SDK already retried those that
  are worth it). Every failure is a `GeminiFailure` whose `reason` is a plain sentence for people.
"""

import importlib
import logging
from dataclasses import dataclass

from django.conf import settings
from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel, ValidationError

API_VERSION = "v1beta"
RETRY_STATUS_CODES = (408, 429, 500, 502, 503, 504)
INVALID_REPLY_ATTEMPTS = 2
_TIMES = {1: "once", 2: "twice", 3: "three times", 4: "four times", 5: "five times"}
_FINISH_EXPLAINED = {
    "SAFETY": "its safety filters stopped the answer",
    "RECITATION": "the answer looked like recited text",
    "MAX_TOKENS": "the answer ran past the length limit",
    "BLOCKLIST": "the answer hit a blocked term",
    "PROHIBITED_CONTENT": "the answer was judged prohibited content",
    "SPII": "the answer contained sensitive personal information",
    "LANGUAGE": "the answer was in an unsupported language",
}


class InvalidReply(Exception):
    """Gemini answered, but not with something we can use (worth asking once more)."""


class GeminiFailure(Exception):
    """Gemini could not give a usable answer; `reason` is a plain sentence for people."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --- Settings and the client ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class GeminiSettings:
    api_key: str
    model: str = "gemini-2.5-flash"
    base_url: str = ""
    timeout_seconds: float = 60.0
    max_attempts: int = 3
    retry_initial_delay: float = 1.0
    retry_max_delay: float = 8.0

    @classmethod
    def from_django(cls) -> "GeminiSettings":
        """Read once per coach. GEMINI_RETRY_INITIAL_DELAY / GEMINI_RETRY_MAX_DELAY are optional extras."""
        return cls(
            api_key=getattr(settings, "GEMINI_API_KEY", ""),
            model=getattr(settings, "GEMINI_MODEL", "") or "gemini-2.5-flash",
            base_url=getattr(settings, "GEMINI_BASE_URL", "") or "",
            timeout_seconds=float(getattr(settings, "GEMINI_TIMEOUT_SECONDS", 60.0)),
            max_attempts=max(1, int(getattr(settings, "GEMINI_MAX_ATTEMPTS", 3))),
            retry_initial_delay=float(getattr(settings, "GEMINI_RETRY_INITIAL_DELAY", 1.0)),
            retry_max_delay=float(getattr(settings, "GEMINI_RETRY_MAX_DELAY", 8.0)),
        )


def build_client(config: GeminiSettings) -> genai.Client:
    """The one place a Gemini client is made."""
    retry = types.HttpRetryOptions(
        attempts=config.max_attempts,
        initial_delay=config.retry_initial_delay,
        max_delay=config.retry_max_delay,
        jitter=min(1.0, config.retry_initial_delay),  # the SDK's default jitter (1 s) would dwarf tiny test delays
        http_status_codes=list(RETRY_STATUS_CODES),
    )
    http_options = types.HttpOptions(
        base_url=config.base_url or None,
        api_version=API_VERSION,
        timeout=max(1, int(config.timeout_seconds * 1000)),  # milliseconds
        retry_options=retry,
    )
    return genai.Client(api_key=config.api_key, vertexai=False, http_options=http_options)


def _transport_errors() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """(timeout classes, other transport classes) of whichever httpx flavour google-genai uses."""
    timeouts: list[type[BaseException]] = []
    transport: list[type[BaseException]] = []
    for module_name in ("httpx2", "httpx"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        timeouts.append(module.TimeoutException)
        transport.append(module.TransportError)
    return tuple(timeouts), tuple(transport) + (OSError,)


_TIMEOUT_ERRORS, _TRANSPORT_ERRORS = _transport_errors()


def _times(n: int) -> str:
    return _TIMES.get(n, f"{n} times")


def generate(client: genai.Client, config: GeminiSettings, *, system: str, task: str, prompt: str, schema: type[BaseModel],
         temperature: float = 0.3, log: logging.Logger | None = None) -> BaseModel:
    """Ask Gemini for `schema`; return a validated instance or raise GeminiFailure."""
    request = types.GenerateContentConfig(
        system_instruction=system,
        response_mime_type="application/json",
        response_schema=schema,
        temperature=temperature,
        candidate_count=1,
        automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
    )
    problem = ""
    for attempt in range(1, INVALID_REPLY_ATTEMPTS + 1):
        try:
            response = client.models.generate_content(model=config.model, contents=prompt, config=request)
        except genai_errors.APIError as exc:
            raise GeminiFailure(http_reason(exc, config)) from exc
        except _TIMEOUT_ERRORS as exc:
            raise GeminiFailure(
                f"Gemini did not answer within {config.timeout_seconds:g} "
                f"second{'' if config.timeout_seconds == 1 else 's'} "
                f"({_times(config.max_attempts)})"
            ) from exc
        except _TRANSPORT_ERRORS as exc:
            raise GeminiFailure(
                f"Gemini could not be reached ({type(exc).__name__}, tried {_times(config.max_attempts)})"
            ) from exc
        try:
            return read_reply(response, schema)
        except InvalidReply as exc:
            problem = str(exc)
            (log or logging.getLogger("saylo.gemini")).info("Gemini %s: unusable reply on attempt %d: %s", task, attempt, problem)
    raise GeminiFailure(f"{problem} ({_times(INVALID_REPLY_ATTEMPTS)})")

def http_reason(exc: genai_errors.APIError, config: GeminiSettings) -> str:
    code = getattr(exc, "code", None)
    if code in RETRY_STATUS_CODES:
        return f"Gemini returned {code} {_times(config.max_attempts)}"
    status = getattr(exc, "status", "") or ""
    message = _clip(str(getattr(exc, "message", "") or ""), 160)
    return f"Gemini refused the request ({code}{' ' + status if status else ''}{': ' + message if message else ''})"

def read_reply(response: types.GenerateContentResponse, schema: type[BaseModel]) -> BaseModel:
    feedback = response.prompt_feedback
    if feedback is not None and feedback.block_reason is not None:
        reason = getattr(feedback.block_reason, "value", str(feedback.block_reason))
        raise GeminiFailure(f"Gemini blocked the request ({reason})")
    if not response.candidates:
        raise GeminiFailure("Gemini returned no answer")
    finish = response.candidates[0].finish_reason
    finish_name = getattr(finish, "value", str(finish)) if finish is not None else "STOP"
    if finish_name != "STOP":
        explained = _FINISH_EXPLAINED.get(finish_name, "it stopped early")
        raise GeminiFailure(f"Gemini stopped before finishing ({finish_name}: {explained})")
    if isinstance(response.parsed, schema):
        return response.parsed
    text = response.text
    if not text or not text.strip():
        raise InvalidReply("Gemini's reply was empty")
    try:
        return schema.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {}
        if first.get("type") == "json_invalid":
            raise InvalidReply("Gemini's reply was not valid JSON") from exc
        where = ".".join(str(p) for p in first.get("loc", ())) or "reply"
        raise InvalidReply(f"Gemini's reply did not match the expected format ({where}: {first.get('msg', '')})") from exc


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
