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

import re
from dataclasses import dataclass, field

from interviews.coach import delivery, knowledge, reading, rubric_points
from interviews.coach import text as coach_text
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
    group: delivery.AnswerGroup
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
    missing: list[str] = field(default_factory=list)  # points the answer clearly does not cover
    to_check: list[str] = field(default_factory=list)  # points the coach cannot tell: advised, not judged
    readings: dict[str, rubric_points.PointReading] = field(default_factory=dict)
    language: str = ""  # the answer's language when it is not the interview's ("es")
    repeated: int = 0  # how often the answer says the same text again (one paragraph pasted many times)
    read_text: str = ""  # what was read: the answer with repeated text kept once
    fillers: dict[str, int] = field(default_factory=dict)
    parts: dict[str, float] = field(default_factory=dict)
    score: int = 0

    @property
    def answered(self) -> bool:
        return self.words > 0

    def sentences(self) -> list[Quote]:
        """Candidate sentences, each an exact slice of one turn."""
        return [Quote(s.text, turn) for turn in self.group.candidate_turns for s in coach_text.sentences(turn.text)]


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


OTHER_LANGUAGE_PART = 0.5  # what cannot be read in another language counts half: neither praised nor punished
REPEAT_FACTOR = 0.6  # an answer that is mostly the same text again counts this share of what its text shows


def analyse_answer(index: int, question: PlannedQuestion, group: delivery.AnswerGroup, job: JobInput) -> AnswerAnalysis:
    analysis = AnswerAnalysis(index=index, question=question, group=group)
    text = group.text
    analysis.text = text
    analysis.words = coach_text.word_count(text)
    if not analysis.answered:
        analysis.star = coach_text.star_parts(text)
        analysis.missing = list(question.strong_answer_points)
        analysis.parts = {part: 0.0 for part in QUESTION_WEIGHTS}
        return analysis
    repeats = reading.repetition(text)
    if repeats.share >= reading.REPEATED_SHARE:
        analysis.repeated = repeats.times
        text = repeats.text  # read once; the repeats add nothing
    analysis.read_text = text
    analysis.language = reading.answer_language(text)
    if analysis.language:
        return _other_language(analysis)
    # What says something: sentences that are not only a claim that something matters, a vague catch-all or a
    # disclaimer. STAR cues and the question's words count only there ("the outcome was a good outcome" is no result).
    read = rubric_points.read_sentences(text)
    substance = rubric_points.substance(text)
    concrete_share = (sum(s.words for s in read if s.concrete) / max(1, sum(s.words for s in read)))
    analysis.star = coach_text.star_parts(substance)
    job_skills = [*job.requirements.skills_required, *job.requirements.skills_nice]
    if question.skill and question.skill not in job_skills:
        job_skills.append(question.skill)
    analysis.reasoning = coach_text.reasoning_cues(text)
    analysis.quantities = coach_text.quantities(text)
    analysis.i_actions = reading.own_actions(text, done_only=rubric_points.asks_what_was_done(question.text))
    analysis.we = coach_text.we_mentions(text)
    analysis.we_actions = coach_text.we_actions(text)
    analysis.vague = coach_text.vague_phrases(text)
    all_skills = reading.skills_shown(substance, answer=True)
    analysis.named = list(dict.fromkeys([*all_skills, *coach_text.proper_nouns(text)]))
    analysis.skills_shown = delivery.skills_in(text, job_skills)
    lower = text.lower()
    analysis.key_terms_shown = [term for term in job.requirements.key_terms if term.lower() in lower]
    analysis.fillers = delivery.count_fillers(text)
    context = " ".join([question.text, question.competency, *question.strong_answer_points])
    for point in question.strong_answer_points:
        found = rubric_points.read_point(point, text, question.text, context)
        analysis.readings[point] = found
        {rubric_points.COVERED: analysis.covered, rubric_points.NOT_COVERED: analysis.missing}.get(
            found.verdict, analysis.to_check).append(point)

    answer_terms = set(coach_text.content_terms(substance))
    question_terms = coach_text.content_terms(" ".join([question.text, question.competency, question.skill]))
    overlap = len(answer_terms & set(question_terms))
    on_question = _ratio(overlap, max(2.0, min(5.0, len(question_terms) * 0.3)))
    # A point the coach cannot tell counts half: it is neither credited nor held against the answer.
    points = ((len(analysis.covered) + 0.5 * len(analysis.to_check)) / len(question.strong_answer_points)
              if question.strong_answer_points else on_question)
    if job_skills or job.requirements.key_terms:
        on_job = _ratio(len(analysis.skills_shown) + len(analysis.key_terms_shown), 2)
        if question.skill and question.skill in analysis.skills_shown:
            on_job = 1.0
    else:
        on_job = on_question
    # Technical answers should use the job's skills; behavioural ones mostly need to answer what was asked.
    # The points read on clear evidence weigh most; the question's own words can be said back without content.
    if question.kind == "technical":
        relevance = 0.3 * on_question + 0.35 * points + 0.35 * on_job
    else:
        relevance = 0.3 * on_question + 0.55 * points + 0.15 * on_job

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
    read_words = coach_text.word_count(text)
    vague_rate = 100 * len(analysis.vague) / read_words
    plain = (1.0 - _ratio(vague_rate, 5)) * _ratio(read_words, THIN_WORDS)
    specificity = 0.3 * named + 0.3 * personal + 0.15 * plain + 0.25 * concrete_share

    analysis.parts = {
        "relevance": round(relevance, 3),
        "structure": round(structure, 3),
        "evidence": round(evidence, 3),
        "specificity": round(specificity, 3),
        "length": round(length_part(read_words), 3),
    }
    if analysis.repeated:
        analysis.parts = {part: round(value * REPEAT_FACTOR, 3) for part, value in analysis.parts.items()}
    analysis.score = round(100 * sum(QUESTION_WEIGHTS[p] * v for p, v in analysis.parts.items()))
    return analysis


