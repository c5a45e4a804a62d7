"""The candidate's edits to a prepared plan: edit, delete, add, reorder — before the interview starts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from interviews.models import InterviewSession, Question

MAX_QUESTIONS = 20


def _editable(session: InterviewSession) -> InterviewSession:
    locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
    if not locked.questions_editable:
        raise ValidationError("Questions can only be changed before the interview starts.")
    return locked


def _touch(session: InterviewSession) -> None:
    InterviewSession.objects.filter(pk=session.pk).update(questions_edited_at=timezone.now())


@transaction.atomic
def question_update(*, question: Question, text: str, kind: str, competency: str) -> Question:
    """Change a question's wording, kind or competency. Raises ValidationError after the start."""
    _editable(question.session)
    question.text, question.kind, question.competency = text, kind, competency.strip()
    question.full_clean()
    question.save()
    _touch(question.session)
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Remove a question (never the last one) and close the gap in the order."""
    session = _editable(question.session)
    if session.questions.count() <= 1:
        raise ValidationError("An interview needs at least one question. Add another before deleting this one.")
    question.delete()
    for index, remaining in enumerate(session.questions.order_by("order", "id")):
        if remaining.order != index:
            Question.objects.filter(pk=remaining.pk).update(order=index)
    _touch(session)


@transaction.atomic
def question_add(*, session: InterviewSession, text: str, kind: str, competency: str = "") -> Question:
    """Append the candidate's own question to the plan."""
    session = _editable(session)
    if session.questions.count() >= MAX_QUESTIONS:
        raise ValidationError(f"An interview can have at most {MAX_QUESTIONS} questions.")
    next_order = (session.questions.aggregate(top=Max("order"))["top"] or 0) + 1
    question = Question(session=session, order=next_order, text=text, kind=kind, competency=competency.strip(),
                        source=Question.Source.CANDIDATE,
                        rationale="You added this question yourself.")
    question.full_clean()
    question.save()
    _touch(session)
    return question


@transaction.atomic
def question_move(*, question: Question, direction: str) -> None:
    """Swap a question with its neighbour ("up" or "down"); at either end nothing changes."""
    session = _editable(question.session)
    ordered = list(session.questions.order_by("order", "id"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in {"up", "down"} or not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered):
        if item.order != position:
            Question.objects.filter(pk=item.pk).update(order=position)
    _touch(session)
