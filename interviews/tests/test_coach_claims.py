"""What the coach says about an answer is true: "covered", "not covered" and strengths only on clear evidence,
advice otherwise; "I'd…" is the first person; another language is named; repeated text is read once (issue 17)."""

import pytest

from interviews.coach import evaluation_scoring, rubric_points
from interviews.coach.offline import OfflineCoach
from interviews.coach.schemas import JobInput, PlannedQuestion
from interviews.coach.schemas import TranscriptTurnIn as Turn
from resumes.reading.schemas import JobRequirements, ParsedResume

DISAGREEMENT = "Tell me about a disagreement you had in a code review. How did it go?"
OTHER_SIDE = "How you understood the other side"


def score(question: str, answer: str, points: list[str], *, kind: str = "behavioral", job: JobInput | None = None,
          skill: str = ""):
    planned = PlannedQuestion(kind=kind, competency="", text=question, rationale="test", strong_answer_points=points,
                              skill=skill)
    return OfflineCoach().score(
        transcript=[Turn(role="interviewer", text=question), Turn(role="candidate", text=answer, input_mode="typed")],
        questions=[planned], resume=ParsedResume(), job=job or JobInput(title="Engineer"))


def test_a_paraphrase_covers_the_point():
    answer = ("A senior engineer kept blocking my pull request because he wanted an extra abstraction layer. I first "
              "asked what problem he was solving, and it turned out he had been burned by a provider switch two years "
              "earlier. I kept my version but put the provider calls behind one interface, and he approved it.")
    item = score(DISAGREEMENT, answer, [OTHER_SIDE]).per_question[0]
    assert OTHER_SIDE in item.covered
    assert OTHER_SIDE not in item.missing
    assert "Not covered" not in item.feedback


def test_saying_the_point_matters_is_not_covering_it():
    answer = ("I always try to understand the other side in code reviews, that's just my philosophy as an engineer. "
              "In this case I explained in the comments why my approach was better, and eventually he approved it.")
    item = score(DISAGREEMENT, answer, [OTHER_SIDE]).per_question[0]
    assert OTHER_SIDE in item.missing
    assert OTHER_SIDE not in item.covered


def test_a_point_the_coach_cannot_tell_is_advised_not_judged():
    question = "How would you design a rate limiter for our public API?"
    point = "The failure mode you would accept"
    answer = ("I'd keep a token bucket per API key in Redis, so every instance behind the load balancer agrees on the "
              "count, and I'd put it in the gateway rather than in each service, because that is where keys are known.")
    item = score(question, answer, [point], kind="technical").per_question[0]
    assert point in item.to_check
    assert point not in item.missing and point not in item.covered
    assert "Make sure you say the failure mode you would accept" in item.feedback
    assert "Not covered" not in item.feedback


def test_what_someone_else_did_shows_nothing_of_the_candidate():
    answer = ("Families are always tricky. In this case the family were very upset, and the doctor spoke to them in the "
              "afternoon. I made sure the patient was comfortable and documented everything in Epic.")
    found = rubric_points.read_point("How you communicated with the family", answer,
                                     "Tell me about a difficult conversation you had with a patient's family.")
    assert found.verdict == rubric_points.NOT_COVERED


def test_a_hypothetical_does_not_answer_a_question_about_what_was_done():
    question = "Have you managed a budget yourself? Tell me about it."
    answer = ("If I had one, I would compare the actuals to the budget every month with each owner and I would ask for "
              "approval before any campaign went more than ten percent over.")
    assert rubric_points.read_point("How you managed the budget", answer, question).verdict != rubric_points.COVERED


def test_first_person_hypothetical_answers_are_not_called_we():
    question = "How would you handle a prospect who tells you that we're too expensive?"
    answer = ("I'd ask what they're comparing us to, because 'too expensive' can mean three different things. Then I'd "
              "go back to the numbers they gave me in discovery and build a one-page ROI with their figures, and I'd "
              "let the controller take it to the CFO. We'd only talk about a discount at the very end.")
    item = score(question, answer, ["How you'd find out what's behind the objection"], kind="situational").per_question[0]
    assert "mostly “we”" not in item.feedback
    assert "How you'd find out what's behind the objection" in item.covered