def _other_language(analysis: AnswerAnalysis) -> AnswerAnalysis:
    """An answer in another language: named as such, and scored only on what reads the same in any language —
    its figures (digits, %) and its length. What it says is not judged: every point stays open, and the parts
    that need the words count half."""
    text = analysis.read_text
    analysis.star = {part: False for part in ("situation", "task", "action", "result")}
    analysis.quantities = [q for q in coach_text.quantities(text) if re.search(r"\d", q)]
    analysis.to_check = list(analysis.question.strong_answer_points)
    n_numbers = len(analysis.quantities)
    analysis.parts = {
        "relevance": OTHER_LANGUAGE_PART,
        "structure": OTHER_LANGUAGE_PART,
        "evidence": 0.0 if n_numbers == 0 else 0.6 if n_numbers == 1 else 0.85,
        "specificity": OTHER_LANGUAGE_PART,
        "length": round(length_part(len(re.findall(r"[^\W\d_]+", text))), 3),
    }
    if analysis.repeated:
        analysis.parts = {part: round(value * REPEAT_FACTOR, 3) for part, value in analysis.parts.items()}
    analysis.score = round(100 * sum(QUESTION_WEIGHTS[p] * v for p, v in analysis.parts.items()))
    return analysis


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in coach_text.words(text)]
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def same_answer(a: str, b: str) -> bool:
    """Whether two answers are the same answer, give or take a few words: most content words shared, or most
    three-word runs (a copy with a few words changed keeps nearly all of them)."""
    if coach_text.similarity(a, b) >= COPY_SIMILARITY:
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
    return coach_text.excerpt(text, max_words=QUOTE_WORDS)


def quotable(sentence: str) -> bool:
    """Whether a sentence can stand as evidence of a strength: concrete, not vague, generic, evasive or hedged
    ("We use React and stuff." is none of these)."""
    read = rubric_points.read_sentences(sentence)
    return bool(read) and all(part.concrete and not part.hedged for part in read) and not coach_text.vague_phrases(sentence)


def _best_sentence(analyses: list[AnswerAnalysis], key, *, minimum: float = 1,
                   strength: bool = False) -> tuple[AnswerAnalysis, Quote] | None:
    """The sentence scoring highest on `key`; with `strength`, only sentences that can be quoted as one."""
    best = None
    best_value = minimum - 1e-9
    for analysis in analyses:
        if strength and analysis.language:
            continue
        for sentence in analysis.sentences():
            if strength and not quotable(sentence.text):
                continue
            value = key(sentence.text)
            if value > best_value:
                best, best_value = (analysis, sentence), value
    return best


def _q(analysis: AnswerAnalysis) -> str:
    return f"question {analysis.index + 1}"


# --- Feedback per question ----------------------------------------------------------------------------------

