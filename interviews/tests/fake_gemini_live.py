"""A local stand-in for the Gemini Live API (the `BidiGenerateContent` websocket), for the agent's
Live path.

google-genai turns `http_options.base_url` into a `wss://` address, so this serves TLS with a
certificate made for 127.0.0.1 at start; `client_ssl()` is the context a client needs to trust it
(pass it as `HttpOptions(async_client_args={"ssl": …})`). It speaks the public message shapes:
the client's first message is `{"setup": …}` (answered `{"setupComplete": {}}`), then
`clientContent` / `realtimeInput` / `toolResponse`; the server answers with `serverContent`
(`outputTranscription`, `modelTurn` audio, `generationComplete`, `turnComplete`) and `toolCall`.
What it answers is `behaviour(message, fake) -> [server messages]`; `interviewer` (the default)
calls `next_question` whenever a turn completes and reads out what the tool returned.

The candidate's voice: `say("words …")` queues words the fake "hears" one per audio chunk the client
streams (`realtimeInput` audio), answering each with an `inputTranscription`, as Live's server-side
voice activity detection does; when the words run out, `behaviour({"endOfSpeech": True}, fake)`
answers the finished turn. Audio that arrives with nothing queued is only counted
(`audio_chunks`), so a test can tell whether the client streamed the microphone at all.

Connections are recycled as Live does: with `go_away_after_calls=N` the fake sends `goAway` right
after its Nth tool call, and after each tool call or turn it sends a `sessionResumptionUpdate`
with a new handle; each connection's setup is kept in `setups` (a resumed one carries the handle).

    with FakeGeminiLive() as live:
        model = RealtimeModel(api_key=..., http_options=HttpOptions(base_url=live.url,
                              async_client_args={"ssl": live.client_ssl()}))
        ...
        assert live.setup["model"] == "models/gemini-…"
"""

import asyncio
import base64
import contextlib
import datetime
import ipaddress
import json
import ssl
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

SILENCE_20MS = base64.b64encode(b"\x00\x00" * 480).decode()  # 24 kHz 16-bit mono


def _self_signed(directory: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def speak(text: str) -> list[dict]:
    """What Live sends for a spoken reply: transcription and audio, then the end of the turn."""
    return [
        {"serverContent": {"outputTranscription": {"text": text}}},
        {"serverContent": {"modelTurn": {"parts": [{"inlineData": {"mimeType": "audio/pcm;rate=24000",
                                                                   "data": SILENCE_20MS}}]}}},
        {"serverContent": {"generationComplete": True}},
        {"serverContent": {"turnComplete": True}},
    ]


def field(message: dict, name: str):
    """A field by its JSON name or its proto name (`toolResponse` / `tool_response`): the API
    accepts both, and google-genai sends a mix."""
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in name)
    return message.get(name, message.get(snake))


def interviewer(message: dict, fake: "FakeGeminiLive") -> list[dict]:
    if (tool_response := field(message, "toolResponse")) is not None:
        responses = field(tool_response, "functionResponses") or []
        output = str((responses[-1].get("response") or {}).get("output", "")) if responses else ""
        return speak(output.split("\n", 1)[-1] or "Thank you.")  # a refused call: no question, a short reply
    content = field(message, "clientContent") or {}
    if field(content, "turnComplete") or message.get("endOfSpeech"):
        fake.calls += 1
        return [{"toolCall": {"functionCalls": [{"id": f"call-{fake.calls}", "name": "next_question", "args": {}}]}}]
    return []


