"""The Tavus API client: one module, `requests` with timeouts, typed (pydantic) replies, one error.

Tavus (https://docs.tavus.io) base `https://tavusapi.com/v2`, key in the `x-api-key` header. Tavus
renamed replica → face and persona → PAL; replies may carry either name, and the models accept
both. Our interviews use an echo PAL on LiveKit transport (`pipeline_mode: "echo"`,
`layers.transport.transport_type: "livekit"`): our agent does the listening and thinking, Tavus only
renders the face. The LiveKit avatar plugin creates conversations but never ends them; everything
that ends one (the agent, `tavus_sweep`, the admin action) goes through `conversation_end` here.

Every failure is a `TavusError` with `.status` (the HTTP status, or None when Tavus never
answered), `.code` (a stable word: "concurrency_limit", "unauthorized", "not_found", "timeout", …)
and `.message` (a plain sentence saying what happened and what to do).
"""

import logging
import time
from datetime import UTC, datetime
from typing import Any

import requests
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator

logger = logging.getLogger("saylo.video")

DEFAULT_API_URL = "https://tavusapi.com/v2"
DEFAULT_TIMEOUT = 10.0
LIST_PAGE_SIZE = 100
LIST_MAX_PAGES = 50  # 5,000 conversations: far past any concurrency limit Tavus sells
RETRY_DELAY = 0.3
ECHO = "echo"
LIVEKIT = "livekit"


class TavusError(Exception):
    """Tavus refused or failed a request. `message` is a plain sentence for people."""

    def __init__(self, message: str, *, status: int | None = None, code: str = "error", detail: str = ""):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.detail = detail  # what Tavus itself said, for logs

    def __repr__(self) -> str:
        return f"TavusError(status={self.status!r}, code={self.code!r}, message={self.message!r})"


def _parse_time(value: Any) -> datetime | None:
    """Tavus writes times as ISO 8601 with or without a zone ("2025-05-13T06:42:58.291561Z",
    "2024-08-28 15:27:40.824457"), sometimes as an empty string. Naive times are UTC."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, int | float):
        parsed = datetime.fromtimestamp(value, tz=UTC)
    elif isinstance(value, str) and value.strip():
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Pal(_Reply):
    pal_id: str = Field(validation_alias=AliasChoices("pal_id", "persona_id"))
    pal_name: str = Field(default="", validation_alias=AliasChoices("pal_name", "persona_name"))
    pipeline_mode: str = ""
    default_face_id: str = Field(default="", validation_alias=AliasChoices("default_face_id", "default_replica_id"))
    layers: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime | None = None

    _times = field_validator("created_at", mode="before")(_parse_time)

    @field_validator("pal_name", "pipeline_mode", "default_face_id", mode="before")
    @classmethod
    def _none_is_empty(cls, value):
        return value or ""

    @field_validator("layers", mode="before")
    @classmethod
    def _layers(cls, value):
        return value if isinstance(value, dict) else {}

    @property
    def transport_type(self) -> str:
        transport = self.layers.get("transport") or {}
        return str(transport.get("transport_type") or "") if isinstance(transport, dict) else ""

    @property
    def problems(self) -> list[str]:
        """What keeps this PAL from driving our avatar (empty when it is echo + LiveKit)."""
        found = []
        if self.pipeline_mode != ECHO:
            found.append(f'its pipeline_mode is "{self.pipeline_mode or "unset"}", not "echo"')
        if self.transport_type != LIVEKIT:
            found.append(f'its transport is "{self.transport_type or "unset"}", not "livekit"')
        return found


class Face(_Reply):
    face_id: str = Field(validation_alias=AliasChoices("face_id", "replica_id"))
    face_name: str = Field(default="", validation_alias=AliasChoices("face_name", "replica_name"))
    status: str = ""  # training: started | completed | error
    error_message: str | None = None

    @field_validator("face_name", "status", mode="before")
    @classmethod
    def _none_is_empty(cls, value):
        return value or ""

    @property
    def ready(self) -> bool:
        return self.status in {"", "completed", "ready"}


class Conversation(_Reply):
    conversation_id: str
    conversation_name: str = ""
    conversation_url: str = ""
    status: str = ""  # active | ended (Tavus may add others)
    callback_url: str = ""
    face_id: str = Field(default="", validation_alias=AliasChoices("face_id", "replica_id"))
    pal_id: str = Field(default="", validation_alias=AliasChoices("pal_id", "persona_id"))
    created_at: datetime | None = None
    updated_at: datetime | None = None

    _times = field_validator("created_at", "updated_at", mode="before")(_parse_time)

    @field_validator("conversation_name", "conversation_url", "status", "callback_url", "face_id", "pal_id",
                     mode="before")
    @classmethod
    def _none_is_empty(cls, value):
        return value or ""

    @property
    def ended(self) -> bool:
        return self.status == "ended"


def _tavus_says(response: requests.Response) -> str:
    """Tavus's own error text: `{"error": …}` (400s) or `{"message": …}` (401 and some 400s)."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:300]
    if isinstance(body, dict):
        for key in ("error", "message", "detail"):
            if body.get(key):
                return str(body[key])[:300]
    return str(body)[:300]


