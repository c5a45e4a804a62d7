"""The offline scorer (rubric "offline-v2"): every number is explained, every remark quotes the candidate.

Per answer, five parts, each 0..1:

* relevance   — content words shared with the question (and its competency/skill), the question's
                strong-answer points covered, and the job's skills or key terms the answer shows.
* structure   — share of STAR parts signalled by cue phrases (or an opening that sets the scene);
                technical and hypothetical ("what would you do") answers may instead show reasoning
                (because, trade-off, first/then, measured…).
* evidence    — real quantities only (see `text.quantities`: "45%", "$8k", "three weeks", not "half"
                or "two and ten"); a result cue adds to it.
* specificity — named tools, products and places; actions after "I" (not only "we"); few vague words.
* length      — 80–250 words is ideal; under 40 is thin; over 400 rambles.

Skills count as shown only when the answer uses them — "not much front end" shows nothing, React and
Node show JavaScript and full-stack work (`reading`). An answer that is near-identical to an earlier
answer to another question is flagged and every part of it counts `COPY_FACTOR` of its value: it
cannot answer both questions. Every quote shown as the candidate's is an exact slice of one of the
candidate's own turns — never the interviewer's question.

The answer's score is the weighted sum (`QUESTION_WEIGHTS`). The overall score weighs the mean of
each part over all questions (a skipped question counts 0), delivery (fillers, pace, pauses — see
`delivery.py`) and the share of the job's required skills shown (`OVERALL_WEIGHTS`; that weight is
shared out among the others when the job lists no required skills).
"""

import math
import re
from dataclasses import dataclass, field

from interviews.coach import delivery as D
from interviews.coach import knowledge as K
from interviews.coach import reading
from interviews.coach import text as T
from interviews.coach.base import CoachError
from interviews.coach.planning import detect_domain
from interviews.coach.schemas import (
    DeliveryMetrics,
    JobInput,
    PlannedQuestion,
    QuestionFeedback,
    QuotedPoint,
    ScoreResult,
    TranscriptTurnIn,
)
from resumes.reading.schemas import ParsedResume
from resumes.reading.taxonomy import get_taxonomy

RUBRIC_VERSION = "offline-v2"
RUBRICS = (RUBRIC_VERSION,)
QUESTION_WEIGHTS = {"relevance": 0.30, "structure": 0.25, "evidence": 0.20, "specificity": 0.15, "length": 0.10}
OVERALL_WEIGHTS = {
    "relevance": 0.20, "structure": 0.20, "evidence": 0.15, "specificity": 0.15, "length": 0.05,
    "delivery": 0.15, "skill_coverage": 0.10,
}
PART_LABELS = {
    "relevance": "relevance to the question and the job",
    "structure": "structure (situation, task, action, result)",
    "evidence": "quantified results",
    "specificity": "specific detail and personal actions",
    "length": "answer length",
    "delivery": "delivery (fillers, pace, pauses)",
    "skill_coverage": "coverage of the job's required skills",
}
IDEAL_WORDS = (80, 250)
THIN_WORDS = 40
LONG_WORDS = 400
QUOTE_WORDS = 28
COPY_FACTOR = 0.4
COPY_SIMILARITY = 0.6  # content-word Jaccard at which two answers are the same answer
COPY_RATIO = 0.5  # or the share of three-word runs in common at which they are
COPY_MIN_WORDS = 8
HYPOTHETICAL_KINDS = ("technical", "situational")  # answered with reasoning, not a past story
STORY_KINDS = ("behavioral", "resume")


def check_rubric(rubric: str | None) -> str:
    if rubric in (None, "", RUBRIC_VERSION):
        return RUBRIC_VERSION
    raise CoachError(f"Unknown scoring rubric {rubric!r}: the offline coach scores with {', '.join(RUBRICS)}.")


# --- One answer ------------------------------------------------------------------------------------------

@dataclass
class Quote:
    text: str  # exact words from one transcript turn
    turn: TranscriptTurnIn | None = None


