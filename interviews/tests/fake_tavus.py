"""A local stand-in for the Tavus API (https://docs.tavus.io), for contract tests and benchmarks.

A real threaded HTTP server on 127.0.0.1 (random port) that follows Tavus's documented v2 API:

* auth: the `x-api-key` header; a wrong or missing key → 401 `{"message": "Invalid access token"}`.
* `POST /v2/pals` (`default_face_id` required; `pipeline_mode` full|echo) → `{"pal_id", "pal_name", …}`;
  `GET /v2/pals/<id>` → `{"data": [pal]}` (the shape the docs give); the legacy `/v2/personas`
  paths answer too.
* `GET /v2/faces/<id>` (legacy `/v2/replicas/<id>`) → the face; the stock face is known.
* `POST /v2/conversations` → `{"conversation_id", "conversation_url", "status": "active", …}`; both our
  client's call and the LiveKit avatar plugin's (`pal_id`, optional `face_id`, `conversation_name`,
  `properties: {"livekit_ws_url", "livekit_room_token"}`). A PAL on LiveKit transport without those
  two properties is refused (400), as the room could never be joined. More active conversations
  than `max_concurrent` → 400 `{"message": "User has reached maximum concurrent conversations"}`.
* `GET /v2/conversations/<id>`, `GET /v2/conversations?status=&limit=&page=` (`{"data", "total_count"}`),
  `POST /v2/conversations/<id>/end` (200; an unknown id or an already ended one → 400 with
  `{"error": …}`).
* injected failures, in order, for the next matching requests: `fail_next(status)` (any status and
  body), `concurrency_limit()`, `unauthorized()`, `server_error()`, `hang(seconds)` (a timeout).

It records every request (method, path, query, lower-cased headers, JSON body) and keeps its
conversations with their status, so a test can assert that every conversation created was ended.

    with FakeTavus() as tavus:
        client = TavusClient(api_key=tavus.api_key, api_url=tavus.url)
        ...
        assert tavus.requests[-1].path == "/v2/conversations/c123/end"

Tests get one through the `fake_tavus` fixture, which also points TAVUS_API_KEY / TAVUS_API_URL
at it (see `conftest.py`: `pytest_plugins`).
"""

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

API_KEY = "tavus-test-key-0123456789"
STOCK_PAL_ID = "pb87e71797da"  # what livekit-plugins-tavus uses when no PAL is given
STOCK_FACE_ID = "r4067604db72"
CONCURRENCY_MESSAGE = "User has reached maximum concurrent conversations"


@dataclass
class RecordedRequest:
    method: str
    path: str  # without the query string
    query: dict[str, str]
    headers: dict[str, str]  # lower-cased names
    raw: bytes

    @property
    def json(self) -> Any:
        try:
            return json.loads(self.raw or b"null")
        except ValueError:
            return None


@dataclass
class Failure:
    status: int
    body: Any = None
    delay: float = 0.0
    method: str | None = None  # only requests with this method …
    path: str | None = None  # … and whose path contains this text are failed
    times: int = 1

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (self.path is None or self.path in path)


@dataclass
class FakeConversation:
    conversation_id: str
    status: str = "active"
    conversation_name: str = ""
    pal_id: str = ""
    face_id: str = ""
    callback_url: str = ""
    properties: dict[str, Any] = field(default_factory=dict)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    ended_by_request: bool = False  # ended through POST …/end (not seeded as ended)
    created_by_request: bool = False  # created through POST /v2/conversations (not seeded)

    def as_json(self, base: str) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "conversation_name": self.conversation_name,
            "conversation_url": f"{base}/rooms/{self.conversation_id}",
            "status": self.status,
            "callback_url": self.callback_url,
            "replica_id": self.face_id,
            "persona_id": self.pal_id,
            "face_id": self.face_id,
            "pal_id": self.pal_id,
            "created_at": self.created_at.isoformat().replace("+00:00", "Z"),
            "updated_at": self.updated_at.isoformat().replace("+00:00", "Z"),
        }


def _new_id(prefix: str) -> str:
    return prefix + secrets.token_hex(6)


