"""Delivery and coverage measurements from a transcript — computed, never asked of a model.

Both engines call `transcript_metrics` so these numbers mean the same thing whoever wrote the
feedback. Definitions (they are part of what a candidate is told, so they are kept plain):

* **Spoken answers only**: speaking rate, fillers and pauses are measured only on candidate turns
  that were spoken — `input_mode` "dictated" (the practice room's microphone) or "spoken" (the voice
  interview) — or, when nobody recorded the mode (older transcripts, operator files), turns whose
  timings are plausible for speech. Typed and partly typed answers are scored on content alone and
  delivery is "not measured (typed)".
* **Plausibility guards**: a turn timed faster than `SPEECH_WPM[1]` or slower than `SPEECH_WPM[0]`
  words a minute is not speech (a pasted answer "took" 80 ms, 42701 wpm) and is left out; a rate
  needs at least `MIN_SPEECH_SECONDS` of speech; a filler rate above `MAX_FILLERS_PER_MINUTE` is not
  reported; a wait longer than `MAX_PAUSE_MS` is the candidate stepping away, not a hesitation.
* **Words per minute**: words in the measured turns, divided by their summed length. Turns without
  times are left out of the rate (not guessed).
* **Fillers per minute**: fillers in those same timed turns per minute of speaking. Up to
  `FILLER_FREE_PER_MINUTE` (5/min) carries no penalty; at `FILLER_HURTS_PER_MINUTE` (12/min) the
  filler score is down to 0.3, and it reaches 0 at 20/min (linear in between). Without timestamps
  the counts are still reported, but the rate is None.
* **Long pause**: a candidate turn that starts more than `LONG_PAUSE_MS` (3 s) after the previous
  turn (of either speaker) ended — the wait after the interviewer's question, or a gap between two
  pieces of the same answer. Silences inside a turn cannot be seen without word timings, and the
  interviewer's own gaps are not the candidate's.
* **Filler words**: um/umm/uhm, uh, er/erm, "like" used as a filler (", like," / "and like" /
  "like 20 minutes" — not "I'd like", "looks like", "something like"), "you know" as a tag (not
  "do you know", "you know how"), basically, actually, literally, "sort of"/"kind of" as hedges
  (not "a kind of database"), "I mean" opening a clause (not "what I mean"), "so yeah".
"""

import re
from dataclasses import dataclass, field

from interviews.coach import reading, rubric_points
from interviews.coach import text as coach_text
from interviews.coach.schemas import DeliveryMetrics, TranscriptTurnIn

LONG_PAUSE_MS = 3000
FILLER_FREE_PER_MINUTE = 5.0
FILLER_HURTS_PER_MINUTE = 12.0
FILLER_ZERO_PER_MINUTE = 20.0
IDEAL_WPM = (120.0, 170.0)
SPEECH_WPM = (40.0, 300.0)  # outside this, a turn's timings cannot be those of someone speaking
MIN_SPEECH_SECONDS = 10.0
MAX_FILLERS_PER_MINUTE = 40.0
MAX_PAUSE_MS = 120_000
_RATE_CHECK_WORDS = 5  # a turn of fewer words is too short to judge its rate on its own

_SIMPLE_FILLERS = [
    ("um", re.compile(r"\b(?:u+h*m+|hmm+)\b", re.IGNORECASE)),
    ("uh", re.compile(r"\bu+h+\b", re.IGNORECASE)),
    ("er", re.compile(r"\be+r+m*\b", re.IGNORECASE)),
    ("basically", re.compile(r"\bbasically\b", re.IGNORECASE)),
    ("actually", re.compile(r"\bactually\b", re.IGNORECASE)),
    ("literally", re.compile(r"\bliterally\b", re.IGNORECASE)),
    ("so yeah", re.compile(r"\bso,?\s+yeah\b", re.IGNORECASE)),
]
_LIKE_RE = re.compile(r"\blike\b", re.IGNORECASE)
_LIKE_FILLER_BEFORE = coach_text.wordset(
    "and so but um uh er was were is it's that's i'm we're they're he's she's yeah then , like")
_LIKE_NOT_FILLER_BEFORE = coach_text.wordset(
    "i i'd we'd you'd they'd would 'd to looks look looked feel felt seems seem seemed sounds sound something "
    "anything nothing things more much don't didn't doesn't really also exactly just"
)
_YOU_KNOW_RE = re.compile(r"\byou know\b", re.IGNORECASE)
_HEDGE_RE = re.compile(r"\b(sort|kind) of\b", re.IGNORECASE)
_HEDGE_NOUN_BEFORE = coach_text.wordset("a an the this that what which any some every one same these those different all no")
_I_MEAN_RE = re.compile(r"\bI mean\b", re.IGNORECASE)


