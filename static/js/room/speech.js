// Thin wrappers over the browser's speech APIs, each of which may be missing.

export const synthesis = "speechSynthesis" in window ? window.speechSynthesis : null;
const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition || null;
export const recognitionSupported = Boolean(Recognition);

export function englishVoices() {
  if (!synthesis) return [];
  const voices = synthesis.getVoices();
  const english = voices.filter((voice) => voice.lang && voice.lang.toLowerCase().startsWith("en"));
  return english.length ? english : voices;
}

// Speak `text`; resolves when finished (or at once when muted/unsupported).
export function speak(text, { voiceName, rate, muted }) {
  return new Promise((resolve) => {
    if (!synthesis || muted || !text) {
      resolve();
      return;
    }
    synthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    const voice = englishVoices().find((item) => item.name === voiceName);
    if (voice) utterance.voice = voice;
    utterance.rate = rate || 1;
    const done = () => resolve();
    utterance.onend = done;
    utterance.onerror = done;
    // Some engines never fire `end`; never hold the interview hostage to that.
    setTimeout(done, Math.max(4000, text.split(/\s+/).length * 600));
    synthesis.speak(utterance);
  });
}

export function stopSpeaking() {
  if (synthesis) synthesis.cancel();
}

// Continuous dictation: calls onFinal(text) for settled phrases and onInterim(text) as words come.
export class Dictation {
  constructor({ onFinal, onInterim, onError, onStateChange }) {
    this.active = false;
    this.onFinal = onFinal;
    this.onInterim = onInterim;
    this.onError = onError;
    this.onStateChange = onStateChange || (() => {});
    this.firstSpeechAt = null;
    if (!Recognition) return;
    this.recognition = new Recognition();
    this.recognition.continuous = true;
    this.recognition.interimResults = true;
    this.recognition.lang = document.documentElement.lang || "en-US";
    this.recognition.onresult = (event) => {
      let interim = "";
      for (let i = event.resultIndex; i < event.results.length; i += 1) {
        const result = event.results[i];
        if (result.isFinal) this.onFinal(result[0].transcript.trim());
        else interim += result[0].transcript;
      }
      this.onInterim(interim.trim());
    };
    this.recognition.onspeechstart = () => {
      if (this.firstSpeechAt === null) this.firstSpeechAt = performance.now();
    };
    this.recognition.onerror = (event) => {
      this.active = false;
      this.onStateChange(false);
      this.onError(event.error);
    };
    this.recognition.onend = () => {
      // Browsers stop listening after silence; keep going while the candidate wants it.
      if (this.active) {
        try {
          this.recognition.start();
        } catch {
          this.active = false;
          this.onStateChange(false);
        }
      }
    };
  }

  start() {
    if (!this.recognition || this.active) return;
    this.active = true;
    try {
      this.recognition.start();
      this.onStateChange(true);
    } catch (error) {
      this.active = false;
      this.onError(error.name || "start-failed");
    }
  }

  stop() {
    if (!this.recognition) return;
    this.active = false;
    this.onStateChange(false);
    try {
      this.recognition.stop();
    } catch {
      /* already stopped */
    }
  }
}
