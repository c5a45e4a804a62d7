"""The offline scorer reads what was said: negation, real quantities, who did what, story structure,
skill families, copied answers, and quotes that are the candidate's own words."""

import re

import pytest

from interviews.coach import delivery as D
from interviews.coach import text as T
from interviews.coach.offline import OfflineCoach
from interviews.coach.schemas import JobInput, PlannedQuestion
from interviews.coach.schemas import TranscriptTurnIn as Turn
from interviews.coach.scoring import analyse_answer
from interviews.tests import coach_samples as S
from resumes.reading.schemas import JobRequirements, ParsedResume

FULL_STACK = JobInput(title="Full-Stack Engineer", requirements=JobRequirements(
    title="Full-Stack Engineer", skills_required=["JavaScript", "Full-Stack Development", "Frontend Development",
                                                  "Node.js", "PostgreSQL"]))


def shown(text: str, job: JobInput = FULL_STACK) -> list[str]:
    return D.skills_in(text, job.requirements.skills_required)


# --- Negation and hedging never show a skill -------------------------------------------------------------

@pytest.mark.parametrize("text, skill", [
    ("I mostly do backend, not much front end.", "Frontend Development"),
    ("I've never used Node in production.", "Node.js"),
    ("I haven't worked with PostgreSQL yet, but I'd like to learn it.", "PostgreSQL"),
    ("Honestly I don't know JavaScript very well.", "JavaScript"),
    ("We had no front-end developer and little JavaScript experience on the team.", "JavaScript"),
    ("PostgreSQL is something I want to learn next year.", "PostgreSQL"),
    ("I have only read about Node.js, never used it.", "Node.js"),
    ("I'm not really a frontend person.", "Frontend Development"),
])
def test_negated_or_hedged_mentions_do_not_show_the_skill(text, skill):
    assert skill not in shown(text)


@pytest.mark.parametrize("text, skill", [
    ("I built the front end in React and the API in Node and Express.", "Frontend Development"),
    ("Not only did I write the Node service, I also tuned PostgreSQL.", "PostgreSQL"),
    ("I tuned the PostgreSQL indexes, and nothing broke.", "PostgreSQL"),
    ("There was no cache, so I moved the sessions into PostgreSQL.", "PostgreSQL"),
])
def test_real_mentions_still_show_the_skill(text, skill):
    assert skill in shown(text)


def test_a_technology_family_shows_its_language_and_full_stack_work():
    text = ("At Acme I built the booking screens in React and the API in Node with Express, with PostgreSQL behind it.")
    found = shown(text)
    for skill in ("JavaScript", "Full-Stack Development", "Frontend Development", "Node.js", "PostgreSQL"):
        assert skill in found, skill


def test_family_credit_needs_both_halves_for_full_stack():
    assert "Full-Stack Development" not in shown("I built the booking screens in React.")
    assert "JavaScript" in shown("I built the booking screens in React.")


# --- Only real quantities are measured results -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I did half of it and my colleague did the rest.",
    "There were two and then ten of us.",
    "I used Python 3 and Java 17 with step 2 of the process.",
    "It was one of the hardest things.",
    "In 2021 I moved to Berlin.",
])
def test_bare_numbers_and_number_words_are_not_results(text):
    assert T.quantities(text) == []


@pytest.mark.parametrize("text, expected", [
    ("p95 query time dropped by 45%, from 900 ms to 490 ms", ["45%", "900 ms", "490 ms"]),
    ("it saved $8k a month", ["$8k a month"]),
    ("5M customers used it, 3x more than before", ["5M customers", "3x"]),
    ("we cut failed releases from 9 to 2 per quarter", ["9", "2 per quarter"]),
    ("the migration took three weeks instead of two months", ["three weeks", "two months"]),
    ("I halved the on-call pages", ["halved"]),
    ("it served 1,200 orders per minute for 40 partner banks", ["1,200 orders per minute", "40"]),
    ("costs fell by half", ["by half"]),
])
def test_real_quantities_are_results(text, expected):
    assert T.quantities(text) == expected


# --- Pronouns and STAR read what was said ----------------------------------------------------------------

BUILT_ON_I = ("I started by profiling our checkout service, because our customers kept timing out on Fridays. I wrote a "
              "small load test, I found the cart reads hit the database every time, and I moved them into Redis. Our "
              "team reviewed it and our p95 fell from 2 seconds to 300 ms.")


def _analyse(answer: str, kind: str = "behavioral", question: str = "Tell me about a time you improved performance."):
    q = PlannedQuestion(kind=kind, competency="Ownership", text=question, rationale="r",
                        strong_answer_points=["What you personally did, step by step", "The measurable result"])
    group = D.AnswerGroup(0, [Turn(role="interviewer", text=question)], [Turn(role="candidate", text=answer)])
    return analyse_answer(0, q, group, FULL_STACK)


def test_an_answer_built_on_i_is_not_told_it_said_we():
    result = OfflineCoach().score(transcript=[Turn(role="interviewer", text="Q?"), Turn(role="candidate", text=BUILT_ON_I)],
                                  questions=[], resume=ParsedResume(), job=FULL_STACK)
    assert not any("“we”" in p.text or "said “we”" in p.text for p in result.improvements)
    assert "all “we”" not in result.per_question[0].feedback


