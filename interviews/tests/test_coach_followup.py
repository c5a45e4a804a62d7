"""Follow-ups that read the answer: probe what is missing, never ask for an example already given,
nothing after a hypothetical answered well, and written as clean sentences."""

import pytest

from interviews.coach.followup import follow_up
from interviews.coach.schemas import PlannedQuestion
from interviews.tests import coach_samples as S

STORY = PlannedQuestion(kind="behavioral", competency="Ownership", rationale="r",
                        text="Tell me about a time you took ownership of a problem nobody else was handling.")
HYPOTHETICAL = PlannedQuestion(kind="situational", competency="Judgement under pressure", rationale="r",
                               text="A release is due tomorrow and you find a bug that might corrupt customer data. "
                                    "What do you do?")
TECHNICAL = PlannedQuestion(kind="technical", competency="PostgreSQL", skill="PostgreSQL", rationale="r",
                            text="At Payflow you moved the ledger to PostgreSQL. How did you keep queries fast?")
GAP = PlannedQuestion(kind="technical", competency="Kubernetes", skill="Kubernetes", rationale="r",
                      text="The job asks for Kubernetes, which your resume doesn't show. How would you get up to speed "
                           "on your first task that needs it?")


def test_a_short_but_specific_example_is_not_asked_for_an_example():
    answer = "At Acme I rewrote the nightly importer in Go and cut the run from 6 hours to 40 minutes."
    probe = follow_up(question=STORY, answer=answer)
    assert probe is None or "example" not in probe


def test_a_specific_story_told_as_we_asks_for_the_candidates_own_part():
    answer = ("At Shopwise the checkout kept falling over every Black Friday, so we profiled it, we moved the cart into "
              "Redis and we added a queue for payment callbacks. The next Black Friday we handled 1,200 orders a minute.")
    probe = follow_up(question=STORY, answer=answer)
    assert probe and "personally" in probe and "example" not in probe


def test_a_story_without_an_ending_asks_what_changed():
    answer = ("At Shopwise the nightly importer kept failing, so I read the logs, I found a race in the retry code and I "
              "rewrote the retry logic with a lock, then I asked the finance team to try it on Monday.")
    probe = follow_up(question=STORY, answer=answer)
    assert probe and "measurable" in probe


def test_a_result_without_a_number_asks_by_how_much_in_the_candidates_words():
    answer = ("At Shopwise the nightly importer kept failing, so I read the logs, I found a race in the retry code and I "
              "rewrote the retry logic with a lock, which reduced the failures for the finance team a lot.")
    probe = follow_up(question=STORY, answer=answer)
    assert probe == "You said it reduced — by how much? What number would show the difference?"


@pytest.mark.parametrize("answer", S.STRONG_SOFTWARE_ANSWERS + S.MORE_STRONG_SOFTWARE_ANSWERS)
def test_strong_stories_get_no_follow_up(answer):
    assert follow_up(question=STORY, answer=answer) is None


def test_a_hypothetical_answered_well_gets_nothing_more():
    answer = ("First I would check how many customers and which data the bug can touch, because that decides "
              "everything. Then I would tell the release owner straight away, with three options: fix it tonight, ship "
              "with the feature flagged off, or delay a day. The risk of shipping is worse than a day's delay, so I "
              "would push to delay unless the flag fully isolates it, and I'd add a test so it cannot come back.")
    assert follow_up(question=HYPOTHETICAL, answer=answer) is None


def test_a_thin_hypothetical_asks_for_the_first_step_not_a_past_example():
    probe = follow_up(question=HYPOTHETICAL, answer="I would tell my manager and fix it.")
    assert probe and "first step" in probe and "example" not in probe and "time" not in probe


def test_a_plan_without_reasons_asks_what_would_be_weighed():
    answer = ("I would tell the release owner, look at the logs, write a fix, get it reviewed, run the tests, deploy it "
              "to staging, check the data there, deploy to production and watch the dashboards for a day.")
    probe = follow_up(question=HYPOTHETICAL, answer=answer)
    assert probe and "weigh" in probe


def test_a_gap_question_is_hypothetical_too():
    answer = ("I'd start with the official tutorial and deploy one of our smaller services to a test cluster first, "
              "because that is where the team's conventions show, then pair with whoever owns the cluster.")
    assert follow_up(question=GAP, answer=answer) is None


def test_a_technical_story_without_a_trade_off_asks_about_the_choice_it_names():
    answer = ("At Payflow the month-end queries timed out, so I added covering indexes on the ledger tables and moved "
              "the reports onto a read replica in PostgreSQL, and p95 fell from 900 ms to 120 ms.")
    probe = follow_up(question=TECHNICAL, answer=answer)
    assert probe and probe.startswith("Why ") and any(name in probe for name in ("PostgreSQL", "Payflow", "covering indexes"))


def test_a_technical_story_naming_no_tool_asks_for_the_tools():
    answer = ("I looked at the slowest reports first, I rewrote three of them and I measured each change, which cut the "
              "time of the monthly report from 40 minutes to 6 minutes for the whole finance department.")
    probe = follow_up(question=TECHNICAL, answer=answer)
    assert probe and "PostgreSQL" in probe


@pytest.mark.parametrize("question", [STORY, HYPOTHETICAL, TECHNICAL, GAP])
@pytest.mark.parametrize("answer", ["We fixed it.", "", "Um.", "It went well in the end I think...",
                                    "We moved it to Postgres. It was faster.", "I did the thing. Then it was done.."])
def test_every_probe_is_a_clean_question(question, answer):
    probe = follow_up(question=question, answer=answer)
    if probe is not None:
        assert probe.endswith("?") and ".." not in probe and "?." not in probe and "{" not in probe
