// The interview room in video mode. First a check (what is sent where, camera, microphone and
// speaker tested, the candidate's agreement: nothing is billed before it), then the page asks
// Saylo for a LiveKit token, joins the session's room with livekit-client (the UMD build, global
// `LivekitClient`), and shows the Tavus avatar that
// speaks for our interview agent, the candidate's own camera, captions from the agent's
// transcription streams, what the agent is doing and which question is in progress. The agent
// writes the transcript; this page never holds answers of its own, so whatever goes wrong here
// (no client, no server, no avatar, a lost connection) it offers the practice room, which resumes
// at the first unanswered question with every saved answer — a button shown in every state — and,
// where the video can go on, "Try the video again" (after a failure: a new room, a fresh agent).

const config = JSON.parse(document.getElementById("room-config").textContent);
const $ = (id) => document.getElementById(id);
const el = {
  room: $("video-room"), status: $("connection-status"), agentState: $("agent-state"), banner: $("reconnecting-banner"),
  failure: $("video-failure"), failureText: $("video-failure-text"), fallback: $("fallback-button"),
  avatarVideo: $("avatar-video"), avatarWaiting: $("avatar-waiting"), avatarWaitingText: $("avatar-waiting-text"),
  audioButton: $("audio-button"), audioSink: $("audio-sink"), questionProgress: $("question-progress"),
  questionText: $("question-text"), followUpNote: $("follow-up-note"), selfVideo: $("self-video"), selfOff: $("self-off"),
  micToggle: $("mic-toggle"), cameraToggle: $("camera-toggle"), mediaNotice: $("media-notice"), captions: $("captions"),
  captionsEmpty: $("captions-empty"), end: $("end-button"), dialog: $("end-dialog"), endConfirm: $("end-confirm"),
  endCancel: $("end-cancel"), ending: $("ending"), endingText: $("ending-text"), retry: $("retry-button"),
  check: $("video-check"), checkVideo: $("check-video"), micLevel: $("mic-level"), micCheck: $("mic-check"),
  cameraCheck: $("camera-check"), speakerCheck: $("speaker-check"), testSound: $("test-sound"),
  checkAgain: $("check-again"), consent: $("consent-check"), checkProblem: $("check-problem"), join: $("join-button"),
  typeForm: $("type-form"), typeAnswer: $("type-answer"), typeSend: $("type-send"), typeNote: $("type-note"),
};

const LK = window.LivekitClient;
const csrfToken = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";

// Names fixed by LiveKit Agents, the Tavus plugin and our agent (see interviews/video/).
const AVATAR_IDENTITY = "tavus-avatar-agent";
const ATTR = {
  agentState: "lk.agent.state", onBehalf: "lk.publish_on_behalf", segment: "lk.segment_id",
  question: "saylo.question", phase: "saylo.phase",
};
const TRANSCRIPTION_TOPIC = "lk.transcription";
const CHAT_TOPIC = "lk.chat"; // the agents framework's text input: a typed answer
// The agent's phases (interviews/video/interviewer.py). The candidate is heard only from "interview" on.
const LISTENING_PHASES = new Set(["interview", "closing"]);
const CONTROL_TOPIC = "saylo.control";
const MAX_CAPTIONS = 8;
const AGENT_STATES = {
  initializing: "Getting ready…", idle: "Waiting", listening: "Listening", thinking: "Thinking…", speaking: "Speaking",
};
const avatarWaitMs = Number(el.room.dataset.avatarWaitMs) || 45000;

const MESSAGES = {
  clientMissing: "The video software didn’t load, so the video interview can’t start. Check your connection and reload " +
    "the page, or continue in the practice room.",
  serverUnreachable: "Saylo couldn’t be reached to open the video room. Check your connection and reload the page, or " +
    "continue in the practice room.",
  unreachable: "We couldn’t connect to the video service. Check your internet connection and try again, or continue " +
    "in the practice room.",
  avatarLate: () => {
    const seconds = Math.round(avatarWaitMs / 1000);
    return `Your interviewer hasn’t joined after ${seconds} second${seconds === 1 ? "" : "s"}. You can keep waiting ` +
      "here, try again, or continue in the practice room.";
  },
  disconnected: "The connection to the video interview was lost. Try again to rejoin, or continue in the practice room.",
  interviewerLeft: "Your interviewer left the room unexpectedly. Your answers so far are saved — continue in the " +
    "practice room to finish the interview.",
  elsewhere: "This interview was opened in another tab or window, so this one left the room. Carry on there, or " +
    "try again here.",
  consentFailed: "Saylo couldn’t record your agreement. Check your connection and try again, or continue in the " +
    "practice room.",
  micNeeded: "The interviewer needs to hear you: allow the microphone (or connect one), then check again — or " +
    "continue in the practice room.",
};

