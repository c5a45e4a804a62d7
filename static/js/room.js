// The practice interview room. One question at a time, spoken aloud when the browser can and the
// candidate wants it, answered by voice or keyboard. Every turn is queued in a persistent outbox
// (localStorage) the moment it ends and sent with retries, so a reload, a closed tab or a lost
// connection never loses an answer; the draft of the answer in progress is kept too.

import { Outbox, csrfToken, signedOut } from "./room/outbox.js";
import { Dictation, englishVoices, recognitionSupported, speak, stopSpeaking, synthesis } from "./room/speech.js";

const config = JSON.parse(document.getElementById("room-config").textContent);
const $ = (id) => document.getElementById(id);
const el = {
  room: $("room"), question: $("question-text"), meta: $("question-meta"), followUpNote: $("follow-up-note"),
  answer: $("answer"), interim: $("interim"), notice: $("notice"), progressText: $("progress-text"),
  progressBar: $("progress-bar"), timer: $("timer"), timerValue: $("timer-value"), saveStatus: $("save-status"),
  begin: $("begin-button"), next: $("next-button"), skip: $("skip-button"), mic: $("mic-button"),
  repeat: $("repeat-button"), end: $("end-button"), dialog: $("end-dialog"), endConfirm: $("end-confirm"),
  endCancel: $("end-cancel"), endDraftNote: $("end-draft-note"), endDraft: $("end-draft"), ending: $("ending"), endingText: $("ending-text"), mute: $("mute"), voice: $("voice"),
  rate: $("rate"), rateValue: $("rate-value"), voiceControls: $("voice-controls"), voiceUnsupported: $("voice-unsupported"),
  camera: $("camera"), cameraButton: $("camera-button"), form: $("answer-form"),
};

const KEY = `saylo:session:${config.sessionId}`;
const PREFS_KEY = "saylo:room-prefs";

const state = {
  questions: config.questions,
  turns: new Map(), // client_id -> turn (server-saved and still-pending)
  index: 0,
  phase: "idle", // idle | asking | answering | ending
  followUp: null, // { text } while a follow-up is being asked/answered
  clockBase: null,
  answerPhaseStartedAt: 0,
  answerStartedMs: null,
  askedEndedMs: null,
  timerHandle: null,
  followUpWaiters: new Map(),
  input: { typed: 0, dictated: 0 }, // characters of the current draft that came from the keyboard / dictation
  typedLength: 0, // the box's length after the last keystroke, to count only what was added
};

const prefs = Object.assign({ muted: false, voice: "", rate: 1 }, readJSON(PREFS_KEY, {}));

