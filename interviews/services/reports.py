"""The printable report of a score run: asked for by the candidate, printed by the task worker, stored.

`report_pdf_request` (a view, after the candidate's hourly print allowance) records the request and
queues `report_pdf_print` in the same transaction; the worker prints the report with xhtml2pdf
(bounded by PDF_MAX_HTML_BYTES) into private storage. The view serves the stored file to its owner;
until then it shows "Preparing your PDF…". A run never changes, so its report is printed once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.functional import SimpleLazyObject as lazy

from core.storage import StorageWriteFailed, storage_save
from core.work import REPORT_PDF, work_request
from interviews import insights
from interviews.models import InterviewSession, ReportPdf, ScoreRun
from interviews.pdf import PdfRenderError, PdfTooLarge, render_report_pdf

logger = logging.getLogger("saylo.pdf")

PRINT_FAILED = "The report PDF could not be printed. Try again in a moment; your results are all on the page."
STORAGE_FAILED = "The report PDF could not be saved because storage is full or unreachable. Try again in a while."


def results_context(session: InterviewSession, run: ScoreRun | None, runs: list[ScoreRun]) -> dict:
    """What the results page and the printed report show of `run`."""
    context = {"session": session, "run": run, "runs": runs}
    if run is None:
        return context
    # Lazy: the page caches what is built from one run under the run's id (runs never change), so a
    # repeat visit needs none of these.
    context.update({
        "parts": lazy(lambda: [{"name": name.replace("_", " ").capitalize(), "weight": round(weight * 100),
                                "score": round(run.parts.get(name, 0))} for name, weight in run.weights.items()]),
        "per_question": lazy(lambda: [dict(item, number=i) for i, item in enumerate(run.per_question, start=1)]),
        "questions": lazy(lambda: list(session.questions.order_by("order", "id"))),
        "delivery": lazy(lambda: insights.delivery_rows(run.metrics)),
        "matrix": lazy(lambda: insights.evidence_matrix(required=session.job_input().answerable_skills,
                                                        per_question=run.per_question)),
        "weakest": lazy(lambda: insights.weakest_questions(run.per_question)),
        "rescore_pending": bool(session.work.score_enqueued_at and session.work.score_enqueued_at > run.created_at),
    })
    return context


def report_pdf_needs_print(report: ReportPdf | None, *, now=None) -> bool:
    """True when asking now would queue a print: nothing asked yet, the last print failed, or it was
    asked for longer ago than any task may run (its worker died, or the queue lost it)."""
    if report is None or (not report.file and not report.pending):
        return True
    lost = (now or timezone.now()) - timedelta(seconds=settings.TASK_TIME_LIMIT_SECONDS)
    return not report.file and report.requested_at is not None and report.requested_at < lost


@transaction.atomic
def report_pdf_request(*, run: ScoreRun) -> ReportPdf:
    """Ask for the run's report to be printed (again, after a failure) and queue the print in this
    transaction. Asking while a print is queued or done changes nothing."""
    report, _ = ReportPdf.objects.select_for_update().get_or_create(run=run)
    if not report_pdf_needs_print(report):
        return report
    report.requested_at, report.error = timezone.now(), ""
    report.save(update_fields=["requested_at", "error"])
    work_request(REPORT_PDF, run.pk)
    return report


def report_pdf_print(*, run_id: int) -> str:
    """The task side: print the run's report and store it. Never raises for a print or storage
    failure: the reason is stored for the candidate. Returns what happened, in a word."""
    report = ReportPdf.objects.select_related("run__session__user", "run__session__work").filter(run_id=run_id).first()
    if report is None or report.file:
        return "nothing to do"
    run = report.run
    try:
        data = render_report_pdf(**results_context(run.session, run, [run]))
    except PdfTooLarge as refused:
        return _print_failed(report, refused.message)
    except PdfRenderError:
        logger.exception("report PDF of run %s failed", run_id)
        return _print_failed(report, PRINT_FAILED)
    try:
        storage_save(report.file, "report.pdf", ContentFile(data))
    except StorageWriteFailed:
        return _print_failed(report, STORAGE_FAILED)
    report.printed_at, report.error = timezone.now(), ""
    try:
        report.save(update_fields=["file", "printed_at", "error"])
    except Exception:
        report.file.delete(save=False)
        raise
    return "printed"


def _print_failed(report: ReportPdf, reason: str) -> str:
    ReportPdf.objects.filter(pk=report.pk).update(error=reason)
    return "failed"