const state = {
  room: null,
  identity: "",
  avatarJoined: false,
  avatarTimer: null,
  failure: "", // the kind of failure shown, "" when none
  interviewPhase: "",
  ending: false,
  captions: new Map(), // segment id -> <li>
  attached: new Set(), // remote tracks already on the page (a track can be reported twice)
  mediaProblems: { microphone: "", camera: "" },
  check: { stream: null, audio: null, timer: null, micOk: false },
  endWaitTimer: null,
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- What the candidate sees -------------------------------------------------------------------

function setStatus(text, level = "info") {
  el.status.textContent = text;
  el.status.className = `badge badge-${level}`;
}

function setRoomState(value) {
  el.room.dataset.state = value;
}

function fail(kind, message) {
  state.failure = kind;
  el.failureText.textContent = message;
  el.failure.hidden = false;
  el.retry.hidden = false;
  el.retry.disabled = false;
  el.banner.hidden = true;
  setRoomState("failed");
  if (!state.avatarJoined) {
    el.avatarWaitingText.textContent = kind === "avatar" ? "Still waiting for your interviewer…" : "Not connected.";
  }
  if (kind !== "avatar") setStatus("Not connected", "bad");
  el.failure.scrollIntoView({ block: "nearest" });
  el.fallback.focus({ preventScroll: true });
}

function clearFailure() {
  state.failure = "";
  el.failure.hidden = true;
}

// One line per device, so the camera starting fine does not hide that the microphone is blocked.
function showMediaProblem(device, text) {
  state.mediaProblems[device] = text;
  const lines = [state.mediaProblems.microphone, state.mediaProblems.camera].filter(Boolean);
  el.mediaNotice.textContent = lines.join(" ");
  el.mediaNotice.hidden = !lines.length;
}

function renderAgentState(value) {
  state.agentState = value || "";
  // Before the greeting is said the agent does not hear the candidate, whatever its state says.
  const label = !LISTENING_PHASES.has(state.interviewPhase) && ["listening", "idle", "initializing"].includes(value)
    ? "Joining…" : AGENT_STATES[value];
  el.agentState.hidden = !label;
  el.agentState.textContent = label ? `Interviewer: ${label}` : "";
  el.agentState.dataset.agentState = value || "";
}

function parseJSON(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function renderQuestion(current) {
  if (!current || typeof current !== "object") return;
  const questions = config.questions || [];
  const planned = questions.find((question) => question.id === current.id) || questions[(current.index || 0) - 1];
  const total = current.total || questions.length;
  if (current.index) el.questionProgress.textContent = `Question ${current.index} of ${total}`;
  if (planned) el.questionText.textContent = planned.text;
  el.followUpNote.hidden = !current.follow_up;
  el.followUpNote.textContent = "Follow-up on this question";
}

function renderPhase(phase) {
  state.interviewPhase = phase;
  renderInputOpen();
  if (state.agentState) renderAgentState(state.agentState);
  if (phase === "joining" && !state.avatarJoined) {
    el.avatarWaitingText.textContent = "Your interviewer is joining…";
  } else if (phase === "greeting" && !el.questionProgress.textContent.startsWith("Question")) {
    el.questionText.textContent = "Your interviewer is saying hello.";
  } else if (phase === "closing") {
    el.questionProgress.textContent = "Wrapping up";
    el.questionText.textContent = "Your interviewer is wrapping up the interview.";
    el.followUpNote.hidden = true;
  } else if (phase === "ended") {
    finishInterview({ byInterviewer: true });
  }
}

function readAttributes(participant) {
  if (!participant || participant.identity === state.identity) return;
  const attributes = participant.attributes || {};
  if (ATTR.agentState in attributes) renderAgentState(attributes[ATTR.agentState]);
  if (attributes[ATTR.question]) renderQuestion(parseJSON(attributes[ATTR.question]));
  if (attributes[ATTR.phase] && attributes[ATTR.phase] !== state.interviewPhase) renderPhase(attributes[ATTR.phase]);
}

// Typing is open while the interviewer listens (from the first question on), as speaking is.
function renderInputOpen() {
  const open = LISTENING_PHASES.has(state.interviewPhase) && !state.ending && Boolean(state.room);
  el.typeAnswer.disabled = !open;
  el.typeSend.disabled = !open;
  el.typeNote.hidden = open;
}

// --- Captions: LiveKit transcription text streams ---------------------------------------------

function captionText(raw) {
  // An agent may send JSON TimedString lines ({"text": …}\n) instead of plain text.
  if (!raw.startsWith("{")) return raw;
  return raw.split("\n").filter(Boolean).map((line) => {
    const parsed = parseJSON(line);
    return parsed && typeof parsed.text === "string" ? parsed.text : line;
  }).join("");
}

function showCaption(segment, mine, text, final) {
  if (!text.trim()) return;
  let item = state.captions.get(segment);
  if (!item) {
    item = document.createElement("li");
    item.className = `caption ${mine ? "caption-you" : "caption-interviewer"}`;
    const who = document.createElement("strong");
    who.textContent = mine ? "You" : "Interviewer";
    const words = document.createElement("span");
    item.append(who, " ", words);
    el.captions.append(item);
    state.captions.set(segment, item);
    while (state.captions.size > MAX_CAPTIONS) {
      const [oldest, node] = state.captions.entries().next().value;
      node.remove();
      state.captions.delete(oldest);
    }
  }
  item.lastChild.textContent = text;
  item.classList.toggle("caption-final", Boolean(final));
  el.captionsEmpty.hidden = true;
  el.captions.scrollTop = el.captions.scrollHeight;
}

function onTranscription(reader, participantInfo) {
  const info = reader.info || {};
  const segment = (info.attributes && info.attributes[ATTR.segment]) || info.id || `${Date.now()}`;
  const mine = participantInfo && participantInfo.identity === state.identity;
  (async () => {
    let raw = "";
    try {
      for await (const chunk of reader) {
        raw += chunk;
        showCaption(segment, mine, captionText(raw), false);
      }
    } catch {
      // A stream cut short keeps what arrived.
    }
    showCaption(segment, mine, captionText(raw), true);
  })();
}

// --- Tracks and participants -------------------------------------------------------------------

function isAvatar(participant) {
  const attributes = participant.attributes || {};
  return participant.identity === AVATAR_IDENTITY || Boolean(attributes[ATTR.onBehalf]);
}

function isInterviewer(participant) {
  return isAvatar(participant) || Boolean(participant.isAgent) || ATTR.agentState in (participant.attributes || {});
}

function avatarArrived() {
  state.avatarJoined = true;
  clearTimeout(state.avatarTimer);
  el.avatarVideo.hidden = false;
  el.avatarWaiting.hidden = true;
  if (state.failure === "avatar") clearFailure();
  if (!state.failure && !state.ending) {
    setRoomState("live");
    setStatus("Connected", "good");
  }
}

function attachTrack(track, participant) {
  const kind = LK.Track.Kind;
  if (state.attached.has(track)) return;
  if (track.kind === kind.Video) {
    if (!isInterviewer(participant)) return;
    state.attached.add(track);
    track.attach(el.avatarVideo);
    avatarArrived();
  } else if (track.kind === kind.Audio) {
    state.attached.add(track);
    const media = track.attach();
    el.audioSink.append(media);
    updateAudioButton();
  }
}

function detachTrack(track) {
  if (!state.attached.delete(track)) return;
  for (const media of track.detach()) {
    if (media !== el.avatarVideo) media.remove();
  }
  if (track.kind === LK.Track.Kind.Video && !state.ending) {
    el.avatarVideo.hidden = true;
    el.avatarWaiting.hidden = false;
    el.avatarWaitingText.textContent = "Your interviewer’s video paused…";
  }
}

function updateAudioButton() {
  el.audioButton.hidden = !state.room || state.room.canPlaybackAudio;
}

function startAvatarTimer() {
  clearTimeout(state.avatarTimer);
  state.avatarTimer = setTimeout(() => {
    if (!state.avatarJoined && !state.ending && !state.failure) fail("avatar", MESSAGES.avatarLate());
  }, avatarWaitMs);
}

// --- Microphone and camera -------------------------------------------------------------------

function mediaError(device, error) {
  const name = error && error.name;
  if (name === "NotAllowedError" || name === "SecurityError") {
    return device === "microphone"
      ? "Microphone blocked — allow it for this site in your browser settings, then turn it on. The interviewer can’t hear you without it."
      : "Camera blocked — allow it for this site in your browser settings if you want to be seen.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") {
    return device === "microphone" ? "No microphone found — connect one, then turn it on." : "No camera found — the interview works without one.";
  }
  return device === "microphone" ? "Your microphone couldn’t start. Check it, then turn it on again." : "Your camera couldn’t start.";
}

function renderMediaButtons() {
  const local = state.room && state.room.localParticipant;
  if (!local) return;
  const mic = Boolean(local.isMicrophoneEnabled);
  const camera = Boolean(local.isCameraEnabled);
  el.micToggle.disabled = false;
  el.cameraToggle.disabled = false;
  el.micToggle.textContent = mic ? "Mute microphone" : "Turn microphone on";
  el.micToggle.setAttribute("aria-pressed", String(!mic));
  el.cameraToggle.textContent = camera ? "Turn camera off" : "Turn camera on";
  el.cameraToggle.setAttribute("aria-pressed", String(!camera));
  el.selfVideo.hidden = !camera;
  el.selfOff.hidden = camera;
}

async function setDevice(device, enabled) {
  const local = state.room.localParticipant;
  try {
    if (device === "microphone") await local.setMicrophoneEnabled(enabled);
    else await local.setCameraEnabled(enabled);
    showMediaProblem(device, "");
  } catch (error) {
    showMediaProblem(device, mediaError(device, error));
  }
  renderMediaButtons();
}

function attachLocalCamera(publication) {
  if (publication.source === LK.Track.Source.Camera && publication.track) {
    publication.track.attach(el.selfVideo);
    renderMediaButtons();
  }
}

// --- Joining the room --------------------------------------------------------------------------

async function requestToken() {
  let response;
  try {
    response = await fetch(config.urls.videoStart, {
      method: "POST", credentials: "same-origin", headers: { Accept: "application/json", "X-CSRFToken": csrfToken },
    });
  } catch {
    throw new Error(MESSAGES.serverUnreachable);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.token) {
    throw new Error(body.error || `The video room could not be opened (the server answered ${response.status}). ` +
      "Try again in a moment, or continue in the practice room.");
  }
  return body;
}

function wireRoom(room) {
  const E = LK.RoomEvent;
  room
    .on(E.TrackSubscribed, (track, publication, participant) => attachTrack(track, participant))
    .on(E.TrackUnsubscribed, (track) => detachTrack(track))
    .on(E.LocalTrackPublished, (publication) => attachLocalCamera(publication))
    .on(E.ParticipantConnected, (participant) => {
      readAttributes(participant);
      if (isAvatar(participant) && !state.avatarJoined) el.avatarWaitingText.textContent = "Your interviewer is joining…";
    })
    .on(E.ParticipantDisconnected, (participant) => {
      if (isInterviewer(participant) && !state.ending) interviewerGone();
    })
    .on(E.ParticipantAttributesChanged, (changed, participant) => readAttributes(participant))
    .on(E.AudioPlaybackStatusChanged, updateAudioButton)
    .on(E.Reconnecting, () => {
      el.banner.hidden = false;
      setStatus("Reconnecting…", "warn");
    })
    .on(E.Reconnected, () => {
      el.banner.hidden = true;
      setStatus("Reconnected", "good");
    })
    .on(E.Disconnected, (reason) => {
      el.banner.hidden = true;
      clearTimeout(state.avatarTimer);
      if (state.ending) return;
      const reasons = LK.DisconnectReason || {};
      if (reason !== undefined && reason === reasons.DUPLICATE_IDENTITY) fail("elsewhere", MESSAGES.elsewhere);
      else if (reason !== undefined && (reason === reasons.ROOM_DELETED || reason === reasons.ROOM_CLOSED)) interviewerGone();
      else if (state.interviewPhase === "ended") finishInterview({ byInterviewer: true });
      else fail("disconnected", MESSAGES.disconnected);
    })
    .on(E.MediaDevicesError, (error, kind) => {
      const device = kind === "videoinput" ? "camera" : "microphone";
      showMediaProblem(device, mediaError(device, error));
    });
  room.registerTextStreamHandler(TRANSCRIPTION_TOPIC, onTranscription);
}

async function join() {
  if (!LK || typeof LK.Room !== "function") {
    fail("client", MESSAGES.clientMissing);
    return;
  }
  let grant;
  try {
    grant = await requestToken();
  } catch (error) {
    fail("start", error.message);
    return;
  }
  state.identity = grant.identity;
  setRoomState("connecting");
  el.avatarWaitingText.textContent = "Connecting…";
  // disconnectOnPageLeave off: a reload or the move to the practice room must not send an explicit
  // "leave" (the candidate hanging up); the reloaded page rejoins with the same identity, which
  // replaces the old connection, and the agent waits for a candidate who dropped out.
  const room = new LK.Room({ adaptiveStream: true, dynacast: true, disconnectOnPageLeave: false });
  state.room = room;
  wireRoom(room);
  try {
    await room.connect(grant.url, grant.token);
  } catch {
    if (!state.ending) fail("unreachable", MESSAGES.unreachable);
    return;
  }
  setStatus(state.avatarJoined ? "Connected" : "Connected — waiting for your interviewer", state.avatarJoined ? "good" : "info");
  if (!state.avatarJoined) {
    setRoomState("waiting");
    el.avatarWaitingText.textContent = "Your interviewer is joining…";
  }
  renderInputOpen();
  startAvatarTimer();
  // Participants (and their tracks) already in the room when we (re)join.
  for (const participant of room.remoteParticipants.values()) {
    readAttributes(participant);
    for (const publication of participant.trackPublications.values()) {
      if (publication.track && publication.isSubscribed !== false) attachTrack(publication.track, participant);
    }
  }
  updateAudioButton();
  await setDevice("microphone", true);
  await setDevice("camera", true);
}

// --- Ending ----------------------------------------------------------------------------------

async function interviewIsOver() {
  try {
    const response = await fetch(config.urls.state, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const body = await response.json();
    return ["finished", "scoring", "scored"].includes(body.status);
  } catch {
    return false;
  }
}

// The interviewer left (or closed the room). If it finished the interview, the results are next;
// if it stopped half-way, the saved answers carry on in the practice room.
async function interviewerGone() {
  if (state.interviewPhase === "ended") {
    finishInterview({ byInterviewer: true });
    return;
  }
  if (await interviewIsOver()) {
    state.ending = true;
    window.location.assign(config.urls.results);
    return;
  }
  if (!state.ending) fail("interviewer", MESSAGES.interviewerLeft);
}

async function tellInterviewer(type) {
  const local = state.room && state.room.localParticipant;
  if (!local || state.room.state !== "connected") return;
  const data = new TextEncoder().encode(JSON.stringify({ type }));
  try {
    await Promise.race([local.publishData(data, { reliable: true, topic: CONTROL_TOPIC }), sleep(2000)]);
  } catch {
    // The end request below finishes the interview either way.
  }
}

async function postJSON(url) {
  const response = await fetch(url, {
    method: "POST", credentials: "same-origin", headers: { Accept: "application/json", "X-CSRFToken": csrfToken },
  });
  const body = await response.json().catch(() => ({}));
  return { response, body };
}

async function leaveFor(url) {
  state.ending = true;
  if (state.room) await Promise.race([state.room.disconnect(), sleep(1000)]).catch(() => {});
  window.location.assign(url || config.urls.results);
}

// End: the interviewer is told first, and finishes the interview once it has saved what the
// candidate said last (Gemini commits the last words a moment after they are said), then publishes
// "ended", which brings the candidate to the results. The server is told too: it records End and
// says how long to wait; asked again after that, it finishes the interview itself.
async function finishInterview({ byInterviewer = false } = {}) {
  if (state.ending) {
    if (byInterviewer && state.waitingForInterviewer) leaveFor(config.urls.results); // the interviewer finished it
    return;
  }
  state.ending = true;
  clearTimeout(state.avatarTimer);
  renderInputOpen();
  setRoomState("ending");
  el.banner.hidden = true;
  el.ending.hidden = false;
  el.endingText.textContent = byInterviewer ? "The interview is over. Saving and scoring your answers…"
    : "Your interviewer is saving your last answer…";
  el.ending.scrollIntoView({ block: "center" });
  if (byInterviewer) {
    leaveFor(config.urls.results); // "ended" comes after the interviewer finished the interview
    return;
  }
  await tellInterviewer("end");
  for (let attempt = 0; ; attempt += 1) {
    try {
      const { response, body } = await postJSON(config.urls.videoEnd);
      if (response.ok && body.ended) {
        leaveFor(body.results_url);
        return;
      }
      if (response.ok) {
        // Wait for the interviewer's "ended" (renderPhase → finishInterview above), then ask again.
        state.waitingForInterviewer = true;
        await sleep(Math.max(1, Number(body.wait_seconds) || 1) * 1000);
        state.waitingForInterviewer = false;
        el.endingText.textContent = "Saving and scoring your answers…";
        continue;
      }
      if (response.status === 409) {
        leaveFor(config.urls.results);
        return;
      }
    } catch {
      el.endingText.textContent = "Connection lost — your answers are saved; ending as soon as we reconnect…";
    }
    await sleep(Math.min(15000, 1000 * 2 ** attempt));
  }
}

// --- Trying the video again -----------------------------------------------------------------------

// A new start: after the agent failed (or left) the server opens a new room, which dispatches a
// fresh agent for the same interview; it carries on at the first unanswered question.
async function retry() {
  el.retry.disabled = true;
  const old = state.room;
  state.room = null;
  state.ending = true; // the old room's Disconnected is not a failure of the new one
  if (old) await Promise.race([old.disconnect(), sleep(1000)]).catch(() => {});
  clearFailure();
  clearTimeout(state.avatarTimer);
  Object.assign(state, { identity: "", avatarJoined: false, interviewPhase: "", ending: false });
  state.attached.clear();
  el.avatarVideo.hidden = true;
  el.avatarWaiting.hidden = false;
  setStatus("Connecting…", "info");
  await join();
}

// --- The check before joining ---------------------------------------------------------------------

function stopCheck() {
  clearInterval(state.check.timer);
  if (state.check.stream) for (const track of state.check.stream.getTracks()) track.stop();
  if (state.check.audio) state.check.audio.close().catch(() => {});
  Object.assign(state.check, { stream: null, audio: null, timer: null });
  el.checkVideo.srcObject = null;
}

function renderJoinButton() {
  el.join.disabled = !(el.consent.checked && state.check.micOk);
}

function showMicLevel(stream) {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  const audio = new Context();
  const analyser = audio.createAnalyser();
  analyser.fftSize = 512;
  audio.createMediaStreamSource(stream).connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  state.check.audio = audio;
  state.check.timer = setInterval(() => {
    analyser.getByteTimeDomainData(samples);
    let peak = 0;
    for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128) / 128);
    el.micLevel.value = Math.min(1, peak * 2);
  }, 100);
}

async function getMedia(constraints) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    const error = new Error("No media devices");
    error.name = "NotFoundError";
    throw error;
  }
  return navigator.mediaDevices.getUserMedia(constraints);
}

