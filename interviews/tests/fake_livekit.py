"""A local stand-in for a LiveKit server's Twirp API (`/twirp/livekit.RoomService/*`).

No LiveKit server can run here, so tests meet livekit-api at its HTTP boundary: a threaded server on
127.0.0.1 that answers `POST /twirp/livekit.RoomService/ListRooms` (and `DeleteRoom`) in protobuf,
as livekit-api's `TwirpClient` expects, after checking the request's `Authorization: Bearer <jwt>`
with `livekit.api.TokenVerifier` (signature, issuer = API key, expiry) and the grant the method needs
(`roomList`, `roomCreate`). Errors are Twirp JSON (`{"code": "unauthenticated", "msg": …}`).

    with FakeLiveKit() as livekit:
        settings.LIVEKIT_URL = livekit.ws_url  # ws://127.0.0.1:<port>
        ...
        assert livekit.requests[0].claims.video.room_list

Fixtures: `fake_livekit` (running, with LIVEKIT_URL / _API_KEY / _API_SECRET pointing at it) and
`video_settings` (every video setting pointing at local fakes, so `video_config().enabled`).
"""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

API_KEY = "APIfakelivekit"
API_SECRET = "fake-livekit-secret-with-enough-length-0123456789"


@dataclass
class RecordedTwirp:
    method: str  # the Twirp method: "ListRooms", …
    path: str
    headers: dict[str, str]
    raw: bytes
    claims: Any = None  # livekit.api.Claims when the token verified
    error: str = ""


@dataclass
class FakeLiveKit:
    api_key: str = API_KEY
    api_secret: str = API_SECRET
    rooms: list[str] = field(default_factory=list)
    requests: list[RecordedTwirp] = field(default_factory=list)
    delay: float = 0.0  # seconds before answering (to provoke client timeouts)
    fail_status: int | None = None  # answer every request with this status (e.g. 503)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # --- the API --------------------------------------------------------------------------------

    def _handle(self, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, str, bytes]:
        from livekit import api
        from livekit.protocol import room as proto_room
        from livekit.protocol.models import Room

        method = path.rsplit("/", 1)[-1]
        recorded = RecordedTwirp(method=method, path=path, headers=headers, raw=raw)
        with self._lock:
            self.requests.append(recorded)
        if self.fail_status:
            return _twirp_error(self.fail_status, "unavailable", "the fake LiveKit server is failing on purpose")
        if not path.startswith("/twirp/livekit.RoomService/"):
            return _twirp_error(404, "bad_route", f"no handler for {path}")
        token = headers.get("authorization", "")
        if not token.startswith("Bearer "):
            recorded.error = "no bearer token"
            return _twirp_error(401, "unauthenticated", "authorization header is missing")
        try:
            claims = api.TokenVerifier(self.api_key, self.api_secret).verify(token.removeprefix("Bearer "))
        except Exception as exc:  # noqa: BLE001 - any verification failure is a 401, as LiveKit answers
            recorded.error = f"{type(exc).__name__}: {exc}"
            return _twirp_error(401, "unauthenticated", "invalid token: could not verify it with the API secret")
        recorded.claims = claims
        needed = {"ListRooms": "room_list", "DeleteRoom": "room_create"}.get(method)
        if needed is None:
            return _twirp_error(404, "bad_route", f"{method} is not implemented by the fake")
        if not getattr(claims.video, needed, False):
            return _twirp_error(403, "permission_denied", f"the token lacks the {needed} grant")
        if method == "ListRooms":
            request = proto_room.ListRoomsRequest.FromString(raw)
            names = [n for n in self.rooms if not request.names or n in request.names]
            reply = proto_room.ListRoomsResponse(rooms=[Room(name=n, sid=f"RM_{n}") for n in names])
        else:
            request = proto_room.DeleteRoomRequest.FromString(raw)
            with self._lock:
                self.rooms = [n for n in self.rooms if n != request.room]
            reply = proto_room.DeleteRoomResponse()
        return 200, "application/protobuf", reply.SerializeToString()

    # --- lifecycle ------------------------------------------------------------------------------

    @property
    def http_url(self) -> str:
        assert self._server is not None, "start() the fake server first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def ws_url(self) -> str:
        """What LIVEKIT_URL looks like (ws://, as a real deployment's wss://)."""
        return self.http_url.replace("http://", "ws://")

    def start(self) -> "FakeLiveKit":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_POST(self):  # noqa: N802 - the name http.server looks for
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                status, content_type, body = fake._handle(
                    self.path, {k.lower(): v for k, v in self.headers.items()}, raw)
                if fake.delay:
                    time.sleep(fake.delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self):  # noqa: N802 - region discovery (/settings/regions) and anything else
                body = b'{"code": "bad_route", "msg": "not found"}'
                self.send_response(404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-livekit",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeLiveKit":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _twirp_error(status: int, code: str, msg: str) -> tuple[int, str, bytes]:
    import json

    return status, "application/json", json.dumps({"code": code, "msg": msg}).encode()


@pytest.fixture
def fake_livekit(settings):
    """A running FakeLiveKit with LIVEKIT_URL / LIVEKIT_API_KEY / LIVEKIT_API_SECRET pointing at it."""
    with FakeLiveKit() as fake:
        settings.LIVEKIT_URL = fake.ws_url
        settings.LIVEKIT_API_KEY = fake.api_key
        settings.LIVEKIT_API_SECRET = fake.api_secret
        yield fake


@pytest.fixture
def video_settings(settings, fake_tavus, fake_livekit):
    """Every video setting set (Tavus and LiveKit at local fakes), so video interviews are offered."""
    settings.GEMINI_API_KEY = "gemini-test-key"
    settings.TAVUS_PAL_ID = ""
    settings.TAVUS_FACE_ID = ""
    return settings
