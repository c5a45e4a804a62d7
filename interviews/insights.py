"""Turning a score run into what the results page and the history show.

Pure functions over stored JSON: the research ranges for delivery, the requirement × evidence
matrix, and per-competency aggregates.
"""

from dataclasses import dataclass, field

from interviews.coach.delivery import plausible

# Research-backed ranges shown next to the candidate's delivery numbers.
WPM_SOURCE = "National Center for Voice and Speech: conversational English averages about 150 words per minute"
FILLER_SOURCE = ("Laske et al. (2024), “Do speech disfluencies matter?”, Journal of Applied Behavior Analysis: "
                 "no measurable listener penalty up to about 5 fillers a minute; harm concentrates around 12")
LENGTH_SOURCE = "Common interview coaching guidance: a spoken STAR answer runs about 1–2 minutes (roughly 150–300 words)"


@dataclass(frozen=True)
class DeliveryRow:
    label: str
    value: str
    verdict: str  # "good" | "warn" | "bad" | "none"
    range_text: str
    source: str
    detail: str = ""


def _verdict_wpm(wpm: float) -> str:
    if 120 <= wpm <= 170:
        return "good"
    if 100 <= wpm <= 190:
        return "warn"
    return "bad"


def _verdict_fillers(per_minute: float) -> str:
    if per_minute <= 5:
        return "good"
    if per_minute < 12:
        return "warn"
    return "bad"


def delivery_rows(metrics: dict) -> list[DeliveryRow]:
    metrics = plausible(metrics)  # older runs stored impossible rates (typed answers read as speech)
    if metrics.get("delivery_measured") is False and metrics.get("typed_answers") and not metrics.get("spoken_answers"):
        return _typed_rows(metrics)
    rows = []
    wpm = metrics.get("words_per_minute")
    if wpm is not None:
        rows.append(DeliveryRow("Speaking rate", f"{wpm:.0f} words/min", _verdict_wpm(wpm), "120–170 words/min is easy to follow",
                                WPM_SOURCE))
    else:
        rows.append(DeliveryRow("Speaking rate", "not measured", "none", "120–170 words/min is easy to follow", WPM_SOURCE,
                                metrics.get("delivery_basis") or "Needs spoken answers with real timings: answer with the "
                                "microphone to have it measured."))
    fillers = metrics.get("fillers_per_minute")
    counts = metrics.get("filler_counts") or {}
    which = ", ".join(f"“{word}” ×{count}" for word, count in sorted(counts.items(), key=lambda kv: -kv[1]) if count)
    if fillers is not None:
        rows.append(DeliveryRow("Filler words", f"{fillers:.1f} per minute", _verdict_fillers(fillers),
                                "up to 5 a minute carries no penalty; around 12 hurts", FILLER_SOURCE, which or "None heard."))
    else:
        rows.append(DeliveryRow("Filler words", f"{sum(counts.values())} in total" if counts else "none", "none",
                                "up to 5 a minute carries no penalty; around 12 hurts", FILLER_SOURCE, which))
    pauses = metrics.get("long_pauses", 0) or 0
    rows.append(DeliveryRow("Long pauses", str(pauses), "good" if pauses <= 1 else "warn" if pauses <= 3 else "bad",
                            "a pause over 3 s before answering reads as hesitation; a short silent pause is fine",
                            "Saylo rubric"))
    rows.append(_length_row(metrics))
    return rows


TYPED_DETAIL = ("Your answers were typed, so pace, fillers and pauses don’t apply. "
                "Answer with the microphone to have them measured.")


def _typed_rows(metrics: dict) -> list[DeliveryRow]:
    """Typed answers: no speech was measured, so say so instead of showing numbers that mean nothing."""
    typed = "not measured (typed)"
    return [
        DeliveryRow("Speaking rate", typed, "none", "120–170 words/min is easy to follow", WPM_SOURCE, TYPED_DETAIL),
        DeliveryRow("Filler words", typed, "none", "up to 5 a minute carries no penalty; around 12 hurts", FILLER_SOURCE),
        DeliveryRow("Long pauses", typed, "none", "a pause over 3 s before answering reads as hesitation",
                    "Saylo rubric"),
        _length_row(metrics),
    ]


