"""`manage.py video_check`: each video credential checked against its own service.

Tavus — the key is accepted (`GET /v2/conversations`), the configured PAL exists and is an echo PAL
on LiveKit transport, the configured face exists and is trained. LiveKit — a server API call
(`RoomService.ListRooms` through livekit-api, against LIVEKIT_URL turned into http(s)) with the key
and secret. Gemini — `models.get` for GEMINI_LIVE_MODEL (honouring GEMINI_BASE_URL), and the model
speaks the Live API (`bidiGenerateContent`).

Each check is a row: service, what was checked, status (ok / warn / fail), what was found, and
what to do about it. A failed check never stops the others.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from interviews.video.config import VideoConfig, video_config
from interviews.video.tavus import TavusClient, TavusError

OK, WARN, FAIL = "ok", "warn", "fail"
LIVE_METHOD = "bidiGenerateContent"
TAVUS_MAX_MINUTES = 60  # Tavus caps a conversation at max_call_duration 3600 s
LIVE_SESSION_MINUTES = 20  # what one Gemini Live session holds comfortably (the VIDEO_MAX_MINUTES default)


@dataclass(frozen=True)
class Check:
    service: str
    name: str
    status: str
    detail: str
    fix: str = ""

    @property
    def failed(self) -> bool:
        return self.status == FAIL


def video_checks(*, timeout: float = 10.0) -> list[Check]:
    """Every check, in the order an operator sets video up."""
    config = video_config()
    return [*settings_checks(config), *tavus_checks(config, timeout=timeout),
            *livekit_checks(config, timeout=timeout), *gemini_checks(config, timeout=timeout)]


def settings_checks(config: VideoConfig) -> list[Check]:
    rows = []
    if config.missing:
        rows.append(Check("Settings", "required settings", FAIL, f"not set: {', '.join(config.missing)}",
                          "Set them in the environment or .env (README: Video interviews), then run this again."))
    else:
        rows.append(Check("Settings", "required settings", OK, "all set"))
    if not 1 <= config.max_minutes <= TAVUS_MAX_MINUTES:
        rows.append(Check("Settings", "VIDEO_MAX_MINUTES", FAIL, f"{config.max_minutes} minutes",
                          f"Set VIDEO_MAX_MINUTES between 1 and {TAVUS_MAX_MINUTES} (Tavus ends calls after an hour)."))
    elif config.max_minutes > LIVE_SESSION_MINUTES and settings.INTERVIEW_AGENT_MODEL == "live":
        rows.append(Check("Settings", "VIDEO_MAX_MINUTES", WARN, f"{config.max_minutes} minutes",
                          f"Gemini Live holds about {LIVE_SESSION_MINUTES} minutes of interview comfortably (the agent "
                          "turns on context compression, which drops the oldest turns from the model's memory); "
                          f"set VIDEO_MAX_MINUTES to {LIVE_SESSION_MINUTES} or less."))
    rows.append(_callback_check())
    if config.recording:
        rows.append(Check("Settings", "VIDEO_RECORDING", WARN, "on: LiveKit records each interview's audio",
                          "The room tells candidates their audio is recorded; turn it off unless you need it."))
    else:
        rows.append(Check("Settings", "VIDEO_RECORDING", OK, "off: only the transcript is kept (the room says so)"))
    if not config.agent_name.strip():
        rows.append(Check("Settings", "INTERVIEW_AGENT_NAME", FAIL, "empty",
                          "Set INTERVIEW_AGENT_NAME (the same value for the web server and every agent worker)."))
    return rows


def _callback_check() -> Check:
    base = (getattr(settings, "TAVUS_CALLBACK_BASE_URL", "") or "").strip()
    if not base:
        return Check("Settings", "TAVUS_CALLBACK_BASE_URL", WARN, "not set: Tavus callbacks are off (the agent and "
                     "tavus_sweep still end every conversation)", "Set it to this site's public https:// address to "
                     "record when the avatar joins, why a call ended, and Tavus's transcript.")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return Check("Settings", "TAVUS_CALLBACK_BASE_URL", FAIL, f"{base!r} is not an http(s) address",
                     "Set it to this site's public address, e.g. https://saylo.example.com.")
    if parts.scheme != "https":
        return Check("Settings", "TAVUS_CALLBACK_BASE_URL", WARN, f"{base} is not https: the callback token "
                     "travels in the clear", "Use the https:// address of this site.")
    return Check("Settings", "TAVUS_CALLBACK_BASE_URL", OK, f"Tavus posts callbacks under {base}")


# --- Tavus -------------------------------------------------------------------------------------

def tavus_checks(config: VideoConfig, *, timeout: float) -> list[Check]:
    if not config.tavus_api_key:
        return [Check("Tavus", "API key", FAIL, "TAVUS_API_KEY is not set",
                      "Create a key in the Tavus developer portal (API Key) and set TAVUS_API_KEY.")]
    client = TavusClient(api_key=config.tavus_api_key, api_url=config.tavus_api_url, timeout=timeout, retries=0)
    try:
        active = client.conversations_list(status="active")
    except TavusError as error:
        return [Check("Tavus", "API key", FAIL, error.message, _tavus_fix(error))]
    rows = [Check("Tavus", "API key", OK,
                  f"accepted by {config.tavus_api_url}; {len(active)} conversation(s) active now")]
    rows.append(_pal_check(client, config))
    rows.append(_face_check(client, config))
    return rows


def _pal_check(client: TavusClient, config: VideoConfig) -> Check:
    if not config.tavus_pal_id:
        return Check("Tavus", "PAL", WARN, "TAVUS_PAL_ID is not set: the avatar uses Tavus's stock PAL and face",
                     "To choose the face: python manage.py tavus_pal create --face-id <face>, then set TAVUS_PAL_ID.")
    try:
        pal = client.pal_get(config.tavus_pal_id)
    except TavusError as error:
        fix = ("Run python manage.py tavus_pal create and set TAVUS_PAL_ID to the id it prints."
               if error.code == "not_found" else _tavus_fix(error))
        return Check("Tavus", "PAL", FAIL, f"{config.tavus_pal_id}: {error.message}", fix)
    if pal.problems:
        return Check("Tavus", "PAL", FAIL, f"{pal.pal_id} ({pal.pal_name or 'unnamed'}): {' and '.join(pal.problems)}",
                     "Our agent needs an echo PAL on LiveKit transport: run python manage.py tavus_pal create "
                     "and set TAVUS_PAL_ID to the id it prints.")
    return Check("Tavus", "PAL", OK, f"{pal.pal_id} ({pal.pal_name or 'unnamed'}): echo, livekit transport")


def _face_check(client: TavusClient, config: VideoConfig) -> Check:
    if not config.tavus_face_id:
        return Check("Tavus", "face", OK, "TAVUS_FACE_ID is not set: the PAL's default face is used")
    try:
        face = client.face_get(config.tavus_face_id)
    except TavusError as error:
        fix = ("Copy a face id from the Tavus portal (Faces) into TAVUS_FACE_ID, or unset it to use the PAL's "
               "default face." if error.code == "not_found" else _tavus_fix(error))
        return Check("Tavus", "face", FAIL, f"{config.tavus_face_id}: {error.message}", fix)
    if not face.ready:
        return Check("Tavus", "face", FAIL, f"{face.face_id} ({face.face_name}) is not ready: {face.status}"
                     + (f" ({face.error_message})" if face.error_message else ""),
                     "Wait for the face to finish training, or choose another face.")
    return Check("Tavus", "face", OK, f"{face.face_id} ({face.face_name or 'unnamed'}): {face.status or 'ready'}")


def _tavus_fix(error: TavusError) -> str:
    return {
        "unauthorized": "Copy the key again from the Tavus developer portal into TAVUS_API_KEY.",
        "unreachable": "Check TAVUS_API_URL (default https://tavusapi.com/v2) and this server's outbound network.",
        "timeout": "Check TAVUS_API_URL and the network, then run this again.",
        "concurrency_limit": "Run python manage.py tavus_sweep to end conversations left open.",
    }.get(error.code, "Run this again in a minute; if it persists, check status.tavus.io.")


# --- LiveKit -----------------------------------------------------------------------------------

def livekit_http_url(url: str) -> str:
    """The server API lives at the same host as the WebSocket URL, over http(s)."""
    parts = urlsplit(url.strip())
    scheme = {"wss": "https", "ws": "http", "https": "https", "http": "http"}.get(parts.scheme)
    if scheme is None or not parts.netloc:
        raise ValueError(url)
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def livekit_checks(config: VideoConfig, *, timeout: float) -> list[Check]:
    missing = [name for name, value in (("LIVEKIT_URL", config.livekit_url), ("LIVEKIT_API_KEY", config.livekit_api_key),
                                        ("LIVEKIT_API_SECRET", config.livekit_api_secret)) if not value]
    if missing:
        return [Check("LiveKit", "server API", FAIL, f"not set: {', '.join(missing)}",
                      "Copy the URL, API key and secret from LiveKit Cloud (Settings → Keys) or your own server's "
                      "config.")]
    try:
        http_url = livekit_http_url(config.livekit_url)
    except ValueError:
        return [Check("LiveKit", "server API", FAIL, f"LIVEKIT_URL {config.livekit_url!r} is not a ws(s):// or "
                      "http(s):// URL", "Set LIVEKIT_URL to wss://<project>.livekit.cloud or your server's URL.")]
    try:
        rooms = run_coroutine(_list_rooms(http_url, config.livekit_api_key, config.livekit_api_secret, timeout))
    except Exception as exc:  # noqa: BLE001 - every failure becomes a row with a fix
        return [_livekit_failure(exc, http_url, timeout)]
    return [Check("LiveKit", "server API", OK, f"ListRooms at {http_url} accepted the key; {len(rooms)} room(s) open")]


def run_coroutine(coroutine):
    """asyncio.run, also from a thread that already runs an event loop (then in a thread of its own)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _list_rooms(url: str, key: str, secret: str, timeout: float) -> list:
    import aiohttp
    from livekit import api

    client = api.LiveKitAPI(url=url, api_key=key, api_secret=secret, failover=False,
                            timeout=aiohttp.ClientTimeout(total=timeout))
    try:
        reply = await client.room.list_rooms(api.ListRoomsRequest())
        return list(reply.rooms)
    finally:
        await client.aclose()