// Permissions asked for and devices tried here, before anything is billed: a candidate who stops at
// this step costs nothing.
async function checkDevices() {
  stopCheck();
  state.check.micOk = false;
  renderJoinButton();
  el.micCheck.textContent = "Checking…";
  el.cameraCheck.textContent = "Checking…";
  const tracks = [];
  try {
    const mic = await getMedia({ audio: true, video: false });
    tracks.push(...mic.getTracks());
    state.check.micOk = true;
    el.micCheck.textContent = "Working — speak and watch the level move.";
    showMicLevel(mic);
  } catch (error) {
    el.micCheck.textContent = mediaError("microphone", error);
  }
  try {
    const camera = await getMedia({ video: true, audio: false });
    tracks.push(...camera.getTracks());
    el.checkVideo.srcObject = camera;
    el.checkVideo.hidden = false;
    el.cameraCheck.textContent = "Working.";
  } catch (error) {
    el.checkVideo.hidden = true;
    el.cameraCheck.textContent = mediaError("camera", error);
  }
  state.check.stream = new MediaStream(tracks);
  el.checkProblem.hidden = state.check.micOk;
  el.checkProblem.textContent = state.check.micOk ? "" : MESSAGES.micNeeded;
  renderJoinButton();
}

function playTestSound() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) {
    el.speakerCheck.textContent = "This browser can’t play a test sound.";
    return;
  }
  const audio = new Context();
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.frequency.value = 440;
  gain.gain.value = 0.15;
  tone.connect(gain).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.6);
  tone.onended = () => audio.close().catch(() => {});
  el.speakerCheck.textContent = "Playing a tone — if you heard it, your speaker works.";
}