def _error_for(response: requests.Response, what: str) -> TavusError:
    status = response.status_code
    said = _tavus_says(response)
    lowered = said.lower()
    if status == 400 and "concurrent" in lowered:
        return TavusError(
            "Tavus says this account already has as many live conversations as it allows. End the ones left "
            "open (python manage.py tavus_sweep) or wait for one to finish, then try again.",
            status=status, code="concurrency_limit", detail=said)
    if status in (401, 403):
        return TavusError(
            f"Tavus refused the API key ({status}) while trying to {what}. Check TAVUS_API_KEY: copy the key "
            "again from the Tavus developer portal.", status=status, code="unauthorized", detail=said)
    if status == 404 or (status == 400 and "invalid" in lowered and "_id" in lowered):
        return TavusError(f"Tavus does not know that id (while trying to {what}): {said}.",
                          status=status, code="not_found", detail=said)
    if status == 429:
        return TavusError(f"Tavus is rate-limiting requests (429) while trying to {what}. Wait a minute and "
                          "try again.", status=status, code="rate_limited", detail=said)
    if status >= 500:
        return TavusError(f"Tavus had an internal error ({status}) while trying to {what}. Try again in a "
                          "minute; if it persists, check status.tavus.io.", status=status, code="server_error",
                          detail=said)
    return TavusError(f"Tavus refused to {what} ({status}): {said or 'no reason given'}.",
                      status=status, code="bad_request", detail=said)


