"""The interview's lifecycle: its states, the transitions between them, and the one way to change state.

    preparing ──► ready ──► live ──► finished ──► scoring ──► scored
        │  ▲        │ ▲                 │            │          │ ▲
        ▼  │        │ └─ (prepared      ▼            ▼          └─┘ scored again
       failed ◄─────┘     again)      failed ◄──── failed          (a re-score adds a run)

`TRANSITIONS` lists every legal change with what it means. Every status change goes through
`session_transition` (on a row the caller has locked) or `session_transition_if` (a conditional
update for work that may race: only when the row is still in one of the expected states). Anything
else is refused: `InterviewSession.save()` checks the table too, so admin edits and stray code cannot
make an illegal jump, and a test proves no module outside this one writes `status` directly.

Who may end an interview: the candidate (End), the agent (after its last commit), the time limit.
Tavus's callbacks report what happened to the avatar; they do not end interviews on their own.

This module imports no model: it works on the instance it is given, so models can use its table.
"""

from collections.abc import Iterable

from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PREPARING = "preparing", "Preparing"
    READY = "ready", "Ready"
    LIVE = "live", "In progress"
    FINISHED = "finished", "Finished"
    SCORING = "scoring", "Scoring"
    SCORED = "scored", "Scored"
    FAILED = "failed", "Needs attention"


class Step(models.TextChoices):
    """Where preparation or scoring failed, so a retry carries on from there."""

    QUESTIONS = "questions", "Questions"
    CHEATSHEET = "cheatsheet", "Cheatsheet"
    PDF = "pdf", "PDF"
    SCORE = "score", "Score"


TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.PREPARING): "preparation asked for",
    (Status.PREPARING, Status.PREPARING): "preparation restarted (stuck or retried)",
    (Status.PREPARING, Status.READY): "prepared: questions, cheatsheet and PDF written",
    (Status.PREPARING, Status.FAILED): "preparation failed at a step; Retry carries on from there",
    (Status.FAILED, Status.PREPARING): "preparation retried",
    (Status.READY, Status.PREPARING): "prepared again (staff, before the interview began)",
    (Status.READY, Status.LIVE): "the first answer, or the room opened",
    (Status.READY, Status.FINISHED): "ended before any answer",
    (Status.LIVE, Status.FINISHED): "ended by the candidate, the agent or the time limit; scoring queued",
    (Status.FINISHED, Status.SCORING): "the coach is scoring",
    (Status.FINISHED, Status.FAILED): "scoring stopped before it began (its worker died)",
    (Status.SCORING, Status.SCORED): "scored: a score run was written",
    (Status.SCORING, Status.FAILED): "scoring failed; the answers are kept and Score again is offered",
    (Status.FAILED, Status.SCORING): "scoring retried",
    (Status.FAILED, Status.SCORED): "a failed re-score: the earlier score is shown again",
    (Status.SCORED, Status.SCORED): "scored again: another run added, or a failed re-score noted",
}

# Where the interview can still take answers, and where it has ended.
TAKING_ANSWERS = frozenset({Status.READY, Status.LIVE})
ENDED = frozenset({Status.FINISHED, Status.SCORING, Status.SCORED})


class IllegalTransition(Exception):
    """A change of status the lifecycle does not allow (a programming error, or a stale row)."""

    def __init__(self, source: str, target: str):
        source, target = str(source), str(target)
        super().__init__(f"An interview cannot go from {source!r} to {target!r}.")
        self.source, self.target = source, target


def is_legal(source: str, target: str) -> bool:
    return (source, target) in TRANSITIONS


def check_transition(source: str, target: str) -> None:
    """Raise IllegalTransition unless `source` → `target` is in the table; saving a row without
    changing its status is no transition at all."""
    if source != target and not is_legal(source, target):
        raise IllegalTransition(source, target)


def session_transition(session, target: str, **fields):
    """Move a session the caller has locked (select_for_update, in a transaction) to `target`,
    writing `fields` with it. Raises IllegalTransition; returns the session."""
    if not is_legal(session.status, target):
        raise IllegalTransition(session.status, target)
    session.status = target
    for name, value in fields.items():
        setattr(session, name, value)
    session.save(update_fields=["status", "updated_at", *fields])
    return session


def session_transition_if(model, session_id: int, *, source: Iterable[str], target: str, **fields) -> bool:
    """Move the session to `target` only while it is in one of `source` (one conditional UPDATE: work
    that may race — a task and a candidate, two tasks — changes a row only from the state it expects).
    Every `source` → `target` must be legal (IllegalTransition otherwise, before anything is written).
    Returns whether the row changed."""
    source = [str(state) for state in source]
    for state in source:
        if not is_legal(state, target):
            raise IllegalTransition(state, target)
    return bool(model.objects.filter(pk=session_id, status__in=source).update(
        status=target, updated_at=timezone.now(), **fields))