def _length_row(metrics: dict) -> DeliveryRow:
    average = metrics.get("average_answer_words") or 0
    per_answer = metrics.get("answer_words") or []
    return DeliveryRow("Answer length", f"{average:.0f} words on average",
                       "good" if 120 <= average <= 320 else "warn" if 60 <= average <= 450 else "bad",
                       "about 150–300 words per answer", LENGTH_SOURCE,
                       "Per answer: " + ", ".join(str(n) for n in per_answer) if per_answer else "")


@dataclass
class MatrixRow:
    skill: str
    questions: list[int] = field(default_factory=list)  # 1-based question numbers that showed it

    @property
    def shown(self) -> bool:
        return bool(self.questions)


def evidence_matrix(*, required: list[str], per_question: list[dict]) -> list[MatrixRow]:
    """Each required skill of the job against the answers that demonstrated it."""
    rows = [MatrixRow(skill=skill) for skill in required]
    by_skill = {row.skill.lower(): row for row in rows}
    for number, item in enumerate(per_question, start=1):
        for skill in item.get("skills_shown") or []:
            row = by_skill.get(skill.lower())
            if row is not None and number not in row.questions:
                row.questions.append(number)
    return rows


def weakest_questions(per_question: list[dict], *, limit: int = 3) -> list[dict]:
    answered = [item for item in per_question if item.get("question")]
    return sorted(answered, key=lambda item: item.get("score", 0))[:limit]


def is_skipped(item: dict) -> bool:
    """A question the candidate did not answer: the coach scores it 0, which says nothing about the
    competency, so trends and baselines leave it out."""
    return bool(item.get("skipped")) or not str(item.get("answer") or "").strip()


def competency_scores(per_question: list[dict]) -> dict[str, float]:
    """Mean per-question score per competency in one run, over the questions that were answered."""
    totals: dict[str, list[int]] = {}
    for item in per_question:
        if is_skipped(item):
            continue
        name = (item.get("competency") or item.get("kind") or "General").strip()
        totals.setdefault(name, []).append(int(item.get("score", 0)))
    return {name: sum(values) / len(values) for name, values in totals.items()}


def run_figures(per_question: list[dict]) -> dict:
    """The per-session figures history keeps for a run: competency means (answered questions only)
    and how many questions were answered and skipped."""
    skipped = sum(1 for item in per_question if is_skipped(item))
    return {"competencies": {name: round(value, 1) for name, value in competency_scores(per_question).items()},
            "answered": len(per_question) - skipped, "skipped": skipped}


def compare_key(*, job_id: int | None, resume_id: int | None, title: str) -> str:
    """Which interviews are alike enough to compare scores: the same job and the same resume."""
    job = f"job:{job_id}" if job_id else f"title:{title.strip().lower()[:80]}"
    return f"{job} resume:{resume_id or '-'}"


COACH_NAMES = {"offline": "Saylo’s built-in coach", "gemini": "the Gemini coach"}


def coach_name(engine: str) -> str:
    """How a coach engine is named to a candidate (never the internal engine or rubric id)."""
    return COACH_NAMES.get((engine or "").lower(), "the coach")


def rescore_outlook(*, run_engine: str, run_rubric: str, coach_engine: str, coach_rubric: str) -> str:
    """In plain words, whether "Score again" can change this score, and why."""
    kept = "Your current score is kept either way."
    if coach_engine == "gemini":
        return ("Scoring again asks the Gemini coach to read your answers afresh. It weighs meaning rather than "
                f"fixed rules, so the score can move a little from one reading to the next. {kept}")
    if run_engine != coach_engine:
        return (f"This score came from {coach_name(run_engine)}, which is not switched on here now. Scoring again "
                f"uses {coach_name(coach_engine)} instead, so the score may differ. {kept}")
    if run_rubric != coach_rubric:
        return ("Saylo’s scoring rules have been updated since this score. Scoring again applies the new rules to the "
                f"same answers, so the score may change. {kept}")
    return ("Scoring again will give the same score: your answers are the same, Saylo’s scoring rules have not "
            "changed, and the built-in coach always scores the same answers the same way. The score can only change "
            "when the scoring rules are updated or the Gemini coach is switched on for this site — to improve it, "
            "practise the questions again.")
