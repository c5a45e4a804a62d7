"""A stand-in for a connected `livekit.rtc.Room`, for running the interview agent without a LiveKit
server (none can run here).

It has the surface the agent and the Tavus avatar plugin touch: `name`, `isconnected()`,
`local_participant` (attributes, RPC registration, data), `remote_participants`, and the room
events (`participant_connected` / `participant_active` / `participant_disconnected`,
`track_published`, `data_received`, `connection_state_changed`) emitted through `rtc.EventEmitter`
exactly as the SDK names them. Tests move people in and out of the room:

    room = FakeRoom("saylo-interview-7-abc")
    room.join("candidate-3")
    room.avatar_join()                             # tavus-avatar-agent joins and publishes video
    room.send_data("candidate-3", "saylo.control", {"type": "end"})
    room.leave("candidate-3")
"""

import json
from dataclasses import dataclass, field
from typing import Any

from livekit import rtc

AVATAR_IDENTITY = "tavus-avatar-agent"


@dataclass
class FakeTrackPublication:
    sid: str
    kind: int
    subscribed: bool = False
    track: Any = None
    name: str = ""


@dataclass
class FakeRemoteParticipant:
    identity: str
    kind: int = rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD
    attributes: dict[str, str] = field(default_factory=dict)
    track_publications: dict[str, FakeTrackPublication] = field(default_factory=dict)
    state: int = rtc.ParticipantState.PARTICIPANT_STATE_ACTIVE
    disconnect_reason: int | None = None
    name: str = ""
    sid: str = ""
    metadata: str = ""


class FakeLocalParticipant:
    def __init__(self, identity: str):
        self.identity = identity
        self.name = "Saylo interviewer"
        self.kind = rtc.ParticipantKind.PARTICIPANT_KIND_AGENT
        self.attributes: dict[str, str] = {}
        self.attribute_updates: list[dict[str, str]] = []  # every set_attributes call, in order
        self.track_publications: dict[str, Any] = {}
        self.published_data: list[dict[str, Any]] = []
        self._rpc_handlers: dict[str, Any] = {}

    async def set_attributes(self, attributes: dict[str, str]) -> None:
        self.attribute_updates.append(dict(attributes))
        self.attributes.update(attributes)

    def register_rpc_method(self, name: str, handler=None):
        if handler is None:  # used as a decorator
            def decorate(fn):
                self._rpc_handlers[name] = fn
                return fn
            return decorate
        self._rpc_handlers[name] = handler
        return handler

    def unregister_rpc_method(self, name: str) -> None:
        self._rpc_handlers.pop(name, None)

    async def publish_data(self, payload, *, reliable: bool = True, destination_identities=None, topic: str = "") -> None:
        self.published_data.append({"payload": payload, "topic": topic, "to": destination_identities})

    def attribute_values(self, name: str) -> list[str]:
        """Every value `name` was set to, in order."""
        return [update[name] for update in self.attribute_updates if name in update]


class FakeRoom(rtc.EventEmitter):
    def __init__(self, name: str = "saylo-interview-test", *, agent_identity: str = "agent-AJ_test"):
        super().__init__()
        self.name = name
        self.sid = "RM_fake"
        self.metadata = ""
        self.connected = True
        self.local_participant = FakeLocalParticipant(agent_identity)
        self.remote_participants: dict[str, FakeRemoteParticipant] = {}
        self._track_count = 0

    def isconnected(self) -> bool:
        return self.connected

    # --- people coming and going --------------------------------------------------------------

    def join(self, identity: str, *, kind: int = rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD,
             attributes: dict[str, str] | None = None) -> FakeRemoteParticipant:
        participant = FakeRemoteParticipant(identity=identity, kind=kind, attributes=dict(attributes or {}))
        self.remote_participants[identity] = participant
        self.emit("participant_connected", participant)
        self.emit("participant_active", participant)
        return participant

    def publish_video(self, identity: str) -> FakeTrackPublication:
        participant = self.remote_participants[identity]
        self._track_count += 1
        publication = FakeTrackPublication(sid=f"TR_{self._track_count}", kind=rtc.TrackKind.KIND_VIDEO)
        participant.track_publications[publication.sid] = publication
        self.emit("track_published", publication, participant)
        return publication

    def avatar_join(self) -> FakeRemoteParticipant:
        """The Tavus avatar arrives (an agent participant publishing on behalf of ours) with its video."""
        participant = self.join(AVATAR_IDENTITY, kind=rtc.ParticipantKind.PARTICIPANT_KIND_AGENT,
                                attributes={"lk.publish_on_behalf": self.local_participant.identity})
        self.publish_video(AVATAR_IDENTITY)
        return participant

    def leave(self, identity: str, *, reason: int = rtc.DisconnectReason.CLIENT_INITIATED) -> None:
        participant = self.remote_participants.pop(identity)
        participant.disconnect_reason = reason
        self.emit("participant_disconnected", participant)

    def send_data(self, identity: str, topic: str, message: Any) -> None:
        """A data message from a participant (JSON-encoded unless bytes)."""
        data = message if isinstance(message, bytes) else json.dumps(message).encode()
        packet = rtc.DataPacket(data=data, kind=rtc.DataPacketKind.KIND_RELIABLE,
                                participant=self.remote_participants.get(identity), topic=topic)
        self.emit("data_received", packet)

    def disconnect(self) -> None:
        self.connected = False
        self.emit("connection_state_changed", rtc.ConnectionState.CONN_DISCONNECTED)