def question_feedback(analysis: AnswerAnalysis, domain: str) -> QuestionFeedback:
    question = analysis.question
    outline = list(question.strong_answer_points) or list(knowledge.STAR_STEPS)
    if not analysis.answered:
        return QuestionFeedback(
            question=question.text, answer="", kind=question.kind, competency=question.competency, score=0,
            feedback=("No answer was given, so this question scores 0. "
                      f"A strong answer would cover: {coach_text.join_names([p.rstrip('.') for p in outline[:3]])}."),
            missing=list(question.strong_answer_points), model_answer=outline, parts=analysis.parts, skills_shown=[],
        )
    if analysis.language:
        return _other_language_feedback(analysis, outline)
    strong: list[str] = []
    missing: list[str] = list(analysis.missing)
    advice = [f"Make sure you say {coach_text.lower_first(point)}." for point in analysis.to_check]
    if analysis.quantities:
        strong.append(f"Quantified: {coach_text.join_names(coach_text.measured_quantities(analysis.text)[:3])}")
    if len(analysis.i_actions) >= 2:
        strong.append(f"Said what you did yourself ({coach_text.join_names(list(dict.fromkeys(analysis.i_actions))[:3])})")
    present = [part for part, ok in analysis.star.items() if ok]
    if len(present) == 4:
        strong.append("Complete STAR structure: situation, task, action and result")
    if analysis.skills_shown:
        strong.append(f"Showed {coach_text.join_names(analysis.skills_shown[:3])}")
    if analysis.reasoning >= 2 and question.kind == "technical":
        strong.append("Explained reasons and trade-offs, not just what was done")
    absent = [part for part, ok in analysis.star.items() if not ok]
    if absent and question.kind in STORY_KINDS:  # cue words are not proof a part is missing: advice, not a verdict
        advice.append(f"Make the story's {coach_text.join_names(absent)} easy to hear.")
    if question.skill and question.skill not in analysis.skills_shown:
        advice.append(f"Name {question.skill} where you used it: this question is about it.")

    good = _good_sentence(analysis)
    fix = _fix_sentence(analysis, domain)
    feedback = " ".join(s for s in (good, fix) if s)
    if analysis.missing:
        feedback += f" Not covered: {analysis.missing[0].rstrip('.')}."
    elif analysis.to_check:
        feedback += f" Make sure you say {coach_text.lower_first(analysis.to_check[0])}."
    if analysis.repeated:
        feedback = (f"The same text is said {analysis.repeated} times in this answer; it was read once and counts for less. "
                    + feedback)
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
        covered=list(analysis.covered), to_check=list(analysis.to_check), advice=advice,
        model_answer=outline, parts=analysis.parts, skills_shown=analysis.skills_shown,
    )


def _other_language_feedback(analysis: AnswerAnalysis, outline: list[str]) -> QuestionFeedback:
    question = analysis.question
    name = reading.language_name(analysis.language)
    said = f"in {name}" if name != "another language" else "in another language"
    feedback = (f"This answer is {said}, and the interview is in English, so what it says was not judged: it was "
                "scored only on its figures and length, with the rest counted at half. Give it again in English to "
                "be scored on its content.")
    return QuestionFeedback(
        question=question.text, answer=analysis.text, kind=question.kind, competency=question.competency,
        score=max(0, min(100, analysis.score)), feedback=feedback, strong=[], missing=[], covered=[],
        to_check=list(analysis.to_check), advice=[f"Answer in English, the interview's language (this answer is {said})."],
        model_answer=outline, parts=analysis.parts, skills_shown=[], language=analysis.language,
    )


def _good_sentence(analysis: AnswerAnalysis) -> str:
    if analysis.quantities and analysis.star["result"]:
        result_sentences = [q.text for q in analysis.sentences()
                            if coach_text.star_parts(q.text)["result"] and coach_text.quantities(q.text)]
        if result_sentences:
            figures = coach_text.join_names(coach_text.measured_quantities(result_sentences[0])[:2])
            return f"You backed the story with a measurable result ({figures}), which makes it credible."
        figures = coach_text.join_names(coach_text.measured_quantities(analysis.text)[:2])
        return f"You gave concrete figures ({figures}) and ended on the outcome."
    if len(analysis.i_actions) >= 2:
        verbs = coach_text.join_names(list(dict.fromkeys(analysis.i_actions))[:3])
        return f"You made your own part clear — you {verbs}."
    if analysis.skills_shown:
        return f"You tied the answer to {coach_text.join_names(analysis.skills_shown[:2])}, which the job asks for."
    if analysis.star["situation"]:
        return "You set the scene, so the listener knows where this happened."
    if analysis.parts.get("relevance", 0) >= 0.5:
        return "You stayed on the question."
    return "You answered, but the answer stays general."