async function agreeAndJoin() {
  el.join.disabled = true;
  try {
    const { response, body } = await postJSON(config.urls.videoConsent);
    if (!response.ok) throw new Error(body.error || MESSAGES.consentFailed);
  } catch (error) {
    el.checkProblem.textContent = error.message || MESSAGES.consentFailed;
    el.checkProblem.hidden = false;
    renderJoinButton();
    return;
  }
  stopCheck();
  el.check.hidden = true;
  await join();
}

// --- Typing instead of speaking --------------------------------------------------------------------

async function sendTyped(event) {
  event.preventDefault();
  const text = el.typeAnswer.value.trim();
  const local = state.room && state.room.localParticipant;
  if (!text || !local || el.typeAnswer.disabled) return;
  el.typeSend.disabled = true;
  try {
    await local.sendText(text, { topic: CHAT_TOPIC });
    el.typeAnswer.value = "";
    showCaption(`typed-${Date.now()}`, true, text, true);
  } catch {
    showMediaProblem("microphone", "Your typed answer couldn’t be sent. Check your connection and send it again.");
  }
  renderInputOpen();
}

// --- Wiring ----------------------------------------------------------------------------------

// Moving to the practice room: tell the interviewer to stop without finishing the interview, then
// let the form post (the server switches the session to practice and opens the room).
el.fallback.form.addEventListener("submit", async (event) => {
  stopCheck();
  if (!state.room || state.movingToPractice) return;
  event.preventDefault();
  state.movingToPractice = true;
  state.ending = true;
  el.fallback.disabled = true;
  await tellInterviewer("fallback");
  el.fallback.form.submit();
});

