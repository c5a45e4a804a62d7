"""Benchmarks for interview pages and PDFs (run by `make bench`).

Runs against a throwaway test database so it never touches real data.
"""

import time
from contextlib import contextmanager

from benchmarks.harness import Row, median_seconds


@contextmanager
def _scratch_database():
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def run() -> list[Row]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from interviews.coach.schemas import CheatsheetContent
    from interviews.models import InterviewSession
    from interviews.pdf import render_cheatsheet_pdf
    from interviews.services.preparation import interview_prepare
    from interviews.tests.factories import ScoreRunFactory, SessionFactory, ready_session

    rows = []
    with _scratch_database():
        session = SessionFactory(status=InterviewSession.Status.PREPARING, options={"count": 8})
        interview_prepare(session_id=session.pk)
        content = CheatsheetContent.model_validate(session.cheatsheet.content)
        questions = list(session.questions.all())
        seconds = median_seconds(lambda: render_cheatsheet_pdf(session=session, content=content, questions=questions), repeat=5)
        rows.append(Row("pdf", "cheatsheet PDF render", seconds * 1000, "ms", f"{len(questions)} questions, xhtml2pdf"))

        user = session.user
        client = Client()
        client.force_login(user)
        for count in (1, 50):
            while InterviewSession.objects.filter(user=user, status=InterviewSession.Status.SCORED).count() < count:
                scored = ready_session(user, questions=3, status=InterviewSession.Status.SCORED)
                ScoreRunFactory(session=scored, per_question=[{"question": q.text, "score": 60, "competency": q.competency}
                                                              for q in scored.questions.all()])
            url = reverse("interviews:history")
            queries: list[str] = []

            def counting(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(counting):
                client.get(url)
            seconds = median_seconds(lambda url=url: client.get(url), repeat=5)
            rows.append(Row("pages", f"history page, {count} scored sessions", seconds * 1000, "ms", f"{len(queries)} queries"))
        rows.extend(_room_first_question(client, ready_session(user, questions=8)))
    return rows


def _room_first_question(client, session) -> list[Row]:
    """Open the practice room in headless Chromium and time it until the first question is on screen."""
    import os
    import statistics
    from pathlib import Path

    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread

    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return [Row("room", "first question visible", 0, "ms", f"skipped: {chromium} missing")]
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS

    # The scratch database lives in this thread's in-memory SQLite connection; share it the way
    # Django's LiveServerTestCase does.
    connection = connections["default"]
    connection.inc_thread_sharing()
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override={"default": connection})
    server.daemon = True
    server.start()
    server.is_ready.wait()
    try:
        cookie = client.cookies["sessionid"].value
        base = f"http://127.0.0.1:{server.port}"
        wall, marks = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for attempt in range(6):
                context = browser.new_context()
                context.add_cookies([{"name": "sessionid", "value": cookie, "url": base}])
                page = context.new_page()
                start = time.perf_counter()
                page.goto(f"{base}/interviews/{session.pk}/room/", wait_until="commit")
                page.wait_for_function("() => document.getElementById('room')?.dataset.firstQuestionMs")
                if attempt:  # the first load warms the server's template and static caches
                    wall.append((time.perf_counter() - start) * 1000)
                    marks.append(page.evaluate("() => performance.getEntriesByName('saylo:first-question')[0].startTime"))
                context.close()
            browser.close()
    finally:
        server.terminate()
        connection.dec_thread_sharing()
    return [
        Row("room", "open room → first question visible", statistics.median(wall), "ms", "wall clock, headless Chromium"),
        Row("room", "navigation start → room ready (in page)", statistics.median(marks), "ms", "performance.mark in room.js"),
    ]