function readJSON(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

// --- Clock: ms since the interview began, continuing across reloads ---------------------------

function elapsedSoFar() {
  let latest = config.elapsedMs || 0;
  for (const turn of state.turns.values()) latest = Math.max(latest, turn.ended_ms || turn.started_ms || 0);
  return latest;
}

function startClock() {
  if (state.clockBase !== null) return;
  const resumeAt = elapsedSoFar();
  state.clockBase = performance.now() - (resumeAt ? resumeAt + 1000 : 0);
}

function nowMs() {
  return Math.max(0, Math.round(performance.now() - state.clockBase));
}

// --- Transcript bookkeeping -------------------------------------------------------------------

const outbox = new Outbox({
  key: `${KEY}:outbox`,
  url: config.urls.turns,
  onChange: showSaveStatus,
  onResponse: (item, status, body) => {
    const waiter = state.followUpWaiters.get(item.client_id);
    if (waiter) waiter(status < 300 ? body.follow_up || null : null);
    if (status === 409) showNotice(body.error || "This interview has ended.", "error");
  },
});

for (const turn of config.turns) state.turns.set(turn.client_id, turn);
for (const turn of outbox.items()) state.turns.set(turn.client_id, turn);

function answeredIds() {
  const ids = new Set();
  for (const turn of state.turns.values()) {
    if (turn.role === "candidate" && !turn.is_follow_up) ids.add(turn.question_id);
  }
  return ids;
}

function nextIndex() {
  const answered = answeredIds();
  const index = state.questions.findIndex((question) => !answered.has(question.id));
  return index === -1 ? state.questions.length : index;
}

function hasTurn(clientId) {
  return state.turns.has(clientId);
}

function queueTurn(turn) {
  state.turns.set(turn.client_id, turn);
  return outbox.add(turn);
}

// --- Drafts -----------------------------------------------------------------------------------

function draftKey() {
  const question = state.questions[state.index];
  return question ? `${KEY}:draft:${question.id}${state.followUp ? ":fu" : ""}` : null;
}

function restoreDraft() {
  const key = draftKey();
  el.answer.value = key ? localStorage.getItem(key) || "" : "";
  const input = key ? readJSON(`${key}:input`, null) : null;
  state.input = input && Number.isFinite(input.typed) && Number.isFinite(input.dictated)
    ? { typed: input.typed, dictated: input.dictated }
    : { typed: el.answer.value.length, dictated: 0 };
  state.typedLength = el.answer.value.length;
}

function saveDraft() {
  const key = draftKey();
  if (!key) return;
  if (el.answer.value) {
    localStorage.setItem(key, el.answer.value);
    localStorage.setItem(`${key}:input`, JSON.stringify(state.input));
  } else {
    localStorage.removeItem(key);
    localStorage.removeItem(`${key}:input`);
  }
}

function clearDraft() {
  const key = draftKey();
  if (key) {
    localStorage.removeItem(key);
    localStorage.removeItem(`${key}:input`);
  }
  state.input = { typed: 0, dictated: 0 };
  state.typedLength = 0;
}

// How the answer was given, so the scorer measures speaking pace and fillers only on speech.
// A few typed corrections to a dictated answer keep it "dictated".
function inputMode() {
  const { typed, dictated } = state.input;
  if (!dictated) return "typed";
  return typed <= dictated * 0.2 ? "dictated" : "mixed";
}

// --- Rendering --------------------------------------------------------------------------------

function showSaveStatus({ pending, offline, error }) {
  const badge = el.saveStatus;
  badge.className = "badge";
  if (error) {
    badge.classList.add("badge-bad");
    badge.textContent = error;
  } else if (offline) {
    badge.classList.add("badge-warn");
    badge.textContent = "Connection lost — your answer is saved on this device and will be sent";
  } else if (pending) {
    badge.classList.add("badge-info");
    badge.textContent = "Saving…";
  } else {
    badge.classList.add("badge-good");
    badge.textContent = "All answers saved";
  }
}

function showNotice(text, level = "info") {
  el.notice.textContent = text;
  el.notice.className = `message message-${level}`;
  el.notice.hidden = !text;
}

function renderQuestion() {
  const total = state.questions.length;
  const question = state.questions[state.index];
  const number = Math.min(state.index + 1, total);
  el.progressText.textContent = question ? `Question ${number} of ${total}` : `All ${total} questions answered`;
  el.progressBar.style.width = `${Math.round((Math.min(state.index, total) / total) * 100)}%`;
  el.meta.replaceChildren();
  if (!question) {
    el.question.textContent = "You’ve answered every question. Finish to get your score.";
    el.followUpNote.hidden = true;
    return;
  }
  for (const label of [question.kind, question.competency].filter(Boolean)) {
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = label;
    el.meta.append(badge);
  }
  el.question.textContent = state.followUp ? state.followUp.text : question.text;
  el.followUpNote.hidden = !state.followUp;
}

function setPhase(phase) {
  state.phase = phase;
  el.room.dataset.state = phase;
  const answering = phase === "answering";
  const done = state.index >= state.questions.length;
  el.begin.hidden = phase !== "idle";
  el.begin.textContent = done ? "Finish and score" : state.turns.size ? "Continue interview" : "Begin interview";
  el.next.hidden = !answering;
  el.skip.hidden = !answering;
  el.answer.disabled = phase === "ending" || done;
  el.mic.hidden = !recognitionSupported || !answering;
  el.next.textContent = state.index + 1 >= state.questions.length && !state.followUp ? "Finish" : "Next question";
}

// --- Timer ------------------------------------------------------------------------------------

function startTimer() {
  stopTimer();
  state.answerPhaseStartedAt = performance.now();
  const tick = () => {
    const left = Math.ceil(config.answerSeconds - (performance.now() - state.answerPhaseStartedAt) / 1000);
    el.timerValue.textContent = String(Math.max(0, left));
    el.timer.classList.toggle("timer-warn", left <= 15 && left > 0);
    el.timer.classList.toggle("timer-over", left <= 0);
    if (left <= 0) el.timer.lastChild.textContent = " s left — time’s up, wrap up your answer";
  };
  el.timer.lastChild.textContent = " s left";
  tick();
  state.timerHandle = setInterval(tick, 1000);
}

function stopTimer() {
  if (state.timerHandle) clearInterval(state.timerHandle);
  state.timerHandle = null;
}

// --- The interview flow -----------------------------------------------------------------------

async function ask() {
  const question = state.questions[state.index];
  if (!question) {
    await finish();
    return;
  }
  setPhase("asking");
  renderQuestion();
  const text = state.followUp ? state.followUp.text : question.text;
  const clientId = `q${question.id}-${state.followUp ? "fu-ask" : "ask"}`;
  const started = nowMs();
  await speak(text, { voiceName: prefs.voice, rate: prefs.rate, muted: prefs.muted });
  state.askedEndedMs = nowMs();
  if (!hasTurn(clientId)) {
    queueTurn({ client_id: clientId, role: "interviewer", text, question_id: question.id,
      is_follow_up: Boolean(state.followUp), started_ms: started, ended_ms: state.askedEndedMs });
  }
  state.answerStartedMs = null;
  restoreDraft();
  setPhase("answering");
  startTimer();
  el.answer.focus();
}

function answerStarted() {
  if (state.answerStartedMs === null && state.phase === "answering") state.answerStartedMs = nowMs();
}

function waitForFollowUp(clientId, ms) {
  return new Promise((resolve) => {
    const timeout = setTimeout(() => {
      state.followUpWaiters.delete(clientId);
      resolve(null);
    }, ms);
    state.followUpWaiters.set(clientId, (value) => {
      clearTimeout(timeout);
      state.followUpWaiters.delete(clientId);
      resolve(value);
    });
  });
}

async function submitAnswer({ skipped }) {
  const question = state.questions[state.index];
  if (!question || state.phase !== "answering") return;
  const text = el.answer.value.trim();
  if (!skipped && !text) {
    showNotice("Say or type an answer first — or press Skip to move on.", "warning");
    el.answer.focus();
    return;
  }
  showNotice("");
  dictation.stop();
  stopTimer();
  const isFollowUp = Boolean(state.followUp);
  const clientId = `q${question.id}-${isFollowUp ? "fu-answer" : "answer"}`;
  const ended = nowMs();
  const turn = { client_id: clientId, role: "candidate", text: skipped ? "" : text, question_id: question.id,
    is_follow_up: isFollowUp, skipped, started_ms: skipped ? ended : state.answerStartedMs ?? state.askedEndedMs ?? ended,
    ended_ms: ended, want_follow_up: !isFollowUp && !skipped, input_mode: skipped ? "" : inputMode() };
  setPhase("asking");
  const followUp = turn.want_follow_up ? waitForFollowUp(clientId, 6000) : Promise.resolve(null);
  clearDraft();
  el.answer.value = "";
  el.interim.textContent = "";
  queueTurn(turn);
  const probe = await followUp;
  if (probe && !isFollowUp) {
    state.followUp = { text: probe };
  } else {
    state.followUp = null;
    state.index = nextIndex();
  }
  await ask();
}

// The answer still in the box when the candidate ends the interview: saved as that question's answer
// (the end dialog shows it first), never thrown away.
function pendingDraft() {
  const question = state.questions[state.index];
  const text = el.answer.value.trim();
  if (!question || !text || state.phase === "ending") return null;
  const isFollowUp = Boolean(state.followUp);
  const clientId = `q${question.id}-${isFollowUp ? "fu-answer" : "answer"}`;
  return hasTurn(clientId) ? null : { question, text, isFollowUp, clientId };
}

function queueDraftAsAnswer() {
  const draft = pendingDraft();
  if (!draft) return;
  const { question, text, isFollowUp, clientId } = draft;
  const ended = nowMs();
  const askId = `q${question.id}-${isFollowUp ? "fu-ask" : "ask"}`;
  if (!hasTurn(askId)) {
    const asked = isFollowUp ? state.followUp.text : question.text;
    queueTurn({ client_id: askId, role: "interviewer", text: asked, question_id: question.id, is_follow_up: isFollowUp,
      started_ms: ended, ended_ms: ended });
  }
  queueTurn({ client_id: clientId, role: "candidate", text, question_id: question.id, is_follow_up: isFollowUp,
    skipped: false, started_ms: state.answerStartedMs ?? state.askedEndedMs ?? ended, ended_ms: ended,
    want_follow_up: false, input_mode: inputMode() });
  clearDraft();
}

function showEndDialog() {
  const draft = pendingDraft();
  el.endDraftNote.hidden = !draft;
  el.endDraft.textContent = draft ? draft.text : "";
  if (typeof el.dialog.showModal === "function") el.dialog.showModal();
  else if (window.confirm(draft ? "End the interview now? The answer in the box is saved as your answer." : "End the interview now?")) {
    startClock();
    finish();
  }
}

async function finish() {
  if (state.phase === "ending") return;
  dictation.stop();
  queueDraftAsAnswer();
  setPhase("ending");
  stopTimer();
  stopSpeaking();
  el.ending.hidden = false;
  el.ending.scrollIntoView({ block: "center" });
  el.endingText.textContent = "Saving your answers…";
  await outbox.drain();
  el.endingText.textContent = "Saved. Scoring your interview…";
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await fetch(config.urls.end, {
        method: "POST", credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
      });
      if (signedOut(response)) {
        el.endingText.textContent = "You are signed out. Sign in again in another tab — your answers are kept; ending as soon as you are back…";
      } else if (response.ok || response.status === 409) {
        const body = await response.json().catch(() => ({}));
        clearLocalState();
        window.location.assign(body.results_url || config.urls.results);
        return;
      } else {
        const body = await response.json().catch(() => ({}));
        el.endingText.textContent = body.error || "Saylo could not end the interview just now — your answers are saved; trying again…";
      }
    } catch {
      el.endingText.textContent = "Connection lost — your answers are saved; ending as soon as we reconnect…";
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(15000, 1000 * 2 ** attempt)));
  }
}