el.audioButton.addEventListener("click", async () => {
  if (!state.room) return;
  try {
    await state.room.startAudio();
  } catch {
    // Still blocked: the button stays for another try.
  }
  updateAudioButton();
});
el.micToggle.addEventListener("click", () => state.room && setDevice("microphone", !state.room.localParticipant.isMicrophoneEnabled));
el.cameraToggle.addEventListener("click", () => state.room && setDevice("camera", !state.room.localParticipant.isCameraEnabled));
el.end.addEventListener("click", () => {
  if (typeof el.dialog.showModal === "function") el.dialog.showModal();
  else if (window.confirm("End the interview now?")) finishInterview();
});
el.endCancel.addEventListener("click", () => el.dialog.close());
el.endConfirm.addEventListener("click", () => {
  el.dialog.close();
  finishInterview();
});

el.retry.addEventListener("click", retry);
el.consent.addEventListener("change", renderJoinButton);
el.join.addEventListener("click", agreeAndJoin);
el.checkAgain.addEventListener("click", checkDevices);
el.testSound.addEventListener("click", playTestSound);
el.typeForm.addEventListener("submit", sendTyped);

if (config.video.unavailable) {
  // The page already says why, with the way out.
} else if (config.video.stopped) {
  fail("stopped", config.video.stopped); // the interviewer failed: try again (a fresh agent), or practice
} else if (!config.video.consented) {
  setRoomState("check");
  checkDevices();
} else {
  join();
}
