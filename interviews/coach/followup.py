"""The offline follow-up: one probing question when an answer is thin, else None.

Checks run in order and the first that fires decides the probe, so the candidate is pushed on the
single most useful thing: too short → a specific example; only "we" → their own part; no numbers →
the measurable result; a technical answer naming no tools → the tools and the skill asked about.
"""

from interviews.coach import knowledge as K
from interviews.coach import text as T
from interviews.coach.delivery import skills_in
from interviews.coach.planning import detect_domain, skill_phrase
from interviews.coach.schemas import JobInput, PlannedQuestion
from resumes.taxonomy import get_taxonomy

THIN_ANSWER_WORDS = 25


def follow_up(*, question: PlannedQuestion, answer: str, job: JobInput | None = None) -> str | None:
    words = T.word_count(answer)
    if words == 0:
        return "Take your time — could you give me one specific example, even a small one?"
    if words < THIN_ANSWER_WORDS:
        return "Could you give me a specific example — where were you, what was at stake, and what exactly did you do?"
    if not T.i_actions(answer) and T.we_mentions(answer):
        return "You said “we” — what did you personally do, step by step?"
    if not T.quantities(answer):
        domain = detect_domain(job) if job is not None else "general"
        cue = T.star_cue(answer, "result")
        if cue:
            return f"You said it {cue.lower()} — by how much? What number would show the difference?"
        return f"What was the measurable result — how did you know it worked ({K.METRIC_HINTS[domain]})?"
    if question.kind == "technical" and question.skill:
        shown = skills_in(answer, [question.skill])
        if not shown and not get_taxonomy().find_in_line(answer) and not T.proper_nouns(answer):
            return f"Which tools did you use there, and where exactly did {skill_phrase(question.skill)} come in?"
    return None