def _word_before(text: str, index: int) -> str:
    match = re.search(r"([A-Za-z']+|,)\s*$", text[:index])
    return match.group(1).lower() if match else ""


def _sentence_start(text: str, index: int) -> bool:
    return re.search(r"(^|[.!?]\s*)$", text[:index]) is not None


def count_fillers(text: str) -> dict[str, int]:
    """Filler words and phrases in `text`, by canonical filler, in a fixed order."""
    counts: dict[str, int] = {}
    text = text or ""
    for name, regex in _SIMPLE_FILLERS:
        n = len(regex.findall(text))
        if n:
            counts[name] = n
    like = 0
    for match in _LIKE_RE.finditer(text):
        before = _word_before(text, match.start())
        after = text[match.end():match.end() + 12]
        if before in _LIKE_NOT_FILLER_BEFORE:
            continue
        if (
            _sentence_start(text, match.start())
            or before == ","
            or after.startswith(",")
            or before in _LIKE_FILLER_BEFORE
            or re.match(r"\s+(?:\d|a few|maybe)", after)
        ) and not re.match(r"\s+(?:to\b|I said|I mentioned)", after):
            like += 1
    if like:
        counts["like"] = like
    you_know = 0
    for match in _YOU_KNOW_RE.finditer(text):
        before = _word_before(text, match.start())
        after = text[match.end():match.end() + 16].lower()
        if before in {"do", "did", "if", "don't", "didn't", "would", "you", "will", "to"}:
            continue
        tag = re.match(r"\s*([,.!?]|$)", after) or after.startswith(" what i mean")
        if tag or before == "," or _sentence_start(text, match.start()):
            you_know += 1
    if you_know:
        counts["you know"] = you_know
    hedges: dict[str, int] = {}
    for match in _HEDGE_RE.finditer(text):
        if _word_before(text, match.start()) in _HEDGE_NOUN_BEFORE:
            continue
        key = f"{match.group(1).lower()} of"
        hedges[key] = hedges.get(key, 0) + 1
    for key in ("sort of", "kind of"):
        if hedges.get(key):
            counts[key] = hedges[key]
    i_mean = 0
    for match in _I_MEAN_RE.finditer(text):
        before = _word_before(text, match.start())
        if before in {"what", "which", "that"}:
            continue
        if _sentence_start(text, match.start()) or before == "," or text[match.end():match.end() + 1] == ",":
            i_mean += 1
    if i_mean:
        counts["I mean"] = i_mean
    return counts


def filler_total(text: str) -> int:
    return sum(count_fillers(text).values())


def filler_score(per_minute: float) -> float:
    """1.0 up to 5 fillers/min, 0.3 at 12/min, 0 at 20/min or more (linear in between)."""
    if per_minute <= FILLER_FREE_PER_MINUTE:
        return 1.0
    if per_minute <= FILLER_HURTS_PER_MINUTE:
        span = FILLER_HURTS_PER_MINUTE - FILLER_FREE_PER_MINUTE
        return 1.0 - 0.7 * (per_minute - FILLER_FREE_PER_MINUTE) / span
    if per_minute >= FILLER_ZERO_PER_MINUTE:
        return 0.0
    return 0.3 * (FILLER_ZERO_PER_MINUTE - per_minute) / (FILLER_ZERO_PER_MINUTE - FILLER_HURTS_PER_MINUTE)


def pace_score(wpm: float) -> float:
    """1.0 between 120 and 170 words per minute, falling to 0 at 60 and at 250."""
    low, high = IDEAL_WPM
    if low <= wpm <= high:
        return 1.0
    if wpm < low:
        return max(0.0, (wpm - 60.0) / (low - 60.0))
    return max(0.0, (250.0 - wpm) / (250.0 - high))


@dataclass
class AnswerGroup:
    """Everything said about one question: the interviewer's words and the candidate's turns."""

    index: int
    question_turns: list[TranscriptTurnIn] = field(default_factory=list)
    candidate_turns: list[TranscriptTurnIn] = field(default_factory=list)

    @property
    def question_text(self) -> str:
        main = [t.text for t in self.question_turns if not t.is_follow_up]
        return (main or [t.text for t in self.question_turns] or [""])[0].strip()

    @property
    def text(self) -> str:
        return " ".join(t.text.strip() for t in self.candidate_turns if t.text.strip())

    @property
    def words(self) -> int:
        return coach_text.word_count(self.text)

    @property
    def answered(self) -> bool:
        return self.words > 0


