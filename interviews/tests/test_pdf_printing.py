"""Report and cheatsheet PDFs are printed by the task worker and stored, never in a request: the PDF
URL asks for a print, says "Preparing your PDF…" (polling), then serves the stored file to its owner.
What goes into a PDF is bounded (PDF_MAX_HTML_BYTES), and so are the prints an hour (PDF_PRINTS_PER_HOUR)."""

from io import BytesIO

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone

from interviews import pdf as pdf_printing
from interviews.models import InterviewSession, ReportPdf
from interviews.tests.factories import CheatsheetFactory, ScoreRunFactory, ready_session

pytestmark = pytest.mark.django_db


def _scored(user) -> InterviewSession:
    session = ready_session(user, questions=2, status=InterviewSession.Status.SCORED, ended_at=timezone.now())
    ScoreRunFactory(session=session, score=64)
    return session


def _stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def _no_printing_here(*args, **kwargs):
    raise AssertionError("a PDF was printed during the request")


def test_report_pdf_is_printed_by_the_worker_then_served_from_storage(client_user, user, monkeypatch, _private_storage,
                                                                       django_capture_on_commit_callbacks):
    session = _scored(user)
    url = reverse("interviews:report_pdf", args=[session.pk])
    with monkeypatch.context() as patched, django_capture_on_commit_callbacks() as queued:
        patched.setattr(pdf_printing, "html_to_pdf", _no_printing_here)
        waiting = client_user.get(url)
    body = waiting.content.decode()
    assert waiting.status_code == 200 and waiting["Content-Type"].startswith("text/html")
    assert "Preparing your PDF…" in body and 'hx-trigger="every 1s"' in body and "Check again" in body
    assert "Content-Security-Policy" in waiting  # only the PDF itself goes without the policy
    assert len(queued) == 1 and ReportPdf.objects.get().pending and _stored_files(_private_storage) == []

    queued[0]()  # the task worker
    report = ReportPdf.objects.get()
    assert report.file and report.printed_at and _stored_files(_private_storage) != []
    served = client_user.get(url)
    assert served["Content-Type"] == "application/pdf"
    with pdfplumber.open(BytesIO(b"".join(served.streaming_content))) as printed:
        assert "64/100" in "\n".join(page.extract_text() or "" for page in printed.pages)


def test_the_waiting_page_polls_until_the_report_is_stored(client_user, user, htmx_headers,
                                                           django_capture_on_commit_callbacks):
    session = _scored(user)
    url = reverse("interviews:report_pdf", args=[session.pk])
    with django_capture_on_commit_callbacks() as queued:
        client_user.get(url)
    poll = client_user.get(url, {"poll": "1"}, **htmx_headers)
    assert 'id="pdf-status"' in poll.content.decode() and "<html" not in poll.content.decode()
    queued[0]()
    done = client_user.get(url, {"poll": "1"}, **htmx_headers)
    assert done.headers["HX-Redirect"] == url


def test_visiting_again_while_it_prints_asks_for_no_second_print(client_user, user, settings,
                                                                  django_capture_on_commit_callbacks):
    settings.PDF_PRINTS_PER_HOUR = 1
    session = _scored(user)
    url = reverse("interviews:report_pdf", args=[session.pk])
    with django_capture_on_commit_callbacks() as queued:
        for _ in range(3):
            assert client_user.get(url).status_code == 200
    assert len(queued) == 1


def test_a_report_over_the_size_limit_is_refused_with_a_reason_and_nothing_stored(client_user, user, settings, run_work,
                                                                                  _private_storage):
    settings.PDF_MAX_HTML_BYTES = 2_000
    session = _scored(user)
    url = reverse("interviews:report_pdf", args=[session.pk])
    with run_work():
        client_user.get(url)
    body = client_user.get(url).content.decode()
    assert "This is too long to print as a PDF" in body and "the limit is 2 KB" in body
    assert "Preparing your PDF…" not in body and not ReportPdf.objects.get().file
    assert _stored_files(_private_storage) == []

    settings.PDF_MAX_HTML_BYTES = 1_000_000
    with run_work():
        assert client_user.post(url).status_code == 302  # "Try again"
    assert ReportPdf.objects.get().file and client_user.get(url)["Content-Type"] == "application/pdf"