@dataclass
class AnswerAnalysis:
    index: int
    question: PlannedQuestion
    group: D.AnswerGroup
    text: str = ""
    words: int = 0
    star: dict[str, bool] = field(default_factory=dict)
    reasoning: int = 0
    quantities: list[str] = field(default_factory=list)
    i_actions: list[str] = field(default_factory=list)
    we: int = 0
    we_actions: list[str] = field(default_factory=list)
    copy_of: int | None = None  # index of an earlier answer this one repeats
    vague: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)
    skills_shown: list[str] = field(default_factory=list)
    key_terms_shown: list[str] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    fillers: dict[str, int] = field(default_factory=dict)
    parts: dict[str, float] = field(default_factory=dict)
    score: int = 0

    @property
    def answered(self) -> bool:
        return self.words > 0

    def sentences(self) -> list[Quote]:
        """Candidate sentences, each an exact slice of one turn."""
        return [Quote(s.text, turn) for turn in self.group.candidate_turns for s in T.sentences(turn.text)]


def _ratio(value: float, full: float) -> float:
    return max(0.0, min(1.0, value / full)) if full > 0 else 0.0


def length_part(words: int) -> float:
    low, high = IDEAL_WORDS
    if words <= 0:
        return 0.0
    if words < THIN_WORDS:
        return 0.5 * words / THIN_WORDS
    if words < low:
        return 0.5 + 0.5 * (words - THIN_WORDS) / (low - THIN_WORDS)
    if words <= high:
        return 1.0
    if words <= LONG_WORDS:
        return 1.0 - 0.4 * (words - high) / (LONG_WORDS - high)
    return 0.5


_PROBLEM_RE = re.compile(
    r"\b(?:problem|issue|couldn't|could not|wasn't|failing|failed|broke|slow|late|behind|unhappy|angry|upset|complain\w*|"
    r"threaten\w*|missed|missing|error|wrong|risk|stuck|struggl\w*|pushed back|rejected|disagree\w*|too \w+)\b",
    re.IGNORECASE,
)
_TOLD_RE = re.compile(
    r"\b(?:told|explained|updated|updates?|called|emailed|messaged|informed|spoke|asked|posted|check-ins?|listened|met)\b",
    re.IGNORECASE,
)
_PREPARED_RE = re.compile(r"\b(?:prepar\w*|research\w*|before the|checked|list(?:ed)?|reviewed|data|agreed)\b", re.IGNORECASE)
_LEARNED_RE = re.compile(r"\b(?:learn\w*|differently|next time|would change|now i|since then|lesson)\b", re.IGNORECASE)

# Common strong-answer points and how an answer shows them; other points are matched by shared words.
_POINT_DETECTORS = (
    (("result", "number", "measur", "worked", "outcome", "evidence it", "before and after", "final terms", "improvement"),
     lambda a: bool(a.quantities) or a.star["result"]),
    (("personally", "yourself", "'i'", "your part", "your own part", "what you did", "you did", "your actions"),
     lambda a: len(a.i_actions) >= 2),
    (("decision", "decide", "chose", "trade-off", "why"), lambda a: a.reasoning >= 1),
    (("communicat", "told", "informed", "raised it", "followed up", "follow up", "listened"),
     lambda a: bool(_TOLD_RE.search(a.text))),
    (("prepared", "research"), lambda a: bool(_PREPARED_RE.search(a.text))),
    (("learn", "differently", "would change", "repeat"), lambda a: bool(_LEARNED_RE.search(a.text))),
    (("escalat",), lambda a: "escalat" in a.text.lower()),
    (("problem", "what broke", "unhappy", "disagreement", "disputed", "what they asked", "competing demands",
      "what the error", "what you noticed", "why it mattered", "where you stood", "what they needed", "the situation",
      "scene", "specific, recent example", "specific example", "specific situation", "a real mistake"),
     lambda a: a.star["situation"] or bool(_PROBLEM_RE.search(a.text))),
)


