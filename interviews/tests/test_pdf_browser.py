"""The report PDF in headless Chromium, with a real queue: asked for, "Preparing your PDF…", printed by
the worker, downloaded by itself."""

from io import BytesIO

import pdfplumber
import pytest
from django.core.management import call_command
from django.utils import timezone

from interviews.models import InterviewSession
from interviews.tests.factories import ScoreRunFactory, ready_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_pdf_waits_for_the_worker_then_downloads(page, user, password, settings):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    session = ready_session(user, questions=2, status=InterviewSession.Status.SCORED, ended_at=timezone.now())
    ScoreRunFactory(session=session, score=64)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")

    page.goto(f"/interviews/{session.pk}/results/")
    page.get_by_role("link", name="Download report (PDF)").click()
    page.get_by_role("heading", name="Preparing your PDF…").wait_for()
    assert page.get_by_role("link", name="Check again").count() == 1
    with page.expect_download(timeout=15_000) as download:
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1", verbosity=0)
    with pdfplumber.open(BytesIO(open(download.value.path(), "rb").read())) as printed:
        assert "64/100" in "\n".join(p.extract_text() or "" for p in printed.pages)
    assert page.js_errors == []
