"""The offline follow-up: one probing question aimed at what the answer leaves out, else None.

What an answer is missing is read from the answer itself (`AnswerReading`): whether it gives a
concrete example at all, whose actions it tells ("I" or only "we"), whether it ends on a result
and whether that result has a number, whether it names its tools and weighs a trade-off. The order
of checks and the wording of each probe live in `data/follow_ups.toml`. Hypothetical questions
("what would you do…") are never answered with a past example, so they are never asked for one:
a clear plan with reasons needs no follow-up.
"""

from dataclasses import dataclass
from functools import cached_property, lru_cache

from interviews.coach import fluency, library, reading
from interviews.coach import text as T
from interviews.coach.phrasing import opens_with_past_verb, skill_phrase
from interviews.coach.schemas import JobInput, PlannedQuestion


@dataclass(frozen=True)
class FollowUpRules:
    probes: dict[str, str]
    thin_words: int
    hypothetical_reasoning: int
    hypothetical_cues: tuple[str, ...]


@lru_cache(maxsize=1)
def rules() -> FollowUpRules:
    data = library.load("follow_ups")
    settings = data["reading"]
    return FollowUpRules(probes=dict(data["probes"]), thin_words=int(settings["thin_words"]),
                         hypothetical_reasoning=int(settings["hypothetical_reasoning"]),
                         hypothetical_cues=tuple(settings["hypothetical_cues"]))


class AnswerReading:
    """What an answer gives and leaves out. The tool it names is looked up only when a probe needs it: the skills
    taxonomy is the slow part, and most thin answers are decided without it."""

    def __init__(self, answer: str):
        self.answer = answer
        self.words = T.word_count(answer)
        own, group = T.i_actions(answer), T.we_actions(answer)
        star = T.star_parts(answer)
        quantities = T.quantities(answer)
        self.own_actions = len(own)
        self.leans_on_we = T.leans_on_we(answer)
        self.quantified = bool(quantities)
        self.result_cue = T.star_cue(answer, "result").strip().lower() if star["result"] else ""
        self.reasoning = T.reasoning_cues(answer)
        acted = bool(own or group) and self.words >= 12
        # A concrete episode: someone did something, somewhere, with some detail.
        self.example = acted and (star["situation"] or self.quantified or star["result"] or bool(self.named))

    @cached_property
    def named(self) -> str:
        """The first tool, product or place the answer names, as written."""
        return _first_named(self.answer)


def read_answer(answer: str) -> AnswerReading:
    return AnswerReading(answer)


def _first_named(answer: str) -> str:
    """The first tool the answer names as written ("Postgres"), else the first proper noun ("Shopwise")."""
    spans = [(start, end) for start, end, _ in reading.mentions(answer) if not reading.negated(answer, start, end)]
    if spans:
        start, end = spans[0]
        return answer[start:end]
    nouns = T.proper_nouns(answer)
    return nouns[0] if nouns else ""


def is_hypothetical(question: PlannedQuestion) -> bool:
    """A question about what the candidate would do, not what they did."""
    if question.kind == "situational":
        return True
    lower = question.text.lower()
    return any(cue in lower for cue in rules().hypothetical_cues)


def follow_up(*, question: PlannedQuestion, answer: str, job: JobInput | None = None) -> str | None:
    """One probing question for what `answer` leaves out, or None when it needs none."""
    probe = _hypothetical_probe(answer) if is_hypothetical(question) else _story_probe(question, answer)
    return T.tidy(probe) if probe else None


def _either(named: str, plain: str, answer: str) -> str:
    """The probe naming the candidate's own word when it reads cleanly (the one fluency check), else the plain one."""
    return fluency.first_fluent(T.tidy(named), T.tidy(plain), sources=fluency.Sources(texts=(answer,))) or plain


def _hypothetical_probe(answer: str) -> str | None:
    probes, seen = rules().probes, read_answer(answer)
    if seen.words == 0:
        return probes["empty"]
    if seen.words < rules().thin_words and seen.reasoning == 0:
        return probes["plan_thin"]
    if seen.reasoning < rules().hypothetical_reasoning:
        return probes["plan_reasoning"]
    return None


def _story_probe(question: PlannedQuestion, answer: str) -> str | None:
    probes, seen = rules().probes, read_answer(answer)
    if seen.words == 0:
        return probes["empty"]
    if not seen.example and (seen.words < rules().thin_words or not (seen.own_actions or seen.quantified)):
        return probes["no_example"]
    if seen.leans_on_we:
        if seen.named:
            return _either(probes["own_part_named"].format(named=seen.named), probes["own_part"], answer)
        return probes["own_part"]
    if not seen.quantified and not seen.result_cue:
        return probes["no_result"]
    if not seen.quantified:
        # "You said it reduced…" only when the cue is a verb in the past tense ("as a result" is not one).
        if len(seen.result_cue.split()) == 1 and opens_with_past_verb(seen.result_cue):
            return _either(probes["numbers"].format(cue=seen.result_cue), probes["numbers_plain"], answer)
        return probes["numbers_plain"]
    if question.kind == "technical":
        if question.skill and not seen.named and not reading.skills_shown(answer, [question.skill]):
            return probes["tools"].format(skill=_skill_phrase(question.skill))
        if seen.reasoning == 0:
            if seen.named:
                return _either(probes["trade_off_named"].format(named=seen.named), probes["trade_off"], answer)
            return probes["trade_off"]
    return None


def _skill_phrase(skill: str) -> str:
    return skill_phrase(skill)
