"""A local stand-in for the Gemini REST API, for contract tests and benchmarks.

A real `ThreadingHTTPServer` on 127.0.0.1 (random port) that speaks the public `generateContent`
shape: `POST /v1beta/models/<model>:generateContent` with the key in `x-goog-api-key`. It records
every request and answers from a scripted queue of replies; when the queue is empty it answers with
`default` (a reply or a callable taking the recorded request), or a 500 saying nothing was scripted.
`GET /v1beta/models/<model>` (google-genai's `models.get`) answers from `models` instead (404 for an
unknown model; 400 API_KEY_INVALID when `api_key` is set and the request carries another key).

    with FakeGemini() as fake:
        fake.queue(error_reply(429), json_reply({"questions": [...]}))
        settings.GEMINI_BASE_URL = fake.url
        ...
        assert fake.requests[0].path == "/v1beta/models/gemini-2.5-flash:generateContent"
"""

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    408: "DEADLINE_EXCEEDED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # a dict/list is sent as JSON, a str as it is
    delay: float = 0.0  # seconds to wait before answering (to provoke client timeouts)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    raw: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.raw or b"null")

    @property
    def prompt_text(self) -> str:
        """All text the request sends: the system instruction followed by every content part."""
        body = self.json or {}
        texts = [part.get("text", "") for part in (body.get("systemInstruction") or {}).get("parts", [])]
        for content in body.get("contents", []):
            texts.extend(part.get("text", "") for part in content.get("parts", []))
        return "\n".join(texts)

    @property
    def user_text(self) -> str:
        body = self.json or {}
        return "\n".join(part.get("text", "") for c in body.get("contents", []) for part in c.get("parts", []))


def json_reply(payload: Any, *, finish_reason: str = "STOP") -> Reply:
    """A successful reply whose single text part is `payload` serialised as JSON."""
    return text_reply(json.dumps(payload), finish_reason=finish_reason)


def text_reply(text: str, *, finish_reason: str = "STOP") -> Reply:
    return Reply(
        body={
            "candidates": [
                {"content": {"parts": [{"text": text}], "role": "model"}, "finishReason": finish_reason, "index": 0}
            ],
            "usageMetadata": {"promptTokenCount": 812, "candidatesTokenCount": 240, "totalTokenCount": 1052},
            "modelVersion": "gemini-2.5-flash",
        }
    )


def blocked_reply(reason: str = "SAFETY") -> Reply:
    """The prompt itself was blocked: no candidates, `promptFeedback.blockReason` set."""
    return Reply(
        body={
            "promptFeedback": {
                "blockReason": reason,
                "safetyRatings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH"}],
            },
            "usageMetadata": {"promptTokenCount": 812, "totalTokenCount": 812},
        }
    )


def empty_reply() -> Reply:
    return Reply(body={"candidates": [], "usageMetadata": {"promptTokenCount": 812, "totalTokenCount": 812}})


def error_reply(status: int, message: str = "") -> Reply:
    name = _STATUS_NAMES.get(status, "UNKNOWN")
    return Reply(
        status=status,
        body={"error": {"code": status, "message": message or f"The service answered {status} ({name}).", "status": name}},
    )


def model_entry(name: str, methods: tuple[str, ...] = ("generateContent", "countTokens")) -> dict[str, Any]:
    """A `Model` resource as `GET /v1beta/models/<name>` returns it."""
    return {"name": f"models/{name}", "version": "001", "displayName": name, "description": f"{name} (fake)",
            "inputTokenLimit": 1048576, "outputTokenLimit": 65536, "supportedGenerationMethods": list(methods)}


DEFAULT_MODELS = {
    "gemini-2.5-flash": model_entry("gemini-2.5-flash"),
    "gemini-2.5-flash-native-audio-preview-09-2025": model_entry(
        "gemini-2.5-flash-native-audio-preview-09-2025", ("countTokens", "bidiGenerateContent")),
    "gemini-live-2.5-flash-preview": model_entry("gemini-live-2.5-flash-preview", ("bidiGenerateContent",)),
}


class FakeGemini:
    def __init__(self, *, default: Reply | Callable[[RecordedRequest], Reply] | None = None,
                 models: dict[str, dict[str, Any]] | None = None, api_key: str | None = None):
        self.requests: list[RecordedRequest] = []
        self.default = default
        self.models = dict(DEFAULT_MODELS if models is None else models)
        self.api_key = api_key
        self._replies: list[Reply] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- scripting ------------------------------------------------------------------------------

    def queue(self, *replies: Reply) -> "FakeGemini":
        with self._lock:
            self._replies.extend(replies)
        return self

    def reset(self) -> None:
        with self._lock:
            self._replies.clear()
            self.requests.clear()

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._replies)

    def _model_reply(self, request: RecordedRequest) -> Reply:
        if self.api_key is not None and request.headers.get("x-goog-api-key") != self.api_key:
            return error_reply(400, "API key not valid. Please pass a valid API key.")
        name = request.path.split("?", 1)[0].rsplit("/models/", 1)[-1]
        model = self.models.get(name)
        if model is None:
            return error_reply(404, f"models/{name} is not found for API version v1beta, or is not supported.")
        return Reply(body=model)

    def _next_reply(self, request: RecordedRequest) -> Reply:
        if request.method == "GET" and "/models/" in request.path and ":" not in request.path:
            with self._lock:
                self.requests.append(request)
            return self._model_reply(request)
        with self._lock:
            self.requests.append(request)
            if self._replies:
                return self._replies.pop(0)
        if callable(self.default):
            return self.default(request)
        if self.default is not None:
            return self.default
        return error_reply(500, "The fake Gemini server has no scripted reply left.")

    # --- lifecycle ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake server first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeGemini":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in separate writes; don't wait 40 ms between them

            def do_POST(self):  # noqa: N802 - the name http.server looks for
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                recorded = RecordedRequest(
                    method=self.command,
                    path=self.path,
                    headers={name.lower(): value for name, value in self.headers.items()},
                    raw=raw,
                )
                reply = fake._next_reply(recorded)
                if reply.delay:
                    time.sleep(reply.delay)
                payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                data = payload.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=UTF-8")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass

            do_GET = do_POST  # noqa: N815

            def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-gemini", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeGemini":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