class TavusClient:
    """A small, synchronous Tavus client. Reads (`*_get`, `conversations_list`) and
    `conversation_end` are idempotent, so they are tried `retries` more times on a timeout, a
    connection failure or a 5xx; creates are never retried (a retry could start a second
    conversation that nobody ends)."""

    def __init__(self, *, api_key: str, api_url: str = DEFAULT_API_URL, timeout: float = DEFAULT_TIMEOUT,
                 retries: int = 1, session: requests.Session | None = None):
        if not api_key:
            raise TavusError("TAVUS_API_KEY is not set, so Saylo cannot talk to Tavus. Set it to the key from "
                             "the Tavus developer portal.", code="not_configured")
        self.api_key = api_key
        self.api_url = (api_url or DEFAULT_API_URL).rstrip("/")
        self.timeout = timeout
        self.retries = max(0, retries)
        self._http = session or requests.Session()

    # --- PALs and faces ------------------------------------------------------------------------

    def pal_create(self, *, name: str, face_id: str, system_prompt: str = "",
                   extra: dict[str, Any] | None = None) -> Pal:
        """Create an echo PAL on LiveKit transport (what our agent + avatar plugin need).
        `default_face_id` is required by `POST /v2/pals`."""
        payload: dict[str, Any] = {
            "pal_name": name,
            "default_face_id": face_id,
            "pipeline_mode": ECHO,
            "layers": {"transport": {"transport_type": LIVEKIT}},
        }
        if system_prompt:
            payload["system_prompt"] = system_prompt
        payload.update(extra or {})
        body = self._request("POST", "/pals", what="create a PAL", json=payload, idempotent=False)
        merged = {**payload, **(body if isinstance(body, dict) else {})}
        return self._parse(Pal, merged, "create a PAL")

    def pal_get(self, pal_id: str) -> Pal:
        body = self._request("GET", f"/pals/{_segment(pal_id)}", what=f"read PAL {pal_id}")
        return self._parse(Pal, _single(body), f"read PAL {pal_id}")

    def face_get(self, face_id: str) -> Face:
        body = self._request("GET", f"/faces/{_segment(face_id)}", what=f"read face {face_id}")
        return self._parse(Face, _single(body), f"read face {face_id}")

    # --- conversations ------------------------------------------------------------------------

    def conversation_create(self, *, pal_id: str = "", face_id: str = "", name: str = "", callback_url: str = "",
                            properties: dict[str, Any] | None = None,
                            extra: dict[str, Any] | None = None) -> Conversation:
        """Start a conversation (billing and a concurrency slot start now: end it!)."""
        payload: dict[str, Any] = {"properties": properties or {}}
        for key, value in (("pal_id", pal_id), ("face_id", face_id), ("conversation_name", name),
                           ("callback_url", callback_url)):
            if value:
                payload[key] = value
        payload.update(extra or {})
        body = self._request("POST", "/conversations", what="start a conversation", json=payload, idempotent=False)
        return self._parse(Conversation, body, "start a conversation")

    def conversation_get(self, conversation_id: str) -> Conversation:
        body = self._request("GET", f"/conversations/{_segment(conversation_id)}",
                             what=f"read conversation {conversation_id}")
        return self._parse(Conversation, _single(body), f"read conversation {conversation_id}")

    def conversation_end(self, conversation_id: str) -> bool:
        """End a conversation. Idempotent: returns True when this call ended it, False when it had
        already ended (Tavus answers an error for those; we check the conversation's status)."""
        what = f"end conversation {conversation_id}"
        try:
            self._request("POST", f"/conversations/{_segment(conversation_id)}/end", what=what)
            return True
        except TavusError as error:
            if error.status is None or error.status >= 500 or error.code in {"unauthorized", "rate_limited"}:
                raise
            try:
                current = self.conversation_get(conversation_id)
            except TavusError:
                raise error from None
            if current.ended:
                return False
            raise

    def conversations_list(self, status: str = "active") -> list[Conversation]:
        """Every conversation with this status ("active" or "ended"; "" for all), all pages."""
        found: list[Conversation] = []
        for page in range(1, LIST_MAX_PAGES + 1):
            params: dict[str, Any] = {"limit": LIST_PAGE_SIZE, "page": page}
            if status:
                params["status"] = status
            body = self._request("GET", "/conversations", what="list conversations", params=params)
            items = body.get("data") if isinstance(body, dict) else body
            if not isinstance(items, list):
                raise TavusError("Tavus answered the conversation list in a shape Saylo does not understand.",
                                 code="bad_reply", detail=str(body)[:300])
            found.extend(self._parse(Conversation, item, "list conversations") for item in items)
            total = body.get("total_count") if isinstance(body, dict) else None
            if not items or len(items) < LIST_PAGE_SIZE or (isinstance(total, int) and len(found) >= total):
                break
        return found

    # --- plumbing -----------------------------------------------------------------------------

    def _request(self, method: str, path: str, *, what: str, json: Any = None, params: dict | None = None,
                 idempotent: bool = True) -> Any:
        attempts = 1 + (self.retries if idempotent else 0)
        for attempt in range(1, attempts + 1):
            try:
                error = None
                response = self._http.request(
                    method, f"{self.api_url}{path}", json=json, params=params, timeout=self.timeout,
                    headers={"x-api-key": self.api_key, "Accept": "application/json"},
                )
            except requests.Timeout:
                error = TavusError(f"Tavus did not answer within {self.timeout:g} seconds while trying to {what}. "
                                   "Try again in a minute; if it keeps happening, check TAVUS_API_URL.",
                                   code="timeout")
            except requests.RequestException as exc:
                error = TavusError(f"Saylo could not reach Tavus at {self.api_url} while trying to {what}. "
                                   "Check TAVUS_API_URL and this server's network.", code="unreachable",
                                   detail=str(exc)[:300])
            else:
                if response.ok:
                    if not response.content.strip():
                        return {}
                    try:
                        return response.json()
                    except ValueError:
                        raise TavusError(f"Tavus answered in a form Saylo does not understand while trying to "
                                         f"{what}.", status=response.status_code, code="bad_reply",
                                         detail=response.text[:300]) from None
                error = _error_for(response, what)
                if error.code != "server_error":
                    raise error
            logger.warning("tavus: %s failed (attempt %s of %s): %s", what, attempt, attempts, error.code)
            if attempt < attempts:
                time.sleep(RETRY_DELAY * attempt)
        raise error

    @staticmethod
    def _parse(model, data: Any, what: str):
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise TavusError(f"Tavus answered in a form Saylo does not understand while trying to {what}.",
                             code="bad_reply", detail=str(exc)[:300]) from None


def _single(body: Any) -> Any:
    """Tavus documents some single-object reads as `{"data": [obj]}`; others answer the object."""
    if isinstance(body, dict) and "data" in body:
        data = body["data"]
        if isinstance(data, list):
            if not data:
                raise TavusError("Tavus answered with nothing for that id.", code="not_found")
            return data[0]
        return data
    return body


def _segment(value: str) -> str:
    """Ids go into URL paths: refuse anything that could change the path."""
    value = str(value or "").strip()
    if not value or not all(ch.isalnum() or ch in "-_" for ch in value):
        raise TavusError(f"{value!r} is not a Tavus id (letters, digits, - and _ only).", code="bad_id")
    return value


def tavus_client(*, timeout: float = DEFAULT_TIMEOUT, retries: int = 1) -> TavusClient:
    """The client for the configured account (TAVUS_API_KEY, TAVUS_API_URL). Raises TavusError
    (code "not_configured") when there is no key."""
    from interviews.video.config import video_config

    config = video_config()
    return TavusClient(api_key=config.tavus_api_key, api_url=config.tavus_api_url, timeout=timeout, retries=retries)