def _result_shown(analysis: AnswerAnalysis) -> bool:
    return analysis.star.get("result", False) or any(
        reading_.concept == "result" and reading_.verdict == rubric_points.COVERED for reading_ in analysis.readings.values())


def _fix_sentence(analysis: AnswerAnalysis, domain: str) -> str:
    if analysis.language:
        return f"It is in {reading.language_name(analysis.language)}: give it in English, the interview's language."
    words = coach_text.word_count(analysis.read_text or analysis.text)
    if words < THIN_WORDS:
        return (f"At {words} words it is too short to convince: give one specific example with what you did "
                "and what changed.")
    if reading.leans_on_we(analysis.read_text or analysis.text):
        return "It is mostly “we” — say what you personally did, step by step."
    if not analysis.quantities:
        return f"It has no numbers: add the result you can measure ({knowledge.METRIC_HINTS[domain]})."
    if not _result_shown(analysis) and analysis.question.kind in STORY_KINDS:
        return "Make sure it ends on the result: say what changed and what you learned."
    if analysis.vague:
        return f"Replace vague words (“{analysis.vague[0]}”) with the actual names and numbers."
    if words > LONG_WORDS:
        return f"At {words} words it runs long: keep to about two minutes (under {IDEAL_WORDS[1]} words)."
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

    # Every strength quotes a concrete sentence of an answer in the interview's language, never a vague or
    # evasive one, and never a repeat of another answer.
    answered = [a for a in answered if not a.language and a.copy_of is None]
    found = _best_sentence(
        answered, lambda s: len(coach_text.quantities(s)) + (1 if coach_text.star_parts(s)["result"] else 0) * 0.5,
        strength=True)
    if found and coach_text.quantities(found[1].text):
        add(f"You quantified a result in {_q(found[0])}.", _cut(found[1].text))
    found = _best_sentence(answered, lambda s: len(reading.own_actions(s)), strength=True)
    if found:
        add(f"You said clearly what you did yourself in {_q(found[0])}.", _cut(found[1].text))
    for skill in required:
        hit = _best_sentence(answered, lambda s, skill=skill: 1 if skill in delivery.skills_in(s, [skill]) else 0, strength=True)
        if hit:
            add(f"You showed {skill}, a required skill, with an example ({_q(hit[0])}).", _cut(hit[1].text))
            break
    complete = [a for a in answered if all(a.star.values())]
    if complete:
        result = _best_sentence(complete[:1], lambda s: 1 if coach_text.star_parts(s)["result"] else 0, strength=True)
        if result:
            add(f"Your answer to {_q(complete[0])} had a complete STAR structure, ending on the result.", _cut(result[1].text))
    if metrics.fillers_per_minute is not None and metrics.fillers_per_minute <= delivery.FILLER_FREE_PER_MINUTE:
        clean = _best_sentence(answered, lambda s: coach_text.word_count(s) if not delivery.filler_total(s) else 0, minimum=8,
                               strength=True)
        if clean:
            add(f"Few fillers: {metrics.fillers_per_minute:.1f} per minute, within the 5 that carry no penalty.",
                _cut(clean[1].text))
    named = _best_sentence(answered, lambda s: len(coach_text.proper_nouns(s)) + len(get_taxonomy().find_in_line(s)),
                           strength=True)
    if named:
        add(f"You named concrete tools, places or people in {_q(named[0])}, which makes the example believable.",
            _cut(named[1].text))
    # Only real strengths: an answer earns a mention for staying on the question, never by default.
    on_topic = sorted(answered, key=lambda a: (-a.parts.get("relevance", 0), a.index))
    for analysis in on_topic:
        if len(points) >= 3 or analysis.parts.get("relevance", 0) < 0.45:
            break
        first = analysis.sentences()[:1]
        if first and quotable(first[0].text):
            add(f"You went straight to the point in {_q(analysis)}.", _cut(first[0].text))
    return points