function clearLocalState() {
  for (let i = localStorage.length - 1; i >= 0; i -= 1) {
    const key = localStorage.key(i);
    if (key && key.startsWith(`${KEY}:draft:`)) localStorage.removeItem(key);
  }
}

// --- Dictation --------------------------------------------------------------------------------

const MIC_ERRORS = {
  "not-allowed": "Microphone blocked — allow microphone access for this site in your browser settings, or type your answer.",
  "service-not-allowed": "Microphone blocked — allow microphone access for this site in your browser settings, or type your answer.",
  "audio-capture": "No microphone found — type your answer instead.",
  network: "Speech recognition needs a network connection right now — type your answer instead.",
};

const dictation = new Dictation({
  onFinal: (text) => {
    if (!text) return;
    answerStarted();
    state.input.dictated += text.length;
    el.answer.value = `${el.answer.value.trim()} ${text}`.trim();
    state.typedLength = el.answer.value.length;
    el.interim.textContent = "";
    saveDraft();
  },
  onInterim: (text) => {
    if (text) answerStarted();
    el.interim.textContent = text;
  },
  onError: (code) => {
    if (code === "no-speech" || code === "aborted") return;
    showNotice(MIC_ERRORS[code] || "Speech recognition stopped — type your answer, or press the microphone again.", "warning");
  },
  onStateChange: (listening) => {
    el.mic.setAttribute("aria-pressed", String(listening));
    el.mic.textContent = listening ? "⏹ Stop listening" : "🎤 Answer by voice";
  },
});

