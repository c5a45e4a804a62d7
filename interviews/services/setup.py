"""Creating interview sessions and (re)starting their preparation."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.work import PREPARE, work_request
from interviews.coach.schemas import JobInput, PlanOptions
from interviews.lifecycle import Status, session_transition
from interviews.models import InterviewSession, InterviewWork
from resumes.models import JobDescription, Resume
from resumes.services import match_report_for

logger = logging.getLogger("saylo.interviews")


def _enqueue_preparation(session: InterviewSession) -> None:
    work_request(PREPARE, session.pk)


@transaction.atomic
def interview_create(
    *,
    user,
    resume: Resume,
    job: JobDescription,
    options: PlanOptions,
    answer_seconds: int,
    mode: str = InterviewSession.Mode.PRACTICE,
    request_key: str = "",
    parent: InterviewSession | None = None,
) -> tuple[InterviewSession, bool]:
    """Create a session and enqueue its preparation once the transaction commits.

    The resume and job must belong to `user` and the resume must have been read or be being read
    (uploaded on the setup form: preparation reads it first, in the worker); otherwise
    ValidationError, and nothing is created or enqueued. The same `request_key` twice (a double
    click on "Prepare") returns the first session with `created=False`.
    """
    if resume.user_id != user.pk or job.user_id != user.pk:
        raise ValidationError("That resume or job is not yours.")
    if not resume.is_usable and not resume.is_reading:
        raise ValidationError("That resume could not be read. Re-upload it or paste its text, then try again.")
    if request_key:
        existing = InterviewSession.objects.filter(user=user, request_key=request_key).first()
        if existing:
            return existing, False

    # A resume still being read is snapshotted by preparation once it is read (interviews/services/preparation.py).
    match = match_report_for(resume=resume, job=job) if resume.is_usable else None
    job_input = JobInput(title=job.title, company=job.company, text=job.text, requirements=job.as_requirements())
    options = options.model_copy(update={
        "candidate_name": options.candidate_name or user.get_full_name(),
        "target_role": options.target_role or user.target_role,
    })
    session = InterviewSession(
        user=user, resume=resume, job=job, title=str(job)[:200], mode=mode,
        status=InterviewSession.Status.PREPARING, options=options.model_dump(mode="json"), answer_seconds=answer_seconds,
        resume_snapshot=resume.as_parsed().model_dump(mode="json") if match else {},
        job_snapshot=job_input.model_dump(mode="json"), match_snapshot=match.model_dump(mode="json") if match else {},
        request_key=request_key, parent=parent,
    )
    session.full_clean(exclude=["resume", "job", "parent"])
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:
        # Lost a race with an identical submit: that one wins.
        return InterviewSession.objects.get(user=user, request_key=request_key), False
    InterviewWork.note(session.pk, prepare_enqueued_at=timezone.now())
    _enqueue_preparation(session)
    return session, True


@transaction.atomic
def interview_retry_preparation(*, session: InterviewSession) -> InterviewSession:
    """Restart preparation from the step that failed (finished steps are kept).

    Raises ValidationError when the session is not failed or stuck in preparation."""
    session = InterviewSession.objects.select_for_update().get(pk=session.pk)
    if session.status not in {InterviewSession.Status.FAILED, InterviewSession.Status.PREPARING}:
        raise ValidationError("This interview is already prepared.")
    if session.failed_step == InterviewSession.Step.SCORE:
        raise ValidationError("Scoring failed, not preparation: use “Score again” on the results page.")
    session_transition(session, Status.PREPARING, failed_step="", failure_reason="")
    InterviewWork.note(session.pk, prepare_enqueued_at=timezone.now(), prepare_started_at=None)
    _enqueue_preparation(session)
    return session


@transaction.atomic
def interview_reprepare(*, session: InterviewSession) -> InterviewSession:
    """Throw away the plan and cheatsheet of a session that has not started, and prepare it again
    (staff action, e.g. after a coach upgrade). Raises ValidationError once the interview has begun."""
    session = InterviewSession.objects.select_for_update().get(pk=session.pk)
    if session.turns.exists() or session.status in {InterviewSession.Status.LIVE, InterviewSession.Status.FINISHED,
                                                    InterviewSession.Status.SCORING, InterviewSession.Status.SCORED}:
        raise ValidationError("This interview has already started; its questions are part of its transcript.")
    from interviews.services.preparation import cheatsheet_discard

    session.questions.all().delete()
    cheatsheet_discard(session=session)
    session_transition(session, Status.PREPARING, failed_step="", failure_reason="", engine="", engine_note="",
                       prepared_at=None)
    InterviewWork.note(session.pk, prepare_enqueued_at=timezone.now(), prepare_started_at=None)
    _enqueue_preparation(session)
    return session


RETAKE_THRESHOLD = 70
RETAKE_MAX = 5


@transaction.atomic
def interview_retake(*, session: InterviewSession) -> InterviewSession:
    """A new session that asks again the questions this one scored weakest on (below 70, at
    least the three lowest, at most five), built from the same resume and job snapshots.

    Raises ValidationError when the session has no score yet."""
    from interviews.models import Question

    run = session.score_runs.order_by("-created_at", "-id").first()
    if run is None:
        raise ValidationError("Score this interview first — the new round is built from its weakest answers.")
    questions = list(session.questions.order_by("order", "id"))
    by_text = {q.text: q for q in questions}
    scored = []
    for index, item in enumerate(run.per_question):
        question = by_text.get(item.get("question", "")) or (questions[index] if index < len(questions) else None)
        if question is not None:
            scored.append((int(item.get("score", 0)), question.order, question))
    scored.sort(key=lambda row: (row[0], row[1]))
    chosen = [row for row in scored if row[0] < RETAKE_THRESHOLD][:RETAKE_MAX]
    if len(chosen) < 3:
        chosen = scored[:3]
    if not chosen:
        raise ValidationError("This interview has no questions to practise again.")
    retake = InterviewSession.objects.create(
        user=session.user, resume=session.resume, job=session.job, title=session.title, mode=InterviewSession.Mode.PRACTICE,
        status=InterviewSession.Status.PREPARING, options=session.options, answer_seconds=session.answer_seconds,
        resume_snapshot=session.resume_snapshot, job_snapshot=session.job_snapshot, match_snapshot=session.match_snapshot,
        engine=session.engine, parent=session,
    )
    InterviewWork.note(retake.pk, prepare_enqueued_at=timezone.now())
    Question.objects.bulk_create([
        Question(session=retake, order=order, kind=q.kind, competency=q.competency, text=q.text, skill=q.skill,
                 rationale=f"You scored {score}/100 on this last time — practise it again.",
                 strong_answer_points=q.strong_answer_points, source=q.source)
        for order, (score, _, q) in enumerate(chosen)
    ])
    _enqueue_preparation(retake)
    return retake