def group_answers(transcript: list[TranscriptTurnIn], question_count: int = 0) -> list[AnswerGroup]:
    """Map turns to questions: by `question_index` when given, else by the order of interviewer turns.

    An interviewer turn marked `is_follow_up` stays with the current question; every other
    interviewer turn without an index opens the next question. Candidate turns before any question
    belong to question 0. The result has one group per planned question (at least), in order.
    """
    groups: dict[int, AnswerGroup] = {}
    current = -1
    next_index = 0
    for turn in transcript:
        if turn.role == "interviewer":
            if turn.question_index is not None:
                current = turn.question_index
            elif turn.is_follow_up and current >= 0:
                pass
            else:
                current = next_index
            next_index = max(next_index, current + 1)
            groups.setdefault(current, AnswerGroup(current)).question_turns.append(turn)
        else:
            index = turn.question_index if turn.question_index is not None else max(current, 0)
            next_index = max(next_index, index + 1)
            groups.setdefault(index, AnswerGroup(index)).candidate_turns.append(turn)
    size = max([question_count, *(i + 1 for i in groups)])
    return [groups.get(i) or AnswerGroup(i) for i in range(size)]


def is_typed(turn: TranscriptTurnIn) -> bool:
    return turn.role == "candidate" and turn.input_mode in ("typed", "mixed")


def is_timed(turn: TranscriptTurnIn) -> bool:
    return turn.start_ms is not None and turn.end_ms is not None and turn.end_ms > turn.start_ms


def is_speech(turn: TranscriptTurnIn) -> bool:
    """Whether a candidate turn's timings measure speech: spoken (or not recorded), timed, at a human rate."""
    if turn.role != "candidate" or is_typed(turn) or not is_timed(turn):
        return False
    words = coach_text.word_count(turn.text)
    if words < _RATE_CHECK_WORDS:
        return words > 0
    rate = words / ((turn.end_ms - turn.start_ms) / 60000.0)
    return SPEECH_WPM[0] <= rate <= SPEECH_WPM[1]


@dataclass
class Timing:
    words_per_minute: float | None
    fillers_per_minute: float | None
    speaking_seconds: float | None
    long_pauses: int
    pause_turns: list[TranscriptTurnIn]  # spoken candidate turns that started after a long pause
    speech_turns: list[TranscriptTurnIn] = field(default_factory=list)  # the turns delivery was measured on

    @property
    def measured(self) -> bool:
        return self.words_per_minute is not None


def timing(transcript: list[TranscriptTurnIn]) -> Timing:
    """Rate, filler rate and long pauses over the spoken turns, each behind its plausibility guard."""
    speech = [turn for turn in transcript if is_speech(turn)]
    speech_ids = {id(turn) for turn in speech}
    timed_ms = sum(turn.end_ms - turn.start_ms for turn in speech)
    timed_words = sum(coach_text.word_count(turn.text) for turn in speech)
    timed_fillers = sum(filler_total(turn.text) for turn in speech)
    pauses: list[TranscriptTurnIn] = []
    previous_end: int | None = None
    for turn in transcript:
        if id(turn) in speech_ids and previous_end is not None and LONG_PAUSE_MS < turn.start_ms - previous_end <= MAX_PAUSE_MS:
            pauses.append(turn)
        if turn.end_ms is not None:
            previous_end = turn.end_ms
        elif turn.start_ms is None:
            previous_end = None  # an untimed turn breaks the chain: its length is unknown
    if timed_ms < MIN_SPEECH_SECONDS * 1000 or timed_words == 0:
        return Timing(None, None, None, len(pauses), pauses, speech)
    minutes = timed_ms / 60000.0
    wpm = timed_words / minutes
    if not SPEECH_WPM[0] <= wpm <= SPEECH_WPM[1]:
        return Timing(None, None, None, len(pauses), pauses, speech)
    fillers = timed_fillers / minutes
    return Timing(
        words_per_minute=round(wpm, 1),
        fillers_per_minute=round(fillers, 2) if fillers <= MAX_FILLERS_PER_MINUTE else None,
        speaking_seconds=round(timed_ms / 1000.0, 1),
        long_pauses=len(pauses),
        pause_turns=pauses,
        speech_turns=speech,
    )


def skills_in(text: str, job_skills: list[str]) -> list[str]:
    """Job skills that `text` shows the candidate using — negated mentions left out, technology families
    counted (see `reading`), and only in sentences that say something ("We use React and stuff." or "AI is the
    future" show nothing; see `rubric_points.substance`); every skill shown when the job lists none."""
    return reading.skills_shown(rubric_points.substance(text or ""), job_skills or None, answer=True)