def test_an_answer_in_another_language_is_named_and_not_told_it_stops_before_the_result():
    pair = next(p for p in evaluation_scoring.load_interview_pairs() if p.id == "special-spanish-strong-answer")
    result = score(pair.question.text, pair.strong, pair.question.strong_answer_points)
    item = result.per_question[0]
    assert item.language == "es"
    assert "in Spanish" in item.feedback
    assert "result" not in item.feedback.lower().split("spanish")[0]
    assert "stops before the result" not in item.feedback
    assert not item.missing  # nothing is called missing from an answer the coach cannot read
    assert any("in Spanish" in point.text for point in result.improvements)
    weak = score(pair.question.text, pair.weak, pair.question.strong_answer_points)
    assert result.score >= weak.score + 25


def test_one_paragraph_repeated_is_noticed_and_counts_less_than_said_once():
    paragraph = ("I handled the outage by rolling the release back within ten minutes, then I posted updates in the "
                 "incident channel every fifteen minutes. The cause was a cache with no size limit, so I added one.")
    once = score("Tell me about an incident you handled.", paragraph, ["What changed afterwards"])
    pasted = score("Tell me about an incident you handled.", "\n\n".join([paragraph] * 30), ["What changed afterwards"])
    item = pasted.per_question[0]
    assert "said 30 times" in item.feedback
    assert pasted.score < once.score
    assert any("30 times" in point.text for point in pasted.improvements)


def test_a_strength_is_never_quoted_from_a_vague_line():
    job = JobInput(title="Front-End Engineer", requirements=JobRequirements(title="Front-End Engineer",
                                                                            skills_required=["React"]))
    answer = ("We use React and stuff, and Next.js, so performance is pretty good out of the box honestly. We did some "
              "optimisation on the images, lazy loading and that kind of thing, and Lighthouse was green after.")
    result = score("Tell me about a time you improved the performance of a web page.", answer,
                   ["What you measured", "What you changed"], job=job, kind="technical")
    quotes = [point.quote for point in result.strengths]
    assert not any("React and stuff" in quote for quote in quotes)
    assert "React" not in result.per_question[0].skills_shown


def test_react_answers_do_not_show_html_and_css():
    job = JobInput(title="Front-End Engineer", requirements=JobRequirements(title="Front-End Engineer",
                                                                            skills_required=["HTML", "CSS", "React"]))
    answer = ("I rebuilt the checkout in React with hooks and moved the state into a reducer; the error rate on "
              "submit fell from 3% to 0.4% in two weeks.")
    assert score("Tell me about a front-end project.", answer, [], job=job).per_question[0].skills_shown == ["React"]


def test_a_safety_story_shows_workplace_safety():
    job = JobInput(title="Warehouse Supervisor", requirements=JobRequirements(title="Warehouse Supervisor",
                                                                              skills_required=["Workplace Safety"]))
    answer = ("After two forklift incidents in one month I introduced a daily safety walk on nights and near-miss "
              "reporting on a card at each dock. Over the next quarter our safety incidents fell by 40%.")
    assert "Workplace Safety" in score("Tell me about a safety improvement.", answer, [], job=job).per_question[0].skills_shown


# --- The figures that count: held-out, on data written apart from the coach ------------------------------------------

@pytest.fixture(scope="module")
def judgements():
    coach = OfflineCoach()
    return [evaluation_scoring.judge(coach, item) for item in evaluation_scoring.load_judgements()]


def test_covered_and_not_covered_claims_are_right_on_the_held_out_judgements(judgements):
    figures = evaluation_scoring.claim_figures([r for r in judgements if r.split == "held_out"])
    assert figures.items >= 60
    assert figures.covered_precision >= evaluation_scoring.MIN_PRECISION
    assert figures.not_covered_precision >= evaluation_scoring.MIN_PRECISION
    # and the coach still says something: at least half of the held-out items get a verdict
    assert figures.covered_claims + figures.not_covered_claims >= figures.items / 2


def test_strong_answers_beat_weak_ones_by_25_points_in_every_field_held_out():
    figures = evaluation_scoring.pair_figures(OfflineCoach())["held_out"]
    assert len(figures) >= 12
    short = [f"{f.field}: {f.short}" for f in figures if f.short or f.ordered < f.pairs]
    assert not short