def point_covered(point: str, analysis: AnswerAnalysis) -> bool:
    """Whether the answer covers a strong-answer point: by a detector for common points, else by shared words."""
    lower = point.lower()
    for cues, detector in _POINT_DETECTORS:
        if any(cue in lower for cue in cues):
            return detector(analysis)
    terms = [t for t in T.content_terms(point) if len(t) > 2]
    if not terms:
        return False
    shared = len(set(terms) & set(T.content_terms(analysis.text)))
    return shared >= max(1, math.ceil(len(terms) * 0.34))


def analyse_answer(index: int, question: PlannedQuestion, group: D.AnswerGroup, job: JobInput) -> AnswerAnalysis:
    analysis = AnswerAnalysis(index=index, question=question, group=group)
    text = group.text
    analysis.text = text
    analysis.words = T.word_count(text)
    analysis.star = T.star_parts(text)
    if not analysis.answered:
        analysis.missing = list(question.strong_answer_points)
        analysis.parts = {part: 0.0 for part in QUESTION_WEIGHTS}
        return analysis
    job_skills = [*job.requirements.skills_required, *job.requirements.skills_nice]
    if question.skill and question.skill not in job_skills:
        job_skills.append(question.skill)
    analysis.reasoning = T.reasoning_cues(text)
    analysis.quantities = T.quantities(text)
    analysis.i_actions = T.i_actions(text)
    analysis.we = T.we_mentions(text)
    analysis.we_actions = T.we_actions(text)
    analysis.vague = T.vague_phrases(text)
    all_skills = reading.skills_shown(text)
    analysis.named = list(dict.fromkeys([*all_skills, *T.proper_nouns(text)]))
    analysis.skills_shown = D.skills_in(text, job_skills)
    lower = text.lower()
    analysis.key_terms_shown = [term for term in job.requirements.key_terms if term.lower() in lower]
    analysis.fillers = D.count_fillers(text)
    for point in question.strong_answer_points:
        (analysis.covered if point_covered(point, analysis) else analysis.missing).append(point)

    answer_terms = set(T.content_terms(text))
    question_terms = T.content_terms(" ".join([question.text, question.competency, question.skill]))
    overlap = len(answer_terms & set(question_terms))
    on_question = _ratio(overlap, max(2.0, min(5.0, len(question_terms) * 0.3)))
    points = len(analysis.covered) / len(question.strong_answer_points) if question.strong_answer_points else on_question
    if job_skills or job.requirements.key_terms:
        on_job = _ratio(len(analysis.skills_shown) + len(analysis.key_terms_shown), 2)
        if question.skill and question.skill in analysis.skills_shown:
            on_job = 1.0
    else:
        on_job = on_question
    # Technical answers should use the job's skills; behavioural ones mostly need to answer what was asked.
    if question.kind == "technical":
        relevance = 0.45 * on_question + 0.25 * points + 0.3 * on_job
    else:
        relevance = 0.45 * on_question + 0.4 * points + 0.15 * on_job

    star_share = sum(analysis.star.values()) / 4
    structure = max(star_share, _ratio(analysis.reasoning, 3)) if question.kind in HYPOTHETICAL_KINDS else star_share

    n_numbers = len(analysis.quantities)
    has_result = analysis.star["result"]
    if n_numbers == 0:
        evidence = 0.25 if has_result else 0.0
    elif n_numbers == 1:
        evidence = 0.6 + (0.15 if has_result else 0.0)
    else:
        evidence = 0.85 + (0.15 if has_result else 0.0)

    named = _ratio(len(analysis.named), 3)
    personal = 0.0 if not analysis.i_actions else _ratio(len(analysis.i_actions), 3)
    vague_rate = 100 * len(analysis.vague) / analysis.words
    plain = (1.0 - _ratio(vague_rate, 5)) * _ratio(analysis.words, THIN_WORDS)
    specificity = 0.35 * named + 0.4 * personal + 0.25 * plain

    analysis.parts = {
        "relevance": round(relevance, 3),
        "structure": round(structure, 3),
        "evidence": round(evidence, 3),
        "specificity": round(specificity, 3),
        "length": round(length_part(analysis.words), 3),
    }
    analysis.score = round(100 * sum(QUESTION_WEIGHTS[p] * v for p, v in analysis.parts.items()))
    return analysis


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in T.words(text)]
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def same_answer(a: str, b: str) -> bool:
    """Whether two answers are the same answer, give or take a few words: most content words shared, or most
    three-word runs (a copy with a few words changed keeps nearly all of them)."""
    if T.similarity(a, b) >= COPY_SIMILARITY:
        return True
    ta, tb = _trigrams(a), _trigrams(b)
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= COPY_RATIO


