"""The interview coach: one interface (`base.Coach`), two engines, the same schemas.

    from interviews.coach import get_coach, PlanOptions
    coach = get_coach()                      # COACH_ENGINE from settings
    plan = coach.plan_questions(resume=..., job=..., match=..., options=PlanOptions(count=8))

`offline` is deterministic and needs nothing; `gemini` uses google-genai and falls back to the
offline engine (saying why in `fallback_reason`) whenever Gemini fails or answers badly.
"""

from interviews.coach.base import Coach, CoachError
from interviews.coach.schemas import (
    QUESTION_KINDS,
    CheatsheetContent,
    DeliveryMetrics,
    EvidencedStrength,
    GapAdvice,
    JobInput,
    PlannedQuestion,
    PlanOptions,
    QuestionFeedback,
    QuestionPlan,
    QuotedPoint,
    ScoreResult,
    StarPrompt,
    TranscriptTurnIn,
)

ENGINES = ("offline", "gemini")

__all__ = [
    "ENGINES", "QUESTION_KINDS", "CheatsheetContent", "Coach", "CoachError", "DeliveryMetrics", "EvidencedStrength",
    "GapAdvice", "JobInput", "PlanOptions", "PlannedQuestion", "QuestionFeedback", "QuestionPlan", "QuotedPoint",
    "ScoreResult", "StarPrompt", "TranscriptTurnIn", "get_coach",
]


def get_coach(engine: str | None = None) -> Coach:
    """The coach for `engine` ("offline" or "gemini"; settings.COACH_ENGINE when None).

    Asking for Gemini without GEMINI_API_KEY gives the offline coach (logged), so a missing key
    switches the feature off instead of failing every request. Raises CoachError for an unknown name.
    """
    from django.conf import settings

    name = (engine or getattr(settings, "COACH_ENGINE", "") or "offline").strip().lower()
    if name not in ENGINES:
        raise CoachError(f"Unknown coach engine {name!r}: choose one of {', '.join(ENGINES)}.")
    if name == "gemini":
        if not getattr(settings, "GEMINI_API_KEY", ""):
            import logging

            logging.getLogger("saylo.coach").warning(
                "The Gemini coach was asked for but GEMINI_API_KEY is empty: using the offline coach."
            )
        else:
            from interviews.coach.gemini import GeminiCoach

            return GeminiCoach()
    from interviews.coach.offline import OfflineCoach

    return OfflineCoach()
