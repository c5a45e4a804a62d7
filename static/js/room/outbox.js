// A persistent outbox for transcript turns. Every turn is written to localStorage first, then
// sent; it leaves the outbox only when the server has stored it (or refused it for good).
// Network errors, 5xx and 429 are retried with exponential backoff, so closing the tab or
// losing the connection never drops an answer.

// 403 is retried too: it is a CSRF token gone stale (the candidate signed in again in another tab),
// and the next attempt reads the fresh token from the cookie.
const RETRYABLE = new Set([403, 408, 425, 429, 500, 502, 503, 504]);
const SIGNED_OUT = "You are signed out. Sign in again in another tab — your answers are kept on this device and will be sent.";

// The CSRF token as of now: the cookie follows a sign-in in another tab, the one rendered into the
// page does not.
export function csrfToken() {
  const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
  if (cookie) return decodeURIComponent(cookie.slice("csrftoken=".length));
  return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
}

// A fetch that was sent to the sign-in page instead of answering: the session ended.
export function signedOut(response) {
  return response.redirected && new URL(response.url).pathname.startsWith("/accounts/login");
}

export class Outbox {
  constructor({ key, url, onChange, onResponse, fetchImpl }) {
    this.key = key;
    this.url = url;
    this.onChange = onChange || (() => {});
    this.onResponse = onResponse || (() => {});
    this.fetch = fetchImpl || window.fetch.bind(window);
    this.sending = false;
    this.attempt = 0;
    this.timer = null;
    this.lastError = "";
    window.addEventListener("online", () => this.flush(true));
    // Back from another tab (where the candidate may have signed in again): try at once.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && this.items().length) this.flush(true);
    });
  }

  items() {
    try {
      return JSON.parse(localStorage.getItem(this.key) || "[]");
    } catch {
      return [];
    }
  }

  save(items) {
    localStorage.setItem(this.key, JSON.stringify(items));
    this.onChange(this.status());
  }

  status() {
    const pending = this.items().length;
    return { pending, offline: pending > 0 && this.attempt > 0, error: this.lastError };
  }

  add(turn) {
    const items = this.items();
    if (!items.some((item) => item.client_id === turn.client_id)) {
      items.push(turn);
      this.save(items);
    }
    return this.flush(true);
  }

  remove(clientId) {
    this.save(this.items().filter((item) => item.client_id !== clientId));
  }

  async flush(now = false) {
    if (now && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.sending) return;
    this.sending = true;
    try {
      for (const item of this.items()) {
        const outcome = await this.send(item);
        if (outcome === "retry") {
          this.schedule();
          return;
        }
        this.remove(item.client_id);
      }
      this.attempt = 0;
      this.lastError = "";
      this.onChange(this.status());
    } finally {
      this.sending = false;
    }
  }

  async send(item) {
    let response;
    try {
      response = await this.fetch(this.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(item),
      });
    } catch {
      return "retry"; // offline or the connection dropped
    }
    if (signedOut(response)) {
      this.lastError = SIGNED_OUT;
      return "retry";
    }
    if (RETRYABLE.has(response.status)) return "retry";
    let body = {};
    try {
      body = await response.json();
    } catch {
      body = {};
    }
    if (!response.ok) {
      // 4xx: the server will never take this turn (e.g. the interview ended); keep the reason.
      this.lastError = body.error || `The server refused an answer (${response.status}).`;
    }
    this.onResponse(item, response.status, body);
    return "done";
  }

  schedule() {
    this.attempt += 1;
    // Signed out is a wait for the candidate, not for a server: look again every few seconds.
    const delay = Math.min(this.lastError === SIGNED_OUT ? 4000 : 30000, 1000 * 2 ** (this.attempt - 1));
    this.onChange(this.status());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, delay);
  }

  // Resolves once every pending turn has been sent (retrying as needed).
  async drain() {
    while (this.items().length) {
      await this.flush(true);
      if (this.items().length) await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