def mark_copies(analyses: list[AnswerAnalysis]) -> None:
    """Flag each answer that repeats an earlier answer to another question, and scale its parts down."""
    answered = [a for a in analyses if a.answered and a.words >= COPY_MIN_WORDS]
    for n, later in enumerate(answered):
        original = next((earlier for earlier in answered[:n] if earlier.copy_of is None
                         and same_answer(earlier.text, later.text)), None)
        if original is None:
            continue
        later.copy_of = original.index
        later.parts = {part: round(value * COPY_FACTOR, 3) for part, value in later.parts.items()}
        later.score = round(100 * sum(QUESTION_WEIGHTS[p] * v for p, v in later.parts.items()))


# --- Quotes ------------------------------------------------------------------------------------------------

def _cut(text: str) -> str:
    return T.excerpt(text, max_words=QUOTE_WORDS)


def _best_sentence(analyses: list[AnswerAnalysis], key, *, minimum: float = 1) -> tuple[AnswerAnalysis, Quote] | None:
    best = None
    best_value = minimum - 1e-9
    for analysis in analyses:
        for sentence in analysis.sentences():
            value = key(sentence.text)
            if value > best_value:
                best, best_value = (analysis, sentence), value
    return best


def _q(analysis: AnswerAnalysis) -> str:
    return f"question {analysis.index + 1}"


# --- Feedback per question ----------------------------------------------------------------------------------

def question_feedback(analysis: AnswerAnalysis, domain: str) -> QuestionFeedback:
    question = analysis.question
    outline = list(question.strong_answer_points) or list(K.STAR_STEPS)
    if not analysis.answered:
        return QuestionFeedback(
            question=question.text, answer="", kind=question.kind, competency=question.competency, score=0,
            feedback=("No answer was given, so this question scores 0. "
                      f"A strong answer would cover: {T.join_names([p.rstrip('.') for p in outline[:3]])}."),
            missing=list(question.strong_answer_points), model_answer=outline, parts=analysis.parts, skills_shown=[],
        )
    strong: list[str] = []
    missing: list[str] = list(analysis.missing)
    if analysis.quantities:
        strong.append(f"Quantified: {T.join_names(T.measured_quantities(analysis.text)[:3])}")
    if len(analysis.i_actions) >= 2:
        strong.append(f"Said what you did yourself ({T.join_names(list(dict.fromkeys(analysis.i_actions))[:3])})")
    present = [part for part, ok in analysis.star.items() if ok]
    if len(present) == 4:
        strong.append("Complete STAR structure: situation, task, action and result")
    if analysis.skills_shown:
        strong.append(f"Showed {T.join_names(analysis.skills_shown[:3])}")
    if analysis.reasoning >= 2 and question.kind == "technical":
        strong.append("Explained reasons and trade-offs, not just what was done")
    absent = [part for part, ok in analysis.star.items() if not ok]
    if absent and question.kind in STORY_KINDS:
        missing.append("STAR parts not heard: " + ", ".join(absent))
    if question.skill and question.skill not in analysis.skills_shown:
        missing.append(f"No mention of {question.skill}, which this question targets")

    good = _good_sentence(analysis)
    fix = _fix_sentence(analysis, domain)
    feedback = " ".join(s for s in (good, fix) if s)
    if analysis.missing:
        feedback += f" Not covered: {analysis.missing[0].rstrip('.')}."
    if analysis.copy_of is not None:  # nothing in a repeated answer earns praise a second time
        feedback = (f"This is the same as your answer to question {analysis.copy_of + 1}, so it cannot answer this "
                    "question as well: it counts for less than half. Give each question its own example"
                    + (f" — this one asks about {analysis.missing[0][0].lower() + analysis.missing[0][1:].rstrip('.')}."
                       if analysis.missing else "."))
        strong = []
        missing.insert(0, f"An answer of its own: this one repeats question {analysis.copy_of + 1}")
    return QuestionFeedback(
        question=question.text, answer=analysis.text, kind=question.kind, competency=question.competency,
        score=max(0, min(100, analysis.score)), feedback=feedback, strong=strong, missing=missing,
        model_answer=outline, parts=analysis.parts, skills_shown=analysis.skills_shown,
    )


