"""Two tabs answering the same question in headless Chromium: one answer is stored, and the second
tab says which answer was kept and how to carry on."""

import pytest

from interviews.models import TranscriptTurn
from interviews.tests.factories import ready_session
from interviews.tests.test_room_browser import _answer, _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "At Acme I owned the billing migration and cut failed charges by 38% in two months."
SECOND = "A different answer typed in the other tab, about a project at Brightcart."


def _open_room(page, session, question):
    page.goto(f"/interviews/{session.pk}/room/")
    page.get_by_text(question.text).wait_for()
    page.locator("#mute").check()
    page.locator("#begin-button").click()
    page.wait_for_function("() => document.getElementById('room').dataset.state === 'answering'")


def test_second_tab_is_told_the_question_was_already_answered(page, live_server, user, password):
    session = ready_session(user, questions=3)
    first_question = session.questions.order_by("order").first()
    _login(page, live_server, user, password)
    other_tab = page.context.new_page()
    _open_room(page, session, first_question)
    _open_room(other_tab, session, first_question)

    _answer(page, FIRST)
    page.wait_for_function("() => document.getElementById('save-status').textContent === 'All answers saved'")
    _answer(other_tab, SECOND)
    other_tab.get_by_text("already answered in another tab or window").first.wait_for()

    answers = list(TranscriptTurn.objects.filter(session=session, role="candidate").values_list("text", flat=True))
    assert answers == [FIRST]
    other_tab.reload()  # as the message says: the room carries on from the next question
    other_tab.get_by_text("Question 2 of 3").wait_for()
    assert page.js_errors == []