class FakeGeminiLive:
    def __init__(self, behaviour: Callable[[dict, "FakeGeminiLive"], list[dict]] = interviewer, *,
                 go_away_after_calls: int | None = None):
        self.behaviour = behaviour
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.messages: list[dict] = []  # every client message after the setup, in order
        self.setup: dict[str, Any] = {}
        self.setups: list[dict[str, Any]] = []  # one per connection, in order
        self.calls = 0
        self.go_away_after_calls = go_away_after_calls
        self.audio_chunks = 0  # realtimeInput audio chunks received
        self.heard: list[str] = []  # words transcribed, in order
        self._words: list[str] = []
        self._words_lock = threading.Lock()
        self._end_pending = False
        self._heard_of_utterance = 0
        self._handles = 0
        self.go_away_handle = ""
        self._tmp = tempfile.TemporaryDirectory()
        self._cert, self._key = _self_signed(Path(self._tmp.name))
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def client_ssl(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self._cert))

    def say(self, text: str) -> None:
        """The candidate starts saying `text` (heard word by word as the client streams audio)."""
        with self._words_lock:
            self._words.extend(text.split())
            self._heard_of_utterance = 0

    def stop_speaking(self) -> None:
        """The candidate stops mid-sentence: the words not heard yet were never said, and Live's
        voice activity detection ends their turn on the next (silent) audio chunk."""
        with self._words_lock:
            self._end_pending = bool(self._words) and self._heard_of_utterance > 0  # nothing heard: nothing to end
            self._words.clear()

    def _hear(self) -> list[dict]:
        with self._words_lock:
            if self._end_pending:
                self._end_pending = False
                return self.behaviour({"endOfSpeech": True}, self)
            if not self._words:
                return []
            word = self._words.pop(0)
            self._heard_of_utterance += 1
            finished = not self._words
        self.heard.append(word)
        replies = [{"serverContent": {"inputTranscription": {"text": f" {word}"}}}]
        return replies + (self.behaviour({"endOfSpeech": True}, self) if finished else [])

    async def _serve(self, ws) -> None:
        self.paths.append(ws.request.path)
        self.headers.append({k.lower(): v for k, v in ws.request.headers.raw_items()})
        setup = json.loads(await ws.recv())
        self.setup = setup.get("setup", {})
        self.setups.append(self.setup)
        await ws.send(json.dumps({"setupComplete": {}}))
        async for raw in ws:
            message = json.loads(raw)
            realtime = field(message, "realtimeInput") or {}
            if field(realtime, "audio") is not None or field(realtime, "mediaChunks") is not None:
                self.audio_chunks += 1
                replies = self._hear()
            else:
                self.messages.append(message)
                replies = self.behaviour(message, self)
            for reply in replies:
                if "_sleep" in reply:  # a slow turn: the model takes this long before what follows
                    await asyncio.sleep(reply["_sleep"])
                    continue
                await ws.send(json.dumps(reply))
                if "toolCall" in reply or field(reply.get("serverContent") or {}, "turnComplete"):
                    self._handles += 1
                    await ws.send(json.dumps({"sessionResumptionUpdate": {"newHandle": f"handle-{self._handles}",
                                                                          "resumable": True}}))
                if "toolCall" in reply and self.calls == self.go_away_after_calls:
                    self.go_away_handle = f"handle-{self._handles}"  # the latest handle the client holds
                    await ws.send(json.dumps({"goAway": {"timeLeft": "1s"}}))

    def _run(self) -> None:
        from websockets.asyncio.server import serve

        self._loop = asyncio.new_event_loop()
        server_ssl = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ssl.load_cert_chain(self._cert, self._key)

        async def main():
            async with serve(self._serve, "127.0.0.1", 0, ssl=server_ssl) as server:
                self._server = server
                self.port = server.sockets[0].getsockname()[1]
                self._ready.set()
                await server.serve_forever()

        with contextlib.suppress(asyncio.CancelledError):
            self._loop.run_until_complete(main())

    def start(self) -> "FakeGeminiLive":
        self._thread = threading.Thread(target=self._run, name="fake-gemini-live", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop and self._server:
            self._loop.call_soon_threadsafe(self._server.close)
        if self._thread:
            self._thread.join(5)
        self._tmp.cleanup()

    def __enter__(self) -> "FakeGeminiLive":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