def _good_sentence(analysis: AnswerAnalysis) -> str:
    if analysis.quantities and analysis.star["result"]:
        result_sentences = [q.text for q in analysis.sentences() if T.star_parts(q.text)["result"] and T.quantities(q.text)]
        if result_sentences:
            figures = T.join_names(T.measured_quantities(result_sentences[0])[:2])
            return f"You backed the story with a measurable result ({figures}), which makes it credible."
        figures = T.join_names(T.measured_quantities(analysis.text)[:2])
        return f"You gave concrete figures ({figures}) and ended on the outcome."
    if len(analysis.i_actions) >= 2:
        verbs = T.join_names(list(dict.fromkeys(analysis.i_actions))[:3])
        return f"You made your own part clear — you {verbs}."
    if analysis.skills_shown:
        return f"You tied the answer to {T.join_names(analysis.skills_shown[:2])}, which the job asks for."
    if analysis.star["situation"]:
        return "You set the scene, so the listener knows where this happened."
    if analysis.parts.get("relevance", 0) >= 0.5:
        return "You stayed on the question."
    return "You answered, but the answer stays general."


def _fix_sentence(analysis: AnswerAnalysis, domain: str) -> str:
    if analysis.words < THIN_WORDS:
        return (f"At {analysis.words} words it is too short to convince: give one specific example with what you did "
                "and what changed.")
    if T.leans_on_we(analysis.text):
        return "It is mostly “we” — say what you personally did, step by step."
    if not analysis.quantities:
        return f"It has no numbers: add the result you can measure ({K.METRIC_HINTS[domain]})."
    if not analysis.star["result"] and analysis.question.kind in STORY_KINDS:
        return "It stops before the result: finish with what changed and what you learned."
    if analysis.vague:
        return f"Replace vague words (“{analysis.vague[0]}”) with the actual names and numbers."
    if analysis.words > LONG_WORDS:
        return f"At {analysis.words} words it runs long: keep to about two minutes (under {IDEAL_WORDS[1]} words)."
    if analysis.parts["relevance"] < 0.5:
        return "Link it more directly to what was asked and to the job's own terms."
    return "To make it stronger still, name the trade-off you weighed and what you would do differently now."


# --- Overall strengths and improvements -------------------------------------------------------------------

def _strengths(analyses: list[AnswerAnalysis], required: list[str], metrics: DeliveryMetrics) -> list[QuotedPoint]:
    answered = [a for a in analyses if a.answered]
    points: list[QuotedPoint] = []
    used: list[str] = []

    def add(text: str, quote: str) -> None:
        if quote and quote not in used and len(points) < 5:
            used.append(quote)
            points.append(QuotedPoint(text=text, quote=quote))

    found = _best_sentence(answered, lambda s: len(T.quantities(s)) + (1 if T.star_parts(s)["result"] else 0) * 0.5)
    if found and T.quantities(found[1].text):
        add(f"You quantified a result in {_q(found[0])}.", _cut(found[1].text))
    found = _best_sentence(answered, lambda s: len(T.i_actions(s)))
    if found:
        add(f"You said clearly what you did yourself in {_q(found[0])}.", _cut(found[1].text))
    for skill in required:
        hit = _best_sentence(answered, lambda s, skill=skill: 1 if skill in D.skills_in(s, [skill]) else 0)
        if hit:
            add(f"You showed {skill}, a required skill, with an example ({_q(hit[0])}).", _cut(hit[1].text))
            break
    complete = [a for a in answered if all(a.star.values())]
    if complete:
        result = _best_sentence(complete[:1], lambda s: 1 if T.star_parts(s)["result"] else 0)
        if result:
            add(f"Your answer to {_q(complete[0])} had a complete STAR structure, ending on the result.", _cut(result[1].text))
    if metrics.fillers_per_minute is not None and metrics.fillers_per_minute <= D.FILLER_FREE_PER_MINUTE:
        clean = _best_sentence(answered, lambda s: T.word_count(s) if not D.filler_total(s) else 0, minimum=8)
        if clean:
            add(f"Few fillers: {metrics.fillers_per_minute:.1f} per minute, within the 5 that carry no penalty.",
                _cut(clean[1].text))
    named = _best_sentence(answered, lambda s: len(T.proper_nouns(s)) + len(get_taxonomy().find_in_line(s)))
    if named:
        add(f"You named concrete tools, places or people in {_q(named[0])}, which makes the example believable.",
            _cut(named[1].text))
    # Only real strengths: an answer earns a mention for staying on the question, never by default.
    on_topic = sorted(answered, key=lambda a: (-a.parts.get("relevance", 0), a.index))
    for analysis in on_topic:
        if len(points) >= 3 or analysis.parts.get("relevance", 0) < 0.45:
            break
        first = analysis.sentences()[:1]
        if first:
            add(f"You went straight to the point in {_q(analysis)}.", _cut(first[0].text))
    return points