// --- Voice and camera controls ----------------------------------------------------------------

function savePrefs() {
  localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
}

function fillVoices() {
  const voices = englishVoices();
  if (!voices.length) {
    const option = document.createElement("option");
    option.textContent = "Browser default voice";
    el.voice.replaceChildren(option);
    el.voice.disabled = true;
    return;
  }
  el.voice.replaceChildren(...voices.map((voice) => {
    const option = document.createElement("option");
    option.value = voice.name;
    option.textContent = `${voice.name} (${voice.lang})`;
    option.selected = voice.name === prefs.voice;
    return option;
  }));
  el.voice.disabled = false;
}

function setUpVoice() {
  if (!synthesis) {
    el.voiceControls.hidden = true;
    el.voiceUnsupported.hidden = false;
    return;
  }
  el.mute.checked = prefs.muted;
  el.rate.value = String(prefs.rate);
  el.rateValue.textContent = `${Number(prefs.rate).toFixed(1)}×`;
  fillVoices();
  synthesis.addEventListener?.("voiceschanged", fillVoices);
  el.mute.addEventListener("change", () => {
    prefs.muted = el.mute.checked;
    if (prefs.muted) stopSpeaking();
    savePrefs();
  });
  el.voice.addEventListener("change", () => {
    prefs.voice = el.voice.value;
    savePrefs();
  });
  el.rate.addEventListener("input", () => {
    prefs.rate = Number(el.rate.value);
    el.rateValue.textContent = `${prefs.rate.toFixed(1)}×`;
    savePrefs();
  });
  el.repeat.addEventListener("click", () => {
    const question = state.questions[state.index];
    if (question) speak(state.followUp ? state.followUp.text : question.text, { voiceName: prefs.voice, rate: prefs.rate, muted: false });
  });
}

