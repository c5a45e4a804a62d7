"""The room's voice paths, with the browser's speech recognition replaced by a scripted stand-in
(headless Chromium has no microphone). The stand-in follows the Web Speech API's event shapes."""

import pytest

from interviews.models import TranscriptTurn
from interviews.tests.factories import ready_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAKE_RECOGNITION = """
(() => {
  class FakeRecognition {
    start() {
      window.__recognitionStarted = true;
      setTimeout(() => {
        if (window.__recognitionError) { this.onerror({ error: window.__recognitionError }); return; }
        this.onspeechstart && this.onspeechstart();
        const interim = [{ 0: { transcript: "At Acme I led" }, isFinal: false, length: 1 }];
        this.onresult({ resultIndex: 0, results: interim });
        const final = [{ 0: { transcript: window.__spoken }, isFinal: true, length: 1 }];
        this.onresult({ resultIndex: 0, results: final });
      }, 50);
    }
    stop() { this.onend && this.onend(); }
  }
  window.SpeechRecognition = FakeRecognition;
  window.webkitSpeechRecognition = FakeRecognition;
})();
"""

SPOKEN = ("At Acme our billing failed every week, so I led the rewrite of the pipeline in Python; "
          "failed payments dropped by 35 percent within a quarter and on-call pages halved.")


def _open_room(page, user, password, session, init_script=None):
    if init_script:
        page.add_init_script(init_script)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")
    page.goto(f"/interviews/{session.pk}/room/")
    page.locator("#mute").check()
    page.locator("#begin-button").click()


def test_dictated_answer_is_shown_and_saved(page, user, password):
    session = ready_session(user, questions=2)
    page.add_init_script(f"window.__spoken = {SPOKEN!r};")
    _open_room(page, user, password, session, FAKE_RECOGNITION)
    page.get_by_role("button", name="🎤 Answer by voice").click()
    page.wait_for_function("() => document.getElementById('answer').value.length > 0")
    assert page.locator("#answer").input_value() == SPOKEN
    page.locator("#next-button").click()
    page.get_by_text(session.questions.order_by("order")[1].text).wait_for()
    page.wait_for_function("() => document.getElementById('save-status').textContent === 'All answers saved'")
    turn = TranscriptTurn.objects.get(session=session, role="candidate")
    assert turn.text == SPOKEN and turn.started_ms is not None and turn.ended_ms >= turn.started_ms
    assert turn.input_mode == "dictated"
    assert page.js_errors == []


def test_blocked_microphone_says_so_and_typing_still_works(page, user, password):
    session = ready_session(user, questions=1)
    page.add_init_script("window.__recognitionError = 'not-allowed';")
    _open_room(page, user, password, session, FAKE_RECOGNITION)
    page.get_by_role("button", name="🎤 Answer by voice").click()
    page.get_by_text("Microphone blocked").wait_for()
    assert page.locator("#answer").is_enabled()


def test_browser_without_speech_recognition_offers_typing(page, user, password):
    session = ready_session(user, questions=1)
    _open_room(page, user, password, session,
               "delete window.SpeechRecognition; delete window.webkitSpeechRecognition;")
    page.get_by_text("Speech recognition isn’t supported in this browser — type your answers instead.").wait_for()
    assert page.locator("#mic-button").is_hidden()


def test_dictated_answer_rewritten_by_keyboard_is_saved_as_mixed(page, user, password):
    session = ready_session(user, questions=2)
    page.add_init_script(f"window.__spoken = {SPOKEN!r};")
    _open_room(page, user, password, session, FAKE_RECOGNITION)
    page.get_by_role("button", name="🎤 Answer by voice").click()
    page.wait_for_function("() => document.getElementById('answer').value.length > 0")
    page.locator("#answer").press("End")
    page.locator("#answer").type(" Then I also wrote the runbook and trained two engineers on the new on-call rota.")
    page.locator("#next-button").click()
    page.wait_for_function("() => document.getElementById('save-status').textContent === 'All answers saved'")
    turn = TranscriptTurn.objects.get(session=session, role="candidate")
    assert turn.text.startswith(SPOKEN) and turn.input_mode == "mixed"