def transcript_metrics(
    transcript: list[TranscriptTurnIn],
    *,
    question_count: int = 0,
    required_skills: list[str] | None = None,
    groups: list[AnswerGroup] | None = None,
) -> DeliveryMetrics:
    """Every number in `DeliveryMetrics`, from the transcript alone."""
    groups = groups if groups is not None else group_answers(transcript, question_count)
    clock = timing(transcript)
    # Fillers are a speech habit: counted only where the answer may have been spoken.
    counts = count_fillers(" ".join(t.text for t in transcript if t.role == "candidate" and not is_typed(t)))
    answered = [g for g in groups if g.answered]
    speech_ids = {id(turn) for turn in clock.speech_turns}
    spoken = [g for g in answered if any(id(t) in speech_ids for t in g.candidate_turns)]
    typed = [g for g in answered if all(is_typed(t) for t in g.candidate_turns)]
    answer_words = [g.words for g in answered]
    star = [sum(coach_text.star_parts(g.text).values()) / 4 for g in answered]
    required = list(required_skills or [])
    shown: dict[str, None] = {}
    for group in answered:
        for skill in skills_in(group.text, required):
            shown.setdefault(skill, None)
    return DeliveryMetrics(
        words_per_minute=clock.words_per_minute,
        fillers_per_minute=clock.fillers_per_minute,
        filler_counts=counts,
        long_pauses=clock.long_pauses,
        answer_words=answer_words,
        average_answer_words=round(sum(answer_words) / len(answer_words), 1) if answer_words else 0.0,
        speaking_seconds=clock.speaking_seconds,
        star_coverage=round(sum(star) / len(star), 3) if star else 0.0,
        quantified_answers=sum(1 for g in answered if coach_text.quantities(g.text)),
        required_skill_coverage=round(len(shown) / len(required), 3) if required else 0.0,
        answered=len(answered),
        skipped=len(groups) - len(answered),
        delivery_measured=clock.measured,
        spoken_answers=len(spoken) if clock.measured else 0,
        typed_answers=len(typed),
        delivery_basis=delivery_basis(clock, answered=len(answered), spoken=len(spoken), typed=len(typed)),
    )


def delivery_basis(clock: Timing, *, answered: int, spoken: int, typed: int) -> str:
    """One plain sentence: what delivery was measured on, or why it was not measured."""
    if clock.measured:
        seconds = clock.speaking_seconds or 0
        if spoken < answered:
            return (f"Delivery was measured on the {spoken} of {answered} answers that were spoken "
                    f"({seconds:.0f} seconds of speech); typed answers are scored on content only.")
        return f"Delivery was measured on all {answered} spoken answers ({seconds:.0f} seconds of speech)."
    if answered and typed == answered:
        return ("Delivery was not measured (typed): speaking pace, fillers and pauses only apply to spoken answers, so "
                "your answers were scored on content alone.")
    if clock.speech_turns:
        return ("Delivery was not measured: there was too little speech with usable timings to measure pace, fillers "
                "and pauses.")
    if answered:
        return ("Delivery was not measured: no answer had timings that could be speech, so the answers were scored on "
                "content alone.")
    return "Delivery was not measured: nothing was said."


def delivery_score(metrics: DeliveryMetrics, *, total_words: int) -> tuple[float | None, str]:
    """0..1 for how the spoken answers were delivered (None when delivery was not measured), and what it rests on."""
    if total_words == 0 or not metrics.delivery_measured or metrics.words_per_minute is None:
        return None, metrics.delivery_basis or "delivery was not measured"
    fillers = filler_score(metrics.fillers_per_minute) if metrics.fillers_per_minute is not None else 1.0
    pace = pace_score(metrics.words_per_minute)
    pauses = max(0.0, 1.0 - 0.25 * metrics.long_pauses / max(metrics.spoken_answers, 1) * 2)
    value = 0.5 * fillers + 0.3 * pace + 0.2 * pauses
    return round(value, 3), "fillers 50%, pace 30%, long pauses 20%"


def plausible(metrics: dict) -> dict:
    """Stored metrics (of any rubric, however old) with every value a person could not produce removed."""
    shown = dict(metrics)
    wpm = shown.get("words_per_minute")
    if wpm is not None and not SPEECH_WPM[0] <= wpm <= SPEECH_WPM[1]:
        shown["words_per_minute"] = shown["fillers_per_minute"] = None
        shown["delivery_measured"] = False
    fillers = shown.get("fillers_per_minute")
    if fillers is not None and not 0 <= fillers <= MAX_FILLERS_PER_MINUTE:
        shown["fillers_per_minute"] = None
    return shown