class FakeTavus:
    def __init__(self, *, api_key: str = API_KEY, max_concurrent: int = 100):
        self.api_key = api_key
        self.max_concurrent = max_concurrent
        self.requests: list[RecordedRequest] = []
        self.pals: dict[str, dict[str, Any]] = {
            STOCK_PAL_ID: {"pal_id": STOCK_PAL_ID, "pal_name": "Stock PAL", "pipeline_mode": "echo",
                           "default_face_id": STOCK_FACE_ID, "layers": {"transport": {"transport_type": "livekit"}},
                           "created_at": "2025-01-01T00:00:00Z"},
        }
        self.faces: dict[str, dict[str, Any]] = {
            STOCK_FACE_ID: {"face_id": STOCK_FACE_ID, "face_name": "Lucy - Home", "status": "completed",
                            "training_progress": "100/100", "model_name": "phoenix-4"},
        }
        self.conversations: dict[str, FakeConversation] = {}
        self._failures: list[Failure] = []
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- scripting ------------------------------------------------------------------------------

    def fail_next(self, status: int, body: Any = None, *, delay: float = 0.0, method: str | None = None,
                  path: str | None = None, times: int = 1) -> "FakeTavus":
        """The next `times` requests matching `method`/`path` get this answer instead of the real one."""
        if body is None:
            body = {"message": "Internal Server Error"} if status >= 500 else {"error": f"Error {status}"}
        with self._lock:
            self._failures.append(Failure(status, body, delay, method, path, times))
        return self

    def concurrency_limit(self, **match) -> "FakeTavus":
        return self.fail_next(400, {"message": CONCURRENCY_MESSAGE}, **match)

    def unauthorized(self, **match) -> "FakeTavus":
        return self.fail_next(401, {"message": "Invalid access token"}, **match)

    def server_error(self, status: int = 500, **match) -> "FakeTavus":
        return self.fail_next(status, {"message": "Internal Server Error"}, **match)

    def hang(self, seconds: float = 2.0, **match) -> "FakeTavus":
        """Answer the next matching request only after `seconds` (longer than the client's timeout)."""
        return self.fail_next(200, {}, delay=seconds, **match)

    def add_pal(self, *, pipeline_mode: str = "echo", transport: str = "livekit", face_id: str = STOCK_FACE_ID,
                pal_id: str = "", name: str = "Saylo interviewer") -> str:
        pal_id = pal_id or _new_id("p")
        layers = {"transport": {"transport_type": transport}} if transport else {}
        with self._lock:
            self.pals[pal_id] = {"pal_id": pal_id, "pal_name": name, "pipeline_mode": pipeline_mode,
                                 "default_face_id": face_id, "layers": layers,
                                 "created_at": datetime.now(UTC).isoformat()}
        return pal_id

    def add_face(self, *, face_id: str = "", status: str = "completed") -> str:
        face_id = face_id or _new_id("r")
        with self._lock:
            self.faces[face_id] = {"face_id": face_id, "face_name": "Custom face", "status": status}
        return face_id

    def add_conversation(self, *, conversation_id: str = "", status: str = "active", age_minutes: float = 0,
                         callback_url: str = "", pal_id: str = STOCK_PAL_ID, name: str = "") -> FakeConversation:
        """Seed a conversation as if it had been created `age_minutes` ago (for the sweep)."""
        created = datetime.now(UTC) - timedelta(minutes=age_minutes)
        conversation = FakeConversation(conversation_id or _new_id("c"), status=status, pal_id=pal_id,
                                        callback_url=callback_url, created_at=created, updated_at=created,
                                        conversation_name=name)
        with self._lock:
            self.conversations[conversation.conversation_id] = conversation
        return conversation

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self._failures.clear()

    # --- what happened --------------------------------------------------------------------------

    def requests_to(self, method: str, path_part: str = "") -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.method == method and path_part in r.path]

    @property
    def created(self) -> list[FakeConversation]:
        """Conversations created through `POST /v2/conversations` (not seeded ones)."""
        with self._lock:
            return [c for c in self.conversations.values() if c.created_by_request]

    @property
    def active(self) -> list[FakeConversation]:
        with self._lock:
            return [c for c in self.conversations.values() if c.status == "active"]

    def callback(self, conversation_id: str, event_type: str, **properties) -> dict[str, Any]:
        """A callback body as Tavus posts it to `callback_url` (docs: "Webhooks and Callbacks")."""
        return callback_payload(conversation_id, event_type, **properties)

    # --- the API --------------------------------------------------------------------------------

    def _handle(self, request: RecordedRequest) -> tuple[int, Any, float]:
        with self._lock:
            self.requests.append(request)
            for failure in self._failures:
                if failure.matches(request.method, request.path):
                    failure.times -= 1
                    if failure.times <= 0:
                        self._failures.remove(failure)
                    return failure.status, failure.body, failure.delay
            if request.headers.get("x-api-key") != self.api_key:
                return 401, {"message": "Invalid access token"}, 0.0
            return (*self._route(request), 0.0)

    def _route(self, request: RecordedRequest) -> tuple[int, Any]:
        parts = [p for p in request.path.split("/") if p]
        if not parts or parts[0] != "v2":
            return 404, {"error": "Not found"}
        parts = parts[1:]
        method = request.method
        body = request.json if isinstance(request.json, dict) else {}
        if parts[:1] in (["pals"], ["personas"]):
            legacy = parts[0] == "personas"
            if method == "POST" and len(parts) == 1:
                return self._pal_create(body, legacy=legacy)
            if method == "GET" and len(parts) == 2:
                pal = self.pals.get(parts[1])
                if pal is None:
                    return 404, {"error": f"Invalid {'persona' if legacy else 'pal'}_id"}
                return 200, {"data": [_legacy_pal(pal) if legacy else pal]}
        if parts[:1] in (["faces"], ["replicas"]) and method == "GET" and len(parts) == 2:
            face = self.faces.get(parts[1])
            if face is None:
                return 404, {"error": "Invalid face_id"}
            return 200, face
        if parts[:1] == ["conversations"]:
            if method == "POST" and len(parts) == 1:
                return self._conversation_create(body)
            if method == "GET" and len(parts) == 1:
                return self._conversation_list(request.query)
            conversation = self.conversations.get(parts[1]) if len(parts) > 1 else None
            if conversation is None:
                return 400, {"error": "Invalid conversation_id"}
            if method == "GET" and len(parts) == 2:
                return 200, conversation.as_json(self.url)
            if method == "POST" and len(parts) == 3 and parts[2] == "end":
                if conversation.status == "ended":
                    return 400, {"error": "Conversation has already ended"}
                conversation.status = "ended"
                conversation.ended_by_request = True
                conversation.updated_at = datetime.now(UTC)
                return 200, None
        return 404, {"error": "Not found"}

    def _pal_create(self, body: dict, *, legacy: bool) -> tuple[int, Any]:
        name_key, face_key, id_key = (("persona_name", "default_replica_id", "persona_id") if legacy
                                      else ("pal_name", "default_face_id", "pal_id"))
        face_id = body.get(face_key) or ""
        if not legacy and not face_id:
            return 400, {"error": "default_face_id is required"}
        if face_id and face_id not in self.faces:
            return 400, {"error": f"Invalid {face_key}"}
        mode = body.get("pipeline_mode") or "full"
        if mode not in ("full", "echo"):
            return 400, {"error": "pipeline_mode must be one of: full, echo"}
        if mode == "full" and not body.get("system_prompt"):
            return 400, {"error": "system_prompt is required unless pipeline_mode is echo"}
        pal_id = _new_id("p")
        pal = {"pal_id": pal_id, "pal_name": body.get(name_key) or "", "pipeline_mode": mode,
               "default_face_id": face_id, "layers": body.get("layers") or {},
               "system_prompt": body.get("system_prompt"), "created_at": datetime.now(UTC).isoformat()}
        self.pals[pal_id] = pal
        return 200, {id_key: pal_id, name_key: pal["pal_name"], "created_at": pal["created_at"]}

    def _conversation_create(self, body: dict) -> tuple[int, Any]:
        pal_id = body.get("pal_id") or body.get("persona_id") or ""
        face_id = body.get("face_id") or body.get("replica_id") or ""
        if not pal_id and not face_id:
            return 400, {"error": "Either a face_id or a pal_id with a default face is required"}
        pal = self.pals.get(pal_id) if pal_id else None
        if pal_id and pal is None:
            return 400, {"error": "Invalid pal_id"}
        if face_id and face_id not in self.faces:
            return 400, {"error": "Invalid face_id"}
        if not face_id and not (pal or {}).get("default_face_id"):
            return 400, {"error": "face_id is required: the PAL has no default face"}
        properties = body.get("properties") or {}
        if not isinstance(properties, dict):
            return 400, {"error": "properties must be an object"}
        transport = ((pal or {}).get("layers") or {}).get("transport") or {}
        if transport.get("transport_type") == "livekit" and not (
                properties.get("livekit_ws_url") and properties.get("livekit_room_token")):
            return 400, {"error": "livekit_ws_url and livekit_room_token are required for livekit transport"}
        if len(self.active) >= self.max_concurrent:
            return 400, {"message": CONCURRENCY_MESSAGE}
        conversation = FakeConversation(
            _new_id("c"), pal_id=pal_id, face_id=face_id or (pal or {}).get("default_face_id", ""),
            conversation_name=body.get("conversation_name") or "New conversation",
            callback_url=body.get("callback_url") or "", properties=properties, created_by_request=True,
        )
        self.conversations[conversation.conversation_id] = conversation
        return 200, conversation.as_json(self.url)

    def _conversation_list(self, query: dict[str, str]) -> tuple[int, Any]:
        try:
            limit = int(query.get("limit") or 10)
            page = int(query.get("page") or 1)
        except ValueError:
            return 400, {"error": "limit and page must be integers"}
        status = query.get("status")
        matching = sorted((c for c in self.conversations.values() if not status or c.status == status),
                          key=lambda c: c.created_at, reverse=True)
        chunk = matching[(page - 1) * limit: page * limit]
        return 200, {"data": [c.as_json(self.url) for c in chunk], "total_count": len(matching)}

    # --- lifecycle ------------------------------------------------------------------------------

    @property
    def base(self) -> str:
        assert self._server is not None, "start() the fake server first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """What TAVUS_API_URL should be set to (the `/v2` base)."""
        return f"{self.base}/v2"

    def start(self) -> "FakeTavus":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def _serve(self, method: str):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                split = urlsplit(self.path)
                recorded = RecordedRequest(
                    method=method, path=split.path,
                    query={k: v[-1] for k, v in parse_qs(split.query).items()},
                    headers={name.lower(): value for name, value in self.headers.items()}, raw=raw,
                )
                status, body, delay = fake._handle(recorded)
                if delay:
                    time.sleep(delay)
                data = b"" if body is None else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass

            def do_GET(self):  # noqa: N802 - the names http.server looks for
                self._serve("GET")

            def do_POST(self):  # noqa: N802
                self._serve("POST")

            def do_DELETE(self):  # noqa: N802
                self._serve("DELETE")

            def do_PATCH(self):  # noqa: N802
                self._serve("PATCH")

            def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="fake-tavus", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeTavus":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _legacy_pal(pal: dict[str, Any]) -> dict[str, Any]:
    return {"persona_id": pal["pal_id"], "persona_name": pal["pal_name"], "pipeline_mode": pal["pipeline_mode"],
            "default_replica_id": pal["default_face_id"], "layers": pal["layers"], "created_at": pal["created_at"]}


def callback_payload(conversation_id: str, event_type: str, **properties) -> dict[str, Any]:
    """A conversation callback as Tavus posts it (`system.replica_joined`, `system.shutdown` with
    `shutdown_reason`, `application.transcription_ready` with `transcript`: [{role, content}, …])."""
    return {
        "properties": {"replica_id": STOCK_FACE_ID, **properties},
        "conversation_id": conversation_id,
        "webhook_url": "",
        "event_type": event_type,
        "message_type": event_type.split(".", 1)[0],
        "timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }


@pytest.fixture
def fake_tavus(settings):
    """A running FakeTavus with TAVUS_API_KEY / TAVUS_API_URL pointing at it."""
    with FakeTavus() as fake:
        settings.TAVUS_API_KEY = fake.api_key
        settings.TAVUS_API_URL = fake.url
        yield fake
