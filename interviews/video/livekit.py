"""LiveKit for the candidate's browser: room names, access tokens and the page's widened CSP.

Tokens are minted with livekit-api's own `AccessToken` (HS256 JWTs signed with the API secret), so
what a LiveKit server accepts is exactly what `livekit.api.TokenVerifier` decodes in the tests.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.utils import timezone
from livekit.api import AccessToken, RoomAgentDispatch, RoomConfiguration, VideoGrants

from interviews.video.config import VideoConfig

# Short on purpose: a reload asks for a fresh token, and a connected room is kept alive by the
# refreshed tokens the LiveKit server sends on its own.
TOKEN_TTL = timedelta(minutes=10)


class LivekitConfigError(Exception):
    """The LiveKit settings cannot mint a token (a message an operator can act on)."""


@dataclass(frozen=True)
class RoomGrant:
    """What the browser needs to join one session's room."""

    url: str
    token: str
    room: str
    identity: str
    expires_at: datetime
    agent_name: str

    def as_json(self) -> dict:
        return {"url": self.url, "token": self.token, "room": self.room, "identity": self.identity,
                "expiresAt": self.expires_at.isoformat(), "agentName": self.agent_name}


def room_name_new(session_id: int) -> str:
    """A room name for one interview: readable in LiveKit's dashboard, not guessable."""
    return f"saylo-interview-{session_id}-{secrets.token_hex(6)}"


def candidate_identity(user_id: int) -> str:
    return f"candidate-{user_id}"


def candidate_token(*, config: VideoConfig, room: str, user_id: int, name: str, session_id: int,
                    ttl: timedelta = TOKEN_TTL) -> RoomGrant:
    """A token that joins `room` only (publish camera/mic, subscribe, send data) and, when it is the
    first to join, has LiveKit dispatch our interview agent with the session id as job metadata."""
    if not (config.livekit_url and config.livekit_api_key and config.livekit_api_secret):
        raise LivekitConfigError("LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET must all be set.")
    identity = candidate_identity(user_id)
    # to_jwt stamps exp from its own clock a moment later, so this is never later than the real expiry.
    expires_at = timezone.now().replace(microsecond=0) + ttl
    dispatch = RoomAgentDispatch(agent_name=config.agent_name, metadata=json.dumps({"session_id": session_id}))
    token = (
        AccessToken(config.livekit_api_key, config.livekit_api_secret)
        .with_identity(identity)
        .with_name(name)
        .with_kind("standard")
        .with_ttl(ttl)
        .with_grants(VideoGrants(room_join=True, room=room, can_publish=True, can_subscribe=True, can_publish_data=True))
        .with_room_config(RoomConfiguration(agents=[dispatch]))
        .to_jwt()
    )
    return RoomGrant(url=config.livekit_url, token=token, room=room, identity=identity, expires_at=expires_at,
                     agent_name=config.agent_name)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def room_csp_update(config: VideoConfig) -> dict[str, list[str]]:
    """The only sources the video room adds to the site's strict policy: the livekit-client file
    (when it is not served from here) and the LiveKit server, as wss:// and its https:// twin (the
    client checks a failed connection over HTTP). Remote media already plays from blob:."""
    update: dict[str, list[str]] = {}
    client = config.client_url.strip()
    if client.startswith(("https://", "http://")):
        update["script-src"] = [client]  # the exact file, narrower than its origin
    server = _origin(config.livekit_url.strip())
    if server:
        scheme, rest = server.split("://", 1)
        twin = {"wss": "https", "ws": "http", "https": "wss", "http": "ws"}.get(scheme)
        update["connect-src"] = [server] + ([f"{twin}://{rest}"] if twin else [])
    return update