def _improvements(analyses: list[AnswerAnalysis], required: list[str], metrics: DeliveryMetrics,
                  clock: D.Timing, domain: str) -> list[QuotedPoint]:
    answered = [a for a in analyses if a.answered]
    points: list[QuotedPoint] = []
    used: list[str] = []

    def add(text: str, quote: str) -> None:
        if quote and quote not in used and len(points) < 5:
            used.append(quote)
            points.append(QuotedPoint(text=text, quote=quote))

    skipped = [a for a in analyses if not a.answered]
    if skipped:
        which = T.join_names([str(a.index + 1) for a in skipped])
        plural = "s" if len(skipped) > 1 else ""
        points.append(QuotedPoint(text=f"You did not answer question{plural} {which}; even a short, honest example "
                                       "scores better than silence."))
    copies = [a for a in answered if a.copy_of is not None]
    if copies:
        first = copies[0]
        numbers = T.join_names([str(first.copy_of + 1)] + [str(a.index + 1) for a in copies if a.copy_of == first.copy_of])
        opening = first.sentences()[:1]
        add(f"You gave the same answer to questions {numbers}; each question asks for a different example, so "
            "the repeats counted for less than half.", _cut(opening[0].text) if opening else "")
    no_numbers = [a for a in answered if not a.quantities]
    if no_numbers:
        target = no_numbers[0]
        last = target.sentences()[-1:]
        if last:
            add(f"Your answer to {_q(target)} ends without a number: add the result ({K.METRIC_HINTS[domain]}).",
                _cut(last[0].text))
    we_heavy = _best_sentence([a for a in answered if T.leans_on_we(a.text)],
                              lambda s: len(T.we_actions(s)) if not T.i_actions(s) else 0)
    if we_heavy:
        add(f"In {_q(we_heavy[0])} you said “we” where the interviewer needs to hear what you did.", _cut(we_heavy[1].text))
    fillers = _best_sentence(answered, lambda s: D.filler_total(s), minimum=2)
    if fillers:
        rate = f" ({metrics.fillers_per_minute:.1f} per minute overall)" if metrics.fillers_per_minute is not None else ""
        add(f"Fillers crowd this sentence{rate}; pause silently instead.", _cut(fillers[1].text))
    vague = _best_sentence(answered, lambda s: len(T.vague_phrases(s)))
    if vague:
        add(f"Vague words in {_q(vague[0])} — name the actual thing.", _cut(vague[1].text))
    for analysis in answered:
        if analysis.words < THIN_WORDS:
            add(f"Your answer to {_q(analysis)} was {analysis.words} words — too short to show how you work.",
                _cut(analysis.text if len(analysis.group.candidate_turns) == 1 else analysis.group.candidate_turns[0].text))
    for analysis in answered:
        if analysis.words > LONG_WORDS:
            first = analysis.sentences()[:1]
            if first:
                add(f"Your answer to {_q(analysis)} ran to {analysis.words} words; aim for under {IDEAL_WORDS[1]}.",
                    _cut(first[0].text))
    for turn in clock.pause_turns[:1]:
        add(f"You waited more than {D.LONG_PAUSE_MS // 1000} seconds before this answer; a short holding phrase "
            "(“Let me think of the best example”) helps.", _cut(turn.text))
    shown = {s for a in answered for s in a.skills_shown}
    missing = [s for s in required if s not in shown]
    for skill in missing[:1]:
        asked = next((a for a in analyses if a.question.skill == skill and a.group.question_text), None)
        if asked and len(points) < 5:
            points.append(QuotedPoint(text=f"You never showed {skill}, which the job requires — even when {_q(asked)} "
                                           "asked about it."))
    if metrics.words_per_minute is not None and not (D.IDEAL_WPM[0] <= metrics.words_per_minute <= D.IDEAL_WPM[1]):
        pace = "fast" if metrics.words_per_minute > D.IDEAL_WPM[1] else "slow"
        longest = max(answered, key=lambda a: a.words, default=None)
        if longest and longest.sentences():
            add(f"You spoke at {metrics.words_per_minute:.0f} words per minute — a little {pace}; aim for "
                f"{D.IDEAL_WPM[0]:.0f}–{D.IDEAL_WPM[1]:.0f}.", _cut(longest.sentences()[0].text))
    # A short list still has to teach something: strong-answer points left out, then each answer's next step.
    for analysis in sorted(answered, key=lambda a: (a.score, a.index)):
        if len(points) >= 3:
            break
        first = analysis.sentences()[:1]
        if first and analysis.missing:
            add(f"Your answer to {_q(analysis)} did not cover: {T.lower_first(analysis.missing[0])}.", _cut(first[0].text))
    for analysis in sorted(answered, key=lambda a: (a.score, a.index)):
        if len(points) >= 3:
            break
        last = analysis.sentences()[-1:]
        if last:
            advice = T.lower_first(_fix_sentence(analysis, domain))
            add(f"Your answer to {_q(analysis)} scored {analysis.score}; next step: {advice}", _cut(last[0].text))
    return points