def test_prints_an_hour_are_limited(client_user, user, settings, django_capture_on_commit_callbacks):
    settings.PDF_PRINTS_PER_HOUR = 1
    first, second = _scored(user), _scored(user)
    with django_capture_on_commit_callbacks() as queued:
        client_user.get(reverse("interviews:report_pdf", args=[first.pk]))
        refused = client_user.get(reverse("interviews:report_pdf", args=[second.pk]))
    assert refused.status_code == 429
    assert "You can ask for a PDF to be printed 1 times an hour" in refused.content.decode()
    assert len(queued) == 1 and ReportPdf.objects.filter(run__session=second).count() == 0


def test_another_users_report_and_cheatsheet_are_404(client, user, other_user):
    session = _scored(other_user)
    CheatsheetFactory(session=session)
    client.force_login(user)
    for name in ("report_pdf", "cheatsheet_pdf"):
        assert client.get(reverse(f"interviews:{name}", args=[session.pk])).status_code == 404
        assert client.post(reverse(f"interviews:{name}", args=[session.pk])).status_code == 404
    assert not ReportPdf.objects.exists()


def test_cheatsheet_without_a_stored_pdf_is_printed_by_the_worker(client_user, user, monkeypatch,
                                                                  django_capture_on_commit_callbacks):
    session = ready_session(user, questions=2, status=InterviewSession.Status.READY)
    cheatsheet = CheatsheetFactory(session=session)
    url = reverse("interviews:cheatsheet_pdf", args=[session.pk])
    with monkeypatch.context() as patched, django_capture_on_commit_callbacks() as queued:
        patched.setattr(pdf_printing, "html_to_pdf", _no_printing_here)
        waiting = client_user.get(url)
    assert waiting.status_code == 200 and "Preparing your PDF…" in waiting.content.decode() and len(queued) == 1
    queued[0]()
    cheatsheet.refresh_from_db()
    assert cheatsheet.pdf and client_user.get(url)["Content-Type"] == "application/pdf"


def test_cheatsheet_of_edited_questions_is_printed_again_before_it_is_served(client_user, user, run_work):
    session = ready_session(user, questions=2, status=InterviewSession.Status.READY)
    cheatsheet = CheatsheetFactory(session=session)
    url = reverse("interviews:cheatsheet_pdf", args=[session.pk])
    with run_work():
        client_user.get(url)
    cheatsheet.refresh_from_db()
    old = cheatsheet.pdf.name
    InterviewSession.objects.filter(pk=session.pk).update(questions_edited_at=timezone.now())
    with run_work():
        assert "Preparing your PDF…" in client_user.get(url).content.decode()
    cheatsheet.refresh_from_db()
    assert cheatsheet.pdf.name != old and client_user.get(url)["Content-Type"] == "application/pdf"


def test_a_print_whose_worker_died_is_asked_for_again(client_user, user, settings, django_capture_on_commit_callbacks):
    from datetime import timedelta

    session = _scored(user)
    url = reverse("interviews:report_pdf", args=[session.pk])
    with django_capture_on_commit_callbacks():  # queued, and its worker dies
        client_user.get(url)
    ReportPdf.objects.update(requested_at=timezone.now() - timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS + 60))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        client_user.get(url)
    assert len(queued) == 1 and ReportPdf.objects.get().file


def test_a_cheatsheet_print_whose_worker_died_is_asked_for_again(client_user, user, settings,
                                                                 django_capture_on_commit_callbacks):
    from datetime import timedelta

    session = ready_session(user, questions=2, status=InterviewSession.Status.READY)
    cheatsheet = CheatsheetFactory(session=session)
    url = reverse("interviews:cheatsheet_pdf", args=[session.pk])
    with django_capture_on_commit_callbacks():  # queued, and its worker dies
        client_user.get(url)
    type(cheatsheet).objects.filter(pk=cheatsheet.pk).update(
        pdf_requested_at=timezone.now() - timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS + 60))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        client_user.get(url)
    cheatsheet.refresh_from_db()
    assert len(queued) == 1 and cheatsheet.pdf and client_user.get(url)["Content-Type"] == "application/pdf"
