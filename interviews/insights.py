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


def competency_scores(per_question: list[dict]) -> dict[str, float]:
    """Mean per-question score per competency in one run."""
    totals: dict[str, list[int]] = {}
    for item in per_question:
        name = (item.get("competency") or item.get("kind") or "General").strip()
        totals.setdefault(name, []).append(int(item.get("score", 0)))
    return {name: sum(values) / len(values) for name, values in totals.items()}
