// A scripted stand-in for livekit-client's UMD build (global `LivekitClient`), served by Playwright
// in place of the real file. It has the surface static/js/room/video.js uses — Room (connect,
// disconnect, on, registerTextStreamHandler, startAudio, canPlaybackAudio, remoteParticipants,
// localParticipant with setMicrophoneEnabled / setCameraEnabled / publishData / sendText), RoomEvent, Track,
// ParticipantKind — with the same event names and argument order as livekit-client 2.23.0, and a
// control object `window.__livekit` that tests use to play the agent, the avatar and the network.
(() => {
  const RoomEvent = {
    Connected: "connected", Reconnecting: "reconnecting", SignalReconnecting: "signalReconnecting",
    Reconnected: "reconnected", Disconnected: "disconnected", ConnectionStateChanged: "connectionStateChanged",
    ParticipantConnected: "participantConnected", ParticipantDisconnected: "participantDisconnected",
    TrackSubscribed: "trackSubscribed", TrackUnsubscribed: "trackUnsubscribed", LocalTrackPublished: "localTrackPublished",
    ParticipantAttributesChanged: "participantAttributesChanged", AudioPlaybackStatusChanged: "audioPlaybackChanged",
    MediaDevicesError: "mediaDevicesError", DataReceived: "dataReceived",
  };
  const Track = {
    Kind: { Audio: "audio", Video: "video", Unknown: "unknown" },
    Source: { Camera: "camera", Microphone: "microphone", ScreenShare: "screen_share", ScreenShareAudio: "screen_share_audio", Unknown: "unknown" },
  };
  const ParticipantKind = { STANDARD: 0, INGRESS: 1, EGRESS: 2, SIP: 3, AGENT: 4 };
  const DisconnectReason = {
    UNKNOWN_REASON: 0, CLIENT_INITIATED: 1, DUPLICATE_IDENTITY: 2, SERVER_SHUTDOWN: 3, PARTICIPANT_REMOVED: 4,
    ROOM_DELETED: 5, STATE_MISMATCH: 6, JOIN_FAILURE: 7, MIGRATION: 8, SIGNAL_CLOSE: 9, ROOM_CLOSED: 10,
  };

  let sids = 0;
  const control = {
    rooms: [], room: null, connects: [], published: [], sentTexts: [], disconnects: 0, startAudioCalls: 0,
    connectError: null, emitted: [],
    participant(identity) {
      return control.room.remoteParticipants.get(identity);
    },
    join(identity, { kind = ParticipantKind.AGENT, attributes = {} } = {}) {
      const participant = new RemoteParticipant(identity, kind, attributes);
      control.room.remoteParticipants.set(identity, participant);
      control.room.emit(RoomEvent.ParticipantConnected, participant);
      return identity;
    },
    leave(identity) {
      const participant = control.participant(identity);
      control.room.remoteParticipants.delete(identity);
      control.room.emit(RoomEvent.ParticipantDisconnected, participant);
    },
    setAttributes(identity, changed) {
      const participant = control.participant(identity);
      Object.assign(participant.attributes, changed);
      control.room.emit(RoomEvent.ParticipantAttributesChanged, changed, participant);
    },
    // Subscribe to a track again (livekit-client may report one a second time after a reconnect).
    resubscribe(identity, sid) {
      const participant = control.participant(identity);
      const publication = participant.trackPublications.get(sid);
      control.room.emit(RoomEvent.TrackSubscribed, publication.track, publication, participant);
    },
    publish(identity, kind) {
      const participant = control.participant(identity);
      const track = new FakeTrack(kind, kind === "video" ? Track.Source.Camera : Track.Source.Microphone,
        kind === "video" ? paintedStream(identity) : null);
      const publication = { trackSid: track.sid, kind, source: track.source, track, isSubscribed: true };
      participant.trackPublications.set(track.sid, publication);
      control.room.emit(RoomEvent.TrackSubscribed, track, publication, participant);
      return track.sid;
    },
    unpublish(identity, sid) {
      const participant = control.participant(identity);
      const publication = participant.trackPublications.get(sid);
      participant.trackPublications.delete(sid);
      control.room.emit(RoomEvent.TrackUnsubscribed, publication.track, publication, participant);
    },
    // One transcription text stream on topic lk.transcription, delivered chunk by chunk.
    async caption(identity, segment, chunks, { final = true } = {}) {
      const handler = control.room.textHandlers.get("lk.transcription");
      if (!handler) throw new Error("no lk.transcription handler registered");
      const reader = {
        info: { id: `TS_${(sids += 1)}`, topic: "lk.transcription", timestamp: Date.now(),
          attributes: { "lk.segment_id": segment, "lk.transcription_final": String(final) } },
        async *[Symbol.asyncIterator]() {
          for (const chunk of chunks) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            yield chunk;
          }
        },
      };
      handler(reader, { identity });
      await new Promise((resolve) => setTimeout(resolve, 40 * chunks.length + 40));
    },
    blockAudio() {
      control.room.canPlaybackAudio = false;
      control.room.emit(RoomEvent.AudioPlaybackStatusChanged, false);
    },
    emit(name, ...args) {
      if (name === "Disconnected") control.room.state = "disconnected";
      control.room.emit(RoomEvent[name], ...args);
    },
  };

  function paintedStream(label) {
    const canvas = document.createElement("canvas");
    canvas.width = 320;
    canvas.height = 180;
    const context = canvas.getContext("2d");
    const stream = canvas.captureStream(10);
    let frame = 0;
    const paint = () => {
      context.fillStyle = "#1e293b";
      context.fillRect(0, 0, 320, 180);
      context.fillStyle = "#c7d2fe";
      context.beginPath();
      context.arc(160, 80 + Math.sin((frame += 1) / 5) * 3, 42, 0, Math.PI * 2);
      context.fill();
      context.font = "14px sans-serif";
      context.fillText(label, 90, 165);
    };
    paint();
    setInterval(paint, 100);
    return stream;
  }

  class Emitter {
    constructor() {
      this.listeners = new Map();
    }
    on(name, listener) {
      if (!name) throw new Error("listening to an event name this stand-in does not know");
      if (!this.listeners.has(name)) this.listeners.set(name, []);
      this.listeners.get(name).push(listener);
      return this;
    }
    off(name, listener) {
      this.listeners.set(name, (this.listeners.get(name) || []).filter((item) => item !== listener));
      return this;
    }
    emit(name, ...args) {
      control.emitted.push(name);
      for (const listener of this.listeners.get(name) || []) listener(...args);
      return true;
    }
  }

  class FakeTrack {
    constructor(kind, source, stream) {
      this.sid = `TR_${(sids += 1)}`;
      this.kind = kind;
      this.source = source;
      this.mediaStream = stream;
      this.attachedElements = [];
    }
    attach(element) {
      const target = element || document.createElement(this.kind);
      if (this.mediaStream) target.srcObject = this.mediaStream;
      target.dataset.trackSid = this.sid;
      this.attachedElements.push(target);
      return target;
    }
    detach() {
      const detached = this.attachedElements;
      this.attachedElements = [];
      for (const element of detached) {
        element.srcObject = null;
        delete element.dataset.trackSid;
      }
      return detached;
    }
  }

  class RemoteParticipant {
    constructor(identity, kind, attributes) {
      this.identity = identity;
      this.kind = kind;
      this.attributes = { ...attributes };
      this.trackPublications = new Map();
    }
    get isAgent() {
      return this.kind === ParticipantKind.AGENT;
    }
  }

  class LocalParticipant {
    constructor(room) {
      this.room = room;
      this.identity = "";
      this.isMicrophoneEnabled = false;
      this.isCameraEnabled = false;
      this.trackPublications = new Map();
    }
    async setMicrophoneEnabled(enabled) {
      const refusal = (window.__livekitSetup || {}).micError;
      if (enabled && refusal) {
        const error = new Error("Permission denied");
        error.name = refusal;
        throw error;
      }
      this.isMicrophoneEnabled = enabled;
    }
    async setCameraEnabled(enabled) {
      if (enabled && !this.camera) {
        const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
        const track = new FakeTrack("video", Track.Source.Camera, stream);
        this.camera = { trackSid: track.sid, kind: "video", source: Track.Source.Camera, track };
        this.trackPublications.set(track.sid, this.camera);
        this.isCameraEnabled = true;
        this.room.emit(RoomEvent.LocalTrackPublished, this.camera, this);
        return;
      }
      this.isCameraEnabled = enabled;
    }
    // A text stream (livekit-client's sendText): what the agents framework reads on lk.chat as typed input.
    async sendText(text, options = {}) {
      control.sentTexts.push({ text, topic: options.topic });
      return { id: `TS_${(sids += 1)}`, topic: options.topic };
    }
    async publishData(data, options = {}) {
      const text = new TextDecoder().decode(data);
      control.published.push({ text, topic: options.topic, reliable: options.reliable });
      console.info(`[livekit stand-in] publishData topic=${options.topic} reliable=${options.reliable} ${text}`);
    }
  }

  function tokenSubject(token) {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload)).sub;
  }

  class Room extends Emitter {
    constructor(options) {
      super();
      this.options = options;
      this.state = "disconnected";
      this.remoteParticipants = new Map();
      this.localParticipant = new LocalParticipant(this);
      this.canPlaybackAudio = true;
      this.textHandlers = new Map();
      control.rooms.push(this);
      control.room = this;
    }
    registerTextStreamHandler(topic, handler) {
      if (this.textHandlers.has(topic)) throw new Error(`A text stream handler for topic "${topic}" has already been set.`);
      this.textHandlers.set(topic, handler);
    }
    async connect(url, token) {
      control.connects.push({ url, token, options: this.options });
      this.state = "connecting";
      await new Promise((resolve) => setTimeout(resolve, 30));
      if (control.connectError) {
        this.state = "disconnected";
        throw new Error(control.connectError);
      }
      this.localParticipant.identity = tokenSubject(token);
      // Participants already in the room when we join (a reload): present at once, tracks subscribed,
      // no ParticipantConnected event — as livekit-client reports them.
      for (const preset of (window.__livekitSetup || {}).participants || []) {
        const participant = new RemoteParticipant(preset.identity, preset.kind ?? ParticipantKind.AGENT, preset.attributes || {});
        for (const kind of preset.tracks || []) {
          const track = new FakeTrack(kind, kind === "video" ? Track.Source.Camera : Track.Source.Microphone,
            kind === "video" ? paintedStream(preset.identity) : null);
          participant.trackPublications.set(track.sid, { trackSid: track.sid, kind, source: track.source, track, isSubscribed: true });
        }
        this.remoteParticipants.set(preset.identity, participant);
      }
      this.state = "connected";
      this.emit(RoomEvent.Connected);
    }
    async disconnect() {
      control.disconnects += 1;
      if (this.state === "disconnected") return;
      this.state = "disconnected";
      this.emit(RoomEvent.Disconnected, DisconnectReason.CLIENT_INITIATED);
    }
    async startAudio() {
      control.startAudioCalls += 1;
      this.canPlaybackAudio = true;
      this.emit(RoomEvent.AudioPlaybackStatusChanged, true);
    }
  }

  window.LivekitClient = { Room, RoomEvent, Track, ParticipantKind, DisconnectReason, version: "2.23.0-stand-in" };
  window.__livekit = control;
})();