# --- The whole transcript -----------------------------------------------------------------------------------

def analyse_transcript(
    transcript: list[TranscriptTurnIn], questions: list[PlannedQuestion], job: JobInput
) -> tuple[list[AnswerAnalysis], DeliveryMetrics, D.Timing]:
    groups = D.group_answers(transcript, len(questions))
    analyses = []
    for group in groups:
        if group.index < len(questions):
            question = questions[group.index]
        else:  # the interviewer asked more than was planned: score it against its own words
            question = PlannedQuestion(kind=guess_kind(group.question_text), competency="", text=group.question_text or "",
                                       rationale="Asked in the interview; not part of the plan.")
        analyses.append(analyse_answer(group.index, question, group, job))
    mark_copies(analyses)
    metrics = D.transcript_metrics(
        transcript, question_count=len(questions), required_skills=job.requirements.skills_required, groups=groups
    )
    return analyses, metrics, D.timing(transcript)


def guess_kind(question_text: str) -> str:
    lower = (question_text or "").lower()
    if any(cue in lower for cue in ("tell me about a time", "describe a time", "give me an example", "a time when")):
        return "behavioral"
    if any(cue in lower for cue in ("what would you do", "how would you", "imagine", "suppose")):
        return "situational"
    if get_taxonomy().find_in_line(question_text or ""):
        return "technical"
    if any(cue in lower for cue in ("your resume", "walk me through your", "at your last", "you worked")):
        return "resume"
    return "behavioral"


def overall_weights(job: JobInput, *, delivery_measured: bool = True) -> dict[str, float]:
    """The rubric's weights, re-normalised over the parts that apply: delivery only when it was measured
    (spoken answers), skill coverage only when the job lists required skills."""
    weights = dict(OVERALL_WEIGHTS)
    if not job.requirements.skills_required:
        weights.pop("skill_coverage")
    if not delivery_measured:
        weights.pop("delivery")
    total = sum(weights.values())
    return {part: round(value / total, 4) for part, value in weights.items()}


