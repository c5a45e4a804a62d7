"""The offline coach: deterministic, explainable, pure Python — the default engine and the fallback.

Each method delegates to a module that documents its rules: `planning` (questions, from `facts`), `cheatsheet`,
`followup` and `scoring` (rubric "offline-v2"; delivery numbers from `delivery`).
"""

from interviews.coach import cheatsheet, followup, planning, scoring
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


class OfflineCoach:
    name = "offline"
    rubric_version = scoring.RUBRIC_VERSION

    def plan_questions(
        self, *, resume: ParsedResume, job: JobInput, match: MatchReport, options: PlanOptions
    ) -> QuestionPlan:
        return planning.plan_questions(resume=resume, job=job, match=match, options=options)

    def write_cheatsheet(
        self, *, resume: ParsedResume, job: JobInput, match: MatchReport, questions: list[PlannedQuestion]
    ) -> CheatsheetContent:
        return cheatsheet.write_cheatsheet(resume=resume, job=job, match=match, questions=questions)

    def follow_up(self, *, question: PlannedQuestion, answer: str, job: JobInput | None = None) -> str | None:
        return followup.follow_up(question=question, answer=answer, job=job)

    def score(
        self,
        *,
        transcript: list[TranscriptTurnIn],
        questions: list[PlannedQuestion],
        resume: ParsedResume,
        job: JobInput,
        rubric: str | None = None,
    ) -> ScoreResult:
        """Score a transcript; raises CoachError for a rubric this engine does not know."""
        return scoring.score_transcript(transcript=transcript, questions=questions, resume=resume, job=job, rubric=rubric)
