"""Delivery and coverage measurements from a transcript — computed, never asked of a model.

Both engines call `transcript_metrics` so these numbers mean the same thing whoever wrote the
feedback. Definitions (they are part of what a candidate is told, so they are kept plain):

* **Words per minute**: words in candidate turns that have both `start_ms` and `end_ms`, divided by
  the summed length of those turns. Turns without times are left out of the rate (not guessed).
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

from interviews.coach import text as T
from interviews.coach.schemas import DeliveryMetrics, TranscriptTurnIn
from resumes.taxonomy import get_taxonomy

LONG_PAUSE_MS = 3000
FILLER_FREE_PER_MINUTE = 5.0
FILLER_HURTS_PER_MINUTE = 12.0
FILLER_ZERO_PER_MINUTE = 20.0
IDEAL_WPM = (120.0, 170.0)
ASSUMED_WPM = 150.0  # only to estimate the filler rate for the delivery score when there are no timestamps

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
_LIKE_FILLER_BEFORE = T.wordset("and so but um uh er was were is it's that's i'm we're they're he's she's yeah then , like")
_LIKE_NOT_FILLER_BEFORE = T.wordset(
    "i i'd we'd you'd they'd would 'd to looks look looked feel felt seems seem seemed sounds sound something "
    "anything nothing things more much don't didn't doesn't really also exactly just"
)
_YOU_KNOW_RE = re.compile(r"\byou know\b", re.IGNORECASE)
_HEDGE_RE = re.compile(r"\b(sort|kind) of\b", re.IGNORECASE)
_HEDGE_NOUN_BEFORE = T.wordset("a an the this that what which any some every one same these those different all no")
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
        return T.word_count(self.text)

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


@dataclass
class Timing:
    words_per_minute: float | None
    fillers_per_minute: float | None
    speaking_seconds: float | None
    long_pauses: int
    pause_turns: list[TranscriptTurnIn]  # candidate turns that started after a long pause


def timing(transcript: list[TranscriptTurnIn]) -> Timing:
    timed_ms = 0
    timed_words = 0
    timed_fillers = 0
    for turn in transcript:
        if turn.role != "candidate" or turn.start_ms is None or turn.end_ms is None or turn.end_ms <= turn.start_ms:
            continue
        timed_ms += turn.end_ms - turn.start_ms
        timed_words += T.word_count(turn.text)
        timed_fillers += filler_total(turn.text)
    pauses: list[TranscriptTurnIn] = []
    previous_end: int | None = None
    for turn in transcript:
        speaks = turn.role == "candidate" and turn.start_ms is not None and T.word_count(turn.text) > 0
        if speaks and previous_end is not None and turn.start_ms - previous_end > LONG_PAUSE_MS:
            pauses.append(turn)
        if turn.end_ms is not None:
            previous_end = turn.end_ms
        elif turn.start_ms is None:
            previous_end = None  # an untimed turn breaks the chain: its length is unknown
    if timed_ms <= 0 or timed_words == 0:
        return Timing(None, None, None, len(pauses), pauses)
    minutes = timed_ms / 60000.0
    return Timing(
        words_per_minute=round(timed_words / minutes, 1),
        fillers_per_minute=round(timed_fillers / minutes, 2),
        speaking_seconds=round(timed_ms / 1000.0, 1),
        long_pauses=len(pauses),
        pause_turns=pauses,
    )


def skills_in(text: str, job_skills: list[str]) -> list[str]:
    """Job skills (canonical names) that `text` mentions; every known skill when the job lists none."""
    found = get_taxonomy().find_in_line(text or "")
    if not job_skills:
        return found
    wanted = {skill.lower(): skill for skill in job_skills}
    return [wanted[name.lower()] for name in found if name.lower() in wanted]


def transcript_metrics(
    transcript: list[TranscriptTurnIn],
    *,
    question_count: int = 0,
    required_skills: list[str] | None = None,
    groups: list[AnswerGroup] | None = None,
) -> DeliveryMetrics:
    """Every number in `DeliveryMetrics`, from the transcript alone."""
    groups = groups if groups is not None else group_answers(transcript, question_count)
    candidate_text = " ".join(t.text for t in transcript if t.role == "candidate")
    counts = count_fillers(candidate_text)
    clock = timing(transcript)
    answered = [g for g in groups if g.answered]
    answer_words = [g.words for g in answered]
    star = [sum(T.star_parts(g.text).values()) / 4 for g in answered]
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
        quantified_answers=sum(1 for g in answered if T.quantities(g.text)),
        required_skill_coverage=round(len(shown) / len(required), 3) if required else 0.0,
        answered=len(answered),
        skipped=len(groups) - len(answered),
    )


def delivery_score(metrics: DeliveryMetrics, *, total_words: int) -> tuple[float, str]:
    """0..1 for how the answers were delivered, and a sentence saying what it was based on."""
    if total_words == 0:
        return 0.0, "nothing was said"
    filler_n = sum(metrics.filler_counts.values())
    if metrics.words_per_minute is None:
        estimated = filler_n / (total_words / ASSUMED_WPM)
        return round(filler_score(estimated), 3), (
            f"fillers only (no timestamps; about {estimated:.1f}/min assuming {ASSUMED_WPM:.0f} words per minute)"
        )
    fillers = filler_score(metrics.fillers_per_minute or 0.0)
    pace = pace_score(metrics.words_per_minute)
    pauses = max(0.0, 1.0 - 0.25 * metrics.long_pauses / max(metrics.answered, 1) * 2)
    value = 0.5 * fillers + 0.3 * pace + 0.2 * pauses
    return round(value, 3), "fillers 50%, pace 30%, long pauses 20%"
