"""What goes into the coach and what comes out of it.

Both engines (offline and Gemini) take these inputs and return these outputs, so everything that
calls the coach — tasks, management commands, the agent worker, tests — is engine-agnostic.
No Django imports here.
"""

from typing import Literal

from pydantic import BaseModel, Field

from resumes.reading.schemas import JobRequirements

QuestionKind = Literal["behavioral", "technical", "situational", "resume"]
Difficulty = Literal["easy", "standard", "hard"]
QUESTION_KINDS: tuple[str, ...] = ("behavioral", "technical", "situational", "resume")
# How an answer was given. Only speech ("dictated" in the practice room, "spoken" to the voice agent) has
# timings that measure delivery; "" means nobody recorded it (older transcripts, operator files).
InputMode = Literal["", "typed", "dictated", "mixed", "spoken"]
SPOKEN_MODES: tuple[str, ...] = ("dictated", "spoken")


# --- Inputs ------------------------------------------------------------------------------------

class JobInput(BaseModel):
    title: str = ""
    company: str = ""
    text: str = ""
    requirements: JobRequirements = Field(default_factory=JobRequirements)

    @property
    def asked_skills(self) -> list[str]:
        """The skills the interview asks about: those the posting requires, then those its duties name (the match
        report counts a duty's skill as nice to have when the posting lists its own requirements; an interview still
        asks about the work)."""
        from resumes.reading.jobs import skills_asked_in

        requirements = self.requirements
        nice = set(requirements.skills_nice)
        duties = [name for line in requirements.responsibilities for name in skills_asked_in(line) if name in nice]
        return list(dict.fromkeys([*requirements.skills_required, *duties]))

    @property
    def answerable_skills(self) -> list[str]:
        """The asked skills an answer can show: not the credentials a person holds (CPR, a teaching licence), which
        no answer "names where it was used"."""
        from interviews.coach.fields import is_credential

        return [skill for skill in self.asked_skills if not is_credential(skill)]


class PlanOptions(BaseModel):
    count: int = Field(default=8, ge=3, le=15)
    # relative weights per kind; a kind with weight 0 is left out
    mix: dict[QuestionKind, int] = Field(
        default_factory=lambda: {"behavioral": 3, "technical": 3, "situational": 1, "resume": 2}
    )
    difficulty: Difficulty = "standard"
    candidate_name: str = ""
    target_role: str = ""


class TranscriptTurnIn(BaseModel):
    role: Literal["interviewer", "candidate"]
    text: str
    start_ms: int | None = None
    end_ms: int | None = None
    # index into the planned questions this turn belongs to (follow-ups share their question's
    # index); None means "infer from the order of interviewer turns"
    question_index: int | None = None
    is_follow_up: bool = False
    input_mode: InputMode = ""


# --- Outputs -----------------------------------------------------------------------------------

class PlannedQuestion(BaseModel):
    kind: QuestionKind
    competency: str  # e.g. "Ownership", "PostgreSQL", "Patient safety"
    text: str
    rationale: str  # why this question, naming the resume line or job requirement behind it
    strong_answer_points: list[str] = Field(default_factory=list)
    skill: str = ""  # canonical job skill the question targets, if any


class QuestionPlan(BaseModel):
    questions: list[PlannedQuestion]
    engine: str = "offline"
    fallback_reason: str = ""  # set when another engine was asked first and failed


class EvidencedStrength(BaseModel):
    skill: str
    evidence: list[str] = Field(default_factory=list)  # resume lines
    talking_point: str = ""


class GapAdvice(BaseModel):
    skill: str
    advice: str  # how to address the gap honestly


class StarPrompt(BaseModel):
    competency: str
    prompt: str  # which story to prepare, in STAR terms
    suggested_story: str = ""  # a resume line that could seed the story


class CheatsheetContent(BaseModel):
    pitch: str = ""  # a 2–3 sentence "tell me about yourself" opener
    strengths: list[EvidencedStrength] = Field(default_factory=list)
    gaps: list[GapAdvice] = Field(default_factory=list)
    star_prompts: list[StarPrompt] = Field(default_factory=list)
    likely_questions: list[str] = Field(default_factory=list)
    questions_to_ask: list[str] = Field(default_factory=list)
    engine: str = "offline"
    fallback_reason: str = ""


class QuotedPoint(BaseModel):
    text: str  # the observation
    quote: str = ""  # words from the transcript that show it


class QuestionFeedback(BaseModel):
    question: str
    answer: str = ""
    kind: str = ""
    competency: str = ""
    score: int = Field(ge=0, le=100)
    feedback: str  # two or three sentences, specific to this answer
    strong: list[str] = Field(default_factory=list)  # what was good
    missing: list[str] = Field(default_factory=list)  # strong-answer points clearly not covered, and other gaps
    covered: list[str] = Field(default_factory=list)  # strong-answer points the answer clearly covers
    to_check: list[str] = Field(default_factory=list)  # strong-answer points the coach cannot tell either way
    advice: list[str] = Field(default_factory=list)  # "Make sure you say …": what to check, not a verdict
    language: str = ""  # the answer's language code when it is not the interview's
    model_answer: list[str] = Field(default_factory=list)  # outline of a strong answer
    parts: dict[str, float] = Field(default_factory=dict)  # rubric part -> 0..1
    skills_shown: list[str] = Field(default_factory=list)  # job skills this answer demonstrated


class DeliveryMetrics(BaseModel):
    words_per_minute: float | None = None
    fillers_per_minute: float | None = None
    filler_counts: dict[str, int] = Field(default_factory=dict)
    long_pauses: int = 0  # gaps between turns or within timing longer than the threshold
    answer_words: list[int] = Field(default_factory=list)  # per answered question
    average_answer_words: float = 0.0
    speaking_seconds: float | None = None
    star_coverage: float = 0.0  # 0..1, mean share of S/T/A/R parts present
    quantified_answers: int = 0
    required_skill_coverage: float = 0.0  # 0..1, share of required job skills shown in answers
    answered: int = 0
    skipped: int = 0
    # Delivery is measured on spoken answers only: None in runs made before this was recorded.
    delivery_measured: bool | None = None
    spoken_answers: int = 0
    typed_answers: int = 0
    delivery_basis: str = ""  # one plain sentence: what delivery was measured on, or why not


class ScoreResult(BaseModel):
    engine: str = "offline"
    rubric_version: str
    score: int = Field(ge=0, le=100)
    weights: dict[str, float] = Field(default_factory=dict)  # rubric part -> weight (sums to 1)
    parts: dict[str, float] = Field(default_factory=dict)  # rubric part -> 0..100
    summary: str
    strengths: list[QuotedPoint] = Field(default_factory=list)
    improvements: list[QuotedPoint] = Field(default_factory=list)
    per_question: list[QuestionFeedback] = Field(default_factory=list)
    metrics: DeliveryMetrics = Field(default_factory=DeliveryMetrics)
    fallback_reason: str = ""
