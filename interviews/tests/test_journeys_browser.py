"""Journeys a candidate takes, in headless Chromium."""

from io import BytesIO

import pdfplumber
import pytest

from interviews.models import InterviewSession
from resumes.tests.factories import JobFactory, ResumeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


def test_prepare_edit_and_download_cheatsheet(page, user, password):
    ResumeFactory(user=user)
    JobFactory(user=user, title="Senior Backend Engineer", company="Northwind")
    _login(page, user, password)
    page.get_by_role("link", name="Prepare my interview").first.click()
    page.get_by_label("Number of questions").fill("4")
    page.get_by_role("button", name="Prepare my interview").click()

    page.get_by_role("heading", name="Your interview is ready").wait_for(timeout=15000)
    session = InterviewSession.objects.get(user=user)
    assert session.questions.count() == 4

    # Add a question of their own through HTMX, and see it in the list without a reload.
    page.get_by_text("Add your own question").click()
    page.locator(".add-question").get_by_label("Question").fill("Why do you want to work in healthcare?")
    page.get_by_role("button", name="Add question").click()
    page.get_by_role("heading", name="Why do you want to work in healthcare?").wait_for()
    assert session.questions.count() == 5

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    with pdfplumber.open(BytesIO(open(download_info.value.path(), "rb").read())) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "Interview cheatsheet" in text and "Senior Backend Engineer" in text
    assert page.js_errors == []


def test_finish_read_results_and_see_history_chart(page, user, password):
    from interviews.tests.factories import ready_session

    session = ready_session(user, questions=2)
    _login(page, user, password)
    page.goto(f"/interviews/{session.pk}/room/")
    page.locator("#mute").check()
    page.locator("#begin-button").click()
    for number, answer in enumerate(["At Northwind our billing pipeline failed every week. I rebuilt it in Python, added retries and alerts, and cut failed payments by 35% within a quarter while leading four engineers.",
                   "At Globex bookings were slow at peak. I designed the PostgreSQL schema for bookings, measured the slow queries with EXPLAIN and brought p95 from 800 ms to 90 ms in two sprints."], start=1):
        # Type only once the room shows this question and takes answers: typing while it still waits for
        # the server's follow-up decision is wiped when the next question (and its empty draft) appears.
        page.wait_for_function("(n) => document.getElementById('room').dataset.state === 'answering' && "
                               "document.getElementById('progress-text').textContent.includes(`Question ${n} of`)",
                               arg=number)
        page.locator("#answer").fill(answer)
        page.locator("#next-button").click()
    page.wait_for_url(f"**/interviews/{session.pk}/results/", timeout=15000)
    page.get_by_text("What the score is made of").wait_for(timeout=15000)
    assert page.get_by_role("heading", name="Question by question").is_visible()
    assert page.get_by_role("heading", name="The job’s requirements against your answers").is_visible()

    page.get_by_role("link", name="History").first.click()
    page.get_by_role("heading", name="Scores over time").wait_for()
    assert page.locator("svg.chart circle.dot").count() == 1
    assert page.js_errors == []