def test_an_answer_built_on_we_is_told_so_with_the_candidates_own_words():
    answer = ("We had a slow checkout. We looked at it as a team and we decided to add a cache. We shipped it and we were "
              "happy with it in the end, and our customers were too.")
    transcript = [Turn(role="interviewer", text="What did you do about the slow checkout?"),
                  Turn(role="candidate", text=answer)]
    result = OfflineCoach().score(transcript=transcript, questions=[], resume=ParsedResume(), job=FULL_STACK)
    we = [p for p in result.improvements if "“we”" in p.text]
    assert we and we[0].quote in answer and "we" in we[0].quote.lower()


@pytest.mark.parametrize("opening", [
    "The ledger service was a monolith and every release took two days.",
    "Our checkout kept timing out on Fridays.",
    "Two years ago, the billing team was drowning in support tickets.",
    "At Stripe, the reconciliation job failed every month-end.",
])
def test_an_answer_that_opens_with_the_situation_has_one(opening):
    analysis = _analyse(opening + " I split it into three services and I moved each one behind a feature flag. "
                                  "Releases went from two days to 40 minutes.")
    assert analysis.star["situation"]


def test_star_is_not_demanded_of_a_hypothetical_question():
    answer = ("First I would reproduce the bug on a copy of production data, then read the code and its history, and "
              "ask the team where it has broken before. I would add a test that fails, fix it, and watch the error rate.")
    result = OfflineCoach().score(
        transcript=[Turn(role="interviewer", text="How would you approach a bug in code you have never seen?"),
                    Turn(role="candidate", text=answer)],
        questions=[PlannedQuestion(kind="situational", competency="Problem solving", rationale="r",
                                   text="How would you approach a bug in code you have never seen?")],
        resume=ParsedResume(), job=FULL_STACK)
    assert not any("STAR parts not heard" in m for m in result.per_question[0].missing)


# --- Copied answers ----------------------------------------------------------------------------------------

def test_the_same_answer_to_different_questions_is_flagged_and_scores_lower():
    resume, job, match = S.materials("software")
    questions = OfflineCoach().plan_questions(resume=resume, job=job, match=match, options=_options(8)).questions
    same = [S.STRONG_SOFTWARE_ANSWERS[0]] * 8
    varied = S.STRONG_SOFTWARE_ANSWERS + S.MORE_STRONG_SOFTWARE_ANSWERS
    copied = OfflineCoach().score(transcript=S.transcript([q.text for q in questions], same), questions=questions,
                                  resume=resume, job=job)
    mixed = OfflineCoach().score(transcript=S.transcript([q.text for q in questions], varied), questions=questions,
                                 resume=resume, job=job)
    assert copied.score < mixed.score - 15
    assert copied.score < 50
    flagged = [item for item in copied.per_question[1:] if "same as your answer to question 1" in item.feedback]
    assert len(flagged) == 7
    assert any("same answer" in p.text for p in copied.improvements)


def test_near_identical_answers_with_small_edits_are_flagged_too():
    base = S.STRONG_SOFTWARE_ANSWERS[1]
    edited = base.replace("Black Friday", "Cyber Monday").replace("15 minute", "ten minute")
    transcript = [Turn(role="interviewer", text="Q1?"), Turn(role="candidate", text=base),
                  Turn(role="interviewer", text="Q2?"), Turn(role="candidate", text=edited)]
    result = OfflineCoach().score(transcript=transcript, questions=[], resume=ParsedResume(), job=FULL_STACK)
    assert "same as your answer to question 1" in result.per_question[1].feedback
    assert "same as your answer" not in result.per_question[0].feedback


# --- Quotes are the candidate's own words -------------------------------------------------------------------

def test_no_quote_shown_as_the_candidates_comes_from_the_interviewer():
    resume, job, match = S.materials("software")
    questions = OfflineCoach().plan_questions(resume=resume, job=job, match=match, options=_options(4)).questions
    transcript = S.transcript([q.text for q in questions], [S.STRONG_SOFTWARE_ANSWERS[0], "", "We fixed it.", ""])
    result = OfflineCoach().score(transcript=transcript, questions=questions, resume=resume, job=job)
    said = [t.text for t in transcript if t.role == "candidate"]
    for point in result.strengths + result.improvements:
        if point.quote:
            assert any(point.quote in text for text in said), point
    assert any(re.search(r"questions? 2\b", p.text) for p in result.improvements)


def _options(count: int):
    from interviews.coach.schemas import PlanOptions

    return PlanOptions(count=count)


def test_decimals_do_not_split_sentences_or_figures():
    answer = ("At Zalando the product page was slow. I split the bundle and moved rendering to the server, and LCP fell "
              "from 3.1 s to 1.4 s.")
    result = OfflineCoach().score(transcript=[Turn(role="interviewer", text="Q?"), Turn(role="candidate", text=answer)],
                                  questions=[], resume=ParsedResume(), job=FULL_STACK)
    assert "3.1 s" in result.per_question[0].feedback and "(3)" not in result.per_question[0].feedback
    assert [s.text for s in T.sentences("It fell from 3.1 s to 1.4 s. Then v2.0 shipped.")] == [
        "It fell from 3.1 s to 1.4 s.", "Then v2.0 shipped."]
