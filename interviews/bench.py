"""Benchmarks for interview pages and PDFs (run by `make bench`).

Runs against a throwaway test database so it never touches real data.
"""

from contextlib import contextmanager

from saylo.bench import Row, median_seconds


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
        session = SessionFactory(status=InterviewSession.Status.PREPARING)
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
    return rows
