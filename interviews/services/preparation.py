"""The preparation steps a background task runs: questions → cheatsheet → PDF.

Each step checks whether its result already exists, so running the task twice changes nothing,
and a retry after a failure resumes at the failed step. A step writes its rows in one
transaction: a failure leaves no half-written plan.
"""

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.storage import StorageWriteFailed, storage_save
from core.work import CHEATSHEET_PDF, work_request
from interviews.coach import get_coach
from interviews.coach.schemas import CheatsheetContent
from interviews.lifecycle import Status, session_transition_if
from interviews.models import Cheatsheet, InterviewSession, InterviewWork, Question
from interviews.pdf import PdfRenderError, PdfTooLarge, render_cheatsheet_pdf
from interviews.workers import worker_id
from resumes.matching import match_report
from resumes.models import Resume
from resumes.services import resume_read

logger = logging.getLogger("saylo.interviews")

STEPS = [InterviewSession.Step.QUESTIONS, InterviewSession.Step.CHEATSHEET, InterviewSession.Step.PDF]
PREPARABLE = {InterviewSession.Status.PREPARING}


class StepFailed(Exception):
    def __init__(self, step: str, reason: str):
        super().__init__(reason)
        self.step, self.reason = step, reason


@dataclass(frozen=True)
class StepState:
    step: str
    label: str
    state: str  # "done" | "running" | "waiting" | "failed"


def preparation_steps(session: InterviewSession, *, has_questions: bool, cheatsheet: Cheatsheet | None) -> list[StepState]:
    """What the progress list shows, derived from what exists — never stored separately."""
    done = {
        InterviewSession.Step.QUESTIONS: has_questions,
        InterviewSession.Step.CHEATSHEET: cheatsheet is not None,
        InterviewSession.Step.PDF: bool(cheatsheet and cheatsheet.pdf),
    }
    labels = {
        InterviewSession.Step.QUESTIONS: "Planning your questions",
        InterviewSession.Step.CHEATSHEET: "Writing your cheatsheet",
        InterviewSession.Step.PDF: "Printing the cheatsheet PDF",
    }
    states, current_found = [], False
    for step in STEPS:
        if done[step]:
            state = "done"
        elif session.status == InterviewSession.Status.FAILED and session.failed_step == step:
            state = "failed"
        elif session.status == InterviewSession.Status.PREPARING and not current_found:
            state = "running"
        else:
            state = "waiting"
        if state in {"running", "failed"}:
            current_found = True
        states.append(StepState(step=step, label=labels[step], state=state))
    return states


def interview_prepare(*, session_id: int) -> InterviewSession:
    """Run whatever preparation steps are still missing, then mark the session ready.

    Never raises for a coach or PDF failure: the session is marked failed with the step and a
    reason a person can read, and can be retried."""
    session = InterviewSession.objects.get(pk=session_id)
    if session.status not in PREPARABLE:
        logger.info("session %s is %s, nothing to prepare", session_id, session.status)
        return session
    # Which worker process runs this, from when: what tells running work from work whose worker died.
    InterviewWork.objects.filter(session_id=session_id, session__status=InterviewSession.Status.PREPARING).update(
        prepare_started_at=timezone.now(), worker=worker_id())
    try:
        _resume_step(session)
        _questions_step(session)
        _cheatsheet_step(session)
        _pdf_step(session)
    except StepFailed as failure:
        logger.warning("preparing session %s failed at %s: %s", session_id, failure.step, failure.reason)
        session_transition_if(InterviewSession, session_id, source=[Status.PREPARING], target=Status.FAILED,
                              failed_step=failure.step, failure_reason=failure.reason)
        session.refresh_from_db()
        return session
    session_transition_if(InterviewSession, session_id, source=[Status.PREPARING], target=Status.READY,
                          prepared_at=timezone.now())
    session.refresh_from_db()
    return session


RESUME_GONE = "The resume of this interview was deleted before it was read. Set up the interview again with another resume."


def _resume_step(session: InterviewSession) -> None:
    """A session set up with a resume uploaded or pasted on the setup form starts before that resume is
    read: read it here (in the worker), then take the snapshots the coach works from. A resume that
    cannot be read fails the session with the reader's sentence."""
    if session.resume_snapshot:
        return
    resume = Resume.objects.filter(pk=session.resume_id).first()
    if resume is not None and resume.is_reading:
        resume = resume_read(resume_id=resume.pk) or Resume.objects.filter(pk=resume.pk).first()
    if resume is None:
        raise StepFailed(InterviewSession.Step.QUESTIONS, RESUME_GONE)
    if not resume.is_usable:
        raise StepFailed(InterviewSession.Step.QUESTIONS, resume.parse_error or RESUME_GONE)
    parsed = resume.as_parsed()
    snapshots = {"resume_snapshot": parsed.model_dump(mode="json"),
                 "match_snapshot": match_report(resume=parsed, job=session.job_input().requirements).model_dump(mode="json")}
    InterviewSession.objects.filter(pk=session.pk).update(**snapshots)
    for name, value in snapshots.items():
        setattr(session, name, value)