def score_transcript(
    *,
    transcript: list[TranscriptTurnIn],
    questions: list[PlannedQuestion],
    resume: ParsedResume,
    job: JobInput,
    rubric: str | None = None,
) -> ScoreResult:
    rubric_version = check_rubric(rubric)
    domain = detect_domain(job, resume)
    analyses, metrics, clock = analyse_transcript(transcript, questions, job)
    total_words = sum(a.words for a in analyses)
    delivery, delivery_basis = D.delivery_score(metrics, total_words=total_words)
    weights = overall_weights(job, delivery_measured=delivery is not None)
    n = max(len(analyses), 1)
    parts = {part: 100 * sum(a.parts.get(part, 0.0) for a in analyses) / n for part in QUESTION_WEIGHTS}
    if delivery is not None:
        parts["delivery"] = 100 * delivery
    if "skill_coverage" in weights:
        parts["skill_coverage"] = 100 * metrics.required_skill_coverage
    parts = {part: round(parts[part], 1) for part in weights}
    score = max(0, min(100, round(sum(weights[p] * parts[p] for p in weights))))
    per_question = [question_feedback(a, domain) for a in analyses]
    required = job.requirements.skills_required
    if total_words == 0:
        return ScoreResult(
            engine="offline", rubric_version=rubric_version, score=0, weights=weights, parts=parts,
            summary=(f"No candidate answers were recorded in this transcript, so there is nothing to score yet (0/100 across "
                     f"{len(analyses)} question{'s' if len(analyses) != 1 else ''}). Run the practice again and answer "
                     "aloud; each answer is scored as soon as it is in the transcript."),
            strengths=[],
            improvements=_improvements(analyses, required, metrics, clock, domain)
            or [QuotedPoint(text="Nothing was said by the candidate, so there is nothing to quote.", quote="")],
            per_question=per_question, metrics=metrics,
        )
    return ScoreResult(
        engine="offline",
        rubric_version=rubric_version,
        score=score,
        weights=weights,
        parts=parts,
        summary=_summary(score, analyses, parts, weights, metrics, delivery_basis),
        strengths=_strengths(analyses, required, metrics),
        improvements=_improvements(analyses, required, metrics, clock, domain),
        per_question=per_question,
        metrics=metrics,
    )


def _summary(score: int, analyses: list[AnswerAnalysis], parts: dict[str, float], weights: dict[str, float],
             metrics: DeliveryMetrics, delivery_basis: str) -> str:
    answered = [a for a in analyses if a.answered]
    skipped = [a for a in analyses if not a.answered]
    count = f"{len(answered)} of {len(analyses)} question{'s' if len(analyses) != 1 else ''} answered"
    if skipped:
        count += f"; not answered: {T.join_names([str(a.index + 1) for a in skipped])}"
    ranked = sorted(weights, key=lambda p: (-parts[p], p))
    strongest, weakest = ranked[0], ranked[-1]
    sentences = [
        f"{score}/100 ({count}).",
        f"Strongest: {PART_LABELS[strongest]} ({parts[strongest]:.0f}); weakest: {PART_LABELS[weakest]} ({parts[weakest]:.0f}).",
    ]
    if "delivery" in weights and metrics.words_per_minute is not None:
        fillers = (f" with {metrics.fillers_per_minute:.1f} fillers per minute (up to {D.FILLER_FREE_PER_MINUTE:.0f} "
                   "carries no penalty)" if metrics.fillers_per_minute is not None else "")
        sentences.append(
            f"You spoke at {metrics.words_per_minute:.0f} words per minute{fillers} and {metrics.long_pauses} long "
            f"pause{'s' if metrics.long_pauses != 1 else ''}. {metrics.delivery_basis}"
        )
    else:
        share = round(100 * OVERALL_WEIGHTS["delivery"])
        sentences.append(f"{metrics.delivery_basis or delivery_basis} Its {share}% weight was shared among the other parts.")
    return " ".join(s.strip() for s in sentences)