def _improvements(analyses: list[AnswerAnalysis], required: list[str], metrics: DeliveryMetrics,
                  clock: delivery.Timing, domain: str) -> list[QuotedPoint]:
    answered = [a for a in analyses if a.answered]
    points: list[QuotedPoint] = []
    used: list[str] = []

    def add(text: str, quote: str) -> None:
        if quote and quote not in used and len(points) < 5:
            used.append(quote)
            points.append(QuotedPoint(text=text, quote=quote))

    skipped = [a for a in analyses if not a.answered]
    if skipped:
        which = coach_text.join_names([str(a.index + 1) for a in skipped])
        plural = "s" if len(skipped) > 1 else ""
        points.append(QuotedPoint(text=f"You did not answer question{plural} {which}; even a short, honest example "
                                       "scores better than silence."))
    for analysis in [a for a in answered if a.language][:1]:
        name = reading.language_name(analysis.language)
        said = f"in {name}" if name != "another language" else "in another language"
        opening = analysis.sentences()[:1]
        add(f"Your answer to {_q(analysis)} was {said}; the interview is in English, so its content could not be "
            "judged. Practise it in English.", _cut(opening[0].text) if opening else "")
    for analysis in [a for a in answered if a.repeated][:1]:
        opening = analysis.sentences()[:1]
        add(f"Your answer to {_q(analysis)} says the same text {analysis.repeated} times; it was read once. Say it "
            "once, then add what happened and what you did.", _cut(opening[0].text) if opening else "")
    copies = [a for a in answered if a.copy_of is not None]
    if copies:
        first = copies[0]
        numbers = coach_text.join_names([str(first.copy_of + 1)]
                                        + [str(a.index + 1) for a in copies if a.copy_of == first.copy_of])
        opening = first.sentences()[:1]
        add(f"You gave the same answer to questions {numbers}; each question asks for a different example, so "
            "the repeats counted for less than half.", _cut(opening[0].text) if opening else "")
    no_numbers = [a for a in answered if not a.quantities and not a.language]
    if no_numbers:
        target = no_numbers[0]
        last = target.sentences()[-1:]
        if last:
            add(f"Your answer to {_q(target)} ends without a number: add the result ({knowledge.METRIC_HINTS[domain]}).",
                _cut(last[0].text))
    we_heavy = _best_sentence([a for a in answered if not a.language and reading.leans_on_we(a.read_text or a.text)],
                              lambda s: len(coach_text.we_actions(s)) if not coach_text.i_actions(s) else 0)
    if we_heavy:
        add(f"In {_q(we_heavy[0])} you said “we” where the interviewer needs to hear what you did.", _cut(we_heavy[1].text))
    fillers = _best_sentence(answered, lambda s: delivery.filler_total(s), minimum=2)
    if fillers:
        rate = f" ({metrics.fillers_per_minute:.1f} per minute overall)" if metrics.fillers_per_minute is not None else ""
        add(f"Fillers crowd this sentence{rate}; pause silently instead.", _cut(fillers[1].text))
    vague = _best_sentence(answered, lambda s: len(coach_text.vague_phrases(s)))
    if vague:
        add(f"Vague words in {_q(vague[0])} — name the actual thing.", _cut(vague[1].text))
    for analysis in answered:
        if analysis.words < THIN_WORDS:
            add(f"Your answer to {_q(analysis)} was {analysis.words} words — too short to show how you work.",
                _cut(analysis.text if len(analysis.group.candidate_turns) == 1 else analysis.group.candidate_turns[0].text))
    for analysis in answered:
        if analysis.words > LONG_WORDS and not analysis.repeated:
            first = analysis.sentences()[:1]
            if first:
                add(f"Your answer to {_q(analysis)} ran to {analysis.words} words; aim for under {IDEAL_WORDS[1]}.",
                    _cut(first[0].text))
    for turn in clock.pause_turns[:1]:
        add(f"You waited more than {delivery.LONG_PAUSE_MS // 1000} seconds before this answer; a short holding phrase "
            "(“Let me think of the best example”) helps.", _cut(turn.text))
    shown = {s for a in answered for s in a.skills_shown}
    missing = [s for s in required if s not in shown]
    for skill in missing[:1]:
        asked = next((a for a in analyses if a.question.skill == skill and a.group.question_text), None)
        if asked and len(points) < 5:
            points.append(QuotedPoint(text=f"{skill}, which the job requires, was not heard in your answers — not even in "
                                           f"{_q(asked)}, which asked about it. Name it where you used it."))
    if metrics.words_per_minute is not None and not (delivery.IDEAL_WPM[0] <= metrics.words_per_minute <= delivery.IDEAL_WPM[1]):
        pace = "fast" if metrics.words_per_minute > delivery.IDEAL_WPM[1] else "slow"
        longest = max(answered, key=lambda a: a.words, default=None)
        if longest and longest.sentences():
            add(f"You spoke at {metrics.words_per_minute:.0f} words per minute — a little {pace}; aim for "
                f"{delivery.IDEAL_WPM[0]:.0f}–{delivery.IDEAL_WPM[1]:.0f}.", _cut(longest.sentences()[0].text))
    # A short list still has to teach something: strong-answer points left out, then each answer's next step.
    for analysis in sorted(answered, key=lambda a: (a.score, a.index)):
        if len(points) >= 3:
            break
        first = analysis.sentences()[:1]
        if first and analysis.missing:
            add(f"Your answer to {_q(analysis)} did not cover: {coach_text.lower_first(analysis.missing[0])}.",
                _cut(first[0].text))
        elif first and analysis.to_check:
            add(f"In your answer to {_q(analysis)}, make sure you say {coach_text.lower_first(analysis.to_check[0])}.",
                _cut(first[0].text))
    for analysis in sorted(answered, key=lambda a: (a.score, a.index)):
        if len(points) >= 3:
            break
        last = analysis.sentences()[-1:]
        if last:
            advice = coach_text.lower_first(_fix_sentence(analysis, domain))
            add(f"Your answer to {_q(analysis)} scored {analysis.score}; next step: {advice}", _cut(last[0].text))
    return points