def _questions_step(session: InterviewSession) -> None:
    if session.questions.exists():
        return
    try:
        plan = get_coach().plan_questions(resume=session.resume_input(), job=session.job_input(),
                                          match=session.match_input(), options=session.plan_options())
    except Exception as exc:
        logger.exception("question planning failed for session %s", session.pk)
        raise StepFailed(InterviewSession.Step.QUESTIONS,
                         "The coach could not plan your questions this time. Retry — if it keeps failing, "
                         "try fewer questions or another job posting.") from exc
    if not plan.questions:
        raise StepFailed(InterviewSession.Step.QUESTIONS, "The coach returned no questions. Retry to plan them again.")
    with transaction.atomic():
        locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
        if locked.questions.exists():  # another worker finished this step meanwhile
            return
        Question.objects.bulk_create([
            Question(session=locked, order=index, kind=q.kind, competency=q.competency[:120], text=q.text,
                     rationale=q.rationale, strong_answer_points=q.strong_answer_points, skill=q.skill[:120])
            for index, q in enumerate(plan.questions)
        ])
        InterviewSession.objects.filter(pk=session.pk).update(engine=plan.engine, engine_note=plan.fallback_reason)


def _cheatsheet_step(session: InterviewSession) -> None:
    if Cheatsheet.objects.filter(session=session).exists():
        return
    questions = [q.as_planned() for q in session.questions.all()]
    try:
        content = get_coach().write_cheatsheet(resume=session.resume_input(), job=session.job_input(),
                                               match=session.match_input(), questions=questions)
    except Exception as exc:
        logger.exception("cheatsheet failed for session %s", session.pk)
        raise StepFailed(InterviewSession.Step.CHEATSHEET,
                         "The coach could not write your cheatsheet this time. Your questions are kept — retry "
                         "to write the cheatsheet.") from exc
    with transaction.atomic():
        Cheatsheet.objects.get_or_create(session=session, defaults={
            "content": content.model_dump(mode="json"), "engine": content.engine, "engine_note": content.fallback_reason,
        })


def _pdf_step(session: InterviewSession) -> None:
    cheatsheet = Cheatsheet.objects.select_related("session__user").get(session=session)
    if cheatsheet.pdf:
        return
    cheatsheet_pdf_render(cheatsheet=cheatsheet)


def cheatsheet_pdf_render(*, cheatsheet: Cheatsheet) -> Cheatsheet:
    """(Re)render the cheatsheet PDF from the current questions and content, replacing any old file.

    Raises StepFailed when the PDF cannot be produced."""
    session = cheatsheet.session
    try:
        pdf_bytes = render_cheatsheet_pdf(
            session=session, content=CheatsheetContent.model_validate(cheatsheet.content),
            questions=list(session.questions.all()),
        )
    except PdfTooLarge as exc:
        raise StepFailed(InterviewSession.Step.PDF, exc.message) from exc
    except PdfRenderError as exc:
        raise StepFailed(InterviewSession.Step.PDF, "The cheatsheet PDF could not be printed. Retry to print it again.") from exc
    old_name = cheatsheet.pdf.name if cheatsheet.pdf else ""
    storage = cheatsheet.pdf.storage
    try:
        storage_save(cheatsheet.pdf, "cheatsheet.pdf", ContentFile(pdf_bytes))
    except StorageWriteFailed as exc:
        raise StepFailed(InterviewSession.Step.PDF, "The cheatsheet PDF could not be saved because storage is full or "
                         "unreachable. Your questions and cheatsheet are kept — retry in a while.") from exc
    cheatsheet.pdf_generated_at = timezone.now()
    try:
        cheatsheet.save(update_fields=["pdf", "pdf_generated_at", "updated_at"])
    except Exception:
        cheatsheet.pdf.delete(save=False)
        raise
    if old_name:
        transaction.on_commit(lambda: storage.delete(old_name))
    return cheatsheet


def cheatsheet_discard(*, session: InterviewSession) -> None:
    """Delete the session's cheatsheet and its PDF file (after commit)."""
    cheatsheet = Cheatsheet.objects.filter(session=session).first()
    if cheatsheet is None:
        return
    name, storage = cheatsheet.pdf.name, cheatsheet.pdf.storage
    cheatsheet.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def pdf_regenerate_request(*, session: InterviewSession) -> Cheatsheet:
    """Ask for a fresh PDF (after the candidate edited questions). The old PDF stays downloadable
    until the new one is ready. Raises Cheatsheet.DoesNotExist before the cheatsheet is written."""
    cheatsheet = Cheatsheet.objects.select_for_update().get(session=session)
    cheatsheet.pdf_requested_at, cheatsheet.pdf_error = timezone.now(), ""
    cheatsheet.save(update_fields=["pdf_requested_at", "pdf_error", "updated_at"])
    work_request(CHEATSHEET_PDF, session.pk)
    return cheatsheet


def pdf_regenerate_run(*, session_id: int) -> str:
    """The task side of `pdf_regenerate_request`; does nothing if no re-print is pending."""
    cheatsheet = Cheatsheet.objects.select_related("session__user").filter(session_id=session_id).first()
    if cheatsheet is None or not cheatsheet.pdf_pending:
        return "nothing to do"
    try:
        cheatsheet_pdf_render(cheatsheet=cheatsheet)
    except StepFailed as failure:
        Cheatsheet.objects.filter(pk=cheatsheet.pk).update(pdf_error=failure.reason)
        return "failed"
    return "rendered"
