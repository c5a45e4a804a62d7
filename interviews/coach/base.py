"""The coach interface every engine implements."""

from typing import Protocol

from interviews.coach.schemas import (
    CheatsheetContent,
    JobInput,
    PlannedQuestion,
    PlanOptions,
    QuestionPlan,
    ScoreResult,
    TranscriptTurnIn,
)
from resumes.reading.schemas import MatchReport, ParsedResume


class CoachError(Exception):
    """A coach engine could not produce a valid result (the message is safe to show a person)."""


class Coach(Protocol):
    name: str

    def plan_questions(
        self, *, resume: ParsedResume, job: JobInput, match: MatchReport, options: PlanOptions
    ) -> QuestionPlan: ...

    def write_cheatsheet(
        self, *, resume: ParsedResume, job: JobInput, match: MatchReport, questions: list[PlannedQuestion]
    ) -> CheatsheetContent: ...

    def follow_up(self, *, question: PlannedQuestion, answer: str, job: JobInput | None = None) -> str | None: ...

    def score(
        self,
        *,
        transcript: list[TranscriptTurnIn],
        questions: list[PlannedQuestion],
        resume: ParsedResume,
        job: JobInput,
        rubric: str | None = None,
    ) -> ScoreResult: ...