let cameraStream = null;
async function toggleCamera() {
  if (cameraStream) {
    cameraStream.getTracks().forEach((track) => track.stop());
    cameraStream = null;
    el.camera.hidden = true;
    el.camera.srcObject = null;
    el.cameraButton.textContent = "Turn camera on";
    el.cameraButton.setAttribute("aria-pressed", "false");
    return;
  }
  if (!navigator.mediaDevices?.getUserMedia) {
    showNotice("This browser can’t show a camera preview.", "info");
    return;
  }
  try {
    cameraStream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    el.camera.srcObject = cameraStream;
    el.camera.hidden = false;
    el.cameraButton.textContent = "Turn camera off";
    el.cameraButton.setAttribute("aria-pressed", "true");
  } catch (error) {
    const blocked = error && error.name === "NotAllowedError";
    showNotice(blocked ? "Camera blocked — allow it in your browser’s site settings to see yourself." : "No camera available.", "info");
  }
}

// --- Wiring -----------------------------------------------------------------------------------

function begin() {
  startClock();
  if (state.index >= state.questions.length) {
    finish();
    return;
  }
  ask();
}

el.begin.addEventListener("click", begin);
el.next.addEventListener("click", () => submitAnswer({ skipped: false }));
el.skip.addEventListener("click", () => submitAnswer({ skipped: true }));
el.mic.addEventListener("click", () => (dictation.active ? dictation.stop() : dictation.start()));
el.cameraButton.addEventListener("click", toggleCamera);
el.answer.addEventListener("input", () => {
  if (state.phase === "idle") begin();
  answerStarted();
  state.input.typed += Math.max(0, el.answer.value.length - state.typedLength);
  state.typedLength = el.answer.value.length;
  saveDraft();
});
el.answer.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    if (state.phase === "answering") submitAnswer({ skipped: false });
  }
});
el.form.addEventListener("submit", (event) => event.preventDefault());
el.end.addEventListener("click", showEndDialog);
el.endCancel.addEventListener("click", () => el.dialog.close());
el.endConfirm.addEventListener("click", () => {
  el.dialog.close();
  startClock();
  finish();
});

if (!recognitionSupported) {
  el.interim.textContent = "Speech recognition isn’t supported in this browser — type your answers instead.";
}
setUpVoice();
state.index = nextIndex();
renderQuestion();
restoreDraft();
setPhase("idle");
showSaveStatus(outbox.status());
outbox.flush(true);
performance.mark("saylo:first-question");
el.room.dataset.firstQuestionMs = String(Math.round(performance.now()));
