"""The practice room in headless Chromium: answer every question by keyboard, reload half-way,
survive a refused save, end, and reach the score."""

import time

import pytest

from interviews.models import InterviewSession, TranscriptTurn
from interviews.tests.factories import ready_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERS = [
    "At Acme our payment failures were costing us customers, so I owned the migration. I planned the cutover, wrote the dual-write layer and tested it; we cut failed charges by 38% in two months.",
    "At Brightcart checkout was slow under load. I designed the PostgreSQL partitioning for 40 million rows, measured p95 before and after, and it dropped from 900 ms to 120 ms within a sprint.",
    "We fixed it.",
    "At Ledgerly two teams disagreed on the API design for invoices. I wrote a one-page proposal, ran the review with both leads and we shipped it in 3 weeks with zero incidents.",
]
FOLLOW_UP_ANSWER = ("At Ledgerly our nightly invoice job kept failing. I traced it to a lock on the ledger table, rewrote the batch "
                    "in smaller transactions and the failures dropped from 12 a week to none for 6 months.")


def _login(page, live_server, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


def _answer(page, text):
    page.locator("#answer").fill(text)
    page.locator("#next-button").click()


def test_full_interview_with_reload_and_a_refused_save(page, live_server, user, password, settings):
    session = ready_session(user, questions=4)
    questions = list(session.questions.order_by("order"))
    _login(page, live_server, user, password)

    opened = time.perf_counter()
    page.goto(f"/interviews/{session.pk}/room/")
    page.get_by_text(questions[0].text).wait_for()
    first_visible_ms = (time.perf_counter() - opened) * 1000
    print(f"\nroom: first question visible {first_visible_ms:.0f} ms after navigation")

    page.locator("#mute").check()  # headless Chromium has no voices; muted keeps the run deterministic
    page.locator("#begin-button").click()
    _answer(page, ANSWERS[0])
    page.get_by_text(questions[1].text).wait_for()

    # The server refuses the next save once (a 503); the outbox must retry it.
    refused = {"count": 0}

    def flaky(route):
        if route.request.method == "POST" and refused["count"] == 0:
            refused["count"] += 1
            route.fulfill(status=503, body="{}", content_type="application/json")
        else:
            route.continue_()

    page.route("**/turns/", flaky)
    _answer(page, ANSWERS[1])
    page.get_by_text(questions[2].text).wait_for()
    page.wait_for_function("() => document.getElementById('save-status').textContent === 'All answers saved'",
                           timeout=15000)
    assert refused["count"] == 1
    assert TranscriptTurn.objects.filter(session=session, role="candidate", text=ANSWERS[1]).count() == 1

    # A draft in progress survives a reload; the answered questions stay answered.
    page.locator("#answer").fill("Draft that must survive")
    page.reload()
    page.get_by_text("Question 3 of 4").wait_for()
    assert page.locator("#question-text").inner_text() == questions[2].text
    assert page.locator("#answer").input_value() == "Draft that must survive"

    page.locator("#begin-button").click()
    _answer(page, ANSWERS[2])  # a thin answer: the coach asks one probing follow-up before moving on
    page.locator("#follow-up-note").wait_for()
    follow_up = page.locator("#question-text").inner_text()
    assert follow_up and follow_up != questions[2].text
    _answer(page, FOLLOW_UP_ANSWER)
    page.get_by_text(questions[3].text).wait_for()
    page.locator("#end-button").click()
    page.locator("#end-confirm").click()

    page.wait_for_url(f"**/interviews/{session.pk}/results/", timeout=15000)
    page.get_by_text("/ 100").first.wait_for(timeout=15000)

    answers = list(TranscriptTurn.objects.filter(session=session, role="candidate", is_follow_up=False)
                   .order_by("seq").values_list("text", flat=True))
    assert answers == ANSWERS[:3]
    probe = TranscriptTurn.objects.get(session=session, role="interviewer", is_follow_up=True)
    assert probe.text == follow_up and probe.question == questions[2]
    assert TranscriptTurn.objects.get(session=session, role="candidate", is_follow_up=True).text == FOLLOW_UP_ANSWER
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED
    assert page.js_errors == []


DRAFT = ("At Brightcart I rebuilt the search indexer in Go after it fell behind by six hours; I split the batch into "
         "shards and the lag dropped to 4 minutes.")


def test_end_keeps_the_typed_draft_as_the_answer(page, live_server, user, password):
    """A typed answer still in the box when the candidate presses End is saved as that question's answer."""
    session = ready_session(user, questions=3)
    questions = list(session.questions.order_by("order"))
    _login(page, live_server, user, password)
    page.goto(f"/interviews/{session.pk}/room/")
    page.locator("#mute").check()
    page.locator("#begin-button").click()
    _answer(page, ANSWERS[0])
    page.get_by_text(questions[1].text).wait_for()
    page.locator("#answer").fill(DRAFT)

    page.locator("#end-button").click()
    # The dialog shows the draft and says it will be saved, not thrown away.
    page.locator("#end-draft").wait_for()
    assert DRAFT[:40] in page.locator("#end-draft").inner_text()
    assert "saved as your answer" in page.locator("#end-dialog").inner_text()
    page.locator("#end-confirm").click()

    page.wait_for_url(f"**/interviews/{session.pk}/results/", timeout=15000)
    page.get_by_text("/ 100").first.wait_for(timeout=15000)
    saved = TranscriptTurn.objects.get(session=session, role="candidate", question=questions[1])
    assert saved.text == DRAFT and not saved.skipped and saved.input_mode == "typed"
    assert saved.ended_ms is not None and saved.started_ms is not None
    first = TranscriptTurn.objects.get(session=session, role="candidate", question=questions[0])
    assert first.input_mode == "typed"
    assert not TranscriptTurn.objects.filter(session=session, role="candidate", question=questions[2]).exists()
    # Its question is scored as answered, not "Not answered".
    assert DRAFT[:30] in page.content()
    assert page.js_errors == []


def test_end_after_a_reload_keeps_the_restored_draft(page, live_server, user, password):
    session = ready_session(user, questions=2)
    questions = list(session.questions.order_by("order"))
    _login(page, live_server, user, password)
    page.goto(f"/interviews/{session.pk}/room/")
    page.locator("#mute").check()
    page.locator("#begin-button").click()
    page.locator("#answer").fill(DRAFT)
    page.reload()
    assert page.locator("#answer").input_value() == DRAFT
    page.locator("#end-button").click()
    page.locator("#end-confirm").click()
    page.wait_for_url(f"**/interviews/{session.pk}/results/", timeout=15000)
    saved = TranscriptTurn.objects.get(session=session, role="candidate", question=questions[0])
    assert saved.text == DRAFT


def test_end_without_a_draft_says_nothing_about_one(page, live_server, user, password):
    session = ready_session(user, questions=2)
    _login(page, live_server, user, password)
    page.goto(f"/interviews/{session.pk}/room/")
    page.locator("#mute").check()
    page.locator("#begin-button").click()
    page.locator("#end-button").click()
    page.locator("#end-confirm").wait_for()
    assert page.locator("#end-draft-note").is_hidden()
    page.locator("#end-cancel").click()
    assert not TranscriptTurn.objects.filter(session=session, role="candidate").exists()