# --- The whole transcript -----------------------------------------------------------------------------------

def analyse_transcript(
    transcript: list[TranscriptTurnIn], questions: list[PlannedQuestion], job: JobInput
) -> tuple[list[AnswerAnalysis], DeliveryMetrics, delivery.Timing]:
    groups = delivery.group_answers(transcript, len(questions))
    analyses = []
    for group in groups:
        if group.index < len(questions):
            question = questions[group.index]
        else:  # the interviewer asked more than was planned: score it against its own words
            question = PlannedQuestion(kind=guess_kind(group.question_text), competency="", text=group.question_text or "",
                                       rationale="Asked in the interview; not part of the plan.")
        analyses.append(analyse_answer(group.index, question, group, job))
    mark_copies(analyses)
    metrics = delivery.transcript_metrics(
        transcript, question_count=len(questions), required_skills=job.answerable_skills, groups=groups
    )
    return analyses, metrics, delivery.timing(transcript)


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
    if not job.answerable_skills:
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
    delivery_part, delivery_basis = delivery.delivery_score(metrics, total_words=total_words)
    weights = overall_weights(job, delivery_measured=delivery_part is not None)
    n = max(len(analyses), 1)
    parts = {part: 100 * sum(a.parts.get(part, 0.0) for a in analyses) / n for part in QUESTION_WEIGHTS}
    if delivery_part is not None:
        parts["delivery"] = 100 * delivery_part
    if "skill_coverage" in weights:
        parts["skill_coverage"] = 100 * metrics.required_skill_coverage
    parts = {part: round(parts[part], 1) for part in weights}
    score = max(0, min(100, round(sum(weights[p] * parts[p] for p in weights))))
    per_question = [question_feedback(a, domain) for a in analyses]
    required = job.answerable_skills
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
        count += f"; not answered: {coach_text.join_names([str(a.index + 1) for a in skipped])}"
    ranked = sorted(weights, key=lambda p: (-parts[p], p))
    strongest, weakest = ranked[0], ranked[-1]
    sentences = [
        f"{score}/100 ({count}).",
        f"Strongest: {PART_LABELS[strongest]} ({parts[strongest]:.0f}); weakest: {PART_LABELS[weakest]} ({parts[weakest]:.0f}).",
    ]
    if "delivery" in weights and metrics.words_per_minute is not None:
        fillers = (f" with {metrics.fillers_per_minute:.1f} fillers per minute (up to {delivery.FILLER_FREE_PER_MINUTE:.0f} "
                   "carries no penalty)" if metrics.fillers_per_minute is not None else "")
        sentences.append(
            f"You spoke at {metrics.words_per_minute:.0f} words per minute{fillers} and {metrics.long_pauses} long "
            f"pause{'s' if metrics.long_pauses != 1 else ''}. {metrics.delivery_basis}"
        )
    else:
        share = round(100 * OVERALL_WEIGHTS["delivery"])
        sentences.append(f"{metrics.delivery_basis or delivery_basis} Its {share}% weight was shared among the other parts.")
    return " ".join(s.strip() for s in sentences)