def _livekit_failure(exc: Exception, url: str, timeout: float) -> Check:
    from livekit.api import ServerError

    if isinstance(exc, ServerError):
        if exc.status in (401, 403):
            return Check("LiveKit", "server API", FAIL, f"LiveKit refused the key and secret ({exc.status} {exc.code}: "
                         f"{exc.message})", "Copy LIVEKIT_API_KEY and LIVEKIT_API_SECRET again (a pair from the same "
                         "project as LIVEKIT_URL).")
        return Check("LiveKit", "server API", FAIL, f"LiveKit answered {exc.status} {exc.code}: {exc.message}",
                     "Check LIVEKIT_URL points at your LiveKit server and that it is running.")
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return Check("LiveKit", "server API", FAIL, f"{url} did not answer within {timeout:g} seconds",
                     "Check LIVEKIT_URL and this server's outbound network.")
    return Check("LiveKit", "server API", FAIL, f"could not reach {url} ({type(exc).__name__}: {exc})",
                 "Check LIVEKIT_URL and this server's outbound network.")


# --- Gemini ------------------------------------------------------------------------------------

def gemini_checks(config: VideoConfig, *, timeout: float) -> list[Check]:
    from google import genai
    from google.genai import errors as genai_errors
    from google.genai import types

    if not config.gemini_api_key:
        return [Check("Gemini", "Live model", FAIL, "GEMINI_API_KEY is not set",
                      "Create a key in Google AI Studio and set GEMINI_API_KEY.")]
    model_name = config.gemini_live_model
    base_url = getattr(settings, "GEMINI_BASE_URL", "") or None
    client = genai.Client(api_key=config.gemini_api_key, vertexai=False, http_options=types.HttpOptions(
        base_url=base_url, api_version="v1beta", timeout=max(1, int(timeout * 1000))))
    try:
        model = client.models.get(model=model_name)
    except genai_errors.APIError as error:
        said = (error.message or "").strip()
        if error.code == 404:
            return [Check("Gemini", "Live model", FAIL, f"{model_name} does not exist for this key ({said})",
                          "Set GEMINI_LIVE_MODEL to a Live model listed in Google AI Studio.")]
        if error.code in (400, 401, 403) and ("key" in said.lower() or error.code != 400):
            return [Check("Gemini", "Live model", FAIL, f"Gemini refused the key ({error.code}: {said})",
                          "Copy GEMINI_API_KEY again from Google AI Studio.")]
        return [Check("Gemini", "Live model", FAIL, f"Gemini answered {error.code}: {said}",
                      "Run this again in a minute; check GEMINI_BASE_URL if you use a gateway.")]
    except Exception as exc:  # noqa: BLE001 - network errors of whichever httpx flavour
        where = base_url or "Google's endpoint"
        return [Check("Gemini", "Live model", FAIL, f"could not reach {where} ({type(exc).__name__})",
                      "Check GEMINI_BASE_URL (if set) and this server's outbound network.")]
    actions = list(model.supported_actions or [])
    if actions and LIVE_METHOD not in actions:
        return [Check("Gemini", "Live model", FAIL, f"{model_name} exists but does not speak the Live API "
                      f"(it supports {', '.join(actions)})", "Set GEMINI_LIVE_MODEL to a Live (native audio) model.")]
    return [Check("Gemini", "Live model", OK, f"{model.name or model_name}: found"
                  + (", Live API supported" if actions else ""))]
